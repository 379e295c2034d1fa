"""Checking article files: every error and every warning, each located by
file:line:column and field path."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from ..errors import DataError, Problem
from .files import STDIN_NAME, STDIO, read_input
from .lint import lint
from .loader import check_article, read_text
from .paths import article_ids, find_articles, id_stem, missing_reason


@dataclass(frozen=True)
class Report:
    """What ``validate`` found in the files it checked."""

    files: int
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    def summary(self) -> str:
        files = f"{self.files} file{'s' * (self.files != 1)} checked"
        if not self.problems:
            return f"{files}: no problems"
        return f"{files}: {_count(self.errors, 'error')}, {_count(self.warnings, 'warning')}"


def check_text(text: str, file: str) -> list[Problem]:
    """Every problem in one file's text: its errors, or (if it loads) its warnings."""
    checked = check_article(text, file)
    if checked.article is None:
        return sorted(checked.problems, key=_place)
    return lint(checked.article, checked.positions, file)


def check_paths(paths: Sequence[Path], stdin: TextIO | None = None) -> Report:
    """Check each file, and every article file below each folder; ``-`` is standard
    input (read once)."""
    files: list[Path] = []
    problems: list[Problem] = []
    read_stdin = False
    for path in paths:
        if str(path) == STDIO and stdin is not None:
            if not read_stdin:
                problems += _problems_of(partial(read_input, STDIO, stdin), STDIN_NAME)
                read_stdin = True
        elif path.is_dir():
            found = find_articles(path)
            if not found.files and not found.problems:
                problems.append(Problem(str(path), 1, 1, "no article files (*.yaml, *.yml)"))
            files += found.files
            problems += found.problems + _same_ids(found.paths, found.names)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), 1, 1, missing_reason(path)))
    for file in files:
        problems += _problems_of(partial(read_text, file), str(file))
    return Report(len(files) + read_stdin, tuple(problems))


def _same_ids(paths: Sequence[str], names: Sequence[str]) -> list[Problem]:
    """A warning for each file whose article id keeps its suffix because another file
    would have the same id (``x.yaml`` and ``x.yml``: paths.article_ids)."""
    stems = list(map(id_stem, names))
    ids = article_ids(list(names))
    problems = []
    for place, (path, stem, known) in enumerate(zip(paths, stems, ids, strict=True)):
        if known == stem:
            continue
        other = next(paths[at] for at in range(len(paths))
                     if at != place and stem in (stems[at], ids[at]))
        problems.append(Problem(path, 1, 1, f"{other} has the same name, so this article's "
                                f"id keeps its suffix: '{known}'", severity="warning"))
    return problems


def _problems_of(read: Callable[[], str], name: str) -> list[Problem]:
    """The problems of the text ``read`` gives, or of reading it."""
    try:
        return check_text(read(), name)
    except DataError as error:
        return error.problems


def format_problem(problem: Problem) -> str:
    return f"{problem.location}: {problem.severity}: {problem.detail}"


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"
