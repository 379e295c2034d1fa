"""The library as last seen settled: every file's name and key in library order, in
one row, so that a warm run compares two byte strings instead of 10,000 rows.

It is a shortcut for what the ``files`` rows say, never a second truth: it is
written only when every file's row was current (its key the same, and taken when
the file had settled, outside the racy window), from the same snapshot, and only if
no other process has committed since (``PRAGMA data_version``). Every transaction
that writes ``files`` deletes it first. So when a run finds the same names and keys,
each file would also have passed the row-by-row check, and the stored articles are
the ones it would have found; otherwise the run takes the row-by-row path.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import struct
from array import array
from collections.abc import Sequence
from itertools import repeat, starmap
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..articles.paths import Key
    from .db import Entry, Task

# The problems (short) come first: a run that needs only them (db.Store.known) reads
# no more of the row.
TABLE = ("CREATE TABLE listing(id INTEGER PRIMARY KEY CHECK (id = 0), problems TEXT NOT NULL,"
         " names BLOB NOT NULL, keys BLOB NOT NULL, articles BLOB NOT NULL)")

# A file's key as an array("q") of the keys' numbers holds it, packed in one C call
# per file: less than half the time the array takes to take them one by one.
_KEY = struct.Struct("4q")


def signature(tasks: Sequence[Task]) -> tuple[bytes, bytes]:
    """The names (NUL cannot be in a file name) and keys of ``tasks``, as stored."""
    return signed(list(map(itemgetter(1), tasks)), list(map(itemgetter(3), tasks)))


def signed(names: Sequence[str], keys: Sequence[Key]) -> tuple[bytes, bytes]:
    """Files' names and keys as the listing holds them."""
    return ("\0".join(names).encode("utf-8", "surrogateescape"),
            b"".join(starmap(_KEY.pack, keys)))


def unsigned(names: bytes, keys: bytes) -> tuple[list[str], list[Key]]:
    """The names and keys that ``signed`` gave these bytes for."""
    return names_of(names), list(_KEY.iter_unpack(keys))


def names_of(names: bytes) -> list[str]:
    """The names that ``signed`` gave these bytes for."""
    return names.decode("utf-8", "surrogateescape").split("\0") if names else []


def settled(connection: sqlite3.Connection) -> tuple[bytes, bytes] | None:
    """The listing's names and keys, if it holds and no file of it was broken (in the
    caller's read transaction)."""
    row = connection.execute("SELECT names, keys, problems FROM listing").fetchone()
    if row is None or row[2] != "{}" or not isinstance(row[0], bytes) \
            or not isinstance(row[1], bytes) or not row[0]:
        return None
    names, keys = row[0], row[1]
    # A row that is not one the store wrote is no listing: a name for each key.
    if len(keys) != _KEY.size * (names.count(b"\0") + 1):
        return None
    return names, keys


def entries(connection: sqlite3.Connection, paths: Sequence[str], ids: Sequence[str],
            signed: tuple[bytes, bytes]) -> list[Entry] | None:
    """The entries the listing holds for the files of ``signed`` (their paths and
    article ids; in the caller's read transaction), or None if it does not match them."""
    from .db import Entry

    row = connection.execute("SELECT names, keys, articles, problems FROM listing").fetchone()
    if row is None or (row[0], row[1]) != signed:
        return None
    numbers = array("q")
    try:
        numbers.frombytes(row[2])
        problems = {int(place): str(found) for place, found in json.loads(row[3]).items()}
    except (TypeError, ValueError, AttributeError):
        return None
    if not len(numbers) == len(paths) == len(ids):
        return None
    # Made in C, one for each file (a tuple's own __new__ is Python code).
    found: list[Entry] = list(map(tuple.__new__, repeat(Entry), zip(
        paths, numbers, ids, repeat(None))))
    if 0 in numbers:  # a broken file: no article
        found = [entry._replace(article=None) if not entry.article else entry
                 for entry in found]
    for place, problem in problems.items():
        if 0 <= place < len(found):
            found[place] = found[place]._replace(problems=problem)
    return found


def remember(path: Path, signed: tuple[bytes, bytes], found: Sequence[Entry],
             generation: str | None) -> None:
    """Keep ``found`` as the listing, unless another process wrote files since the
    snapshot it was read in (``generation``) or the lock is not free at once. A
    connection of its own writes it: the run goes on reading its own snapshot."""
    numbers = array("q", [entry.article or 0 for entry in found]).tobytes()
    problems = json.dumps({place: entry.problems for place, entry in enumerate(found)
                           if entry.problems is not None})
    with contextlib.suppress(sqlite3.Error), \
            contextlib.closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as writer:
        writer.execute("BEGIN IMMEDIATE")  # a warm run never waits to write this
        if generation_of(writer) == generation:
            writer.execute("INSERT OR REPLACE INTO listing(id, names, keys, articles, problems)"
                           " VALUES (0, ?, ?, ?, ?)", (*signed, numbers, problems))
        writer.execute("COMMIT")


def clean(connection: sqlite3.Connection) -> bool:
    """The listing holds, and no file of it was broken (in the caller's read
    transaction)."""
    row = connection.execute("SELECT problems FROM listing").fetchone()
    return row is not None and row[0] == "{}"


def generation_of(connection: sqlite3.Connection) -> str | None:
    """How many times the files' rows were written (db.py counts them)."""
    row = connection.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return None if row is None else str(row[0])


def forget(connection: sqlite3.Connection) -> None:
    """In a transaction that writes ``files``: the listing no longer holds."""
    connection.execute("DELETE FROM listing")
    connection.execute("INSERT INTO meta VALUES ('generation', '1') ON CONFLICT(key) DO UPDATE"
                       " SET value = CAST(value AS INTEGER) + 1")
