"""A warm ask, search or list works from the store while a second process walks the
library (store/lookahead.py), and shows what a run that walked first would show:
after an edit, an added file, a removed one and a broken one too."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from articlecli.store import library, lookahead
from articlecli.store.library import open_library

from .conftest import run_cli
from .test_store import generated, same_as_without_the_store, settle, walks

pytestmark = pytest.mark.skipif(not lookahead.possible(), reason="needs fork and two cores")

COMMANDS = (["list", "--json"], ["search", "--json", "military", "peace"],
            ["ask", "--json", "-n", "2", "peace talks"])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library of five settled articles, its store built and settled."""
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "cache"))
    found = generated(tmp_path / "lib", 5)
    assert run_cli("--data", str(found), "list").status == 0
    return found


def forks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders walked by a child process from now on."""
    started: list[Path] = []
    original = lookahead.Lookahead.start

    def recording(folder: Path, signed: tuple[bytes, bytes]) -> lookahead.Lookahead | None:
        started.append(folder)
        return original(folder, signed)

    monkeypatch.setattr(lookahead.Lookahead, "start", recording)
    return started


def test_a_warm_run_leaves_the_walk_to_a_second_process(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walked, forked = walks(monkeypatch), forks(monkeypatch)
    for command in COMMANDS:
        assert same_as_without_the_store("--data", str(folder), *command)[0] == 0
        # The run without the store walks; the one with it had a child walk instead.
        assert walked == [folder] and forked == [folder], command
        walked.clear()
        forked.clear()


def test_what_the_second_process_finds_changed_is_what_the_run_shows(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walked, forked = walks(monkeypatch), forks(monkeypatch)
    data = ("--data", str(folder))
    changed = folder / "a0003.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: Why", "title: Who", 1), encoding="utf-8")
    assert changed.stat().st_size == len(text.encode())  # in place: only the key tells
    settle(changed, 1800)
    status, shown, _ = same_as_without_the_store(*data, "list", "--json")
    assert status == 0
    assert [entry["title"][:3] for entry in json.loads(shown)
            if entry["id"] == "a0003"] == ["Who"]
    # The child's walk stood for the parent's: only the run without the store walked.
    assert walked == [folder] and forked == [folder]

    added = folder / "fresh.yaml"
    added.write_text(text.replace("title: Why", "title: Zebras", 1), encoding="utf-8")
    settle(added)
    status, shown, _ = same_as_without_the_store(*data, "search", "--json", "-a", "fresh",
                                                 "zebras")
    assert status == 0 and {hit["article"] for hit in json.loads(shown)} == {"fresh"}

    added.unlink()
    status, _, error = same_as_without_the_store(*data, "search", "-a", "fresh", "zebras")
    assert status == 2 and "no article 'fresh'" in error
    for command in COMMANDS:  # settled again: the store vouches once more
        assert same_as_without_the_store(*data, *command)[0] == 0


def test_a_broken_file_added_since_is_warned_about(folder: Path) -> None:
    broken = folder / "broken.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    settle(broken)
    for command in COMMANDS:
        status, _, error = same_as_without_the_store("--data", str(folder), *command)
        assert status == 0 and "skipped" in error and "broken.yaml" in error, command


def test_a_library_closed_before_the_verdict_stops_its_walk(folder: Path) -> None:
    opened = open_library(folder, lookahead=True)
    assert opened.pending is not None
    child = opened.pending.pid
    opened.close()
    with pytest.raises(ChildProcessError):  # stopped and reaped: no process left behind
        os.waitpid(child, os.WNOHANG)
    settled = open_library(folder, lookahead=True)
    assert settled.verdict().same and settled.ids == [f"a{n:04d}" for n in range(1, 6)]
    settled.close()


def test_without_a_second_core_the_run_walks_first(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "lookahead_possible", lambda: False)
    walked, forked = walks(monkeypatch), forks(monkeypatch)
    assert run_cli("--data", str(folder), "list", "--json").status == 0
    assert walked == [folder] and forked == []


def test_ctrl_c_while_waiting_for_the_walk_stops_it_and_ends_quietly(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    children: list[int] = []
    original = lookahead.Lookahead.start

    def interrupted(chunks: int) -> object:
        raise KeyboardInterrupt

    def recording(root: Path, signed: tuple[bytes, bytes]) -> lookahead.Lookahead | None:
        started = original(root, signed)
        assert started is not None
        children.append(started.pid)
        return started

    monkeypatch.setattr(lookahead.Lookahead, "start", recording)
    monkeypatch.setattr(lookahead, "_read_all", interrupted)
    outcome = run_cli("--data", str(folder), "list")
    assert (outcome.status, outcome.stdout) == (130, "")
    assert outcome.stderr == "articlecli: error: interrupted\n"
    with pytest.raises(ChildProcessError):  # stopped and reaped
        os.waitpid(children[0], os.WNOHANG)


def test_a_listing_that_is_not_the_stores_own_is_not_trusted(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    [stored] = (tmp_path / "cache").glob("*.sqlite")
    with contextlib.closing(sqlite3.connect(stored)) as connection:
        connection.execute("UPDATE listing SET keys = substr(keys, 1, length(keys) - 1)")
        connection.commit()
    forked = forks(monkeypatch)
    assert same_as_without_the_store("--data", str(folder), "list", "--json")[0] == 0
    assert forked == []  # nothing to check against: the run walked first, and mended it
    for command in COMMANDS:
        assert same_as_without_the_store("--data", str(folder), *command)[0] == 0
    assert forked == [folder] * len(COMMANDS)


def test_what_the_walk_warns_of_comes_with_its_verdict(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The listing holds files only: a link to nowhere leaves it as it is, and each
    warm run's walk, in the child, says what a walk-first run warns of."""
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    walked, forked = walks(monkeypatch), forks(monkeypatch)
    for command in COMMANDS:
        status, _, error = same_as_without_the_store("--data", str(folder), *command)
        assert status == 0 and "skipped" in error and "dangling.yaml" in error, command
        assert walked == [folder] and forked == [folder], command  # nor walked twice
        walked.clear()
        forked.clear()
