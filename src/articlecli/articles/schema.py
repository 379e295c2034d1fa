"""The article format, in one place: its keys, and the article as plain data.

``to_data`` and ``from_data`` are the only translation between the model and data.
The YAML writer, JSON export, the commands' ``--json`` and the cache all use them;
the YAML reader (loader.py) checks files against the same keys, with positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from ..model import Article, Faq, Section

# Bumped when the meaning of a key changes; JSON export and the cache carry it.
SCHEMA_VERSION = 1

REQUIRED_KEYS = ("title", "published", "summary", "sections")
# Optional one-line texts, in file order.
OPTIONAL_TEXT_KEYS = ("updated_zone", "category", "author", "site", "source")
ARTICLE_KEYS = (
    "title", "published", "updated", *OPTIONAL_TEXT_KEYS, "summary",
    "key_takeaways", "sections", "tags", "faqs",
)
SECTION_KEYS = ("heading", "paragraphs")
FAQ_KEYS = ("question", "answer")


def to_data(article: Article, *, iso_dates: bool = False) -> dict[str, Any]:
    """The article with the file format's keys, in file order; optional texts left
    out when unset, lists always present. Dates stay dates unless ``iso_dates``."""
    data: dict[str, Any] = {"title": article.title, "published": article.published,
                            "updated": article.updated}
    data.update((key, getattr(article, key)) for key in OPTIONAL_TEXT_KEYS)
    data["summary"] = article.summary
    data["key_takeaways"] = list(article.key_takeaways)
    data["sections"] = [{"heading": section.heading, "paragraphs": list(section.paragraphs)}
                        for section in article.sections]
    data["tags"] = list(article.tags)
    data["faqs"] = faqs_to_data(article)
    data = {key: value for key, value in data.items() if value is not None}
    if iso_dates:
        data = {key: value.isoformat() if isinstance(value, date) else value
                for key, value in data.items()}
    return data


def faqs_to_data(article: Article) -> list[dict[str, str]]:
    return [{"question": faq.question, "answer": faq.answer} for faq in article.faqs]


def from_data(data: Mapping[str, Any], article_id: str = "article") -> Article:
    """The article from data ``to_data`` made (dates as dates or ISO strings). It trusts
    the shape; a wrong one raises TypeError, KeyError or ValueError. Files go
    through the checking loader instead."""
    updated = data.get("updated")
    return Article(
        title=_text(data["title"]), published=_moment(data["published"]),
        summary=_text(data["summary"]),
        sections=tuple(Section(_text(section["heading"]), _texts(section["paragraphs"]))
                       for section in data["sections"]),
        updated=None if updated is None else _day(updated),
        **{key: None if data.get(key) is None else _text(data[key])
           for key in OPTIONAL_TEXT_KEYS},
        key_takeaways=_texts(data.get("key_takeaways", [])), tags=_texts(data.get("tags", [])),
        faqs=tuple(Faq(_text(faq["question"]), _text(faq["answer"]))
                   for faq in data.get("faqs", [])),
        id=article_id,
    )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected text")
    return value


def _texts(values: Any) -> tuple[str, ...]:
    if type(values) is not list:
        raise TypeError("expected a list of texts")
    return tuple(_text(value) for value in values)


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(_text(value))


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(_text(value))
