"""Turning views into output: plain text in a pipe or under NO_COLOR, rich on a
terminal, JSON for scripts. Every piece of data passes through ``clean``."""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..safetext import clean, clean_line, to_json
from .pager import emit, style_code
from .terminal import Environment, write
from .theme import MARK, label_style, text_style
from .views import Block, Kind

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

_UNWRAPPED = 100_000  # rich's width for "no wrapping"
_FIELDS = " | "  # the separator of the date line's fields, where it may break
# Kinds whose text may run over several lines; every other kind, and every label,
# is one line, so a newline in an id or a heading cannot forge a line of output.
_MULTILINE = {Kind.LEAD, Kind.PARAGRAPH, Kind.ANSWER, Kind.MATCH,
              Kind.META}  # a date line's breaks come from _fitted, its text escaped there


def _shown(block: Block, text: str) -> str:
    """``text`` (the block's, or a piece of it) escaped as its kind needs."""
    return clean(text) if block.kind in _MULTILINE else clean_line(text)


def show(blocks: Sequence[Block], env: Environment, *, paged: bool = True) -> None:
    """Print ``blocks``; on a terminal, through the pager when they would not fit."""
    text = format_blocks(blocks, env)
    if paged:
        emit(text, env)
    else:
        write(env.stdout, text)


def show_json(data: Any, env: Environment) -> None:
    write(env.stdout, to_json(data) + "\n")


def format_blocks(blocks: Sequence[Block], env: Environment) -> str:
    if not blocks:
        return ""
    blocks = [_fitted(block, env.width) for block in _aligned(blocks, env.width)]
    if env.styled:
        return _format_rich(blocks, env)
    return _format_plain(blocks, env.width)


_LEAST_ID_CELLS = 16


def _fitted(block: Block, width: int | None) -> Block:
    """The date line broken only between fields (its own newlines escaped first, so
    only these breaks remain); a listing row cut to the width."""
    if block.kind is Kind.META:
        text = clean_line(block.text)
        return block._replace(text="\n".join(wrap_fields(text, width)) if width else text)
    if width is None or block.kind is not Kind.ROW:
        return block
    text = clean(block.text)
    room = width - cells(block.label) - (1 if block.label else 0)
    return block._replace(text=truncate(text, room))


def _aligned(blocks: Sequence[Block], width: int | None) -> list[Block]:
    """Listing rows with their labels (ids) padded to one width, so the text lines
    up. On a terminal, long ids (an imported article's is its title's words) leave
    the text room: the column takes a third of the line at most, and a longer id
    keeps its start and its end, which tell ids apart ("...-debate-1", "...-2")."""
    rows = [cells(block.label) for block in blocks if block.kind is Kind.ROW]
    if not rows:
        return list(blocks)
    column = max(rows)
    if width is not None:
        column = min(column, max(_LEAST_ID_CELLS, width // 3))
    aligned = []
    for block in blocks:
        if block.kind is Kind.ROW:
            label = block.label if cells(block.label) <= column else \
                _cut_middle(block.label, column)
            block = block._replace(label=label + " " * (column - cells(label)))
        aligned.append(block)
    return aligned


def _cut_middle(text: str, width: int) -> str:
    """``text`` in ``width`` columns: its start, an ellipsis and its end."""
    head = truncate(text, (width + 1) // 2)  # ends in the ellipsis
    tail, used = "", 0
    for char in reversed(text):
        used += cells(char)
        if used > width - cells(head):
            break
        tail = char + tail
    return head + tail


def wrap_fields(text: str, width: int) -> list[str]:
    """``a | b | c`` in lines of at most ``width``, broken only at the separators (a
    field longer than a line is broken by the terminal)."""
    lines: list[str] = []
    for field in text.split(_FIELDS):
        if lines and cells(lines[-1]) + len(_FIELDS) + cells(field) <= width:
            lines[-1] += _FIELDS + field
        else:
            lines.append(field)
    return lines


def cells(text: str) -> int:
    """Columns ``text`` takes on a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, ending in an ellipsis when cut."""
    if cells(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += cells(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept).rstrip() + "\u2026"


def plain_text(blocks: Sequence[Block]) -> str:
    """The blocks as unwrapped plain text: what ``read`` prints into a pipe."""
    return _format_plain(blocks, None)


def _format_plain(blocks: Sequence[Block], width: int | None) -> str:
    lines: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None and not block.continues(previous):
            lines.append("")
        label = f"{clean_line(block.label)} " if block.label else ""
        text = label + _shown(block, block.text)
        if width is None or block.kind is Kind.META:  # a date line comes broken by _fitted
            lines.append(text)
        else:
            lines += textwrap.wrap(text, width, subsequent_indent=" " * len(label),
                                   break_on_hyphens=False) or [""]
        previous = block
    return "\n".join(lines) + "\n"


def _format_rich(blocks: Sequence[Block], env: Environment) -> str:
    console = rich_console(env)
    with console.capture() as capture:
        previous: Block | None = None
        for block in blocks:
            if previous is not None and not block.continues(previous):
                console.print()
            console.print(rich_block(block, env.theme))
            previous = block
    return "\n".join(_without_trailing_space(line) for line in capture.get().split("\n"))


def _without_trailing_space(line: str) -> str:
    """``line`` without spaces at its end, among the style codes there: rich ends a
    wrapped line with the space it broke at, a reset, then the grid's padding."""
    codes = ""
    while True:
        line = line.rstrip(" ")
        start = line.rfind("\x1b[")
        if start < 0 or not style_code().fullmatch(line, start):
            return line + codes
        line, codes = line[:start], line[start:] + codes


def rich_console(env: Environment) -> Console:
    from rich.console import Console

    return Console(file=env.stdout, width=env.width or _UNWRAPPED, force_terminal=True,
                   no_color=False, markup=False, emoji=False, highlight=False,
                   soft_wrap=False)


def rich_block(block: Block, theme: str = "dark") -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    text = _LineByLine(marked_text(block, theme) if block.marks else
                       Text(_shown(block, block.text), style=text_style(theme, block.kind)))
    if not block.label:
        return text
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(clean_line(block.label), style=label_style(theme, block.kind)), text)
    return grid


class _LineByLine:
    """A text that rich renders one wrapped line at a time. Rendered whole, a long
    paragraph becomes one segment that rich splits at each newline by copying the
    rest of it: quadratic, minutes for a paragraph of a few MB."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        style = console.get_style(self.text.style)
        for line in self.text.wrap(console, options.max_width):
            yield from Segment.apply_style(line.render(console), style)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)


def marked_text(block: Block, theme: str) -> Text:
    """The block's text with its marks highlighted; cleaned piece by piece so the
    marks stay on the right characters even where clean() escapes one."""
    from rich.text import Text

    text = Text(style=text_style(theme, block.kind))
    done = 0
    for start, end in sorted(block.marks):
        if start < done:
            continue
        text.append(_shown(block, block.text[done:start]))
        text.append(_shown(block, block.text[start:end]), style=MARK)
        done = end
    text.append(_shown(block, block.text[done:]))
    return text


def error_line(message: str) -> str:
    return f"articlecli: error: {clean_line(message)}\n"


def warning_line(message: str) -> str:
    return f"articlecli: warning: {clean_line(message)}\n"
