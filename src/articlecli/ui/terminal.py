"""Where output goes and what kind of terminal it is: injected so tests can fake a tty."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

READING_WIDTH = 88
NARROWEST = 20  # no wrap width is narrower: a label and its text need room side by side


@dataclass
class Environment:
    """Where a command reads and writes and what it knows of the terminal: the real
    streams and environment variables by default, others in tests."""

    stdin: TextIO = field(default_factory=lambda: standard_input(sys.stdin))
    stdout: TextIO = field(default_factory=lambda: standard_output(sys.stdout, "stdout"))
    stderr: TextIO = field(default_factory=lambda: standard_output(sys.stderr, None))
    stdin_isatty: bool | None = None
    stdout_isatty: bool | None = None
    no_color: bool = field(default_factory=lambda: bool(os.environ.get("NO_COLOR")))
    force_color: bool = field(default_factory=lambda: _forced(os.environ.get("FORCE_COLOR")))
    terminal_width: int | None = None
    terminal_height: int | None = None
    debug: bool = field(default_factory=lambda: bool(os.environ.get("ARTICLECLI_DEBUG")))
    # Settings from the command line or the config file (cli/config.py):
    color: str = "auto"  # "always" and "never" override NO_COLOR, FORCE_COLOR and the tty test
    wrap: int | None = None  # the reading width on a terminal; 0: no wrapping; None: 88
    wrap_pipes: bool = False  # wrap at ``wrap`` in a pipe too (``--width`` given)
    theme: str = "dark"
    pager: bool | None = None  # True: always on a terminal; False: never; None: when long
    pager_command: str | None = None  # the config file's; ARTICLECLI_PAGER wins, then PAGER

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = _isatty(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.terminal_width is None or self.terminal_height is None:
            size = shutil.get_terminal_size((80, 24))
            self.terminal_width = self.terminal_width or size.columns
            self.terminal_height = self.terminal_height or size.lines

    @property
    def styled(self) -> bool:
        """Colour and formatting: ``--color always|never`` decides; else NO_COLOR turns
        it off, FORCE_COLOR on, and otherwise only a terminal gets it."""
        if self.color in ("always", "never"):
            return self.color == "always"
        if self.no_color:
            return False
        return self.force_color or bool(self.stdout_isatty)

    @property
    def width(self) -> int | None:
        """The wrap width: on a terminal its width, capped at ``wrap`` (88 unless set);
        in a pipe none unless ``--width`` asked for one. None means no wrapping."""
        cap = READING_WIDTH if self.wrap is None else self.wrap
        if cap == 0 or not (self.stdout_isatty or self.wrap_pipes):
            return None
        if not self.stdout_isatty:
            return cap
        return min(max(NARROWEST, self.terminal_width or 80), cap)


def _forced(value: str | None) -> bool:
    """FORCE_COLOR as Node, chalk and others read it: set, and not 0 or false."""
    return value is not None and value.strip().lower() not in ("", "0", "false")


def standard_input(stream: TextIO | None) -> TextIO:
    """Standard input as the commands read it: closed (``<&-``) reads as empty, and
    bytes that are not text in the locale's encoding are kept (as surrogates, which
    output shows escaped, ``\xe9``) rather than ending the program."""
    if stream is None:
        return io.StringIO("")
    _reconfigure(stream, "surrogateescape")
    return stream


def standard_output(stream: TextIO | None, name: str | None) -> TextIO:
    """Standard output or error in any locale: what the encoding cannot show is
    written as an escape (``\u2014``). A closed one (``>&-``) fails as a closed
    file does (standard output) or swallows what is written (standard error)."""
    if stream is None:
        return _Closed(name) if name else io.StringIO()
    _reconfigure(stream, "backslashreplace")
    return stream


def _reconfigure(stream: TextIO, errors: str) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and stream.errors != errors:
        with contextlib.suppress(OSError, ValueError):
            reconfigure(errors=errors)


class _Closed(io.StringIO):
    """A standard stream that was closed before the program started."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = f"<{name}>"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it is closed")


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class CheckedOutput:
    """``stream`` as sys.stdout while the program runs: click writes --help and the
    completion scripts there itself, and through ``write`` a full disk or a closed
    standard output is the same error as for any other output. All else is the
    stream's own (its fileno, encoding and errors let ``input`` use readline)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        write(self._stream, text)
        return len(text)

    def flush(self) -> None:
        write(self._stream, "")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class OutputFailed(Exception):
    """Output could not be written for a reason other than a closed pipe."""


class Interrupted(Exception):
    """The reader pressed Ctrl-C at a prompt: leave quietly with status 130."""


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
