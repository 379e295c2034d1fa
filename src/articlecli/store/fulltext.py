"""``search`` through the store's full-text index (an SQLite FTS5 table).

FTS5's own tokenizers know no Snowball stems, so each piece of an article is
indexed as the stems of its words, one for one (articles/search.py, ``indexed_stems``);
the query asks for every stem of the terms. FTS5 finds the pieces, ranks them with
bm25 and marks the matching words (``highlight``), and the marks are mapped back to
the words of the article's own text. Articles come best first, by their best piece;
within an article, hits stay in reading order, so they group as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from ..articles.search import Hit, piece_hit, search_stems
from ..model import Article, Part, Piece
from .contrib import MASK, SHIFT
from .db import Store

_START, _END = "\x02", "\x03"


class Found(NamedTuple):
    hits: list[Hit]
    articles: int  # how many articles match, shown or not


def find(store: Store, terms: Sequence[str], only: int | None, order: dict[int, int],
         article_id: Callable[[int], str], article: Callable[[int], Article],
         top: int | None = None) -> Found:
    """The hits for ``terms`` among the articles ``order`` places (or the one ``only``):
    those of the ``top`` best articles (all if None), and how many articles match.
    Each hit's piece comes from its own row (``article`` is read only for a row that
    is not what the store writes)."""
    match = " AND ".join(f'"{word_stem}"' for word_stem in sorted(search_stems(terms)))
    within, bounds = ("", []) if only is None else \
        (" AND rowid BETWEEN ? AND ?", [only << SHIFT, only << SHIFT | MASK])
    # Ranking needs only each row's number and bm25, which FTS5 gives in C; the
    # snippets' text and highlights are read for the articles shown (a common word
    # matches thousands of pieces in a large library).
    best: dict[int, float] = {}
    for row, score in store.query("SELECT rowid, bm25(pieces) FROM pieces WHERE pieces"
                                  f" MATCH ?{within}", [match, *bounds]):
        number = int(row) >> SHIFT
        if number in order:
            best[number] = min(float(score), best.get(number, float(score)))
    shown = sorted(best, key=lambda number: (best[number], order[number]))
    if top is not None:
        shown = shown[:top]
    hits = []
    for number in shown:
        rows = store.query("SELECT rowid, highlight(pieces, 0, char(2), char(3)), part,"
                           " heading, question, text FROM pieces WHERE pieces MATCH ?"
                           " AND rowid BETWEEN ? AND ? ORDER BY rowid",
                           [match, number << SHIFT, number << SHIFT | MASK])
        for row, marked, *stored in rows:
            piece = _piece(stored) or list(article(number).pieces())[int(row) & MASK]
            hit = piece_hit(article_id(number), piece, _marked(str(marked)))
            if hit is not None:
                hits.append(hit)
    return Found(hits, len(best))


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
