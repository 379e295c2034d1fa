"""The article model: plain frozen dataclasses, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import lru_cache


@dataclass(frozen=True)
class Section:
    """One section of an article: its heading and its paragraphs, in order."""

    heading: str
    paragraphs: tuple[str, ...]


# How an importer writes a data table's row: one paragraph, its cells joined by this.
TABLE_CELLS = " | "
# What starts the last line of a Markdown export, "*Tags: a, b*", read back on import.
MARKDOWN_TAGS = "Tags: "


@lru_cache(maxsize=1)
def _list_line() -> re.Pattern[str]:
    """A line of a paragraph that is a list: "- item" or (numbered) "1. item".
    Compiled when a paragraph is first rendered or exported, not on every start."""
    return re.compile(r"(-|\d{1,3}\.) (\S.*)")


def list_paragraph(items: Sequence[str], *, numbered: bool = False) -> str:
    """The paragraph that holds ``items`` as one list (items are one line each)."""
    return "\n".join(f"{f'{number}.' if numbered else '-'} {' '.join(item.split())}"
                     for number, item in enumerate(items, start=1))


def list_items(paragraph: str) -> list[tuple[str, str]] | None:
    """(marker, text) of each item if ``paragraph`` is a list, else None. A list is
    one item per line, each "- item" or "N. item"; a lone numbered line is not one."""
    lines = paragraph.split("\n")
    matches = [_list_line().fullmatch(line) for line in lines]
    if not all(matches) or (len(lines) == 1 and not paragraph.startswith("- ")):
        return None
    return [(match[1], match[2]) for match in matches if match]


@dataclass(frozen=True)
class Faq:
    """One frequently asked question of an article and its answer."""

    question: str
    answer: str


class Part(Enum):
    """Which part of an article a piece of its text comes from."""

    TITLE = "title"
    SUMMARY = "summary"
    TAKEAWAY = "takeaway"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FAQ = "faq"


@dataclass(frozen=True)
class Piece:
    """One piece of an article's text and where it is. ``section`` is the 1-based
    section number (0 outside the sections); ``number`` counts pieces of the same
    part within it from 0; an FAQ's ``question`` is set and its text is the answer."""

    part: Part
    text: str
    section: int = 0
    heading: str | None = None
    number: int = 0
    question: str | None = None


@dataclass(frozen=True)
class Article:
    """One news article.

    ``id`` is not part of the file: it names the article by where it was found
    (its file name without the suffix, or its path inside a library folder).
    """

    title: str
    published: datetime
    summary: str
    sections: tuple[Section, ...]
    updated: date | None = None
    updated_zone: str | None = None
    category: str | None = None
    author: str | None = None
    site: str | None = None
    source: str | None = None
    key_takeaways: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    faqs: tuple[Faq, ...] = ()
    id: str = field(default="article", compare=False)

    def pieces(self) -> Iterator[Piece]:
        """Every piece of text, in reading order: the one walk over an article that
        reading, search and the ``ask`` index share."""
        yield Piece(Part.TITLE, self.title)
        yield Piece(Part.SUMMARY, self.summary)
        for number, takeaway in enumerate(self.key_takeaways):
            yield Piece(Part.TAKEAWAY, takeaway, number=number)
        for section_number, section in enumerate(self.sections, start=1):
            yield Piece(Part.HEADING, section.heading, section_number, section.heading)
            for number, paragraph in enumerate(section.paragraphs):
                yield Piece(Part.PARAGRAPH, paragraph, section_number, section.heading, number)
        for number, faq in enumerate(self.faqs):
            yield Piece(Part.FAQ, faq.answer, number=number, question=faq.question)

    def find_sections(self, query: str) -> list[tuple[int, Section]]:
        """(1-based number, section) pairs: the one numbered ``query``, else those whose
        heading is ``query`` (any case), else those whose heading contains it."""
        query = query.strip()
        numbered = list(enumerate(self.sections, start=1))
        if query.isascii() and query.isdigit():
            number = int(query) if len(query) <= len(str(len(numbered))) else 0
            return [numbered[number - 1]] if 1 <= number <= len(numbered) else []
        folded = query.casefold()
        exact = [entry for entry in numbered if entry[1].heading.casefold() == folded]
        partial = [entry for entry in numbered if folded and folded in entry[1].heading.casefold()]
        return exact or partial
