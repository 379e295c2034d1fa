"""The store: one SQLite database per library, holding every file's key and verdict,
the parsed articles, the ``ask`` index and the full-text index for ``search``.

The YAML files stay the source of truth; the database only saves parsing and
indexing them again. Each run compares every file's key (its size, mtime_ns, inode
and ctime_ns) with the one stored, and a changed, added or removed file replaces
only its own rows. A file whose modification time is within RACY_NS of when its key
was taken may change again within the same clock tick, so it is read again until a
later run sees it settled (as git does with its index). Every file is stat'ed on
every run (an edit in place changes no folder's time, so no folder-level check could
see it; a warm command may leave that to a second process, lookahead.py); when all
the keys are those of the listing (listing.py), one row stands for the comparison of
every file's row. A command on one article stats only its file,
when the store can vouch for the rest (``known``; library.py, ``_one_article``).

Writers take the database's one write lock (``BEGIN IMMEDIATE``) for a batch of
files at a time and commit it whole, so a process killed at any moment leaves every
file either stored or not, and the next run carries on where it stopped. One
process builds at a time (buildlock.py): another waits, then parses only what is
still stale. In WAL
mode readers are never blocked; each run reads from one snapshot. A database that is
damaged or not ours is moved aside with a notice and rebuilt; one from another
version of articlecli is emptied and rebuilt. The database holds text, numbers and
arrays of numbers, never anything that could run as code.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import time
from array import array
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from operator import itemgetter, mul
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import StoreDamaged
from . import buildlock, listing
from .buildlock import BuildLock
from .contrib import (
    CHUNK_SHIFT,
    MASK,
    SHIFT,
    TOTALS,
    Parsed,
    Share,
    article_from,
    lines,
    parse_file,
    share_of,
)
from .location import SUFFIX, code_version

if TYPE_CHECKING:
    from ..qa.index import DeepMeanings, Meanings

APPLICATION_ID = 0x41434C49  # "ACLI"
SCHEMA_VERSION = 6
RACY_NS = 2 * 10**9  # file systems keep time in ticks of up to 2 s
BUSY_MS = 30_000  # how long a writer waits for another's batch before giving up
BATCH = 256  # files per write transaction
BUILD_CACHE_KIB = 32 * 1024  # the page cache while many files are stored
# Pages of 8 KB, not SQLite's 4 KB: storing 10,000 parsed articles took about 7%
# less time (median of 7 alternating pairs: 0.5 s less of 6.2 s), as the
# full-text index's rows of text and the postings' arrays of up to 4 KB fill
# fewer, fuller pages (the database 4% smaller); warm commands took the same.
PAGE_SIZE = 8192
# The write-ahead log's pages past which a commit copies them into the database (a
# checkpoint), while many files are stored: each checkpoint waits for the disk twice,
# and SQLite's 1,000 pages made one at every batch (README: Speed).
BUILD_CHECKPOINT_PAGES = 128 * 1024 * 1024 // PAGE_SIZE  # 128 MB
POOL_MINIMUM = 48  # files to parse before it pays to start worker processes
IN_FLIGHT = 512  # files handed to the workers and not yet stored, at most
ASIDE = ".broken-"  # a database moved aside: NAME.sqlite.broken-TIME

Task = tuple[str, str, str, tuple[int, int, int, int], int]  # see contrib.parse_file
Progress = Callable[[int, int], None]

_SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE files(name BLOB PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " inode INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, checked_ns INTEGER NOT NULL,"
    " article INTEGER, problems TEXT) WITHOUT ROWID",
    # The article's JSON last: `list` reads the short columns before it, and SQLite
    # reads a row's columns in order.
    "CREATE TABLE articles(id INTEGER PRIMARY KEY, name BLOB NOT NULL, title TEXT NOT NULL,"
    " published TEXT NOT NULL, newest TEXT NOT NULL, category TEXT, indexed INTEGER NOT NULL,"
    " data TEXT NOT NULL)",
    "CREATE TABLE units(article INTEGER PRIMARY KEY, lengths BLOB NOT NULL)",
    # A rowid table, not WITHOUT ROWID: its rows keep arrays of up to about 4 KB in
    # their page (an index's rows overflow past 1 KB, into pages mostly empty), and
    # a build appends rows instead of writing all over the B-tree.
    "CREATE TABLE postings(id INTEGER PRIMARY KEY, stem TEXT NOT NULL, chunk INTEGER NOT NULL,"
    " data BLOB NOT NULL, UNIQUE(stem, chunk))",
    "CREATE TABLE stems(stem TEXT PRIMARY KEY, units INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE words(word TEXT PRIMARY KEY, stem TEXT NOT NULL, uses INTEGER NOT NULL)"
    " WITHOUT ROWID",
    "CREATE TABLE acronyms(initials TEXT NOT NULL, article INTEGER NOT NULL, stems TEXT NOT NULL,"
    " PRIMARY KEY(initials, article)) WITHOUT ROWID",
    "CREATE TABLE totals(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE keypoints(article INTEGER PRIMARY KEY, points TEXT NOT NULL)",
    # The meaning vectors of units that were candidates (qa.index.Meanings), by the
    # store's unit number, each as float64s (empty: none), made on first use; with a
    # digest of the unit's text, as another process may have changed the article
    # between this one's reading it and writing them.
    "CREATE TABLE meanings(unit INTEGER PRIMARY KEY, digest INTEGER NOT NULL,"
    " text BLOB NOT NULL, question BLOB NOT NULL)",
    # The same for the sentence encoder's vectors (qa.index.DeepMeanings), as float32s;
    # a unit's parts one after another, each as long as its whole.
    "CREATE TABLE deep_meanings(unit INTEGER PRIMARY KEY, digest INTEGER NOT NULL,"
    " whole BLOB NOT NULL, question BLOB NOT NULL, parts BLOB NOT NULL)",
    "CREATE VIRTUAL TABLE pieces USING fts5(stems, part UNINDEXED, heading UNINDEXED,"
    " question UNINDEXED, text UNINDEXED, tokenize='unicode61 remove_diacritics 0')",
    listing.TABLE,
)


class CannotWrite(Exception):
    """The database cannot be written now (read-only, locked too long, disk full)."""


class Entry(NamedTuple):  # a tuple: made for every file on every run
    """One file of the library as the store knows it: its article's number in the
    store and id, or its problems (JSON)."""

    path: str
    article: int | None
    article_id: str
    problems: str | None


class _Changes:
    """What a batch of files adds to and takes from the shared index rows.

    Not a dataclass: the class is made on every start, and a dataclass takes about
    0.4 ms to make."""

    def __init__(self) -> None:
        # The postings added, by chunk and stem; the articles whose postings go, likewise.
        self.added: dict[int, dict[str, array[int]]] = {}
        self.removed: dict[int, dict[str, set[int]]] = {}
        # stem -> units fewer (the units added are counted from ``added``, once a batch:
        # a stem at a time for every article would cost a build more).
        self.stems: dict[str, int] = {}
        self.words: dict[str, str] = {}  # word -> stem
        self.uses: Counter[str] = Counter()  # word -> articles more or fewer
        self.totals = [0] * len(TOTALS)
        # Articles were added in the order of their numbers (as in a cold build), so each
        # stem's postings in ``added`` are in order (the units of one article come in order).
        self.ascending = True
        self.last_added = 0

    def share(self, article: int, share: Share, sign: int) -> None:
        chunk = article >> CHUNK_SHIFT
        counts, stems, words = numbers_of(share.counts, 1), lines(share.stems), lines(share.words)
        if sign > 0:
            self.ascending = self.ascending and article >= self.last_added
            self.last_added = article
            postings = numbers_of(share.postings)
            postings[0::4] = array("I", [article]) * (len(postings) >> 2)
            added = self.added.setdefault(chunk, {})
            start = 0
            for word_stem, count in zip(stems, counts, strict=True):
                end = start + 4 * count
                found = added.get(word_stem)
                if found is None:
                    added[word_stem] = postings[start:end]
                else:
                    found += postings[start:end]
                start = end
            self.uses.update(words)  # a C loop, for an iterable (not a dict)
        else:
            removed = self.removed.setdefault(chunk, {})
            for word_stem, count in zip(stems, counts, strict=True):
                self.stems[word_stem] = self.stems.get(word_stem, 0) - count
                removed.setdefault(word_stem, set()).add(article)
            self.uses.subtract(words)
        self.words.update(zip(words, lines(share.word_stems), strict=True))
        for position, value in enumerate(share.totals):
            self.totals[position] += sign * value

    def stem_units(self) -> dict[str, int]:
        """stem -> units more or fewer."""
        units = dict(self.stems)
        for by_stem in self.added.values():
            for word_stem, postings in by_stem.items():
                units[word_stem] = units.get(word_stem, 0) + (len(postings) >> 2)
        return units


class Store:
    """A library's database (``path`` None: in memory, for this run only)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self.connection = connection
        self.path = path
        self._changes = _Changes()
        self._in_memory = path is None
        self._last_chunk = 0
        self.wrote = False  # this run changed the database
        self._build_lock: BuildLock | None = None
        self._lockable = path is not None

    # --- opening -------------------------------------------------------------------

    @classmethod
    def memory(cls) -> Store:
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        for statement in _SCHEMA:
            connection.execute(statement)
        return cls(connection, None)

    @classmethod
    def on_disk(cls, folder: Path, name: str, owner: str, notices: list[str]) -> Store | None:
        """The database ``name`` in ``folder`` for ``owner``, made if missing; None if
        there can be none (the folder cannot be made, the file cannot be opened)."""
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError:
            return None
        path = folder / name
        for _ in range(2):
            reason = _not_a_plain_file(path)
            if reason is None:
                try:
                    connection = sqlite3.connect(path, timeout=BUSY_MS / 1000,
                                                 isolation_level=None, check_same_thread=False)
                except sqlite3.Error:
                    return None
                try:
                    reason = _prepare(connection, owner)
                except sqlite3.OperationalError:
                    connection.close()
                    return None  # locked for long, read-only and new, I/O error: no cache
                except sqlite3.DatabaseError as error:
                    reason = str(error)
                if reason is None:
                    return cls(connection, path)
                connection.close()
            if not move_aside(path):
                return None
            notices.append(f"the cache {path} was unusable ({reason}); it was moved aside and "
                           "is being rebuilt")
        return None

    def touch(self) -> None:
        """Mark the database as used today (pruning removes those unused for long)."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            if time.time() - self.path.stat().st_mtime > 86_400:
                os.utime(self.path)

    # --- bringing it up to date -------------------------------------------------------

    def sync(self, tasks: Sequence[Task], progress: Progress | None = None) -> list[Entry]:
        """Bring the stored files up to date with ``tasks`` (every file of the library,
        in library order) and return them as stored; CannotWrite if it cannot, and
        StoreDamaged if the database is damaged."""
        try:
            return self._sync(tasks, progress)
        except sqlite3.OperationalError as error:
            raise CannotWrite from error
        except sqlite3.DatabaseError as error:
            raise StoreDamaged(str(self.path)) from error
        finally:
            if self._build_lock is not None:
                self._build_lock.release()
                self._build_lock = None

    def _sync(self, tasks: Sequence[Task], progress: Progress | None) -> list[Entry]:
        """The listing (listing.py), or one read of the files' rows, decides what is
        stale; when nothing is (a warm run), the same read, in the snapshot the run
        goes on using, gives the entries."""
        signed = listing.signature(tasks) if self.path is not None else None
        updated = False
        for _ in range(4):  # a wait for another's build, a look after updating
            if not self.connection.in_transaction:
                self.connection.execute("BEGIN")
            if signed is not None and not updated:
                found = listing.entries(self.connection, list(map(itemgetter(0), tasks)),
                                        list(map(itemgetter(2), tasks)), signed)
                if found is not None:
                    return found
            generation = listing.generation_of(self.connection)
            rows = {row[0]: row[1:] for row in self.connection.execute(
                "SELECT name, size, mtime_ns, inode, ctime_ns, checked_ns, article, problems"
                " FROM files")}
            entries, stale, settled = [], [], True
            for task in tasks:
                row = rows.get(as_key(task[1]))
                current = row is not None and _current(task, row)
                # Once updated, a stored row is taken as it is: a file still within the
                # racy window is never current, and is not parsed again in this run.
                if row is None or not (updated or current):
                    stale.append(task)
                else:
                    entries.append(Entry(task[0], row[5], task[2], row[6]))
                    settled = settled and current
            gone: set[bytes] = set()
            if not updated and len(rows) != len(entries):  # rows for files no longer there
                gone = set(rows) - {as_key(task[1]) for task in tasks}
            if not stale and not gone:
                if settled and signed is not None and self.path is not None:
                    listing.remember(self.path, signed, entries, generation)
                return entries
            if len(stale) >= POOL_MINIMUM and self._build_lock is None and self._lockable:
                # A build: done by one process at a time, each reading again what is
                # stale once it holds the lock (buildlock.py).
                self.connection.execute("ROLLBACK")
                self._build_lock = buildlock.acquire(
                    self.path, lambda: self._show_other_build(len(tasks), progress)) \
                    if self.path is not None else None
                self._lockable = self._build_lock is not None
                continue
            self._update(stale, gone, progress)
            updated = True  # read again: another process may have removed what we stored
        raise CannotWrite

    def _show_other_build(self, files: int, progress: Progress | None) -> None:
        """While another process builds: its progress, as the files it has stored."""
        if progress is None:
            return
        with contextlib.suppress(sqlite3.Error):
            stored = self.connection.execute("SELECT count(*) FROM files").fetchone()[0]
            progress(min(stored, files - 1), files)

    def known(self, tasks: Sequence[Task]) -> list[Entry] | None:
        """The entries of ``tasks`` (some of the library's files, just stat'ed) when the
        store holds each one's article as current, and the library was last seen
        settled with no broken file (the listing); None otherwise, or if the database
        cannot be read. Read in the snapshot the run goes on using; writes nothing."""
        connection = self.connection
        try:
            if not connection.in_transaction:
                connection.execute("BEGIN")
            if not listing.clean(connection):
                return None
            found = []
            for task in tasks:
                row = connection.execute(
                    "SELECT size, mtime_ns, inode, ctime_ns, checked_ns, article FROM files"
                    " WHERE name = ?", (as_key(task[1]),)).fetchone()
                if row is None or row[5] is None or not _current(task, row):
                    return None
                found.append(Entry(task[0], row[5], task[2], None))
        except sqlite3.Error:
            return None
        return found

    def _update(self, stale: list[Task], gone: set[bytes], progress: Progress | None) -> None:
        done = 0
        if gone:
            with self._writing():
                for name in sorted(gone):
                    self._forget(name)
        # A build writes all over the postings' index and the full-text index: a
        # larger page cache keeps their pages at hand instead of reading them back
        # from the file, batch after batch; and its log is copied into the database
        # seldom, each page once for many batches.
        if len(stale) > BATCH:
            self.connection.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
            self.connection.execute(f"PRAGMA wal_autocheckpoint = {BUILD_CHECKPOINT_PAGES}")
        try:
            # Each file is stored as soon as it is parsed (the workers go on parsing the
            # next ones), in transactions of about BATCH files: the store does not wait
            # idle for a whole batch first, nor is it left alone with the last one.
            parsed_files = iter(self._parsed(stale))
            for first in parsed_files:
                with self._writing():
                    self._store(first)
                    done += 1
                    stored = 1
                    for parsed in parsed_files:
                        article = self._store(parsed)
                        done += 1
                        stored += 1
                        if stored >= 2 * BATCH or (stored >= BATCH and _ends_chunk(article)):
                            break
                if progress is not None:
                    progress(done, len(stale))
        finally:
            if len(stale) > BATCH:
                self.connection.execute("PRAGMA cache_size = -2000")  # SQLite's defaults
                self.connection.execute("PRAGMA wal_autocheckpoint = 1000")

    def _parsed(self, stale: list[Task]) -> Generator[Parsed, None, None]:
        """Each stale file parsed: across the cores for many files (the order kept)."""
        with_share = not self._in_memory
        workers = _cores()
        if len(stale) < POOL_MINIMUM or workers < 2:
            yield from (parse_file(task, with_share=with_share) for task in stale)
            return
        import multiprocessing
        import threading

        # Imported once here, before the workers are forked, instead of once in each.
        from ..articles.loader import load_article  # noqa: F401
        from ..qa.index import unit_terms  # noqa: F401

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        context = multiprocessing.get_context(method)
        # The workers parse faster than one process stores (on a large library), so
        # at most IN_FLIGHT files are handed out ahead of the store: otherwise parsed
        # files pile up in memory (1.1 GB at 100,000 articles).
        window = threading.Semaphore(IN_FLIGHT)
        stopped = False

        def handed_out() -> Iterator[Task]:
            for task in stale:
                window.acquire()
                if stopped:
                    return
                yield task

        with _pool_class()(workers, initializer=_start_worker, context=context) as pool:
            worker = parse_file if with_share else _parse_without_share
            try:
                for parsed in pool.imap(worker, handed_out(), chunksize=8):
                    window.release()
                    yield parsed
            finally:  # the pool's feeding thread must not wait for ever on a stop
                stopped = True
                for _ in range(IN_FLIGHT):
                    window.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """One write transaction; CannotWrite if it cannot be had or committed."""
        connection = self.connection
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise CannotWrite from error
        try:
            listing.forget(connection)
            # Postings rows exist only in the chunks of the articles stored before.
            self._last_chunk = connection.execute(
                "SELECT coalesce(max(id), 0) FROM articles").fetchone()[0] >> CHUNK_SHIFT
            yield
            self._flush()
            connection.execute("COMMIT")
            self.wrote = True
        except BaseException:
            self._changes = _Changes()
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise

    def _store(self, parsed: Parsed) -> int | None:
        """Store a parsed file; the number of its article, if it has one."""
        execute = self.connection.execute
        name, article_id = as_key(parsed.name), as_key(parsed.article_id)
        row = execute("SELECT checked_ns, article FROM files WHERE name = ?", (name,)).fetchone()
        if row is not None and row[0] > parsed.checked_ns:
            return None  # another process looked at the file after we did
        old = row[1] if row is not None else None
        article = None
        if parsed.record is not None:
            record = parsed.record
            fields = (article_id, record.data, record.title, record.published,
                      record.newest, record.category, int(parsed.share is not None))
            if old is not None:
                same = execute("SELECT name = ? AND data = ? FROM articles WHERE id = ?",
                               (article_id, record.data, old)).fetchone()
                if same is not None and same[0]:
                    article = old  # the same article (a file touched, or just settled)
                else:
                    self._drop(old, keep=True)
                    execute("UPDATE articles SET name = ?, data = ?, title = ?, published = ?,"
                            " newest = ?, category = ?, indexed = ? WHERE id = ?", (*fields, old))
                    article = old
                    self._add(article, parsed.share)
            else:
                article = execute("INSERT INTO articles(name, data, title, published, newest,"
                                  " category, indexed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                  fields).lastrowid
                self._add(article, parsed.share)
        elif old is not None:
            self._drop(old, keep=False)
        execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (name, *parsed.key, parsed.checked_ns, article, parsed.problems))
        return article

    def _forget(self, name: bytes) -> None:
        row = self.connection.execute("SELECT article FROM files WHERE name = ?",
                                      (name,)).fetchone()
        if row is not None and row[0] is not None:
            self._drop(row[0], keep=False)
        self.connection.execute("DELETE FROM files WHERE name = ?", (name,))

    def _add(self, article: int | None, share: Share | None) -> None:
        if article is None or share is None:
            return
        execute = self.connection.execute
        self._changes.share(article, share, +1)
        execute("INSERT OR REPLACE INTO units VALUES (?, ?)", (article, share.units))
        self.connection.executemany("INSERT INTO acronyms VALUES (?, ?, ?)", [
            (initials, article, " ".join(stems)) for initials, stems in share.acronyms.items()])
        self.connection.executemany(
            "INSERT INTO pieces(rowid, stems, part, heading, question, text)"
            " VALUES (?, ?, ?, ?, ?, ?)", [(article << SHIFT | number, *piece)
                                          for number, piece in enumerate(share.pieces)])

    def _drop(self, article: int, *, keep: bool) -> None:
        """Take away an article's rows (and its record unless ``keep``)."""
        execute = self.connection.execute
        row = execute("SELECT name, data, indexed FROM articles WHERE id = ?",
                      (article,)).fetchone()
        if row is not None and row[2]:
            try:
                share = share_of(article_from(row[1], from_key(row[0])))
            except (TypeError, KeyError, ValueError, RecursionError) as error:
                raise StoreDamaged(str(self.path)) from error
            self._changes.share(article, share, -1)
        for table in ("units", "acronyms", "keypoints"):
            execute(f"DELETE FROM {table} WHERE article = ?", (article,))
        for table in ("pieces", "meanings", "deep_meanings"):
            execute(f"DELETE FROM {table} WHERE rowid BETWEEN ? AND ?",
                    (article << SHIFT, article << SHIFT | MASK))
        if not keep:
            execute("DELETE FROM articles WHERE id = ?", (article,))

    def _flush(self) -> None:
        """Write what the batch changed in the rows articles share."""
        changes, self._changes = self._changes, _Changes()
        execute = self.connection.execute
        # The chunks no stored article is in, added to in order (a cold build's): their
        # rows are new, written as they are without being looked up one by one.
        fresh = {chunk for chunk in changes.added if chunk > self._last_chunk
                 and chunk not in changes.removed} if changes.ascending else set()
        written = [(word_stem, chunk, postings.tobytes()) for chunk in fresh
                   for word_stem, postings in changes.added[chunk].items()]
        keys = {(word_stem, chunk) for changed in (changes.added, changes.removed)
                for chunk, by_stem in changed.items() if chunk not in fresh
                for word_stem in by_stem}
        for key in keys:
            word_stem, chunk = key
            row = execute("SELECT data FROM postings WHERE stem = ? AND chunk = ?",
                          key).fetchone() if chunk <= self._last_chunk else None
            new = changes.added.get(chunk, {}).get(word_stem, array("I"))
            if row is None and new and changes.ascending:  # a new row, as a cold build makes
                written.append((*key, new.tobytes()))
                continue
            numbers = numbers_of(row[0]) if row is not None else array("I")
            dropped = changes.removed.get(chunk, {}).get(word_stem, set())
            entries = [tuple(numbers[start:start + 4]) for start in range(0, len(numbers), 4)
                       if numbers[start] not in dropped]
            entries += [tuple(new[start:start + 4]) for start in range(0, len(new), 4)]
            if entries:
                entries.sort()
                written.append((*key, array("I", [number for entry in entries
                                                  for number in entry]).tobytes()))
            elif row is not None:
                execute("DELETE FROM postings WHERE stem = ? AND chunk = ?", key)
        self.connection.executemany(
            "INSERT OR REPLACE INTO postings(stem, chunk, data) VALUES (?, ?, ?)", written)
        stem_units = changes.stem_units()
        self.connection.executemany(
            "INSERT INTO stems VALUES (?, ?) ON CONFLICT(stem) DO UPDATE SET units = units + "
            "excluded.units", [item for item in stem_units.items() if item[1]])
        self.connection.executemany(
            "INSERT INTO words VALUES (?, ?, ?) ON CONFLICT(word) DO UPDATE SET uses = uses + "
            "excluded.uses", [(word, changes.words[word], uses)
                              for word, uses in changes.uses.items() if uses])
        if any(uses < 0 for uses in changes.uses.values()):
            execute("DELETE FROM words WHERE uses <= 0")
        if any(units < 0 for units in stem_units.values()):
            execute("DELETE FROM stems WHERE units <= 0")
        self.connection.executemany(
            "INSERT INTO totals VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + "
            "excluded.value", [item for item in zip(TOTALS, changes.totals, strict=True)
                               if item[1]])

    def ensure_indexed(self) -> None:
        """Index the articles stored without their share (in memory, the index is
        made only when a command needs it; on disk, always with the article)."""
        if self.path is not None:
            return
        rows = self.connection.execute(
            "SELECT id, name, data FROM articles WHERE indexed = 0").fetchall()
        if not rows:
            return
        with self._writing():
            for article, name, data in rows:
                self._add(article, share_of(article_from(data, from_key(name))))
            self.connection.execute("UPDATE articles SET indexed = 1 WHERE indexed = 0")

    # --- reading --------------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[Any]:
        """Rows of a query; a damaged database is StoreDamaged (and moved aside)."""
        try:
            return self.connection.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            if self.path is not None and type(error) is sqlite3.DatabaseError:
                move_aside(self.path)
            raise StoreDamaged(str(self.path)) from error

    def totals(self) -> dict[str, int]:
        found = {str(name): int(value)
                 for name, value in self.query("SELECT name, value FROM totals")}
        found["words"] = int(self.query("SELECT count(*) FROM words")[0][0])
        return {name: found.get(name, 0) for name in (*TOTALS, "words")}

    def key_points(self, article: int) -> tuple[str, ...] | None:
        rows = self.query("SELECT points FROM keypoints WHERE article = ?", (article,))
        with contextlib.suppress(TypeError, ValueError, RecursionError):
            points = json.loads(str(rows[0][0])) if rows else None
            if type(points) is list and all(type(point) is str for point in points):
                return tuple(points)
        return None

    def save_key_points(self, article: int, points: Sequence[str]) -> None:
        """Keep generated key points; skipped when the store cannot be written now."""
        self._keep("INSERT OR REPLACE INTO keypoints VALUES (?, ?)",
                   [(article, json.dumps(list(points)))])

    def meanings(self, digests: dict[int, int]) -> dict[int, Meanings]:
        """The kept meaning vectors of the units (store numbers) that have them, for
        the text whose digest is given."""
        return {unit: (_vector(text), _vector(question)) for unit, (text, question)
                in self._kept_vectors("meanings", "text, question", "d", digests).items()
                if all(_is_unit(vector) for vector in (text, question) if vector)}

    def save_meanings(self, found: dict[int, Meanings], digests: dict[int, int]) -> None:
        """Keep units' meaning vectors; skipped when the store cannot be written now."""
        self._keep("INSERT OR REPLACE INTO meanings VALUES (?, ?, ?, ?)",
                   [(unit, digests[unit], *(_data("d", vector) for vector in vectors))
                    for unit, vectors in found.items()])

    def deep_meanings(self, digests: dict[int, int]) -> dict[int, DeepMeanings]:
        """As ``meanings``, of the sentence encoder."""
        found: dict[int, DeepMeanings] = {}
        for unit, (whole, question, parts) in self._kept_vectors(
                "deep_meanings", "whole, question, parts", "f", digests).items():
            size = len(whole)
            if not size and not question and not parts:  # a text the encoder has no piece of
                found[unit] = (None, None, ())
            elif size and not len(parts) % size and len(question) in (0, size):
                chunks = [parts[start:start + size] for start in range(0, len(parts), size)]
                if all(_is_unit(vector) for vector in (whole, question, *chunks) if vector):
                    found[unit] = (_vector(whole), _vector(question), tuple(map(tuple, chunks)))
        return found

    def save_deep_meanings(self, found: dict[int, DeepMeanings],
                           digests: dict[int, int]) -> None:
        """Keep units' encoder vectors; skipped when the store cannot be written now."""
        self._keep("INSERT OR REPLACE INTO deep_meanings VALUES (?, ?, ?, ?, ?)",
                   [(unit, digests[unit], _data("f", whole), _data("f", question),
                     b"".join(_data("f", part) for part in parts))
                    for unit, (whole, question, parts) in found.items()])

    def _kept_vectors(self, table: str, columns: str, typecode: str,
                      digests: dict[int, int]) -> dict[int, list[array[float]]]:
        """The rows of ``table`` kept for the units' texts (by digest), as arrays."""
        marks = ",".join("?" * len(digests))
        size = array(typecode).itemsize
        found: dict[int, list[array[float]]] = {}
        for unit, digest, *columns_found in self.query(
                f"SELECT unit, digest, {columns} FROM {table} WHERE unit IN ({marks})",
                list(digests)):
            # Another text's vectors, or a row this store does not write: made again.
            if digests.get(unit) == digest and all(
                    isinstance(data, bytes) and not len(data) % size for data in columns_found):
                found[int(unit)] = [array(typecode, data) for data in columns_found]
        return found

    def _keep(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """Write what a reading command made (key points, meanings) so the next run need
        not: best effort, as it is a cache of a cache."""
        connection = self.connection if self.path is None else None
        try:
            if connection is None:
                connection = sqlite3.connect(self.path or ":memory:", timeout=1,
                                             isolation_level=None)
            began = not connection.in_transaction
            if began:
                connection.execute("BEGIN IMMEDIATE")
            connection.executemany(sql, rows)
            if began:
                connection.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                if connection is not None and connection.in_transaction:
                    connection.execute("ROLLBACK")
        finally:
            if connection is not None and connection is not self.connection:
                connection.close()


def _is_unit(values: Sequence[float]) -> bool:
    """Of length 1 (so finite: NaN compares false): a flipped bit or a forged row is
    made again, not believed."""
    return bool(abs(sum(map(mul, values, values)) - 1.0) < 1e-3)


def _vector(values: array[float]) -> tuple[float, ...] | None:
    return tuple(values) if values else None


def _data(typecode: str, vector: Sequence[float] | None) -> bytes:
    return b"" if vector is None else array(typecode, vector).tobytes()


def as_key(name: str) -> bytes:
    """A file name or article id as the store keeps it: bytes, as a name that is not
    UTF-8 (kept by Python as surrogates) cannot be SQLite text."""
    return name.encode("utf-8", "surrogateescape")


def from_key(key: object) -> str:
    return key.decode("utf-8", "surrogateescape") if isinstance(key, bytes) else str(key)


def _current(task: Task, row: tuple[int, ...] | None) -> bool:
    """The stored verdict on the file still holds: the same key, taken when the file
    had already settled."""
    return row is not None and tuple(row[:4]) == task[3] and task[3][1] < row[4] - RACY_NS


def _ends_chunk(article: int | None) -> bool:
    """The article is the last of its chunk: a batch that ends with it leaves the
    next batch new postings rows to write, instead of rows to read back and merge."""
    return article is not None and (article + 1) >> CHUNK_SHIFT != article >> CHUNK_SHIFT


def numbers_of(data: object, group: int = 4) -> array[int]:
    """A stored array of numbers (``group`` for each item: four for a posting); empty
    if it is not one."""
    numbers = array("I")
    if isinstance(data, bytes) and len(data) % (group * numbers.itemsize) == 0:
        numbers.frombytes(data)
    return numbers


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _pool_class() -> type:
    """multiprocessing's Pool, but for the thread that keeps its workers running,
    which waits on the results pipe as well (Python 3.8 to 3.13 at least): it wakes
    and spins whenever a result waits unread, i.e. whenever the main process is busy
    storing, for 6 to 8% of a 10,000-file build's processor time on two cores, taken
    from the workers and the store. It needs to wake only when a worker exits or
    the pool's work is done, as in ThreadPool."""
    from multiprocessing.pool import Pool

    class _Pool(Pool):
        def _get_sentinels(self) -> list[object]:
            notifier = getattr(self, "_change_notifier", None)
            if notifier is None:  # a Python whose Pool is built otherwise: as it is
                found: list[object] = super()._get_sentinels()  # type: ignore[misc]
                return found
            return [notifier._reader]

    return _Pool


def _start_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops them. They collect
    garbage seldom (about 5% faster): what they inherit is frozen, and parsing makes
    many objects but no cycles, so frequent collections would only walk the caches."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _parse_without_share(task: Task) -> Parsed:
    return parse_file(task, with_share=False)


def _prepare(connection: sqlite3.Connection, owner: str) -> str | None:
    """Make ``connection``'s database ready: created if empty, emptied if made by
    another version. Returns why it cannot be used (another program's, another
    library's), or None."""
    execute = connection.execute
    execute("PRAGMA synchronous = NORMAL")
    application = execute("PRAGMA application_id").fetchone()[0]
    if application not in (0, APPLICATION_ID):
        return "not an articlecli cache"
    if application == 0:
        if execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            return "not an articlecli cache"
        execute(f"PRAGMA page_size = {PAGE_SIZE}")  # only while the file is empty
        execute("PRAGMA journal_mode = WAL")
    meta = dict(execute("SELECT key, value FROM meta").fetchall()) if application else {}
    if application and meta.get("owner") != owner:
        return "made for another library"
    if meta.get("code") == code_version() and \
            execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return None
    execute("BEGIN IMMEDIATE")
    try:
        _reset(connection, owner)
        execute("COMMIT")
    except BaseException:
        execute("ROLLBACK")
        raise
    return None


def _reset(connection: sqlite3.Connection, owner: str) -> None:
    """Empty the database and lay out the tables (in the caller's transaction)."""
    execute = connection.execute
    meta = execute("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").fetchone()[0]
    if meta and dict(execute("SELECT key, value FROM meta").fetchall()).get("code") == \
            code_version() and execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return  # another process laid it out while this one waited
    names = [name for name, in execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name NOT LIKE 'pieces_%'")]
    for name in names:
        execute(f'DROP TABLE "{name}"')
    for statement in _SCHEMA:
        execute(statement)
    execute(f"PRAGMA application_id = {APPLICATION_ID}")
    execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.executemany("INSERT INTO meta VALUES (?, ?)",
                           [("owner", owner), ("code", code_version())])


def _not_a_plain_file(path: Path) -> str | None:
    """Why the database (or its WAL files) must not be opened: a link, a FIFO, a
    device or a folder would make SQLite follow it, wait or fail."""
    for candidate in (path, path.with_name(path.name + "-wal"),
                      path.with_name(path.name + "-shm")):
        try:
            status = candidate.lstat()
        except FileNotFoundError:
            continue
        except OSError as error:
            return error.strerror or str(error)
        if not stat.S_ISREG(status.st_mode):
            return f"{candidate.name} is not a regular file"
    return None


def move_aside(path: Path) -> bool:
    """Rename the database (and its WAL files) out of the way; False if it cannot be."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = False
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            try:
                source.rename(path.with_name(f"{path.name}{ASIDE}{stamp}-{os.getpid()}{suffix}"))
                moved = moved or suffix == ""
            except OSError:
                if suffix == "":
                    return False
    return moved or not path.exists()


def database_files(folder: Path) -> list[Path]:
    """The store's databases in ``folder`` (and those moved aside)."""
    try:
        return sorted(path for path in folder.iterdir()
                      if path.name.endswith(SUFFIX) or f"{SUFFIX}{ASIDE}" in path.name)
    except OSError:
        return []
