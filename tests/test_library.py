"""A folder of articles: ids from paths, `list`, `--article`, broken files skipped."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from articlecli.articles.importers.text import import_text
from articlecli.articles.loader import dump_yaml, load_article
from articlecli.store.library import catalogue, open_library

from .conftest import BUNDLED, run_cli

FIXTURES = Path(__file__).parent / "fixtures"


def imported(name: str) -> str:
    return dump_yaml(import_text((FIXTURES / name).read_bytes().decode("utf-8")))


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Four articles in nested folders, plus files that are not articles."""
    (tmp_path / "world").mkdir()
    (tmp_path / "local").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "ukraine.yaml").write_text(BUNDLED.read_text(encoding="utf-8"))
    (tmp_path / "world" / "volcano.yaml").write_text(imported("volcano.txt"))
    (tmp_path / "local" / "bakery.yml").write_text(imported("bakery.txt"))
    (tmp_path / "local" / "transit.yaml").write_text(imported("transit.txt"))
    (tmp_path / "local" / "notes.txt").write_text("not an article")
    (tmp_path / ".git" / "config.yaml").write_text("not: [an article")
    return tmp_path


def test_list_json_is_newest_first_with_ids_from_paths(library: Path) -> None:
    outcome = run_cli("--data", str(library), "list", "--json")
    assert outcome.status == 0
    assert json.loads(outcome.stdout) == [
        {"id": "ukraine", "title": "Why Does Putin Maintain His Hardline Stance on the Ukraine "
         "War?", "published": "2025-09-06T03:07:15", "category": "technology"},
        {"id": "local/transit", "title": "City Approves Night Buses for Shift Workers",
         "published": "2025-02-05T22:15:00", "category": "local news"},
        {"id": "local/bakery", "title": "Small Bakery Wins National Bread Prize",
         "published": "2025-01-20T11:05:00", "category": "food"},
        {"id": "world/volcano", "title": "Can Iceland Keep Living Beside Its Restless "
         "Volcanoes?", "published": "2024-03-14T08:30:00", "category": "science"},
    ]
    assert outcome.stderr == ""


def test_list_plain_lines_up_ids(library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLECLI_DATA", str(library))
    outcome = run_cli("list")
    assert outcome.status == 0
    assert outcome.stdout.splitlines()[:2] == [
        "ukraine       2025-09-06 03:07:15  Why Does Putin Maintain His Hardline Stance on the "
        "Ukraine War? [technology]",
        "local/transit 2025-02-05 22:15:00  City Approves Night Buses for Shift Workers "
        "[local news]",
    ]


def test_list_of_the_bundled_article() -> None:
    entries = json.loads(run_cli("list", "--json").stdout)
    assert [entry["id"] for entry in entries] == ["article"]


def test_times_with_and_without_a_zone_sort_together() -> None:
    article = load_article(BUNDLED)
    east = replace(article, id="east",
                   published=datetime(2025, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=5))))
    plain = replace(article, id="plain", published=datetime(2025, 1, 1, 6, 0))
    ties = replace(article, id="a-tie", published=datetime(2025, 1, 1, 6, 0))
    assert [entry["id"] for entry in catalogue((east, plain, ties))] == ["a-tie", "plain", "east"]


@pytest.mark.parametrize("command", [["read"], ["read", "--toc"], ["takeaways"], ["faq"],
                                     ["export"]])
def test_single_article_commands_need_article_in_a_library(library: Path,
                                                           command: list[str]) -> None:
    outcome = run_cli("--data", str(library), *command)
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: this library has 4 articles; choose one with "
                              "--article: local/bakery, local/transit, ukraine, world/volcano\n")
    chosen = run_cli("--data", str(library), *command, "--article", "world/volcano")
    assert chosen.status == 0
    short = run_cli("--data", str(library), *command, "-a", "world/volcano")
    assert short.stdout == chosen.stdout


def test_article_option_picks_the_article(library: Path) -> None:
    outcome = run_cli("--data", str(library), "takeaways", "--json", "-a", "world/volcano")
    assert json.loads(outcome.stdout)[1] == \
        "Earth barriers have already diverted lava away from a power plant."
    outcome = run_cli("--data", str(library), "faq", "--json", "-a", "local/transit")
    assert json.loads(outcome.stdout)[2] == {"question": "Will there be buses at weekends?",
                                             "answer": "Not at first."}
    outcome = run_cli("--data", str(library), "read", "2", "-a", "local/bakery")
    assert outcome.stdout.startswith("2. Baked Before Dawn\n")


def test_an_unknown_id_lists_the_ids(library: Path) -> None:
    outcome = run_cli("--data", str(library), "read", "-a", "comet")
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: no article 'comet'; articles: "
                              "local/bakery, local/transit, ukraine, world/volcano\n")
    outcome = run_cli("--data", str(library), "read", "-a", "volcano")
    assert outcome.stderr == ("articlecli: error: no article 'volcano'; did you mean: "
                              "world/volcano?\n")


def test_a_broken_file_is_reported_with_its_line_and_skipped(library: Path) -> None:
    broken = library / "world" / "broken.yaml"
    broken.write_text("title: T\npublished: 2024-01-01\nsummary: S\nsections: nope\n")
    outcome = run_cli("--data", str(library), "list", "--json")
    assert outcome.status == 0
    assert len(json.loads(outcome.stdout)) == 4
    assert outcome.stderr == (f"articlecli: warning: skipped {broken}:4:11: sections: "
                              "expected a list, got text\n")
    search = run_cli("--data", str(library), "search", "lava", "--json")
    assert search.status == 0
    assert {hit["article"] for hit in json.loads(search.stdout)} == {"world/volcano"}


def test_a_folder_of_only_broken_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: [\n")
    outcome = run_cli("--data", str(tmp_path), "list")
    assert outcome.status == 2
    assert outcome.stderr.startswith(f"articlecli: error: {tmp_path / 'a.yaml'}:")


def test_a_folder_without_article_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "readme.txt").write_text("hello")
    outcome = run_cli("--data", str(tmp_path), "list")
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: no article files (*.yaml, *.yml) in {tmp_path}\n"


def test_one_file_library_needs_no_article_option(library: Path) -> None:
    single = open_library(library / "world" / "volcano.yaml")
    assert single.ids == ["volcano"]
    outcome = run_cli("--data", str(library / "world"), "read", "--toc")
    assert outcome.status == 0 and "A Peninsula Wakes Up" in outcome.stdout


def test_ask_spans_every_article_and_names_the_one_that_answers(library: Path) -> None:
    answers = [json.loads(line) for line in run_cli(
        "--data", str(library), "ask", "--json",
        stdin="what did putin say\nwhat protects the power plant from lava\n").stdout.splitlines()]
    assert [item["answer"]["article"] for item in answers] == ["ukraine", "world/volcano"]
    assert "power plant" in answers[1]["answer"]["text"]  # the takeaway or the passage


def test_ask_article_option_narrows_the_question_to_one_article(library: Path) -> None:
    outcome = run_cli("--data", str(library), "ask", "-a", "local/bakery", "--json",
                      "what did putin say")
    assert outcome.status == 1
    assert json.loads(outcome.stdout)["answer"] is None
    text = run_cli("--data", str(library), "ask", "what protects the power plant from lava").stdout
    assert "from article 'world/volcano'" in text


def test_explain_in_a_library_names_every_candidates_article(library: Path) -> None:
    # Even when all the candidates come from one article: which one is not obvious.
    outcome = run_cli("--data", str(library), "ask", "--explain", "what did putin say")
    candidates = outcome.stdout.split("Candidates")[1].split("\n\n")[0].splitlines()[1:]
    assert candidates and all(line.endswith("(article 'ukraine')") for line in candidates)
