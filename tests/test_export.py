"""`articlecli export`: the article as JSON, YAML, Markdown or plain text."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.loader import dump_yaml, load_article, parse_article
from articlecli.model import Faq, Section
from articlecli.ui.export import Format, export_article

from .conftest import BUNDLED, run_cli

ARTICLE = load_article(BUNDLED)


def test_json_has_the_yaml_keys_and_iso_dates() -> None:
    outcome = run_cli("export", "--format", "json")
    assert outcome.status == 0
    data = json.loads(outcome.stdout)
    assert list(data) == ["title", "published", "updated", "updated_zone", "category",
                          "summary", "key_takeaways", "sections", "tags", "faqs"]
    assert (data["published"], data["updated"]) == ("2025-09-06T03:07:15", "2023-10-01")
    assert data["sections"][0] == {"heading": ARTICLE.sections[0].heading,
                                   "paragraphs": list(ARTICLE.sections[0].paragraphs)}
    assert data["faqs"][4] == {"question": ARTICLE.faqs[4].question,
                               "answer": ARTICLE.faqs[4].answer}
    assert data["tags"] == ["UkraineConflict", "Putin", "Geopolitics"]


def test_json_is_the_default_and_omits_absent_optional_fields() -> None:
    bare = replace(ARTICLE, updated=None, updated_zone=None, category=None)
    data = json.loads(export_article(bare, Format.JSON))
    assert "updated" not in data and "category" not in data
    assert run_cli("export").stdout == export_article(ARTICLE, Format.JSON)


def test_yaml_loads_back_to_the_same_article() -> None:
    outcome = run_cli("export", "-f", "yaml")
    assert outcome.status == 0
    assert parse_article(outcome.stdout) == ARTICLE


def test_markdown_layout() -> None:
    outcome = run_cli("export", "--format", "MARKDOWN")
    assert outcome.status == 0
    text = outcome.stdout
    assert text.startswith(f"# {ARTICLE.title}\n\n*Published: 2025-09-06 03:07:15")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["Key Takeaways", *(section.heading for section in ARTICLE.sections),
                        "FAQs"]
    faqs = text.split("\n## FAQs\n")[1]
    assert [line[4:] for line in faqs.splitlines() if line.startswith("### ")] == \
        [faq.question for faq in ARTICLE.faqs]
    assert text.endswith("\n\n*Tags: UkraineConflict, Putin, Geopolitics*\n")  # the last line
    for paragraph in (p for section in ARTICLE.sections for p in section.paragraphs):
        assert f"\n{paragraph}\n" in text  # the seed needs no escaping


def test_markdown_shows_article_text_as_written_not_as_markup() -> None:
    tricky = replace(ARTICLE, title="Use *stars* and <b>tags</b>",
                     sections=(Section("C# Tips", ("# not a heading", "1. not a list",
                                                   "a [link](x) and `code`")),),
                     faqs=(Faq("Why\x1b[2J?", "- no bullet"),))
    text = export_article(tricky, Format.MARKDOWN)
    assert text.startswith("# Use \\*stars\\* and \\<b\\>tags\\</b\\>\n")
    assert "\n## C# Tips\n" in text
    assert "\n\\# not a heading\n" in text and "\n1\\. not a list\n" in text
    assert "\na \\[link\\](x) and \\`code\\`\n" in text
    assert "\n### Why\\\\x1b\\[2J?\n" in text and "\n\\- no bullet\n" in text


def test_text_is_the_plain_read_output() -> None:
    exported = run_cli("export", "--format", "text")
    assert exported.status == 0
    assert exported.stdout == run_cli("read").stdout
    assert exported.stdout == run_cli("export", "--format", "text", tty=True).stdout


def test_an_unknown_format_is_a_usage_error() -> None:
    outcome = run_cli("export", "--format", "pdf")
    assert outcome.status == 2
    assert "pdf" in outcome.stderr and outcome.stderr.count("\n") == 1


@pytest.mark.parametrize("form", ["json", "yaml", "markdown", "text"])
def test_every_format_takes_article_in_a_library(tmp_path: Path, form: str) -> None:
    other = replace(ARTICLE, title="Another Article")
    (tmp_path / "one.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "two.yaml").write_text(export_article(other, Format.YAML), encoding="utf-8")
    chosen = run_cli("--data", str(tmp_path), "export", "-f", form, "--article", "two")
    assert chosen.status == 0 and "Another Article" in chosen.stdout
    unchosen = run_cli("--data", str(tmp_path), "export", "-f", form)
    assert unchosen.status == 2
    assert "choose one with --article: one, two" in unchosen.stderr


def test_author_site_and_source_are_shown_and_kept_by_every_format(tmp_path: Path) -> None:
    path = tmp_path / "bylined.yaml"
    path.write_text("title: T\npublished: 2026-01-02 03:04:05\nauthor: Jane Doe\n"
                    "site: The Daily Test\nsource: https://example.org/a\nsummary: S.\n"
                    "sections:\n- heading: One\n  paragraphs: [Text.]\n", encoding="utf-8")
    shown = run_cli("--data", str(path), "read").stdout
    assert "By: Jane Doe | Site: The Daily Test | Source: https://example.org/a" in shown
    exported = json.loads(run_cli("--data", str(path), "export").stdout)
    assert (exported["author"], exported["site"], exported["source"]) == (
        "Jane Doe", "The Daily Test", "https://example.org/a")
    assert load_article(path) == parse_article(
        run_cli("--data", str(path), "export", "-f", "yaml").stdout)
    assert "Jane Doe" in run_cli("--data", str(path), "export", "-f", "markdown").stdout


def test_text_is_read_without_the_generated_points(tmp_path: Path) -> None:
    # what the README promises a script that compares the two
    path = tmp_path / "bridge.yaml"
    sections = [Section(f"Part {n}", (f"The footbridge over the river at Aldport will close "
                                      f"for repairs in stage {n}, the council said today. "
                                      f"Walkers will use the Mill Road bridge instead.",))
                for n in range(1, 4)]
    path.write_text(dump_yaml(replace(ARTICLE, key_takeaways=(), faqs=(), tags=(),
                                      sections=tuple(sections))), encoding="utf-8")
    read = run_cli("--data", str(path), "read").stdout
    exported = run_cli("--data", str(path), "export", "--format", "text").stdout
    start = read.index("Key Takeaways (generated by articlecli)\n")
    end = read.index("\n\n", start) + 2
    assert read[start:end].count("\n- ") == 3
    assert exported == read[:start] + read[end:]
