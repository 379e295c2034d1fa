"""The ``ask`` index as the store holds it: the matcher asks for a stem's postings,
a word's stem, a unit's text, and each answer is a query for those rows only. What
a question reads is remembered for the rest of the run (an interactive session asks
again and again).

The store numbers a unit ``article << SHIFT | n`` (contrib.py); this index numbers
them densely, article after article in that order (``_Layout``), so that a unit's
number is its place. Ties between units fall as before, and the tables scoring keeps
for tens of thousands of units hash well (``article << SHIFT`` leaves the low bits,
which a dict looks at first, to the few units of an article). The index knows the
article of a unit, and the length and kind scoring needs of every unit a posting
names, without its text.
"""

from __future__ import annotations

import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, repeat
from operator import add, and_, floordiv, itemgetter, mod, rshift
from typing import TypeVar, overload

from ..errors import StoreDamaged
from ..model import Article
from ..qa.index import (
    FAMILY_PREFIX,
    Columns,
    DeepMeanings,
    Index,
    Meanings,
    Posting,
    Unit,
    UnitKind,
    answerable,
)
from .contrib import SHIFT
from .db import Store, numbers_of

_Made = TypeVar("_Made")


class StoredIndex(Index):
    def __init__(self, store: Store, names: Sequence[str],
                 article: Callable[[int], Article]) -> None:
        totals = store.totals()
        self._store = store
        self._layout: _Layout | None = None
        self._family: dict[str, list[str]] = {}
        averages = {group: totals[f"{group}_length"] / totals[group] if totals[group] else 1.0
                    for group in ("faq", "passage")}
        super().__init__(_Units(store, totals["units"], article, self._laid_out),
                         _Postings(store, self._laid_out), _Vocabulary(store, totals["words"]),
                         _Acronyms(store), averages, names)

    def _laid_out(self) -> _Layout:
        """Every unit's length and kind, and its number: read whole, once."""
        if self._layout is None:
            self._layout = _Layout(self._store.query(
                "SELECT article, lengths FROM units ORDER BY article"), self._store)
        return self._layout

    # Scoring asks these of every unit a posting of the question's words names.
    def is_faq(self, unit: int) -> bool:
        return bool((self._layout or self._laid_out()).packed[unit] & 1)

    def length_of(self, unit: int) -> int:
        return (self._layout or self._laid_out()).packed[unit] >> 1

    def kinds_and_lengths(self, units: Sequence[int]) -> tuple[Sequence[int], Sequence[int]]:
        packed = list(map((self._layout or self._laid_out()).packed.__getitem__, units))
        return list(map(and_, packed, repeat(1))), list(map(rshift, packed, repeat(1)))

    def article_span(self, unit: int) -> range:
        return (self._layout or self._laid_out()).span(unit)

    def meanings(self, units: Sequence[int]) -> list[Meanings]:
        """As kept in the store for the units' texts; those not kept are made, and kept."""
        return self._kept(units, self._store.meanings, super().meanings,
                          self._store.save_meanings)

    def deep_meanings(self, units: Sequence[int]) -> list[DeepMeanings]:
        """As ``meanings``, of the sentence encoder."""
        return self._kept(units, self._store.deep_meanings, super().deep_meanings,
                          self._store.save_deep_meanings)

    def _kept(self, units: Sequence[int], load: Callable[[dict[int, int]], dict[int, _Made]],
              make: Callable[[Sequence[int]], list[_Made]],
              save: Callable[[dict[int, _Made], dict[int, int]], None]) -> list[_Made]:
        place = (self._layout or self._laid_out()).place
        keys = [article << SHIFT | number for article, number in map(place, units)]
        digests = {key: _digest(self.units[unit]) for key, unit in zip(keys, units, strict=True)}
        kept = load(digests)
        missing = [at for at, key in enumerate(keys) if key not in kept]
        if missing:
            made = dict(zip((keys[at] for at in missing), make([units[at] for at in missing]),
                            strict=True))
            save(made, digests)
            kept.update(made)
        return [kept[key] for key in keys]

    def posting_columns(self, word_stem: str) -> Columns:
        postings = self.postings.get(word_stem)
        return postings.columns() if isinstance(postings, _PostingList) else ([], [], [])

    def each_unit(self) -> Iterable[tuple[int, Unit]]:
        units = self.units
        assert isinstance(units, _Units)
        return units.items()

    def words_starting_with(self, letter: str) -> Iterable[str]:
        return [str(word) for word, in self._store.query(
            "SELECT word FROM words WHERE word >= ? AND word < ?",
            (letter, chr(ord(letter) + 1)))]

    def family(self, prefix: str) -> list[str]:
        if len(prefix) < FAMILY_PREFIX:
            return []
        found = self._family.get(prefix)
        if found is None:
            found = self._family[prefix] = [str(member) for member, in self._store.query(
                "SELECT stem FROM stems WHERE stem >= ? AND stem < ? ORDER BY stem",
                (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)))]
        return found


def _digest(unit: Unit) -> int:
    """A checksum of what a unit's meaning vectors are made of."""
    return zlib.crc32("\0".join((unit.heading, unit.text, unit.question or "")).encode())


class _Layout:
    """Units numbered densely in the store's order of articles: each article's first
    number, and every unit's length << 1 | is an FAQ by number."""

    def __init__(self, rows: Sequence[tuple[int, object]], store: Store) -> None:
        self.articles: list[int] = list(map(itemgetter(0), rows))
        arrays = list(map(itemgetter(1), rows))
        # In C, a row for each article; an array that is not one counts as empty
        # (numbers_of).
        if not all(map(isinstance, arrays, repeat(bytes))) or any(map(
                mod, map(len, arrays), repeat(array("I").itemsize))):
            arrays = [numbers_of(found, 1).tobytes() for found in arrays]
        counts = list(map(floordiv, map(len, arrays), repeat(array("I").itemsize)))
        self.starts = [0, *accumulate(counts)][:len(counts)]
        self.first = dict(zip(self.articles, self.starts, strict=True))
        self.packed = array("I", b"".join(arrays))
        self._store = store

    def lengths(self, article: int) -> array[int]:
        """The length << 1 | is an FAQ of each unit of ``article``."""
        at = bisect_left(self.articles, article)
        if at == len(self.articles) or self.articles[at] != article:
            raise KeyError(article)
        end = self.starts[at + 1] if at + 1 < len(self.starts) else len(self.packed)
        return self.packed[self.starts[at]:end]

    def numbers(self, articles: Iterable[int], units: Iterable[int]) -> list[int]:
        """The numbers of units ``n`` of ``articles`` (in C: a stem may have tens of
        thousands)."""
        try:
            return list(map(add, map(self.first.__getitem__, articles), units))
        except KeyError as error:  # postings of an article without units: not ours
            raise StoreDamaged(str(self._store.path)) from error

    def place(self, unit: int) -> tuple[int, int]:
        """The article of a unit, and its place in it."""
        at = self._run(unit)
        return self.articles[at], unit - self.starts[at]

    def span(self, unit: int) -> range:
        """The numbers of the units of a unit's article."""
        at = self._run(unit)
        return range(self.starts[at], self.starts[at + 1] if at + 1 < len(self.starts)
                     else len(self.packed))

    def _run(self, unit: int) -> int:
        at = bisect_right(self.starts, unit) - 1
        if at < 0:
            raise IndexError(unit)
        return at


class _Units(Sequence[Unit]):
    """Units by number, made from their article's record when asked for."""

    def __init__(self, store: Store, count: int, article: Callable[[int], Article],
                 layout: Callable[[], _Layout]) -> None:
        self._store = store
        self._count = count
        self._article = article
        self._layout = layout
        self._made: dict[int, list[Unit]] = {}

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, unit: int) -> Unit: ...
    @overload
    def __getitem__(self, unit: slice) -> Sequence[Unit]: ...
    def __getitem__(self, unit: int | slice) -> Unit | Sequence[Unit]:
        if isinstance(unit, slice):
            raise TypeError("units are found by number")
        article, number = self._layout().place(unit)
        return self._of(article)[number]

    def __iter__(self) -> Iterator[Unit]:
        return (unit for _, unit in self.items())

    def items(self) -> Iterator[tuple[int, Unit]]:
        layout = self._layout()
        for article, first in zip(layout.articles, layout.starts, strict=True):
            for number, unit in enumerate(self._of(article)):
                yield first + number, unit

    def _of(self, article: int) -> list[Unit]:
        made = self._made.get(article)
        if made is None:
            record = self._article(article)
            lengths = self._layout().lengths(article)
            made = self._made[article] = [
                Unit(kind, record.id, section, question, text, lengths[number] >> 1)
                for number, (kind, section, question, _, text) in enumerate(answerable(record))]
            assert all((unit.kind is UnitKind.FAQ) == bool(lengths[number] & 1)
                       for number, unit in enumerate(made))
        return made


class _Postings(Mapping[str, Sequence[Posting]]):
    """stem -> its postings, in unit order; how many there are is known before they
    are read (IDF needs only that for many stems)."""

    def __init__(self, store: Store, layout: Callable[[], _Layout]) -> None:
        self._store = store
        self._layout = layout
        self._counts: dict[str, int | None] = {}
        self._lists: dict[str, _PostingList] = {}

    def _count(self, word_stem: str) -> int | None:
        if word_stem not in self._counts:
            rows = self._store.query("SELECT units FROM stems WHERE stem = ?", (word_stem,))
            self._counts[word_stem] = int(rows[0][0]) if rows else None
        return self._counts[word_stem]

    def __contains__(self, word_stem: object) -> bool:
        return isinstance(word_stem, str) and self._count(word_stem) is not None

    def __getitem__(self, word_stem: str) -> Sequence[Posting]:
        found = self._lists.get(word_stem)
        if found is None:
            count = self._count(word_stem)
            if count is None:
                raise KeyError(word_stem)
            found = self._lists[word_stem] = _PostingList(self._store, word_stem, count,
                                                          self._layout)
        return found

    def __iter__(self) -> Iterator[str]:
        return (str(word_stem) for word_stem, in self._store.query("SELECT stem FROM stems"))

    def __len__(self) -> int:
        return int(self._store.query("SELECT count(*) FROM stems")[0][0])


class _PostingList(Sequence[Posting]):
    """A stem's postings, read as columns (scoring takes them so: a question may read
    tens of thousands), each a Posting only when asked for one."""

    def __init__(self, store: Store, word_stem: str, count: int,
                 layout: Callable[[], _Layout]) -> None:
        self._store = store
        self._stem = word_stem
        self._count = count
        self._layout = layout
        self._columns: Columns | None = None
        self._read: list[Posting] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, position: int) -> Posting: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Posting]: ...
    def __getitem__(self, position: int | slice) -> Posting | Sequence[Posting]:
        if self._read is None:
            self._read = list(self)
        return self._read[position]

    def __iter__(self) -> Iterator[Posting]:
        return map(tuple.__new__, repeat(Posting), zip(*self.columns(), strict=True))

    def columns(self) -> Columns:
        if self._columns is None:
            numbers = array("I")
            for data, in self._store.query(
                    "SELECT data FROM postings WHERE stem = ? ORDER BY chunk", (self._stem,)):
                numbers += numbers_of(data)  # [article, unit in it, in heading, in body]...
            units = self._layout().numbers(numbers[0::4], numbers[1::4])
            self._columns = (units, numbers[2::4], numbers[3::4])
        return self._columns


class _Vocabulary(Mapping[str, str]):
    """word -> stem, every word the articles use; looked up a word at a time."""

    def __init__(self, store: Store, count: int) -> None:
        self._store = store
        self._count = count
        self._known: dict[str, str | None] = {}

    def _stem(self, word: str) -> str | None:
        if word not in self._known:
            rows = self._store.query("SELECT stem FROM words WHERE word = ?", (word,))
            self._known[word] = str(rows[0][0]) if rows else None
        return self._known[word]

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._stem(word) is not None

    def __getitem__(self, word: str) -> str:
        found = self._stem(word)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return (word for word, _ in self.items())

    def __len__(self) -> int:
        return self._count

    def items(self) -> list[tuple[str, str]]:  # type: ignore[override]
        return [(str(word), str(word_stem)) for word, word_stem in
                self._store.query("SELECT word, stem FROM words")]


class _Acronyms(Mapping[str, Sequence[str]]):
    """initials -> the stems of the name they stand for, from the first article
    (in library order) that names it."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, initials: str) -> Sequence[str]:
        rows = self._store.query("SELECT stems FROM acronyms WHERE initials = ?"
                                 " ORDER BY article LIMIT 1", (initials,))
        if not rows:
            raise KeyError(initials)
        return str(rows[0][0]).split(" ")

    def __iter__(self) -> Iterator[str]:
        return (str(initials) for initials, in self._store.query(
            "SELECT DISTINCT initials FROM acronyms"))

    def __len__(self) -> int:
        return int(self._store.query(
            "SELECT count(DISTINCT initials) FROM acronyms")[0][0])
