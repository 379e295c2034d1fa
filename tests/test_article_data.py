"""data/article.yaml carries every word of the seed article, verbatim."""

from __future__ import annotations

import re

import pytest

from articlecli.articles.loader import load_article
from articlecli.model import Article
from articlecli.store.library import bundled_article_path
from articlecli.ui.views import meta_line

from .conftest import SEED


def reading_order(article: Article) -> list[str]:
    """The article's text as the seed lays it out, one line per item."""
    lines = [article.title, meta_line(article).split(" | Last updated")[0], article.summary,
             f"Last updated: {article.updated:%d %B %Y} ({article.updated_zone})",
             "Key Takeaways", *(f"- {item}" for item in article.key_takeaways)]
    for section in article.sections:
        lines += [section.heading, *section.paragraphs]
    lines[-1] += " " + " ".join(f"#{tag}" for tag in article.tags)
    lines.append("FAQs")
    for faq in article.faqs:
        lines += [faq.question, faq.answer]
    return lines


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed is not beside this checkout")
def test_bundled_yaml_holds_the_seed_verbatim() -> None:
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert reading_order(load_article(bundled_article_path())) == seed_lines


def test_bundled_article_has_the_documented_shape() -> None:
    article = load_article(bundled_article_path())
    assert article.title == "Why Does Putin Maintain His Hardline Stance on the Ukraine War?"
    assert article.published.isoformat() == "2025-09-06T03:07:15"
    assert article.updated is not None and article.updated.isoformat() == "2023-10-01"
    assert article.category == "technology"
    assert (len(article.key_takeaways), len(article.sections), len(article.faqs)) == (5, 11, 5)
    assert article.tags == ("UkraineConflict", "Putin", "Geopolitics")
    assert not any(re.search(r"#\w", paragraph)
                   for section in article.sections for paragraph in section.paragraphs)
