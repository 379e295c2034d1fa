"""Turning views into output: plain text in a pipe or under NO_COLOR, rich on a
terminal, JSON for scripts. Every piece of data passes through ``clean``."""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import PagerFailed
from ..safetext import clean, clean_line, to_json
from .terminal import Environment, write
from .views import Block, Kind

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.text import Text

_STYLES = {
    Kind.TITLE: "bold",
    Kind.META: "dim",
    Kind.LEAD: "italic",
    Kind.HEADING: "bold cyan",
    Kind.TAGS: "dim",
    Kind.QUESTION: "bold",
    Kind.NOTE: "dim",
}
_TRAILING_SPACE = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
_MARK_STYLE = "bold reverse"
_LABEL_STYLES = {Kind.HEADING: "bold cyan", Kind.ITEM: "cyan", Kind.QUESTION: "bold cyan",
                 Kind.ANSWER: "cyan"}
# Kinds whose text may run over several lines; every other kind, and every label,
# is one line, so a newline in an id or a heading cannot forge a line of output.
_MULTILINE = {Kind.LEAD, Kind.PARAGRAPH, Kind.ANSWER, Kind.MATCH}


def _shown(block: Block, text: str) -> str:
    """``text`` (the block's, or a piece of it) escaped as its kind needs."""
    return clean(text) if block.kind in _MULTILINE else clean_line(text)


def show(blocks: Sequence[Block], env: Environment, *, pager: bool = False) -> None:
    text = format_blocks(blocks, env)
    if pager and env.stdout_isatty:
        page(text, env)
    else:
        write(env.stdout, text)


def show_json(data: Any, env: Environment) -> None:
    write(env.stdout, to_json(data) + "\n")


def format_blocks(blocks: Sequence[Block], env: Environment) -> str:
    if not blocks:
        return ""
    if env.styled:
        return _format_rich(blocks, env)
    return _format_plain(blocks, env.width)


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
        if width is None:
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
            console.print(_rich_block(block))
            previous = block
    # rich leaves the space it wrapped at on the end of the line
    return _TRAILING_SPACE.sub(r"\1", capture.get())


def rich_console(env: Environment) -> Console:
    from rich.console import Console

    return Console(file=env.stdout, width=env.width, force_terminal=True, no_color=env.no_color,
                   markup=False, emoji=False, highlight=False, soft_wrap=False)


def _rich_block(block: Block) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    text = _LineByLine(_marked_text(block) if block.marks else
                       Text(_shown(block, block.text), style=_STYLES.get(block.kind, "")))
    if not block.label:
        return text
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(clean_line(block.label), style=_LABEL_STYLES.get(block.kind, "")), text)
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


def _marked_text(block: Block) -> Text:
    """The block's text with its marks highlighted; cleaned piece by piece so the
    marks stay on the right characters even where clean() escapes one."""
    from rich.text import Text

    text = Text(style=_STYLES.get(block.kind, ""))
    done = 0
    for start, end in sorted(block.marks):
        if start < done:
            continue
        text.append(_shown(block, block.text[done:start]))
        text.append(_shown(block, block.text[start:end]), style=_MARK_STYLE)
        done = end
    text.append(_shown(block, block.text[done:]))
    return text


def page(text: str, env: Environment) -> None:
    """Send ``text`` through $PAGER (``less -R`` by default, which keeps colour)."""
    setting = os.environ.get("PAGER") or "less -R"
    try:
        command = shlex.split(setting)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, text=True,
                                   errors="backslashreplace")  # any locale's encoding
    except (OSError, ValueError, IndexError) as error:
        reason = getattr(error, "strerror", None) or error or "empty command"
        raise PagerFailed(setting, str(reason)) from None
    assert process.stdin is not None
    # Ctrl-C belongs to the pager while it runs (less uses it to cancel a search).
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
            process.stdin.write(text)
            process.stdin.close()
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)


def error_line(message: str) -> str:
    return f"articlecli: error: {clean_line(message)}\n"


def warning_line(message: str) -> str:
    return f"articlecli: warning: {clean_line(message)}\n"
