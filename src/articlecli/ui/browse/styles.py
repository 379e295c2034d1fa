"""How the reader looks: the Textual stylesheet, and each block of text as rich
renders it, styled as ``read`` styles it. Article text always goes in as rich
``Text`` (never markup) and through ``clean``, so it cannot style or drive anything."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ...safetext import clean
from ..views import Block, Kind

# The same styles as ``read`` on a terminal (ui/render.py).
STYLES = {
    Kind.TITLE: "bold",
    Kind.META: "dim",
    Kind.LEAD: "italic",
    Kind.HEADING: "bold cyan",
    Kind.TAGS: "dim",
    Kind.QUESTION: "bold",
    Kind.NOTE: "dim",
}
LABEL_STYLES = {Kind.HEADING: "bold cyan", Kind.ITEM: "cyan", Kind.QUESTION: "bold cyan",
                Kind.ANSWER: "cyan"}
MARK = "bold reverse"  # a search match, or the sentence that answers a question
CURRENT = "bold black on yellow"  # the match jumped to

Span = tuple[int, int]


def marked(text: str, marks: Sequence[Span] = (), *, style: str = "",
           mark_style: str = MARK) -> Text:
    """``text`` cleaned, with ``marks`` highlighted: cleaned piece by piece so the
    marks stay on the right characters even where ``clean`` escapes one."""
    result = Text(style=style)
    done = 0
    for start, end in sorted(marks):
        if start < done:
            continue
        result.append(clean(text[done:start]))
        result.append(clean(text[start:end]), style=mark_style)
        done = end
    result.append(clean(text[done:]))
    return result


def block_renderable(block: Block, marks: Sequence[Span] = (), *,
                     current: bool = False) -> RenderableType:
    """One block, its label hanging beside it as ``read`` prints it."""
    text = marked(block.text, marks, style=STYLES.get(block.kind, ""),
                  mark_style=CURRENT if current else MARK)
    if not block.label:
        return text
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(block.label, style=LABEL_STYLES.get(block.kind, "")), text)
    return grid


CSS = """
Screen { layout: vertical; }
#top { height: 1; background: $primary-background; }
#title { width: 1fr; height: 1; padding: 0 1; text-style: bold; }
#status { width: auto; height: 1; padding: 0 1; }
#body { height: 1fr; }
#contents { width: 30; max-width: 35%; height: 1fr; border: none;
            border-right: vkey $primary 50%; padding: 0; }
#contents.hidden { display: none; }
#text { width: 1fr; height: 1fr; padding: 0 2; }
#text > .block { width: 100%; }
#text > .gap { margin-top: 1; }
.panel { height: auto; max-height: 60%; display: none;
         border-top: solid $primary; background: $panel; padding: 0 1; }
.panel.open { display: block; }
.panel Input { border: none; height: 1; padding: 0 1; margin: 0; }
.panel OptionList { height: auto; max-height: 12; border: none; padding: 0; }
#answer { height: auto; max-height: 14; overflow-y: auto; padding: 0 1; }
#answer:focus { background: $boost; }
#filter { border: none; height: 1; padding: 0 1; margin: 0 0 1 0; }
#articles { height: 1fr; border: none; }
#count { height: 1; padding: 0 1; color: $text-muted; }
HelpScreen { align: center middle; }
#help { width: auto; max-width: 90%; height: auto; max-height: 90%; border: round $primary;
        background: $panel; padding: 1 2; }
"""
