"""The exit statuses articlecli documents (README: Exit status)."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    # "No answer", "nothing found", "validation found errors": a result, not a failure.
    NOT_FOUND = 1
    USAGE = 2
    INTERNAL = 70  # a bug in articlecli (EX_SOFTWARE)
    INTERRUPTED = 130
