"""The program's entry point (``articlecli`` and ``python -m articlecli``).

Importing the command line (typer, click, rich) and building its commands take
most of the start-up time; Ctrl-C then must end as quietly as it does once the
error boundary is running.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable

from .cli.status import ExitStatus


def run() -> None:
    _one_blas_thread()
    try:
        main = _load()
        main()  # typer builds the commands before the error boundary runs
    except KeyboardInterrupt:
        sys.stderr.write("articlecli: error: interrupted\n")  # as the error boundary says it
        raise SystemExit(ExitStatus.INTERRUPTED) from None
    finally:
        # What the command made lives until the process ends (its store is closed,
        # its output written): the collector need not walk it all once more as the
        # interpreter shuts down (about 2 ms).
        gc.freeze()


def _one_blas_thread() -> None:
    """One thread for the sentence encoder's matrix products, unless the user sets it
    (before numpy loads OpenBLAS). With other processes on the cores, OpenBLAS's threads
    spin waiting for each other: a first ask on a 1,000-article library took 10-27 s,
    against 1.7-2.4 s with one thread. On an idle machine one thread is also faster for
    a question (172 against 182 ms, the bundled article's second look), and 8% slower
    when twenty passages are encoded at once (a library's first ask)."""
    if "OMP_NUM_THREADS" not in os.environ:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _load() -> Callable[[], None]:
    """The command line's entry, imported without cyclic garbage collection: loading
    modules makes many objects and few cycles, and the collections it would set off
    take about 5 ms of every start. The modules' objects live as long as the process,
    so they are frozen: the collector need not look at them again each time a
    library's many rows (files, postings) are read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        from .cli.app import main
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    return main


if __name__ == "__main__":
    run()
