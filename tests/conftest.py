"""Shared test helpers: run the CLI in-process with an injected Environment."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from articlecli.cli.app import app
from articlecli.store.library import bundled_article_path
from articlecli.ui.terminal import Environment

# pytest-xdist already runs a process per core; the sentence encoder's BLAS threads on
# top of that fight over the cores (the corpus tests took four times as long).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# The tests start hundreds of Python processes: with PYTHONDONTWRITEBYTECODE set (as on
# these machines) each would compile numpy, typer and the rest again. Let the first
# compile them once; nothing a test checks depends on it.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "article.txt"
BUNDLED = bundled_article_path()


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str = "", tty: bool = False, color: bool = False,
            width: int = 80, stdin_tty: bool = False, height: int = 24,
            pager: bool | None = False) -> Outcome:
    """Run articlecli as a user would, with the terminal described by the flags
    (``pager=None``: page long output as a real terminal would)."""
    out, err = io.StringIO(), io.StringIO()
    env = Environment(stdin=io.StringIO(stdin), stdout=out, stderr=err, stdin_isatty=stdin_tty,
                      stdout_isatty=tty, no_color=not color, force_color=False,
                      terminal_width=width, terminal_height=height, debug=False, pager=pager)
    # click writes --help to sys.stdout itself, so catch that too
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = app(list(args), prog_name="articlecli", standalone_mode=False, obj=env)
    return Outcome(int(status), out.getvalue(), err.getvalue())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each slow test (the corpus evaluations, half a minute each) is the first of one
    worker's first batch, so that they run side by side from the start rather than one
    after another at the end. pytest-xdist's load scheduling hands each worker a first
    batch of consecutive tests, a quarter of its share."""
    slow = [item for item in items if item.get_closest_marker("slow")]
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if not slow or workers < 2:
        return
    rest = [item for item in items if not item.get_closest_marker("slow")]
    batch = max(2, len(items) // workers // 4)
    places = sorted(((number % workers) * batch + number // workers, item)
                    for number, item in enumerate(slow))
    for place, item in places:
        rest.insert(min(place, len(rest)), item)
    items[:] = rest


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's data, pager, colour or cache settings."""
    for name in ("ARTICLECLI_DATA", "NO_COLOR", "PAGER", "ARTICLECLI_DEBUG",
                 "ARTICLECLI_MAX_BYTES", "ARTICLECLI_CACHE_DIR", "ARTICLECLI_NO_CACHE",
                 "FORCE_COLOR", "ARTICLECLI_PAGER", "ARTICLECLI_CONFIG", "LESS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def load_script(name: str) -> ModuleType:
    """scripts/NAME.py as a module, for tests of the repo's own scripts."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
