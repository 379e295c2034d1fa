"""Issue 11: paging, colour, width, theme and the config file, as a user sees them."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from articlecli.store.library import bundled_article_path

from .conftest import BUNDLED, REPO, run_cli

ESC = "\x1b["


def program(*args: str, stdin: str = "", env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """A real run, its output a pipe, with the test's environment plus ``env``."""
    return subprocess.run([sys.executable, "-m", "articlecli", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, cwd=REPO,
                          env={**os.environ, **(env or {})}, check=False)


def write_config(text: str) -> Path:
    path = Path(os.environ["XDG_CONFIG_HOME"]) / "articlecli" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def recording_pager(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                    variable: str = "PAGER") -> Path:
    """A pager that keeps what it was sent, and the LESS it was started with."""
    record = tmp_path / f"paged-by-{variable}"
    monkeypatch.setenv(variable, "sh -c " + shlex.quote(
        f'printf "LESS=%s\\n" "$LESS" > {record}; cat >> {record}'))
    return record


# --- Paging ------------------------------------------------------------------------------


def test_long_output_on_a_terminal_goes_through_the_pager_with_less_frx(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    outcome = run_cli("read", tty=True, height=40, pager=None)
    assert outcome.status == 0 and outcome.stdout == ""
    paged = record.read_text(encoding="utf-8")
    assert paged.startswith("LESS=FRX\nWhy Does Putin Maintain")
    assert "What Lies Ahead for Ukraine and Russia?" in paged


def test_output_that_fits_the_screen_is_not_paged(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    outcome = run_cli("read", "2", tty=True, height=40, pager=None)
    assert outcome.stdout.startswith("2. The Context of the Warning")
    assert not record.exists()


@pytest.mark.parametrize("args", [["--no-pager", "read"], ["read", "--no-pager"]])
def test_no_pager_turns_paging_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                   args: list[str]) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    outcome = run_cli(*args, tty=True, height=10, pager=None)
    assert "The Road Ahead" in outcome.stdout
    assert not record.exists()


def test_every_long_command_pages_and_a_set_less_is_left_alone(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    monkeypatch.setenv("LESS", "-i")
    assert run_cli("export", "--format", "text", tty=True, pager=None).stdout == ""
    assert record.read_text(encoding="utf-8").startswith("LESS=-i\nWhy Does Putin")


def test_the_program_s_own_pager_variable_wins_then_the_config_then_pager(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from_pager = recording_pager(monkeypatch, tmp_path, "PAGER")
    from_config = tmp_path / "paged-by-config"
    write_config(f"pager = \"sh -c 'cat > {from_config}'\"\n")
    run_cli("read", tty=True, pager=None)
    assert from_config.exists() and not from_pager.exists()
    own = recording_pager(monkeypatch, tmp_path, "ARTICLECLI_PAGER")
    from_config.unlink()
    run_cli("read", tty=True, pager=None)
    assert own.exists() and not from_config.exists()


@pytest.mark.parametrize("config", ["pager = false\n", 'pager = "cat"\n'])
def test_the_config_file_can_turn_paging_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                             config: str) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    write_config(config)
    assert "The Road Ahead" in run_cli("read", tty=True, pager=None).stdout
    assert not record.exists()
    run_cli("--pager", "read", tty=True, pager=None)
    assert record.exists() == (config == "pager = false\n")  # "cat" is no pager at all


def test_a_pager_that_cannot_start_is_a_warning_unless_asked_for(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    outcome = run_cli("read", tty=True, pager=None)
    assert outcome.status == 0
    assert outcome.stderr.startswith("articlecli: warning: cannot start the pager "
                                     "'no-such-pager-here' ($PAGER)")
    assert "The Road Ahead" in outcome.stdout
    assert run_cli("read", "--pager", tty=True, pager=None).status == 2


def test_nothing_is_paged_in_a_pipe(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    record = recording_pager(monkeypatch, tmp_path)
    assert "The Road Ahead" in run_cli("--pager", "read", pager=None).stdout
    assert not record.exists()


# --- Colour ------------------------------------------------------------------------------


def test_color_always_and_never_override_the_terminal_test() -> None:
    assert ESC in run_cli("--color", "always", "read", "2").stdout
    assert ESC not in run_cli("--color", "never", "read", "2", tty=True, color=True).stdout
    assert ESC in run_cli("--color", "always", "read", "2", tty=True, color=False).stdout


def test_force_color_colours_a_pipe_and_no_color_wins_in_auto() -> None:
    assert ESC in program("read", "2", env={"FORCE_COLOR": "1"}).stdout
    assert ESC not in program("read", "2", env={"FORCE_COLOR": "0"}).stdout
    assert ESC not in program("read", "2", env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).stdout
    assert ESC in program("--color", "always", "read", "2", env={"NO_COLOR": "1"}).stdout


def test_colour_in_a_pipe_does_not_wrap() -> None:
    lines = program("read", "2", env={"FORCE_COLOR": "1"}).stdout.splitlines()
    assert len(lines) == 3 and len(lines[2]) > 300


def test_config_color_applies_unless_the_environment_or_an_option_says_otherwise() -> None:
    write_config('color = "always"\n')
    assert ESC in program("read", "2").stdout
    assert ESC not in program("read", "2", env={"NO_COLOR": "1"}).stdout
    assert ESC not in program("--color", "never", "read", "2").stdout


# --- Width and theme ---------------------------------------------------------------------


def longest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def test_width_wraps_at_n_in_a_pipe_too_and_zero_means_no_wrapping() -> None:
    assert longest(run_cli("--width", "40", "read", "2").stdout) <= 40
    assert longest(run_cli("--width", "0", "read", "2", tty=True, width=100).stdout) > 300
    assert longest(run_cli("read", "2", tty=True, width=100).stdout) <= 88
    assert 88 < longest(run_cli("-w", "100", "read", "2", tty=True, width=120).stdout) <= 100
    assert longest(run_cli("-w", "100", "read", "2", tty=True, width=60).stdout) <= 60


def test_a_negative_width_is_a_usage_error() -> None:
    outcome = run_cli("--width", "-3", "read")
    assert outcome.status == 2 and outcome.stderr.count("\n") == 1


def test_config_width_caps_a_terminal_but_leaves_a_pipe_unwrapped() -> None:
    write_config("width = 50\n")
    assert longest(run_cli("read", "2", tty=True, width=100).stdout) <= 50
    assert longest(run_cli("read", "2").stdout) > 300
    assert longest(run_cli("--width", "70", "read", "2", tty=True, width=100).stdout) > 50


def test_the_title_is_the_most_prominent_line_and_light_uses_dark_colours() -> None:
    dark = run_cli("read", tty=True, color=True, width=100).stdout.splitlines()
    title, heading = dark[0], next(line for line in dark if "Key Takeaways" in line)
    assert title.startswith(ESC + "1;4;96m")  # bold, underlined, bright
    assert heading.startswith(ESC + "1;36m")  # bold only
    light = run_cli("--theme", "light", "read", tty=True, color=True, width=100).stdout
    assert light.startswith(ESC + "1;4;34m")  # blue reads on white; cyan does not
    assert "36m" not in light and "96m" not in light


def test_config_theme_and_the_option_wins() -> None:
    write_config('theme = "light"\n')
    assert run_cli("read", "2", tty=True, color=True).stdout.startswith(ESC + "1;34m")
    assert run_cli("--theme", "dark", "read", "2", tty=True, color=True).stdout.startswith(
        ESC + "1;36m")


# --- Layout ------------------------------------------------------------------------------


def test_the_date_line_breaks_only_between_fields() -> None:
    lines = run_cli("read", tty=True, width=60).stdout.splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("Published"))
    assert lines[start:start + 2] == ["Published: 2025-09-06 03:07:15 | Category: technology",
                                      "Last updated: 01 October 2023 (BST)"]


def test_list_cuts_long_titles_with_an_ellipsis_on_a_terminal_only() -> None:
    shown = run_cli("list", tty=True, width=60).stdout
    assert shown == "article 2025-09-06 03:07:15  Why Does Putin Maintain His Ha\u2026\n"
    assert len(shown) == 61
    assert run_cli("list").stdout.endswith("Ukraine War? [technology]\n")


def test_list_keeps_room_for_titles_when_ids_are_long(tmp_path: Path) -> None:
    long_id = "council-backs-new-harbour-plan-after-a-very-long-debate-on-tuesday"
    wide = "\u65e5" * 5  # five wide characters: ten columns
    for name in (f"{long_id}-1", f"{long_id}-2", "short", wide):
        (tmp_path / f"{name}.yaml").write_text(BUNDLED.read_text(encoding="utf-8"),
                                               encoding="utf-8")
    lines = run_cli("--data", str(tmp_path), "list", tty=True, width=90).stdout.splitlines()
    title = "2025-09-06 03:07:15  Why Does Putin Maintain His Hardline\u2026"
    # the id column is a third of the line at most; a long id keeps its two ends
    assert sorted(lines) == sorted([f"council-backs-\u2026e-on-tuesday-1 {title}",
                                    f"council-backs-\u2026e-on-tuesday-2 {title}",
                                    f"short{' ' * 24} {title}",
                                    f"{wide}{' ' * 19} {title}"])
    assert f"{long_id}-1" in run_cli("--data", str(tmp_path), "list").stdout  # whole in a pipe


def test_search_groups_hits_shows_faqs_as_q_and_a_and_counts() -> None:
    shown = run_cli("search", "audience").stdout
    places = [line for line in shown.splitlines() if line.startswith("article: ")]
    assert places == ['article: section "Putin\'s Warning to the West"',
                      'article: section "Applause for Provocation"', "article: faq"]
    assert shown.endswith(
        "article: faq\n"
        "Q: What was the audience's reaction to Putin's warning?\n"
        "A: The audience at the Vladivostok forum applauded Putin's threat against Western "
        "troops, reflecting support for his aggressive rhetoric.\n\n"
        "3 matches in 1 article\n")


def test_a_heading_hit_is_shown_once_and_marked() -> None:
    plain = run_cli("search", "applause").stdout
    assert plain.count("Applause for Provocation") == 1
    styled = run_cli("search", "applause", tty=True, color=True).stdout
    assert f"{ESC}1;7;36mApplause{ESC}" in styled


# --- The config file ---------------------------------------------------------------------


def test_config_data_is_used_unless_the_option_or_the_environment_names_other(
        tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(bundled_article_path().read_text(encoding="utf-8").replace(
        "title: Why Does Putin", "title: From The Config Why Does Putin"), encoding="utf-8")
    write_config('data = "../../other.yaml"\n')  # relative to the config file's folder
    assert run_cli("read", "--toc").stdout.startswith("From The Config")
    assert run_cli("--data", str(bundled_article_path()), "read", "--toc").stdout.startswith(
        "Why Does")
    assert program("read", "--toc", env={"ARTICLECLI_DATA": str(bundled_article_path())}
                   ).stdout.startswith("Why Does")


def test_a_missing_data_path_says_where_it_was_named(tmp_path: Path) -> None:
    config = write_config('data = "gone.yaml"\n')
    missing = run_cli("read")
    assert (missing.status, missing.stderr) == (2, "articlecli: error: no such file or folder: "
                                                f"{config.parent / 'gone.yaml'} (named by "
                                                f"'data' in {config})\n")
    from_environment = program("read", env={"ARTICLECLI_DATA": str(tmp_path / "nope")})
    assert from_environment.stderr.endswith(f"{tmp_path / 'nope'} (named by ARTICLECLI_DATA)\n")
    given = run_cli("--data", str(tmp_path / "nope"), "read")
    assert given.stderr == f"articlecli: error: no such file or folder: {tmp_path / 'nope'}\n"


@pytest.mark.parametrize(("text", "message"), [
    ("width = 'wide'\n", "width: expected a whole number of columns, 0 for no wrapping; "
                         "got 'wide'"),
    ("width = -1\n", "width: expected a whole number of columns, 0 for no wrapping; got -1"),
    ('color = "sometimes"\n', "color: expected \"auto\" or \"always\" or \"never\"; "
                              "got 'sometimes'"),
    ('theme = "solarized"\n', 'theme: expected "dark" or "light"; got \'solarized\''),
    ("pager = 3\n", 'pager: expected a command such as "less", or false for no paging; got 3'),
    ("data = 7\n", "data: expected a path to an article file or folder (text); got 7"),
    ('colour = "never"\n', "colour: expected one of the keys data, width, color, theme, pager; "
                           "got an unknown key"),
    ("width = \n", "not valid TOML: "),
])
def test_a_bad_config_file_is_one_line_naming_file_key_and_what_is_expected(
        text: str, message: str) -> None:
    path = write_config(text)
    outcome = run_cli("read")
    assert outcome.status == 2
    assert outcome.stderr.startswith(f"articlecli: error: {path}: {message}")
    assert outcome.stderr.count("\n") == 1 and outcome.stdout == ""


def test_a_bad_config_file_does_not_stop_help_or_version() -> None:
    write_config("width = \n")
    assert run_cli("--version").status == 0
    assert run_cli("--help").status == 0


def test_articlecli_config_names_the_file_which_must_then_exist(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    monkeypatch.setenv("ARTICLECLI_CONFIG", str(path))
    outcome = run_cli("read")
    assert (outcome.status, outcome.stderr) == (
        2, f"articlecli: error: {path}: no such file (named by $ARTICLECLI_CONFIG)\n")
    path.write_text("width = 30\n", encoding="utf-8")
    assert longest(run_cli("read", "2", tty=True).stdout) <= 30


def test_a_config_folder_or_non_utf8_file_is_one_line() -> None:
    path = write_config("")
    path.unlink()
    path.mkdir()
    assert run_cli("read").stderr == (f"articlecli: error: {path}: cannot read it: not a "
                                      "regular file\n")
    path.rmdir()
    path.write_bytes(b"width = \xff\n")
    assert run_cli("read").stderr == f"articlecli: error: {path}: not UTF-8 text\n"


# --- Standard input as the article -------------------------------------------------------


def test_data_dash_reads_the_article_from_standard_input() -> None:
    text = bundled_article_path().read_text(encoding="utf-8")
    outcome = run_cli("--data", "-", "read", "--toc", stdin=text)
    assert outcome.status == 0 and outcome.stdout.startswith("Why Does Putin")
    answered = run_cli("--data", "-", "ask", "what did putin say", stdin=text)
    assert answered.status == 0 and "Western troops" in answered.stdout
    real = program("--data", "-", "takeaways", stdin=text)
    assert real.returncode == 0 and real.stdout.startswith("1. Putin's recent statements")


def test_data_dash_with_a_bad_article_or_an_ask_without_question_is_a_usage_error() -> None:
    bad = run_cli("--data", "-", "read", stdin="title: [")
    assert bad.status == 2 and bad.stderr.startswith("articlecli: error: <stdin>:")
    outcome = run_cli("--data", "-", "ask", stdin="title: x\n")
    assert outcome.status == 2 and "give a QUESTION" in outcome.stderr


# --- Files -------------------------------------------------------------------------------


def test_the_licenses_are_the_ones_pyproject_names() -> None:
    """articlecli is MIT; the encoder's weights and meaning table are Apache-2.0, whose
    text must ship with them (Apache-2.0, section 4a)."""
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT AND Apache-2.0"' in project
    assert 'license-files = ["LICENSE", "NOTICE", "LICENSES/*"]' in project
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    apache = (REPO / "LICENSES" / "Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in apache and "Version 2.0, January 2004" in apache
    notice = (REPO / "NOTICE").read_text(encoding="utf-8")
    assert "encoder-minilm.bin" in notice and "LICENSES/Apache-2.0.txt" in notice


def test_search_counts_are_written_with_thousands_separators() -> None:
    """As the count of articles left out is: "1,200 matches in 1,200 articles"."""
    from articlecli.articles.search import Hit
    from articlecli.ui.views import hit_blocks

    hits = [Hit(f"a{number}", "summary", None, "peace talks", ()) for number in range(1200)]
    assert hit_blocks(hits, left_out=3400)[-1].text == \
        "1,200 matches in 1,200 articles; 3,400 more articles match (without -n: all)"
