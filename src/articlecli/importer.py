"""Plain-text articles (the layout of the bundled seed) to the model.

The layout, one item per line (blank lines are ignored):
title; ``Published: <date time> | Category: <name>``; a summary paragraph;
optionally ``Last updated: <date> (<zone>)``; ``Key Takeaways`` and ``- `` bullets;
sections, each a short heading line followed by paragraph lines; ``#hashtags``
ending the last paragraph; ``FAQs`` and then question and answer lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .errors import DataError, Problem
from .model import Article, Faq, Section

_PUBLISHED = re.compile(
    r"^Published:\s*(?P<when>[^|]+?)\s*(?:\|\s*Category:\s*(?P<category>.*?))?$", re.IGNORECASE
)
_UPDATED = re.compile(r"^Last updated:\s*(?P<when>.+?)\s*(?:\((?P<zone>[^()]+)\))?$",
                      re.IGNORECASE)
_TAKEAWAYS = re.compile(r"^Key Takeaways:?$", re.IGNORECASE)
_FAQS = re.compile(r"^(?:FAQs?|Frequently Asked Questions):?$", re.IGNORECASE)
_BULLET = re.compile("^[-*\u2022\u2013]\\s+")  # -, *, bullet, en dash
_TRAILING_TAGS = re.compile(r"(?:^|\s+)((?:#\w+\s*)+)$")
_HEADING_MAX_WORDS = 14
_NOT_HEADING_ENDINGS = tuple('.!,;:"\'\u201d\u2019')  # and closing curly quotes
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%Y-%m-%d")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


@dataclass
class _Line:
    number: int
    text: str


def import_text(text: str, file: str = "<stdin>", article_id: str = "article") -> Article:
    """Parse a plain-text article; DataError (with the line) if it is not one."""
    return _Parser(text, file).article(article_id)


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.lines = [_Line(number, line.strip())
                      for number, line in enumerate(text.split("\n"), start=1) if line.strip()]
        self.position = 0

    def fail(self, message: str, line: _Line | None = None) -> DataError:
        number = line.number if line else (self.lines[-1].number if self.lines else 1)
        return DataError([Problem(self.file, number, 1, message)])

    def peek(self) -> _Line | None:
        return self.lines[self.position] if self.position < len(self.lines) else None

    def take(self) -> _Line:
        line = self.lines[self.position]
        self.position += 1
        return line

    def article(self, article_id: str) -> Article:
        if not self.lines:
            raise self.fail("empty input: not an article")
        title = self.take()
        if _PUBLISHED.match(title.text):
            raise self.fail("no title: the first line must be the article's title", title)
        published_line = self.peek()
        match = _PUBLISHED.match(published_line.text) if published_line else None
        if published_line is None or match is None:
            raise self.fail("expected 'Published: <date time> | Category: <name>' "
                            "after the title", published_line)
        self.take()
        published = _parse_datetime(match["when"])
        if published is None:
            raise self.fail(f"cannot read the published date '{match['when']}'", published_line)
        summary = self.summary()
        updated, zone = self.updated()
        takeaways = self.takeaways()
        sections, tags = self.sections()
        faqs = self.faqs()
        return Article(
            title=title.text, published=published, summary=summary,
            sections=tuple(sections), updated=updated, updated_zone=zone,
            category=match["category"] or None, key_takeaways=tuple(takeaways),
            tags=tuple(tags), faqs=tuple(faqs), id=article_id,
        )

    def summary(self) -> str:
        parts: list[str] = []
        while (line := self.peek()) and not (
            _UPDATED.match(line.text) or _TAKEAWAYS.match(line.text) or _FAQS.match(line.text)
        ):
            if parts and _looks_like_heading(line.text):
                break
            parts.append(self.take().text)
        if not parts:
            raise self.fail("expected a summary paragraph after the 'Published:' line", line)
        return " ".join(parts)

    def updated(self) -> tuple[date | None, str | None]:
        line = self.peek()
        match = _UPDATED.match(line.text) if line else None
        if line is None or match is None:
            return None, None
        self.take()
        when = _parse_date(match["when"])
        if when is None:
            raise self.fail(f"cannot read the last-updated date '{match['when']}'", line)
        return when, match["zone"]

    def takeaways(self) -> list[str]:
        line = self.peek()
        if line is None or not _TAKEAWAYS.match(line.text):
            return []
        self.take()
        items = []
        while (line := self.peek()) and _BULLET.match(line.text):
            items.append(_BULLET.sub("", self.take().text))
        return items

    def sections(self) -> tuple[list[Section], list[str]]:
        sections: list[Section] = []
        while (line := self.peek()) and not _FAQS.match(line.text):
            if not _looks_like_heading(line.text):
                raise self.fail("expected a section heading (a short line with no closing "
                                "full stop)", line)
            heading = self.take()
            paragraphs: list[str] = []
            while (line := self.peek()) and not _FAQS.match(line.text):
                if paragraphs and _looks_like_heading(line.text):
                    break
                paragraphs.append(self.take().text)
            if not paragraphs:
                raise self.fail(f"section '{heading.text}' has no paragraphs", heading)
            sections.append(Section(heading.text, tuple(paragraphs)))
        if not sections:
            raise self.fail("no sections: expected headings followed by paragraphs", line)
        last = sections[-1]
        text, tags = _split_tags(last.paragraphs[-1])
        kept = last.paragraphs[:-1] + ((text,) if text else ())
        if not tags or not kept:
            return sections, []
        sections[-1] = Section(last.heading, kept)
        return sections, tags

    def faqs(self) -> list[Faq]:
        if self.peek() is None:
            return []
        self.take()
        faqs = []
        while (question := self.peek()) is not None:
            self.take()
            answer: list[str] = []
            while (line := self.peek()) and not (answer and line.text.endswith("?")):
                answer.append(self.take().text)
            if not answer:
                raise self.fail(f"FAQ question '{question.text}' has no answer", question)
            faqs.append(Faq(question.text, " ".join(answer)))
        return faqs


def _looks_like_heading(text: str) -> bool:
    return (
        len(text.split()) <= _HEADING_MAX_WORDS
        and not text.endswith(_NOT_HEADING_ENDINGS)
        and not _BULLET.match(text)
        and not text.startswith("#")
    )


def _split_tags(paragraph: str) -> tuple[str, list[str]]:
    match = _TRAILING_TAGS.search(paragraph)
    if not match:
        return paragraph, []
    return paragraph[: match.start()].rstrip(), [tag.lstrip("#") for tag in match[1].split()]


def _parse_datetime(value: str) -> datetime | None:
    for form in _DATETIME_FORMATS:
        try:
            return datetime.strptime(value.strip(), form)
        except ValueError:
            continue
    day = _parse_date(value)
    return datetime(day.year, day.month, day.day) if day else None


def _parse_date(value: str) -> date | None:
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), form).date()
        except ValueError:
            continue
    return None
