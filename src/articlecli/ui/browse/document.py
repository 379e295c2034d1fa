"""The article as the reader shows it: blocks in reading order, each tied to the
piece of text ``search`` and ``ask`` see, and the contents entries that point at
them. Pure: no Textual, no rich, so it is quick to test."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...model import Article, Part
from ..views import Block, Kind, meta_line

if TYPE_CHECKING:
    from ...articles.search import Hit

Span = tuple[int, int]


@dataclass(frozen=True)
class Line:
    """One block of the reading text. ``piece`` is the index of the article piece
    it shows (see ``Article.pieces``), None for what only the reader adds (the
    dates, "Key Takeaways"); ``offset`` is where its text starts in that piece's
    searchable text (an FAQ's answer follows its question)."""

    block: Block
    piece: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Entry:
    """One line of the contents and the line of the text it jumps to."""

    label: str
    line: int


@dataclass(frozen=True)
class Document:
    """An article laid out for the reader: its lines, contents and searchable pieces."""

    article: Article
    lines: tuple[Line, ...]
    contents: tuple[Entry, ...]
    pieces: tuple[str, ...]  # the searchable text of each piece, as ``search`` sees it

    def entry_at(self, line: int) -> int | None:
        """The contents entry that ``line`` falls under (None above the first)."""
        current = None
        for number, entry in enumerate(self.contents):
            if entry.line <= line:
                current = number
        return current


# Where each part of an article shows in search hits (articles/search.py).
WHERE = {Part.TITLE: "title", Part.SUMMARY: "summary", Part.TAKEAWAY: "takeaway",
         Part.HEADING: "section", Part.PARAGRAPH: "section", Part.FAQ: "faq"}


def build_document(article: Article) -> Document:
    """The reading text of ``article``: what ``read`` prints, in the same order."""
    lines: list[Line] = []
    contents: list[Entry] = []
    pieces: list[str] = []
    tags_done = False

    def tags() -> None:
        nonlocal tags_done
        if article.tags and not tags_done:
            lines.append(Line(Block(Kind.TAGS, " ".join(f"#{tag}" for tag in article.tags))))
        tags_done = True

    for number, piece in enumerate(article.pieces()):
        if piece.part is Part.TITLE:
            lines += [Line(Block(Kind.TITLE, piece.text), number),
                      Line(Block(Kind.META, meta_line(article)))]
        elif piece.part is Part.SUMMARY:
            lines.append(Line(Block(Kind.LEAD, piece.text), number))
        elif piece.part is Part.TAKEAWAY:
            if piece.number == 0:
                contents.append(Entry("Key Takeaways", len(lines)))
                lines.append(Line(Block(Kind.HEADING, "Key Takeaways")))
            lines.append(Line(Block(Kind.ITEM, piece.text, "-"), number))
        elif piece.part is Part.HEADING:
            contents.append(Entry(f"{piece.section}. {piece.text}", len(lines)))
            lines.append(Line(Block(Kind.HEADING, piece.text, f"{piece.section}."), number))
        elif piece.part is Part.PARAGRAPH:
            lines.append(Line(Block(Kind.PARAGRAPH, piece.text), number))
        else:
            question = piece.question or ""
            if piece.number == 0:
                tags()
                contents.append(Entry("FAQs", len(lines)))
                lines.append(Line(Block(Kind.HEADING, "FAQs")))
            lines += [Line(Block(Kind.QUESTION, question, "Q:"), number),
                      Line(Block(Kind.ANSWER, piece.text, "A:"), number, len(question) + 1)]
            pieces.append(f"{question} {piece.text}")
            continue
        pieces.append(piece.text)
    tags()
    return Document(article, tuple(lines), tuple(contents), tuple(pieces))


@dataclass(frozen=True)
class Place:
    """Where a search hit is in the text: its first line, and the spans to mark
    in each line (in that line's own text)."""

    line: int
    marks: dict[int, tuple[Span, ...]]


def locate(document: Document, hits: Sequence[Hit]) -> list[Place]:
    """Where each hit (of ``search`` over this article, in its order) is in the text.

    A hit carries a snippet of its piece, cut with '…', and the spans of the terms
    in that snippet; hits come in reading order, at most one per piece."""
    places = []
    kinds = [WHERE[piece.part] for piece in document.article.pieces()]
    piece = 0
    for hit in hits:
        prefix = "\u2026" if hit.snippet.startswith("\u2026") else ""
        core = hit.snippet[len(prefix):].removesuffix("\u2026")
        while piece < len(document.pieces) and not (
                kinds[piece] == hit.where and core in document.pieces[piece]):
            piece += 1
        if piece == len(document.pieces):
            break
        start = document.pieces[piece].index(core) - len(prefix)
        spans = [(left + start, right + start) for left, right in hit.marks]
        places.append(_place(document, piece, spans))
        piece += 1
    return places


def _place(document: Document, piece: int, spans: Sequence[Span]) -> Place:
    """The lines of ``piece`` and the ``spans`` (in its searchable text) that fall in each."""
    marks: dict[int, tuple[Span, ...]] = {}
    first = None
    for number, line in enumerate(document.lines):
        if line.piece != piece:
            continue
        first = number if first is None else first
        end = line.offset + len(line.block.text)
        inside = tuple((max(left, line.offset) - line.offset, min(right, end) - line.offset)
                       for left, right in spans if left < end and right > line.offset)
        if inside:
            marks[number] = inside
    assert first is not None
    return Place(min(marks, default=first), marks)


def find_text(document: Document, text: str, sentences: Sequence[str] = (),
              question: str | None = None) -> Place | None:
    """Where an answer is in the text: the FAQ entry with ``question``, or the
    paragraph ``text``; ``sentences`` (the answering ones) are marked in it."""
    for number, line in enumerate(document.lines):
        block = line.block
        if question is not None:
            found = block.kind is Kind.QUESTION and block.text == question
            if found:  # mark the sentences in the answer, the next line
                answer = document.lines[number + 1].block.text
                return Place(number, {number + 1: sentence_spans(answer, sentences)})
        elif block.kind is Kind.PARAGRAPH and block.text == text:
            return Place(number, {number: sentence_spans(text, sentences)})
    return None


def sentence_spans(text: str, sentences: Sequence[str]) -> tuple[Span, ...]:
    """Where each of ``sentences`` is in ``text`` (those not found are left out)."""
    spans = []
    for sentence in sentences:
        start = text.find(sentence.strip())
        if sentence.strip() and start >= 0:
            spans.append((start, start + len(sentence.strip())))
    return tuple(sorted(spans))
