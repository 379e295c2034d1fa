"""What one article adds to the store: its record (JSON text and the fields ``list``
shows), its share of the ``ask`` index and the stems of its pieces for ``search``.
The same function gives what an article added, to take it away again when its
file changes or goes, so the store never needs to rebuild the whole index.

Units and pieces are numbered within the store as ``article << SHIFT | n``: an
article's rows keep their place in library order when its file changes, and the
article of a unit is a shift away.
"""

from __future__ import annotations

import itertools
import json
from array import array
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from ..articles.schema import SCHEMA_VERSION, from_data, to_data
from ..errors import DataError, Problem
from ..model import Article, Part, Piece

SHIFT = 24  # units (or pieces) of one article: far more than a 10 MB file can hold
MASK = (1 << SHIFT) - 1
CHUNK_SHIFT = 6  # the postings of 64 neighbouring articles share a row per stem
TOTALS = ("units", "faq", "faq_length", "passage", "passage_length")


# Share, Record and Parsed are named tuples, not dataclasses: every start makes the
# classes, and a dataclass takes five times as long to make (about 0.4 ms each).


class Share(NamedTuple):
    """An article's share of the ``ask`` index and of the full-text index."""

    # The postings stem by stem, as arrays: the stems, how many postings each has, and
    # [0, unit, in heading, in body] for each (unit in the article; the store writes
    # the article's number over the 0). Bytes cross from a worker process far faster
    # than a dict of lists; and the stems and words as lines of one text each (they
    # hold no whitespace), as hundreds of short strings cost more to pickle than the
    # rest of the share.
    stems: str  # lines()
    counts: bytes  # array("I")
    postings: bytes  # array("I")
    words: str  # lines(): every word the article uses
    word_stems: str  # lines(): the stem of each of those words
    acronyms: dict[str, list[str]]  # initials -> stems
    units: bytes  # array("I") of length << 1 | is an FAQ, for each unit
    totals: tuple[int, ...]  # as TOTALS names them
    # Each piece for the full-text index: the stems of its words, then what a hit needs
    # to cut its snippet (fulltext.py): its part, heading, question (an FAQ's) and text.
    pieces: list[tuple[str, str, str | None, str | None, str]]


class Record(NamedTuple):
    """A loaded article as the store keeps it."""

    data: str  # JSON
    title: str
    published: str  # as ``list`` shows it
    newest: str  # a key that sorts by publication time, UTC where the zone is known
    category: str | None


class Parsed(NamedTuple):
    """One file, parsed: its article (with its share) or its problems as JSON."""

    name: str  # the file's path in the library
    key: tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
    checked_ns: int  # when the key was taken
    article_id: str
    record: Record | None
    share: Share | None
    problems: str | None


def record_of(article: Article) -> Record:
    moment = article.published
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return Record(json.dumps([SCHEMA_VERSION, to_data(article, iso_dates=True)],
                             separators=(",", ":")),
                  article.title, article.published.isoformat(), _sortable(moment),
                  article.category)


def _sortable(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def article_from(data: str, article_id: str) -> Article:
    """The article a record holds; TypeError, KeyError or ValueError if it is not one."""
    version, fields = json.loads(data)
    if version != SCHEMA_VERSION or type(fields) is not dict:
        raise TypeError("not an article of this schema")
    return from_data(fields, article_id)


def share_of(article: Article) -> Share:
    # Only for a file parsed afresh: a warm start reads the shares from the store.
    from ..articles.search import indexed_stems, piece_text, repeats_title
    from ..qa.index import UnitKind, unit_terms

    words: dict[str, str] = {}
    acronyms: dict[str, list[str]] = {}
    postings: dict[str, list[int]] = {}  # stem -> [0, unit, in heading, in body, ...]
    units = array("I")
    totals = [0] * len(TOTALS)
    searched: dict[str, str] = {}  # text -> its stems for the full-text index
    pieces = list(article.pieces())  # made once, for both indexes
    for unit, (kind, _, _, _, in_heading, in_body) in enumerate(
            unit_terms(article, words, acronyms, searched, pieces)):
        for word_stem in {**in_heading, **in_body}:  # as they first occur
            found = postings.get(word_stem)
            if found is None:
                found = postings[word_stem] = []
            found += (0, unit, in_heading.get(word_stem, 0), in_body.get(word_stem, 0))
        length = sum(in_heading.values()) + sum(in_body.values())
        units.append(length << 1 | (kind is UnitKind.FAQ))
        group = 1 if kind is UnitKind.FAQ else 3
        totals[0] += 1
        totals[group] += 1
        totals[group + 1] += length
    counts = array("I", [len(found) >> 2 for found in postings.values()])
    numbers = array("I", itertools.chain.from_iterable(postings.values()))
    rows = []
    for piece in pieces:
        text = piece_text(piece)
        # Found with the units' words (an FAQ's from its question's and its answer's).
        piece_stems = searched.get(text) if piece.part is not Part.FAQ else _faq_stems(
            piece, searched)
        if repeats_title(piece, article):
            piece_stems = ""  # found by no search; the row keeps the pieces' numbering
        elif piece_stems is None:
            piece_stems = indexed_stems(text)
        rows.append((piece_stems, piece.part.value, piece.heading, piece.question, piece.text))
    return Share("\n".join(postings), counts.tobytes(), numbers.tobytes(), "\n".join(words),
                 "\n".join(words.values()), acronyms, units.tobytes(), tuple(totals), rows)


def _faq_stems(piece: Piece, searched: dict[str, str]) -> str | None:
    """An FAQ entry's stems for the full-text index, joined from those its unit found
    for its question and for its answer, as the words of "question answer" are the
    question's and then the answer's (found afresh, they were 8% of indexing an
    article); None if the unit did not find them."""
    if piece.question is None:
        return None
    question, answer = searched.get(piece.question), searched.get(piece.text)
    if question is None or answer is None:
        return None
    return " ".join(filter(None, (question, answer)))


def lines(text: str) -> list[str]:
    """The lines of a text ``Share`` joins; none for an empty one."""
    return text.split("\n") if text else []


def problems_to_json(error: DataError) -> str:
    """A broken file's problems, without its name (the library may be named by
    another path next time)."""
    return json.dumps([[problem.line, problem.column, problem.message, problem.field,
                        problem.severity] for problem in error.problems])


def problems_from_json(data: str, file: str) -> DataError | None:
    """The stored problems of ``file``; None if they are not what the store writes."""
    try:
        problems = [Problem(file, line, column, message, field, severity)
                    for line, column, message, field, severity in json.loads(data)]
    except (TypeError, ValueError, RecursionError):
        return None
    valid = problems and all(
        type(problem.line) is int and type(problem.column) is int
        and type(problem.message) is str and type(problem.severity) is str
        and (problem.field is None or type(problem.field) is str) for problem in problems)
    return DataError(problems) if valid else None


def parse_file(task: tuple[str, str, str, tuple[int, int, int, int], int], *,
               with_share: bool = True) -> Parsed:
    """Parse one file (in a worker process, on a cold build): ``task`` is its path,
    its name in the library, its article id, its key and when that was taken."""
    path, name, article_id, key, checked = task
    try:
        article = load(Path(path), article_id)
    except DataError as error:
        return Parsed(name, key, checked, article_id, None, None, problems_to_json(error))
    return Parsed(name, key, checked, article_id, record_of(article),
                  share_of(article) if with_share else None, None)


def load(path: Path, article_id: str) -> Article:
    from ..articles.loader import load_article  # only here: it imports yaml

    return load_article(path, article_id)


