"""Paging long output, the way git does: on a terminal, output taller than the
screen goes through the pager; ``less`` gets LESS=FRX unless LESS is set, so it
passes colour through (R), quits at once when everything fits (F) and leaves the
text on the screen when it ends (X)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from functools import lru_cache

from ..errors import PagerFailed
from ..safetext import clean
from .terminal import Environment, write

PAGER_VARIABLE = "ARTICLECLI_PAGER"
DEFAULT_PAGER = "less"
LESS_DEFAULT = "FRX"
_NO_PAGER = ("", "cat")  # as in git: a pager of "cat" means no pager


def pager_setting(env: Environment) -> tuple[str, str]:
    """(command, where it came from): ARTICLECLI_PAGER, the config file, PAGER, or less."""
    for value, source in ((os.environ.get(PAGER_VARIABLE), f"${PAGER_VARIABLE}"),
                          (env.pager_command, "the config file"),
                          (os.environ.get("PAGER"), "$PAGER")):
        if value is not None:
            return value.strip(), source
    return DEFAULT_PAGER, "the default"


def screen_lines(text: str, columns: int) -> int:
    """How many lines ``text`` takes on a screen ``columns`` wide (long lines fold)."""
    columns = max(columns, 1)
    return sum(max(1, -(-len(_visible(line)) // columns)) for line in text.splitlines())


@lru_cache(maxsize=1)
def style_code() -> re.Pattern[str]:
    """A colour code (SGR): compiled for coloured output, not on every start."""
    return re.compile(r"\x1b\[[0-9;]*m")


def _visible(line: str) -> str:
    return line if "\x1b" not in line else style_code().sub("", line)


def should_page(text: str, env: Environment) -> bool:
    if env.pager is False or not env.stdout_isatty:
        return False
    if pager_setting(env)[0] in _NO_PAGER:
        return False
    if env.pager:
        return True
    return screen_lines(text, env.terminal_width or 80) >= (env.terminal_height or 24)


def emit(text: str, env: Environment) -> None:
    """Write ``text`` to standard output, through the pager when it would not fit on
    the screen (or ``--pager`` asks for it). A pager that cannot start is an error
    with ``--pager``, and otherwise a warning before the text is written directly."""
    if not should_page(text, env):
        write(env.stdout, text)
        return
    try:
        page(text, env)
    except PagerFailed as error:
        if env.pager:
            raise
        write(env.stderr, f"articlecli: warning: cannot start the pager '{clean(error.command)}'"
                          f" ({clean(error.source)}): {clean(error.reason)}\n")
        write(env.stdout, text)


def page(text: str, env: Environment) -> None:
    """Send ``text`` through the pager and wait for the reader to leave it."""
    import shlex  # only when paging: not on the start of a command in a pipe

    setting, source = pager_setting(env)
    environment = dict(os.environ)
    environment.setdefault("LESS", LESS_DEFAULT)
    environment.setdefault("LV", "-c")  # the lv pager's way to keep colour, as git sets it
    try:
        command = shlex.split(setting)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment, text=True,
                                   errors="backslashreplace")  # any locale's encoding
    except (OSError, ValueError, IndexError, TypeError) as error:
        reason = getattr(error, "strerror", None) or error or "empty command"
        raise PagerFailed(setting, str(reason), source) from None
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
