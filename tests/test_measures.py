"""What a quantity question measures, and which texts give that measure (qa.measures)."""

from __future__ import annotations

import pytest

from articlecli.qa.measures import (
    AGE,
    AREA,
    COUNT,
    DURATION,
    LENGTH,
    MONEY,
    PERCENT,
    SPEED,
    TEMPERATURE,
    WEIGHT,
    Measure,
    gives_measure,
    wanted_measure,
)


@pytest.mark.parametrize(("question", "kinds"), [
    ("How much did the new stadium cost?", {MONEY}),
    ("how much do the keepers earn a year", {MONEY}),
    ("How heavy is the statue?", {WEIGHT}),
    ("how fast do the trains go", {SPEED, DURATION}),
    ("How deep is the lake in feet?", {LENGTH}),
    ("how tall is the tower", {LENGTH}),
    ("how big is the park in hectares", {AREA}),
    ("what was the water temperature", {TEMPERATURE}),
    ("what percentage of voters backed it", {PERCENT}),
    ("how much of the forest has burned", {PERCENT}),
    ("How long will the closure last?", {DURATION}),
    ("how long is the tunnel in km", {LENGTH}),
    ("how long did the pay talks last", {DURATION}),
    ("how much does a degree cost", {MONEY}),
    ("how fast are staff numbers rising", {SPEED, DURATION, PERCENT}),
    ("How old is the lighthouse?", {AGE}),
    ("how many miles is the trail", {LENGTH}),
    ("By how much will the fare rise?", {MONEY, PERCENT}),
    ("and how tall is the tower", {LENGTH}),
])
def test_a_quantity_question_says_what_it_measures(question: str, kinds: set[str]) -> None:
    found = wanted_measure(question)
    assert found is not None
    assert found.kinds == kinds


@pytest.mark.parametrize(("question", "counted"), [
    ("How many nurses are on strike?", ("nurses",)),
    ("how many fish species live there", ("fish", "species")),
    ("how many people died", ("people",)),
    ("how many second homes are empty", ("second", "homes")),
])
def test_a_count_names_what_is_counted(question: str, counted: tuple[str, ...]) -> None:
    assert wanted_measure(question) == Measure(frozenset([COUNT]), counted)


@pytest.mark.parametrize("question", [
    "how much did it change", "what number is on his shirt", "When will fares go up?",
    "What date do the higher prices start?", "how long is the waiting list",
    "how high is inflation", "what did the opposition say about the budget",
])
def test_a_question_that_does_not_say_what_it_measures_has_no_measure(question: str) -> None:
    assert wanted_measure(question) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("The council will spend $4.5m on repairs.", MONEY),
    ("a grant of 3 million euros", MONEY),
    ("Tickets now cost £12.", MONEY),
    ("a bid of GBP 45 million", MONEY),
    ("A coffee costs 3 €.", MONEY),
    ("The head nurse is 52.", AGE),
    ("The lake covers 20 km².", AREA),
    ("The trial costs 1.2 million a year.", MONEY),
    ("Parking is at no cost to residents.", MONEY),
    ("Shoppers pay 20p for a carrier bag.", MONEY),
    ("Judge Helen Marsh, 58, said the fine was fair.", AGE),
    ("The heatwave lasted nearly a fortnight.", DURATION),
    ("She has run the trust since 2019.", DURATION),
    ("One in four posts is vacant.", PERCENT),
    ("The budget has doubled in a decade.", PERCENT),
    ("speeds of up to 900Mbps", SPEED),
    ("The bell weighs about 400 kg.", WEIGHT),
    ("Trains will run at 160 km/h.", SPEED),
    ("a limit of 20mph", SPEED),
    ("the 100m span", LENGTH),
    ("It covers 35 hectares.", AREA),
    ("Water reached 31°C in March.", TEMPERATURE),
    ("Turnout was 64%.", PERCENT),
    ("about 30 per cent of homes", PERCENT),
    ("just over half of the reef", PERCENT),
    ("The walkout will last 48 hours.", DURATION),
    ("the 34-year-old ferry", AGE),
    ("The lighthouse was built in 1874.", AGE),
])
def test_a_text_gives_a_measure_by_its_unit(text: str, kind: str) -> None:
    assert gives_measure(text, Measure(frozenset([kind])))


@pytest.mark.parametrize(("text", "kind"), [
    ("The council employs 40 people.", MONEY),
    ("The scheme reached 1.2 million people.", MONEY),
    ("It was the 3rd attempt in 20 years.", WEIGHT),
    ("Prices rose sharply.", MONEY),
    ("In 1874 a storm hit the coast.", AGE),
])
def test_a_number_of_another_kind_is_not_the_measure(text: str, kind: str) -> None:
    assert not gives_measure(text, Measure(frozenset([kind])))


def test_a_count_needs_the_counted_word_beside_the_number() -> None:
    nurses = Measure(frozenset([COUNT]), ("nurses",))
    assert gives_measure("About 1,200 nurses walked out.", nurses, {"nurs"})
    assert not gives_measure("The strike began 3 weeks ago in 12 towns.", nurses, {"nurs"})
    assert gives_measure("It enrolled 1,140 adults.", Measure(frozenset([COUNT]), ("people",)))


@pytest.mark.parametrize(("text", "kind"), [
    ("Entry is free for residents.", MONEY),
    ("The closure will last until May.", DURATION),
])
def test_some_measures_are_told_in_words(text: str, kind: str) -> None:
    assert gives_measure(text, Measure(frozenset([kind])))


@pytest.mark.parametrize(("question", "kind"), [
    ("In what year was the bridge built?", "time"), ("By when must it be repaid?", "time"),
    ("From where did the thieves enter?", "place"), ("and why did it close", "reason"),
    ("For how many years has it run?", "number"), ("At what time does it open?", "time")])
def test_a_question_word_after_a_preposition_still_says_what_is_asked(question: str,
                                                                      kind: str) -> None:
    from articlecli.qa.kinds import wanted_kind

    assert wanted_kind(question) == kind


def test_a_preposition_before_another_word_is_not_skipped() -> None:
    from articlecli.qa.kinds import wanted_kind

    assert wanted_kind("In the end, who paid?") is None
