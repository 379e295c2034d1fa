"""How common a word is in English at large, from a word-frequency list.

An article is too short to tell on its own whether a word is telling: "want" may
occur in a single paragraph, yet a reader who types it says little about what
they are after, while a rare word ("tariff") says a lot, all the more when the
article never uses it. The matcher scales each question word's weight by its
commonness here, graded by the word's rank in data/wordfreq-en.txt (the 10,000
most frequent English words, each with all its forms, as stems, most frequent
first; see scripts/make_wordfreq.py): the top few hundred are framing words
readers wrap around any topic ("happen", "soon", "send"), and the weight rises
with the logarithm of the rank, as frequencies fall off in natural language, to 1
for words beyond the list ("tariff", "Tokyo"). Function words are not weighed
here: text.STOP_WORDS drops them first.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from ..errors import InstallationDamaged
from .lookup import LineLookup
from .words import LONGEST_TYPO_WORD, edits1, stem

WORD_LIST = Path(__file__).parents[1] / "data" / "wordfreq-en.txt"
WORD_INDEX = WORD_LIST.with_suffix(".idx")

# The weight of a framing word, and the rank up to which a word is one.
FRAMING = 0.2
FRAMING_RANK = 400
# A misspelling is corrected towards words up to this rank, in words this long.
COMMON_RANK = 3000
MISSPELLING_MIN_LENGTH = 6


@lru_cache(maxsize=1)
def _ranks() -> Mapping[str, int]:
    """Each listed stem's rank (1 for the most frequent); opened once per process.
    Through the list's hash index (lookup.py): a question looks up a few stems, and a
    dict of all 10,000 would take 1.3 ms to build."""
    try:
        return LineLookup(WORD_LIST, WORD_INDEX, first=1)
    except (OSError, ValueError) as error:
        raise InstallationDamaged(str(WORD_LIST), str(error)) from error


def list_start(data: bytes) -> int:
    """Where the stems begin in the list's file: after its header and a blank line."""
    return data.index(b"\n\n") + 2


def rank(word: str) -> int | None:
    """The rank of ``word`` among English words by frequency, all its forms counted
    together ("sending" ranks as "send"); None for a word beyond the list."""
    return _ranks().get(stem(word))


def is_english(word: str) -> bool:
    """``word`` (in some form) is among the listed English words: a real word, not a slip."""
    return rank(word) is not None


def english_spelling(word: str) -> str | None:
    """The stem of the common English word that ``word`` misspells by one typing slip
    ("posible" -> "possibl"), or None. Only for longer words that are not words
    themselves, and only towards common words with the same first letter: a short
    or rare-looking word ("nato", "paris", "biden") is more likely a name than a slip."""
    if not MISSPELLING_MIN_LENGTH <= len(word) <= LONGEST_TYPO_WORD or is_english(word):
        return None
    ranks = _ranks()
    found = [(ranks[candidate], candidate) for candidate in edits1(stem(word))
             if candidate[:1] == word[:1] and ranks.get(candidate, COMMON_RANK + 1) <= COMMON_RANK]
    return min(found)[1] if found else None


def rarity(word: str) -> float:
    """How rare ``word`` is in English, from 0 (a framing word, rank up to
    FRAMING_RANK) to 1 (a word beyond the list), by the logarithm of its rank."""
    found = rank(word)
    if found is None:
        return 1.0
    span = math.log(len(_ranks()) / FRAMING_RANK)
    return min(1.0, max(0.0, math.log(found / FRAMING_RANK) / span))


def commonness_factor(word: str) -> float:
    """How much a question word counts, from 1 (rare in English, telling) down to
    FRAMING (a word readers wrap around any topic)."""
    return FRAMING + (1 - FRAMING) * rarity(word)
