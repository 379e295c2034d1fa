"""Looking after the cache folder: what is in it (``cache info``), emptying it
(``cache clear``), and pruning the databases of libraries unused for PRUNE_DAYS.

A database is "used" when a run opens it: its modification time is moved to now
at most once a day (db.Store.touch), and every write moves it too.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import CannotRemove
from .buildlock import SUFFIX as BUILD_LOCK
from .db import ASIDE, database_files
from .location import SUFFIX

PRUNE_DAYS = 30
# Files the JSON cache of earlier versions left; removed with the rest.
_LEGACY = (".articles", ".index", ".keypoints")


@dataclass(frozen=True)
class Cached:
    """One database in the cache folder."""

    path: Path
    size: int  # bytes, with its WAL files
    library: str | None  # the library's folder or file; None if it cannot be read
    articles: int | None
    used: float  # when a run last opened it (seconds since the epoch)
    aside: bool  # moved aside as unusable


def prune(folder: Path, keep: Path) -> None:
    """Remove the databases (and those moved aside) unused for PRUNE_DAYS, and the
    files of the old JSON cache."""
    limit = time.time() - PRUNE_DAYS * 86_400
    for path in database_files(folder):
        with contextlib.suppress(OSError):
            if path != keep and path.lstat().st_mtime < limit:
                _remove(path)
    for path in _legacy(folder):
        with contextlib.suppress(OSError):
            _remove(path)


def info(folder: Path) -> list[Cached]:
    return [_describe(path) for path in database_files(folder)]


def clear(folder: Path) -> int:
    """Remove every file of the cache; how many bytes that freed. CannotRemove, once
    the others are removed, for a file that cannot be."""
    freed = 0
    failed: list[tuple[Path, OSError]] = []
    for path in [*database_files(folder), *_legacy(folder)]:
        size = _size(path)
        try:
            _remove(path)
        except OSError as error:
            failed.append((path, error))
        else:
            freed += size
    if failed:
        first, problem = failed[0]
        raise CannotRemove(str(first), problem.strerror or str(problem), len(failed) - 1)
    return freed


def _describe(path: Path) -> Cached:
    library, articles = None, None
    aside = ASIDE in path.name
    if not aside:
        with contextlib.suppress(sqlite3.Error, OSError, ValueError, TypeError):
            connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
            try:
                owner = connection.execute(
                    "SELECT value FROM meta WHERE key = 'owner'").fetchone()
                library = str(owner[0]).split("\n")[0] if owner else None
                articles = int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
            finally:
                connection.close()
    return Cached(path, _size(path), library, articles, path.lstat().st_mtime, aside)


def _size(path: Path) -> int:
    total = 0
    for suffix in ("", "-wal", "-shm", BUILD_LOCK):
        with contextlib.suppress(OSError):
            total += path.with_name(path.name + suffix).lstat().st_size
    return total


def _remove(path: Path) -> None:
    for suffix in ("-wal", "-shm", BUILD_LOCK, ""):
        candidate = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            if candidate.is_dir() and not candidate.is_symlink():
                shutil.rmtree(candidate)
            else:
                candidate.unlink()


def _legacy(folder: Path) -> list[Path]:
    try:
        return [path for path in folder.iterdir()
                if path.suffix in _LEGACY or (path.name.startswith(".")
                                              and path.name.endswith(".tmp"))
                or path.name.endswith(f"{SUFFIX}-journal")]
    except OSError:
        return []
