"""A cache of parsed articles and of the ``ask`` index, so that a library of a
thousand articles opens about as fast as one article.

Each library (a folder, or a single file) has two files under the user cache
directory: its parsed articles, each kept with the key of the file it came from
(its path in the library, size, modification time, inode and change time) and
reparsed only when that changes, and the index ``ask`` searches, kept with the
list of every file's key. A file that is not an article is kept with its
problems, so a library of many broken files is not parsed again on every run. Both are JSON
behind a header with a CRC-32, so the cache can hold data but never code, and a
damaged, forged or hostile file (a FIFO, a link to a device, a sparse file of 40 GB)
is simply a miss: the cache only opens regular files, without following links or
waiting, up to MAX_CACHE_BYTES. Files are written to a temporary name and
renamed, so a reader sees an old file or a new one, never half of one; two
processes that write at once each leave a complete, correct file. Any failure
to read or write the cache falls back to parsing the articles. Temporary files
left by a process that was killed while writing are removed by the next write.

The cache lives in $ARTICLECLI_CACHE_DIR, else $XDG_CACHE_HOME/articlecli, else
~/.cache/articlecli; ARTICLECLI_NO_CACHE=1 (or ``--no-cache``) turns it off. A
relative $XDG_CACHE_HOME is ignored (as the XDG specification says), and with
an empty or relative $HOME there is no cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, overload

from .. import __version__
from ..articles.safeio import read_file
from ..errors import DataError
from ..model import Article
from .cache_format import (
    FileKey,
    article_from_cache,
    article_to_cache,
    dump,
    entry_for,
    index_from_cache,
    index_to_cache,
    is_entry,
    problems_from_cache,
    problems_to_cache,
)

if TYPE_CHECKING:
    from ..qa.index import Index

CACHE_DIR_VARIABLE = "ARTICLECLI_CACHE_DIR"
NO_CACHE_VARIABLE = "ARTICLECLI_NO_CACHE"
# loader.MAX_BYTES_VARIABLE (not imported: loader imports yaml, which a warm run
# never needs). An article parsed under one size limit is not reused under another.
_MAX_BYTES_VARIABLE = "ARTICLECLI_MAX_BYTES"
FORMAT = 2
# The largest cache file read: far more than any real library's (a thousand
# articles take a few MB), far less than a forged sparse file could claim.
MAX_CACHE_BYTES = 1 << 28
# A temporary file of a writer that died (its process is gone, or it is this old).
_TEMPORARY = re.compile(r"^\..+\.(\d{1,12})\.tmp$")
STALE_SECONDS = 600.0
_MAGIC = b"articlecli-cache"
# A file changed this recently may change again within the same modification
# time (file systems keep time in ticks of up to 2 s), so its entry is not trusted.
RACY_SECONDS = 2.0



def cache_enabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path | None:
    """Where the cache goes, or None when there is nowhere sensible."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():
        return xdg / "articlecli"
    home = os.environ.get("HOME")
    if home is not None and not Path(home).is_absolute():
        return None  # an empty or relative $HOME: not a place to write to
    try:  # $HOME, or if it is unset the account's home from the password database
        return Path("~").expanduser() / ".cache" / "articlecli"
    except RuntimeError:
        return None


@dataclass(frozen=True)
class LibraryKey:
    """Which cache files belong to a library, and the state of every file in it."""

    index_file: Path
    files: tuple[FileKey, ...]


@dataclass(frozen=True)
class Loaded:
    """The articles that loaded and the errors of the files that did not; ``key``
    is None when the index of these articles must not be cached (the cache is
    off, or a file changed too recently to be sure of its key)."""

    articles: Articles
    errors: list[DataError]
    key: LibraryKey | None


def load_articles(root: Path, files: Sequence[tuple[Path, str]], *,
                  use_cache: bool = True) -> Loaded:
    """The articles in ``files`` (path and article id), found below ``root``."""
    folder = cache_dir() if use_cache and cache_enabled() else None
    if folder is None:
        results = [_parse(path, article_id) for path, article_id in files]
        return Loaded(Articles([item for item in results if isinstance(item, Article)]),
                      [item for item in results if isinstance(item, DataError)], None)
    owner = [str(root.resolve()), os.environ.get(_MAX_BYTES_VARIABLE, "")]
    store = folder / _store_name(owner[0])
    articles_file = store.with_name(store.name + ".articles")
    cached = _read(articles_file, owner)
    entries: dict[str, Any] = cached if isinstance(cached, dict) else {}
    fresh: dict[str, Any] = {}
    articles: list[Article | _Cached] = []
    errors: list[DataError] = []
    indexed: list[FileKey] = []  # the key of each article, for the index
    trusted = True  # every article's file key is known and settled: the index may be cached
    settled = (time.time() - RACY_SECONDS) * 1e9
    prefix = _prefix(root)
    for path, article_id in files:
        key = _file_key(prefix, path)
        entry = entries.get(key[0]) if key is not None else None
        if key is not None and is_entry(entry, key):
            verdict = cast(list[Any], entry)[-1]
            broken = problems_from_cache(verdict, str(path)) if type(verdict) is list \
                else None
            if broken is not None:
                fresh[key[0]] = entry
                errors.append(broken)
                continue
            if type(verdict) is str:
                fresh[key[0]] = entry
                articles.append(_Cached(verdict, path, article_id))
                indexed.append(key)
                continue
        result = _parse(path, article_id)
        settles = key is not None and key[2] < settled
        if isinstance(result, DataError):
            errors.append(result)
            if key is not None and settles:
                fresh[key[0]] = entry_for(key, problems_to_cache(result))
            continue
        articles.append(result)
        if key is None or not settles:
            trusted = False
            continue
        fresh[key[0]] = entry_for(key, article_to_cache(result))
        indexed.append(key)
    if fresh.keys() != entries.keys() or any(fresh[name] is not entries[name] for name in fresh):
        _write(articles_file, owner, fresh)
    index_key = LibraryKey(store.with_name(store.name + ".index"), tuple(indexed))
    return Loaded(Articles(articles), errors, index_key if trusted else None)


class Articles(Sequence[Article]):
    """A library's articles, those from the cache decoded on first use: ``ask`` on
    a warm cache needs only the index, and ``read -a ID`` only the one article."""

    def __init__(self, entries: list[Article | _Cached]) -> None:
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, position: int) -> Article: ...
    @overload
    def __getitem__(self, position: slice) -> Sequence[Article]: ...
    def __getitem__(self, position: int | slice) -> Article | Sequence[Article]:
        if isinstance(position, slice):
            return [self[number] for number in range(len(self))[position]]
        entry = self._entries[position]
        if isinstance(entry, _Cached):
            entry = self._entries[position] = entry.article()
        return entry

    def __iter__(self) -> Iterator[Article]:
        return (self[position] for position in range(len(self)))


@dataclass(frozen=True)
class _Cached:
    """An article as the cache holds it (JSON text), and the file it came from."""

    data: str
    path: Path
    article_id: str

    def article(self) -> Article:
        try:
            return article_from_cache(json.loads(self.data), self.article_id)
        except Exception:  # a forged entry, of any shape: parse the file
            pass  # (the checksum guards against accidental damage only)
        result = _parse(self.path, self.article_id)
        if isinstance(result, DataError):
            raise result
        return result


def cached_index(key: LibraryKey | None, articles: Sequence[Article]) -> Index:
    """The ``ask`` index of ``articles``, from the cache when ``key`` matches it."""
    from ..qa.index import build_index

    if key is None:
        return build_index(articles)
    cached = _read(key.index_file, key.files)
    index = index_from_cache(cached) if isinstance(cached, dict) else None
    if index is None:
        index = build_index(articles)
        _write(key.index_file, key.files, index_to_cache(index))
    return index


def cached_key_points(key: LibraryKey | None, article: Article) -> tuple[str, ...]:
    """The key points drawn from ``article``'s text (qa/keypoints.py), kept beside the
    library's index for as long as none of its files changes. The extractor (and the
    stemmer and word list under it) is imported only on a miss."""
    if key is None:
        from ..qa.keypoints import key_points

        return key_points(article)
    path = key.index_file.with_name(key.index_file.name.removesuffix(".index") + ".keypoints")
    cached = _read(path, key.files)
    entries: dict[str, Any] = cached if isinstance(cached, dict) else {}
    found = entries.get(article.id)
    if type(found) is list and all(type(point) is str for point in found):
        return tuple(found)
    from ..qa.keypoints import key_points

    points = key_points(article)
    _write(path, key.files, {**entries, article.id: list(points)})
    return points


def _parse(path: Path, article_id: str) -> Article | DataError:
    from ..articles.loader import load_article  # only here: it imports yaml, which a warm run skips

    try:
        return load_article(path, article_id)
    except DataError as error:
        return error


def _store_name(resolved: str) -> str:
    """A file name for a library: readable, and distinct for each resolved path."""
    readable = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(resolved).name)[:40] or "root"
    return f"{readable}-{zlib.crc32(resolved.encode('utf-8', 'surrogateescape')):08x}"


def _prefix(root: Path) -> str | None:
    """What starts the name of every file below ``root`` (None: a single file)."""
    if not root.is_dir():
        return None
    text = str(root)
    return "" if text == "." else text.rstrip(os.sep) + os.sep


def _file_key(prefix: str | None, path: Path) -> FileKey | None:
    try:
        status = path.stat()
    except OSError:
        return None
    # A file below the root is named by its path relative to it (a string operation,
    # as this runs for every file on every start); a single file by its own name.
    full = str(path)
    name = path.name if prefix is None else full[len(prefix):].replace(os.sep, "/")
    return (name, status.st_size, status.st_mtime_ns, status.st_ino, status.st_ctime_ns)


@lru_cache(maxsize=1)
def _code_version() -> str:
    """This program's version and the state of its files (modules, and data such as
    word lists): a changed loader or matcher must not be handed data made by the old one."""
    package = Path(__file__).parents[1]
    parts = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            status = os.stat(os.path.join(folder, name))  # noqa: PTH118, PTH116 - fast on every start
            parts.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return f"{__version__}-{zlib.crc32(';'.join(parts).encode()):08x}"


def _read(path: Path, owner: object) -> Any:
    """The data saved at ``path`` for ``owner``, or None if it is missing, damaged,
    from another version of this program, or for something else."""
    try:
        raw = read_file(path, MAX_CACHE_BYTES, follow_links=False)
        header, _, body = raw.partition(b"\n")
        magic, version, checksum = header.split(b" ")
        if magic != _MAGIC or int(version) != FORMAT or int(checksum, 16) != zlib.crc32(body):
            return None
        data = json.loads(body)
        if not isinstance(data, dict) or data.get("code") != _code_version() \
                or data.get("owner") != _jsonable(owner):
            return None
        return data.get("data")
    except Exception:  # whatever is wrong with it (too deep, too big...),
        return None  # the cache is only a cache


def _write(path: Path, owner: object, data: Any) -> None:
    """Save ``data`` atomically; a cache that cannot be written is not an error."""
    body = dump({"code": _code_version(), "owner": _jsonable(owner), "data": data}).encode()
    header = b"%s %d %08x\n" % (_MAGIC, FORMAT, zlib.crc32(body))
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    done = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with temporary.open("wb") as stream:
            stream.write(header + body)
        temporary.replace(path)
        done = True
    except OSError:
        pass
    finally:  # also on Ctrl-C; a SIGKILL leaves the file to the next _sweep
        if not done:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
    if done:
        _sweep(path.parent)


def _sweep(folder: Path) -> None:
    """Remove the temporary files of writers that died before renaming them."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            if match is None or int(match[1]) == os.getpid():
                continue
            with contextlib.suppress(OSError):
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
                if stale or not _alive(int(match[1])):
                    Path(entry.path).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:
        return False  # no process has a number this big
    except OSError:
        return True  # someone else's process: leave its file until it is old
    return True


def _jsonable(owner: object) -> Any:
    """``owner`` as it reads back from JSON (tuples become lists)."""
    if isinstance(owner, (tuple, list)):
        return [_jsonable(item) for item in owner]
    return owner
