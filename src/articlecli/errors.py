"""Errors a user can cause, and the exit status each maps to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    # "No answer", "nothing found", "validation found errors": a result, not a failure.
    NOT_FOUND = 1
    USAGE = 2
    INTERNAL = 70  # a bug in articlecli (EX_SOFTWARE)
    INTERRUPTED = 130


class ArticleCliError(Exception):
    """An error to report as one line on stderr; never a traceback."""

    exit_status = ExitStatus.USAGE


class UsageError(ArticleCliError):
    """The command line asked for something that cannot be done."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an article file, with where it is."""

    file: str
    line: int
    column: int
    message: str
    field: str | None = None
    severity: str = "error"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def detail(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.detail}"


class DataError(ArticleCliError):
    """An article file that cannot be loaded. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0])
        more = len(problems) - 1
        if more:
            first += f" (and {more} more; run 'articlecli validate' to see all)"
        super().__init__(first)
