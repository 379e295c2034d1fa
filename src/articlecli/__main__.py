"""The program's entry point (``articlecli`` and ``python -m articlecli``).

Importing the command line (typer, click, rich) and building its commands take
most of the start-up time; Ctrl-C then must end as quietly as it does once the
error boundary is running.
"""

from __future__ import annotations

import gc
import sys

from .cli.status import ExitStatus


def run() -> None:
    try:
        from .cli.app import main

        # The modules' objects live as long as the process: the cyclic garbage
        # collector need not look at them again each time a library's many rows
        # (files, postings) are read.
        gc.freeze()
        main()  # typer builds the commands before the error boundary runs
    except KeyboardInterrupt:
        sys.stderr.write("articlecli: error: interrupted\n")  # as the error boundary says it
        raise SystemExit(ExitStatus.INTERRUPTED) from None


if __name__ == "__main__":
    run()
