"""Property-based tests: whatever text or question comes in, the loader gives an
Article or a DataError, the matcher an answer or none, and the text helpers keep
their promises. Example counts are modest so the suite stays fast in CI."""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articlecli.articles.loader import dump_yaml, load_article, parse_article
from articlecli.articles.search import indexed_stems
from articlecli.errors import DataError
from articlecli.model import Article, Faq, Section
from articlecli.qa.index import _name_run, indexed_terms
from articlecli.qa.matcher import Index, build_index, result_to_json, search_index
from articlecli.qa.words import STOP_WORDS, normalise, stem, words
from articlecli.safetext import clean, to_json
from articlecli.store.contrib import share_of

from .conftest import BUNDLED

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BUNDLED_TEXT = BUNDLED.read_text(encoding="utf-8")
BUNDLED_LINES = BUNDLED_TEXT.splitlines(keepends=True)

# Characters YAML gives meaning to, so random text often parses into odd shapes.
YAML_ALPHABET = st.sampled_from(list(":-?[]{},&*!|>'\"%@`#\n\t ~0123456789abcTtrue.\\"))
ANY_TEXT = st.text() | st.text(YAML_ALPHABET) | st.text(st.characters(codec="utf-8"))


@lru_cache(maxsize=1)
def bundled_index() -> Index:
    return build_index([load_article(BUNDLED)])


def parses_or_fails_cleanly(text: str) -> Article | None:
    try:
        return parse_article(text, "f.yaml")
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.file == "f.yaml"
        return None


@SETTINGS
@given(ANY_TEXT)
def test_any_text_is_an_article_or_a_data_error(text: str) -> None:
    parses_or_fails_cleanly(text)


@st.composite
def mutated_bundled(draw: st.DrawFn) -> str:
    """The bundled article with a few lines deleted, duplicated, replaced or spliced."""
    lines = list(BUNDLED_LINES)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "replace", "splice", "indent"]))
        if action == "delete":
            del lines[position]
        elif action == "duplicate":
            lines.insert(position, lines[position])
        elif action == "replace":
            lines[position] = draw(ANY_TEXT) + "\n"
        elif action == "splice":
            line = lines[position]
            cut = draw(st.integers(0, len(line)))
            lines[position] = line[:cut] + draw(st.text(YAML_ALPHABET, max_size=8)) + line[cut:]
        else:
            lines[position] = " " * draw(st.integers(1, 3)) + lines[position]
        if not lines:
            break
    return "".join(lines)


@SETTINGS
@given(mutated_bundled())
def test_any_mutation_of_the_bundled_article_loads_or_fails_cleanly(text: str) -> None:
    parses_or_fails_cleanly(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_on_disk_load_or_fail_cleanly(tmp_path_factory: Any, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "article.yaml"
    path.write_bytes(raw)
    try:
        load_article(path)
    except DataError as error:
        assert error.problems


@SETTINGS
@given(st.text())
def test_any_text_survives_dump_and_load(text: str) -> None:
    """Whatever the text fields hold, the YAML writer's output reads back the same,
    and holds no raw control character."""
    article = parse_article(BUNDLED_TEXT, "bundled.yaml")
    if not text.strip():
        text = f"x{text}x"
    changed = Article(title=text, published=article.published, summary=text,
                      sections=(Section(text, (text,)),),
                      key_takeaways=(text,), category=text)
    dumped = dump_yaml(changed)
    assert not CONTROLS.search(dumped)
    assert parse_article(dumped, "dumped.yaml") == changed



# Pieces of text where finding words token by token could differ from the text as a
# whole: hyphens (and characters that normalise into one), apostrophes, accents,
# letters that decompose into several, and whitespace of several kinds.
WORDY_TEXT = st.lists(st.sampled_from(
    [*"aZé-'\u2019 \t\n\u00a0\u2003\u0301\u00a8\u00bd\ufb01\u00df\uff0d\ufe63\u0130\u03a3_.,&",
     "well", "the", "Bank of", "co-op", "don't", "Putin's"]), max_size=40).map("".join)


@SETTINGS
@given(WORDY_TEXT)
def test_a_text_is_indexed_under_the_words_of_the_whole_text(text: str) -> None:
    """The ask index finds words token by token (each token once per process): it
    must index a text under the words, and compounds, the whole text holds."""
    expected = [word for word in words(text) if word not in STOP_WORDS]
    if "-" in text:
        expected += [word for word in (part.replace("-", "") for part in
                                       re.findall(r"\w+(?:-\w+)+", normalise(text)))
                     if word.isalnum()]
    assert indexed_terms(text)[:2] == (expected, [stem(word) for word in expected])


@SETTINGS
@given(WORDY_TEXT)
def test_a_piece_is_searched_under_the_stems_of_the_whole_text(text: str) -> None:
    """The full-text index holds a piece's stems found chunk by chunk (each chunk
    once per process): the stems of each word of the whole text, in order."""
    expected = []
    for token in re.findall(r"\w+(?:['\u2019]\w+)*", text):
        simple = token.isascii() and token.isalnum()
        token_stems = " ".join(stem(word) for word in ([token.lower()] if simple
                                                       else words(token)))
        if token_stems:
            expected.append(token_stems)
    assert indexed_stems(text) == " ".join(expected)


@SETTINGS
@given(WORDY_TEXT, WORDY_TEXT)
def test_an_faq_is_searched_under_the_stems_of_its_question_and_answer(
        question: str, answer: str) -> None:
    """The store joins an FAQ entry's stems from those its unit found for the question
    and for the answer: the stems of the two texts together."""
    article = Article(title="T", published=datetime(2024, 1, 1), summary="S",
                      sections=(Section("H", ("P",)),), faqs=(Faq(question, answer),))
    assert share_of(article).pieces[-1][0] == indexed_stems(f"{question} {answer}")


NAMES_TEXT = st.lists(st.sampled_from(
    ["Reserve", "Bank", "of", "the", "de", "&", "A", "x", "É", "1", "_", " ", "  ", "\n", "-",
     "'", "\u2019", ".", "ofx"]), max_size=30).map("".join)


@SETTINGS
@given(NAMES_TEXT)
def test_runs_of_names_are_those_the_look_behind_first_finds(text: str) -> None:
    """The acronyms' runs of capitalised words are found with the capital tested before
    the look-behind (faster): the same runs as with the look-behind first."""
    first = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*"
                       r"(?:\s+(?:(?:of|and|for|the|de|&)\s*)?[A-Z][\w'\u2019-]*)+")
    assert _name_run().findall(text) == first.findall(text)


QUESTIONS = (st.text() | st.text(st.characters(codec="utf-8"), max_size=300)
             | st.sampled_from(["", " ", "?", "\x1b[2J", "[bold]x[/bold]", "\u202e",
                                "\U0001f600 \u4e60\u8fd1\u5e73", "a" * 100_000,
                                "what " * 20_000]))


@SETTINGS
@given(QUESTIONS)
def test_any_question_gets_an_answer_or_none(question: str) -> None:
    result = search_index(bundled_index(), question, 3)
    assert result.answered == (result.answer is not None)
    data = result_to_json(result)
    assert json.loads(to_json(data, lines=True)) == data


@SETTINGS
@given(st.text())
def test_clean_leaves_no_control_character(text: str) -> None:
    cleaned = clean(text)
    assert not CONTROLS.search(cleaned)
    if not CONTROLS.search(text):
        assert cleaned == text  # ordinary text is untouched


JSON_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@SETTINGS
@given(JSON_DATA, st.booleans())
def test_to_json_parses_back_to_the_same_data(data: Any, lines: bool) -> None:
    text = to_json(data, lines=lines)
    assert json.loads(text) == data
    assert not CONTROLS.search(text)
    if lines:
        assert "\n" not in text


JSON_SCALARS = st.one_of(st.text(), st.integers(min_value=-10**20, max_value=10**20),
                         st.booleans(), st.none(), st.floats(allow_nan=True))
JSON_VALUES = st.recursive(JSON_SCALARS, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=6)


@SETTINGS
@given(st.one_of(st.lists(st.dictionaries(st.text(max_size=8), JSON_SCALARS, max_size=5),
                          max_size=6),
                 st.lists(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3),
                          max_size=3),
                 JSON_VALUES))
# Accented text with the line separators: the records' own path, and the one where
# str.translate was slow.
@example([{"title": "Caf\u00e9\u2028cr\u00e8me\u2029", "id": "a1"}])
def test_printed_json_is_what_json_dumps_gives(data: Any) -> None:
    """``list --json``'s records are written without json.dumps's encoder in Python,
    and give its very text (before the terminal's escaping)."""
    expected = json.dumps(data, ensure_ascii=False, indent=2)
    assert to_json(data) == to_json_of(expected)
    assert "\u2028" not in to_json(data) and "\u2029" not in to_json(data)


def to_json_of(text: str) -> str:
    """The printed text of json.dumps's ``text``: terminal-safe, and the line
    separators JavaScript would take as line ends escaped."""
    from articlecli.safetext import escape_unsafe

    return escape_unsafe(text).translate({0x2028: "\\u2028", 0x2029: "\\u2029"})
