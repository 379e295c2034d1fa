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
from collections.abc import Callable
from itertools import repeat
from operator import add, attrgetter, itemgetter
from pathlib import Path
from stat import S_ISREG
from typing import NamedTuple

from ..errors import Problem

ARTICLE_SUFFIXES = (".yaml", ".yml")
LINK_OUTSIDE = "a link to a file outside the library (not followed)"

Key = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


class Found(NamedTuple):  # not a dataclass: made on every start, at a fifth of the cost
    """The article files below a folder, sorted, and the problems met finding them."""

    paths: list[str]  # as found: the folder's name, then the path below it
    problems: list[Problem]
    keys: list[Key]  # each path's, when it was found
    names: list[str]  # each path below the folder

    @property
    def files(self) -> list[Path]:
        return [Path(name) for name in self.paths]


def find_articles(folder: Path) -> Found:
    files: list[tuple[str, Key]] = []
    nested = False
    problems: list[Problem] = []
    root = str(folder)
    top = prefix_of(root)
    inside: str | None = None  # the library's real path, worked out at the first link
    pending = [root]
    while pending:
        current = pending.pop()
        try:
            listed, opened = _listed(current)
        except OSError as error:
            problems.append(Problem(current, 1, 1,
                                    f"cannot read the folder: {error.strerror or error}"))
            continue
        prefix = current if current.endswith(os.sep) else current + os.sep
        below = prefix[len(top):]  # the folder's path in the library ("" at the top)
        try:
            # This runs for every file on every start: few operations for each.
            for entry in listed:
                name = entry.name
                if name[0] == ".":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(prefix + name)
                        nested = True
                        continue
                    if not name.endswith(ARTICLE_SUFFIXES):
                        continue
                    try:
                        status = entry.stat()
                    except OSError as error:
                        if entry.is_symlink():  # a dangling link, a loop of links
                            problems.append(Problem(prefix + name, 1, 1, _broken_link(error),
                                                    severity="warning"))
                        continue
                    if not S_ISREG(status.st_mode):
                        continue  # a dangling link, a FIFO, a device
                    if entry.is_symlink():
                        inside = inside or os.path.realpath(root)
                        target = os.path.realpath(prefix + name)
                        if os.path.commonpath([inside, target]) != inside:
                            problems.append(Problem(prefix + name, 1, 1, LINK_OUTSIDE,
                                                    severity="warning"))
                            continue
                except OSError:
                    continue  # gone while we looked
                # The key now, while the stat is fresh in the processor's cache: taken
                # after the walk, from 10,000 stats, it cost five times as much.
                key = _stat_key(status)  # file_key() spelt out: no call for each file
                files.append((below + name, key if key[2] < _INODE_LIMIT else _signed(key)))
        finally:
            if opened is not None:
                os.close(opened)
    problems.sort(key=lambda problem: problem.file.split("/"))  # as the files sort
    if nested:  # as paths sort: by folder, then name (POSIX)
        files.sort(key=lambda found: found[0].split("/"))
    else:
        files.sort(key=itemgetter(0))  # one folder: the names alone decide
    names = list(map(itemgetter(0), files))
    return Found(list(map(add, repeat(top), names)), problems,
                 list(map(itemgetter(1), files)), names)


def prefix_of(folder: str) -> str:
    """What the paths of the files below ``folder`` start with."""
    return folder if folder.endswith(os.sep) else folder + os.sep


def _broken_link(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "a link in a loop of links (not followed)"
    return "a link to a file that does not exist (not followed)"


def _listed(folder: str) -> tuple[list[os.DirEntry[str]], int | None]:
    """The entries of ``folder``, and the folder opened, where the system allows, so
    that each entry is stat'ed by its name in it rather than by its whole path (the
    caller closes it once done with the entries)."""
    if not _BY_FOLDER:
        with os.scandir(folder) as entries:
            return list(entries), None
    opened = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with os.scandir(opened) as entries:
            return list(entries), opened
    except BaseException:
        os.close(opened)
        raise


_BY_FOLDER = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")

# What tells a file changed: size, mtime_ns, inode and ctime_ns (``cp -p`` of another
# file of the same size and time changes the inode or the ctime). One C call per file.
_stat_key: Callable[[os.stat_result], Key] = attrgetter(
    "st_size", "st_mtime_ns", "st_ino", "st_ctime_ns")
# The store keeps keys as SQLite's signed 64-bit integers; some filesystems (network
# and FUSE ones) give inode numbers past that, which are kept as their two's complement.
_INODE_LIMIT = 1 << 63


def file_key(status: os.stat_result) -> Key:
    key = _stat_key(status)
    return key if key[2] < _INODE_LIMIT else _signed(key)


def _signed(key: Key) -> Key:
    size, mtime_ns, inode, ctime_ns = key
    return size, mtime_ns, inode - (1 << 64), ctime_ns


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


def id_stem(name: str) -> str:
    """A file's usual article id: its path in the library without its suffix."""
    return name.rpartition(".")[0]


def article_ids(names: list[str]) -> list[str]:
    """The id of each file of a library (``names``: paths inside it, with ``/``): the
    path without its suffix (``world/volcano``), unless another file would have that
    id too (``x.yaml`` beside ``x.yml``): then each keeps its suffix, so every article
    has an id of its own. Names are unique, so this always ends."""
    ids = [name.rpartition(".")[0] for name in names]  # id_stem's, without a call each
    if len(set(ids)) == len(ids):
        return ids  # the usual case, on every start: one set
    while True:
        seen: dict[str, int] = {}
        for known in ids:
            seen[known] = seen.get(known, 0) + 1
        shared = {known for known, count in seen.items() if count > 1}
        if not shared:
            return ids
        ids = [name if known in shared else known for name, known in zip(names, ids, strict=True)]
