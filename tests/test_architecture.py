"""The layers stay visible and honest: what may import what, and what start-up loads."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "src" / "articlecli"
# From the ground up; a module may import only from its own layer or those below.
LAYERS = ["ground", "qa", "articles", "store", "ui", "cli"]
GROUND = {"model", "errors", "safetext", "tomltext", "__init__"}
# Heavy modules that only some commands need.
HEAVY = ("yaml", "rich", "articlecli.qa.matcher", "textual", "trafilatura", "numpy")
# What only importing web pages, Markdown and feeds needs.
WEB_IMPORT = ("trafilatura", "htmldate", "lxml", "feedparser", "markdown_it")


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 2:
        return parts[1]
    if module not in MODULES and module not in PACKAGES:  # a name from articlecli/__init__
        return "ground"
    return "ground" if parts[-1] in GROUND else "entry"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(relative.parts).removesuffix(".__init__")


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
PACKAGES = {f"articlecli.{layer}" for layer in LAYERS}


def imports_of(path: Path) -> list[tuple[str, bool]]:
    """(absolute module imported, at module level?) for each import in ``path``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            targets = [base] if node.module else [f"{base}.{alias.name}" for alias in node.names]
            found += [(target, id(node) in top_level) for target in targets]
        elif isinstance(node, ast.Import):
            found += [(alias.name, id(node) in top_level) for alias in node.names]
    return found




@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_its_own(module: str) -> None:
    here = layer_of(module)
    if here == "entry":
        return
    for target, _ in imports_of(MODULES[module]):
        if not target.startswith("articlecli.") or target == "articlecli":
            continue
        there = layer_of(target)
        assert there == "ground" or (
            there in LAYERS and LAYERS.index(there) <= LAYERS.index(here)), \
            f"{module} ({here}) imports {target} ({there})"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_typer_only_in_the_cli_and_rich_only_in_the_cli_and_ui(module: str) -> None:
    layer = layer_of(module)
    for target, _ in imports_of(MODULES[module]):
        root = target.split(".")[0]
        if root in ("typer", "click"):
            assert layer in ("cli", "entry"), f"{module} imports {target}"
        if root in ("rich", "textual"):
            assert layer in ("cli", "ui"), f"{module} imports {target}"
        if target.startswith("typer._"):
            assert module == "articlecli.cli.clickcompat", f"{module} imports {target}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_textual_only_in_the_browse_package_which_only_the_browse_command_imports(
        module: str) -> None:
    for target, top_level in imports_of(MODULES[module]):
        if target.split(".")[0] == "textual":
            assert module.startswith("articlecli.ui.browse."), f"{module} imports {target}"
        if target.startswith("articlecli.ui.browse") and \
                not module.startswith("articlecli.ui.browse"):
            assert module == "articlecli.cli.app" and not top_level, \
                f"{module} imports {target}"


def test_module_level_imports_have_no_loops() -> None:
    graph = {module: {target for target, top in imports_of(path)
                      if top and target in MODULES and target != module}
             for module, path in MODULES.items()}
    done: set[str] = set()

    def visit(module: str, trail: list[str]) -> None:
        assert module not in trail, "import loop: " + " -> ".join([*trail, module])
        if module in done:
            return
        for target in graph[module]:
            visit(target, [*trail, module])
        done.add(module)

    for module in graph:
        visit(module, [])


def _is_dataclass(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        named = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(named, ast.Name) and named.id == "dataclass":
            return True
    return False


def test_every_dataclass_has_a_docstring() -> None:
    """@dataclass gives a class without one its signature as its docstring, through
    inspect.signature: about 0.1 ms of every start for each such class loaded."""
    for module, path in sorted(MODULES.items()):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and _is_dataclass(node):
                assert ast.get_docstring(node), f"{module}.{node.name} has no docstring"


def test_the_typer_internals_the_boundary_uses_are_still_there() -> None:
    from articlecli.cli import clickcompat

    assert issubclass(clickcompat.NoArgsIsHelpError, clickcompat.UsageError)
    assert issubclass(clickcompat.UsageError, clickcompat.ClickException)


_PROBE = """
import atexit, json, sys
from pathlib import Path
record = Path(sys.argv[1])
atexit.register(lambda: record.write_text(json.dumps(sorted(sys.modules))))
sys.argv = ["articlecli", *sys.argv[2:]]
from articlecli.__main__ import run
run()
"""


def loaded_modules(tmp_path: Path, *args: str) -> set[str]:
    """The modules a real run of ``articlecli ARGS`` (stdout a pipe) has loaded at exit."""
    record = tmp_path / "modules.json"
    environment = {**os.environ, "ARTICLECLI_CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("ARTICLECLI_NO_CACHE", None)
    subprocess.run([sys.executable, "-c", _PROBE, str(record), *args], env=environment,
                   capture_output=True, check=False, timeout=60)
    return set(json.loads(record.read_text()))


def heavy(modules: set[str]) -> set[str]:
    return {name for name in HEAVY if name in modules}


def test_version_loads_nothing_heavy(tmp_path: Path) -> None:
    assert heavy(loaded_modules(tmp_path, "--version")) == set()


@pytest.mark.parametrize("command", [["read"], ["read", "--toc"], ["takeaways"], ["faq"],
                                     ["list"], ["export"]])
def test_a_warm_reading_command_in_a_pipe_loads_nothing_heavy(tmp_path: Path,
                                                              command: list[str]) -> None:
    loaded_modules(tmp_path, *command)  # fills the cache
    assert heavy(loaded_modules(tmp_path, *command)) == set()


def test_a_warm_ask_loads_the_matcher_but_not_yaml_rich_or_the_tui(tmp_path: Path) -> None:
    loaded_modules(tmp_path, "ask", "what did putin say")
    assert heavy(loaded_modules(tmp_path, "ask", "what did putin say")) == \
        {"articlecli.qa.matcher"}


def test_only_a_question_the_first_look_is_unsure_of_loads_the_sentence_encoder(
        tmp_path: Path) -> None:
    """numpy and the encoder's weights are for the second look alone (qa/deep.py)."""
    loaded_modules(tmp_path, "ask", "is there any hope")
    assert heavy(loaded_modules(tmp_path, "ask", "is there any hope")) == \
        {"articlecli.qa.matcher", "numpy"}


def test_a_cold_read_loads_yaml_but_not_the_matcher(tmp_path: Path) -> None:
    assert heavy(loaded_modules(tmp_path, "read")) == {"yaml"}


def test_without_a_config_file_ask_loads_no_toml_parser_nor_readline(tmp_path: Path) -> None:
    loaded_modules(tmp_path, "ask", "what did putin say")
    modules = loaded_modules(tmp_path, "ask", "what did putin say")
    assert not {"tomllib", "tomli", "readline"} & modules


def test_a_warm_ask_loads_neither_openssl_nor_shlex_nor_the_search_module(
        tmp_path: Path) -> None:
    """Each would add to every start: hashlib loads OpenSSL (about 2 ms; the store
    names its databases with _sha1), shlex is for the pager, and articles.search is
    for indexing a file afresh."""
    loaded_modules(tmp_path, "ask", "what did putin say")
    modules = loaded_modules(tmp_path, "ask", "what did putin say")
    assert not {"hashlib", "_hashlib", "shlex", "articlecli.articles.search"} & modules


@pytest.mark.parametrize("command", [["--version"], ["read"], ["ask", "what did putin say"],
                                     ["export"]])
def test_no_command_but_import_loads_the_web_importers(tmp_path: Path,
                                                       command: list[str]) -> None:
    loaded_modules(tmp_path, *command)  # fills the cache
    assert {name for name in WEB_IMPORT if name in loaded_modules(tmp_path, *command)} == set()


def test_importing_a_text_article_loads_only_what_it_needs(tmp_path: Path) -> None:
    modules = loaded_modules(tmp_path, "import", str(REPO / "tests" / "fixtures" / "bakery.txt"))
    assert "articlecli.articles.importers.text" in modules
    assert {name for name in WEB_IMPORT if name in modules} == set()


def test_importing_a_page_loads_the_html_importer_but_not_the_feed_reader(tmp_path: Path) -> None:
    page = REPO / "tests" / "fixtures" / "web" / "story-three.html"
    modules = loaded_modules(tmp_path, "import", str(page))
    assert {"trafilatura", "lxml"} <= modules
    assert "feedparser" not in modules


def test_textual_is_loaded_by_browse_alone(tmp_path: Path) -> None:
    """No command but browse loads Textual; browse refused in a pipe does not either."""
    assert "textual" in HEAVY
    for command in (["--version"], ["read"], ["ask", "what did putin say"], ["search", "peace"],
                    ["browse"]):
        assert "textual" not in loaded_modules(tmp_path, *command), command
