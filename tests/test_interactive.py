"""Issue 11 on a real terminal (a pseudo-terminal): the ask prompt's editing, history
and exits, the pager with colour, and shell completion as the shell asks for it."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
import typer

from articlecli.cli.app import app
from articlecli.cli.completion import complete_article, complete_section

from .conftest import REPO, load_script

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
TIMEOUT = 20


def spawn(*args: str, env: dict[str, str] | None = None, rows: int = 24,
          columns: int = 80) -> pexpect.spawn[str]:
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("NO_COLOR", "PAGER", "LESS")}
    environment.update({"TERM": "xterm-256color", **(env or {})})
    return pexpect.spawn(sys.executable, ["-m", "articlecli", *args], env=environment,
                         cwd=str(REPO), dimensions=(rows, columns), timeout=TIMEOUT,
                         encoding="utf-8")


def history_file() -> Path:
    return Path(os.environ["XDG_STATE_HOME"]) / "articlecli" / "history"


# --- The ask prompt ----------------------------------------------------------------------


def ask_at_prompt(typed: str, *, leave_with_eof: bool = True) -> str:
    """Type ``typed`` at the ask prompt, wait for the answer about Western troops,
    leave (Ctrl-D, or an empty line), and return all the terminal showed."""
    shown = io.StringIO()
    child = spawn("ask")
    child.logfile_read = shown
    child.expect_exact("ask> ")
    child.send(typed)
    child.expect_exact("Western troops")
    child.expect_exact("ask> ")
    if leave_with_eof:
        child.sendeof()
    else:
        child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return shown.getvalue()


def test_the_prompt_hints_how_to_leave_and_an_empty_line_quits() -> None:
    shown = ask_at_prompt("what did putin say\r", leave_with_eof=False)
    assert shown.index("an empty line or Ctrl-D to quit") < shown.index("ask> ")


def test_arrow_keys_edit_and_recall_and_history_is_kept_between_runs() -> None:
    # left arrow moves back before the "y"; the line is "what did putin say"
    shown = ask_at_prompt("what did putin sy\x1b[Da\r")
    assert "^[[" not in shown
    assert history_file().read_text(encoding="utf-8").splitlines()[-1] == "what did putin say"
    ask_at_prompt("\x1b[A\r")  # up arrow: the question from the last run


def test_ctrl_c_at_the_prompt_leaves_quietly_with_130() -> None:
    child = spawn("ask")
    child.expect_exact("ask> ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "error" not in (child.before or "") and "Traceback" not in (child.before or "")


# --- The pager ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_pager_less_without_r_shows_colours_not_escape_codes() -> None:
    """PAGER=less, LESS unset: articlecli sets LESS=FRX, so the colour codes reach the
    terminal as codes (not as a literal ESC[1m) and less waits at the end of a screen."""
    child = spawn("read", env={"PAGER": "less"}, rows=20)
    child.expect_exact("\x1b[1;4;96mWhy Does Putin")  # the title's colour, raw
    child.expect_exact(":")  # less's prompt: the article did not fit
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "ESC[" not in (child.before or "")


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_short_output_leaves_less_at_once_and_stays_on_screen() -> None:
    child = spawn("read", "--pager", "2", env={"PAGER": "less"}, rows=40)
    child.expect_exact("The Context of the Warning")
    child.expect(pexpect.EOF)  # -F: less quit by itself, as everything fitted
    child.close()
    assert child.exitstatus == 0


# --- Completion --------------------------------------------------------------------------


def completion_context(*words: str) -> typer.Context:
    """The context the shell's request builds for ``articlecli WORDS``."""
    from articlecli.cli.app import State
    from articlecli.ui.terminal import Environment

    command = typer.main.get_command(app)
    root = command.make_context("articlecli", list(words[:-1]), resilient_parsing=True,
                                obj=State(Environment()))
    name = words[-1]
    sub = command.get_command(root, name)  # type: ignore[attr-defined]
    assert sub is not None
    context: typer.Context = sub.make_context(name, [], parent=root, resilient_parsing=True)
    return context


def test_sections_complete_by_number_with_headings_and_by_heading() -> None:
    ctx = completion_context("read")
    numbers = complete_section(ctx, "")
    assert numbers[0] == ("1", "Putin's Warning to the West") and len(numbers) == 11
    assert [value for value, _ in complete_section(ctx, "1")] == ["1", "10", "11"]
    assert complete_section(ctx, "challenges") == [("Challenges to Peace Negotiations",
                                                    "section 7")]
    assert complete_section(ctx, "putin") == [("Putin's Warning to the West", "section 1"),
                                               ("Putin's Offer for Peace Talks", "section 4")]


def test_article_ids_complete_in_a_library(tmp_path: Path) -> None:
    source = (REPO / "data" / "article.yaml").read_text(encoding="utf-8")
    for name in ("world/ukraine", "world/volcano", "local/bakery"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / f"{name}.yaml").write_text(source, encoding="utf-8")
    ctx = completion_context("--data", str(tmp_path), "read")
    assert [value for value, _ in complete_article(ctx, "wor")] == ["world/ukraine",
                                                                     "world/volcano"]
    assert complete_section(ctx, "") == []  # which article? none chosen yet
    ctx.params["article"] = "local/bakery"
    assert len(complete_section(ctx, "")) == 11


def test_a_broken_library_completes_nothing(tmp_path: Path) -> None:
    ctx = completion_context("--data", str(tmp_path / "missing"), "read")
    assert complete_section(ctx, "") == [] and complete_article(ctx, "") == []


def shell_request(*words: str, shell: str = "bash") -> subprocess.CompletedProcess[str]:
    line = " ".join(words)
    env = {**os.environ, "_ARTICLECLI_COMPLETE": f"complete_{shell}",
           "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1),
           "_TYPER_COMPLETE_ARGS": line}
    return subprocess.run([sys.executable, "-m", "articlecli"], env=env, capture_output=True,
                          text=True, timeout=60, cwd=REPO, check=False)


def test_bash_asks_for_sections_and_export_formats_in_a_real_process() -> None:
    sections = shell_request("articlecli", "read", "")
    assert (sections.returncode, sections.stderr) == (0, "")
    assert sections.stdout.split() == [str(number) for number in range(1, 12)]
    formats = shell_request("articlecli", "export", "--format", "")
    assert formats.stdout.split() == ["json", "yaml", "markdown", "text"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_inserts_a_heading_with_spaces_and_an_apostrophe_as_one_word(
        tmp_path: Path) -> None:
    """bash puts a completion on the command line as it is: "Putin's Warning to the
    West" unescaped would open a quote and split into five words."""
    program = tmp_path / "articlecli"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m articlecli "$@"\n')
    program.chmod(0o755)
    script = (
        'eval "$(articlecli --show-completion bash)"\n'
        'COMP_WORDS=(articlecli read "Put"); COMP_CWORD=2\n'
        "_articlecli_completion articlecli\n"
        'for value in "${COMPREPLY[@]}"; do eval "set -- $value"; echo "$#:$1"; done\n')
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}",
           "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    shell = subprocess.run(["bash", "--norc", "-c", script], env=env, cwd=REPO,
                           capture_output=True, text=True, timeout=60, check=False)
    assert shell.stdout.splitlines() == ["1:Putin's Warning to the West",
                                         "1:Putin's Offer for Peace Talks"], shell.stderr


def test_zsh_gets_headings_as_descriptions() -> None:
    request = shell_request("articlecli", "read", "", shell="zsh")
    assert request.returncode == 0
    assert '"2":"The Context of the Warning"' in request.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_for_each_shell(shell: str) -> None:
    script = subprocess.run([sys.executable, "-m", "articlecli", "--show-completion", shell],
                            capture_output=True, text=True, timeout=60, cwd=REPO, check=False,
                            env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert script.returncode == 0
    assert "_ARTICLECLI_COMPLETE" in script.stdout


# --- Pictures and help -------------------------------------------------------------------


def test_the_readme_pictures_are_current() -> None:
    screenshots = load_script("screenshots")
    made = screenshots.pictures()
    for name, svg in made.items():
        assert (REPO / "docs" / name).read_text(encoding="utf-8") == svg, (
            f"docs/{name} is out of date: uv run python scripts/screenshots.py")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(f"docs/{name}" in readme for name in made)


def test_readme_help_is_what_a_wide_terminal_shows() -> None:
    """click wraps --help at min(columns, 80) - 2: the README's blocks must be that."""
    readme_help = load_script("readme_help")
    real = subprocess.run([sys.executable, "-m", "articlecli", "--help"], capture_output=True,
                          text=True, timeout=60, cwd=REPO, check=False,
                          env={**os.environ, "COLUMNS": "120"}).stdout
    assert real == readme_help.help_text("articlecli")


def test_eval_ask_runs_from_a_clone_without_the_shared_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    eval_ask = load_script("eval_ask")
    copy = REPO / "tests" / "data" / "ask-dev.yaml"
    monkeypatch.setattr(eval_ask, "DEV_SETS", (tmp_path / "absent.yaml", copy))
    assert eval_ask.default_dev_set() == copy
    assert eval_ask.main([]) == 0
    assert "overall" in capsys.readouterr().out
