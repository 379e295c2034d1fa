"""The store (the cache of parsed articles, the ask index and the search index): used
when files are unchanged, updated file by file when they change, rebuilt when
damaged, off when asked, and never code."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles import paths
from articlecli.articles.loader import MAX_BYTES_VARIABLE, dump_yaml, load_article
from articlecli.model import Article, Piece
from articlecli.qa.index import unit_terms
from articlecli.qa.matcher import build_index, search_index
from articlecli.store import contrib, db, fulltext, listing, location, stored_index
from articlecli.store import library as library_module
from articlecli.store.library import open_library

from .conftest import BUNDLED, run_cli

ARTICLE = load_article(BUNDLED)
QUESTIONS = ("what did putin say", "waht did putn say about western troops",
             "what is the coalition of the willing", "how do I bake bread",
             "where was the economic forum", "Vladivostok applause")
_clock = iter(range(10_000))


def settle(path: Path) -> None:
    """Give ``path`` a modification time safely in the past (and new each time), as
    a file has unless it was written in the last moments."""
    moment = time.time_ns() - 3_600 * 10**9 + next(_clock) * 10**6
    os.utime(path, ns=(moment, moment))


def write_article(folder: Path, name: str, title: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(dump_yaml(replace(ARTICLE, title=title)), encoding="utf-8")
    settle(path)
    return path


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for number in range(1, 4):
        write_article(folder, f"a{number}", f"Title {number}")
    return folder


@pytest.fixture
def cache_files(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "articlecli"


def titles(folder: Path) -> list[str]:
    return [article.title for article in open_library(folder).articles]


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every file that is parsed rather than read from the cache."""
    parsed: list[Path] = []
    original = contrib.load

    def recording(path: Path, article_id: str) -> object:
        parsed.append(path)
        return original(path, article_id)

    monkeypatch.setattr(contrib, "load", recording)
    return parsed


def database(cache_files: Path) -> Path:
    [found] = cache_files.glob("*.sqlite")
    return found


def test_a_second_run_reads_the_articles_from_the_cache(
        library: Path, cache_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]
    assert len(list(cache_files.glob("library-*.sqlite"))) == 1
    parsed = no_parsing(monkeypatch)
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]
    assert parsed == []
    assert open_library(library).articles[0] == replace(ARTICLE, title="Title 1")


def test_a_changed_file_is_parsed_again_and_only_that_one(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    titles(library)
    parsed = no_parsing(monkeypatch)
    changed = write_article(library, "a2", "Title X")  # same size, new content and time
    assert titles(library) == ["Title 1", "Title X", "Title 3"]
    assert parsed == [changed]
    parsed.clear()
    assert titles(library) == ["Title 1", "Title X", "Title 3"]
    assert parsed == []


def test_inode_numbers_past_63_bits_are_stored_and_checked(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Some network and FUSE filesystems give inode numbers SQLite cannot hold."""
    def huge_inodes(status: os.stat_result) -> tuple[int, int, int, int]:
        return status.st_size, status.st_mtime_ns, 2**64 - 1 - status.st_ino, status.st_ctime_ns

    monkeypatch.setattr(paths, "_stat_key", huge_inodes)
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]
    parsed = no_parsing(monkeypatch)
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]
    assert parsed == []
    changed = write_article(library, "a2", "Title X")
    assert titles(library) == ["Title 1", "Title X", "Title 3"]
    assert parsed == [changed]


@pytest.mark.parametrize("change", ["size", "mtime"])
def test_a_new_size_or_modification_time_alone_means_a_new_parse(
        library: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    titles(library)
    parsed = no_parsing(monkeypatch)
    path = library / "a3.yaml"
    if change == "size":
        status = path.stat()
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # the same time
    else:
        settle(path)
    titles(library)
    assert parsed == [path]


def test_added_and_removed_files_are_noticed(library: Path) -> None:
    titles(library)
    (library / "a1.yaml").unlink()
    write_article(library, "a4", "Title 4")
    assert titles(library) == ["Title 2", "Title 3", "Title 4"]
    assert open_library(library).articles[-1].id == "a4"


def test_a_file_changed_just_now_is_not_trusted_to_the_cache(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two changes within one tick of the file system's clock would look the same.
    path = write_article(library, "a1", "Fresh")
    os.utime(path)  # now
    titles(library)
    parsed = no_parsing(monkeypatch)
    assert titles(library)[0] == "Fresh"
    assert parsed == [path]


def test_a_single_file_is_cached_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_article(tmp_path, "one", "Only")
    assert titles(path) == ["Only"]
    parsed = no_parsing(monkeypatch)
    assert titles(path) == ["Only"]
    assert parsed == []


def test_the_ask_index_is_stored_and_only_a_changed_file_is_indexed_again(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    assert first.status == 0
    builds: list[str] = []

    def counting(article: Article, vocabulary: dict[str, str],
                 acronyms: dict[str, list[str]], searched: dict[str, str] | None = None,
                 pieces: Sequence[Piece] | None = None) -> object:
        builds.append(article.id)
        return unit_terms(article, vocabulary, acronyms, searched, pieces)

    monkeypatch.setattr("articlecli.qa.index.unit_terms", counting)
    assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == first
    assert builds == []
    path = library / "a2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Vladivostok", "Novosibirsk"), encoding="utf-8")  # the same size
    settle(path)
    moved = json.loads(run_cli("--data", str(library), "ask", "--json",
                               "the forum in novosibirsk").stdout)
    assert builds == ["a2", "a2"]  # its old rows taken away, its new ones added
    assert moved["answer"]["article"] == "a2"
    assert "Novosibirsk" in moved["answer"]["text"]


def test_the_cached_index_answers_exactly_as_a_fresh_one(library: Path) -> None:
    loaded = open_library(library)
    loaded.index()  # builds and saves it
    cached = open_library(library).index()
    fresh = build_index(list(open_library(library, use_cache=False).articles))
    assert type(cached.postings) is not dict  # really the one read back from the cache
    for question in QUESTIONS:
        for top in (1, 3):
            assert search_index(cached, question, top) == search_index(fresh, question, top)


DAMAGE = ["garbage", "empty", "truncated", "foreign", "a folder", "another library's"]


def one_warning(stderr: str) -> None:
    """A database that was moved aside is said so, in one line."""
    assert stderr == "" or (len(stderr.splitlines()) == 1 and "moved aside" in stderr
                            and stderr.startswith("articlecli: warning: the cache ")), stderr


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_or_foreign_database_is_moved_aside_and_rebuilt(
        library: Path, cache_files: Path, damage: str) -> None:
    expected = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    plain = run_cli("--data", str(library), "--no-cache", "read", "-a", "a2")
    file = database(cache_files)
    raw = file.read_bytes()
    for stale in cache_files.iterdir():
        stale.unlink()
    if damage == "truncated":
        file.write_bytes(raw[: len(raw) // 2])
    elif damage == "foreign":
        with contextlib.closing(sqlite3.connect(file)) as other:
            other.execute("CREATE TABLE notes(text)")
            other.commit()
    elif damage == "a folder":
        file.mkdir()
    elif damage == "another library's":
        file.write_bytes(raw)
        with contextlib.closing(sqlite3.connect(file)) as other:
            other.execute("UPDATE meta SET value = 'elsewhere' WHERE key = 'owner'")
            other.commit()
    else:
        file.write_bytes(b"\x00\xff not a database at all" * 1000 if damage == "garbage" else b"")
    again = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    assert (again.status, again.stdout) == (expected.status, expected.stdout)
    one_warning(again.stderr)
    if damage not in ("empty", "truncated"):  # an empty file is simply a new database
        assert "moved aside" in again.stderr
        assert len(list(cache_files.glob("*.broken-*"))) >= 1
    assert run_cli("--data", str(library), "read", "-a", "a2") == plain
    # ... and the rebuilt database is used from now on, silently
    assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == expected


def test_forged_article_records_fall_back_to_the_file(library: Path, cache_files: Path) -> None:
    titles(library)
    with contextlib.closing(sqlite3.connect(database(cache_files))) as forged:
        forged.execute("UPDATE articles SET data = ?", (json.dumps([1, 2, 3]),))
        forged.execute("UPDATE articles SET data = ? WHERE name = 'a2'", ("[" * 100_000,))
        forged.commit()
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]


def test_forged_search_pieces_fall_back_to_the_article(library: Path, cache_files: Path) -> None:
    """search cuts its snippets from the pieces' own rows; rows that are not what the
    store writes give way to the article's own text."""
    expected = run_cli("--data", str(library), "search", "--json", "putin", "war")
    assert expected.status == 0 and len(json.loads(expected.stdout)) > 3
    with contextlib.closing(sqlite3.connect(database(cache_files))) as forged:
        forged.execute("UPDATE pieces SET part = 7, text = x'00'")
        forged.commit()
    assert run_cli("--data", str(library), "search", "--json", "putin", "war") == expected


def test_an_unusable_cache_folder_is_no_error(library: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(location.CACHE_DIR_VARIABLE, str(blocker))
    outcome = run_cli("--data", str(library), "ask", "what did putin say")
    assert (outcome.status, outcome.stderr) == (0, "")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root writes to read-only folders")
def test_a_read_only_cache_is_used_as_it_is_or_not_at_all(
        library: Path, cache_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    database(cache_files).chmod(0o444)
    cache_files.chmod(0o555)
    try:
        parsed = no_parsing(monkeypatch)
        assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == expected
        write_article(library, "a2", "Changed")  # the database cannot take it: in memory
        assert titles(library)[1] == "Changed"
        assert parsed
    finally:
        cache_files.chmod(0o755)


def test_the_cache_can_be_moved(library: Path, tmp_path: Path, cache_files: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(location.CACHE_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    titles(library)
    assert list((tmp_path / "elsewhere").glob("library-*.sqlite"))
    assert not cache_files.exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_cache_can_be_turned_off(library: Path, cache_files: Path, how: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    options = ["--no-cache"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv(location.NO_CACHE_VARIABLE, "1")
    for command in (["read", "-a", "a1"], ["ask", "what did putin say"], ["list"]):
        assert run_cli(*options, "--data", str(library), *command).status == 0
    assert not cache_files.exists()


def test_a_different_size_limit_does_not_reuse_articles_parsed_under_another(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    titles(library)
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "100")
    outcome = run_cli("--data", str(library), "list")
    assert outcome.status == 2
    assert "over the limit" in outcome.stderr
    assert location.MAX_BYTES_VARIABLE == MAX_BYTES_VARIABLE


def test_the_store_holds_text_numbers_and_arrays_never_code(library: Path,
                                                           cache_files: Path) -> None:
    run_cli("--data", str(library), "ask", "what did putin say")
    run_cli("--data", str(library), "search", "putin")
    with contextlib.closing(sqlite3.connect(database(cache_files))) as stored:
        tables = [name for name, in stored.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'pieces_%'"
            " AND name NOT LIKE 'sqlite_%' AND name != 'pieces'")]
        blobs = set()
        for table in tables:
            columns = [row[1] for row in stored.execute(f"PRAGMA table_info({table})")]
            for column in columns:
                kinds = {kind for kind, in stored.execute(
                    f"SELECT DISTINCT typeof({column}) FROM {table}")}
                assert kinds <= {"text", "integer", "blob", "null"}
                if "blob" in kinds:
                    blobs.add(f"{table}.{column}")
    # arrays of numbers, and file names as bytes (a name may not be UTF-8)
    # (and the listing: every file's name and key, and the article numbers, in one row;
    # and the meaning vectors of the candidates of the question asked, from the table
    # and from the sentence encoder)
    assert blobs == {"units.lengths", "postings.data", "files.name", "articles.name",
                     "listing.names", "listing.keys", "listing.articles", "meanings.text",
                     "meanings.question", "deep_meanings.whole", "deep_meanings.question",
                     "deep_meanings.parts"}
    for module in (contrib, db, fulltext, library_module, listing, location, stored_index):
        source = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(source)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in node.names} | {node.module for node in ast.walk(source)
                                                if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"pickle", "marshal", "shelve", "dill", "cPickle"}
