"""Markdown import reads back what `export --format markdown` writes: the meta
line, the summary, the takeaways, the FAQs and the tags, not only the sections."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.loader import load_article, parse_article
from articlecli.model import Article, Section
from articlecli.ui.export import to_markdown

from .conftest import run_cli

# Every field the export writes, and text that looks like markup.
ARTICLE = """\
title: 'Ferry Fares Rise #1: Why *Now*?'
published: 2026-03-02 07:15:00
updated: 2026-03-09
updated_zone: GMT
category: transport
author: Ann Hill
site: Skerry Times | Islands
source: https://skerry.example/news/fares_2026
summary: Fares on the three ferry routes will rise by twelve percent from 1 April, the
  operator announced on Monday, blaming <b>higher</b> fuel and crew costs.
key_takeaways:
- Fares rise 12% from 1 April.
- Residents keep their 40% discount.
sections:
- heading: What Changes for Passengers
  paragraphs:
  - A standard adult return to Holm will go from £18.50 to £20.70, and a car and driver
    return to £96; season tickets bought before 31 March keep the old price.
  - 'The new fares:'
  - |-
    1. Adult return: £20.70
    2. Child return: £10.35
- heading: Looking Ahead
  paragraphs:
  - The operator says the rise will be the last above inflation before a battery ferry
    enters service in 2028, cutting its fuel costs by two thirds.
  - |-
    - New ferry in 2028
    - Fuel costs cut by two thirds
tags: [Ferries, Skerry-Islands]
faqs:
- question: When do the new fares start?
  answer: On 1 April 2026.
- question: Will residents lose their discount?
  answer: No. Registered islanders keep a 40% discount.
"""


def test_an_exported_article_imports_back_as_itself(tmp_path: Path) -> None:
    source = tmp_path / "fares.yaml"
    source.write_text(ARTICLE, encoding="utf-8")
    exported = run_cli("--data", str(source), "export", "--format", "markdown")
    assert exported.status == 0, exported.stderr
    markdown = tmp_path / "fares.md"
    markdown.write_text(exported.stdout, encoding="utf-8")
    outcome = run_cli("import", str(markdown), "-o", str(tmp_path / "back.yaml"))
    assert (outcome.status, outcome.stderr) == (0, "")
    assert outcome.stdout.endswith(": 2 sections, 2 takeaways, 2 FAQs\n")
    assert load_article(tmp_path / "back.yaml") == parse_article(ARTICLE)


def round_trip(article: Article) -> Article:
    outcome = run_cli("import", "-", "--from", "markdown", stdin=to_markdown(article))
    assert (outcome.status, outcome.stderr) == (0, "")
    return parse_article(outcome.stdout)


@pytest.mark.parametrize("tags", [
    ("new york", "covid-19", "U.S."),
    ("Washington, D.C.", "a,b", "1, 2, 3"),  # commas inside tags
    ("*", "a*b*", "_x_", "c\\d", "ends\\", "~~s~~", "`code`", "[link](x)", "<b>", "&amp;",
     "C#", "Tags: x", "Ünïcode ☃", "- item", "1."),
])
def test_any_tags_come_back_as_they_were(tags: tuple[str, ...]) -> None:
    article = replace(parse_article(ARTICLE), tags=tags)
    assert round_trip(article) == article


@pytest.mark.parametrize("faqs", [True, False])
def test_a_last_paragraph_of_hashtags_stays_a_paragraph(faqs: bool) -> None:
    """The export escapes a paragraph's '#': not read as tags (nor '*Tags: x*' as a tags line)."""
    article = parse_article(ARTICLE)
    last = article.sections[-1]
    article = replace(article, tags=(), faqs=article.faqs if faqs else (), sections=(
        *article.sections[:-1], Section(last.heading, (*last.paragraphs, "#Ferries #Skerry"))))
    assert round_trip(article) == article
    article = replace(article, sections=(
        *article.sections[:-1], Section(last.heading, (*last.paragraphs, "*Tags: x, y*"))))
    assert round_trip(article) == article


@pytest.mark.parametrize(("last", "tags", "text"), [
    ("*Tags: night buses, N1*", ("night buses", "N1"), None),
    ("#NightBuses #Transport", ("NightBuses", "Transport"), None),
    ("\\#NightBuses #Transport", (), "#NightBuses #Transport"),  # an escaped '#'
    ("*Tags: [night](x), N1*", (), "Tags: night, N1"),  # a link in it
])
def test_a_hand_written_tags_line_or_hashtags_give_the_tags(
        tmp_path: Path, last: str, tags: tuple[str, ...], text: str | None) -> None:
    """Before FAQs (a last paragraph of hashtags) or last (a tags line); else text."""
    markdown = tmp_path / "buses.md"
    questions = HAND_WRITTEN.index("## Frequently")
    where = questions if last.startswith(("#", "\\")) else len(HAND_WRITTEN)
    markdown.write_text(f"{HAND_WRITTEN[:where]}\n{last}\n\n{HAND_WRITTEN[where:]}",
                        encoding="utf-8")
    outcome = run_cli("import", str(markdown), "-o", str(tmp_path / "buses.yaml"))
    assert outcome.status == 0, outcome.stderr
    article = load_article(tmp_path / "buses.yaml")
    assert article.tags == tags
    if text is None:  # taken out of the text
        assert article.sections[-1].paragraphs[-1].startswith("The N1 runs")
        assert article.faqs[-1].answer.endswith("on all three routes.")
    else:  # kept as text
        assert text in (article.sections[-1].paragraphs[-1], article.faqs[-1].answer[-15:])


HAND_WRITTEN = """\
# Night buses for shift workers

*Published: 2026-02-05 22:15 | By: Sam Lee*

The city will run three night bus routes from May, for the hospital's and the
warehouses' night shifts, after a year of complaints about the last bus at 23:10.

## Key takeaways

- Three night routes from May.
- Buses every 30 minutes until 05:00.

## The routes

The N1 runs from the hospital to the station, the N2 along the ring road past the
warehouses, and the N3 out to the estates in the east; all three meet in the centre.

## Frequently asked questions

### How much is a ticket?

The day fare, £2, as on any other bus.

### Do passes work?

Yes. Monthly and yearly passes are valid,
on all three routes.
"""


def test_hand_written_takeaways_and_faq_questions_are_read_as_such(tmp_path: Path) -> None:
    markdown = tmp_path / "buses.md"
    markdown.write_text(HAND_WRITTEN, encoding="utf-8")
    outcome = run_cli("import", str(markdown), "-o", str(tmp_path / "buses.yaml"))
    assert (outcome.status, outcome.stderr) == (0, "")
    article = load_article(tmp_path / "buses.yaml")
    assert str(article.published) == "2026-02-05 22:15:00"
    assert article.author == "Sam Lee"
    assert article.summary.startswith("The city will run three night bus routes")
    assert article.key_takeaways == ("Three night routes from May.",
                                     "Buses every 30 minutes until 05:00.")
    assert [section.heading for section in article.sections] == ["The routes"]
    assert [(faq.question, faq.answer) for faq in article.faqs] == [
        ("How much is a ticket?", "The day fare, £2, as on any other bus."),
        ("Do passes work?", "Yes. Monthly and yearly passes are valid, on all three routes.")]


def test_parts_not_in_that_shape_stay_sections(tmp_path: Path) -> None:
    text = HAND_WRITTEN.replace("- Three night routes from May.\n- Buses every 30 minutes "
                                "until 05:00.\n", "Three routes, every half hour.\n").replace(
        "## Frequently asked questions\n", "## Frequently asked questions\n\nAsked at "
        "the council meeting.\n")
    markdown = tmp_path / "buses.md"
    markdown.write_text(text, encoding="utf-8")
    outcome = run_cli("import", str(markdown), "-o", str(tmp_path / "buses.yaml"))
    assert outcome.status == 0, outcome.stderr
    article = load_article(tmp_path / "buses.yaml")
    assert (article.key_takeaways, article.faqs) == ((), ())
    assert [section.heading for section in article.sections][:2] == ["Key takeaways",
                                                                     "The routes"]


def test_a_short_exported_article_is_still_an_article(tmp_path: Path) -> None:
    short = ("title: Bridge Shut\npublished: 2026-05-01 08:00:00\nsummary: The bridge is shut.\n"
             "sections:\n- heading: Why\n  paragraphs: [Repairs to the deck.]\n")
    source = tmp_path / "bridge.yaml"
    source.write_text(short, encoding="utf-8")
    exported = run_cli("--data", str(source), "export", "--format", "markdown").stdout
    outcome = run_cli("import", "-", "--from", "markdown", stdin=exported)
    assert outcome.status == 0, outcome.stderr
    assert parse_article(outcome.stdout) == parse_article(short)


def test_a_meta_lines_source_is_tidied_like_every_field(tmp_path: Path) -> None:
    """Control characters (a terminal link's escapes) are dropped from ``source`` too."""
    markdown = ("# Ferry fares rise\n\n*Published: 2026-03-02 07:15:00 | Source: Reuters "
                "\x1b]8;;http://evil\x07click\x1b]8;;\x07  wire*\n\nFares rise.\n\n"
                "## Why\n\nFuel costs.\n")
    outcome = run_cli("import", "-", "--from", "markdown", stdin=markdown)
    assert outcome.status == 0, outcome.stderr
    assert parse_article(outcome.stdout).source == "Reuters ]8;;http://evilclick]8;; wire"
