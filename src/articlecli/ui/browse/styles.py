"""How the reader looks: the Textual stylesheet, and each block of text as ``read``
renders it on a terminal (ui/render.py, the one place its styles live). Article text
always goes in as rich ``Text`` (never markup) and through ``clean``, so it cannot
style or drive anything."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from ..render import marked_text, rich_block
from ..theme import DEFAULT_THEME
from ..views import Block, Kind

Span = tuple[int, int]


def block_renderable(block: Block, marks: Sequence[Span] = (), theme: str = DEFAULT_THEME
                     ) -> RenderableType:
    """One block, its label hanging beside it and ``marks`` highlighted, as ``read``
    prints a search hit."""
    return rich_block(block._replace(marks=tuple(marks)), theme)


def marked(text: str, marks: Sequence[Span], theme: str = DEFAULT_THEME) -> Text:
    """``text`` cleaned, with ``marks`` highlighted."""
    return marked_text(Block(Kind.PARAGRAPH, text, marks=tuple(marks)), theme)


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
