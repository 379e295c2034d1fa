"""`articlecli search`: whole words and their forms, in every part of every article."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from articlecli.articles.loader import dump_yaml, load_article
from articlecli.articles.search import SNIPPET_CHARS, find_hits
from articlecli.model import Article, Faq, Section

from .conftest import BUNDLED, run_cli

ARTICLE = load_article(BUNDLED)

SMALL = Article(
    title="Harbour Council Plans New Ferry",
    published=ARTICLE.published,
    summary="The council wants a ferry across the harbour by spring.",
    sections=(Section("Why a Ferry?", ("Bridges are costly. A ferry is cheaper to run.",
                                        "The warning from engineers was clear.")),
              Section("Costs", ("The ferries would cost 2 million.",))),
    key_takeaways=("Ferries could start in spring.",),
    faqs=(Faq("When will ferries sail?", "In spring, if the council agrees."),),
    id="harbour",
)


def wheres(hits: list[dict[str, str | None]]) -> list[tuple[str | None, str | None]]:
    return [(hit["where"], hit["section"]) for hit in hits]


def test_json_hits_name_article_where_section_and_snippet() -> None:
    outcome = run_cli("--data", str(BUNDLED), "search", "ferry", "--json")
    assert outcome.status == 1  # the bundled article has no ferries
    assert json.loads(outcome.stdout) == []


def test_every_part_of_an_article_is_searched_in_reading_order() -> None:
    hits = [hit.to_json() for hit in find_hits([SMALL], ["ferry"])]
    assert wheres(hits) == [("title", None), ("summary", None), ("takeaway", None),
                            ("section", "Why a Ferry?"), ("section", "Why a Ferry?"),
                            ("section", "Costs"), ("faq", None)]
    assert {hit["article"] for hit in hits} == {"harbour"}
    assert hits[0]["snippet"] == SMALL.title


def test_case_and_word_forms_do_not_matter_but_whole_words_do() -> None:
    assert len(find_hits([SMALL], ["FERRIES"])) == 7
    assert [hit.snippet for hit in find_hits([SMALL], ["warned"])] == [
        "The warning from engineers was clear."]
    assert find_hits([SMALL], ["war"]) == []  # "warning" is not a form of "war"
    assert [hit.snippet for hit in find_hits([SMALL], ["cost"])] == [
        "Bridges are costly. A ferry is cheaper to run.", "Costs",
        "The ferries would cost 2 million."]


def test_every_term_must_be_in_the_same_piece() -> None:
    hits = find_hits([SMALL], ["ferry", "spring"])
    assert [hit.where for hit in hits] == ["summary", "takeaway", "faq"]
    assert find_hits([SMALL], ["bridges spring"]) == []


def test_marks_point_at_the_terms_in_the_snippet() -> None:
    hit = find_hits([SMALL], ["ferries", "sail", "spring"])[0]
    assert hit.snippet == "When will ferries sail? In spring, if the council agrees."
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["ferries", "sail", "spring"]


def test_long_pieces_are_cut_around_the_first_match() -> None:
    paragraph = ARTICLE.sections[0].paragraphs[0]
    hit = find_hits([ARTICLE], ["premise"])[0]
    assert len(paragraph) > SNIPPET_CHARS
    assert hit.snippet.startswith("\u2026") and hit.snippet.endswith("\u2026")
    assert len(hit.snippet) <= SNIPPET_CHARS + 2
    assert hit.snippet.strip("\u2026") in paragraph
    assert [hit.snippet[start:end] for start, end in hit.marks] == ["premise"]


def test_plain_output_when_piped_has_no_markers() -> None:
    outcome = run_cli("search", "talks")
    assert outcome.status == 0
    assert "\x1b" not in outcome.stdout
    assert outcome.stdout.startswith(
        "article: takeaway\n"
        "Putin's proposed peace talks are viewed sceptically by international observers.\n\n"
        "article: section \"Putin's Offer for Peace Talks\"\n"  # a heading hit, shown once
        "\u2026Zelensky, but on the condition")
    assert outcome.stdout.endswith("\n\n4 matches in 1 article\n")


def test_terms_are_highlighted_on_a_terminal() -> None:
    outcome = run_cli("search", "sceptically", tty=True, color=True)
    assert outcome.status == 0
    assert "\x1b[1;7msceptically\x1b[0m" in outcome.stdout


def test_nothing_found_is_exit_one_with_a_note() -> None:
    outcome = run_cli("search", "submarine")
    assert (outcome.status, outcome.stdout) == (1, "")
    assert outcome.stderr == "articlecli: no matches for submarine\n"


def test_terms_without_words_are_a_usage_error() -> None:
    outcome = run_cli("search", "--", "!!!", "--")
    assert outcome.status == 2
    assert "nothing to search for" in outcome.stderr


def test_no_terms_is_a_usage_error() -> None:
    assert run_cli("search").status == 2


def test_a_count_that_is_not_a_number_is_named_so() -> None:
    outcome = run_cli("search", "-n", "abc", "peace")
    assert (outcome.status, outcome.stderr) == (2, "articlecli: error: Invalid value for "
                                                   "'--top' / '-n': 'abc' is not a whole number. "
                                                   "(see 'articlecli search --help')\n")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    (tmp_path / "ukraine.yaml").write_text(BUNDLED.read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "harbour.yaml").write_text(dump_yaml(SMALL), encoding="utf-8")
    spring = replace(SMALL, title="Spring Peace Festival", key_takeaways=(), faqs=())
    (tmp_path / "local" / "festival.yml").write_text(dump_yaml(spring), encoding="utf-8")
    return tmp_path


def test_search_spans_every_article_and_names_each(library: Path) -> None:
    outcome = run_cli("--data", str(library), "search", "peace", "--json")
    assert outcome.status == 0
    hits = json.loads(outcome.stdout)
    assert {hit["article"] for hit in hits} == {"ukraine", "local/festival"}
    assert hits[0] == {"article": "local/festival", "where": "title", "section": None,
                       "snippet": "Spring Peace Festival"}


def test_top_shows_the_best_articles_and_says_how_many_more_match(library: Path) -> None:
    every = json.loads(run_cli("--data", str(library), "search", "spring", "--json").stdout)
    assert {hit["article"] for hit in every} == {"local/festival", "local/harbour"}
    assert every[0]["article"] == "local/festival"  # its title
    best = run_cli("--data", str(library), "search", "spring", "-n", "1", "--json")
    assert (best.status, json.loads(best.stdout)) == \
        (0, [hit for hit in every if hit["article"] == "local/festival"])
    assert best.stderr == "articlecli: 1 more article matches (without -n: all)\n"
    shown = run_cli("--data", str(library), "search", "spring", "-n", "1")
    assert shown.stdout.splitlines()[-1] == \
        "2 matches in 1 article; 1 more article matches (without -n: all)"
    assert shown.stderr == ""
    for top in ("0", "2", "99"):
        everything = run_cli("--data", str(library), "search", "spring", "-n", top, "--json")
        assert (json.loads(everything.stdout), everything.stderr) == (every, ""), top


def test_article_option_narrows_the_search(library: Path) -> None:
    outcome = run_cli("--data", str(library), "search", "spring", "-a", "local/harbour",
                      "--json")
    assert {hit["article"] for hit in json.loads(outcome.stdout)} == {"local/harbour"}
    unknown = run_cli("--data", str(library), "search", "spring", "-a", "nope")
    assert unknown.status == 2
    assert "no article 'nope'; articles: local/festival, local/harbour, ukraine" in \
        unknown.stderr


def test_article_text_cannot_drive_the_terminal() -> None:
    evil = replace(SMALL, title="Ferry \x1b]0;owned\x07 news")
    for tty in (False, True):
        text = run_cli_on(evil, "ferry", tty=tty)
        assert "\x07" not in text and "\\x1b]0;owned\\x07" in text


def run_cli_on(article: Article, *terms: str, tty: bool) -> str:
    from articlecli.ui.render import format_blocks
    from articlecli.ui.terminal import Environment
    from articlecli.ui.views import hit_blocks

    env = Environment(stdout_isatty=tty, no_color=False, terminal_width=80)
    return format_blocks(hit_blocks(find_hits([article], list(terms))), env)


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["store", "no-cache"])
def test_words_of_any_script_are_words(tmp_path: Path, cache: list[str]) -> None:
    article = replace(SMALL, summary="Путин сказал нет.", sections=(
        Section("Один", ("Переговоры закончены, сказал Søren Østergaard.",)),))
    path = tmp_path / "ru.yaml"
    path.write_text(dump_yaml(article), encoding="utf-8")
    found = run_cli(*cache, "--data", str(path), "search", "ПУТИН", "--json")
    assert found.status == 0, found.stderr
    assert [hit["where"] for hit in json.loads(found.stdout)] == ["summary"]
    named = run_cli(*cache, "--data", str(path), "search", "søren")
    assert named.status == 0 and "Østergaard" in named.stdout
    asked = run_cli(*cache, "--data", str(path), "ask", "Путин сказал?", "--json")
    assert asked.status == 0 and "Путин" in asked.stdout


def test_long_pieces_mark_the_same_words_in_the_store_and_without_it(tmp_path: Path) -> None:
    """Each hit's snippet is cut from its piece as the store keeps it (not the whole
    article): long paragraphs with the terms far apart, apostrophes, underscores and
    words of other scripts mark the same words either way, and only the terms."""
    filler = " ".join(f"word{number}" for number in range(60))
    paragraphs = (f"Ferry talks began. {filler} The ferry's talks went on. {filler} ferry talks.",
                  f"snake_case ferry {filler} talks, it\u2019s said. S\u00f8ren\u2019s ferry"
                  " talks ended.",
                  f"Ferry {filler} {filler} talks")
    article = replace(SMALL, sections=(Section("Ferry talks", paragraphs),), faqs=(
        Faq("Do ferry talks go on?", f"Yes: {filler} the ferry talks go on. {filler} talks"),))
    path = tmp_path / "long.yaml"
    path.write_text(dump_yaml(article), encoding="utf-8")
    stored = run_cli("--data", str(path), "search", "ferry", "talk", "--json")
    fresh = run_cli("--no-cache", "--data", str(path), "search", "ferry", "talk", "--json")
    assert stored.status == 0 and stored.stdout == fresh.stdout
    assert len(json.loads(stored.stdout)) == 5
    hits = find_hits([article], ["ferry", "talk"])
    for hit in hits:
        for left, right in hit.marks:
            assert hit.snippet[left:right].lower().removesuffix("'s").removesuffix("\u2019s") in {
                "ferry", "talks", "ferries"}, hit.snippet[left:right]
    # the terms near the first in each snippet (200 characters); an FAQ's answer apart
    assert [len(hit.marks) for hit in hits] == [2, 2, 1, 1, 2]
    assert hits[-1].faq is not None and [len(part[1]) for part in hits[-1].faq] == [2, 2]


def test_a_heading_that_repeats_the_title_is_not_a_second_hit(tmp_path: Path) -> None:
    # Imported pages head their opening section with the title.
    article = replace(load_article(BUNDLED), id="page")
    article = replace(article, sections=(Section(article.title, ("Some opening words.",)),
                                         *article.sections[1:]))
    path = tmp_path / "page.yaml"
    path.write_text(dump_yaml(article), encoding="utf-8")
    word = article.title.split()[-1].strip("?")
    for cache in ([], ["--no-cache"]):
        hits = json.loads(run_cli(*cache, "--data", str(path), "search", "--json", word).stdout)
        assert [hit["where"] for hit in hits if article.title in hit["snippet"]] == ["title"]


@pytest.mark.parametrize("text", [
    "Talks on the ferry's route. Don't stop, rock\u2019n\u2019roll! a''b x' 'y end",
    " ".join(f"word{number} it's -- ({number})" for number in range(120)),
    "A long piece: " + "the ferry talks went on and on, " * 20 + "and the ferry came at last.",
])
def test_words_are_found_by_place_as_the_tokens_place_them(text: str) -> None:
    """The store's hits find each marked word by its number (skipping tokens in the
    regular expression engine, and stopping past the snippet's reach): the same
    places, and the same snippet, as taking the text's tokens one by one."""
    from articlecli.articles.search import _snippet, _spans, _tokens

    every = [span for span, _ in _tokens(text)]
    for step in (1, 3, 7, 40):
        places = list(range(step - 1, len(every), step))
        assert _spans(text, places) == [every[place] for place in places]
        reached = _spans(text, places, SNIPPET_CHARS)
        assert reached == _spans(text, places)[:len(reached)]
        assert _snippet(text, reached) == _snippet(text, _spans(text, places))
