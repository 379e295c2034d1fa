"""Words for matching: normalisation, tokens, stems, stop words and typo candidates.

Pure functions over strings; the matcher builds on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no type information

# Typographic apostrophes (U+2019 and kin) become plain ones, so both spellings of
# "Putin's" agree.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
                              "`": "'"})
# Letters and digits of any script ("Путин", "Søren", "東京"), not only a-z.
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
LONGEST_TYPO_WORD = 40

# Function words (contractions closed up: "I'm" is "im"), question frames ("tell me
# about", "what does it mean"), light verbs and chat fillers ("hey", "basically")
# that carry no topic. "say" is deliberately not here: "what did X say" asks for a
# statement.
_STOP_TEXT = """
a about above across after again against all almost along already also although always am
among an and another any anybody anyone anything anyway anywhere are around as at be became
because become been before being below beside besides between both but by can cannot could
did do does doing done down during each either else enough etc even ever every everybody
everyone everything except few for from further get gets getting give given gives go goes
going gone got had has have having he her here hers herself him himself his how however i if
in into is it its itself just least less let lot lots made make makes many may me might mine
more most much must my myself near need neither no nor not now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps please quite rather
really same shall she should since so some somebody someone something sometimes somewhere such
take takes taking tell than that the their theirs them themselves then there these they thing
things this those though through thus to too toward towards under until up upon us very via
was we were what whatever when whenever where whereas wherever whether which while who whoever
whom whose why will with within without would yet you your yours yourself yourselves know
explain describe mean meant
hey hi hello ok okay yeah actually basically thanks
im ive id youre youve youd hes shes theyre theyve weve thats theres heres whats whos wheres
whens hows whys dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt arent wasnt werent
hasnt havent hadnt lets
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _combining_marks() -> re.Pattern[str]:
    """The accents NFKD splits off letters: the combining diacritical marks and their
    supplements (a class lookup per character would be several times slower). Compiled
    at the first text that is not ASCII, not on every start (about 0.4 ms)."""
    return re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise(text: str) -> str:
    """Case-folded text without accents, with plain apostrophes."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():  # most text: nothing to decompose (and this runs for every word)
        return text.lower()
    text = _combining_marks().sub("", unicodedata.normalize("NFKD", text))
    return text.casefold().translate(_APOSTROPHES)


def words(text: str) -> list[str]:
    """The words of ``text``, normalised; a possessive "'s" is dropped, other
    apostrophes are closed up ("don't" -> "dont")."""
    return [_close_up(word) if "'" in word else word for word in _WORD.findall(normalise(text))]


# A question may open with a preposition or a conjunction before its question word
# ("by how much", "in what year", "and when"): what it asks is told from there on.
_LEADING = frozenset(["by", "in", "for", "to", "from", "at", "on", "of", "since", "until",
                      "till", "with", "within", "after", "before", "during", "about", "and",
                      "but", "so", "then"])
_QUESTION_WORDS = frozenset(["how", "what", "whats", "when", "where", "which", "who", "whom",
                             "whose", "why"])


def asked_words(question: str) -> list[str]:
    """The words of a question from its question word on, when only prepositions and
    conjunctions come before it ("by how many percent" -> "how many percent")."""
    found = words(question)
    for at, word in enumerate(found[:4]):
        if word in _QUESTION_WORDS:
            return found[at:]
        if word not in _LEADING:
            break
    return found


def _close_up(word: str) -> str:
    return (word[:-2] if word.endswith("'s") else word).replace("'", "")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


# A word as ``search`` finds and marks it (articles/search.py): letters, digits and
# underscores, with apostrophes within.
SEARCH_WORD = r"\w+(?:['\u2019]\w+)*"


def chunk_stems(chunk: str) -> str:
    """The stem of each word ``search`` finds in a run of text without whitespace,
    space-separated: what the full-text index holds for it (articles/search.py)."""
    found = []
    for token in re.findall(SEARCH_WORD, chunk):
        simple = token.isascii() and token.isalnum()
        stems = " ".join(stem(word) for word in ([token.lower()] if simple else words(token)))
        if stems:
            found.append(stems)
    return " ".join(found)


def content_words(text: str) -> Iterator[str]:
    return (word for word in words(text) if word not in STOP_WORDS)


def edits1(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    splits = [(word[:index], word[index:]) for index in range(len(word) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    transposes = [left + right[1] + right[0] + right[2:]
                  for left, right in splits if len(right) > 1]
    replaces = [left + char + right[1:] for left, right in splits if right for char in _LETTERS]
    inserts = [left + char + right for left, right in splits for char in _LETTERS]
    return set(deletes + transposes + replaces + inserts)


def typo_candidates(word: str, vocabulary: Iterable[str]) -> set[str]:
    """The words of ``vocabulary`` (a set or mapping, for fast membership) one typo away."""
    if len(word) > LONGEST_TYPO_WORD:
        # edits1 builds ~54n strings of n letters: 250 MB at 2,000 letters, and a
        # 100,000-letter question would exhaust memory. No real word is that long.
        return set()
    known = vocabulary if isinstance(vocabulary, (set, frozenset, Mapping)) else set(vocabulary)
    return {candidate for candidate in edits1(word) if candidate in known and candidate != word}


def edit_distance(first: str, second: str, limit: int) -> int:
    """The number of deletions, insertions, substitutions and swaps of neighbours
    that turn ``first`` into ``second``, or ``limit`` + 1 when it is more than ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for row, mine in enumerate(first, 1):
        current = [row] + [0] * len(second)
        for column, theirs in enumerate(second, 1):
            current[column] = min(previous[column] + 1, current[column - 1] + 1,
                                  previous[column - 1] + (mine != theirs))
            if (row > 1 and column > 1 and mine == second[column - 2]
                    and first[row - 2] == theirs):
                current[column] = min(current[column], before[column - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def far_typo_candidates(word: str, vocabulary: Iterable[str], edits: int = 2) -> set[str]:
    """The words of ``vocabulary`` at most ``edits`` typing slips from ``word``.

    Slips drop, double or swap letters far more often than they replace them, and
    two replaced letters are how different words differ ("inflation", "isolation"):
    so the two words must have nearly the same letters. Readers seldom get the first
    letter wrong, and requiring it keeps this cheap."""
    letters = Counter(word)
    return {candidate for candidate in vocabulary
            if candidate[:1] == word[:1] and candidate != word
            and edit_distance(word, candidate, edits) <= edits
            and (letters - Counter(candidate)).total()
            + (Counter(candidate) - letters).total() <= edits}
