"""Plain-text articles (the layout of the bundled seed) to the model. Pure: text in,
Article out, or a DataError naming the line that breaks the layout.

The layout, one item per line (blank lines are ignored): a title; ``Published:
<date time> | Category: <name>``; a summary paragraph; optionally ``Last updated:
<date> (<zone>)``; optionally ``Key Takeaways`` and ``- `` bullets; sections, each a
short heading line (no closing full stop; it may end in ``?``) and one or more
paragraph lines; ``#hashtags`` ending the last paragraph; optionally ``FAQs`` and
question and answer lines (an answer may run over several lines).

Inside a section, a run of ``- `` (or ``*``, ``1.``...) bullet lines is one list,
kept as one paragraph of ``- item`` lines (see ``model.list_paragraph``). So is a
run of two or more short lines without bullets after a paragraph: all of them if
that paragraph ends in ``:``, else all but the last, which is the next heading.

Headings are told from paragraphs by the layout's rules, never by their words: a
heading is a short line that does not end like a sentence, and it is always
followed by a paragraph.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from ...errors import AmbiguousDate, DataError, Problem
from ...model import Article, Faq, Section, list_paragraph

_PUBLISHED = re.compile(
    r"^Published\s*:\s*(?P<when>[^|]+?)\s*(?:\|\s*Category\s*:\s*(?P<category>.*?))?\s*$",
    re.IGNORECASE,
)
_CATEGORY = re.compile(r"^Category\s*:\s*(?P<category>.+?)\s*$", re.IGNORECASE)
_UPDATED = re.compile(
    r"^Last\s+updated\s*:\s*(?P<when>[^()]+?)\s*(?:\((?P<zone>[^()]+)\))?\s*$", re.IGNORECASE
)
_TAKEAWAYS = re.compile(r"^(?:Key\s+)?Takeaways\s*:?$", re.IGNORECASE)
FAQ_HEADING = _FAQS = re.compile(r"^(?:FAQs?|Frequently\s+Asked\s+Questions)\s*:?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*\u2022\u2013\u2014]|\d{1,2}[.)])\s+")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
# "Q:", "Q.", "Q1:", "Question:"; "A:", "A.", "Answer:".
_QUESTION_MARK = re.compile(r"^(?:Q\d{0,3}|Question)\s*[:.]\s*", re.IGNORECASE)
_ANSWER_MARK = re.compile(r"^(?:A\d{0,3}|Answer)\s*[:.]\s*", re.IGNORECASE)
_TRAILING_TAGS = re.compile(r"(?:^|\s)((?:#\w[\w-]*\s*)+)$")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
# A line ending in one of these (closing quotes and brackets aside) ends a sentence,
# so it is a paragraph, not a heading.
_SENTENCE_ENDINGS = tuple(".!,;:\u2026")
_CLOSERS = "\"'\u201d\u2019)]"
HEADING_MAX_WORDS = 20

_DATES = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
          "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")
_TIMES = ("%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M%p")


@dataclass(frozen=True)
class _Line:
    """A line of a plain-text article and its number, for messages."""

    number: int
    text: str


def import_text(text: str, file: str = "<stdin>", article_id: str = "article") -> Article:
    """Parse a plain-text article; DataError (with the line) if it is not one."""
    return _Parser(text, file).article(article_id)


def import_text_noted(text: str, file: str = "<stdin>",
                      article_id: str = "article") -> tuple[Article, tuple[AmbiguousDate, ...]]:
    """``import_text``, and what the user should know: dates that read either way."""
    parser = _Parser(text, file)
    return parser.article(article_id), tuple(parser.notes)


def split_lines(text: str) -> list[tuple[int, str]]:
    """(line number, stripped text) of each non-blank line; a BOM, CRLF and old Mac CR
    line ends tolerated. In a text whose lines end otherwise, a carriage return is a
    space: a line of its own would change the article's layout ("a takeaway\rWith a
    section after it"), and shown as it is it would overwrite the line."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    text = text.replace("\r", " " if "\n" in text else "\n")
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()]


class _Parser:
    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.lines = [_Line(number, line) for number, line in split_lines(text)]
        self.position = 0
        self.notes: list[AmbiguousDate] = []

    def fail(self, message: str, line: _Line | None = None) -> DataError:
        number = line.number if line else (self.lines[-1].number if self.lines else 1)
        return DataError([Problem(self.file, number, 1, message)])

    def peek(self, ahead: int = 0) -> _Line | None:
        index = self.position + ahead
        return self.lines[index] if index < len(self.lines) else None

    def take(self) -> _Line:
        line = self.lines[self.position]
        self.position += 1
        return line

    def article(self, article_id: str) -> Article:
        if not self.lines:
            raise self.fail("empty input: not an article (expected a title line, then "
                            "'Published: <date time> | Category: <name>')")
        title = self.take()
        if _PUBLISHED.match(title.text):
            raise self.fail("no title: the first line must be the article's title", title)
        published, category = self.published()
        summary, updated, zone, takeaways = self.front_matter()
        sections, tags = self.sections()
        faqs = self.faqs()
        if not tags and faqs:  # hashtags put at the very end, after the FAQs
            answer, tags = _split_tags(faqs[-1].answer)
            faqs[-1] = Faq(faqs[-1].question, answer) if answer else faqs[-1]
            tags = tags if answer else []
        return Article(
            title=title.text, published=published, summary=summary,
            sections=tuple(sections), updated=updated, updated_zone=zone,
            category=category, key_takeaways=tuple(takeaways),
            tags=tuple(tags), faqs=tuple(faqs), id=article_id,
        )

    def published(self) -> tuple[datetime, str | None]:
        line = self.peek()
        match = _PUBLISHED.match(line.text) if line else None
        if line is None or match is None:
            raise self.fail("expected 'Published: <date time> | Category: <name>' "
                            "on the line after the title", line)
        self.take()
        published = parse_datetime(match["when"])
        if published is None:
            raise self.fail(f"cannot read the published date '{match['when']}' "
                            "(expected e.g. 2025-09-06 03:07:15)", line)
        if (other := other_reading(match["when"], published)) is not None:
            self.notes.append(AmbiguousDate(self.file, line.number, "published",
                                            " ".join(match["when"].split()), published, other))
        category = match["category"] or None
        following = self.peek()
        if category is None and following and (own := _CATEGORY.match(following.text)):
            self.take()
            category = own["category"]
        return published, category

    def front_matter(self) -> tuple[str, date | None, str | None, list[str]]:
        """The summary, the last-updated date and the key takeaways, in any order."""
        summary: list[str] = []
        updated: tuple[date | None, str | None] = (None, None)
        takeaways: list[str] = []
        seen_marker = False
        while (line := self.peek()) is not None and not _FAQS.match(line.text):
            if _UPDATED.match(line.text) and updated == (None, None):
                updated = self.updated()
            elif _TAKEAWAYS.match(line.text) and not takeaways:
                takeaways = self.takeaways()
            elif not summary:
                summary.append(self.take().text)
                continue
            elif not seen_marker and _ends_like_sentence(line.text) \
                    and not _BULLET.match(line.text):
                # The summary runs on until a line that could be a heading.
                summary.append(self.take().text)
                continue
            else:
                break
            seen_marker = True
        if not summary:
            raise self.fail("expected a summary paragraph after the 'Published:' line",
                            self.peek())
        return " ".join(summary), updated[0], updated[1], takeaways

    def updated(self) -> tuple[date | None, str | None]:
        line = self.take()
        match = _UPDATED.match(line.text)
        assert match is not None
        when = parse_date(match["when"])
        if when is None:
            raise self.fail(f"cannot read the last-updated date '{match['when']}' "
                            "(expected e.g. 01 October 2023)", line)
        if (other := other_reading(match["when"], when)) is not None:
            self.notes.append(AmbiguousDate(self.file, line.number, "updated",
                                            " ".join(match["when"].split()), when, other))
        return when, match["zone"]

    def takeaways(self) -> list[str]:
        heading = self.take()
        items = []
        while (line := self.peek()) and _BULLET.match(line.text):
            items.append(_BULLET.sub("", self.take().text, count=1))
        if not items:
            raise self.fail("'Key Takeaways' must be followed by '- ' bullet lines", heading)
        return items

    def sections(self) -> tuple[list[Section], list[str]]:
        sections: list[Section] = []
        while (line := self.peek()) is not None and not _FAQS.match(line.text):
            heading = self.take()  # the line after a paragraph-ending one, by the layout
            paragraphs: list[str] = []
            while (line := self.peek()) is not None and not _FAQS.match(line.text):
                if _BULLET.match(line.text):
                    paragraphs.append(self.bullets())
                    continue
                run = self.short_lines() if paragraphs else 0
                if run >= 2:  # a list written without bullets
                    heading_follows = not paragraphs[-1].endswith(":") \
                        and self.peek(run) is not None
                    items = [self.take().text for _ in range(run - heading_follows)]
                    paragraphs.append(list_paragraph(items))
                    if heading_follows:
                        break
                    continue
                if paragraphs and self.heading_here():
                    break
                paragraphs.append(self.take().text)
            if not paragraphs:
                raise self.fail(f"section '{heading.text}' has no paragraphs", heading)
            sections.append(Section(heading.text, tuple(paragraphs)))
        if not sections:
            raise self.fail("no sections: expected a heading line followed by paragraph "
                            "lines", line)
        last = sections[-1]
        text, tags = _split_tags(last.paragraphs[-1])
        kept = last.paragraphs[:-1] + ((text,) if text else ())
        if not tags or not kept:
            return sections, []
        sections[-1] = Section(last.heading, kept)
        return sections, tags

    def bullets(self) -> str:
        """The bullet lines from here, as one list paragraph."""
        lines = []
        while (line := self.peek()) is not None and _BULLET.match(line.text):
            lines.append(self.take().text)
        return list_paragraph([_BULLET.sub("", line, count=1) for line in lines],
                              numbered=all(_NUMBERED.match(line) for line in lines))

    def short_lines(self) -> int:
        """How many lines from here look like headings, before a paragraph or the FAQs."""
        count = 0
        while (line := self.peek(count)) is not None and looks_like_heading(line.text) \
                and not _FAQS.match(line.text):
            count += 1
        return count

    def heading_here(self) -> bool:
        """The next line starts a section: it looks like a heading and a paragraph follows."""
        line, after = self.peek(), self.peek(1)
        return (line is not None and looks_like_heading(line.text)
                and after is not None and not _FAQS.match(after.text))

    def faqs(self) -> list[Faq]:
        if self.peek() is None:
            return []
        heading = self.take()
        lines = self.lines[self.position:]
        self.position = len(self.lines)
        if not lines:
            raise self.fail("'FAQs' must be followed by question and answer lines", heading)
        return parse_faqs([(line.number, line.text) for line in lines], self.file)


def parse_faqs(numbered_lines: list[tuple[int, str]], file: str) -> list[Faq]:
    """Question and answer lines (after an FAQs heading) as FAQs; a DataError names a
    question without an answer."""
    lines = [_Line(number, text) for number, text in numbered_lines]
    # Marked: a 'Q:' line, or two 'A:' lines (one could be an initial: "A. Smith").
    marked = any(_QUESTION_MARK.match(line.text) for line in lines) or \
        sum(bool(_ANSWER_MARK.match(line.text)) for line in lines) >= 2
    asked = any(line.text.endswith("?") for line in lines)
    starts = _question_starts(lines) if (marked or asked) else range(0, len(lines), 2)
    faqs = []
    bounds = [*starts, len(lines)]
    for start, end in itertools.pairwise(bounds):
        question, answer = lines[start], lines[start + 1:end]
        if not answer:
            raise DataError([Problem(file, question.number, 1,
                                     f"FAQ question '{question.text}' has no answer")])
        faqs.append(_faq(question, answer, marked))
    return faqs


def _faq(question: _Line, answer: list[_Line], marked: bool) -> Faq:
    """One FAQ: a question's number ("11. ") dropped, and its 'Q:' and 'A:' (or 'Q.'
    and 'A.') marks when the FAQs use them."""
    asked = _NUMBERED.sub("", question.text, count=1) if question.text.endswith("?") \
        else question.text
    if not marked:
        return Faq(asked, " ".join(line.text for line in answer))
    return Faq(_QUESTION_MARK.sub("", asked, count=1),
               " ".join(_ANSWER_MARK.sub("", line.text, count=1) for line in answer))


def _question_starts(lines: list[_Line]) -> list[int]:
    """Where each question begins: at a 'Q:' (or 'Q.') line, or at a line ending in '?'
    that follows an answer line (so an answer may run on) and is not marked 'A:'."""
    starts = [0]
    for index, line in enumerate(lines):
        if index > starts[-1] and (_QUESTION_MARK.match(line.text) or (
                index > starts[-1] + 1 and line.text.endswith("?")
                and not _ANSWER_MARK.match(line.text))):
            starts.append(index)
    return starts


def _ends_like_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDINGS) or bool(_TRAILING_TAGS.search(text))


def looks_like_heading(text: str) -> bool:
    """A short line that does not end like a sentence (nor is a bullet or hashtag)."""
    return (
        len(text.split()) <= HEADING_MAX_WORDS
        and not _ends_like_sentence(text)
        and not _BULLET.match(text)
        and not text.startswith("#")
    )


def _split_tags(paragraph: str) -> tuple[str, list[str]]:
    match = _TRAILING_TAGS.search(paragraph)
    if not match:
        return paragraph, []
    return paragraph[: match.start()].rstrip(), [tag.lstrip("#") for tag in match[1].split()]


def parse_datetime(value: str) -> datetime | None:
    """A publication time as articles write it: ISO 8601, or a date and a clock time."""
    value = _ORDINAL.sub(r"\1", " ".join(value.split()))
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    # Jekyll's "2026-06-12 10:30:00 +0100", which fromisoformat reads only from 3.11.
    with contextlib.suppress(ValueError):
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S %z")
    for day_form in _DATES:
        for form in (*(f"{day_form} {time}" for time in _TIMES),
                     *(f"{day_form}, {time}" for time in _TIMES), day_form):
            try:
                return datetime.strptime(value, form)
            except ValueError:
                continue
    return None


_When = TypeVar("_When", date, datetime)
# An all-numeric date, day first as parse_datetime reads it: "03/04/2024", "3.4.2024".
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.]\d{4}\b")


def other_reading(value: str, read: _When) -> _When | None:
    """The other reading of an all-numeric date ``value`` that could be either way round
    (day and month both 12 or less, and not equal): ``read`` (day first) with its day and
    month swapped, as a month-first (US) writer means it. None for any other date."""
    match = _NUMERIC_DATE.match(" ".join(value.split()))
    if match is None:
        return None
    day, month = int(match[1]), int(match[2])
    if day == month or day > 12 or month > 12 or (read.day, read.month) != (day, month):
        return None
    return read.replace(day=month, month=day)


def parse_date(value: str) -> date | None:
    """A day as articles write it (``01 October 2023``, ``October 1, 2023``, ISO...)."""
    moment = parse_datetime(value)
    return moment.date() if moment else None
