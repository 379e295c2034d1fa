"""What a question about a quantity measures, and whether a text gives that measure.

kinds.py tells a question that wants a number ("how much", "how many"); this module
says which number: "how much did it cost" wants money, "how heavy" a weight, "how
many staff" a count of staff. A text that holds some number but not that one (a
passage giving the fleet's size to "how many staff work there") holds the words of
the question without its answer. The units are those of English at large: currency
signs and names, the metric and imperial units, percentages, ages and durations.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

from .words import STOP_WORDS, asked_words, normalise, stem

MONEY = "money"
WEIGHT = "weight"
SPEED = "speed"
LENGTH = "length"
AREA = "area"
TEMPERATURE = "temperature"
PERCENT = "percent"
DURATION = "duration"
AGE = "age"
COUNT = "count"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Currency signs (the letters of A$ or HK$ are tokens of their own, before the sign).
_SIGNS = frozenset("$£€¥₹₩₽₺₪")
_UNITS: dict[str, frozenset[str]] = {
    MONEY: _words("""
        dollar dollars usd pound pounds gbp sterling euro euros eur cent cents pence penny yen jpy
        yuan rmb cny renminbi rupee rupees inr franc francs chf crown crowns krona kronor krone
        kroner sek nok dkk peso pesos rand reais rouble roubles ruble rubles lira zloty shekel
        shekels dirham dirhams riyal riyals naira baht ringgit quid bucks aud cad nzd rs p"""),
    WEIGHT: _words("""
        kg kgs kilogram kilograms kilogramme kilogrammes kilo kilos g gram grams gramme grammes
        mg milligram milligrams tonne tonnes ton tons t lb lbs pound pounds ounce ounces oz"""),
    SPEED: _words("mph kph kmh knot knots mach mbps gbps kbps ghz mhz rpm"),
    LENGTH: _words("""
        km kms kilometre kilometres kilometer kilometers m metre metres meter meters cm
        centimetre centimetres centimeter centimeters mm millimetre millimetres millimeter
        millimeters mile miles mi feet foot ft inch inches yard yards yd"""),
    AREA: _words("acre acres hectare hectares ha sq"),
    TEMPERATURE: _words("° degree degrees celsius fahrenheit c f"),
    PERCENT: _words("% percent percentage"),
    DURATION: _words("""
        year years yr yrs month months week weeks day days hour hours hr hrs h minute minutes
        min mins second seconds sec secs decade decades fortnight fortnights"""),
}
# Words of a question that say what it measures.
_CUES: dict[str, frozenset[str]] = {
    MONEY: _words("""
    cost costs costing costed price prices priced pay pays paid paying payment payments spend
    spends spent spending earn earns earned earning earnings salary salaries wage wages money
    cash funding fund funds funded budget budgets fee fees fine fines fined charge charges
    charged worth afford bill tax taxes revenue revenues profit profits income grant grants
    invest invested investment subsidy subsidies compensation donation donations loan loans debt
    fare fares quid dollars euros bucks expensive cheaper"""),
    WEIGHT: _words("heavy heavier heaviest weigh weighs weighed weight mass"),
    SPEED: _words("fast faster fastest speed speeds velocity"),
    # Not "high", "far" or "deep": "how high is inflation", "how far have prices fallen".
    LENGTH: _words("tall taller tallest length distance height depth width"),
    # "the length of his contract" is a time.
    DURATION: _words("length"),
    AREA: _words("area acre acres hectare hectares"),
    TEMPERATURE: _words("""
        temperature temperatures hot hotter hottest warm warmer cold colder celsius fahrenheit
        degrees"""),
    PERCENT: _words("percentage percent proportion fraction portion"),
    AGE: _words("old age aged"),
}
# "How fast", "how heavy": the word after "how" says what is measured.
_HOW = {"fast": SPEED, "quickly": SPEED, "heavy": WEIGHT, "tall": LENGTH, "old": AGE,
        "hot": TEMPERATURE, "cold": TEMPERATURE, "warm": TEMPERATURE}
# Questions about what was said, caused or meant, whatever sums they name.
_TELLING = frozenset(map(stem, _words("say said says cause caused happen react mean why")))
# A change ("how much did rents rise") is as often told as a percentage.
_CHANGES = frozenset(map(stem, _words("""
    rise rose risen fall fell fallen drop grow grew grown increase decrease climb jump decline
    cut shrink shrank shrunk soar surge plunge slump tumble spike double triple halve gain lose
    lost raise hike boost higher lower up down more less""")))
# Word forms, not stems: "how long is the waiting list" is not about waiting.
_LASTING = _words("""
    last lasts lasted take takes took taken wait waits waited extend extended stay stays stayed
    run runs ran continue continues continued remain remains remained been""")
_NUMBER_WORDS = _words("""
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion dozen dozens
    half quarter third thirds""")
# Between a number and its unit: "4.5 million euros", "3bn dollars" ("per cent" is a unit).
_SCALES = _words("""
    hundred thousand million millions billion billions trillion m bn mn k a an""")
# A sum's scale ("1.2 million a year"), not a count's ("millions of", "a hundred").
_MONEY_SCALES = _SCALES - _words("hundred millions billions a an")
# Measures told in words, with no number: "half of them", "it is free", "until May".
_WORDED = {
    PERCENT: _words("""
        half halves third thirds quarter quarters fifth fifths majority most doubled tripled
        quadrupled halved twice"""),
    MONEY: _words("free nothing"),
    DURATION: _words("""
        until till indefinitely indefinite permanently permanent since within decades"""),
}
# The same in two words: "at no cost", "no charge".
_WORDED_PAIRS = {MONEY: frozenset([("no", "cost"), ("no", "charge"), ("no", "fee")])}
# Before a bare age: "aged 45", "she is 45", "at 45", "under 16".
_AGED = _words("aged age is was at turns turned under over below above")
_BUILT = _words("built launched founded opened commissioned established made dating born")
# A duration told by its ends: "since 2019", "in office from 2015", "by 2028".
_ENDS = _words("since from until by in")
# The meaning route's floor too (scoring.Weights.meaning_floor): two words this close in the
# meaning table are near-synonyms ("homes" and "houses" 0.89, "staff" and "books" 0.14).
ALIKE = 0.55


# The patterns below read texts only for a question that wants a measure: compiled
# then, not on every start (about 0.25 ms).
@lru_cache(maxsize=1)
def _apposed_age() -> re.Pattern[str]:
    """An age set off by commas after a name: "Judge Helen Marsh, 58, said"."""
    return re.compile(r"\b[A-Z][\w'-]*,\s+(?:1[01]\d|\d\d?),")


@lru_cache(maxsize=1)
def _year() -> re.Pattern[str]:
    return re.compile(r"(?:1[6-9]|20)\d\d")


@lru_cache(maxsize=1)
def _token() -> re.Pattern[str]:
    return re.compile(r"[$£€¥₹₩₽₺₪%°/]|\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)*")


class Measure(NamedTuple):
    """What a question measures: one or more kinds (any of them will do), and for a
    count the question's words for what is counted."""

    kinds: frozenset[str]
    counted: tuple[str, ...] = ()


def wanted_measure(question: str) -> Measure | None:
    """The measure a "how much / how many / what is the cost" question asks for, or
    None when it does not say (a bare "how much", "how long is the list")."""
    asked = asked_words(question)
    if asked[:1] == ["when"] or "date" in asked[:3]:
        return None  # "what date will fares rise" wants a time, not money
    stems = {stem(word) for word in asked}
    named = _named_units(asked)
    if asked[:2] == ["how", "many"]:
        counted = _counted(asked[2:])  # "how many quid", "how many years", or things
        kinds = {kind for kind, units in _UNITS.items() if counted[-1:] and counted[-1] in units}
        if not kinds:
            return Measure(frozenset([COUNT]), counted) if counted else None
    elif asked[:2] == ["how", "long"]:
        # "how long will the pay talks last": a duration, whatever else it names; "how
        # long is the waiting list" may want a count, a length or a time.
        kinds = named or ({DURATION} if _LASTING.intersection(asked) else set())
    elif asked[:1] == ["how"] and asked[1:2] and asked[1] in _HOW:
        # "how fast does it charge" wants no money, and may be told by a time ("from
        # empty to 80% in 25 minutes").
        kinds = named or {_HOW[asked[1]]} | ({DURATION} if _HOW[asked[1]] == SPEED else set())
    elif asked[:1] == ["how"] or not _TELLING & stems:
        # A "what" question names its quantity early ("what is the annual budget");
        # "what did the opposition say about the budget" asks for no sum.
        cues = set(asked if asked[:1] == ["how"] else asked[:7])
        kinds = named or {kind for kind, words_of_kind in _CUES.items() if words_of_kind & cues}
    else:
        kinds = set()
    if asked[:3] == ["how", "much", "of"] or \
            ("share" in asked and "of" in asked[asked.index("share"):]):
        kinds.add(PERCENT)
    if not kinds:
        return None
    if _CHANGES & stems:
        kinds.add(PERCENT)
    return Measure(frozenset(kinds))


def _named_units(asked: Sequence[str]) -> set[str]:
    """The kinds of the units a question names after "in" or "per" ("how long is it in
    km"), not a time ("how much do nurses earn per year"), and not "per cent"."""
    named = set()
    for before, word in pairwise(asked):
        if before == "per" and word == "cent":
            named.add(PERCENT)
        elif before in ("in", "per") and len(word) > 1:
            named |= {kind for kind, units in _UNITS.items() if kind != DURATION and word in units}
    return named


_NAMES = {MONEY: "an amount of money", WEIGHT: "a weight", SPEED: "a speed",
          LENGTH: "a length", AREA: "an area", TEMPERATURE: "a temperature",
          PERCENT: "a percentage", DURATION: "a duration", AGE: "an age"}


def describe(measure: Measure) -> str:
    """The measure in words: "an amount of money", "a number of nurses" (matcher.py
    names only measures, as a count is never a reason to decline)."""
    if COUNT in measure.kinds:
        return f"a number of {' '.join(measure.counted)}"
    return " or ".join(sorted(_NAMES[kind] for kind in measure.kinds))


def gives_measure(text: str, measure: Measure, counted: Collection[str] = ()) -> bool:
    """Whether ``text`` holds a number of the kind ``measure`` wants: with one of its
    units, or for a count next to a word whose stem is in ``counted``."""
    tokens = _token().findall(normalise(text))
    for place, token in enumerate(tokens):
        if not (token[0].isdigit() or token in _NUMBER_WORDS or
                (token in ("a", "an") and _unit_next(tokens, place, measure))):
            continue
        before = tokens[max(0, place - 3):place]
        if any(_told(kind, token, before, tokens[place + 1:place + 4]) for kind in measure.kinds):
            return True
        # Past any scale ("4.5 million euros"), and not ("100m", "5 m") for a length.
        for after in {tuple(_after(tokens, place)), tuple(tokens[place + 1:place + 4])}:
            if any(_gives(kind, token, before, after, counted, measure.counted)
                   for kind in measure.kinds):
                return True
    present = set(tokens)
    pairs = set(pairwise(tokens)) if MONEY in measure.kinds else set()
    return any(not _WORDED.get(kind, frozenset()).isdisjoint(present) or
               not _WORDED_PAIRS.get(kind, frozenset()).isdisjoint(pairs)
               for kind in measure.kinds) or \
        (AGE in measure.kinds and _apposed_age().search(text) is not None)


def _unit_next(tokens: Sequence[str], place: int, measure: Measure) -> bool:
    """Whether an "a" or "an" counts one of a unit: "a fortnight", "an hour"."""
    following = tokens[place + 1:place + 2]
    return bool(following) and len(following[0]) > 1 and any(
        following[0] in _UNITS.get(kind, frozenset()) for kind in measure.kinds)


def _told(kind: str, number: str, before: Sequence[str], after: Sequence[str]) -> bool:
    """The ways of telling a measure that are not a number and its unit."""
    if kind == MONEY:  # "1.2 million a year", "costs 4 billion.": a sum, not of things
        return after[:1] != [] and after[0] in _MONEY_SCALES and (
            len(after) < 2 or after[1] in STOP_WORDS or after[1] in _UNITS[MONEY])
    if kind == PERCENT:  # "one in four", "nine out of ten", "three times as many"
        return after[:1] == ["times"] or (after[:1] == ["in"] and _numeric(after[1:2])) or \
            (after[:2] == ["out", "of"] and _numeric(after[2:3]))
    if kind == DURATION:  # "has run the trust since 2019", "to finish by 2028"
        return bool(_year().fullmatch(number)) and bool(before) and before[-1] in _ENDS
    return False


def _numeric(found: Sequence[str]) -> bool:
    return bool(found) and (found[0][0].isdigit() or found[0] in _NUMBER_WORDS)


def _gives(kind: str, number: str, before: Sequence[str], after: Sequence[str],
           counted: Collection[str], counted_words: Sequence[str]) -> bool:
    if kind == COUNT:
        return any(stem(word) in counted or _alike(word, counted_words)
                   for word in (*before, *after))
    if kind == AGE:
        return "old" in after[:3] or bool(before and before[-1] in _AGED) or \
            bool(_year().fullmatch(number) and _BUILT.intersection(before))
    if kind == MONEY and ((before and (before[-1] in _SIGNS or before[-1] in _UNITS[MONEY]))
                          or (after[:1] and after[0] in _SIGNS)):
        return True  # "$5", "GBP 45 million", "Rs 500", "8 €"
    if kind == AREA and (after[:1] == ("square",) or after[:2] == ("sq",) or
                         (after[:1] and after[0] in _UNITS[LENGTH] and after[1:2] == ("2",))):
        return True  # "20 square miles", "20 km²" (read as "km 2")
    if kind == SPEED and any(word in ("per", "/", "an", "a") for word in after[1:3]) and \
            after[:1] and after[0] in _UNITS[LENGTH]:
        return True
    if kind == PERCENT and tuple(after[:2]) == ("per", "cent"):
        return True
    units = _UNITS[kind]
    # A lone letter ("c", "m", "t") is a unit only right after the number.
    return bool(after) and (after[0] in units or
                            any(len(word) > 1 and word in units for word in after[1:]))


def _alike(word: str, others: Sequence[str]) -> bool:
    """Whether ``word`` means nearly what one of ``others`` does, as the meaning table's
    word vectors tell ("adults" for "people", "workforce" for "workers")."""
    if not word[0].isalpha() or word in STOP_WORDS:
        return False
    return any(_closeness(word, other) >= ALIKE for other in others)


@lru_cache(maxsize=4096)
def _closeness(word: str, other: str) -> float:
    from .meaning import similarity, word_vector

    mine, theirs = word_vector(word), word_vector(other)
    return similarity(mine, theirs) if mine is not None and theirs is not None else 0.0


def _after(tokens: Sequence[str], place: int) -> list[str]:
    """The three tokens after a number, past any scale words ("4.5 million euros")."""
    start = place + 1
    while start < len(tokens) and start - place <= 2 and tokens[start] in _SCALES:
        start += 1
    return list(tokens[start:start + 3])


def _counted(rest: Sequence[str]) -> tuple[str, ...]:
    """The words of what a "how many" question counts: up to two words after "many",
    to the first function word ("how many homes are under evacuation orders")."""
    found: list[str] = []
    for word in rest[:2]:
        # A verb ends it ("how many people died"), and so does a plural ("how many
        # students took part"); not the "e" of "e-books".
        if word in STOP_WORDS or word.endswith("ed"):
            break
        if len(word) > 1:
            found.append(word)
            if word.endswith("s"):
                break
    return tuple(found)
