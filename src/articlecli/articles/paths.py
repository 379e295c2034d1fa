"""Which files in a folder are articles, and the id each is known by.

The walk is iterative (a library nested a thousand folders deep is still a
library), skips hidden files and folders, and reports what it cannot use: a folder
it cannot read, and a link that leads out of the library, which it never follows
(a library from elsewhere must not make articlecli read ~/.ssh). Links to
folders are not followed either.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem

ARTICLE_SUFFIXES = (".yaml", ".yml")
LINK_OUTSIDE = "a link to a file outside the library (not followed)"


@dataclass(frozen=True)
class Found:
    """The article files below a folder, sorted, and the problems met finding them."""

    paths: list[str]  # as found: the folder's name, then the path below it
    problems: list[Problem]

    @property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.paths]


def find_articles(folder: Path) -> Found:
    files: list[str] = []
    problems: list[Problem] = []
    root = str(folder)
    inside: str | None = None  # the library's real path, worked out at the first link
    pending = [root]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError as error:
            problems.append(Problem(current, 1, 1,
                                    f"cannot read the folder: {error.strerror or error}"))
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                if not entry.name.endswith(ARTICLE_SUFFIXES) or \
                        not stat.S_ISREG(entry.stat().st_mode):
                    continue  # not an article, a dangling link, a FIFO, a device
                if entry.is_symlink():
                    inside = inside or os.path.realpath(root)
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([inside, target]) != inside:
                        problems.append(Problem(entry.path, 1, 1, LINK_OUTSIDE,
                                                severity="warning"))
                        continue
            except OSError:
                continue  # gone while we looked
            files.append(entry.path)
    files.sort(key=lambda name: name.split("/"))  # as paths sort, but faster (POSIX)
    return Found(files, problems)


def missing_reason(path: Path) -> str:
    """Why ``path``, which does not exist as far as ``Path.exists`` can tell, cannot
    be used: missing, a link to nothing, or a loop of links (not "missing")."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ENOENT:
            return "a link to a missing file" if path.is_symlink() else "no such file or folder"
        reason = error.strerror or str(error)
        return reason[:1].lower() + reason[1:]
    return "no such file or folder"  # gone and back while we looked


def article_id(folder: Path, path: Path) -> str:
    return path.relative_to(folder).with_suffix("").as_posix()
