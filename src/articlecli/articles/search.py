"""Finding words in articles. Pure: articles and terms in, hits out.

A hit is one piece of an article (its title, summary, a takeaway, a section heading,
a paragraph, or an FAQ's question and answer) that holds every term, as a whole word
or another form of it ("talks" finds "talk", "talked", "talking"), ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from ..errors import NothingToSearch
from ..model import Article, Part, Piece
from ..qa.words import stem, words

SNIPPET_CHARS = 200
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")
_TOKEN_STEMS: dict[str, str] = {}  # a token -> the stems of its words, space-separated
_TOKEN_STEMS_LIMIT = 200_000
_WIDE_LETTER = re.compile(r"(?![\x00-\x7f])\w")  # a letter normalising may change

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    article: str
    where: str  # "title", "summary", "takeaway", "section" or "faq"
    section: str | None  # the heading, for a hit in a section
    snippet: str
    marks: tuple[Span, ...]  # where the terms are in the snippet
    heading: bool = False  # the hit is a section's heading itself
    # An FAQ hit's question and answer apart, each (snippet, marks), to show as Q and A.
    faq: tuple[tuple[str, tuple[Span, ...]], tuple[str, tuple[Span, ...]]] | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"article": self.article, "where": self.where, "section": self.section,
                "snippet": self.snippet}


def search_stems(terms: Sequence[str]) -> frozenset[str]:
    """The stems to look for; NothingToSearch if the terms hold no words."""
    stems = frozenset(stem(word) for term in terms for word in words(term))
    if not stems:
        raise NothingToSearch()
    return stems


def find_hits(articles: Sequence[Article], terms: Sequence[str]) -> list[Hit]:
    """Every hit for ``terms`` in ``articles``, in library and reading order. (The
    store finds the same hits through its full-text index, store/fulltext.py.)"""
    wanted = search_stems(terms)
    hits = []
    for article in articles:
        for piece in article.pieces():
            text = piece_text(piece)
            # Most pieces lack a term: rule them out by their stems before finding places.
            if not wanted <= {stem(word) for word in words(text)}:
                continue
            found = piece_hit(article.id, piece, [word_stem in wanted for _, word_stem in
                                                  _tokens(text)])
            if found is not None:
                hits.append(found)
    return hits


def piece_text(piece: Piece) -> str:
    """The text searched in a piece: an FAQ's question and answer together."""
    return f"{piece.question} {piece.text}" if piece.part is Part.FAQ else piece.text


def indexed_stems(text: str) -> str:
    """The stem of each word of ``text``, in order and one for one with the places
    ``piece_hit`` marks: what the full-text index holds for a piece."""
    known = _TOKEN_STEMS
    if len(known) > _TOKEN_STEMS_LIMIT:
        known.clear()
    found = []
    for token in _TOKEN.findall(text):
        stems = known.get(token)
        if stems is None:  # each token's stems once per process: this runs on every word
            simple = token.isascii() and token.isalnum()
            stems = known[token] = " ".join(stem(word) for word in (
                [token.lower()] if simple else words(token)))
        if stems:
            found.append(stems)
    return " ".join(found)


def piece_hit(article_id: str, piece: Piece, marked: Sequence[bool]) -> Hit | None:
    """The hit in ``piece``, whose words (as ``indexed_stems`` lists them) are marked
    where ``marked`` is true; None if none is."""
    text = piece_text(piece)
    last = next((place for place in range(len(marked) - 1, -1, -1) if marked[place]), -1)
    spans = [span for span, mark in zip(_spans(text, last + 1), marked, strict=False) if mark]
    if not spans:
        return None
    snippet, marks = _snippet(text, spans)
    faq = None
    if piece.question is not None:
        split = len(piece.question) + 1
        faq = (_snippet(piece.question, [span for span in spans if span[1] < split]),
               _snippet(piece.text, [(left - split, right - split) for left, right in spans
                                     if left >= split]))
    return Hit(article_id, _WHERE[piece.part], piece.heading, snippet, marks,
               heading=piece.part is Part.HEADING, faq=faq)


_WHERE = {Part.TITLE: "title", Part.SUMMARY: "summary", Part.TAKEAWAY: "takeaway",
          Part.HEADING: "section", Part.PARAGRAPH: "section", Part.FAQ: "faq"}


def _tokens(text: str) -> Iterator[tuple[Span, str]]:
    """Each word's place in ``text`` and its stem (a word may normalise to several)."""
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.isascii() and token.isalnum():  # most words: what words() would say
            yield match.span(), stem(token.lower())
            continue
        for word in words(token):
            yield match.span(), stem(word)


def _spans(text: str, count: int) -> list[Span]:
    """The places of the first ``count`` words of ``text``, one for one with
    ``_tokens`` (without the stems, which a hit found by the index does not need)."""
    if "_" not in text and _WIDE_LETTER.search(text) is None:  # each token is one word
        return [match.span() for match in islice(_TOKEN.finditer(text), count)]
    spans = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        spans += [match.span()] * (1 if token.isascii() and token.isalnum()
                                   else len(words(token)))
        if len(spans) >= count:
            break
    return spans[:count]


def _snippet(text: str, spans: list[Span]) -> tuple[str, tuple[Span, ...]]:
    """``text`` cut to about SNIPPET_CHARS around the first match, at word boundaries,
    with '…' where it was cut, and the match spans moved to fit."""
    if len(text) <= SNIPPET_CHARS:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - SNIPPET_CHARS // 4)
    if start:
        start = text.find(" ", start) + 1 if " " in text[start:first] else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > first else end
    prefix = "\u2026" if start else ""
    suffix = "\u2026" if end < len(text) else ""
    shift = len(prefix) - start
    marks = tuple((left + shift, right + shift) for left, right in spans
                  if left >= start and right <= end)
    return prefix + text[start:end].rstrip() + suffix, marks
