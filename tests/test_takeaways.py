"""Key points drawn from the text for articles without written takeaways."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.importers.text import import_text
from articlecli.articles.loader import dump_yaml, load_article
from articlecli.model import Article, Section
from articlecli.qa.keypoints import body_sentences, key_points
from articlecli.qa.sentences import sentences

from .conftest import BUNDLED, REPO, load_script, run_cli
from .test_architecture import heavy, loaded_modules

FIXTURES = REPO / "tests" / "fixtures"
CORPUS = sorted((REPO / "eval" / "corpus").glob("*/article.yaml"))
EXTRA = sorted((REPO / "eval" / "takeaways").glob("*/article.yaml"))
NOTE = "Key points drawn from the text by articlecli (the article has no written takeaways):"


def bare(path: Path) -> Article:
    """The article at ``path`` without its written takeaways."""
    return replace(load_article(path), key_takeaways=())


ARTICLES = [bare(BUNDLED), *(bare(path) for path in CORPUS + EXTRA),
            import_text((FIXTURES / "bakery.txt").read_text(encoding="utf-8"), "bakery.txt"),
            import_text((FIXTURES / "volcano.txt").read_text(encoding="utf-8"), "volcano.txt")]
IDS = ["bundled", *(path.parent.name for path in CORPUS + EXTRA), "bakery", "volcano"]


@pytest.fixture
def untitled(tmp_path: Path) -> Path:
    """The bundled article without its takeaways, as a file old enough to cache."""
    path = tmp_path / "untitled.yaml"
    path.write_text(dump_yaml(bare(BUNDLED)), encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))
    return path


# --- sentences -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Dr. Naivalu led it. Prof. J. Smith agreed.",
     ["Dr. Naivalu led it.", "Prof. J. Smith agreed."]),
    ("Growth was 3.5 percent. It slowed.", ["Growth was 3.5 percent.", "It slowed."]),
    ("The U.S. Senate voted. The vote was close.",
     ["The U.S. Senate voted.", "The vote was close."]),
    ("He moved to the U.S. The move was quick.", ["He moved to the U.S.", "The move was quick."]),
    ('"Why?" she asked. Nobody knew.', ['"Why?" she asked.', "Nobody knew."]),
    ('He said, "It is over." Then he left.', ['He said, "It is over."', "Then he left."]),
    ("It opens on Jan. 5 at noon. Tickets are free!", ["It opens on Jan. 5 at noon.",
                                                       "Tickets are free!"]),
    ("John F. Kennedy spoke... Crowds cheered.", ["John F. Kennedy spoke...", "Crowds cheered."]),
    ("No full stop at the end", ["No full stop at the end"]),
])
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- the points ----------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_points_are_three_to_seven_distinct_sentences_of_the_article(article: Article) -> None:
    points = key_points(article)
    body = {candidate.text for candidate in body_sentences(article)}
    paragraphs = [paragraph for section in article.sections for paragraph in section.paragraphs]
    assert 3 <= len(points) <= 7
    assert len(set(points)) == len(points)
    for point in points:
        assert point in body
        assert any(point in paragraph for paragraph in paragraphs)


@pytest.mark.parametrize("article", ARTICLES, ids=IDS)
def test_points_are_in_reading_order_and_spread_over_the_sections(article: Article) -> None:
    order = [candidate.text for candidate in body_sentences(article)]
    points = key_points(article)
    assert [order.index(point) for point in points] == sorted(order.index(p) for p in points)
    sections = {candidate.section for candidate in body_sentences(article)
                if candidate.text in points}
    assert len(sections) >= min(3, len(article.sections))


def test_each_section_opens_with_a_point_three_to_seven_in_all() -> None:
    article = bare(CORPUS[0])
    firsts = {candidate.section: candidate.text
              for candidate in reversed(body_sentences(article))}
    many = replace(article, sections=article.sections * 10)
    assert set(key_points(many)) <= set(firsts.values())
    assert len(set(key_points(many))) == min(7, len(set(firsts.values())))
    two = replace(article, sections=article.sections[:2])
    points = key_points(two)
    assert len(points) == 3
    assert {firsts[0], firsts[1]} <= set(points)


def test_a_short_article_of_five_sections_gets_a_point_from_each() -> None:
    topics = ["harbour", "ferry", "timetable", "fares", "pier"]
    article = replace(ARTICLES[0], sections=tuple(
        Section(topic.title(), (f"The {topic} plan changes this spring for the whole town. "
                                f"Officials explain the {topic} details at a meeting next week.",))
        for topic in topics))
    points = key_points(article)
    assert len(points) == 5
    assert [point.split()[1] for point in points] == topics


def test_an_article_of_under_three_sentences_gets_none() -> None:
    tiny = replace(ARTICLES[0], sections=(Section("One", ("First. Second.",)),))
    assert key_points(tiny) == ()


def test_the_same_article_always_gives_the_same_points(tmp_path: Path) -> None:
    program = ("import json, sys; from articlecli.articles.loader import load_article; "
               "from articlecli.qa.keypoints import key_points; "
               "print(json.dumps(key_points(load_article(__import__('pathlib').Path(sys.argv[1])))))")
    path = tmp_path / "a.yaml"
    path.write_text(dump_yaml(ARTICLES[1]), encoding="utf-8")
    runs = {subprocess.run([sys.executable, "-c", program, str(path)], capture_output=True,
                           text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
                           ).stdout for seed in ("1", "2", "3")}
    assert len(runs) == 1
    assert json.loads(runs.pop()) == list(key_points(ARTICLES[1]))


# --- the commands --------------------------------------------------------------------


def test_takeaways_marks_generated_points_in_plain_output(untitled: Path) -> None:
    outcome = run_cli("--data", str(untitled), "takeaways")
    points = key_points(bare(BUNDLED))
    assert outcome.status == 0 and outcome.stderr == ""
    assert outcome.stdout.splitlines() == [
        NOTE, "", *(f"{number}. {point}" for number, point in enumerate(points, start=1))]


def test_takeaways_marks_generated_points_on_a_terminal(untitled: Path) -> None:
    outcome = run_cli("--data", str(untitled), "takeaways", tty=True, color=True, width=200)
    assert "drawn from the text by articlecli" in outcome.stdout
    assert "\x1b[" in outcome.stdout


def test_takeaways_json_wraps_generated_points(untitled: Path) -> None:
    data = json.loads(run_cli("--data", str(untitled), "takeaways", "--json").stdout)
    assert data == {"generated": True, "takeaways": list(key_points(bare(BUNDLED)))}


def test_written_takeaways_win_exactly_as_written() -> None:
    written = load_article(BUNDLED).key_takeaways
    assert json.loads(run_cli("takeaways", "--json").stdout) == list(written)
    outcome = run_cli("takeaways")
    assert NOTE not in outcome.stdout
    assert outcome.stdout.splitlines()[0] == f"1. {written[0]}"
    assert "generated by articlecli" not in run_cli("read").stdout


def test_read_shows_generated_points_under_a_heading_that_says_so(untitled: Path) -> None:
    lines = run_cli("--data", str(untitled), "read").stdout.splitlines()
    start = lines.index("Key Takeaways (generated by articlecli)")
    points = key_points(bare(BUNDLED))
    assert lines[start + 1: start + 1 + len(points)] == [f"- {point}" for point in points]


def test_generated_points_are_never_written_back_or_exported(untitled: Path) -> None:
    before = untitled.read_bytes()
    for command in (["takeaways"], ["read"], ["takeaways", "--json"]):
        assert run_cli("--data", str(untitled), *command).status == 0
    assert untitled.read_bytes() == before
    exported = json.loads(run_cli("--data", str(untitled), "export").stdout)
    assert exported["key_takeaways"] == []
    assert "generated" not in run_cli("--data", str(untitled), "export", "-f", "markdown").stdout


def test_generated_points_are_cached_and_follow_the_file(untitled: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLECLI_CACHE_DIR", str(tmp_path / "store"))
    first = run_cli("--data", str(untitled), "takeaways", "--json").stdout
    [database] = (tmp_path / "store").glob("*.sqlite")
    with contextlib.closing(sqlite3.connect(database)) as stored:
        assert stored.execute("SELECT count(*) FROM keypoints").fetchone() == (1,)
    assert run_cli("--data", str(untitled), "takeaways", "--json").stdout == first
    changed = replace(bare(BUNDLED), sections=bare(BUNDLED).sections[5:])
    untitled.write_text(dump_yaml(changed), encoding="utf-8")
    os.utime(untitled, (1_600_000_100, 1_600_000_100))
    again = json.loads(run_cli("--data", str(untitled), "takeaways", "--json").stdout)
    assert again["takeaways"] == list(key_points(changed))
    assert again != json.loads(first)


def test_eval_script_scores_the_generator_against_both_baselines(tmp_path: Path) -> None:
    script = load_script("eval_takeaways")
    assert script.rouge_f1(["The cats sat."], ["A cat sat."], 1) == pytest.approx(2 / 3)
    assert script.rouge_f1(["The cats sat."], ["A cat sat."], 2) == pytest.approx(0.5)
    path = tmp_path / "one" / "article.yaml"
    path.parent.mkdir()
    path.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    row = script.score(path)
    assert row is not None and set(row.scores) == {"generated", "lead-3", "section-firsts"}


@pytest.mark.parametrize("command", [["takeaways"], ["read"]])
def test_a_warm_run_with_generated_points_loads_nothing_heavy(untitled: Path, tmp_path: Path,
                                                              command: list[str]) -> None:
    loaded_modules(tmp_path, "--data", str(untitled), *command)  # fills the cache
    modules = loaded_modules(tmp_path, "--data", str(untitled), *command)
    assert heavy(modules) == set()
    assert "articlecli.qa.keypoints" not in modules


def test_lists_and_code_blocks_are_never_key_points() -> None:
    prose = [f"Sentence {number} says something about the harbour ferries and their "
             f"timetable in the {number}th week of spring." for number in range(12)]
    article = Article(
        title="Ferries", published=load_article(BUNDLED).published, summary="Ferries.",
        sections=(Section("Timetable", (" ".join(prose[:6]),
                                        "- First item of a list\n- Second item of a list",
                                        "sensorctl export --since 7d\ntouch /tmp/x")),
                  Section("Fares", (" ".join(prose[6:]),))))
    points = key_points(article)
    assert points and all("\n" not in point for point in points)


def test_a_table_row_is_never_a_generated_point() -> None:
    from articlecli.model import Article, Section
    from articlecli.qa.keypoints import key_points

    rows = ["District | 2024 pass rate | 2025 pass rate | Change",
            "Westmarch | 61% | 68% | +7", "Northgate | 70% | 72% | +2"]
    article = Article(
        title="Exam results by district", published=ARTICLES[0].published,
        summary="Pass rates rose in most districts this summer.", sections=(
            Section("The figures", tuple(rows)),
            Section("Why", ("Head teachers credited Saturday revision classes in every "
                            "district that improved.", "The council will extend them.")),
            Section("Next", ("The county plans to publish the figures for each school "
                             "in the autumn, with the national tables.",))))
    points = key_points(article)
    assert points and not any("|" in point for point in points)
