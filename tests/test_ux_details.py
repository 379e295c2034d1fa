"""Small things a user reads: no candidate shown twice, the prompt's hint counting
a library's articles, an example question that fits any library, and number
ranges in words rather than click's "x>=0"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import BUNDLED, run_cli

QUESTION = "What did Putin say about Western troops in Ukraine?"


@pytest.fixture
def repeated_faq(tmp_path: Path) -> Path:
    """The bundled article with its first FAQ entry given twice (validate warns of
    it, but it loads)."""
    text = BUNDLED.read_text(encoding="utf-8")
    start = text.index(f"- question: {QUESTION}")
    end = text.index("- question:", start + 1)
    path = tmp_path / "repeated.yaml"
    path.write_text(text + text[start:end], encoding="utf-8")
    return path


def test_a_candidate_is_shown_once(repeated_faq: Path) -> None:
    outcome = run_cli("--data", str(repeated_faq), "ask", "--top", "3",
                      "what did putin say about troops")
    assert outcome.status == 0
    assert outcome.stdout.count(QUESTION) == 1, outcome.stdout
    explained = run_cli("--data", str(repeated_faq), "ask", "--explain", "--top", "3",
                        "what did putin say about troops")
    assert explained.stdout.count(f"FAQ: {QUESTION}") == 1, explained.stdout
    data = json.loads(run_cli("--data", str(repeated_faq), "ask", "--json", "--explain",
                              "--top", "3", "what did putin say about troops").stdout)
    listed = [data["answer"], *data["suggestions"]]
    assert [item["question"] for item in listed].count(QUESTION) == 1
    assert [item["question"] for item in data["explain"]["candidates"]].count(QUESTION) == 1


def test_the_prompt_counts_the_articles(tmp_path: Path) -> None:
    asked = run_cli("ask", stdin="what did putin say\n", stdin_tty=True)
    assert asked.stderr.startswith("Ask a question about the article; ")
    for name in ("one", "two"):
        (tmp_path / f"{name}.yaml").write_text(BUNDLED.read_text(encoding="utf-8"),
                                               encoding="utf-8")
    asked = run_cli("--data", str(tmp_path), "ask", stdin="what did putin say\n",
                    stdin_tty=True)
    assert asked.stderr.startswith("Ask a question about the 2 articles; ")


def test_the_empty_question_example_fits_any_library() -> None:
    outcome = run_cli("ask", "  ")
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: the question is empty; ask something, e.g. "
                              "articlecli ask 'what happened'\n")


@pytest.mark.parametrize(("args", "expected"), [
    (("-w", "-1", "read"), "Invalid value for '--width' / '-w': must be 0 or more, not -1. "
                           "(see 'articlecli --help')"),
    (("ask", "--top", "0", "x"), "Invalid value for '--top' / '-n': must be 1 or more, not 0. "
                                 "(see 'articlecli ask --help')"),
    (("import", "--timeout", "0.05", "x"), "Invalid value for '--timeout': must be 0.1 or "
                                           "more, not 0.05. (see 'articlecli import --help')"),
])
def test_ranges_are_said_in_words(args: tuple[str, ...], expected: str) -> None:
    outcome = run_cli(*args)
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: {expected}\n"


@pytest.mark.parametrize("command", ["ask", "search", "import", ""])
def test_help_says_ranges_in_words(command: str) -> None:
    outcome = run_cli(*filter(None, [command]), "--help")
    assert outcome.status == 0
    assert "x>=" not in outcome.stdout
    assert {"ask": "[default: 1; 1 or more]", "search": "[default: 0; 0 or more]",
            "import": "0.1 or more]", "": "at most 88] [0 or more]"}[command] in " ".join(
                outcome.stdout.split())
