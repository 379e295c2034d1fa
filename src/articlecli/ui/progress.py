"""A progress bar on standard error for a long build of the store: shown only on a
terminal, and only once the build has taken more than DELAY seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY = 1.0
WIDTH = 30


class ProgressBar:
    """A reporter of (files done, files in all) that draws a bar on ``stream``;
    ``end`` clears a bar left unfinished (the build was interrupted or failed), so
    that what is said next starts its own line."""

    def __init__(self, stream: TextIO, *, delay: float = DELAY,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.delay, self.clock = stream, delay, clock
        self.started = clock()
        self.drawn = ""  # the line on screen now, if any

    def __call__(self, done: int, total: int) -> None:
        if not self.drawn and self.clock() - self.started < self.delay:
            return
        filled = WIDTH * done // max(total, 1)
        line = f"\rarticlecli: indexing [{'#' * filled}{'.' * (WIDTH - filled)}] " \
               f"{done:,}/{total:,} files"
        self._show(line)
        self.drawn = line
        if done >= total:
            self.end()

    def end(self) -> None:
        if self.drawn:
            self._show("\r" + " " * len(self.drawn) + "\r")
            self.drawn = ""

    def _show(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            pass

