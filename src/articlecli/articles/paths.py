"""Which files in a folder are articles, and the id each is known by.

The walk is iterative (a library nested a thousand folders deep is still a
library), skips hidden files and folders, and reports what it cannot use: a folder
it cannot read, and a link that leads out of the library, which it never follows
(a library from elsewhere must not make articlecli read ~/.ssh). Links to
folders are not followed either.

Each file's key (size, mtime_ns, inode, ctime_ns) is taken from the same ``stat``
that tells it is a regular file: the store compares the keys of every file on every
run, so a library of 10,000 files is stat'ed once, not twice.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem

ARTICLE_SUFFIXES = (".yaml", ".yml")
LINK_OUTSIDE = "a link to a file outside the library (not followed)"

Key = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


@dataclass(frozen=True)
class Found:
    """The article files below a folder, sorted, and the problems met finding them."""

    paths: list[str]  # as found: the folder's name, then the path below it
    problems: list[Problem]
    keys: list[Key] = field(default_factory=list)  # each path's, when it was found

    @property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.paths]


def find_articles(folder: Path) -> Found:
    files: list[tuple[str, Key]] = []
    nested = False
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
                    nested = True
                    continue
                if not entry.name.endswith(ARTICLE_SUFFIXES):
                    continue
                status = entry.stat()
                if not stat.S_ISREG(status.st_mode):
                    continue  # a dangling link, a FIFO, a device
                if entry.is_symlink():
                    inside = inside or os.path.realpath(root)
                    target = os.path.realpath(entry.path)
                    if os.path.commonpath([inside, target]) != inside:
                        problems.append(Problem(entry.path, 1, 1, LINK_OUTSIDE,
                                                severity="warning"))
                        continue
            except OSError:
                continue  # gone while we looked
            files.append((entry.path, file_key(status)))
    if nested:  # as paths sort: by folder, then name (POSIX)
        files.sort(key=lambda found: found[0].split("/"))
    else:
        files.sort()  # one folder: the names alone decide
    return Found([path for path, _ in files], problems, [key for _, key in files])


def file_key(status: os.stat_result) -> Key:
    """What tells a file changed: size, mtime_ns, inode and ctime_ns (``cp -p`` of
    another file of the same size and time changes the inode or the ctime)."""
    return (status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


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
