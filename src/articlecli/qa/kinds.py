"""What kind of answer a question asks for, from its first words, and whether a
text can give one: "where" wants a place, "how many" a number, "when" a time,
"who" a person or body, "why" a reason. Other questions do not say clearly enough to be used."""

from __future__ import annotations

import re
from functools import cache

from .words import asked_words

PLACE = "place"
NUMBER = "number"
TIME = "time"
PERSON = "person"
REASON = "reason"

_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
]
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"]
# Compiled on first use (functools.cache, below): most questions ask for no kind, and
# compiling them all costs about 1.5 ms of every ask.
_PATTERN_TEXTS: dict[str, tuple[str, int]] = {
    PLACE: (r"\b(?:in|at|near|inside|outside|from|to|across)\s+(?:the\s+)?[A-Z]", 0),
    NUMBER: (
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
        r"thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|"
        r"billions|dozen|dozens|half|quarter|third|double|twice|triple)\b", re.IGNORECASE),
    TIME: (
        r"\b(?:1[89]\d\d|20\d\d|" + "|".join(_MONTHS + _DAYS) + r"|today|tomorrow|yesterday|"
        r"tonight|morning|afternoon|evening|midnight|noon|week|weeks|month|months|year|years|"
        r"decade|decades|century|spring|summer|autumn|fall|winter|soon|later|next|last|until|"
        r"since|before|after|ago|daily|hourly|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.))\b",
        re.IGNORECASE),
    REASON: (r"\b(?:because|due|since|reason|reasons|caused|causes|cause|led|driven|"
                        r"blamed|after|so|thanks|result|why)\b", re.IGNORECASE),
    PERSON: (r"\s[A-Z][a-z]|\b(?:minister|president|official|officials|spokesperson|"
                       r"spokesman|spokeswoman|chief|director|head|council|government|agency|"
                       r"company|researchers|scientists|experts|team|group)\b", re.IGNORECASE),
}
_NUMBER_STARTS = (["how", "many"], ["how", "much"], ["what", "percentage"], ["how", "long"],
                  ["how", "far"], ["how", "fast"], ["how", "big"], ["how", "old"],
                  ["what", "percent"], ["how", "high"], ["how", "large"], ["how", "heavy"],
                  ["how", "tall"], ["how", "expensive"], ["how", "hot"], ["how", "cold"],
                  ["how", "warm"], ["how", "deep"], ["how", "wide"])
_TIME_STARTS = (["when"], ["what", "time"], ["what", "date"], ["what", "year"], ["what", "day"],
                ["how", "soon"], ["by", "when"], ["since", "when"], ["which", "year"])


_REASON_STARTS = (["why"], ["how", "come"], ["what", "caused"], ["what", "causes"],
                  ["what", "reason"], ["for", "what", "reason"])


# "What is the cost/price/rate of ...": a "what" question about a quantity.
_QUANTITIES = frozenset([
    "cost", "costs", "price", "prices", "fee", "fees", "budget", "salary", "wage", "wages",
    "percentage", "percent", "rate", "rates", "population", "temperature", "amount", "size",
    "height", "weight", "length", "distance", "speed", "age", "total", "number", "figure",
    "score", "value", "capacity",
])


def wanted_kind(question: str) -> str | None:
    every = asked_words(question)
    found = every[:3]
    if found[:1] in (["what"], ["whats"]) and _QUANTITIES & set(every):
        return NUMBER
    if any(found[:len(start)] == start for start in _REASON_STARTS):
        return REASON
    if found[:1] == ["where"]:
        return PLACE
    if found[:1] in (["who"], ["whom"]):
        return PERSON
    if any(found[:len(start)] == start for start in _NUMBER_STARTS):
        return NUMBER
    if any(found[:len(start)] == start for start in _TIME_STARTS):
        return TIME
    return None


def holds_kind(text: str, kind: str) -> bool:
    return bool(_pattern(kind).search(text))


@cache
def _pattern(kind: str) -> re.Pattern[str]:
    return re.compile(*_PATTERN_TEXTS[kind])
