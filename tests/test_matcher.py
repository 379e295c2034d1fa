"""The matcher and its word handling, as a library (no CLI)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from articlecli.articles.loader import load_article
from articlecli.model import Article, Faq, Section
from articlecli.qa.matcher import (
    Index,
    answer,
    build_index,
    result_to_json,
    search_index,
)
from articlecli.qa.wordfreq import FRAMING, commonness_factor, english_spelling
from articlecli.qa.words import (
    content_words,
    edit_distance,
    far_typo_candidates,
    stem,
    typo_candidates,
    wanted_kind,
    words,
)

from .conftest import BUNDLED

WARNING = "What did Putin say about Western troops in Ukraine?"
PEACE = "What are the prospects for peace in Ukraine?"


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index([load_article(BUNDLED)])


def garden() -> Article:
    """A small article unlike the bundled one, so no test leans on its wording."""
    return Article(
        title="Tending a Vegetable Garden",
        published=datetime(2024, 4, 1, 9, 0),
        summary="How to grow vegetables at home.",
        sections=(
            Section("Soil", ("Tomatoes grow best in loose soil enriched with compost. "
                             "Gardeners in Devon dig compost in every spring.",)),
            Section("Watering", ("Water the beds early in the morning so the leaves dry "
                                 "before nightfall and mildew cannot spread.",)),
            Section("Pests", ("Slugs eat young lettuce; copper tape around the beds keeps "
                              "them away.",)),
        ),
        faqs=(Faq("How often should I water tomatoes?",
                  "Water tomatoes deeply twice a week rather than a little every day."),
              Faq("Which compost is best?",
                  "Well-rotted garden compost or manure suits most vegetables.")),
        id="garden",
    )


# Normalisation and words


def test_words_fold_case_accents_apostrophes_and_punctuation() -> None:
    text = "PUTIN\u2019s \u201cWarning\u201d\u2014Caf\u00e9, don't!"
    assert words(text) == ["putin", "warning", "cafe", "dont"]


def test_content_words_drop_stop_words_but_keep_say() -> None:
    assert list(content_words("What did Putin say about the troops?")) == [
        "putin", "say", "troops"]


def test_stems_join_word_forms() -> None:
    assert stem("warned") == stem("warning") == stem("warns")
    assert stem("conditions") == stem("condition")


def test_typo_candidates_cover_the_four_kinds_of_typo() -> None:
    vocabulary = {"putin", "conditions", "what"}
    assert typo_candidates("putn", vocabulary) == {"putin"}        # deletion
    assert typo_candidates("puttin", vocabulary) == {"putin"}      # insertion
    assert typo_candidates("waht", vocabulary) == {"what"}         # transposition
    assert typo_candidates("condtions", vocabulary) == {"conditions"}
    assert typo_candidates("qwertyuiop", vocabulary) == set()


def test_two_typing_slips_are_tolerated_but_two_replaced_letters_are_another_word() -> None:
    assert edit_distance("colation", "coalition", 2) == 2
    assert edit_distance("kitten", "sitting", 2) == 3  # more than the limit: limit + 1
    vocabulary = {"coalition", "nightfall", "isolation"}
    assert far_typo_candidates("colation", vocabulary) == {"coalition"}
    assert far_typo_candidates("nigthfal", vocabulary) == {"nightfall"}
    assert far_typo_candidates("inflation", vocabulary) == set()


def test_commonness_ranks_framing_words_below_topics_below_rare_words() -> None:
    assert commonness_factor("happens") == commonness_factor("sending") == FRAMING
    assert FRAMING < commonness_factor("election") < commonness_factor("tariffs") == 1.0
    assert commonness_factor("tokyo") == commonness_factor("qwertyuiop") == 1.0



def test_wanted_kind_reads_the_question_word() -> None:
    assert wanted_kind("Where did it happen?") == "place"
    assert wanted_kind("how many troops") == "number"
    assert wanted_kind("what did he say") is None


# Answers from the bundled article


@pytest.mark.parametrize("question", [
    WARNING, "what did putin say", "WHAT DID PUTIN SAY???", "waht did putn say",
    "say putin what did",
])
def test_case_typos_word_order_and_punctuation_do_not_matter(index: Index, question: str) -> None:
    result = search_index(index, question)
    assert result.answer is not None
    assert (result.answer.source, result.answer.question) == ("faq", WARNING)


def test_word_forms_match(index: Index) -> None:
    result = search_index(index, "how did the crowd react when putin warned")
    assert result.answer is not None
    assert result.answer.question == "What was the audience's reaction to Putin's warning?"


def test_a_passage_answers_when_no_faq_fits(index: Index) -> None:
    result = search_index(index, "What is the Coalition of the Willing?")
    assert result.answer is not None
    assert result.answer.source == "article"
    assert result.answer.section == "The Context of the Warning"
    assert result.answer.question is None
    assert "Coalition of the Willing" in result.answer.text


@pytest.mark.parametrize("question", [
    "how do I bake bread", "what did Biden say about climate change",
    "what are the prospects for the housing market", "What are the prospects for electric cars?",
    "qwertyuiop", "", "the of and",
])
def test_questions_the_article_does_not_answer_are_rejected(index: Index, question: str) -> None:
    result = search_index(index, question)
    assert result.answer is None
    assert not result.answered


def test_a_shared_word_alone_is_not_enough_but_the_topic_is(index: Index) -> None:
    assert search_index(index, "prospects for electric cars").answer is None
    found = search_index(index, "prospects for peace").answer
    assert found is not None and found.question == PEACE


def test_the_faq_entry_is_preferred_to_a_passage_saying_the_same(index: Index) -> None:
    found = search_index(index, "will Putin meet Zelensky in Moscow").answer
    assert found is not None and found.source == "faq"


def test_of_two_close_faq_entries_the_one_whose_question_it_paraphrases_wins() -> None:
    # The other entry's answer repeats the reader's words and scores a hair higher.
    pests = Article(
        title="Garden Pests", published=datetime(2024, 4, 1, 9, 0), summary="Pests.",
        sections=(Section("Soil", ("Tomatoes grow best in loose soil.",)),),
        faqs=(Faq("Do slugs harm lettuce?", "Yes; copper tape keeps them away."),
              Faq("Why do my seedlings vanish?",
                  "Slugs eat lettuce seedlings at night, and slugs strip lettuce leaves.")),
        id="pests")
    result = answer([pests], "do slugs eat lettuce", top=2)
    assert result.answer is not None and result.answer.question == "Do slugs harm lettuce?"
    other = result.suggestions[0]
    assert other.question == "Why do my seedlings vanish?"
    assert result.answer.score < other.score < result.answer.score + 0.05


@pytest.mark.parametrize(("question", "section"), [
    ("waht is the colation of the wiling", "The Context of the Warning"),
    ("what does europe want", "Different Visions for the Future"),
])
def test_a_passage_is_found_despite_slips_and_framing_words(
        index: Index, question: str, section: str) -> None:
    found = search_index(index, question).answer
    assert found is not None and (found.source, found.section) == ("article", section)


@pytest.mark.parametrize("question", ["will there be peace soon", "is a deal for peace likely"])
def test_a_common_word_the_article_lacks_does_not_sink_a_covered_question(
        index: Index, question: str) -> None:
    found = search_index(index, question).answer
    assert found is not None and found.question == PEACE


def test_a_misspelt_common_word_counts_as_that_word(index: Index) -> None:
    # "possible" is not in the article; misspelt, it must not pass for a rare word.
    found = search_index(index, "is peace posible between russia and ukraine").answer
    assert found is not None and found.question == PEACE
    assert english_spelling("posible") == stem("possible")


@pytest.mark.parametrize("word", ["paris", "biden", "nato", "possible", "tariffs"])
def test_names_and_real_words_are_not_corrected_as_misspellings(word: str) -> None:
    assert english_spelling(word) is None


def test_a_huge_word_is_not_searched_for_misspellings() -> None:
    assert english_spelling("p" + "o" * 100_000) is None


def test_a_real_word_is_not_taken_for_a_slip_of_a_stop_word(index: Index) -> None:
    # "aid" is one letter from "said" and "did", but it is the topic of this question.
    assert search_index(index, "how much aid has the us given ukraine").answer is None
    assert search_index(index, "wat did putin say").answer is not None


def test_a_common_unseen_word_is_forgiven_where_a_rare_one_is_not() -> None:
    found = answer([garden()], "how do I deal with slugs").answer
    assert found is not None and found.section == "Pests"
    assert answer([garden()], "how do I deal with aphids").answer is None


@pytest.mark.parametrize("question", [
    "what did putin say about the olympics", "did putin talk about vaccines",
    "what did putin say about climate change", "what did trump say about tariffs",
    "what did biden say about troops",
])
def test_article_words_around_a_rare_unknown_topic_are_declined(
        index: Index, question: str) -> None:
    assert search_index(index, question).answer is None


def test_an_faq_entry_below_the_threshold_does_not_displace_a_confident_passage(
        index: Index) -> None:
    found = search_index(index, "is russia isolated internationally").answer
    assert found is not None and found.source == "article"
    assert "isolation" in found.text


def test_a_long_word_with_two_slips_still_finds_its_passage() -> None:
    found = answer([garden()], "nigthfal").answer
    assert found is not None and found.section == "Watering"


def test_unanswered_suggests_the_closest_faq_questions(index: Index) -> None:
    result = search_index(index, "what did biden say about climate change")
    assert result.answer is None
    assert [item.source for item in result.suggestions] == ["faq"] * 3
    assert result.suggestions[0].question == WARNING


def test_top_gives_that_many_candidates_best_first(index: Index) -> None:
    result = search_index(index, "putin peace talks", top=4)
    assert result.answer is not None
    candidates = [result.answer, *result.suggestions]
    assert len(candidates) == 4
    assert len({(item.question, item.section, item.text) for item in candidates}) == 4
    assert [item.score for item in result.suggestions] == sorted(
        (item.score for item in result.suggestions), reverse=True)


def test_scores_are_between_0_and_1(index: Index) -> None:
    for question in (WARNING, "putin", "peace prospects ukraine russia war talks"):
        result = search_index(index, question, top=20)
        for item in [*filter(None, [result.answer]), *result.suggestions]:
            assert 0.0 <= item.score <= 1.0


def test_json_contract(index: Index) -> None:
    data = result_to_json(search_index(index, "what did the coalition pledge", top=2))
    assert list(data) == ["query", "answer", "suggestions"]
    assert data["query"] == "what did the coalition pledge"
    assert list(data["answer"]) == ["source", "article", "question", "section", "text", "score"]
    assert data["answer"]["source"] == "article"
    assert data["answer"]["article"] == "article"
    assert data["answer"]["question"] is None
    assert isinstance(data["answer"]["score"], float)
    assert len(data["suggestions"]) == 1


# The index


def test_the_index_is_plain_data_that_survives_json(index: Index) -> None:
    copy = json.loads(json.dumps(index))
    assert copy == index
    question = "when will the war in ukraine end, is peace possible"
    assert search_index(copy, question) == search_index(index, question)


def test_answer_builds_the_index_itself() -> None:
    result = answer([garden()], "how often to water tomatos")
    assert result.answer is not None
    assert (result.answer.article, result.answer.question) == (
        "garden", "How often should I water tomatoes?")


def test_another_article_answers_from_its_own_words() -> None:
    articles = [garden()]
    passage = answer(articles, "what keeps slugs off the lettuce").answer
    assert passage is not None and passage.section == "Pests"
    assert answer(articles, "where do gardeners dig compost in").answer is not None
    assert answer(articles, "what did putin say").answer is None


def test_every_result_names_its_article_in_a_library(index: Index) -> None:
    both = build_index([load_article(BUNDLED), garden()])
    found = search_index(both, "which compost is best").answer
    assert found is not None and found.article == "garden"
    found = search_index(both, "what did putin say").answer
    assert found is not None and found.article == "article"
