"""The interactive ``ask>`` prompt: line editing and history through the standard
library's readline (history in ``$XDG_STATE_HOME/articlecli/history``), a hint on
how to leave, and a quiet exit on Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .terminal import Environment, Interrupted, write

PROMPT = "ask> "
HINT = "Ask a question about {what}; an empty line or Ctrl-D to quit.\n"
HISTORY_LENGTH = 1000


def history_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or ""
    folder = Path(base) if Path(base).is_absolute() else Path.home() / ".local" / "state"
    return folder / "articlecli" / "history"


def prompted_lines(env: Environment, articles: int = 1) -> Iterator[str]:
    """Questions typed at the prompt, until an empty line or end of input; Ctrl-C
    raises Interrupted once the shell's prompt is on a fresh line. ``articles``: how
    many the questions are about, for the hint."""
    what = "the article" if articles == 1 else f"the {articles:,} articles"
    write(env.stderr, HINT.format(what=what))
    with _line_editing(env) as read_line:
        while True:
            try:
                line = read_line()
            except EOFError:
                write(env.stdout, "\n")  # leave the shell's prompt on a new line
                return
            except KeyboardInterrupt:
                write(env.stdout, "\n")
                raise Interrupted from None
            if not line.strip():
                return
            yield line.strip()
            write(env.stdout, "\n")


@contextlib.contextmanager
def _line_editing(env: Environment) -> Iterator[Callable[[], str]]:
    """A function that reads one line: ``input`` with readline on the process's own
    terminal, else a plain read of ``env.stdin`` (a test's streams)."""
    # The process's own streams as it started (sys.stdout is cli/app.py's CheckedOutput
    # around them while the program runs; input() still finds the terminal by its fileno).
    if not (env.stdin is sys.__stdin__ and env.stdout is sys.__stdout__ and env.stdin_isatty
            and env.stdout_isatty):
        yield lambda: _plain_line(env)
        return
    try:
        import readline
    except ImportError:  # a Python built without it: input() still works, unedited
        yield lambda: input(PROMPT)
        return
    history = history_path()
    with contextlib.suppress(OSError):
        readline.read_history_file(history)
    readline.set_history_length(HISTORY_LENGTH)
    try:
        yield lambda: input(PROMPT)
    finally:
        with contextlib.suppress(OSError):
            history.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            readline.write_history_file(history)


def _plain_line(env: Environment) -> str:
    write(env.stdout, PROMPT)
    line = env.stdin.readline()
    if not line:
        raise EOFError
    return line
