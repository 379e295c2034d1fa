"""A warm command works while a second process walks the library's folder.

Every run stats every file of a library to know that the store still holds it
(db.py), and in a library of 10,000 files that walk takes as long as answering a
question. With more than one core, and a store that last saw the library settled
and with no broken file (listing.py), the run forks: the child walks the folder and
compares the names and keys it finds with the listing, while the parent works on the
articles the listing names. The parent shows nothing before the child's verdict. If
the folder is as the listing says, the work stands: the row-by-row check would have
found the same articles (listing.py says why). Otherwise the child hands over what
it found, and the command runs again on the library brought up to date, as if it
had walked the folder itself. (git's preload-index also spreads its stat calls over
other threads, though it waits for them before going on.) What the walk warns of (a
link out of the library, a folder it cannot read) comes with the verdict either
way, as the listing holds only files.

The child only reads the folder. It never touches the database (SQLite connections
must not cross a fork), writes to no stream but its pipe, and ends with
``os._exit``, running none of the parent's clean-up.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import struct
import sys
import time
from collections.abc import Iterator
from itertools import repeat
from operator import add
from pathlib import Path
from typing import NamedTuple

from ..articles.paths import Found, Key, find_articles, prefix_of
from ..errors import Problem
from . import listing

_SAME = b"="  # then the problems
_CHANGED = b"~"  # then the header, the names, the keys and the problems
_HEADER = struct.Struct("=qQQ")  # when the walk began (ns), the names' bytes, the keys' bytes


class Walked(NamedTuple):
    """What the child found when the folder was not as the listing says."""

    checked: int  # when its walk began (time.time_ns), for the racy-time check
    names: list[str]  # the paths below the folder, in library order
    keys: list[Key]
    problems: list[Problem]  # what the walk warns of (a link out of the library...)

    def found(self, folder: Path) -> Found:
        """As ``find_articles(folder)`` gives it."""
        return Found(list(map(add, repeat(prefix_of(str(folder))), self.names)),
                     self.problems, self.keys, self.names)


class Verdict(NamedTuple):
    same: bool  # the folder's files are as the store last saw them
    walked: Walked | None = None  # otherwise what the child found, if it could say
    # What the walk warns of either way: the listing holds files, not these.
    problems: tuple[Problem, ...] = ()


def possible() -> bool:
    """Forking pays, and is safe: POSIX, not macOS (whose system libraries may not
    survive a fork), and a second core to walk on."""
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


class Lookahead:
    """The child walking ``folder``; ``verdict`` waits for it (once)."""

    def __init__(self, pid: int, reader: int, thaw: bool) -> None:
        self.pid = pid
        self._reader: int | None = reader
        self._verdict: Verdict | None = None
        self._thaw = thaw  # undo the freeze once done: nothing else had frozen objects

    @classmethod
    def start(cls, folder: Path, signed: tuple[bytes, bytes]) -> Lookahead | None:
        """Fork a child to check ``folder`` against the listing's names and keys
        (``signed``); None if it cannot be forked."""
        try:
            reader, writer = os.pipe()
        except OSError:
            return None
        # Objects the collector never visits are never copied for it: without this,
        # the first collection after the fork wrote to every page of the heap, which
        # each process then had to copy (about 10 ms of a 100 ms ask at 10,000 files).
        thaw = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            if thaw:
                gc.unfreeze()
            os.close(reader)
            os.close(writer)
            return None
        if pid == 0:  # the child: never returns
            code = 1
            try:
                gc.disable()
                # Not the parent's streams: a reader of its output waits for every
                # process that holds them open, and this one has nothing to say there.
                for inherited in (reader, 0, 1, 2):
                    with contextlib.suppress(OSError):
                        os.close(inherited)
                _send(writer, _check(folder, signed))
                code = 0
            finally:
                os._exit(code)
        os.close(writer)
        return cls(pid, reader, thaw)

    def verdict(self) -> Verdict:
        if self._verdict is None and self._reader is not None:
            try:
                message = b"".join(_read_all(self._reader))
            except BaseException:  # Ctrl-C while waiting: the child must not go on
                self.abandon()
                raise
            self._verdict = _verdict(message)
            self._end()
        return self._verdict or Verdict(same=False)

    def abandon(self) -> None:
        """Stop the child, when the run ends before it has the verdict."""
        if self._reader is not None:
            self._verdict = self._verdict or Verdict(same=False)
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)  # not yet reaped: still our child's pid
            self._end()

    def _end(self) -> None:
        if self._reader is None:
            return
        os.close(self._reader)
        self._reader = None
        _reap(self.pid)
        if self._thaw:
            gc.unfreeze()


def _check(folder: Path, signed: tuple[bytes, bytes]) -> bytes:
    """The child's message: the same, what changed, or nothing (the parent walks)."""
    checked = time.time_ns()  # before any file is looked at, as open_library takes it
    found = find_articles(folder)
    if not found.names:
        return b""  # no articles: the parent's own walk says what it found instead
    names, keys = listing.signed(found.names, found.keys)
    problems = _problems_data(found.problems)
    if (names, keys) == signed:
        return _SAME + problems
    return b"".join((_CHANGED, _HEADER.pack(checked, len(names), len(keys)), names, keys,
                     problems))


def _problems_data(problems: list[Problem]) -> bytes:
    return json.dumps([[problem.file, problem.line, problem.column, problem.message,
                        problem.field, problem.severity] for problem in problems],
                      ensure_ascii=False).encode("utf-8", "surrogateescape")


def _problems_of(data: bytes) -> list[Problem]:
    return [Problem(str(file), int(line), int(column), str(message),
                    None if field is None else str(field), str(severity))
            for file, line, column, message, field, severity
            in json.loads(data.decode("utf-8", "surrogateescape"))]


def _send(writer: int, message: bytes) -> None:
    view = memoryview(message)
    while view:
        view = view[os.write(writer, view):]
    os.close(writer)


def _read_all(reader: int) -> Iterator[bytes]:
    while chunk := os.read(reader, 1 << 20):
        yield chunk


def _verdict(message: bytes) -> Verdict:
    """The child's message read; anything but what it writes means: walk again."""
    try:
        if message.startswith(_SAME):
            return Verdict(True, problems=tuple(_problems_of(message[1:])))
        if not message.startswith(_CHANGED):
            return Verdict(False)
        checked, names_size, keys_size = _HEADER.unpack_from(message, 1)
        start = 1 + _HEADER.size
        names = message[start:start + names_size]
        keys = message[start + names_size:start + names_size + keys_size]
        problems = _problems_of(message[start + names_size + keys_size:])
    except (ValueError, TypeError, struct.error):  # cut short (bad JSON is a ValueError)
        return Verdict(False)
    if len(keys) != keys_size:
        return Verdict(False)
    return Verdict(False, Walked(checked, *listing.unsigned(names, keys), problems),
                   tuple(problems))


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
