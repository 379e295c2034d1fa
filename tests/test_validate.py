"""`articlecli validate`: every error and warning, located as FILE:LINE:COL."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.lint import lint
from articlecli.articles.loader import check_article, dump_yaml, load_article
from articlecli.model import Faq, Section

from .conftest import BUNDLED, run_cli

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): "
                  r"(?P<message>.+)$")

BROKEN = """\
title: T
published: 2024-01-01 10:00
summary: [a list]
sections:
  - heading: H
    paragraphs: []
  - heading: H2
    paragrafs: [x]
faqs:
  - question: Q?
    answer: {a: 1}
"""

SUSPICIOUS = """\
title: T
published: 2024-01-01 10:00
updated: 2023-06-30
summary: S
sections:
  - heading: Same Heading
    paragraphs: [Some text.]
  - heading: same  heading
    paragraphs: ["...", "-"]
faqs:
  - question: Why?
    answer: A.
  - question: WHY
    answer: B.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def parsed(stdout: str) -> list[dict[str, str]]:
    lines = stdout.splitlines()
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    return [match.groupdict() for match in matches if match]


def test_every_error_is_listed_with_line_column_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", BROKEN)
    outcome = run_cli("validate", str(path))
    assert outcome.status == 1
    assert outcome.stdout.splitlines() == [
        f"{path}:3:10: error: summary: expected text, got a list",
        f"{path}:6:17: error: sections[0].paragraphs: expected at least 1 item, got none",
        f"{path}:8:5: error: sections[1].paragrafs: unknown key 'paragrafs'; did you mean "
        "'paragraphs'? (known: heading, paragraphs)",
        f"{path}:11:13: error: faqs[0].answer: expected text, got a mapping",
    ]
    assert outcome.stderr == "articlecli: 1 file checked: 4 errors, 0 warnings\n"


def test_warnings_for_data_that_loads_but_looks_wrong(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.yaml", SUSPICIOUS)
    outcome = run_cli("validate", str(path))
    assert outcome.status == 0  # warnings alone are not a failure
    assert outcome.stdout.splitlines() == [
        f"{path}:3:10: warning: updated: last updated 2023-06-30 is before published 2024-01-01",
        f"{path}:8:14: warning: sections[1].heading: duplicate heading (first at "
        "sections[0].heading, line 6)",
        f"{path}:9:17: warning: sections[1].paragraphs: empty section: its paragraphs hold "
        "no words",
        f"{path}:13:15: warning: faqs[1].question: duplicate FAQ question (first at "
        "faqs[0].question, line 11)",
    ]
    assert outcome.stderr == "articlecli: 1 file checked: 0 errors, 4 warnings\n"


def test_a_clean_file_prints_nothing_and_exits_zero(tmp_path: Path) -> None:
    article = replace(load_article(BUNDLED), updated=None, updated_zone=None)
    path = write(tmp_path, "clean.yml", dump_yaml(article))
    outcome = run_cli("validate", str(path))
    assert (outcome.status, outcome.stdout) == (0, "")
    assert outcome.stderr == "articlecli: 1 file checked: no problems\n"


def test_defaults_to_the_data_option_and_the_bundled_article() -> None:
    outcome = run_cli("validate")
    assert outcome.status == 0
    assert parsed(outcome.stdout) == [{
        "file": str(BUNDLED), "line": "4", "col": "10", "severity": "warning",
        "message": "updated: last updated 2023-10-01 is before published 2025-09-06"}]


def test_a_folder_checks_every_article_file_below_it(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", BROKEN)
    write(tmp_path, "deep/b.yml", SUSPICIOUS)
    write(tmp_path, "notes.txt", "not an article file")
    write(tmp_path, "c.yaml", "title: [unclosed\n")
    for args in (("validate", str(tmp_path)), ("--data", str(tmp_path), "validate")):
        outcome = run_cli(*args)
        assert outcome.status == 1
        found = parsed(outcome.stdout)
        assert {Path(item["file"]).name for item in found} == {"a.yaml", "b.yml", "c.yaml"}
        assert [item["severity"] for item in found].count("error") == 5
        assert outcome.stderr == "articlecli: 3 files checked: 5 errors, 4 warnings\n"


def test_several_files_and_unreadable_ones(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", SUSPICIOUS)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"title: caf\xe9\n")
    outcome = run_cli("validate", str(good), str(latin))
    assert outcome.status == 1
    assert outcome.stdout.splitlines()[-1] == f"{latin}:1:11: error: not UTF-8 text (byte 0xe9)"


@pytest.mark.parametrize(("name", "message"), [
    ("missing.yaml", "no such file or folder"),
    ("empty-folder", "no article files (*.yaml, *.yml)"),
])
def test_a_path_without_articles_is_an_error_and_the_rest_are_still_checked(
    tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "empty-folder").mkdir()
    good = write(tmp_path, "good.yaml", SUSPICIOUS)
    outcome = run_cli("validate", str(tmp_path / name), str(good))
    assert outcome.status == 1
    lines = outcome.stdout.splitlines()
    assert lines[0] == f"{tmp_path / name}:1:1: error: {message}"
    assert len(lines) > 1 and all(line.startswith(f"{good}:") for line in lines[1:])


def test_problem_text_cannot_drive_the_terminal(tmp_path: Path) -> None:
    path = write(tmp_path, "evil.yaml", 'title: T\npublished: "\\e[31mred"\n')
    outcome = run_cli("validate", str(path))
    assert outcome.status == 1
    assert "\x1b" not in outcome.stdout and "\\x1b[31mred" in outcome.stdout


def test_positions_name_each_field() -> None:
    checked = check_article(BUNDLED.read_text(encoding="utf-8"))
    text_lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    line, column = checked.positions["faqs[4].question"]
    assert text_lines[line - 1][column - 1:].startswith("What are the prospects for peace")
    line, column = checked.positions["sections[10].heading"]
    assert text_lines[line - 1][column - 1:] == "What Lies Ahead for Ukraine and Russia?"


def test_lint_is_quiet_on_a_sound_article() -> None:
    article = load_article(BUNDLED)
    sound = replace(article, updated=article.published.date())
    assert lint(sound, {}, "x.yaml") == []
    doubled = replace(sound, sections=(*sound.sections, Section("Other", ("Text.",))),
                      faqs=(*sound.faqs, Faq(sound.faqs[0].question.upper(), "Again.")))
    assert [problem.field for problem in lint(doubled, {}, "x.yaml")] == ["faqs[5].question"]
