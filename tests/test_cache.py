"""The cache of parsed articles and of the ask index: used when files are unchanged,
rebuilt when they change, ignored when damaged, off when asked, and never pickle."""

from __future__ import annotations

import ast
import json
import os
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.loader import MAX_BYTES_VARIABLE, dump_yaml, load_article
from articlecli.qa.matcher import build_index, search_index
from articlecli.store import cache, cache_format
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
    original = cache._parse

    def recording(path: Path, article_id: str) -> object:
        parsed.append(path)
        return original(path, article_id)

    monkeypatch.setattr(cache, "_parse", recording)
    return parsed


def test_a_second_run_reads_the_articles_from_the_cache(
        library: Path, cache_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]
    assert len(list(cache_files.glob("library-*.articles"))) == 1
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


def test_the_ask_index_is_cached_and_rebuilt_when_a_file_changes(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    assert first.status == 0
    builds: list[int] = []

    def counting(articles: object) -> object:
        builds.append(1)
        return build_index(articles)  # type: ignore[arg-type]

    monkeypatch.setattr("articlecli.qa.index.build_index", counting)
    assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == first
    assert builds == []
    path = library / "a2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Vladivostok", "Novosibirsk"), encoding="utf-8")  # the same size
    settle(path)
    moved = json.loads(run_cli("--data", str(library), "ask", "--json",
                               "the forum in novosibirsk").stdout)
    assert builds == [1]
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


DAMAGE = {
    "garbage": b"\x00\xff not a cache at all",
    "empty": b"",
    "truncated": None,  # the first half of the real file
    "bad checksum": None,  # the real file with one byte of its body changed
    "forged": None,  # a valid header and checksum over data of the wrong shape
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_is_ignored(library: Path, cache_files: Path, damage: str) -> None:
    expected = run_cli("--data", str(library), "ask", "--json", "what did putin say")
    plain = run_cli("--data", str(library), "--no-cache", "read", "-a", "a2")
    files = sorted(cache_files.iterdir())
    assert [file.suffix for file in files] == [".articles", ".index"]
    for file in files:
        raw = file.read_bytes()
        header, _, body = raw.partition(b"\n")
        if damage == "truncated":
            file.write_bytes(raw[: len(raw) // 2])
        elif damage == "bad checksum":
            file.write_bytes(header + b"\n" + body.replace(b"Putin", b"Putun", 1))
        elif damage == "forged":
            data = json.loads(body)
            data["data"] = {"a2.yaml": [1, 2, 3]} if file.suffix == ".articles" else \
                {"format": 1, "texts": 7, "postings": "x"}
            forged = json.dumps(data).encode()
            file.write_bytes(b"articlecli-cache 1 %08x\n" % zlib.crc32(forged) + forged)
        else:
            file.write_bytes(DAMAGE[damage] or b"")
    assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == expected
    assert run_cli("--data", str(library), "read", "-a", "a2") == plain
    # ... and the damaged files were replaced by good ones
    assert run_cli("--data", str(library), "ask", "--json", "what did putin say") == expected


def test_forged_articles_with_a_good_checksum_fall_back_to_the_file(
        library: Path, cache_files: Path) -> None:
    titles(library)
    file = next(cache_files.glob("*.articles"))
    data = json.loads(file.read_bytes().partition(b"\n")[2])
    for entry in data["data"].values():
        entry[2] = json.dumps([1, 2, 3])  # keys as on disk, article data of the wrong types
    body = json.dumps(data).encode()
    file.write_bytes(b"articlecli-cache 1 %08x\n" % zlib.crc32(body) + body)
    assert titles(library) == ["Title 1", "Title 2", "Title 3"]


def test_an_unreadable_or_unwritable_cache_is_no_error(library: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(blocker))
    outcome = run_cli("--data", str(library), "ask", "what did putin say")
    assert (outcome.status, outcome.stderr) == (0, "")
    folder = tmp_path / "folders"
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(folder))
    titles(library)
    for file in list(folder.iterdir()):  # a folder in place of each cache file
        file.unlink()
        file.mkdir()
    assert run_cli("--data", str(library), "ask", "what did putin say") == outcome


def test_the_cache_can_be_moved(library: Path, tmp_path: Path, cache_files: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.CACHE_DIR_VARIABLE, str(tmp_path / "elsewhere"))
    titles(library)
    assert list((tmp_path / "elsewhere").glob("library-*.articles"))
    assert not cache_files.exists()


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_cache_can_be_turned_off(library: Path, cache_files: Path, how: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    options = ["--no-cache"] if how == "option" else []
    if how == "environment":
        monkeypatch.setenv(cache.NO_CACHE_VARIABLE, "1")
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
    assert cache._MAX_BYTES_VARIABLE == MAX_BYTES_VARIABLE


def test_the_cache_holds_json_and_never_pickles(library: Path, cache_files: Path) -> None:
    run_cli("--data", str(library), "ask", "what did putin say")
    for file in cache_files.iterdir():
        header, _, body = file.read_bytes().partition(b"\n")
        assert header.startswith(b"articlecli-cache ")
        json.loads(body)
    for module in (cache, cache_format):
        source = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(source)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in node.names} | {node.module for node in ast.walk(source)
                                                if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"pickle", "marshal", "shelve", "dill", "cPickle"}
