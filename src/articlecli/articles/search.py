"""Finding words in articles. Pure: articles and terms in, hits out.

A hit is one piece of an article (its title, summary, a takeaway, a section heading,
a paragraph, or an FAQ's question and answer) that holds every term, as a whole word
or another form of it ("talks" finds "talk", "talked", "talking"), ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import NothingToSearch
from ..model import Article, Part
from ..qa.words import stem, words

SNIPPET_CHARS = 200
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")

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
    """Every hit for ``terms`` in ``articles``, in library and reading order."""
    wanted = search_stems(terms)
    hits = []
    for article in articles:
        for piece in article.pieces():
            where, section = _WHERE[piece.part], piece.heading
            text = f"{piece.question} {piece.text}" if piece.part is Part.FAQ else piece.text
            # Most pieces lack a term: rule them out by their stems before finding places.
            if not wanted <= {stem(word) for word in words(text)}:
                continue
            spans = _spans(text, wanted)
            if not spans:
                continue
            snippet, marks = _snippet(text, spans)
            faq = None
            if piece.question is not None:
                faq = (_snippet(piece.question, _spans(piece.question, wanted)),
                       _snippet(piece.text, _spans(piece.text, wanted)))
            hits.append(Hit(article.id, where, section, snippet, marks,
                            heading=piece.part is Part.HEADING, faq=faq))
    return hits


def _spans(text: str, wanted: frozenset[str]) -> list[Span]:
    return [span for span, word_stem in _tokens(text) if word_stem in wanted]


_WHERE = {Part.TITLE: "title", Part.SUMMARY: "summary", Part.TAKEAWAY: "takeaway",
          Part.HEADING: "section", Part.PARAGRAPH: "section", Part.FAQ: "faq"}


def _tokens(text: str) -> Iterator[tuple[Span, str]]:
    """Each word's place in ``text`` and its stem (a word may normalise to several)."""
    for match in _TOKEN.finditer(text):
        for word in words(match.group()):
            yield match.span(), stem(word)


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
