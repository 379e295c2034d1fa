"""Loading article YAML into the model, and writing it back."""

from __future__ import annotations

from datetime import datetime

import pytest

from articlecli.articles.loader import check_article, dump_yaml, load_article, parse_article
from articlecli.cli.messages import describe
from articlecli.errors import DataError

from .conftest import BUNDLED

MINIMAL = """\
title: T
published: 2025-01-02 03:04:05
summary: S
sections:
  - heading: H
    paragraphs: [P]
"""


def messages(text: str) -> list[str]:
    checked = check_article(text, "a.yaml")
    assert checked.article is None
    return [str(problem) for problem in checked.problems]


def test_bundled_article_round_trips_through_yaml() -> None:
    article = load_article(BUNDLED)
    assert parse_article(dump_yaml(article)) == article
    assert "!!" not in dump_yaml(article) and "{" not in dump_yaml(article)


def test_minimal_article_gets_the_documented_defaults() -> None:
    article = parse_article(MINIMAL)
    assert article.published == datetime(2025, 1, 2, 3, 4, 5)
    assert (article.key_takeaways, article.tags, article.faqs) == ((), (), ())
    assert (article.updated, article.category) == (None, None)


def test_plain_scalars_are_text_as_written() -> None:
    article = parse_article(MINIMAL.replace("title: T", "title: yes").replace("[P]", "[2024, on]"))
    assert article.title == "yes"
    assert article.sections[0].paragraphs == ("2024", "on")


def test_tags_may_be_written_with_or_without_the_hash() -> None:
    article = parse_article(MINIMAL + "tags: ['#Putin', Geopolitics]\n")
    assert article.tags == ("Putin", "Geopolitics")


def test_every_problem_is_reported_with_line_column_and_field() -> None:
    text = MINIMAL.replace("title: T", "tittle: T") + "faqs:\n  - question: Q\n    answer: [A]\n"
    assert messages(text) == [
        "a.yaml:1:1: tittle: unknown key 'tittle'; did you mean 'title'? (known: title, "
        "published, updated, updated_zone, category, author, site, source, summary, "
        "key_takeaways, sections, tags, faqs)",
        "a.yaml:9:13: faqs[0].answer: expected text, got a list",
    ]


def test_a_bad_timestamp_names_what_was_expected() -> None:
    assert messages(MINIMAL.replace("2025-01-02 03:04:05", "last tuesday")) == [
        "a.yaml:2:12: published: expected a date and time like 2025-09-06 03:07:15, "
        "got 'last tuesday'"
    ]


def test_sections_need_paragraphs() -> None:
    assert messages(MINIMAL.replace("[P]", "[]")) == [
        "a.yaml:6:17: sections[0].paragraphs: expected at least 1 item, got none"
    ]


def test_data_error_message_counts_the_rest() -> None:
    with pytest.raises(DataError) as caught:
        parse_article("title: [x]\nsummary: {}\n", "b.yaml")
    assert describe(caught.value)[0].startswith(
        "b.yaml:1:1: published: missing required key 'published' (and 3 more")
