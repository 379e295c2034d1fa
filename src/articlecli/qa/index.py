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
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import chain
from typing import Any, NamedTuple

from ..model import TABLE_CELLS, Article, Part, Piece
from .words import STOP_WORDS, chunk_stems, normalise, stem, words

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
Vector = tuple[float, ...]
# A unit's meaning vectors (meaning.py): of its heading and text, and of an FAQ
# entry's own question (None where a text has no word the table knows).
Meanings = tuple[Vector | None, Vector | None]
# A unit's vectors from the sentence encoder (deep.py), for a second look: of its
# heading and text, of an FAQ entry's own question, and of each of its parts (a
# passage's sentences, each with its heading; an FAQ entry's answer).
DeepMeanings = tuple[Vector | None, Vector | None, tuple[Vector, ...]]


@dataclass(frozen=True)
class Unit:
    """What a question is matched against, one at a time: a paragraph, the summary,
    a takeaway or an FAQ entry, with the article and section it belongs to."""

    kind: UnitKind
    article: str
    section: str | None  # the heading, "Summary" or "Key Takeaways"; None for an FAQ
    question: str | None  # an FAQ entry's question
    text: str
    length: int  # content words, heading and body

    @property
    def heading(self) -> str:
        return self.question or (self.section if self.kind is UnitKind.PARAGRAPH else "") or ""


@lru_cache(maxsize=1)
def _name_run() -> re.Pattern[str]:
    """A run of capitalised words ("Reserve Bank of Norland"), for acronyms: compiled
    when an article is first indexed, not on every start (about 0.8 ms)."""
    # Linear in a long run of letters (a pasted blob) or of spaces: a match starts only at
    # a word's start (not at every capital inside a run, scanning to its end), and a run
    # of spaces can be split between the joiner's sides in one way only.
    # The capital comes first and the look behind it after (the same test: what
    # precedes the capital is no word's letter), so the engine skips straight from
    # capital to capital instead of testing the look-behind at every character:
    # finding the runs took half the time.
    return re.compile(r"[A-Z](?<![\w'\u2019-][A-Z])[\w'\u2019-]*"
                      r"(?:\s+(?:(?:of|and|for|the|de|&)\s*)?[A-Z][\w'\u2019-]*)+")


_JOINERS = frozenset({"of", "and", "for", "the", "de", "&"})


@dataclass
class Index:
    """What matching reads of the articles: their units, each word's postings, the
    words and their stems, and the acronyms their names make."""

    units: Sequence[Unit]  # by unit number (the store's numbers are not dense)
    postings: Mapping[str, Sequence[Posting]]
    words: Mapping[str, str]  # every word the articles use -> its stem
    acronyms: Mapping[str, Sequence[str]]  # "rbn" -> the stems of "Reserve Bank of Norland"
    average_lengths: dict[str, float]  # by "faq" and "passage"
    articles: Sequence[str] = field(default=())
    _families: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _runs: list[int] | None = field(default=None, repr=False, compare=False)

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

    def units_with_any(self, stems: Iterable[str]) -> set[int]:
        """The units any of ``stems`` is in (read in C: a library's words have many)."""
        return set(chain.from_iterable(self.posting_columns(word_stem)[0]
                                       for word_stem in stems))

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

    def meanings(self, units: Sequence[int]) -> list[Meanings]:
        """The meaning vectors of ``units`` (a store keeps them, as they take longer to
        make than the rest of a question's scoring)."""
        from .meaning import text_meaning

        return [(text_meaning(f"{item.heading} {item.text}"), text_meaning(item.question or ""))
                for item in map(self.units.__getitem__, units)]

    def deep_meanings(self, units: Sequence[int]) -> list[DeepMeanings]:
        """The sentence encoder's vectors of ``units`` (a store keeps them: the encoder
        is the slowest part of a question's scoring)."""
        from .deep import unit_vectors

        return unit_vectors(list(map(self.units.__getitem__, units)))

    def article_span(self, unit: int) -> range:
        """The numbers of the units of ``unit``'s article, which are numbered one after
        another."""
        if self._runs is None:
            self._runs = [at for at, item in enumerate(self.units)
                          if at == 0 or item.article != self.units[at - 1].article]
        at = bisect_right(self._runs, unit) - 1
        return range(self._runs[at], self._runs[at + 1] if at + 1 < len(self._runs)
                     else len(self.units))

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
        for kind, section, question, text, in_heading, in_body in unit_terms(
                article, vocabulary, acronyms):
            unit = len(units)
            units.append(Unit(kind, article.id, section, question, text,
                              sum(in_heading.values()) + sum(in_body.values())))
            for word_stem in {**in_heading, **in_body}:  # as they first occur
                postings.setdefault(word_stem, []).append(
                    Posting(unit, in_heading.get(word_stem, 0), in_body.get(word_stem, 0)))
    averages = {group: _average([unit.length for unit in units if _group(unit.kind) == group])
                for group in ("faq", "passage")}
    return Index(units, postings, vocabulary, acronyms, averages, tuple(names))


def unit_terms(article: Article, vocabulary: dict[str, str], acronyms: dict[str, list[str]],
               searched: dict[str, str] | None = None, pieces: Sequence[Piece] | None = None
               ) -> Iterator[tuple[UnitKind, str | None, str | None, str, dict[str, int],
                                   dict[str, int]]]:
    """Each unit of ``article`` (kind, section, FAQ question and text) with how often
    each stem occurs in its heading and in its body; the words it uses go into
    ``vocabulary``, and the names it spells out into ``acronyms``. ``searched``, if
    given, gets each heading and text with its stems for the full-text index
    (``indexed_terms``), found in the same pass. ``pieces``: the article's, if the
    caller has them already."""
    for kind, section, question, heading, text in answerable(article, pieces):
        heading_words, heading_stems, heading_searched = indexed_terms(heading)
        body_words, body_stems, body_searched = indexed_terms(text)
        if searched is not None:
            searched[heading] = heading_searched
            searched[text] = body_searched
        vocabulary.update(zip(heading_words, heading_stems, strict=True))
        vocabulary.update(zip(body_words, body_stems, strict=True))
        for run in _name_run().findall(f"{heading}. {text}"):
            initials, stems = _acronym(run)
            for each in initials:
                acronyms.setdefault(each, list(stems))
        yield kind, section, question, text, _counted(heading_stems), _counted(body_stems)


try:  # CPython's C counting loop, which Counter uses; a plain loop elsewhere
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python
    def _count_elements(counts: dict[str, int], items: Iterable[str]) -> None:
        for item in items:
            counts[item] = counts.get(item, 0) + 1


def _counted(stems: list[str]) -> dict[str, int]:
    """How often each stem occurs, in the order they first do: a Counter's counts, for
    a third of its cost (Counter counts with this C function too, but making one
    costs more than the counting, and this runs twice for every unit indexed)."""
    counts: dict[str, int] = {}
    _count_elements(counts, stems)
    return counts


def answerable(article: Article, pieces: Sequence[Piece] | None = None
               ) -> Iterable[tuple[UnitKind, str | None, str | None, str, str]]:
    """(kind, section, FAQ question, heading text, body text) of each unit. A text the
    article has twice is one unit, a paragraph rather than the summary or a takeaway: an
    imported page's summary is often its first paragraph, and two units of one text
    would split the chance of answering. ``pieces``: the article's, if the caller has
    them already (making them is a tenth of indexing an article)."""
    if pieces is None:
        pieces = list(article.pieces())
    # Compared without the ends' whitespace: a hand-written folded value ends in "\n".
    paragraphs = {piece.text.strip() for piece in pieces if piece.part is Part.PARAGRAPH}
    headers = _column_names(pieces)
    seen: set[str] = set()
    for at, piece in enumerate(pieces):
        if piece.part in _TEXTS:
            text = piece.text.strip()
            if text in seen or (piece.part is not Part.PARAGRAPH and text in paragraphs):
                continue
            seen.add(text)
        if piece.part is Part.FAQ:
            yield UnitKind.FAQ, None, piece.question, piece.question or "", piece.text
        elif piece.part is Part.PARAGRAPH:
            heading = " ".join(filter(None, (piece.heading, headers.get(at))))
            yield UnitKind.PARAGRAPH, piece.heading, None, heading, piece.text
        elif piece.part is Part.SUMMARY:  # under the title, as its standfirst
            yield UnitKind.SUMMARY, PART_SECTIONS[UnitKind.SUMMARY], None, article.title, \
                piece.text
        elif piece.part is Part.TAKEAWAY:
            yield UnitKind.TAKEAWAY, PART_SECTIONS[UnitKind.TAKEAWAY], None, "", piece.text


# The parts that are units of their own text (a title or a heading is a unit's heading).
_TEXTS = frozenset([Part.SUMMARY, Part.TAKEAWAY, Part.PARAGRAPH])


def _column_names(pieces: Sequence[Piece]) -> dict[int, str]:
    """The first row of its table for each later row (importers write a data table as a
    paragraph per row, its cells joined by `` | ``; a table is a run of such paragraphs
    with as many cells): "Westmarch | 61% | 68%" means little without "District | 2024
    pass rate | 2025 pass rate"."""
    found: dict[int, str] = {}
    first = None
    for at, piece in enumerate(pieces):
        cells = piece.text.count(TABLE_CELLS) + 1 \
            if piece.part is Part.PARAGRAPH and TABLE_CELLS in piece.text else 0
        before = pieces[at - 1] if at else None
        if cells > 1 and first is not None and before is not None \
                and before.heading == piece.heading \
                and before.text.count(TABLE_CELLS) + 1 == cells:
            found[at] = first.text
        else:
            first = piece if cells > 1 else None
    return found


def indexed_terms(text: str) -> tuple[list[str], list[str], str]:
    """The content words of ``text``, and each hyphenated compound closed up too
    ("multi-factor" also as "multifactor"), so either spelling finds it; their stems;
    and the stems of every word of ``text`` space-separated, for the full-text index
    (words.chunk_stems; the store's ``search``). Found token by token (whitespace
    never falls within a word), each token once per process, in one pass for both
    indexes: this runs on every word of every article an index is built of."""
    known = _TOKEN_WORDS
    if len(known) > _TOKEN_WORDS_LIMIT:
        known.clear()
    found: list[str] = []
    stems: list[str] = []
    compounds: list[str] = []
    compound_stems: list[str] = []
    searched: list[str] = []
    for token in text.split():
        entry = known.get(token)
        if entry is None:
            entry = known[token] = _token_words(token)
        content, content_stems, closed_up, closed_up_stems, token_searched = entry
        if content:
            found += content
            stems += content_stems
        if closed_up:
            compounds += closed_up
            compound_stems += closed_up_stems
        if token_searched:
            searched.append(token_searched)
    if "-" in text:  # only a text with a hyphen of its own (one normalising makes is not)
        found += compounds
        stems += compound_stems
    return found, stems, " ".join(searched)


_TokenWords = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], str]
_TOKEN_WORDS: dict[str, _TokenWords] = {}
_TOKEN_WORDS_LIMIT = 100_000


@lru_cache(maxsize=1)
def _compound() -> re.Pattern[str]:
    """Hyphenated words: compiled when an article is first indexed, not on every start."""
    return re.compile(r"\b\w+(?:-\w+)+")  # \b: linear on a long run of letters (above)


def _token_words(token: str) -> _TokenWords:
    """A token's content words and their stems, its compounds closed up and theirs,
    and the stems of all its words for the full-text index."""
    content = tuple(word for word in words(token) if word not in STOP_WORDS)
    closed_up = tuple(word for word in (part.replace("-", "") for part in
                                        _compound().findall(normalise(token)))
                      if word.isalnum())
    return (content, tuple(map(stem, content)), closed_up, tuple(map(stem, closed_up)),
            chunk_stems(token))


@lru_cache(maxsize=16384)
def _acronym(run: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The initials a run of capitalised words may stand for, and the stems of its
    words; no initials unless it has two content words."""
    parts = run.split()
    content = [part for part in parts if part.lower() not in _JOINERS]
    stems = tuple(stem(word) for part in content for word in words(part))
    if len(content) < 2 or not stems:
        return frozenset(), ()
    return frozenset({"".join(part[0] for part in content).lower(),
                      "".join(part[0] for part in parts if part != "&").lower()}), stems


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
