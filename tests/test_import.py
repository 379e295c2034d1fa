"""`articlecli import`: plain-text articles in the seed's layout become YAML files."""

from __future__ import annotations

import errno
import json
import os
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from articlecli.articles.importers.text import import_text
from articlecli.articles.loader import dump_yaml, load_article, parse_article
from articlecli.errors import DataError
from articlecli.model import Article
from articlecli.ui.export import article_to_json

from .conftest import BUNDLED, SEED, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside this checkout")
def test_the_seed_imports_to_the_bundled_article() -> None:
    outcome = run_cli("import", str(SEED))
    assert outcome.status == 0, outcome.stderr
    imported = parse_article(outcome.stdout)
    assert imported.source == str(SEED)  # the one field the bundled article leaves out
    bundled = replace(load_article(BUNDLED), source=str(SEED))
    assert json.dumps(article_to_json(imported)) == json.dumps(article_to_json(bundled))


def test_crlf_and_bom_article_with_every_optional_part() -> None:
    raw = (FIXTURES / "volcano.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the fixture is what it claims
    article = load_article_from_import(FIXTURES / "volcano.txt")
    assert article.title == "Can Iceland Keep Living Beside Its Restless Volcanoes?"
    assert article.published == datetime(2024, 3, 14, 8, 30)
    assert (article.category, article.updated, article.updated_zone) == \
        ("science", date(2024, 3, 16), "GMT")
    assert article.summary.startswith("Scientists and residents")
    assert len(article.key_takeaways) == 3
    assert [section.heading for section in article.sections] == [
        "A Peninsula Wakes Up", "Walls Against the Lava", "Will Grindavík Be Rebuilt?",
        "Living With Uncertainty"]
    assert article.sections[2].paragraphs[1] == \
        '"We love this place, but we cannot sleep here," one fisherman said.'
    assert article.sections[-1].paragraphs[-1].endswith("go on doing so.")
    assert article.tags == ("Iceland", "Volcano", "Reykjanes")
    assert [faq.question for faq in article.faqs] == [
        "Where are the eruptions happening?", "Are the barriers working?",
        "Is it safe to visit Iceland?"]
    assert article.faqs[1].answer == \
        "So far, yes. They diverted lava from the Svartsengi power plant in February."


def test_line_endings_and_bom_do_not_change_the_article() -> None:
    text = fixture_text("volcano.txt")
    lf = text.removeprefix("\ufeff").replace("\r\n", "\n")
    assert import_text(text) == import_text(lf) == import_text(lf.replace("\n", "\r"))


def test_a_carriage_return_inside_a_line_is_a_space_not_a_new_line() -> None:
    lf = fixture_text("volcano.txt").removeprefix("\ufeff").replace("\r\n", "\n")
    word = next(word for word in lf.split() if len(word) > 6)  # in some line of the text
    overwritten = lf.replace(f" {word}", f"\r{word}", 1)  # the space before it, a CR
    assert import_text(overwritten) == import_text(lf)


def test_article_without_optional_parts() -> None:
    article = load_article_from_import(FIXTURES / "bakery.txt")
    assert article.published == datetime(2025, 1, 20, 11, 5)
    assert (article.updated, article.key_takeaways, article.faqs) == (None, (), ())
    assert [(section.heading, len(section.paragraphs)) for section in article.sections] == [
        ("The Judges' Verdict", 1), ("Baked Before Dawn", 2), ("What Comes Next", 1)]
    assert article.tags == ("Bread", "SmallBusiness")


def test_quoted_and_question_headings_multi_line_answers_and_no_tags() -> None:
    article = load_article_from_import(FIXTURES / "transit.txt")
    assert article.published == datetime(2025, 2, 5, 22, 15)
    assert article.category == "local news"
    assert [section.heading for section in article.sections] == [
        "Who Asked for It", '"A Lifeline After Midnight"', "How Will It Be Paid For?"]
    assert article.tags == ()
    assert article.faqs[1].answer == ("About 1.2 million a year for the trial. The council "
                                      "will review the figures after twelve months.")
    assert article.faqs[2].answer == "Not at first."


@pytest.mark.parametrize("name", ["volcano.txt", "bakery.txt", "transit.txt"])
def test_yaml_round_trips_and_reads_well(name: str) -> None:
    article = import_text(fixture_text(name))
    text = dump_yaml(article)
    assert parse_article(text) == article
    assert "!!" not in text and "python" not in text
    flow = [line for line in text.splitlines() if line.rstrip().endswith(("}", "]"))]
    assert all(line.endswith(": []") for line in flow)  # only empty lists are inline


# The layout's rules, one at a time, on small articles written here.

HEAD = "A Title\nPublished: 2024-05-01 09:00:00 | Category: news\nThe summary sentence.\n"


def test_hashtags_on_their_own_line_after_the_last_paragraph() -> None:
    article = import_text(HEAD + "Heading\nFirst paragraph.\n#One #Two-Three\n")
    assert article.sections[0].paragraphs == ("First paragraph.",)
    assert article.tags == ("One", "Two-Three")


def test_hashtags_inside_a_paragraph_stay_text() -> None:
    article = import_text(HEAD + "Heading\nWe ranked #1 in #Europe this year.\n")
    assert article.tags == ()


def test_short_paragraph_without_full_stop_before_faqs_is_a_paragraph() -> None:
    article = import_text(HEAD + "Heading\nA paragraph.\nMore to come\nFAQs\nWhy?\nBecause.\n")
    assert article.sections[0].paragraphs == ("A paragraph.", "More to come")


def test_a_heading_is_always_followed_by_its_first_paragraph() -> None:
    article = import_text(HEAD + "Numbers\nUp five percent\nMore Numbers\nDown two.\n")
    assert [section.paragraphs for section in article.sections] == [
        ("Up five percent",), ("Down two.",)]


def test_faqs_marked_with_q_and_a() -> None:
    article = import_text(HEAD + "Heading\nText.\nFAQs:\nQ: Tell me the date\nA: Monday.\n"
                          "Q: And the place\nA: Paris.\nIn France.\n")
    assert [(faq.question, faq.answer) for faq in article.faqs] == [
        ("Tell me the date", "Monday."), ("And the place", "Paris. In France.")]


def test_hashtags_after_the_faqs_become_tags() -> None:
    article = import_text(HEAD + "Heading\nText.\nFAQs\nWho?\nA. Smith.\n#One #Two\n")
    assert article.faqs[0].answer == "A. Smith."
    assert article.tags == ("One", "Two")


def test_faqs_without_question_marks_pair_up_lines() -> None:
    article = import_text(HEAD + "Heading\nText.\nFAQs\nThe date\nMonday.\nThe place\nParis.\n")
    assert [faq.answer for faq in article.faqs] == ["Monday.", "Paris."]


def test_category_on_its_own_line_and_other_date_forms() -> None:
    article = import_text("Title\nPublished: March 3rd, 2024 7:45 PM\nCategory: sport\n"
                          "Summary.\nLast updated: 2024-03-04\nHeading\nText.\n")
    assert article.published == datetime(2024, 3, 3, 19, 45)
    assert (article.category, article.updated, article.updated_zone) == \
        ("sport", date(2024, 3, 4), None)


def test_last_updated_may_come_after_the_takeaways() -> None:
    article = import_text(HEAD + "Key Takeaways:\n* One.\n* Two.\nLast updated: 2 May 2024\n"
                          "Heading\nText.\n")
    assert article.key_takeaways == ("One.", "Two.")
    assert article.updated == date(2024, 5, 2)


@pytest.mark.parametrize(("text", "line", "message"), [
    ("", 1, "empty input"),
    ("\n\n  \n", 1, "empty input"),
    ("Published: 2024-05-01 09:00 | Category: x\nSummary.\n", 1, "no title"),
    ("Just a title\n", 1, "expected 'Published:"),
    ("A Title\nSome text that is not the published line.\n", 2, "expected 'Published:"),
    ("A Title\nPublished: last week\nSummary.\n", 2, "cannot read the published date"),
    ("A Title\nPublished: 2024-05-01\n", 2, "expected a summary"),
    (HEAD, 3, "no sections"),
    (HEAD + "FAQs\nWhy?\nBecause.\n", 4, "no sections"),
    (HEAD + "Heading\nFAQs\nWhy?\nBecause.\n", 4, "section 'Heading' has no paragraphs"),
    (HEAD + "Key Takeaways\nHeading\nText.\n", 4, "bullet lines"),
    (HEAD + "Last updated: soon\nHeading\nText.\n", 4, "last-updated date"),
    (HEAD + "Heading\nText.\nFAQs\n", 6, "question and answer"),
    (HEAD + "Heading\nText.\nFAQs\nWhy?\nBecause.\nAnd then?\n", 9, "has no answer"),
])
def test_what_is_not_an_article_is_an_error_with_its_line(text: str, line: int,
                                                           message: str) -> None:
    with pytest.raises(DataError) as raised:
        import_text(text, "in.txt")
    problem = raised.value.problems[0]
    assert (problem.file, problem.line) == ("in.txt", line)
    assert message in problem.message


# The command.

def test_prints_yaml_to_stdout_without_output_option() -> None:
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"))
    assert outcome.status == 0
    assert outcome.stdout.startswith("title: Small Bakery Wins National Bread Prize\n")
    assert outcome.stderr == ""


def test_dash_reads_standard_input() -> None:
    outcome = run_cli("import", "-", stdin=fixture_text("transit.txt"))
    assert outcome.status == 0
    assert parse_article(outcome.stdout) == import_text(fixture_text("transit.txt"))


def test_writes_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "bread.yaml"
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(target))
    assert outcome.status == 0
    assert "3 sections" in outcome.stdout
    written = load_article(target)
    assert written.source == str(FIXTURES / "bakery.txt")  # where it came from
    assert replace(written, source=None) == import_text(fixture_text("bakery.txt"))
    assert [path.name for path in tmp_path.iterdir()] == ["bread.yaml"]  # no temp file left


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "--output", str(target))
    assert outcome.status == 2
    assert "already exists; use --force" in outcome.stderr
    assert target.read_text() == "old\n"
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(target), "--force")
    assert outcome.status == 0
    assert target.read_text().startswith("title: Small Bakery")


def test_force_never_writes_over_the_file_being_imported(tmp_path: Path) -> None:
    source = tmp_path / "bakery.txt"
    source.write_text(fixture_text("bakery.txt"), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(source)
    for target in (source, tmp_path / "link.txt"):
        outcome = run_cli("import", str(source), "-o", str(target), "--force")
        assert (outcome.status, outcome.stdout) == (2, "")
        assert outcome.stderr == f"articlecli: error: will not write {target}: it is the " \
            "file being imported (give -o another path)\n"
        assert source.read_text(encoding="utf-8") == fixture_text("bakery.txt")


def test_overwrite_keeps_the_old_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    target.chmod(0o640)
    assert run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(target), "--force").status == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_not_an_article_writes_nothing_even_with_force(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("Shopping list\nmilk\neggs\n")
    target = tmp_path / "out.yaml"
    target.write_text("old\n")
    outcome = run_cli("import", str(source), "-o", str(target), "--force")
    assert outcome.status == 2
    assert outcome.stderr == (f"articlecli: error: {source}:2:1: expected 'Published: "
                              "<date time> | Category: <name>' on the line after the title\n")
    assert target.read_text() == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt", "out.yaml"]


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("os.fsync", disk_full)
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(target), "--force")
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: cannot write {target}: No space left on device\n"
    assert target.read_text() == "old\n"
    assert [path.name for path in tmp_path.iterdir()] == ["out.yaml"]


def test_an_unwritable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root ignores permissions: refuse the way the OS would
        def refused(**_: object) -> tuple[int, str]:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

        monkeypatch.setattr("tempfile.mkstemp", refused)
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(folder / "a.yaml"))
    folder.chmod(0o755)
    assert outcome.status == 2
    assert outcome.stderr == \
        f"articlecli: error: cannot write {folder / 'a.yaml'}: Permission denied\n"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("name", "message"), [
    ("missing.txt", "cannot read: No such file or directory"),
    ("", "is a folder, not a file"),
])
def test_unreadable_input(tmp_path: Path, name: str, message: str) -> None:
    source = tmp_path / name
    outcome = run_cli("import", str(source))
    assert outcome.status == 2
    assert message in outcome.stderr and outcome.stderr.count("\n") == 1


def test_output_into_a_missing_folder_or_onto_a_folder(tmp_path: Path) -> None:
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(tmp_path / "no" / "a.yaml"))
    assert outcome.status == 2 and "No such file or directory" in outcome.stderr
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(tmp_path))
    assert outcome.status == 0  # into the folder, named from the title
    assert (tmp_path / "small-bakery-wins-national-bread-prize.yaml").is_file()


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_text("old\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(tmp_path / "link.yaml"),
                      "--force")
    assert outcome.status == 0
    assert (tmp_path / "link.yaml").is_symlink()
    assert (tmp_path / "real.yaml").read_text().startswith("title: Small Bakery")


def test_a_device_or_pipe_is_never_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), "-o", str(pipe), "--force")
    assert outcome.status == 2 and "not a regular file" in outcome.stderr
    assert pipe.is_fifo()


def test_input_that_is_not_utf8_names_the_place(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes("Title\nPublished: 2024-01-01\nCaf\xe9 news.\n".encode("latin-1"))
    outcome = run_cli("import", str(source))
    assert outcome.status == 2
    assert f"{source}:3:4: not UTF-8 text (byte 0xe9)" in outcome.stderr


def load_article_from_import(path: Path) -> Article:
    outcome = run_cli("import", str(path))
    assert outcome.status == 0, outcome.stderr
    return parse_article(outcome.stdout)


_DATED = ("Ferry timetable changes\nPublished: {when} | Category: transport\n"
          "The island ferry will run an extra sailing on weekday evenings from next month.\n"
          "{updated}The new timetable\nThe extra boat leaves the harbour at half past nine.\n")


@pytest.mark.parametrize(("when", "read", "other"), [
    ("03/04/2024", "2024-04-03 00:00:00", "2024-03-04 00:00:00"),
    ("11.12.2025 18:30", "2025-12-11 18:30:00", "2025-11-12 18:30:00")])
def test_a_date_that_reads_either_way_is_kept_day_first_with_one_warning(
        tmp_path: Path, when: str, read: str, other: str) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(_DATED.format(when=when, updated=""), encoding="utf-8")
    outcome = run_cli("import", str(source))
    assert outcome.status == 0 and f"published: {read}" in outcome.stdout
    day, month = (int(part) for part in when.replace(".", "/").split("/")[:2])
    assert outcome.stderr.splitlines() == [
        f"articlecli: warning: {source}:2: published '{when}' is read day first, as "
        f"{day} {date(2000, month, 1):%B} {read[:4]}; if it means {month} "
        f"{date(2000, day, 1):%B} {read[:4]} (month first), edit 'published' to {other}"]


def test_dates_that_read_one_way_only_give_no_warning(tmp_path: Path) -> None:
    for when in ("13/04/2024", "04/04/2024", "2024-03-04", "3 April 2024", "April 3, 2024"):
        source = tmp_path / "ferry.txt"
        source.write_text(_DATED.format(when=when, updated=""), encoding="utf-8")
        outcome = run_cli("import", str(source))
        assert outcome.status == 0 and outcome.stderr == "", when


def test_an_ambiguous_last_updated_date_is_warned_of_too(tmp_path: Path) -> None:
    source = tmp_path / "ferry.txt"
    source.write_text(_DATED.format(when="2024-05-20 09:00",
                                    updated="Last updated: 06/07/2024 (BST)\n"),
                      encoding="utf-8")
    outcome = run_cli("import", str(source), "-o", str(tmp_path / "ferry.yaml"))
    assert outcome.status == 0
    assert outcome.stderr == (
        f"articlecli: warning: {source}:4: updated '06/07/2024' is read day first, as "
        "6 July 2024; if it means 7 June 2024 (month first), edit 'updated' to 2024-06-07\n")
    assert load_article(tmp_path / "ferry.yaml").updated == date(2024, 7, 6)


@pytest.mark.parametrize("dated", ["---\ntitle: Ferry timetable changes\ndate: 03/04/2024\n---\n",
                                   "# Ferry timetable changes\n\n*By Sam Lee, 03/04/2024*\n"])
def test_a_markdown_date_that_reads_either_way_is_warned_of(tmp_path: Path, dated: str) -> None:
    source = tmp_path / "ferry.md"
    source.write_text(dated + "\nThe island ferry will run an extra sailing on weekday evenings "
                      "from next month, the operator said, after a summer of full boats.\n\n"
                      "## The new timetable\n\nThe extra boat leaves the harbour at half past "
                      "nine and returns from the island at a quarter to eleven, every weekday "
                      "from the first of the month until the end of September.\n",
                      encoding="utf-8")
    outcome = run_cli("import", str(source))
    assert outcome.status == 0 and "published: 2024-04-03 00:00:00" in outcome.stdout
    assert outcome.stderr == (
        f"articlecli: warning: {source}: published '03/04/2024' is read day first, as "
        "3 April 2024; if it means 4 March 2024 (month first), edit 'published' to "
        "2024-03-04 00:00:00\n")
