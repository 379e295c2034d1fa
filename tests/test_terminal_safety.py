"""Text from an article, a file name or a question never drives the terminal: in every
command and output mode, colour on or off, no raw control character reaches stdout or
stderr, while the text itself stays visible (markup literally, controls escaped)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from articlecli.articles.loader import dump_yaml, load_article
from articlecli.model import Article, Faq, Section

from .conftest import Outcome, run_cli

# Markup rich would obey, an OSC window title, clear-screen, an SGR colour, a C1 CSI,
# a carriage return, a bidi override, BEL, NUL, DEL and a backspace.
HOSTILE = ("[bold]B[/bold] [link=https://evil.example]L[/link] \x1b]0;pwned\x07 "
           "\x1b[2J \x1b[31mred \x9b31m \rcr \u202ebidi \x00nul \x7fdel \x08bs end")
# What must still be visible of it, in the text outputs.
VISIBLE = ("[bold]B[/bold]", "[link=https://evil.example]L[/link]", "\\x1b]0;pwned\\x07",
           "\\x1b[2J", "\\x1b[31mred", "\\x9b31m", "\\x0dcr", "\\u202ebidi", "end")
# The same, written by hand in YAML's double-quoted escapes.
HOSTILE_YAML = ('"[bold]B[/bold] [link=https://evil.example]L[/link] \\e]0;pwned\\a '
                '\\e[2J \\e[31mred \\x9b31m \\rcr \\u202ebidi \\0nul \\x7fdel \\bbs end"')

# Only what rich itself writes for styles (SGR), and only when colour is on.
_SGR = re.compile("\x1b\\[[0-9;]*m")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

MODES = pytest.mark.parametrize("color", [False, True], ids=["plain", "colour"])


def hostile_article() -> Article:
    return Article(
        title=HOSTILE, published=datetime(2025, 9, 6, 3, 7, 15), summary=HOSTILE,
        sections=(Section(HOSTILE, (HOSTILE, HOSTILE)), Section("Second", ("p " + HOSTILE,))),
        updated_zone=HOSTILE, category=HOSTILE, key_takeaways=(HOSTILE, HOSTILE),
        tags=("tag" + HOSTILE,), faqs=(Faq(HOSTILE, HOSTILE),),
    )


@pytest.fixture(params=["dumped", "hand-written"])
def hostile_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """One article whose every text field is hostile: dumped by the loader's own
    writer, and written by hand as an attacker would."""
    path = tmp_path / "hostile.yaml"
    if request.param == "dumped":
        path.write_text(dump_yaml(hostile_article()), encoding="utf-8")
    else:
        path.write_text(
            f"title: {HOSTILE_YAML}\npublished: 2025-09-06 03:07:15\n"
            f"updated: 2023-10-01\nupdated_zone: {HOSTILE_YAML}\ncategory: {HOSTILE_YAML}\n"
            f"summary: {HOSTILE_YAML}\nkey_takeaways: [{HOSTILE_YAML}]\n"
            f"sections:\n- heading: {HOSTILE_YAML}\n  paragraphs: [{HOSTILE_YAML}]\n"
            f"tags: [{HOSTILE_YAML}]\nfaqs:\n- question: {HOSTILE_YAML}\n"
            f"  answer: {HOSTILE_YAML}\n", encoding="utf-8")
    assert load_article(path).title == HOSTILE  # the fixture really is hostile
    return path


def assert_inert(outcome: Outcome, *, color: bool) -> None:
    """No control character but newline (and tab) in stdout or stderr; with colour,
    rich's own SGR styles are the only escape sequences."""
    for name, text in (("stdout", outcome.stdout), ("stderr", outcome.stderr)):
        assert "Traceback" not in text
        if color:
            text = _SGR.sub("", text)
        else:
            assert "\x1b" not in text, f"{name} has colour although colour is off"
        found = sorted({f"U+{ord(char):04X}" for char in _CONTROL.findall(text)
                        if char != "\t"})
        assert not found, f"raw control characters in {name}: {found}"


def assert_visible(text: str) -> None:
    plain = _SGR.sub("", text)
    for piece in VISIBLE:
        assert piece in plain, f"{piece!r} is missing from the output"


def run(*args: str, color: bool, stdin: str = "") -> Outcome:
    return run_cli(*args, tty=color, color=color, width=100, stdin=stdin)


# --- Reading commands ------------------------------------------------------------------


@MODES
@pytest.mark.parametrize("args", [["read"], ["read", "--toc"], ["read", "1"],
                                  ["read", "bidi"], ["takeaways"], ["faq"]],
                         ids=["read", "toc", "section-number", "section-name", "takeaways",
                              "faq"])
def test_text_outputs(hostile_file: Path, color: bool, args: list[str]) -> None:
    outcome = run("--data", str(hostile_file), *args, color=color)
    assert outcome.status == 0, outcome.stderr
    assert_inert(outcome, color=color)
    assert_visible(outcome.stdout)


@MODES
def test_an_ambiguous_section_error_quotes_hostile_headings_inertly(tmp_path: Path,
                                                                    color: bool) -> None:
    twice = replace(hostile_article(), sections=(Section(HOSTILE, ("a",)),
                                                 Section("Also " + HOSTILE, ("b",))))
    path = tmp_path / "twice.yaml"
    path.write_text(dump_yaml(twice), encoding="utf-8")
    outcome = run("--data", str(path), "read", "bidi", color=color)
    assert outcome.status == 2 and "matches 2 sections" in outcome.stderr
    assert_inert(outcome, color=color)
    assert_visible(outcome.stderr)


@MODES
@pytest.mark.parametrize("command", ["takeaways", "faq"])
def test_json_outputs_are_inert_and_exact(hostile_file: Path, color: bool,
                                          command: str) -> None:
    outcome = run("--data", str(hostile_file), command, "--json", color=color)
    assert outcome.status == 0
    assert_inert(outcome, color=False)  # JSON is never coloured
    data = json.loads(outcome.stdout)
    first = data[0] if command == "takeaways" else data[0]["question"]
    assert first == HOSTILE
    assert "\\u001b]0;pwned\\u0007" in outcome.stdout


def test_colour_on_really_styles(hostile_file: Path) -> None:
    # Guards the test above: the "colour" mode must take the rich path.
    assert _SGR.search(run("--data", str(hostile_file), "read", color=True).stdout)


# --- Error messages carrying data ------------------------------------------------------


@MODES
@pytest.mark.parametrize("args", [
    ["read", "no " + HOSTILE],
    ["read", "--article", HOSTILE],
    ["read", "--\x1b]0;pwned\x07"],
    [HOSTILE],
], ids=["section", "article-id", "option", "command"])
def test_error_messages_escape_what_the_user_typed(hostile_file: Path, color: bool,
                                                   args: list[str]) -> None:
    outcome = run("--data", str(hostile_file), *args, color=color)
    assert outcome.status == 2
    assert len(outcome.stderr.splitlines()) == 1
    assert_inert(outcome, color=color)
    assert "\\x1b]0;pwned\\x07" in outcome.stderr


@MODES
@pytest.mark.parametrize("text", [
    f"{HOSTILE_YAML}: 1\n",
    "title: t\npublished: \"\\e]0;pwned\\a\"\nsummary: s\nsections: []\n",
    "title: t\n\x1b]0;pwned\x07: raw\n",
    "title: \"\\e]0;pwned\\a\n",
], ids=["unknown-key", "bad-date", "raw-escape-byte", "unterminated-string"])
def test_data_errors_escape_the_file_content(tmp_path: Path, color: bool, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    outcome = run("--data", str(path), "read", color=color)
    assert outcome.status == 2
    assert len(outcome.stderr.splitlines()) == 1
    assert_inert(outcome, color=color)


@MODES
def test_file_names_are_escaped(tmp_path: Path, color: bool) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "good.yaml").write_text(dump_yaml(hostile_article()), encoding="utf-8")
    evil = folder / "\x1b]0;pwned\x07.yaml"
    evil.write_text("[]\n", encoding="utf-8")
    outcome = run("--data", str(folder), "takeaways", color=color)
    assert outcome.status == 0
    assert "warning: skipped" in outcome.stderr
    assert "\\x1b]0;pwned\\x07.yaml" in outcome.stderr
    assert_inert(outcome, color=color)
    missing = run("--data", str(tmp_path / "\x1b[2J"), "read", color=color)
    assert missing.status == 2
    assert_inert(missing, color=color)


# --- ask, search, list, validate, import, export -----------------------------------

QUESTIONS = [HOSTILE, "[bold]what[/bold] did \x1b[2J Putin say?\x07",
             "\u202eWho applauded?", "\x9b2J\x1b]0;pwned\x07"]


@MODES
@pytest.mark.parametrize("question", QUESTIONS, ids=["hostile", "markup", "bidi", "c1"])
def test_ask_never_echoes_a_question_raw(hostile_file: Path, color: bool,
                                         question: str) -> None:
    outcome = run("--data", str(hostile_file), "ask", question, color=color)
    assert outcome.status in (0, 1), outcome.stderr
    assert_inert(outcome, color=color)


@MODES
def test_ask_on_the_bundled_article_with_hostile_questions_from_stdin(color: bool) -> None:
    outcome = run("ask", color=color, stdin="\n".join(QUESTIONS) + "\n")
    assert outcome.status in (0, 1), outcome.stderr
    assert_inert(outcome, color=color)


def test_ask_answers_from_a_hostile_article_are_escaped(hostile_file: Path) -> None:
    outcome = run("--data", str(hostile_file), "ask", "pwned bidi red", color=True)
    assert_inert(outcome, color=True)
    if outcome.status == 0:
        assert "\\x1b]0;pwned\\x07" in _SGR.sub("", outcome.stdout)


@MODES
@pytest.mark.parametrize("term", ["pwned", "red", "bidi", "\x1b]0;pwned"])
def test_search_snippets_are_escaped(hostile_file: Path, color: bool, term: str) -> None:
    outcome = run("--data", str(hostile_file), "search", term, color=color)
    assert outcome.status in (0, 1), outcome.stderr
    assert_inert(outcome, color=color)
    if term == "pwned":
        assert outcome.status == 0
        assert "pwned" in outcome.stdout


@MODES
def test_list_escapes_titles(hostile_file: Path, color: bool) -> None:
    # --width 0: on a terminal, list cuts a long line short, and the test wants it all
    outcome = run("--width", "0", "--data", str(hostile_file.parent), "list", color=color)
    assert outcome.status == 0, outcome.stderr
    assert_inert(outcome, color=color)
    assert "pwned" in outcome.stdout


@MODES
def test_validate_escapes_what_it_reports(tmp_path: Path, color: bool) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(f"{HOSTILE_YAML}: 1\ntitle: {HOSTILE_YAML}\npublished: {HOSTILE_YAML}\n",
                    encoding="utf-8")
    outcome = run("validate", str(path), color=color)
    assert outcome.status in (1, 2), outcome.stderr
    assert_inert(outcome, color=color)
    assert "pwned" in outcome.stdout + outcome.stderr


@MODES
def test_import_escapes_what_it_reports(tmp_path: Path, color: bool) -> None:
    source = tmp_path / "in.txt"
    source.write_text(f"{HOSTILE}\nnot an article\n", encoding="utf-8")
    outcome = run("import", str(source), "--output", str(tmp_path / "out.yaml"), color=color)
    assert_inert(outcome, color=color)


@MODES
@pytest.mark.parametrize("form", ["json", "yaml", "markdown", "text"])
def test_export_is_inert_in_every_format(hostile_file: Path, color: bool, form: str) -> None:
    outcome = run("--data", str(hostile_file), "export", "--format", form, color=color)
    assert outcome.status == 0, outcome.stderr
    assert_inert(outcome, color=False)  # exports are files: never coloured
    assert "pwned" in outcome.stdout


# --- Questions: answered or declined, never a crash, never echoed raw -----------------

ODD_QUESTIONS = {
    "long": "what did Putin say about the troops " * 2_800,  # about 100,000 characters
    "one-long-word": "a" * 100_000,
    "emoji": "\U0001f600\U0001f4a5 what did Putin warn? \U0001f1fa\U0001f1e6",
    "cjk": "\u666e\u4eac\u8bf4\u4e86\u4ec0\u4e48\uff1f",
    "markup": "[bold red]what[/] did [link=https://evil.example]Putin[/link] say?",
    "escapes": "\x1b]0;pwned\x07\x1b[2J\x9b2Jwhat did Putin say?\r\u202e",
    "nul": "what\x00did\x00Putin\x00say",
    "punctuation": "?!?.,;:",
}
TOO_LONG = {"long", "one-long-word"}  # over the cap on a question's length


@MODES
@pytest.mark.parametrize("name", list(ODD_QUESTIONS))
def test_odd_questions_as_an_argument(color: bool, name: str) -> None:
    question = ODD_QUESTIONS[name]
    outcome = run("ask", question, color=color)
    assert outcome.status in ((2,) if name in TOO_LONG else (0, 1)), outcome.stderr
    assert_inert(outcome, color=color)
    shown = _SGR.sub("", outcome.stdout)
    if name == "escapes" and "pwned" in shown:  # where the question is echoed
        assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b2J" in shown
    if name == "markup" and "evil.example" in shown:
        assert "[link=https://evil.example]Putin[/link]" in shown


@pytest.mark.parametrize("name", list(ODD_QUESTIONS))
def test_odd_questions_in_json_and_batch(name: str) -> None:
    question = ODD_QUESTIONS[name]
    outcome = run("ask", "--json", question, color=False)
    assert_inert(outcome, color=False)
    lines = question.replace("\r", " ").replace("\x00", " ")
    batch = run("ask", color=False, stdin=f"{lines}\nwhat did Putin say?\n")
    assert_inert(batch, color=False)
    if name in TOO_LONG:  # declined in one line, before any work
        for refused, where in ((outcome, ""), (batch, "line 1: ")):
            assert refused.status == 2
            assert refused.stderr.startswith(f"articlecli: error: {where}the question is 100,")
            assert refused.stderr.endswith("characters long; ask in at most 1,000\n")
        assert "Putin warned" in batch.stdout  # the batch went on to the next question
        return
    assert outcome.status in (0, 1), outcome.stderr
    assert json.loads(outcome.stdout)
    assert batch.status in (0, 1), batch.stderr


@pytest.mark.parametrize("question", ["", "   ", "\t"])
def test_an_empty_question_is_declined_in_one_line(question: str) -> None:
    outcome = run("ask", question, color=False)
    assert outcome.status == 2
    assert outcome.stdout == ""
    assert outcome.stderr.startswith("articlecli: error: the question is empty")
    assert len(outcome.stderr.splitlines()) == 1


def test_an_empty_batch_is_not_an_error() -> None:
    outcome = run("ask", color=False, stdin="\n\n   \n")
    assert outcome.status in (0, 1)
    assert "Traceback" not in outcome.stderr


def test_text_isprintable_passes_holds_nothing_to_escape() -> None:
    """safetext skips its patterns for text str.isprintable() passes: no character it
    passes may be one they escape or remove."""
    from articlecli.safetext import _unsafe, _unsafe_in_line

    printable = "".join(char for char in map(chr, range(0x110000)) if char.isprintable())
    assert _unsafe().search(printable) is None
    assert _unsafe_in_line().search(printable) is None
