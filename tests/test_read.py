"""`articlecli read`, `takeaways` and `faq` on the bundled article and others."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from articlecli.articles.loader import dump_yaml, load_article
from articlecli.cli.app import app
from articlecli.model import Article, Faq, Section
from articlecli.ui.terminal import Environment

from .conftest import BUNDLED, SEED, run_cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ARTICLE = load_article(BUNDLED)


def every_sentence(article: Article) -> list[str]:
    texts = [article.title, article.summary, *article.key_takeaways]
    for section in article.sections:
        texts += [section.heading, *section.paragraphs]
    for faq in article.faqs:
        texts += [faq.question, faq.answer]
    return [sentence for text in texts for sentence in re.split(r"(?<=[.?!])\s+", text)]


def write_article(path: Path, **changes: object) -> Path:
    fields = {
        "title": "A [bold]test[/bold] article", "published": ARTICLE.published,
        "summary": "A short summary.", "sections": (Section("Only section", ("Text.",)),),
    }
    fields.update(changes)
    path.write_text(dump_yaml(Article(**fields)), encoding="utf-8")  # type: ignore[arg-type]
    return path


def test_read_shows_every_sentence_and_the_dates_line() -> None:
    outcome = run_cli("read")
    assert outcome.status == 0 and outcome.stderr == ""
    for sentence in every_sentence(ARTICLE):
        assert sentence in outcome.stdout
    assert ("Published: 2025-09-06 03:07:15 | Category: technology | "
            "Last updated: 01 October 2023 (BST)") in outcome.stdout
    assert "#UkraineConflict #Putin #Geopolitics" in outcome.stdout


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside this checkout")
def test_read_piped_keeps_each_seed_paragraph_on_one_line() -> None:
    shown = set(run_cli("read").stdout.splitlines())
    for line in SEED.read_text(encoding="utf-8").splitlines():
        body = re.sub(r"\s*(#\w+\s*)+$", "", line)
        if len(body) > 60:  # paragraphs, not labels such as "FAQs"
            assert any(body in shown_line for shown_line in shown), body


def test_read_orders_the_parts_as_a_reader_expects() -> None:
    output = run_cli("read").stdout
    marks = [ARTICLE.title, "Published:", ARTICLE.summary, "Key Takeaways",
             "1. Putin's Warning to the West", "11. What Lies Ahead", "#UkraineConflict",
             "FAQs", "Q: What did Putin say"]
    positions = [output.index(mark) for mark in marks]
    assert positions == sorted(positions)


@pytest.mark.parametrize("query", ["4", "offer for peace", "PUTIN'S OFFER FOR PEACE TALKS"])
def test_read_one_section_by_number_or_heading(query: str) -> None:
    outcome = run_cli("read", query)
    assert outcome.status == 0
    assert outcome.stdout.startswith("4. Putin's Offer for Peace Talks\n\nFurther complicating")
    assert "Vladivostok" not in outcome.stdout


@pytest.mark.parametrize(("query", "numbered"), [
    ("0", "; they are numbered 1 to 11"), ("12", "; they are numbered 1 to 11"),
    ("bread recipes", ""), ("\u00b2", ""), ("\u0663", "")])
def test_unknown_section_is_a_usage_error_pointing_to_the_contents(query: str,
                                                                   numbered: str) -> None:
    outcome = run_cli("read", query)
    assert outcome.status == 2 and outcome.stdout == ""
    assert outcome.stderr == (f"articlecli: error: no section matches '{query}'{numbered} "
                              "(see 'articlecli read --toc')\n")


def test_a_heading_matched_by_several_sections_lists_just_those() -> None:
    outcome = run_cli("read", "putin")
    assert outcome.status == 2 and outcome.stdout == ""
    assert outcome.stderr == (
        "articlecli: error: 'putin' matches 2 sections: 1. Putin's Warning to the West; "
        "4. Putin's Offer for Peace Talks; give its number\n")


def test_toc_lists_the_numbered_headings() -> None:
    lines = run_cli("read", "--toc").stdout.splitlines()
    assert lines[0] == ARTICLE.title
    assert lines[2:] == [f"{n:>2}. {s.heading}"
                         for n, s in enumerate(ARTICLE.sections, start=1)]
    assert lines[10:13] == [" 9. The Diverging Paths to Peace", "10. The Road Ahead",
                            "11. What Lies Ahead for Ukraine and Russia?"]


def test_terminal_output_is_styled_and_capped_for_reading() -> None:
    outcome = run_cli("read", tty=True, color=True, width=200)
    assert "\x1b[" in outcome.stdout
    plain_lines = ANSI.sub("", outcome.stdout).splitlines()
    assert max(len(line.rstrip()) for line in plain_lines) <= 88
    assert len(plain_lines) > 60  # paragraphs were wrapped, not left as one long line


def test_no_color_on_a_terminal_is_plain_but_wrapped() -> None:
    outcome = run_cli("read", tty=True, color=False, width=60)
    assert "\x1b" not in outcome.stdout
    assert max(len(line) for line in outcome.stdout.splitlines()) <= 60


def test_piped_output_has_no_escape_codes_and_no_wrapping() -> None:
    output = run_cli("read").stdout
    assert "\x1b" not in output
    assert ARTICLE.sections[0].paragraphs[0] in output.splitlines()


@pytest.mark.parametrize("tty", [False, True])
def test_markup_in_article_text_prints_literally(tmp_path: Path, tty: bool) -> None:
    path = write_article(tmp_path / "markup.yaml")
    output = run_cli("--data", str(path), "read", tty=tty, color=True).stdout
    assert "A [bold]test[/bold] article" in ANSI.sub("", output)


def test_takeaways_are_numbered() -> None:
    lines = run_cli("takeaways").stdout.splitlines()
    assert lines == [f"{n}. {text}" for n, text in enumerate(ARTICLE.key_takeaways, start=1)]


def test_takeaways_json_is_exactly_the_list_of_strings() -> None:
    outcome = run_cli("takeaways", "--json")
    assert json.loads(outcome.stdout) == list(ARTICLE.key_takeaways)


def test_faq_lists_questions_and_answers() -> None:
    output = run_cli("faq").stdout
    for faq in ARTICLE.faqs:
        assert f"Q: {faq.question}\nA: {faq.answer}\n" in output


def test_faq_json_is_exact() -> None:
    outcome = run_cli("faq", "--json")
    assert json.loads(outcome.stdout) == [
        {"question": faq.question, "answer": faq.answer} for faq in ARTICLE.faqs
    ]


def test_data_option_and_environment_variable_read_another_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_article(tmp_path / "other.yaml", faqs=(Faq("Why?", "Because."),))
    assert json.loads(run_cli("--data", str(path), "faq", "--json").stdout) == [
        {"question": "Why?", "answer": "Because."}
    ]
    monkeypatch.setenv("ARTICLECLI_DATA", str(path))
    assert run_cli("read", "--toc").stdout.splitlines()[-1] == "1. Only section"


def test_empty_takeaways_and_faqs_say_so_on_stderr(tmp_path: Path) -> None:
    path = write_article(tmp_path / "bare.yaml")
    outcome = run_cli("--data", str(path), "takeaways", "--json")
    assert (outcome.status, json.loads(outcome.stdout)) == (0, [])
    for command, note in (("takeaways", "no key takeaways"), ("faq", "no FAQs")):
        outcome = run_cli("--data", str(path), command)
        assert (outcome.status, outcome.stdout) == (0, "")
        assert outcome.stderr == f"articlecli: 'bare' has {note}\n"


@pytest.mark.parametrize("args", [["read"], ["--help"], ["read", "--help"],
                                  ["--show-completion", "bash"]])
def test_a_full_disk_on_stdout_is_a_clear_error(args: list[str]) -> None:
    # click writes --help and completion scripts itself: the same error all the same
    class FullDisk(io.StringIO):
        name = "<stdout>"

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    errors = io.StringIO()
    env = Environment(stdout=FullDisk(), stderr=errors, stdout_isatty=False, no_color=True)
    status = app(args, prog_name="articlecli", standalone_mode=False, obj=env)
    assert status == 2
    assert errors.getvalue() == ("articlecli: error: cannot write <stdout>: "
                                 "No space left on device\n")


def test_help_to_a_closed_stdout_is_the_error_other_output_gives() -> None:
    closed = subprocess.run([sys.executable, "-m", "articlecli", "read", "--help"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            check=False, close_fds=True,
                            preexec_fn=lambda: os.close(1))
    assert (closed.returncode, closed.stderr) == (
        2, "articlecli: error: cannot write <stdout>: it is closed\n")


@pytest.mark.parametrize(("name", "text"), [
    ("story.txt", "A title\nPublished: 2025-01-01 10:00:00 | Category: news\n"),
    ("story.md", "# A title\n\n*By Sam*\n\nSome text.\n"),
    ("story.html", "<html><head><title>A: title</title></head><body><p>x</p></body></html>\n"),
])
def test_an_article_to_import_given_as_data_points_to_import(tmp_path: Path, name: str,
                                                             text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    outcome = run_cli("--data", str(path), "read")
    assert outcome.status == 2
    assert outcome.stderr.count("\n") == 1
    assert (f"(not an article file; import it first: 'articlecli import {path} -o "
            "ARTICLE.yaml')") in outcome.stderr


def test_missing_data_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    outcome = run_cli("--data", str(tmp_path / "nope.yaml"), "read")
    assert outcome.status == 2
    missing = tmp_path / "nope.yaml"
    assert outcome.stderr == f"articlecli: error: no such file or folder: {missing}\n"


def test_bad_data_names_file_line_column_and_field(tmp_path: Path) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    broken = text.replace("  answer: The audience at the Vladivostok forum",
                          "  answer:\n  - The audience at the Vladivostok forum", 1)
    path = tmp_path / "article.yaml"
    path.write_text(broken, encoding="utf-8")
    outcome = run_cli("--data", str(path), "faq")
    line = broken.splitlines().index("  - The audience at the Vladivostok forum "
                                     "applauded Putin's threat against Western troops,") + 1
    assert outcome.status == 2 and outcome.stdout == ""
    assert outcome.stderr == (f"articlecli: error: {path}:{line}:3: faqs[1].answer: "
                              "expected text, got a list\n")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    outcome = run_cli("--debug", "--data", str(tmp_path / "nope.yaml"), "read")
    assert outcome.status == 2
    assert "Traceback" in outcome.stderr and outcome.stderr.endswith(
        "articlecli: error: no such file or folder: " + str(tmp_path / "nope.yaml") + "\n")


def test_usage_errors_are_one_line_exit_2() -> None:
    outcome = run_cli("read", "--nope")
    assert outcome.status == 2
    assert outcome.stderr.startswith("articlecli: error: No such option: --nope")
    assert outcome.stderr.endswith("(see 'articlecli read --help')\n")
    assert outcome.stderr.count("\n") == 1


@pytest.mark.parametrize(("words", "path", "named"), [
    ((), "articlecli", "read, takeaways, faq"), (("--debug",), "articlecli", "read, takeaways"),
    (("cache",), "articlecli cache", "info, clear")])
def test_no_command_is_a_usage_error_naming_the_commands(
        words: tuple[str, ...], path: str, named: str) -> None:
    outcome = run_cli(*words)
    assert (outcome.status, outcome.stdout) == (2, "")
    assert outcome.stderr.startswith("articlecli: error: no command given; one of: " + named)
    assert outcome.stderr.endswith(f"(see '{path} --help')\n")
    assert outcome.stderr.count("\n") == 1


def test_version() -> None:
    outcome = run_cli("--version")
    assert (outcome.status, outcome.stdout) == (0, "articlecli 0.1.0\n")


def test_pager_receives_the_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"tee {paged}")
    outcome = run_cli("read", "--pager", tty=True, color=False)
    assert outcome.status == 0 and outcome.stdout == ""
    assert ARTICLE.sections[-1].heading in paged.read_text(encoding="utf-8")


def test_missing_pager_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    outcome = run_cli("read", "--pager", tty=True)
    assert outcome.status == 2
    assert outcome.stderr.startswith("articlecli: error: cannot start the pager "
                                     "'no-such-pager-here'")


def test_badly_quoted_pager_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", '"less')
    outcome = run_cli("read", "--pager", tty=True)
    assert outcome.status == 2
    assert outcome.stderr.startswith("articlecli: error: cannot start the pager '\"less' ($PAGER)")


def test_pager_is_skipped_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    assert run_cli("read", "--pager").stdout == run_cli("read").stdout


def test_python_dash_m_behaves_like_the_command() -> None:
    result = subprocess.run([sys.executable, "-m", "articlecli", "takeaways", "--json"],
                            capture_output=True, text=True, check=False, timeout=30)
    assert result.returncode == 0 and result.stderr == ""
    assert json.loads(result.stdout) == list(ARTICLE.key_takeaways)


_OPENING = ("The harbour board has agreed to dredge the channel at Pellow this winter, "
            "after two trawlers ran aground on the sandbar in the autumn storms.")
_LATER = [("The cost", "The work will cost about two million pounds, paid for by the "
           "board and a grant from the fisheries fund, the chairman said on Monday."),
          ("The work", "A dredger from the Netherlands will arrive in January and work "
           "through the night on the lowest tides, the board said in its notice."),
          ("What fishermen say", "Skippers welcomed the news but said the sandbar would "
           "be back within five years unless the old breakwater is repaired as well.")]


def _opening_article(tmp_path: Path, summary: str) -> Path:
    return write_article(tmp_path / "dredge.yaml", summary=summary, title="Channel to be dredged",
                         sections=(Section("Channel to be dredged", (_OPENING,)),
                                   *(Section(heading, (text,)) for heading, text in _LATER)))


def test_read_shows_a_summary_taken_from_the_opening_paragraph_once(tmp_path: Path) -> None:
    # what an imported page or Markdown file without a description gets
    path = _opening_article(tmp_path, _OPENING)
    for width in ("0", "40"):
        shown = run_cli("--data", str(path), "-w", width, "read").stdout
        flat = " ".join(shown.split())
        assert flat.count(_OPENING) == 2, flat  # a generated key point and the text
        assert flat.index("Key Takeaways (generated by articlecli)") < flat.index(
            "1. Channel to be dredged") < flat.index(_OPENING, flat.index("1. Channel"))
    written = write_article(tmp_path / "written.yaml", summary=_OPENING,
                            key_takeaways=("Dredging starts in January.",),
                            sections=(Section("Channel", (_OPENING,)),))
    assert " ".join(run_cli("--data", str(written), "read").stdout.split()).count(_OPENING) == 1


def test_read_does_not_repeat_the_summary_as_a_generated_point(tmp_path: Path) -> None:
    # a page whose description is its first sentence, shown as the summary above
    path = _opening_article(tmp_path, f"{_OPENING} Work starts in January.")
    flat = " ".join(run_cli("--data", str(path), "-w", "0", "read").stdout.split())
    points = flat[flat.index("Key Takeaways"):flat.index("1. Channel to be dredged")]
    assert _OPENING not in points and _LATER[0][1] in points
    assert flat.count(_OPENING) == 2  # the summary and the text
    generated = json.loads(run_cli("--data", str(path), "takeaways", "--json").stdout)
    assert generated["takeaways"][0] == _OPENING  # takeaways shows no summary: all of them


def test_toc_with_a_section_is_a_usage_error_not_a_silent_toc() -> None:
    outcome = run_cli("read", "--toc", "3")
    assert (outcome.status, outcome.stdout) == (2, "")
    assert outcome.stderr == ("articlecli: error: --toc lists every heading: give it no "
                              "SECTION, or leave --toc out to read one section (see "
                              "'articlecli read --help')\n")
