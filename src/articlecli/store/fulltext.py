"""``search`` through the store's full-text index (an SQLite FTS5 table).

FTS5's own tokenizers know no Snowball stems, so each piece of an article is
indexed as the stems of its words, one for one (articles/search.py, ``indexed_stems``);
the query asks for every stem of the terms. FTS5 finds the pieces, ranks them with
bm25 and marks the matching words (``highlight``), and the marks are mapped back to
the words of the article's own text. Articles come best first, by their best piece;
within an article, hits stay in reading order, so they group as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from ..articles.search import Hit, piece_hit, search_stems
from ..model import Article, Part, Piece
from .contrib import MASK, SHIFT
from .db import Store

_START, _END = "\x02", "\x03"


class Found(NamedTuple):
    hits: list[Hit]
    matching: int  # how many articles match, shown or not
    left_out: int  # how many of them were left out (beyond the top ones asked for)


def find(store: Store, terms: Sequence[str], only: int | None, order: dict[int, int],
         article_id: Callable[[int], str], article: Callable[[int], Article],
         top: int | None = None) -> Found:
    """The hits for ``terms`` among the articles ``order`` places (or the one ``only``):
    those of the ``top`` best articles (all if None), and how many articles match.
    Each hit's piece comes from its own row (``article`` is read only for a row that
    is not what the store writes)."""
    match = " AND ".join(f'"{word_stem}"' for word_stem in sorted(search_stems(terms)))
    within, bounds = "", list[object]()
    if only is not None:
        within, bounds = " AND rowid BETWEEN ? AND ?", [only << SHIFT, only << SHIFT | MASK]
    query = (match, within, bounds)
    if top is None:  # every match is shown: one query ranks them and reads them
        best, rows = _all_rows(store, query, order)
        shown = sorted(best, key=lambda number: (best[number], order[number]))
        marked_rows = _in_order(rows, shown)
    else:
        # Ranking needs only each row's number and bm25, which FTS5 gives in C; the
        # snippets' text and highlights are read for the articles shown (with -n, a
        # few of the thousands a common word finds in a large library).
        best = {}
        for row, score in store.query("SELECT rowid, bm25(pieces) FROM pieces WHERE pieces"
                                      f" MATCH ?{within}", [match, *bounds]):
            number = int(row) >> SHIFT
            if number in order:
                best[number] = min(float(score), best.get(number, float(score)))
        shown = sorted(best, key=lambda number: (best[number], order[number]))[:top]
        marked_rows = _marked_rows(store, query, shown, len(best))
    hits = []
    for number, row, marked, stored in marked_rows:
        piece = _piece(stored) or list(article(number).pieces())[row & MASK]
        hit = piece_hit(article_id(number), piece, _marked(marked))
        if hit is not None:
            hits.append(hit)
    return Found(hits, len(best), len(best) - len(shown))


# Up to this many articles' pieces are read one article at a time (an FTS5 query
# each); more, in one query for them all.
_ONE_BY_ONE = 50
# A matching piece's highlighted stems and stored piece (part, heading, question, text).
_MARKED_COLUMNS = "highlight(pieces, 0, char(2), char(3)), part, heading, question, text"
_MARKED = f"SELECT rowid, {_MARKED_COLUMNS} FROM pieces WHERE pieces MATCH ?"


def _marked_rows(store: Store, query: tuple[str, str, list[object]], shown: list[int],
                 matching: int) -> Iterator[tuple[int, int, str, Sequence[object]]]:
    """(article, row, highlighted stems, stored piece) of the pieces of the articles
    ``shown``, in that order and each article's in reading order: in one query when
    they are all the ``matching`` ones or many, else article by article. ``query``: the MATCH
    expression, and the restriction to one article with its bounds ("" and [] if none)."""
    match, within, bounds = query
    if len(shown) < matching and len(shown) <= _ONE_BY_ONE:
        for number in shown:
            for row, marked, *stored in store.query(
                    f"{_MARKED} AND rowid BETWEEN ? AND ? ORDER BY rowid",
                    [match, number << SHIFT, number << SHIFT | MASK]):
                yield number, int(row), str(marked), stored
        return
    place = {number: at for at, number in enumerate(shown)}
    rows = [(int(row), str(marked), stored) for row, marked, *stored
            in store.query(_MARKED + within, [match, *bounds]) if int(row) >> SHIFT in place]
    yield from _in_order(rows, shown)


def _all_rows(store: Store, query: tuple[str, str, list[object]], order: dict[int, int]
              ) -> tuple[dict[int, float], list[tuple[int, str, Sequence[object]]]]:
    """Each matching article's best bm25 (among those ``order`` places), and the rows
    of its pieces (row, highlighted stems, stored piece), from one query: when every
    match is shown, a second query would find the same rows again (about 4 ms for
    1,600 pieces)."""
    match, within, bounds = query
    best: dict[int, float] = {}
    rows = []
    for row, score, marked, *stored in store.query(
            f"SELECT rowid, bm25(pieces), {_MARKED_COLUMNS} FROM pieces WHERE pieces"
            f" MATCH ?{within}",
            [match, *bounds]):
        number = int(row) >> SHIFT
        if number in order:
            best[number] = min(float(score), best.get(number, float(score)))
            rows.append((int(row), str(marked), stored))
    return best, rows


def _in_order(rows: list[tuple[int, str, Sequence[object]]], shown: list[int]
              ) -> Iterator[tuple[int, int, str, Sequence[object]]]:
    """(article, row, highlighted stems, stored piece) of ``rows``, which are of the
    articles ``shown``: in that order, and each article's in reading order."""
    place = {number: at for at, number in enumerate(shown)}
    rows.sort(key=lambda found: (place[found[0] >> SHIFT], found[0]))
    for row, marked, stored in rows:
        yield row >> SHIFT, row, marked, stored


_PARTS = {part.value: part for part in Part}


def _piece(stored: Sequence[object]) -> Piece | None:
    """The piece a row holds (its part, heading, question and text), or None if the
    row is not one the store writes."""
    part, heading, question, text = stored
    if not (isinstance(part, str) and part in _PARTS and isinstance(text, str)
            and (heading is None or isinstance(heading, str))
            and (question is None or isinstance(question, str))):
        return None
    return Piece(_PARTS[part], text, heading=heading, question=question)


def _marked(highlighted: str) -> list[int]:
    """The numbers of the words of a highlighted column that FTS5 marked: found from
    the marks' places (a piece has a few, and many words)."""
    places: list[int] = []
    start = highlighted.find(_START)
    while start >= 0:
        end = highlighted.find(_END, start)
        end = len(highlighted) if end < 0 else end
        first = highlighted.count(" ", 0, start)
        last = first + highlighted.count(" ", start, end)
        places += range(max(first, places[-1] + 1 if places else 0), last + 1)
        start = highlighted.find(_START, end)
    return places
