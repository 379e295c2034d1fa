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

from ..articles.search import Hit, piece_hit, search_stems
from ..model import Article, Part, Piece
from .contrib import MASK, SHIFT
from .db import Store

_START, _END = "\x02", "\x03"


def find(store: Store, terms: Sequence[str], only: int | None, order: dict[int, int],
         article_id: Callable[[int], str], article: Callable[[int], Article]) -> list[Hit]:
    """The hits for ``terms`` among the articles ``order`` places (or the one ``only``).
    Each hit's piece comes from its own row (``article`` is read only for a row that
    is not what the store writes)."""
    wanted = search_stems(terms)
    query = ("SELECT rowid, highlight(pieces, 0, char(2), char(3)), bm25(pieces), part,"
             " heading, question, text FROM pieces WHERE pieces MATCH ?")
    parameters: list[object] = [" AND ".join(f'"{word_stem}"' for word_stem in sorted(wanted))]
    if only is not None:
        query += " AND rowid BETWEEN ? AND ?"
        parameters += [only << SHIFT, only << SHIFT | MASK]
    rows = [(int(row[0]), str(row[1]), float(row[2]), row[3:])
            for row in store.query(query, parameters) if int(row[0]) >> SHIFT in order]
    best: dict[int, float] = {}
    for row, _, score, _ in rows:
        best[row >> SHIFT] = min(score, best.get(row >> SHIFT, score))
    rows.sort(key=lambda found: (best[found[0] >> SHIFT], order[found[0] >> SHIFT], found[0]))
    hits = []
    for row, marked, _, stored in rows:
        number = row >> SHIFT
        piece = _piece(stored) or list(article(number).pieces())[row & MASK]
        hit = piece_hit(article_id(number), piece, _marked(marked))
        if hit is not None:
            hits.append(hit)
    return hits


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
