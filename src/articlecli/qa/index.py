"""The ``ask`` index: every part of the articles that can answer (FAQ entries,
paragraphs, the summary and each key takeaway) as a unit, and for each word stem
the units that hold it (postings), with the statistics scoring needs.

The index is built in memory from the articles (``build_index``), or read from the
store (store/stored_index.py), which keeps the same data in SQLite so that a warm
``ask`` reads only the rows of the question's own words. The matcher sees both
through the fields and methods of ``Index``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from ..model import Article, Part
from .words import STOP_WORDS, normalise, stem, words

INDEX_FORMAT = 2
# Two stems may be forms of one word when they share a prefix this long at least.
FAMILY_PREFIX = 5


class UnitKind(Enum):
    FAQ = "faq"
    PARAGRAPH = "paragraph"
    SUMMARY = "summary"
    TAKEAWAY = "takeaway"


# The section an answer from a part outside the sections is said to come from.
PART_SECTIONS = {UnitKind.SUMMARY: "Summary", UnitKind.TAKEAWAY: "Key Takeaways"}


class Posting(NamedTuple):
    """How often a stem occurs in one unit's heading (an FAQ's question, a
    paragraph's section heading) and in its body."""

    unit: int
    heading: int
    body: int


# A stem's postings column by column: units, counts in the heading, in the body.
Columns = tuple[Sequence[int], Sequence[int], Sequence[int]]


@dataclass(frozen=True)
class Unit:
    kind: UnitKind
    article: str
    section: str | None  # the heading, "Summary" or "Key Takeaways"; None for an FAQ
    question: str | None  # an FAQ entry's question
    text: str
    length: int  # content words, heading and body

    @property
    def heading(self) -> str:
        return self.question or (self.section if self.kind is UnitKind.PARAGRAPH else "") or ""


# A run of capitalised words ("Reserve Bank of Norland"), for acronyms.
_NAME_RUN = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:of|and|for|the|de|&)?\s*[A-Z][\w'\u2019-]*)+")
_JOINERS = frozenset({"of", "and", "for", "the", "de", "&"})


@dataclass
class Index:
    units: Sequence[Unit]  # by unit number (the store's numbers are not dense)
    postings: Mapping[str, Sequence[Posting]]
    words: Mapping[str, str]  # every word the articles use -> its stem
    acronyms: Mapping[str, Sequence[str]]  # "rbn" -> the stems of "Reserve Bank of Norland"
    average_lengths: dict[str, float]  # by "faq" and "passage"
    articles: Sequence[str] = field(default=())
    _families: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def unit_count(self) -> int:
        return len(self.units)

    def units_with(self, word_stem: str) -> Sequence[Posting]:
        return self.postings.get(word_stem, ())

    def posting_columns(self, word_stem: str) -> Columns:
        """The units, in-heading and in-body counts of ``units_with``, column by column
        (scoring reads every posting of a question's words)."""
        postings = self.units_with(word_stem)
        return ([posting.unit for posting in postings],
                [posting.heading for posting in postings],
                [posting.body for posting in postings])

    # What scoring needs of every unit a posting names, without the unit's text.
    def is_faq(self, unit: int) -> bool:
        return self.units[unit].kind is UnitKind.FAQ

    def length_of(self, unit: int) -> int:
        return self.units[unit].length

    def kinds_and_lengths(self, units: Sequence[int]) -> tuple[Sequence[int], Sequence[int]]:
        """For each of ``units``: whether it is an FAQ entry (1 or 0), and its length.
        Scoring asks this of every unit a question's words are in."""
        return ([int(self.is_faq(unit)) for unit in units],
                [self.length_of(unit) for unit in units])

    def article_of(self, unit: int) -> object:
        """Equal for two units of the same article."""
        return self.units[unit].article

    def each_unit(self) -> Iterable[tuple[int, Unit]]:
        """Every unit with its number (only small indexes are walked whole)."""
        return enumerate(self.units)

    def words_starting_with(self, letter: str) -> Iterable[str]:
        """Words that may start with ``letter`` (all of them will do)."""
        return self.words

    def family(self, prefix: str) -> list[str]:
        """The stems that start with ``prefix`` (FAMILY_PREFIX letters long)."""
        if self._families is None:
            self._families = {}
            for word_stem in sorted(set(self.words.values())):
                if len(word_stem) >= FAMILY_PREFIX:
                    self._families.setdefault(word_stem[:FAMILY_PREFIX], []).append(word_stem)
        return self._families.get(prefix, [])

    def to_data(self) -> dict[str, Any]:
        return {
            "format": INDEX_FORMAT,
            "units": [[unit.kind.value, unit.article, unit.section, unit.question, unit.text,
                       unit.length] for unit in self.units],
            "postings": {word_stem: [list(posting) for posting in postings]
                         for word_stem, postings in self.postings.items()},
            "words": self.words, "acronyms": self.acronyms,
            "average_lengths": self.average_lengths, "articles": list(self.articles)}

    @classmethod
    def from_data(cls, data: Mapping[str, Any],
                  postings: Mapping[str, Sequence[Posting]] | None = None) -> Index:
        """The index ``to_data`` made; ``postings`` may stand in for the saved ones (the
        store decodes them lazily). Raises TypeError, ValueError or KeyError on data
        of another shape."""
        if data["format"] != INDEX_FORMAT:
            raise ValueError("another index format")
        units = [Unit(UnitKind(kind), _text(article), _optional(section), _optional(question),
                      _text(text), int(length))
                 for kind, article, section, question, text, length in data["units"]]
        if postings is None:
            postings = {_text(word_stem): [Posting(*map(int, posting)) for posting in rows]
                        for word_stem, rows in data["postings"].items()}
        words, acronyms = data["words"], data["acronyms"]
        averages = data["average_lengths"]
        if not (isinstance(words, dict) and isinstance(acronyms, dict)
                and isinstance(averages, dict)):
            raise TypeError("not an index")
        return cls(units, postings, words, acronyms,
                   {_text(key): float(value) for key, value in averages.items()},
                   tuple(_text(name) for name in data["articles"]))


def build_index(articles: Iterable[Article]) -> Index:
    units: list[Unit] = []
    postings: dict[str, list[Posting]] = {}
    vocabulary: dict[str, str] = {}
    acronyms: dict[str, list[str]] = {}
    names: list[str] = []
    for article in articles:
        names.append(article.id)
        for kind, section, question, heading, text in answerable(article):
            counts: dict[str, list[int]] = {}
            length = 0
            for column, part in ((0, heading), (1, text)):
                for word in _indexed_words(part):
                    length += 1
                    word_stem = vocabulary.get(word) or vocabulary.setdefault(word, stem(word))
                    counts.setdefault(word_stem, [0, 0])[column] += 1
            unit = len(units)
            units.append(Unit(kind, article.id, section, question, text, length))
            for word_stem, (in_heading, in_body) in counts.items():
                postings.setdefault(word_stem, []).append(Posting(unit, in_heading, in_body))
            for run in _NAME_RUN.findall(f"{heading}. {text}"):
                _add_acronym(acronyms, run, vocabulary)
    averages = {group: _average([unit.length for unit in units if _group(unit.kind) == group])
                for group in ("faq", "passage")}
    return Index(units, postings, vocabulary, acronyms, averages, tuple(names))


def answerable(article: Article
               ) -> Iterable[tuple[UnitKind, str | None, str | None, str, str]]:
    """(kind, section, FAQ question, heading text, body text) of each unit."""
    for piece in article.pieces():
        if piece.part is Part.FAQ:
            yield UnitKind.FAQ, None, piece.question, piece.question or "", piece.text
        elif piece.part is Part.PARAGRAPH:
            yield UnitKind.PARAGRAPH, piece.heading, None, piece.heading or "", piece.text
        elif piece.part is Part.SUMMARY:  # under the title, as its standfirst
            yield UnitKind.SUMMARY, PART_SECTIONS[UnitKind.SUMMARY], None, article.title, \
                piece.text
        elif piece.part is Part.TAKEAWAY:
            yield UnitKind.TAKEAWAY, PART_SECTIONS[UnitKind.TAKEAWAY], None, "", piece.text


def _indexed_words(text: str) -> list[str]:
    """The content words of ``text``, and each hyphenated compound closed up too
    ("multi-factor" also as "multifactor"), so either spelling finds it."""
    found = [word for word in words(text) if word not in STOP_WORDS]
    if "-" in text:
        found += [word for word in (part.replace("-", "") for part in
                                    re.findall(r"\w+(?:-\w+)+", normalise(text)))
                  if word.isalnum()]
    return found


def _add_acronym(acronyms: dict[str, list[str]], run: str, vocabulary: dict[str, str]) -> None:
    parts = run.split()
    content = [part for part in parts if part.lower() not in _JOINERS]
    stems = [vocabulary.get(word, stem(word)) for part in content for word in words(part)]
    if len(content) < 2 or not stems:
        return
    for initials in {"".join(part[0] for part in content).lower(),
                     "".join(part[0] for part in parts if part != "&").lower()}:
        acronyms.setdefault(initials, stems)


def _group(kind: UnitKind) -> str:
    return "faq" if kind is UnitKind.FAQ else "passage"


def _average(lengths: list[int]) -> float:
    return sum(lengths) / len(lengths) if lengths else 1.0


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected text")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)
