"""A progress bar on standard error for a long build of the store: shown only on a
terminal, and only once the build has taken more than DELAY seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 1.0
WIDTH = 30


def progress_bar(stream: TextIO, *, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> Callable[[int, int], None]:
    """A reporter of (files done, files in all) that draws a bar on ``stream``."""
    started = clock()
    shown = False

    def report(done: int, total: int) -> None:
        nonlocal shown
        if not shown and clock() - started < delay:
            return
        shown = True
        filled = WIDTH * done // max(total, 1)
        line = f"\rarticlecli: indexing [{'#' * filled}{'.' * (WIDTH - filled)}] " \
               f"{done:,}/{total:,} files"
        end = "\r" + " " * len(line) + "\r" if done >= total else ""
        try:
            stream.write(line + end)
            stream.flush()
        except (OSError, ValueError):
            pass

    return report
