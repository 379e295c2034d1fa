"""Finding words in articles. Pure: articles and terms in, hits out.

A hit is one piece of an article (its title, summary, a takeaway, a section heading,
a paragraph, or an FAQ's question and answer) that holds every term, as a whole word
or another form of it ("talks" finds "talk", "talked", "talking"), ignoring case.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..errors import NothingToSearch
from ..model import Article, Part, Piece
from ..qa.words import SEARCH_WORD, stem, words

SNIPPET_CHARS = 200
_TOKEN = re.compile(SEARCH_WORD)
_WIDE_LETTER = re.compile(r"(?![\x00-\x7f])\w")  # a letter normalising may change

Span = tuple[int, int]


@dataclass(frozen=True)
class Hit:
    """One place the search terms are found, with a snippet of the text around it."""

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
            if repeats_title(piece, article):
                continue
            text = piece_text(piece)
            # Most pieces lack a term: rule them out by their stems before finding places.
            if not wanted <= {stem(word) for word in words(text)}:
                continue
            found = piece_hit(article.id, piece, [place for place, (_, word_stem) in
                                                  enumerate(_tokens(text))
                                                  if word_stem in wanted])
            if found is not None:
                hits.append(found)
    return hits


def repeats_title(piece: Piece, article: Article) -> bool:
    """A heading that is the article's title again (an imported page's first section,
    headed with its title): the title's own hit says all it would."""
    return piece.part is Part.HEADING and piece.text == article.title


def piece_text(piece: Piece) -> str:
    """The text searched in a piece: an FAQ's question and answer together."""
    return f"{piece.question} {piece.text}" if piece.part is Part.FAQ else piece.text


def indexed_stems(text: str) -> str:
    """The stem of each word of ``text``, in order and one for one with the places
    ``piece_hit`` marks: what the full-text index holds for a piece. (The store
    finds them along with the ``ask`` index's words, in one pass: qa/index.py.)"""
    from ..qa.index import indexed_terms

    return indexed_terms(text)[2]


def piece_hit(article_id: str, piece: Piece, places: Sequence[int]) -> Hit | None:
    """The hit in ``piece`` whose words (as ``indexed_stems`` lists them) numbered
    ``places`` (in order) hold the terms; None if there are none."""
    text = piece_text(piece)
    # A long piece's snippet ends within SNIPPET_CHARS of its first mark, and keeps
    # only the marks inside it: words past that need not be found (an FAQ's question
    # and answer each have a snippet of their own, so all of its words are found).
    reach = SNIPPET_CHARS if piece.question is None and len(text) > SNIPPET_CHARS else None
    spans = _spans(text, places, reach)
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


def _spans(text: str, places: Sequence[int], reach: int | None = None) -> list[Span]:
    """The places in ``text`` of its words numbered ``places`` (in order), one for one
    with ``_tokens`` (without the stems, which a hit found by the index does not
    need); words past the last of ``text`` are left out, and so may be those that end
    more than ``reach`` characters after the first one starts."""
    if not places:
        return []
    if "_" in text or not (text.isascii() or _WIDE_LETTER.search(text) is None):
        spans: list[Span] = []  # a token may be several words: each word has its span
        for match in _TOKEN.finditer(text):
            token = match.group()
            spans += [match.span()] * (1 if token.isascii() and token.isalnum()
                                       else len(words(token)))
            if len(spans) > places[-1]:
                break
        return [spans[place] for place in places if place < len(spans)]
    # Each token is one word: skip from word to word in the regular expression engine,
    # instead of making a match for every word in between.
    found: list[Span] = []
    position, word = _GAP.match(text).end(), 0  # type: ignore[union-attr] # always matches
    limit = len(text)  # where the last word needed ends, at the latest
    for place in places:
        if place > word:
            after = _skipped(text, position, place - word)
            if after is None or after >= limit:
                break
            position, word = after, place
        found_word = _TOKEN.match(text, position)
        if found_word is None:
            break
        span = found_word.span()
        if span[1] > limit:
            break
        if reach is not None and not found:
            limit = span[0] + reach
        found.append(span)
    return found


_GAP = re.compile(r"\W*")


def _skipped(text: str, position: int, count: int) -> int | None:
    """Where ``text`` goes on after ``count`` more tokens from ``position`` (None if it
    has fewer): skipped a power of two at a time, so that a search compiles a handful
    of patterns, not one for every distance between two hits (about 0.1 ms each)."""
    power = 1
    while count:
        if count & power:
            skipped = _skip(power).match(text, position)
            if skipped is None:
                return None
            position = skipped.end()
            count -= power
        power <<= 1
    return position


# A token and the gap after it, every quantifier of SEARCH_WORD made possessive: each
# part is taken whole, as an atomic group around the token and its gap takes them.
_POSSESSIVE_TOKEN = "(?:" + SEARCH_WORD.replace("+", "++").replace(")*", ")*+") + r"\W*+)"


@functools.lru_cache(maxsize=32)
def _skip(count: int) -> re.Pattern[str]:
    """``count`` tokens and what follows each up to the next, each taken whole, so a
    token is never split in two: possessive quantifiers where there are (Python 3.11),
    quicker to compile and to match than a lookahead (and to match, by about 7% over a
    large search's hits, than an atomic group around each token), else a lookahead,
    which cannot be backtracked into."""
    if sys.version_info >= (3, 11):
        return re.compile(_POSSESSIVE_TOKEN + "{" + str(count) + "}")
    return re.compile(r"(?:(?=(" + _TOKEN.pattern + r"\W*))\1){" + str(count) + "}")


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
