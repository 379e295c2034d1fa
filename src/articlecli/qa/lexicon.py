"""General English knowledge for matching question words to article words: related
words from WordNet (data/related-en.tsv, made by scripts/make_related.py), number
words, and common short forms. Nothing here comes from any article.

The WordNet table is sorted by headword, so a word is found by binary search over
the file's bytes, read once: no parsing of the whole table on start-up.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from pathlib import Path

RELATED_TABLE = Path(__file__).parents[1] / "data" / "related-en.tsv"

# Relations of the table, strongest first.
SYNONYM = "syn"
DERIVED = "der"
SHORT_FORM = "abbr"

_NUMBERS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]
NUMBER_WORDS = {word: str(value) for value, word in enumerate(_NUMBERS)}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
                     "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
                     "thousand": "1000", "first": "1st", "second": "2nd", "third": "3rd"})
DIGITS = {digits: word for word, digits in NUMBER_WORDS.items()}

# Short forms readers type that WordNet does not list (chat and headline English).
SHORT_FORMS = {
    "ppl": "people", "govt": "government", "gov": "government", "dept": "department",
    "info": "information", "approx": "approximately", "pct": "percent", "yr": "year",
    "yrs": "years", "hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes",
    "km": "kilometre", "kms": "kilometres", "kmh": "kilometres", "mph": "miles",
    "kg": "kilogram", "kgs": "kilograms", "lb": "pound", "lbs": "pounds", "sq": "square",
    "ft": "feet", "m": "million", "bn": "billion", "k": "thousand", "tn": "trillion",
    "pc": "percent", "temp": "temperature", "temps": "temperatures", "intl": "international",
    "natl": "national", "mgmt": "management", "biz": "business", "docs": "doctors",
    "uni": "university", "hosp": "hospital", "meds": "medicines", "vax": "vaccine",
    "pm": "minister", "mp": "parliament",
    "ceo": "chief", "uk": "britain", "us": "america", "usa": "america", "eu": "europe",
}



def related_words(word: str) -> dict[str, str]:
    """WordNet's words related to ``word`` (its most frequent sense), each with its
    relation: a synonym, a derived form, or a short form."""
    line = _lookup(word.lower())
    if line is None:
        return {}
    related: dict[str, str] = {}
    for field in line.split("\t")[1:]:
        relation, _, listed = field.partition(":")
        for other in listed.split(","):
            if other and other != word:
                related.setdefault(other, relation)
    return related


@lru_cache(maxsize=4096)
def _lookup(word: str) -> str | None:
    table = _table()
    key = word.encode("utf-8")
    low, high = _first_entry(table), len(table)
    while low < high:
        middle = (low + high) // 2
        start = table.rfind(b"\n", low, middle) + 1 if middle > low else low
        start = max(start, low)
        end = table.find(b"\n", start)
        end = len(table) if end < 0 else end
        headword = table[start:table.find(b"\t", start, end) if b"\t" in table[start:end]
                         else end]
        if headword == key:
            return table[start:end].decode("utf-8")
        if headword < key:
            low = end + 1
        else:
            high = start
    return None


@lru_cache(maxsize=1)
def _table() -> bytes | mmap.mmap:
    """The table, mapped: a question looks at a few pages of its 2 MB, and reading it
    all took about 1.5 ms of every ask."""
    try:
        with RELATED_TABLE.open("rb") as file:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # a damaged install (or an empty table): no related words
        return b""


def _first_entry(table: bytes | mmap.mmap) -> int:
    """Where the entries start, after the '#' header lines."""
    position = 0
    while table[position:position + 1] == b"#":
        position = table.find(b"\n", position) + 1 or len(table)
    return position
