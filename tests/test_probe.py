"""What a demanding user and an attacker found by probing the installed command (the
probe round): each test runs articlecli as that user did and asserts what they
would notice. One error line with status 2, never an internal error (70)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.paths import article_ids

from .conftest import BUNDLED, run_cli

TIMEOUT = 30
SGR = re.compile("\x1b\\[[0-9;]*m")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and links")


def program(*args: str, env: dict[str, str] | None = None,
            stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """articlecli in its own process, with the test's isolated settings."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("ARTICLECLI_") and name not in ("NO_COLOR", "PAGER")}
    environment.update(env or {})
    done = subprocess.run([sys.executable, "-m", "articlecli", *args], input=stdin,
                          capture_output=True, env=environment, timeout=TIMEOUT, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(),
                                       done.stderr.decode())


def one_error(stderr: str, *expected: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("articlecli: error: "), stderr
    for part in expected:
        assert part in stderr, stderr


# --- an empty path is not the current folder ----------------------------------------------

@pytest.mark.parametrize("args", [("--data", "", "list"), ("validate", ""),
                                  ("import", str(BUNDLED), "-o", "")])
def test_an_empty_path_is_a_usage_error_not_the_current_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)  # what "" used to mean: import wrote here, list read here
    (tmp_path / "here.yaml").write_bytes(BUNDLED.read_bytes())
    outcome = run_cli(*args)
    assert outcome.status == 2
    one_error(outcome.stderr, "an empty path")
    assert outcome.stdout == ""
    assert [path.name for path in tmp_path.glob("*.yaml")] == ["here.yaml"]  # nothing written


def test_an_empty_articlecli_data_still_means_unset() -> None:
    done = program("list", env={"ARTICLECLI_DATA": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("article ")


# --- validate reads standard input, and says why a path cannot be used -------------------

def test_validate_dash_checks_standard_input() -> None:
    broken = b"title: a\ntitle: b\n"
    done = program("validate", "-", stdin=broken)
    assert done.returncode == 1
    assert "<stdin>:2:1: error: title: duplicate key" in done.stdout
    assert "no such file" not in done.stdout + done.stderr
    assert done.stderr == "articlecli: 1 file checked: 4 errors, 0 warnings\n"


def test_validate_with_data_from_standard_input_checks_it() -> None:
    done = program("--data", "-", "validate", stdin=BUNDLED.read_bytes())
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("<stdin>:4:10: warning: updated")
    assert done.stderr == "articlecli: 1 file checked: 0 errors, 1 warning\n"


@posix_only
def test_a_loop_of_links_is_named_as_one_not_as_a_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    checked = run_cli("validate", str(tmp_path / "a.yaml"), str(tmp_path / "dangling.yaml"))
    assert checked.status == 1
    assert f"{tmp_path / 'a.yaml'}:1:1: error: too many levels of symbolic links" in \
        checked.stdout
    assert f"{tmp_path / 'dangling.yaml'}:1:1: error: a link to a missing file" in \
        checked.stdout
    read = run_cli("--data", str(tmp_path / "a.yaml"), "read")
    assert read.status == 2
    one_error(read.stderr, "too many levels of symbolic links", "a.yaml")
    missing = run_cli("--data", str(tmp_path / "none.yaml"), "read")
    one_error(missing.stderr, "no such file or folder:")


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files without read permission")
def test_an_unreadable_file_is_reported_like_any_other_problem(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_bytes(BUNDLED.read_bytes())
    locked.chmod(0)
    other = tmp_path / "broken.yaml"
    other.write_text("title: x\n", encoding="utf-8")
    checked = run_cli("validate", str(other), str(locked))
    assert checked.status == 1
    assert f"{locked}:1:1: error: cannot read: Permission denied" in checked.stdout
    assert f"{other}:1:1: error: published" in checked.stdout  # not lost to the other
    read = run_cli("--data", str(locked), "read")
    one_error(read.stderr, f"{locked}:1:1: cannot read: Permission denied")
    assert "ARTICLECLI_DATA" not in read.stderr  # it was given as --data


# --- settings that used to be internal errors ---------------------------------------------

def test_a_config_path_with_an_unknown_user_is_a_config_error(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('data = "~no-such-user-here/news"\n', encoding="utf-8")
    done = program("list", env={"ARTICLECLI_CONFIG": str(config)})
    assert done.returncode == 2
    one_error(done.stderr, f"{config}: data: expected a path whose ~ names a home folder; "
              "got '~no-such-user-here/news'")
    named = program("list", env={"ARTICLECLI_CONFIG": "~no-such-user-here/config.toml"})
    assert named.returncode == 2
    one_error(named.stderr, "~no-such-user-here/config.toml: no such home folder")


@pytest.mark.parametrize("timeout", ["inf", "nan", "-inf"])
def test_a_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(timeout: str) -> None:
    outcome = run_cli("import", "http://127.0.0.1:9/story", "--timeout", timeout)
    assert outcome.status == 2
    one_error(outcome.stderr, "--timeout")
    assert "URL" not in outcome.stderr


def test_cache_clear_without_a_cache_folder_says_so(tmp_path: Path) -> None:
    done = program("cache", "clear", env={"HOME": "relative", "XDG_CACHE_HOME": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "no cache to clear (no usable home folder)\n"


def test_cache_info_counts_one_article_as_one(tmp_path: Path) -> None:
    assert run_cli("read", "--toc").status == 0  # the bundled article, cached
    shown = run_cli("cache", "info").stdout
    assert ": 1 article\n" in shown
    assert "1 articles" not in shown


# --- narrow widths lose no text --------------------------------------------------------------

@pytest.mark.parametrize("color", [True, False])
@pytest.mark.parametrize("width", ["1", "5", "19"])
def test_a_tiny_width_wraps_at_20_columns_and_loses_no_text(width: str, color: bool) -> None:
    outcome = run_cli("--width", width, *(["--color", "always"] if color else []), "faq")
    shown = SGR.sub("", outcome.stdout)
    assert outcome.status == 0
    lines = shown.splitlines()
    assert max(len(line) for line in lines) <= 20
    assert " ".join(shown.split()).startswith(
        "Q: What did Putin say about Western troops in Ukraine? A: Putin warned")


def test_colour_output_ends_no_line_in_spaces() -> None:
    outcome = run_cli("--width", "30", "--color", "always", "faq")
    assert outcome.stdout.count("\n") > 10
    for line in outcome.stdout.splitlines():
        assert not SGR.sub("", line).endswith(" "), repr(line)


# --- Markdown export shows the text as written --------------------------------------------

TRICKY = ["---", "~~~ a fence would swallow the rest", "&amp; is not &", "&#65; is not A",
          "=== and more"]


def test_markdown_export_shows_every_paragraph_as_written(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    from articlecli.articles.loader import dump_yaml, load_article
    from articlecli.model import Section

    article = replace(load_article(BUNDLED), sections=(
        Section("Trailing hashes ##", tuple(TRICKY)),
        Section("A list", ("- ---\n- # not a heading\n- 1. not numbered",))))
    (tmp_path / "tricky.yaml").write_text(dump_yaml(article), encoding="utf-8")
    outcome = run_cli("--data", str(tmp_path / "tricky.yaml"), "export", "--format", "markdown")
    assert outcome.status == 0
    tokens = MarkdownIt("commonmark").parse(outcome.stdout)
    assert not [token.type for token in tokens if token.type in ("hr", "fence", "code_block")]
    texts = ["".join(child.content for child in token.children or [])
             for token in tokens if token.type == "inline"]
    assert "Trailing hashes ##" in texts, texts
    for paragraph in TRICKY:
        assert paragraph in texts, (paragraph, texts)
    assert texts[texts.index("A list") + 1:][:3] == ["---", "# not a heading",
                                                     "1. not numbered"]


# --- one line stays one line ----------------------------------------------------------------

def test_line_separators_do_not_split_a_json_line_or_a_list_entry(tmp_path: Path) -> None:
    question = "what did putin\u2028say"
    done = program("ask", "--json", question)
    lines = done.stdout.splitlines()  # as a Python reader of JSON Lines splits them
    assert len(lines) == 1
    assert json.loads(lines[0])["query"] == question  # the data itself is exact
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a\u2029b.yaml").write_bytes(BUNDLED.read_bytes())
    listed = program("--data", str(folder), "list").stdout
    assert len(listed.splitlines()) == 1
    assert listed.startswith("a\\u2029b ")


# --- one question too long does not end a batch or the prompt -----------------------------

LONG = "x" * 1001


def test_a_too_long_question_in_a_batch_is_reported_and_the_rest_answered() -> None:
    outcome = run_cli("ask", "--json", stdin=f"what did putin say\n{LONG}\n\nprospects for peace\n")
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: line 2: the question is 1,001 characters "
                              "long; ask in at most 1,000\n")
    answered = [json.loads(line)["query"] for line in outcome.stdout.splitlines()]
    assert answered == ["what did putin say", "prospects for peace"]
    text = run_cli("ask", stdin=f"what did putin say\n{LONG}\nprospects for peace\n")
    assert text.status == 2
    assert "\n\n\n" not in text.stdout  # one blank line between answers, as ever
    assert text.stdout.count("Q: ") == 2


def test_a_too_long_question_at_the_prompt_is_shown_and_the_prompt_goes_on() -> None:
    outcome = run_cli("ask", stdin=f"{LONG}\nwhat did putin say\n", tty=True, stdin_tty=True)
    assert outcome.status == 0
    assert "the question is 1,001 characters long" in outcome.stderr
    assert "Putin warned" in outcome.stdout


# --- completion shows article text as text ------------------------------------------------

def test_completion_descriptions_are_escaped_and_ids_with_controls_left_out(
        tmp_path: Path) -> None:
    from articlecli.articles.loader import dump_yaml, load_article
    from articlecli.cli.completion import complete_article, complete_section

    from .test_interactive import completion_context

    article = load_article(BUNDLED)
    sections = list(article.sections)
    sections[1] = replace(sections[1], heading="The Context\nof the [i]Warning[/i]")
    hostile = dump_yaml(replace(article, title="\x1b]0;pwned\x07 [bold]Why[/bold] :fire:",
                                sections=tuple(sections)))
    (tmp_path / "plain.yaml").write_text(hostile, encoding="utf-8")
    (tmp_path / "new\nline.yaml").write_text(hostile, encoding="utf-8")
    ctx = completion_context("--data", str(tmp_path), "read")
    articles = complete_article(ctx, "")
    assert [value for value, _ in articles] == ["plain"]
    assert articles[0][1] == "\\x1b]0;pwned\\x07 \\[bold]Why\\[/bold] :fire:"
    ctx.params["article"] = "plain"
    completed = complete_section(ctx, "")
    assert completed[1] == ("2", "The Context\\nof the \\[i]Warning\\[/i]")
    assert complete_section(ctx, "context") == []  # a newline would split the word
    zsh = subprocess.run(
        [sys.executable, "-m", "articlecli"], capture_output=True, timeout=TIMEOUT, check=False,
        env={**os.environ, "_ARTICLECLI_COMPLETE": "complete_zsh",
             "_TYPER_COMPLETE_ARGS": f"articlecli --data {tmp_path / 'plain.yaml'} read "})
    assert b"\x1b" not in zsh.stdout
    assert b'"2":"The Context\\nof the [i]Warning[/i]"' in zsh.stdout, zsh.stdout


# --- two files, one article id ------------------------------------------------------------

def test_two_files_of_one_name_keep_their_suffixes_as_ids(tmp_path: Path) -> None:
    """x.yaml and x.yml would both be article 'x': each keeps its suffix instead, so
    list shows two ids, -a reaches each, and validate says why."""
    text = BUNDLED.read_text(encoding="utf-8")
    (tmp_path / "x.yaml").write_text(text.replace("title: Why", "title: First, why", 1),
                                     encoding="utf-8")
    (tmp_path / "x.yml").write_text(text.replace("title: Why", "title: Second, why", 1),
                                    encoding="utf-8")
    (tmp_path / "y.yaml").write_text(text, encoding="utf-8")
    checked = run_cli("validate", str(tmp_path))
    assert checked.status == 0  # warnings: both still load
    assert (f"{tmp_path / 'x.yml'}:1:1: warning: {tmp_path / 'x.yaml'} has the same name, so "
            "this article's id keeps its suffix: 'x.yml'") in checked.stdout
    assert f"{tmp_path / 'x.yaml'}:1:1: warning: " in checked.stdout
    listed = run_cli("--data", str(tmp_path), "list", "--json")
    assert sorted(entry["id"] for entry in json.loads(listed.stdout)) == ["x.yaml", "x.yml", "y"]
    for name, title in (("x.yaml", "First, why"), ("x.yml", "Second, why")):
        assert run_cli("--data", str(tmp_path), "read", "-a", name).stdout.startswith(title)
    ambiguous = run_cli("--data", str(tmp_path), "read")
    assert "choose one with --article: x.yaml, x.yml, y" in ambiguous.stderr


def test_article_ids_are_unique_however_names_collide() -> None:
    assert article_ids(["a.yaml", "w/b.yml"]) == ["a", "w/b"]
    # x.yaml's id with its suffix would be x.yaml.yaml's without: that one keeps its too.
    assert article_ids(["x.yaml", "x.yaml.yaml", "x.yml"]) == ["x.yaml", "x.yaml.yaml", "x.yml"]
    assert article_ids(["x.yaml", "x.yaml.yaml"]) == ["x", "x.yaml"]


# --- an option of articlecli's own after the command --------------------------------------

def test_a_global_option_after_the_command_says_where_it_goes() -> None:
    late = run_cli("list", "--data", "articles")
    assert late.status == 2
    one_error(late.stderr, "No such option: --data; --data goes before the command: "
              "'articlecli --data ... list' (see 'articlecli list --help')")
    flag = run_cli("cache", "info", "--no-cache")
    one_error(flag.stderr, "'articlecli --no-cache cache info'")
    unknown = run_cli("read", "--bogus")
    assert unknown.stderr == ("articlecli: error: No such option: --bogus (see 'articlecli "
                              "read --help')\n")


def test_a_commands_option_before_the_command_says_where_it_goes() -> None:
    early = run_cli("-a", "article", "read")
    assert early.status == 2
    one_error(early.stderr, "No such option: -a; -a goes after the command: "
              "'articlecli read -a ...' (see 'articlecli --help')")
    flag = run_cli("--json", "faq")
    one_error(flag.stderr, "--json goes after the command: 'articlecli faq --json'")
    valued = run_cli("--data", "list", "-n", "3", "search", "x")  # a folder named "list"
    one_error(valued.stderr, "-n goes after the command: 'articlecli search -n ...'")
    unknown = run_cli("--bogus", "read")
    assert unknown.stderr == ("articlecli: error: No such option: --bogus (see 'articlecli "
                              "--help')\n")


def test_ask_takes_the_question_without_quotes() -> None:
    unquoted = run_cli("ask", "--json", "what", "did", "putin", "say")
    quoted = run_cli("ask", "--json", "what did putin say")
    assert unquoted.status == quoted.status == 0, unquoted.stderr
    assert unquoted.stdout == quoted.stdout
    assert json.loads(unquoted.stdout)["query"] == "what did putin say"
    empty = run_cli("ask", "", "  ")
    assert empty.status == 2
    one_error(empty.stderr, "the question is empty")


def test_cache_info_says_when_the_cache_folder_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "articlecli").write_text("not a folder", encoding="utf-8")
    done = program("cache", "info", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 0
    assert done.stdout.startswith(f"cache folder: {tmp_path / 'articlecli'} (not a folder: "
                                  "nothing can be cached)\n")
