"""The article model: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Faq:
    question: str
    answer: str


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
    key_takeaways: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    faqs: tuple[Faq, ...] = ()
    id: str = field(default="article", compare=False)

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
