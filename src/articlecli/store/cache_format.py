"""How the cache (cache.py) writes articles and the ``ask`` index as JSON, and
reads them back, checking every value's type: data, never code."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

from ..articles.schema import SCHEMA_VERSION, from_data, to_data
from ..errors import DataError, Problem
from ..model import Article

if TYPE_CHECKING:
    from ..qa.index import Index, Posting

# (name relative to the library, size, mtime in ns, inode, ctime in ns) of one
# article file: ``cp -p`` of another file of the same size keeps the first three.
FileKey = tuple[str, int, int, int, int]


def dump(data: Any) -> str:
    """Compact JSON in ASCII, which Python reads back fastest."""
    return json.dumps(data, separators=(",", ":"))


def article_to_cache(article: Article) -> str:
    """The article as JSON text: decoded only when the article is used."""
    return dump([SCHEMA_VERSION, to_data(article, iso_dates=True)])


def entry_for(key: FileKey, verdict: str | list[Any]) -> list[Any]:
    """What the cache keeps for one file: its key, and its article or its problems."""
    return [*key[1:], verdict]


def is_entry(entry: Any, key: FileKey) -> bool:
    """``entry`` is the cached verdict on the file as ``key`` describes it now: its
    article (JSON text) or, for a file that is not one, its problems (a list)."""
    return (type(entry) is list and len(entry) == len(key) and entry[:-1] == list(key[1:])
            and type(entry[-1]) in (str, list))


def problems_to_cache(error: DataError) -> list[Any]:
    """A broken file's problems, without its name (the same library may be named
    by another path next time)."""
    return [[problem.line, problem.column, problem.message, problem.field, problem.severity]
            for problem in error.problems]


def problems_from_cache(data: list[Any], file: str) -> DataError | None:
    """The cached problems of ``file``; None if they are not what the cache writes."""
    try:
        problems = [Problem(file, line, column, message, field, severity)
                    for line, column, message, field, severity in data]
    except (TypeError, ValueError):
        return None
    valid = problems and all(
        type(problem.line) is int and type(problem.column) is int
        and type(problem.message) is str and type(problem.severity) is str
        and (problem.field is None or type(problem.field) is str) for problem in problems)
    return DataError(problems) if valid else None


def article_from_cache(data: Any, article_id: str) -> Article:
    """The cached article; TypeError, KeyError or ValueError if the entry is not one."""
    version, fields = data
    if version != SCHEMA_VERSION or type(fields) is not dict:
        raise TypeError("not an article of this schema")
    return from_data(fields, article_id)


# The index is kept as it is built, except that each stem's postings are one string
# of numbers, decoded only for the stems a question needs: loading a million small
# lists would take longer than everything else a warm run does.

def index_to_cache(index: Index) -> dict[str, Any]:
    data = index.to_data()
    data["postings"] = {stem: " ".join(str(number) for posting in postings for number in posting)
                        for stem, postings in index.postings.items()}
    return data


def index_from_cache(data: dict[str, Any]) -> Index | None:
    """The cached index, or None if the data is not one (damaged or forged)."""
    from ..qa.index import Index

    postings = data.get("postings")
    units = data.get("units")
    if not isinstance(postings, dict) or not isinstance(units, list):
        return None
    try:
        return Index.from_data(data, _Postings(postings, len(units)))
    except (TypeError, ValueError, KeyError):
        return None


class _Postings(Mapping[str, "_PostingList"]):
    """stem -> [Posting(unit, count in heading, count in body), ...], decoded on first use."""

    def __init__(self, encoded: dict[str, Any], units: int) -> None:
        self._encoded = encoded
        self._units = units
        self._lists: dict[str, _PostingList] = {}

    def __getitem__(self, stem: str) -> _PostingList:
        found = self._lists.get(stem)
        if found is None:
            encoded = self._encoded[stem]
            found = self._lists[stem] = _PostingList(
                encoded if isinstance(encoded, str) else "", self._units)
        return found

    def __contains__(self, stem: object) -> bool:
        return stem in self._encoded

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)


class _PostingList(Sequence["Posting"]):
    """One stem's postings. Its length (how many units hold the stem, which IDF
    needs for many stems) is known without decoding; the numbers are read on first use."""

    def __init__(self, encoded: str, units: int) -> None:
        self._encoded = encoded
        self._units = units
        self._decoded: list[Posting] | None = None
        self._length = (encoded.count(" ") + 1) // 3 if encoded else 0

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, position: int) -> Posting: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Posting]: ...
    def __getitem__(self, position: int | slice) -> Posting | Sequence[Posting]:
        return self._postings()[position]

    def __iter__(self) -> Iterator[Posting]:
        return iter(self._postings())

    def _postings(self) -> list[Posting]:
        from ..qa.index import Posting

        if self._decoded is None:
            try:
                numbers = [int(number) for number in self._encoded.split()]
            except ValueError:
                numbers = []  # a forged entry: the checksum guards against accidental damage
            self._decoded = [Posting(*numbers[start:start + 3])
                             for start in range(0, len(numbers) - 2, 3)
                             if 0 <= numbers[start] < self._units]
        return self._decoded
