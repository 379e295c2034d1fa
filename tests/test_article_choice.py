"""`--article/-a` in a library: an id, or the start of exactly one; a near miss
(case, the start of several, the last part of a path) gets a suggestion; an
article whose file has errors says so, and where, rather than "no article"."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import BUNDLED, run_cli


@pytest.fixture
def library(tmp_path: Path) -> Path:
    text = BUNDLED.read_text(encoding="utf-8")
    (tmp_path / "feed").mkdir()
    for name, title in (("wind", "Wind"), ("feed/harrowby-market-moves", "Harrowby"),
                        ("feed/lifeboat-rescue", "Lifeboat"), ("local", "Local"),
                        ("live", "Live")):
        (tmp_path / f"{name}.yaml").write_text(text.replace("title: Why", f"title: {title}", 1),
                                               encoding="utf-8")
    (tmp_path / "types.yaml").write_text(
        text.replace("title: Why", "title: [a, b]\nwhy: Why", 1), encoding="utf-8")
    return tmp_path


def error_of(library: Path, *args: str) -> str:
    outcome = run_cli("--data", str(library), *args)
    assert outcome.status == 2 and outcome.stdout == ""
    return outcome.stderr.splitlines()[-1]


def test_the_start_of_one_id_selects_it(library: Path) -> None:
    for given in ("feed/harrowby", "feed/h", "wi"):
        outcome = run_cli("--data", str(library), "read", "--toc", "-a", given)
        assert outcome.status == 0, outcome.stderr
    chosen = run_cli("--data", str(library), "read", "-a", "feed/harr")
    assert chosen.stdout.startswith("Harrowby")
    note = "'feed/harr' is taken as 'feed/harrowby-market-moves', the one id it starts"
    assert chosen.stderr.endswith(f"articlecli: warning: {note}\n")
    assert "taken as" not in run_cli("--data", str(library), "read", "-a", "wind").stderr
    found = run_cli("--data", str(library), "search", "--json", "-a", "feed/l", "Putin")
    assert found.status == 0 and '"article": "feed/lifeboat-rescue"' in found.stdout


def test_the_start_of_several_ids_names_them(library: Path) -> None:
    assert error_of(library, "read", "-a", "l") == (
        "articlecli: error: 'l' is the start of 2 article ids: live, local; give more of "
        "the id")


@pytest.mark.parametrize(("given", "suggested"), [
    ("WIND", "wind"), ("Feed/Harrowby", "feed/harrowby-market-moves"),
    ("lifeboat", "feed/lifeboat-rescue")])
def test_a_near_miss_is_suggested(library: Path, given: str, suggested: str) -> None:
    assert error_of(library, "read", "-a", given) == \
        f"articlecli: error: no article '{given}'; did you mean: {suggested}?"


def test_an_article_with_errors_says_where(library: Path) -> None:
    outcome = run_cli("--data", str(library), "read", "-a", "types")
    assert outcome.status == 2
    path = library / "types.yaml"
    assert outcome.stderr == (
        f"articlecli: error: article 'types' has errors: {path}:2:8: title: expected text, "
        f"got a list (and 1 more); run 'articlecli validate {path}' to see them all\n")
    assert "has errors" in error_of(library, "ask", "-a", "types", "what did putin say")
