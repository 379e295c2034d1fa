"""Where output goes and what kind of terminal it is: injected so tests can fake a tty."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass, field
from typing import TextIO

READING_WIDTH = 88


@dataclass
class Environment:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None
    stdout_isatty: bool | None = None
    no_color: bool = field(default_factory=lambda: bool(os.environ.get("NO_COLOR")))
    terminal_width: int | None = None
    debug: bool = field(default_factory=lambda: bool(os.environ.get("ARTICLECLI_DEBUG")))

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = _isatty(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.terminal_width is None:
            self.terminal_width = shutil.get_terminal_size((80, 24)).columns

    @property
    def styled(self) -> bool:
        """Colour and formatting: only on a terminal, and never with NO_COLOR set."""
        return bool(self.stdout_isatty) and not self.no_color

    @property
    def width(self) -> int | None:
        """The wrap width on a terminal (capped for reading); None (no wrapping) in a pipe."""
        if not self.stdout_isatty:
            return None
        return max(20, min(self.terminal_width or 80, READING_WIDTH))


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class OutputFailed(Exception):
    """Output could not be written for a reason other than a closed pipe."""


class OutputClosed(Exception):
    """The reader of our output went away (``articlecli read | head -1``)."""


def write(stream: TextIO, text: str) -> None:
    """Write and flush; a closed pipe becomes OutputClosed, with stdout silenced so
    the interpreter's own flush at exit cannot complain either."""
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError, AttributeError):
            pass  # not a real file descriptor (a test's StringIO)
        raise OutputClosed from None
    except OSError as error:  # a full disk, a device that refuses: the user's situation, not a bug
        name = getattr(stream, "name", "the output")
        raise OutputFailed(f"cannot write {name}: {error.strerror or error}") from None
