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
from ..safetext import clean, to_json
from .terminal import Environment, write
from .views import Block, Kind

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
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
        label = f"{block.label} " if block.label else ""
        text = clean(label + block.text)
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

    text = _marked_text(block) if block.marks else \
        Text(clean(block.text), style=_STYLES.get(block.kind, ""))
    if not block.label:
        return text
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(Text(block.label, style=_LABEL_STYLES.get(block.kind, "")), text)
    return grid


def _marked_text(block: Block) -> Text:
    """The block's text with its marks highlighted; cleaned piece by piece so the
    marks stay on the right characters even where clean() escapes one."""
    from rich.text import Text

    text = Text(style=_STYLES.get(block.kind, ""))
    done = 0
    for start, end in sorted(block.marks):
        if start < done:
            continue
        text.append(clean(block.text[done:start]))
        text.append(clean(block.text[start:end]), style=_MARK_STYLE)
        done = end
    text.append(clean(block.text[done:]))
    return text


def page(text: str, env: Environment) -> None:
    """Send ``text`` through $PAGER (``less -R`` by default, which keeps colour)."""
    setting = os.environ.get("PAGER") or "less -R"
    try:
        command = shlex.split(setting)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, text=True)
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
    return f"articlecli: error: {clean(message)}\n"


def warning_line(message: str) -> str:
    return f"articlecli: warning: {clean(message)}\n"
