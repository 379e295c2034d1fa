"""Finding articles: the bundled one, one file, or a folder of them (a library),
through the store (db.py), which reads only the rows a command needs."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from operator import add, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, overload

from ..articles.paths import (
    ARTICLE_SUFFIXES,
    article_ids,
    file_key,
    find_articles,
    id_stem,
    prefix_of,
)
from ..articles.paths import Found as FoundFiles
from ..errors import (
    AmbiguousArticle,
    AmbiguousLibrary,
    ArticleNotFound,
    BrokenArticle,
    DataError,
    NoArticleFiles,
    NoSuchPath,
    Problem,
    StoreDamaged,
)
from ..model import Article
from . import listing
from .contrib import article_from, load, problems_from_json, record_of
from .db import CannotWrite, Entry, Progress, Store, Task, as_key, move_aside
from .location import cache_dir, cache_enabled, database_name, library_owner
from .lookahead import Lookahead, Verdict, Walked
from .lookahead import possible as lookahead_possible

if TYPE_CHECKING:
    from ..qa.index import Index
    from .fulltext import Found

DATA_VARIABLE = "ARTICLECLI_DATA"


# Files that are articles only once imported (text layout, web pages, Markdown, feeds).
IMPORTABLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss",
                                 ".atom"})


def bundled_article_path() -> Path:
    """The article shipped in the wheel, or ``data/article.yaml`` in a source checkout."""
    packaged = Path(__file__).parents[1] / "data" / "article.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "article.yaml"


def data_path(option: Path | None) -> Path:
    """``--data``, else $ARTICLECLI_DATA, else the bundled article."""
    if option is not None:
        return option
    from_environment = os.environ.get(DATA_VARIABLE)
    return Path(from_environment) if from_environment else bundled_article_path()


@dataclass(frozen=True)
class Library:
    """The articles of a library, in library order, and the files that were skipped.
    ``notices`` are warnings about the store itself (a database moved aside)."""

    store: Store = field(repr=False, compare=False)
    entries: tuple[Entry, ...] = field(repr=False)  # the articles' files, in library order
    skipped: tuple[Problem, ...] = ()
    notices: tuple[str, ...] = ()
    # The ids that the start of an id stood for (-a wind -> windfarm), asked -> found: a
    # script naming a removed article should hear which one it got instead.
    expanded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # The articles whose files have errors, by id: each file's problems.
    broken: dict[str, tuple[Problem, ...]] = field(default_factory=dict, repr=False,
                                                   compare=False)
    # The walk of the folder still running beside this run (lookahead.py), if any.
    pending: Lookahead | None = field(default=None, repr=False, compare=False)
    _read: dict[int, Article] = field(default_factory=dict, repr=False, compare=False)
    _entry_of: dict[int, Entry] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, articles: Sequence[Article]) -> Library:
        """A library of articles already in hand (from standard input), kept in memory."""
        store = Store.memory()
        entries = []
        for article in articles:
            record = record_of(article)
            number = store.connection.execute(
                "INSERT INTO articles(name, data, title, published, newest, category, indexed)"
                " VALUES (?, ?, ?, ?, ?, ?, 0)", (as_key(article.id), record.data, record.title,
                                                  record.published, record.newest,
                                                  record.category)).lastrowid
            entries.append(Entry(article.id, number, article.id, None))
        return cls(store, tuple(entries))

    def close(self) -> None:
        if self.pending is not None:
            self.pending.abandon()
        with contextlib.suppress(sqlite3.Error):
            self.store.connection.close()

    def verdict(self) -> Verdict:
        """Whether the folder is as this library has it: always, unless it came from
        the store while the folder was still being walked (``open_library``'s
        ``lookahead``); waits for that walk."""
        if self.pending is None:
            return Verdict(same=True)
        return self.pending.verdict()

    @property
    def articles(self) -> Sequence[Article]:
        """Every article, each read from the store when it is used."""
        return _Articles(self)

    @property
    def ids(self) -> list[str]:
        return [entry.article_id for entry in self.entries]

    def get(self, article_id: str) -> Article:
        """The article ``article_id`` names: its id, or the start of one id only (as
        git takes the start of a commit's hash)."""
        return self._article(self._entry(article_id))

    def _entry(self, article_id: str) -> Entry:
        for entry in self.entries:
            if entry.article_id == article_id:
                return entry
        self._refuse_broken(article_id)
        if not article_id:
            raise ArticleNotFound(article_id, self.ids)
        starting = [entry for entry in self.entries if entry.article_id.startswith(article_id)]
        broken = [known for known in self.broken if known.startswith(article_id)]
        if len(starting) + len(broken) > 1:
            raise AmbiguousArticle(article_id, sorted(
                [*(entry.article_id for entry in starting), *broken]))
        if broken:
            self._refuse_broken(broken[0])
        if starting:
            self.expanded[article_id] = starting[0].article_id
            return starting[0]
        raise ArticleNotFound(article_id, self.ids)

    def _refuse_broken(self, article_id: str) -> None:
        problems = self.broken.get(article_id)
        if problems:
            raise BrokenArticle(article_id, problems[0], len(problems))

    def only(self, article_id: str | None) -> Article:
        """The article a single-article command works on."""
        if article_id is not None:
            return self.get(article_id)
        if len(self.entries) == 1:
            return self._article(self.entries[0])
        raise AmbiguousLibrary(self.ids)

    def select(self, article_id: str | None) -> Sequence[Article]:
        """Every article, or just the one ``--article`` names."""
        return (self.get(article_id),) if article_id is not None else self.articles

    def catalogue(self) -> list[dict[str, str | None]]:
        """``list``: one entry per article, newest first (ties by id), from the rows
        that hold only what it shows."""
        rows = {int(number): (str(title), str(published), str(newest),
                              None if category is None else str(category))
                for number, title, published, newest, category in self.store.query(
                    "SELECT id, title, published, newest, category FROM articles")}
        entries = []
        for entry in self.entries:
            title, published, newest, category = rows[entry.article or 0]
            entries.append((newest, {"id": entry.article_id, "title": title,
                                     "published": published, "category": category}))
        return _newest_first(entries)

    def key_points(self, article: Article) -> tuple[str, ...]:
        """Key points drawn from the text of ``article`` (one of these), for when it has
        no written takeaways: kept in the store until its file changes."""
        number = self._number(article)
        found = self.store.key_points(number) if number is not None else None
        if found is not None:
            return found
        from ..qa.keypoints import key_points

        points = key_points(article)
        if number is not None:
            self.store.save_key_points(number, points)
        return points

    def index(self, article_id: str | None = None) -> Index:
        """The ``ask`` index of every article (from the store), or of the one named."""
        if article_id is not None:
            from ..qa.index import build_index

            return build_index((self.get(article_id),))
        from .stored_index import StoredIndex

        self.store.ensure_indexed()
        return StoredIndex(self.store, self.ids, self._by_number)

    def search(self, terms: Sequence[str], article_id: str | None = None,
               top: int | None = None) -> Found:
        """``search``: the pieces that hold every term, in the ``top`` best articles
        (all if None), and how many articles hold them (fulltext.py)."""
        from .fulltext import find

        only = None if article_id is None else self._entry(article_id).article
        self.store.ensure_indexed()
        order = self._order()
        return find(self.store, terms, only, order,
                    lambda number: self.entries[order[number]].article_id, self._by_number,
                    top)

    def _order(self) -> dict[int, int]:
        return {entry.article: place for place, entry in enumerate(self.entries)
                if entry.article is not None}

    def _number(self, article: Article) -> int | None:
        return next((number for number, known in self._read.items() if known is article), None)

    def _by_number(self, number: int) -> Article:
        if not self._entry_of:
            self._entry_of.update((entry.article, entry) for entry in self.entries
                                  if entry.article is not None)
        entry = self._entry_of.get(number)
        if entry is None:
            raise StoreDamaged(str(self.store.path))
        return self._article(entry)

    def _article(self, entry: Entry) -> Article:
        number = entry.article
        assert number is not None
        found = self._read.get(number)
        if found is None:
            rows = self.store.query("SELECT data FROM articles WHERE id = ?", (number,))
            try:
                found = article_from(str(rows[0][0]), entry.article_id)
            except (IndexError, TypeError, KeyError, ValueError, RecursionError):
                found = load(Path(entry.path), entry.article_id)  # a forged record: the file
            self._read[number] = found
        return found


class _Articles(Sequence[Article]):
    def __init__(self, library: Library) -> None:
        self._library = library

    def __len__(self) -> int:
        return len(self._library.entries)

    @overload
    def __getitem__(self, position: int) -> Article: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Article]: ...
    def __getitem__(self, position: int | slice) -> Article | Sequence[Article]:
        if isinstance(position, slice):
            return [self[number] for number in range(len(self))[position]]
        return self._library._article(self._library.entries[position])

    def __iter__(self) -> Iterator[Article]:
        return (self[position] for position in range(len(self)))


def catalogue(articles: Sequence[Article]) -> list[dict[str, str | None]]:
    """One entry per article for ``list``, newest first (ties by id)."""
    return _newest_first([(record_of(article).newest, {
        "id": article.id, "title": article.title, "published": article.published.isoformat(),
        "category": article.category}) for article in articles])


def _newest_first(entries: list[tuple[str, dict[str, str | None]]]
                  ) -> list[dict[str, str | None]]:
    """Entries by their sortable time (record_of's ``newest``), newest first, ties by id."""
    by_id = sorted(entries, key=lambda entry: str(entry[1]["id"]))
    return [entry for _, entry in sorted(by_id, key=lambda entry: entry[0], reverse=True)]


def open_library(path: Path, *, use_cache: bool = True, progress: Progress | None = None,
                 article: str | None = None, lookahead: bool = False,
                 walked: Walked | None = None) -> Library:
    """The articles at ``path``: one file, or every article file below a folder.

    In a folder, a broken file is skipped (and reported in ``skipped``) so the
    rest still work; a single broken file is a DataError. Articles come from the
    store, which parses only the files that changed since it last looked.

    For a command on one ``article`` of a folder, the library may hold just that
    article: when the store knows its file and that file alone, stat'ed, shows that
    nothing changed (``_one_article``). Otherwise the whole folder is looked at, so
    the answer is always the one the whole library gives.
    """
    notices: list[str] = []
    if path.is_dir() and article is not None and use_cache:
        found_one = _one_article(path, article, notices)
        if found_one is not None:
            return found_one
    if path.is_dir() and lookahead and walked is None and use_cache:
        ahead = _looked_ahead(path, notices)
        if ahead is not None:
            return ahead
    if path.is_dir():
        # Taken before any file is looked at, so a file is never trusted to the store
        # sooner than its own check would allow (see db.RACY_NS).
        checked = time.time_ns() if walked is None else walked.checked
        found = find_articles(path) if walked is None else walked.found(path)
        if not found.paths:
            if found.problems:  # an unreadable folder, a link out of the library
                raise DataError(found.problems)
            raise NoArticleFiles(str(path))
        tasks, problems = _tasks(found, checked), found.problems
    elif not path.exists():
        raise NoSuchPath(str(path))
    else:
        tasks, problems = [_task(str(path), path.name, id_stem(path.name))], []
    library = _stored(path, tasks, use_cache, progress, notices)
    broken = None in map(itemgetter(1), library.entries)  # an entry without an article
    failed = [entry for entry in library.entries if entry.article is None] if broken else []
    errors = [_problems(entry) for entry in failed]
    if path.is_dir():
        usable = tuple(entry for entry in library.entries
                       if entry.article is not None) if broken else library.entries
        skipped = (*problems, *(error.problems[0] for error in errors))
        if not usable:
            raise DataError(list(skipped))
        return replace(library, entries=usable, skipped=skipped,
                       broken={entry.article_id: tuple(error.problems)
                               for entry, error in zip(failed, errors, strict=True)})
    if errors and path.suffix.lower() in IMPORTABLE_SUFFIXES:
        first, *rest = errors[0].problems
        hint = replace(first, message=f"{first.message} (not an article file; "
                       f"import it first: 'articlecli import {path} -o ARTICLE.yaml')")
        raise DataError([hint, *rest])
    if errors:
        raise errors[0]
    return library


def _tasks(found: FoundFiles, checked: int) -> list[Task]:
    """The files a walk found, to be brought up to date."""
    # Names and ids by string operations, as this runs for every file on every start.
    names = found.names
    if os.sep != "/":
        names = [name.replace(os.sep, "/") for name in names]
    return list(zip(found.paths, names, article_ids(names), found.keys, repeat(checked)))


def _task(path: str, name: str, article: str) -> Task:
    checked = time.time_ns()
    try:
        status = os.stat(path)  # noqa: PTH116 - fast, for every file on every start
        key = file_key(status)
    except OSError:
        key = (-1, -1, -1, -1)  # gone or unreadable: parsing says why
    return (path, name, article, key, checked)


def _stored(root: Path, tasks: list[Task], use_cache: bool, progress: Progress | None,
            notices: list[str]) -> Library:
    """The library's entries from its database, brought up to date; in memory when
    the cache is off or cannot be written."""
    folder = cache_dir() if use_cache and cache_enabled() else None
    for _ in range(2 if folder is not None else 0):
        assert folder is not None
        owner = library_owner(root)
        store = Store.on_disk(folder, database_name(owner), owner, notices)
        if store is None:
            break
        try:
            entries = store.sync(tasks, progress)
        except BaseException as error:
            store.connection.close()
            if not isinstance(error, (CannotWrite, StoreDamaged)):
                raise
            if isinstance(error, CannotWrite):
                break
            if store.path is None or not move_aside(store.path):
                break
            notices.append(f"the cache {store.path} was damaged; it was moved aside and is "
                           "being rebuilt")
            continue
        store.touch()
        if store.wrote and store.path is not None:
            from .maintenance import prune

            prune(folder, keep=store.path)
        return Library(store, tuple(entries), notices=tuple(notices))
    store = Store.memory()
    return Library(store, tuple(store.sync(tasks, progress)), notices=tuple(notices))


def _one_article(root: Path, article_id: str, notices: list[str]) -> Library | None:
    """The library at ``root`` as just the article ``article_id``, without walking
    the folder; None unless the whole library would give the same article:

    - the file the id names is there (``ID.yaml`` or ``ID.yml``, one of them: ids come
      from paths, so no other file can claim the id), a regular file and not a link,
      in folders that are real and readable (the walk follows no links to folders);
    - the store holds its article, with the key the file has now, settled;
    - the library was last seen settled with no broken file (the listing), so the
      warnings the whole library gives are none, as far as the store knows.

    A broken file added since is reported by the next command that reads the whole
    library. Nothing is written, and no database is made (the whole library makes it).
    """
    task = _article_file(root, article_id)
    store = _existing_store(root, notices) if task is not None else None
    if store is None or task is None:
        return None
    entries = store.known([task])
    if entries is None:
        store.connection.close()
        return None
    store.touch()
    return Library(store, tuple(entries), notices=tuple(notices))


def _looked_ahead(root: Path, notices: list[str]) -> Library | None:
    """The library as the store last saw it, settled and with no broken file, with a
    walk of the folder started beside this run to check it (lookahead.py); None if
    there is no such library in the store, or no second core to walk on."""
    store = _existing_store(root, notices) if lookahead_possible() else None
    if store is None:
        return None
    entries, pending = None, None
    try:  # on a database error, the walk-first path says what is wrong, if anything
        with contextlib.suppress(sqlite3.Error):
            if not store.connection.in_transaction:
                store.connection.execute("BEGIN")  # the snapshot the run goes on reading
            signed = listing.settled(store.connection)
            pending = Lookahead.start(root, signed) if signed is not None else None
            if signed is not None and pending is not None:
                names = listing.names_of(signed[0])  # paths below the folder (POSIX: fork)
                paths = list(map(add, repeat(prefix_of(str(root))), names))
                entries = listing.entries(store.connection, paths, article_ids(names), signed)
    finally:
        if entries is None:
            if pending is not None:
                pending.abandon()
            store.connection.close()
    if entries is None:
        return None
    store.touch()
    return Library(store, tuple(entries), notices=tuple(notices), pending=pending)


def _existing_store(root: Path, notices: list[str]) -> Store | None:
    """The library's database, if the cache is on and it was made already."""
    folder = cache_dir() if cache_enabled() else None
    if folder is None:
        return None
    owner = library_owner(root)
    name = database_name(owner)
    if not (folder / name).is_file():
        return None
    return Store.on_disk(folder, name, owner, notices)


def _article_file(root: Path, article_id: str) -> Task | None:
    """The file the walk would find for ``article_id`` (paths.find_articles), stat'ed
    as it would be; None if it is not the one file of that id, or the walk would not
    take it."""
    checked = time.time_ns()
    parts = article_id.split("/")
    if any(not part or part.startswith(".") for part in parts):
        return None  # not an id a walk gives (hidden, empty, or '..')
    if article_id.endswith(ARTICLE_SUFFIXES):
        return None  # an id that kept its suffix (paths.article_ids): the whole library
    try:
        folder = str(root)
        for part in (None, *parts[:-1]):
            if part is not None:
                folder = os.path.join(folder, part)  # noqa: PTH118 - as the walk names it
                if not stat.S_ISDIR(os.lstat(folder).st_mode):
                    return None
            if not os.access(folder, os.R_OK | os.X_OK):
                return None
        found = []
        for suffix in ARTICLE_SUFFIXES:
            file = os.path.join(folder, parts[-1] + suffix)  # noqa: PTH118
            with contextlib.suppress(FileNotFoundError):
                found.append((file, suffix, os.lstat(file)))
    except (OSError, ValueError):  # unreadable, or a name no file can have
        return None
    if len(found) != 1 or not stat.S_ISREG(found[0][2].st_mode):
        return None
    file, suffix, status = found[0]
    return (file, article_id + suffix, article_id, file_key(status), checked)


def _problems(entry: Entry) -> DataError:
    """A broken file's problems, as stored (or, if the store's are not valid, found again)."""
    error = problems_from_json(entry.problems or "", entry.path)
    if error is not None:
        return error
    try:
        load(Path(entry.path), entry.article_id)
    except DataError as found:
        return found
    return DataError([Problem(entry.path, 1, 1, "changed while it was read; try again")])
