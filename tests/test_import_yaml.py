"""An article already in articlecli's YAML format, given to import: read by the
loader and written back as that article, never read as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlecli.articles.loader import dump_yaml, load_article, parse_article

from .conftest import run_cli

# Hand-written: flow lists, a quoted title, keys out of the usual order.
HAND_WRITTEN = """\
summary: "The harbour's old crane will be restored and kept as a landmark."
title: 'Old Harbour Crane to Be Restored'
published: 2026-04-02 09:00:00
tags: [harbour, heritage]
sections:
  - heading: What Happens Next
    paragraphs: ["Work starts in May and should take eight weeks."]
faqs: [{question: Who pays?, answer: The harbour trust.}]
"""


@pytest.mark.parametrize("name", ["crane.yaml", "crane.yml"])
def test_an_article_file_is_imported_as_the_article_it_holds(tmp_path: Path,
                                                             name: str) -> None:
    source = tmp_path / name
    source.write_text(HAND_WRITTEN, encoding="utf-8")
    outcome = run_cli("import", str(source), "-o", str(tmp_path / "copy.yaml"))
    assert (outcome.status, outcome.stderr) == (0, "")
    assert outcome.stdout == f"wrote {tmp_path / 'copy.yaml'}: 1 section, 0 takeaways, 1 FAQ\n"
    copy = (tmp_path / "copy.yaml").read_text(encoding="utf-8")
    original = parse_article(HAND_WRITTEN)
    assert copy == dump_yaml(original)  # the normal form
    assert load_article(tmp_path / "copy.yaml") == original
    assert original.title == "Old Harbour Crane to Be Restored"
    assert original.source is None  # left as the file has it


def test_an_article_on_standard_input_is_told_by_its_keys() -> None:
    outcome = run_cli("import", "-", stdin=HAND_WRITTEN)
    assert outcome.status == 0, outcome.stderr
    assert outcome.stdout == dump_yaml(parse_article(HAND_WRITTEN))


def test_an_invalid_article_file_is_the_loaders_error_and_writes_nothing(
        tmp_path: Path) -> None:
    source = tmp_path / "crane.yaml"
    source.write_text(HAND_WRITTEN.replace("2026-04-02 09:00:00", "next spring"),
                      encoding="utf-8")
    outcome = run_cli("import", str(source), "-o", str(tmp_path / "copy.yaml"))
    assert outcome.status == 2
    assert outcome.stderr == (f"articlecli: error: {source}:3:12: published: expected a date "
                              "and time like 2025-09-06 03:07:15, got 'next spring'\n")
    assert not (tmp_path / "copy.yaml").exists()
    outcome = run_cli("import", "-", stdin=HAND_WRITTEN.replace("title:", "tittle:"))
    assert outcome.status == 2
    assert outcome.stderr.startswith("articlecli: error: <stdin>:2:1: tittle: unknown key "
                                     "'tittle'; did you mean 'title'?")


def test_what_validate_warns_of_is_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "crane.yaml"
    source.write_text(HAND_WRITTEN + "updated: 2026-01-01\n", encoding="utf-8")
    outcome = run_cli("import", str(source))
    assert outcome.status == 0
    assert outcome.stderr == (f"articlecli: warning: {source}:9:10: updated: last updated "
                              "2026-01-01 is before published 2026-04-02\n")


def test_markdown_that_shows_the_format_in_a_code_block_is_still_markdown() -> None:
    text = ("# How our files look\n\nEach article is one YAML file, which starts with its "
            "title and its date, as here:\n\n```yaml\n" + HAND_WRITTEN + "```\n\nThe rest of "
            "this note explains each key in turn, and why the summary is required while the "
            "tags and the questions are not, for a reader who has never seen one.\n")
    outcome = run_cli("import", "-", stdin=text)
    assert outcome.status == 0, outcome.stderr
    assert parse_article(outcome.stdout).title == "How our files look"
