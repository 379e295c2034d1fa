"""The SQLite store (issue 10): it answers exactly as the articles do, keeps itself up
to date file by file, survives being killed, damaged and read by many processes at
once, and can be looked at and cleared."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from array import array
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from articlecli.articles import paths
from articlecli.articles.loader import dump_yaml, load_article
from articlecli.articles.search import find_hits
from articlecli.qa.matcher import build_index, search_index
from articlecli.store import contrib, db, library
from articlecli.store.library import open_library
from articlecli.ui.progress import ProgressBar

from .conftest import BUNDLED, REPO, load_script, run_cli

ARTICLE = load_article(BUNDLED)
CORPUS = REPO / "eval" / "corpus"
TIMEOUT = 60


def settle(path: Path, seconds_ago: int = 3600) -> None:
    moment = time.time_ns() - seconds_ago * 10**9
    os.utime(path, ns=(moment, moment))


def generated(folder: Path, count: int) -> Path:
    """A library of ``count`` generated articles (scripts/make_library.py), settled."""
    load_script("make_library").write_library(count, folder)
    for path in folder.iterdir():
        settle(path)
    return folder


def database(folder: Path) -> Path:
    """The one database in a cache folder."""
    [found] = folder.glob("*.sqlite")
    return found


def contents(path: Path) -> dict[str, Any]:
    """What a database holds, with articles named instead of numbered: two databases
    of the same files hold the same, whatever order they were built in."""
    with contextlib.closing(sqlite3.connect(path)) as stored:
        names = {number: name.decode() for number, name in
                 stored.execute("SELECT id, name FROM articles")}
        postings: dict[tuple[str, str], list[tuple[int, ...]]] = {}
        for word_stem, data in stored.execute("SELECT stem, data FROM postings"):
            numbers = db.numbers_of(data)
            for start in range(0, len(numbers), 4):
                article, *rest = numbers[start:start + 4]
                postings.setdefault((word_stem, names[article]), []).append(tuple(rest))
        return {
            "postings": {key: sorted(value) for key, value in postings.items()},
            "stems": sorted(stored.execute("SELECT stem, units FROM stems")),
            "words": sorted(stored.execute("SELECT word, stem, uses FROM words")),
            "totals": sorted(stored.execute("SELECT name, value FROM totals")),
            "acronyms": sorted((initials, names[article], stems) for initials, article, stems
                               in stored.execute("SELECT * FROM acronyms")),
            "articles": sorted((name.decode(), data) for name, data in
                               stored.execute("SELECT name, data FROM articles")),
            "pieces": sorted((names[row >> 24], row & 0xFFFFFF, stems) for row, stems in
                             stored.execute("SELECT rowid, stems FROM pieces")),
            "units": sorted((names[article], lengths) for article, lengths in
                            stored.execute("SELECT article, lengths FROM units")),
        }


def corpus_questions() -> list[str]:
    return [case["q"] for path in sorted(CORPUS.glob("*/questions.yaml"))
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]


@pytest.mark.slow
def test_the_stored_index_answers_every_eval_question_as_a_fresh_index() -> None:
    library = open_library(CORPUS)  # 39 articles (and the question files, skipped)
    stored = library.index()
    fresh = build_index(list(open_library(CORPUS, use_cache=False).articles))
    assert type(stored) is not type(fresh)
    assert stored.unit_count == fresh.unit_count
    assert stored.average_lengths == fresh.average_lengths
    # Every twenty-fourth question of every article (about 40), with its next two
    # candidates: every fourth took about 50 s, most of it the encoder reading five
    # articles' candidates.
    for question in corpus_questions()[::24]:
        assert search_index(stored, question, 3) == search_index(fresh, question, 3), question


def test_search_finds_the_same_hits_as_the_plain_scan(tmp_path: Path) -> None:
    library = open_library(CORPUS)
    articles = list(library.articles)
    for terms in (["coral"], ["reef", "recovery"], ["said"], ["council", "vote"],
                  ["the"], ["2016"], ["peaks"]):
        found = library.search(terms)
        plain = find_hits(articles, terms)
        assert sorted(map(repr, found.hits)) == sorted(map(repr, plain)), terms
        assert found.matching == len({hit.article for hit in plain})
        # grouped by article, reading order within each
        order = [hit.article for hit in found.hits]
        assert order == sorted(order, key=order.index)
        # the best two articles are the first two of the whole list
        best = library.search(terms, top=2)
        first_two = list(dict.fromkeys(order))[:2]
        assert best.hits == [hit for hit in found.hits if hit.article in first_two]
        assert best.matching == found.matching
        for name in set(order):
            assert [hit for hit in found.hits if hit.article == name] == \
                [hit for hit in plain if hit.article == name]


def test_search_puts_the_article_with_the_best_match_first(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    passing = replace(ARTICLE, title="A Note", summary="Ferries are mentioned once here.")
    about = replace(ARTICLE, title="Ferry Ferry Ferry", summary="All about the ferry and ferries.")
    (folder / "a-passing.yaml").write_text(dump_yaml(passing), encoding="utf-8")
    (folder / "b-about.yaml").write_text(dump_yaml(about), encoding="utf-8")
    hits = json.loads(run_cli("--data", str(folder), "search", "--json", "ferry").stdout)
    assert [hit["article"] for hit in hits] == ["b-about", "b-about", "a-passing"]


def recorded_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files parsed from now on."""
    parsed: list[str] = []
    original = contrib.parse_file

    def recording(task: db.Task, **options: bool) -> contrib.Parsed:
        parsed.append(Path(task[0]).name)
        return original(task, **options)

    monkeypatch.setattr(db, "parse_file", recording)
    return parsed


def test_changes_replace_only_their_own_rows_and_match_a_fresh_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generated(tmp_path / "lib", 60)  # enough to parse in worker processes
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "one"))
    open_library(folder).close()
    paths = sorted(folder.iterdir())
    changed = paths[10]
    changed.write_text(dump_yaml(replace(load_article(changed), title="Changed Title")),
                       encoding="utf-8")
    settle(changed, 1800)
    paths[20].unlink()
    (folder / "a0000.yaml").write_text(dump_yaml(ARTICLE), encoding="utf-8")  # first in order
    settle(folder / "a0000.yaml")
    parsed = recorded_parses(monkeypatch)
    updated = open_library(folder)
    assert sorted(parsed) == ["a0000.yaml", changed.name]
    assert updated.ids[0] == "a0000" and updated.get(changed.stem).title == "Changed Title"
    assert paths[20].stem not in updated.ids
    updated.close()
    monkeypatch.setattr(db, "parse_file", contrib.parse_file)
    monkeypatch.setattr(db, "POOL_MINIMUM", 10**9)  # one process this time
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "two"))
    open_library(folder).close()
    assert contents(database(tmp_path / "one")) == contents(database(tmp_path / "two"))


def test_meaning_vectors_are_kept_for_their_own_text_only(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`ask` keeps its candidates' meaning vectors in the store, the table's and the
    sentence encoder's, and uses them only for the text they were made of (another
    process may change the article between reading it and writing them)."""
    folder = generated(tmp_path / "lib", 3)
    cache = tmp_path / "cache"
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(cache))
    # a question the first look is unsure of: the encoder re-reads the candidates
    asked = ("--data", str(folder), "ask", "--json", "--explain", "-n", "3",
             "what did he warn about western troops")
    first = same_as_without_the_store(*asked)
    assert json.loads(first[1])["explain"]["second_look"] is True
    with contextlib.closing(sqlite3.connect(database(cache))) as stored:
        for table in ("meanings", "deep_meanings"):
            assert stored.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 3
    assert same_as_without_the_store(*asked) == first  # from the kept vectors
    with contextlib.closing(sqlite3.connect(database(cache))) as stored, stored:
        stored.execute("UPDATE meanings SET digest = digest + 1, text = ?",
                       (array("d", [1.0] * 128).tobytes(),))
        stored.execute("UPDATE deep_meanings SET digest = digest + 1, whole = ?, parts = ?",
                       (array("f", [1.0] * 384).tobytes(), b""))
    assert same_as_without_the_store(*asked) == first
    # the right digest, but values no encoder makes (a flipped bit, a forged row)
    for bad in ([float("nan")] * 384, [1e30] * 384, [float("-inf")] + [0.0] * 383):
        with contextlib.closing(sqlite3.connect(database(cache))) as stored, stored:
            stored.execute("UPDATE deep_meanings SET whole = ?", (array("f", bad).tobytes(),))
        assert same_as_without_the_store(*asked) == first


def test_workers_parse_only_a_window_ahead_of_the_store(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are handed to the worker processes at most IN_FLIGHT ahead of the store
    (so parsed files cannot pile up in memory), all of them in order; and a build
    stopped midway lets its workers go at once."""
    folder = generated(tmp_path / "lib", 100)
    monkeypatch.setattr(db, "IN_FLIGHT", 16)
    tasks = [library._task(str(path), path.name, path.stem)
             for path in sorted(folder.glob("*.yaml"))]
    store = db.Store.memory()
    names = [parsed.name for parsed in store._parsed(tasks)]
    assert names == [task[1] for task in tasks]
    stopped = store._parsed(tasks)
    assert next(stopped).name == tasks[0][1]
    closing = threading.Thread(target=stopped.close, daemon=True)
    closing.start()
    closing.join(30)
    assert not closing.is_alive(), "the pool waits for ever on a stopped build"


def test_an_edit_in_place_is_seen_after_warm_runs(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Warm runs compare the whole library in one row (store/listing.py); a file
    rewritten in place, to the same size, is still seen by its key."""
    folder = generated(tmp_path / "lib", 5)
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    first = open_library(folder)
    before = list(first.entries)
    first.close()
    parsed = recorded_parses(monkeypatch)
    for _ in range(2):
        warm = open_library(folder)
        assert list(warm.entries) == before and parsed == []
        warm.close()
    changed = folder / "a0003.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: Why", "title: Who", 1), encoding="utf-8")
    assert changed.stat().st_size == len(text.encode())
    settle(changed, 1800)
    after = open_library(folder)
    assert parsed == ["a0003.yaml"]
    assert after.get("a0003").title.startswith("Who")
    after.close()


def walks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders walked (paths.find_articles) from now on."""
    walked: list[Path] = []
    original = paths.find_articles

    def recording(folder: Path) -> Any:
        walked.append(folder)
        return original(folder)

    monkeypatch.setattr(library, "find_articles", recording)
    return walked


def same_as_without_the_store(*args: str) -> tuple[int, str, str]:
    """A command's outcome, checked to be the one a run without the store gives."""
    stored, fresh = run_cli(*args), run_cli("--no-cache", *args)
    assert (stored.status, stored.stdout, stored.stderr) == \
        (fresh.status, fresh.stdout, fresh.stderr), args
    return stored.status, stored.stdout, stored.stderr


def test_one_article_commands_look_only_at_its_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """read, takeaways, faq, export, ask and search -a ID stat the article's own file
    when the store knows it, and see an edit in place, a removal, and another file of the
    same id (x.yml beside x.yaml) as a look at the whole library would."""
    folder = generated(tmp_path / "lib", 4)
    (folder / "world").mkdir()
    nested = folder / "world" / "a0001.yaml"
    nested.write_text((folder / "a0001.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    settle(nested)
    data = ("--data", str(folder))
    assert run_cli(*data, "list").status == 0  # builds the store
    walked = walks(monkeypatch)
    for command in (["read"], ["takeaways", "--json"], ["faq", "--json"], ["export"],
                    ["ask", "--json", "-n", "3", "what did he warn about western troops"],
                    ["search", "--json", "military", "peace"]):
        for name in ("a0002", "world/a0001"):
            assert same_as_without_the_store(*data, *command, "-a", name)[0] == 0
            assert walked.count(folder) == 1, (command, name)  # by the run without the store
            walked.clear()

    changed = folder / "a0002.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: Why", "title: Who", 1), encoding="utf-8")
    settle(changed, 1800)  # the same size, another time: the key tells the edit
    status, shown, _ = same_as_without_the_store(*data, "read", "-a", "a0002")
    assert status == 0 and shown.startswith("Who")
    assert run_cli(*data, "list").status == 0  # settled again: the store knows it
    walked.clear()
    assert run_cli(*data, "read", "-a", "a0002").stdout == shown and walked == []

    sibling = folder / "a0002.yml"  # the same name: each id keeps its suffix
    sibling.write_text(text.replace("title: Why", "title: Other", 1), encoding="utf-8")
    settle(sibling)
    assert same_as_without_the_store(*data, "read", "-a", "a0002.yaml")[1] == shown
    assert same_as_without_the_store(*data, "read", "-a", "a0002.yml")[1].startswith("Other")
    assert same_as_without_the_store(*data, "read", "-a", "a0002")[0] == 2
    changed.unlink()  # now a0002.yml is the one, and 'a0002' again
    status, shown, _ = same_as_without_the_store(*data, "read", "-a", "a0002")
    assert status == 0 and shown.startswith("Other")
    sibling.unlink()
    status, _, error = same_as_without_the_store(*data, "read", "-a", "a0002")
    assert status == 2 and error.startswith("articlecli: error: no article 'a0002'; articles:")

    # A folder moved and linked back: its files keep their keys, but the walk follows
    # no links to folders, so world/a0001 is gone.
    assert same_as_without_the_store(*data, "read", "-a", "world/a0001")[0] == 0
    (folder / "world").rename(tmp_path / "elsewhere")
    (folder / "world").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert same_as_without_the_store(*data, "read", "-a", "world/a0001")[0] == 2

    broken = folder / "broken.yaml"  # the whole library warns of it; so does read -a
    broken.write_text("title: [\n", encoding="utf-8")
    settle(broken)
    assert run_cli(*data, "list").status == 0
    _, _, error = same_as_without_the_store(*data, "read", "-a", "a0003")
    assert f"skipped {broken}" in error


def program(*args: str, env: dict[str, str]) -> subprocess.Popen[bytes]:
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("ARTICLECLI_")}
    return subprocess.Popen([sys.executable, "-m", "articlecli", *args],
                            env={**environment, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def finished(process: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    stdout, stderr = process.communicate(timeout=TIMEOUT)
    return process.returncode, stdout, stderr


def test_a_build_killed_midway_is_carried_on_by_the_next_run(tmp_path: Path) -> None:
    folder = generated(tmp_path / "lib", 700)
    cache = tmp_path / "cache"
    env = {"ARTICLECLI_CACHE_DIR": str(cache)}
    building = program("--data", str(folder), "list", "--json", env=env)
    deadline = time.monotonic() + TIMEOUT
    stored = 0
    while stored == 0 and time.monotonic() < deadline and building.poll() is None:
        time.sleep(0.05)
        with contextlib.suppress(sqlite3.Error, ValueError), \
                contextlib.closing(sqlite3.connect(database(cache), timeout=5)) as look:
            stored = look.execute("SELECT count(*) FROM files").fetchone()[0]
    building.send_signal(signal.SIGKILL)
    building.wait(TIMEOUT)
    assert 0 < stored < 700, "the build was not caught midway"
    status, listed, stderr = finished(program("--data", str(folder), "list", "--json", env=env))
    assert (status, stderr) == (0, b"")
    expected = finished(program("--no-cache", "--data", str(folder), "list", "--json", env=env))
    assert json.loads(listed) == json.loads(expected[1])
    with contextlib.closing(sqlite3.connect(database(cache))) as look:
        assert look.execute("SELECT count(*) FROM files").fetchone()[0] == 700
        assert look.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_twelve_readers_while_a_file_is_rewritten_all_finish_cleanly(tmp_path: Path) -> None:
    folder = generated(tmp_path / "lib", 29)
    (folder / "article.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    settle(folder / "article.yaml")
    env = {"ARTICLECLI_CACHE_DIR": str(tmp_path / "cache")}
    assert finished(program("--data", str(folder), "list", env=env))[0] == 0
    target = folder / "a0007.yaml"
    original = load_article(target)
    rewriter = subprocess.Popen([sys.executable, "-c", f"""
import time, sys
from dataclasses import replace
from pathlib import Path
from articlecli.articles import paths
from articlecli.articles.loader import dump_yaml, load_article
path = Path({str(target)!r})
article = load_article(path)
for number in range(40):  # written aside and renamed, as editors and git do
    path.with_suffix(".new").write_text(dump_yaml(replace(article, title=f"Rewrite {{number}}")),
                                        encoding="utf-8")
    path.with_suffix(".new").replace(path)
    time.sleep(0.05)
"""])
    commands = [["ask", "--json", "what did putin say"], ["list", "--json"],
                ["search", "--json", "-n", "0", "peace", "talks"], ["read", "-a", "a0007"]]
    readers = [program("--data", str(folder), *commands[number % len(commands)], env=env)
               for number in range(12)]
    outcomes = [finished(reader) for reader in readers]
    rewriter.wait(TIMEOUT)
    for number, (status, stdout, stderr) in enumerate(outcomes):
        assert (status, stderr) == (0, b""), (commands[number % len(commands)], stderr)
        if number % len(commands) == 1:
            titles = {entry["id"]: entry["title"] for entry in json.loads(stdout)}
            assert len(titles) == 30
            assert titles["a0007"] == original.title or titles["a0007"].startswith("Rewrite")
    status, stdout, _ = finished(program("--data", str(folder), "list", "--json", env=env))
    assert {entry["id"]: entry["title"] for entry in json.loads(stdout)}["a0007"] == "Rewrite 39"


def holds_open(pid: int, path: Path) -> bool:
    with contextlib.suppress(OSError):
        return any(link.readlink() == path
                   for link in Path(f"/proc/{pid}/fd").iterdir())
    return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="looks at /proc for the waiter")
def test_a_process_that_finds_another_building_waits_for_it_and_parses_nothing_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from articlecli.store import buildlock
    from articlecli.store.location import cache_dir, database_name, library_owner

    count = db.POOL_MINIMUM + 12
    folder = generated(tmp_path / "lib", count)
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    folder_cache = cache_dir()
    assert folder_cache is not None
    path = folder_cache / database_name(library_owner(folder.resolve()))
    path.parent.mkdir(parents=True)
    other = buildlock.acquire(path)  # this process is the other builder
    assert other is not None and not other.waited
    parses = tmp_path / "parses"
    waiter = subprocess.Popen([sys.executable, "-c", f"""
from pathlib import Path
from articlecli.store import db
from articlecli.store.library import open_library
original = db.parse_file
def recording(task, **options):  # in the workers too: they are forked after this
    with open({str(parses)!r}, "a") as parses:
        parses.write(task[1] + "\\n")
    return original(task, **options)
db.parse_file = recording
print(len(open_library(Path({str(folder)!r})).entries))
"""], env={**os.environ, "ARTICLECLI_CACHE_DIR": str(tmp_path / "cache")},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + TIMEOUT
    while not holds_open(waiter.pid, buildlock.lock_path(path)):
        assert waiter.poll() is None and time.monotonic() < deadline, "it did not wait"
        time.sleep(0.02)
    assert not path.exists() or contents(path)["articles"] == []
    open_library(folder).close()  # its lock is its own: POSIX locks do not bar their holder
    other.release()
    assert finished(waiter) == (0, f"{count}\n".encode(), b"")
    assert not parses.exists(), "it parsed the files the other process had stored"
    assert buildlock.lock_path(path).exists()
    assert run_cli("cache", "clear").status == 0
    assert list(folder_cache.iterdir()) == []  # the lock file goes with its database


def test_a_writer_that_cannot_get_the_lock_still_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generated(tmp_path / "lib", 3)
    assert run_cli("--data", str(folder), "list").status == 0
    path = folder / "a0002.yaml"
    path.write_text(dump_yaml(replace(load_article(path), title="Locked Out")), encoding="utf-8")
    settle(path, 60)
    monkeypatch.setattr(db, "BUSY_MS", 200)
    with contextlib.closing(sqlite3.connect(database(tmp_path / "cache" / "articlecli"),
                                            isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")  # another writer, for longer than we wait
        outcome = run_cli("--data", str(folder), "list", "--json")
        holder.execute("ROLLBACK")
    assert (outcome.status, outcome.stderr) == (0, "")
    assert "Locked Out" in outcome.stdout


def test_cache_info_and_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generated(tmp_path / "lib", 4)
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("--data", str(folder), "list").status == 0
    assert run_cli("read").status == 0
    shown = run_cli("cache", "info")
    assert shown.status == 0
    assert f"cache folder: {tmp_path / 'cache'}" in shown.stdout
    assert f"{folder.resolve()}: 4 articles" in shown.stdout
    assert "2 databases" in shown.stdout
    data = json.loads(run_cli("cache", "info", "--json").stdout)
    assert sorted(entry["articles"] for entry in data["databases"]) == [1, 4]
    assert data["size"] == sum(entry["size"] for entry in data["databases"]) > 0
    cleared = run_cli("cache", "clear")
    assert cleared.status == 0 and cleared.stdout.startswith("cleared ")
    assert list((tmp_path / "cache").iterdir()) == []
    assert json.loads(run_cli("cache", "info", "--json").stdout)["databases"] == []


def test_cache_clear_that_cannot_remove_a_database_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from articlecli.store import maintenance

    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("read").status == 0
    assert run_cli("--data", str(generated(tmp_path / "lib", 2)), "list").status == 0
    kept = sorted(db.database_files(tmp_path / "cache"))
    assert len(kept) == 2
    removed = maintenance._remove

    def read_only(path: Path) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(maintenance, "_remove", read_only)
    cleared = run_cli("cache", "clear")
    assert (cleared.status, cleared.stdout) == (2, "")
    assert cleared.stderr == f"articlecli: error: cannot remove {kept[0]}: Read-only file " \
        "system (and 1 more database)\n"
    assert all(path.exists() for path in kept)
    # one that cannot be removed does not keep the others
    monkeypatch.setattr(maintenance, "_remove", lambda path: read_only(path) if path == kept[0]
                        else removed(path))
    cleared = run_cli("cache", "clear")
    assert cleared.stderr == f"articlecli: error: cannot remove {kept[0]}: Read-only file " \
        "system\n"
    assert [path.exists() for path in kept] == [True, False]


def test_libraries_unused_for_thirty_days_are_pruned(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("read").status == 0
    old = database(tmp_path / "cache")
    settle(old, 31 * 86_400)
    recent = old.with_name("other-0123456789abcdef.sqlite")
    recent.write_bytes(b"")
    settle(recent, 29 * 86_400)
    assert run_cli("--data", str(generated(tmp_path / "lib", 2)), "list").status == 0
    assert not old.exists() and recent.exists()


def test_a_progress_bar_only_on_long_builds() -> None:
    now = [0.0]
    stream = io.StringIO()
    report = ProgressBar(stream, clock=lambda: now[0])
    report(10, 100)
    assert stream.getvalue() == ""  # under a second: nothing
    now[0] = 1.5
    report(50, 100)
    assert "[###############...............] 50/100 files" in stream.getvalue()
    report(100, 100)
    assert stream.getvalue().endswith("\r")  # the line is cleared at the end


def test_a_bar_left_unfinished_is_cleared_before_what_comes_next() -> None:
    # Ctrl-C in the middle of a build: "...319/1,500 files^Carticlecli: error: ..."
    now = [0.0]
    stream = io.StringIO()
    report = ProgressBar(stream, clock=lambda: now[0])
    now[0] = 1.5
    report(319, 1500)
    drawn = stream.getvalue()
    report.end()
    assert stream.getvalue() == drawn + "\r" + " " * (len(drawn)) + "\r"
    report.end()  # once only
    assert stream.getvalue().count("\r") == 3
