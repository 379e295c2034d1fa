"""The matcher and its word handling, as a library (no CLI)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from articlecli.articles.loader import load_article
from articlecli.model import Article, Faq, Section
from articlecli.qa.kinds import NUMBER, PLACE, REASON, TIME, wanted_kind
from articlecli.qa.matcher import (
    Index,
    Weights,
    answer,
    build_index,
    result_to_json,
    search_index,
)
from articlecli.qa.terms import question_terms
from articlecli.qa.wordfreq import FRAMING, commonness_factor
from articlecli.qa.words import (
    content_words,
    edit_distance,
    far_typo_candidates,
    stem,
    typo_candidates,
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
    assert wanted_kind("Where did it happen?") == PLACE
    assert wanted_kind("how many troops") == NUMBER
    assert wanted_kind("what date is the vote") == TIME
    assert wanted_kind("why did it fall") == wanted_kind("how come it fell") == REASON
    assert wanted_kind("what did he say") is None


# Answers


@pytest.mark.parametrize("question", [
    WARNING, "what did putin say", "WHAT DID PUTIN SAY???", "say putin what did",
])
def test_case_word_order_and_punctuation_do_not_matter(index: Index, question: str) -> None:
    result = search_index(index, question)
    assert result.answer is not None
    assert (result.answer.source, result.answer.question) == ("faq", WARNING)


def test_an_exact_faq_question_scores_near_one(index: Index) -> None:
    found = search_index(index, WARNING).answer
    assert found is not None and found.score >= 0.9


def test_slips_of_stop_words_are_dropped_and_contractions_are_stop_words() -> None:
    index = build_index([garden()])
    assert [term.word for term in question_terms(index, "wat waht is tomatoes",
                                                 Weights())] == ["tomatoes"]
    assert [term.word for term in question_terms(index, "I'm sure it's what's compost",
                                                 Weights())] == ["sure", "compost"]


def test_a_real_word_is_not_matched_as_a_slip_of_another_real_word() -> None:
    index = build_index([garden()])
    (term,) = question_terms(index, "spring", Weights())
    assert "spring" in term.matches  # itself
    (term,) = question_terms(index, "string", Weights())  # one letter from "spring"
    assert not term.matches


def test_a_name_is_a_slip_only_of_another_name_unless_the_question_is_title_case() -> None:
    index = build_index([replace(garden(), summary="The parish council and the parliament "
                                                   "back the plots.")])
    paris = next(term for term in question_terms(index, "what is bread in Paris", Weights())
                 if term.word == "paris")
    assert not paris.matches  # a city's name, not a slip of "parish"
    lower = next(term for term in question_terms(index, "what is bread in paris", Weights())
                 if term.word == "paris")
    assert "parish" in lower.matches  # written as a word, it may be one
    titled = next(term for term in question_terms(index, "What Is The Parrish Council",
                                                   Weights()) if term.word == "parrish")
    assert "parish" in titled.matches
    # a capitalised slip of a word is no name: no common word of the model's vocabulary
    slip = next(term for term in question_terms(index, "what did the Parliment back",
                                                Weights()) if term.word == "parliment")
    assert "parliament" in slip.matches


def test_routes_beyond_the_word_itself() -> None:
    """Short forms, acronyms, compounds written apart, number words, WordNet synonyms."""
    article = Article(
        title="Quake shakes the coast", published=datetime(2026, 1, 2), summary="A summary.",
        sections=(Section("Damage", (
            "The earthquake damaged two bridges 40 kilometres from the Reserve Bank of "
            "Norland. Multifactor checks slowed the e-scooter hire. Dr Ana Ruiz said the "
            "CPI rose.",)),),
        id="quake")
    index = build_index([article])

    def routes(question: str) -> dict[str, str]:
        return {term.word: max(term.matches.values())[1] if term.matches else ""
                for term in question_terms(index, question, Weights())}

    assert routes("km from the RBN") == {"km": "short form", "rbn": "acronym"}
    assert routes("multi factor escooter")["multi factor"] == "compound"
    assert routes("consumer price index")["consumer price index"] == "acronym"
    # two initials are too often another word: "Dr" is not "dosage route"
    assert {"dosage", "route"} <= set(routes("dosage route"))
    assert routes("escooter") == {"escooter": "exact"}
    assert routes("quake damage")["quake"] in ("exact", "stem")
    assert routes("temblor")["temblor"] == "synonym"
    assert routes("2 bridges")["2"] == "number"


def test_a_related_phrase_is_not_matched_by_its_particle_or_its_modifier() -> None:
    """WordNet relates "toll" to "toll-free", "charge" to "bear down" and "kids" to
    "small fry": "free", "bear" and "small" found apart in a passage are none of them."""
    article = Article(
        title="Buses", published=datetime(2026, 1, 2), summary="A summary.",
        sections=(Section("Service", ("The small free bus can bear fried fish.",)),), id="bus")
    terms = question_terms(build_index([article]), "toll charge kids", Weights())
    found = {term.word: set(term.matches) for term in terms}
    assert found["toll"] == found["charge"] == set()
    assert "small" not in found["kids"]


def test_chat_fillers_change_nothing() -> None:
    index = build_index([garden()])
    plain = search_index(index, "how often should I water tomatoes")
    chatty = search_index(index, "hey ok so basically how often should I water tomatoes, thanks")
    assert chatty.answer is not None and plain.answer is not None
    assert chatty.answer.question == plain.answer.question
    assert [match.word for match in chatty.matches] == [match.word for match in plain.matches]


def test_a_number_is_matched_only_as_that_number() -> None:
    """Closeness in meaning makes "60" near "2024" and "fifteen": a number asked for is
    that number (or its word), never another one."""
    article = Article(
        title="Fares", published=datetime(2026, 1, 2), summary="A summary.",
        sections=(Section("Prices", ("In 2024 fifteen routes cost 45 pounds.",)),), id="fares")
    [term] = question_terms(build_index([article]), "60", Weights())
    assert term.matches == {}


def test_the_summary_and_key_takeaways_can_answer() -> None:
    article = replace(garden(), summary="Raised beds warm up weeks earlier than open ground.",
                      key_takeaways=("Marigolds planted between rows deter aphids.",))
    summary = answer([article], "do raised beds warm up earlier").answer
    assert summary is not None and (summary.source, summary.section) == ("article", "Summary")
    takeaway = answer([article], "what deters aphids").answer
    assert takeaway is not None and takeaway.section == "Key Takeaways"


def test_a_passage_names_the_sentence_that_answers() -> None:
    found = answer([garden()], "where do gardeners dig in compost").answer
    assert found is not None and found.section == "Soil"
    assert found.sentences == ("Gardeners in Devon dig compost in every spring.",)


def test_an_off_topic_question_is_declined_with_scored_suggestions_only(index: Index) -> None:
    result = search_index(index, "what did biden say about climate change")
    assert result.answer is None
    assert all(item.source == "faq" and item.score > 0 for item in result.suggestions)
    assert [item.score for item in result.suggestions] == sorted(
        (item.score for item in result.suggestions), reverse=True)
    assert search_index(index, "javascript promise tutorial").suggestions == []


def test_below_the_threshold_nothing_is_answered(index: Index) -> None:
    question = "putin peace talks"
    score = search_index(index, question).answer
    assert score is not None
    assert search_index(index, question, weights=Weights(threshold=score.score + 0.01)
                        ).answer is None


def test_explain_lists_each_word_route(index: Index) -> None:
    result = search_index(index, "what did puttin say about bananas")
    routes: dict[str, str] = {}
    for match in result.matches:  # best route first
        routes.setdefault(match.word, match.route)
    assert routes["puttin"] == "typo" and routes["say"] == "exact"
    assert result.unmatched == ("bananas",)
    assert result_to_json(result, explain=True)["explain"]["unmatched"] == ["bananas"]


def test_a_long_word_with_two_slips_still_finds_its_passage() -> None:
    found = answer([garden()], "why water the beds before nigthfal").answer
    assert found is not None and found.section == "Watering"


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
    assert list(data["answer"]) == ["source", "article", "question", "section", "text", "score",
                                    "sentences"]
    assert data["answer"]["source"] == "article"
    assert data["answer"]["article"] == "article"
    assert data["answer"]["question"] is None
    assert isinstance(data["answer"]["score"], float)
    assert len(data["suggestions"]) == 1


# The index


def test_the_index_is_plain_data_that_survives_json(index: Index) -> None:
    copy = Index.from_data(json.loads(json.dumps(index.to_data())))
    assert copy.to_data() == index.to_data()
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


def test_an_article_among_many_answers_about_as_surely_as_alone() -> None:
    # Over a library, a name only one article uses is rare enough to outweigh every
    # other word of the question; each candidate is judged with the words weighed
    # over its own article, so the answer stays as sure (other articles' candidates
    # still compete for it) and needs no second look.
    bundled = load_article(BUNDLED)
    said = Section("What the growers say", ("Growers say the spring was wet, and the "
                                            "council said allotments will stay open.",))
    others = [replace(garden(), id=f"garden-{number}",
                      sections=(*garden().sections, said)) for number in range(60)]
    question = "what did putin say"
    alone = search_index(build_index([bundled]), question)
    among = search_index(build_index([bundled, *others]), question)
    assert alone.answer is not None and among.answer is not None
    assert (among.answer.article, among.answer.question) == ("article", alone.answer.question)
    assert among.answer.score == pytest.approx(alone.answer.score, abs=0.1)
    assert among.second_look == alone.second_look


def bridge() -> Article:
    """A local story whose figures are a length and a count, but no cost."""
    return replace(
        garden(), title="Old Mill Bridge Reopens", id="bridge", faqs=(),
        summary="The footbridge over the Arle reopened after a year of repairs.",
        sections=(Section("The repairs", ("Engineers replaced the rotten deck of the 40-metre "
                                          "bridge and repainted its iron railings.",)),
                  Section("Who uses it", ("About 900 walkers and cyclists cross the bridge "
                                          "on a summer day, the council counted.",))))


def test_a_question_about_a_measure_the_article_does_not_give_is_declined_saying_so() -> None:
    result = answer([bridge()], "How much did the bridge repairs cost?")
    assert result.answer is None
    assert result.lacking == "an amount of money"
    assert result_to_json(result, explain=True)["explain"]["lacking"] == "an amount of money"


def test_a_question_about_a_measure_the_article_gives_is_answered() -> None:
    found = answer([bridge()], "how many cyclists cross the bridge each day").answer
    assert found is not None
    assert found.section == "Who uses it"
    long = answer([bridge()], "how long is the bridge in metres").answer
    assert long is not None
    assert long.section == "The repairs"
