"""Markdown articles, read with markdown-it-py's tokens (CommonMark): a YAML front
matter (frontmatter.py) gives the title, date, authors, tags, category and summary;
else the first ``# Title`` is the title; a byline paragraph before the first
section (``By Name, 12 May 2026``, emphasis or not) gives the author and date;
``##`` (and deeper) headings start sections; lists stay lists; a ``## FAQ``
section's ``Q:``/``A:`` lines become FAQs. What ``export --format markdown``
writes (its meta line and summary, takeaways, ``###`` FAQs, tags line) is read
back into those fields (markdown_parts.py), and so are hand-written hashtags.
Inline markup is dropped and its text kept (a link keeps its text, not its URL);
HTML and comments are dropped; code is kept as plain text.
"""

from __future__ import annotations

import re
from typing import Any

from ...model import TABLE_CELLS, list_paragraph
from .draft import Block, Draft, Imported, Kind, finish
from .frontmatter import FrontMatter, split_front_matter
from .markdown_parts import take_meta_line, take_parts
from .text import parse_datetime

_SEPARATORS = ",|\u00b7\u2022\u2013\u2014"  # comma, bar, middle dot, bullet, dashes
_BYLINE = re.compile(rf"By\s+(?P<who>[^{_SEPARATORS}]+?)\s*(?:[{_SEPARATORS}]\s*(?P<when>.+?))?\s*",
                     re.IGNORECASE)
_BYLINE_WORDS = 12
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "del", "van", "von", "der", "la", "le", "bin"})


def import_markdown(text: str, name: str, *, source: str | None = None) -> Imported:
    return finish(read_markdown(text, name, source=source))


def read_markdown(text: str, name: str, *, source: str | None = None) -> Draft:
    from markdown_it import MarkdownIt

    front, body = split_front_matter(text, name)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    draft = Draft(name=name, source=source, title=front.title if front else None)
    meta = False  # an export's meta line was read
    levels: list[int] = []  # each block's heading level, 0 for no heading
    sources: dict[int, str] = {}  # each paragraph block's Markdown source
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "heading_open":
            heading = _inline(tokens[position + 1])
            if token.tag == "h1" and draft.title is None and not draft.blocks:
                draft.title = heading
            else:
                draft.blocks.append(Block(Kind.HEADING, heading))
                levels.append(int(token.tag[1:]))
        elif token.type == "paragraph_open":
            paragraph = _inline(tokens[position + 1])
            if not meta and not draft.blocks and front is None and \
                    take_meta_line(draft, paragraph):
                meta = True
                draft.min_text = 1  # our own export: an article, however short
            elif not _byline(draft, paragraph):
                sources[len(draft.blocks)] = tokens[position + 1].content
                draft.blocks.append(Block(Kind.PARAGRAPH, paragraph))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            end = _closing(tokens, position)
            items = [_inline(inner) for inner in tokens[position:end] if inner.type == "inline"]
            draft.blocks.append(Block(Kind.LIST, list_paragraph(
                items, numbered=token.type == "ordered_list_open")))
            position = end
        elif token.type in ("fence", "code_block"):
            draft.blocks.append(Block(Kind.CODE, token.content))
        elif token.type == "tr_open":
            end = _closing(tokens, position)
            cells = [_inline(inner) for inner in tokens[position:end] if inner.type == "inline"]
            draft.blocks.append(Block(Kind.PARAGRAPH, TABLE_CELLS.join(cells)))
            position = end
        position += 1
        levels += [0] * (len(draft.blocks) - len(levels))
    take_parts(draft, levels, [sources.get(index, "") for index in range(len(levels))],
               after_meta=meta)
    if front is not None:
        _apply(draft, front)
    return draft


def _apply(draft: Draft, front: FrontMatter) -> None:
    """What the front matter says, over what the text's byline said."""
    if front.published:
        draft.published, draft.published_as = front.published, front.published_as
    draft.updated = front.updated if front.updated and draft.published and \
        front.updated > draft.published.date() else draft.updated
    draft.author = ", ".join(front.authors) or draft.author
    draft.summary = front.summary or draft.summary
    draft.category = front.category or draft.category
    draft.tags = list(front.tags) or draft.tags


def _byline(draft: Draft, paragraph: str) -> bool:
    """Take a byline before the first section: "By Name[, date]", or a date alone."""
    if any(block.kind is Kind.HEADING for block in draft.blocks) or \
            len(paragraph.split()) > _BYLINE_WORDS:
        return False
    line = " ".join(paragraph.split())
    alone = parse_datetime(line)
    if alone is not None and draft.published is None:
        draft.published, draft.published_as = alone, line
        return True
    match = _BYLINE.fullmatch(line)
    if match is None or draft.author is not None or not _is_name(match["who"]):
        return False
    draft.author = match["who"]
    when = parse_datetime(match["when"]) if match["when"] else None
    if when is not None and draft.published is None:
        draft.published, draft.published_as = when, match["when"]
    return True


def _is_name(text: str) -> bool:
    """Looks like a byline's names ("Sam Lee", "Ann Hill and Bo Li"), not a sentence."""
    words = text.split()
    return 0 < len(words) <= 8 and all(
        word[:1].isupper() or word.casefold() in _NAME_PARTICLES for word in words)


def _closing(tokens: list[Any], start: int) -> int:
    """The index of the token that closes the one at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _inline(token: Any) -> str:
    """An inline token's text: markup dropped, line breaks kept as newlines."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
