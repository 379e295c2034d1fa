"""From a question to weighted terms: normalise, then expand each content word to
the article stems that count as a match, each with a quality and the route that
found it. Expansion goes from the closest route to the loosest, and looser routes
are tried only for words the articles lack in their own form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .index import FAMILY_PREFIX, Index
from .lexicon import DIGITS, NUMBER_WORDS, SHORT_FORM, SHORT_FORMS, SYNONYM, related_words
from .scoring import Weights, term_weight
from .wordfreq import english_spelling, is_english, rarity
from .words import STOP_WORDS, far_typo_candidates, stem, typo_candidates, words

EXACT = "exact"
STEM = "stem"
TYPO = "typo"
FORM = "form"
SYNONYM_ROUTE = "synonym"
DERIVED_ROUTE = "derived"
SHORT_ROUTE = "short form"
ACRONYM = "acronym"
COMPOUND = "compound"
NUMBER = "number"
MEANING = "meaning"

# Two stems are forms of one word when they share a prefix (FAMILY_PREFIX) and
# differ by no more than this many letters at the end ("diplomaci", "diplomat").
FAMILY_ENDING = 3
LONG_WORD = 7
# Above this many words, the meaning route looks only at the words of the
# MEANING_UNITS units that hold most of the question.
MEANING_VOCABULARY = 4000
MEANING_UNITS = 40


@dataclass
class Term:
    """One content word of the question and the article stems that match it."""

    word: str
    weight: float = 0.0
    telling: bool = True  # not a framing word: it counts towards coverage
    matches: dict[str, tuple[float, str]] = field(default_factory=dict)  # stem -> (q, route)

    def add(self, word_stem: str, quality: float, route: str) -> None:
        if quality > self.matches.get(word_stem, (0.0, ""))[0]:
            self.matches[word_stem] = (quality, route)

    def quality(self, word_stem: str) -> float:
        return self.matches.get(word_stem, (0.0, ""))[0]


def question_terms(index: Index, question: str, weights: Weights) -> list[Term]:
    """The question's terms, each weighted by how rare its meaning is in the articles
    and how telling the word is in English at large."""
    found = [word for word in words(question) if word not in STOP_WORDS]
    names = _names(question)
    terms: list[Term] = []
    skip = 0
    for position, word in enumerate(found):
        if skip:
            skip -= 1
            continue
        term = Term(word)
        skip = _join(index, found, position, term, weights)
        if skip == 0 and not _expand(index, word, term, weights, word in names):
            continue  # a slip of a stop word ("wat")
        terms.append(term)
    if weights.meaning > 0:
        weak = [term for term in terms
                if max((q for q, _ in term.matches.values()), default=0.0) < weights.word_form]
        if weak:  # the vocabulary reads every posting of the question's words
            _add_meanings(index, weak, _vocabulary(index, terms), weights)
    for term in terms:
        _weigh(index, term, weights)
    return terms


def _vocabulary(index: Index, terms: list[Term]) -> Mapping[str, str]:
    """The article words a weak term may mean: all of a small index's, else those of
    the units that hold most of the question's other words (a library's whole
    vocabulary is too much to compare word by word)."""
    if len(index.words) <= MEANING_VOCABULARY:
        return index.words
    held: dict[int, int] = {}
    for term in terms:
        for unit in index.units_with_any(term.matches):
            held[unit] = held.get(unit, 0) + 1
    nearby = sorted(held, key=lambda unit: (-held[unit], unit))[:MEANING_UNITS]
    return {word: index.words[word] for unit in nearby
            for word in words(f"{index.units[unit].heading} {index.units[unit].text}")
            if word in index.words}


def _add_meanings(index: Index, terms: list[Term], vocabulary: Mapping[str, str],
                  weights: Weights) -> None:
    """Article words close in meaning to a word the article lacks ("cellphones" ->
    "smartphones"), from the static embedding table: a paraphrase no list knows."""
    if not terms:
        return
    from .meaning import similarity, word_vector

    # A number means that number: "60" is not "2024", nor "age" "60".
    candidates = [(word_stem, vector) for word, word_stem in vocabulary.items()
                  if len(word) > 2 and word not in STOP_WORDS and not _has_digit(word)
                  and (vector := word_vector(word)) is not None]
    for term in terms:
        if _has_digit(term.word):
            continue
        asked = word_vector(term.word)
        if asked is None:
            continue
        for word_stem, vector in candidates:
            closeness = similarity(asked, vector)
            if closeness >= weights.meaning_floor:
                term.add(word_stem, weights.meaning * closeness, MEANING)


def _has_digit(word: str) -> bool:
    return any(char.isdigit() for char in word)


def _join(index: Index, found: list[str], position: int, term: Term, weights: Weights) -> int:
    """Words that together name one article word: a compound written apart ("multi
    factor"), or a name the article abbreviates ("consumer price index" -> CPI).
    Returns how many following words the term absorbs."""
    for size in (4, 3, 2):
        run = found[position:position + size]
        if len(run) < size or all(stem(word) in index.postings for word in run):
            continue
        for joined, route in (("".join(run), COMPOUND), ("".join(w[0] for w in run), ACRONYM)):
            # A compound joins two words; an abbreviation needs three letters, as two
            # initials are too often another word ("dosage route": "Dr").
            if (route is COMPOUND) != (size == 2):
                continue
            if joined in index.words:
                term.word = " ".join(run)
                term.add(index.words[joined],
                         weights.acronym if route is ACRONYM else weights.compound, route)
                return size - 1
    return 0


def _names(question: str) -> frozenset[str]:
    """The names the question writes ("in Paris"): words it capitalises past its first
    that are common words of the model's vocabulary but not English words (so not a
    slip, "the Parliment"); none if it capitalises most words (Title Case)."""
    tokens = question.split()[1:]
    capitalised = [token for token in tokens if token[:1].isupper() and not token.isupper()]
    if 2 * len(capitalised) > len(tokens):
        return frozenset()
    from .meaning import is_known_word

    return frozenset(word for word in words(" ".join(capitalised))
                     if is_known_word(word) and not is_english(word))


def _expand(index: Index, word: str, term: Term, weights: Weights, name: bool = False) -> bool:
    own = stem(word)
    if own in index.postings:
        term.add(own, 1.0, EXACT if word in index.words else STEM)
    else:
        spelled = english_spelling(word)
        if len(word) >= 3 and not is_english(word) and typo_candidates(word, STOP_WORDS):
            return False  # "wat", "waht": a slip of a stop word
        _loose(index, word, own, term, weights, name)
        if spelled is not None:
            term.add(spelled, weights.typo, TYPO)
    for source in [word, *(_lemma_forms(word))]:
        for other, relation in related_words(source).items():
            _add_related(index, other, term, relation, weights)
    return True


def _loose(index: Index, word: str, own: str, term: Term, weights: Weights,
           name: bool = False) -> None:
    """Routes for a word the articles lack as it is. A ``name`` (capitalised in the
    question) is a slip only of another name, not of a word ("Paris" is not "parish")."""
    for short, route in ((SHORT_FORMS.get(word), SHORT_ROUTE),
                         (NUMBER_WORDS.get(word) or DIGITS.get(word), NUMBER)):
        if short is not None and stem(short) in index.postings:
            term.add(stem(short), weights.short_form, route)
    for initials_stem in index.acronyms.get(word, ()):
        if initials_stem in index.postings:
            term.add(initials_stem, weights.acronym, ACRONYM)
    # A real word is not a slip of another real word ("cost" is not "post"), but a
    # name may be misspelt as a word ("puttin") and a word as a non-word ("scootr").
    english = is_english(word) or name
    typos = {candidate for candidate in _typos(index, word)
             if not (english and is_english(candidate))} if len(word) >= 4 else set()
    # In order: --explain lists the routes as they were added, the same on every run.
    for candidate in sorted(typos):
        term.add(index.words[candidate], weights.typo, TYPO)
    if not typos and len(word) >= LONG_WORD and not english:
        for candidate in sorted(far_typo_candidates(word,
                                                    index.words_starting_with(word[0]))):
            term.add(index.words[candidate], weights.far_typo, TYPO)
    for form in _word_forms(index, own):
        term.add(form, weights.word_form, FORM)


def _typos(index: Index, word: str) -> set[str]:
    return typo_candidates(word, index.words)


def _add_related(index: Index, other: str, term: Term, relation: str, weights: Weights) -> None:
    quality = {SYNONYM: weights.synonym, SHORT_FORM: weights.short_form}.get(
        relation, weights.derived)
    route = {SYNONYM: SYNONYM_ROUTE, SHORT_FORM: SHORT_ROUTE}.get(relation, DERIVED_ROUTE)
    spelled = words(other)
    parts = [stem(part) for part in spelled if part not in STOP_WORDS]
    if len(spelled) > 1 and (len(parts) < 2 or stem(term.word) in parts):
        # A phrasal verb means more than its verb ("charge" -> "bear down" is not
        # "bear"), and a compound of the word itself adds only a modifier ("toll" ->
        # "toll-free" is not "free").
        return
    if len(parts) == 1 and parts[0] in index.postings:
        term.add(parts[0], quality, route)
    elif len(parts) > 1 and parts[-1] in index.postings:
        # The head of a phrase names a broader thing ("mobile phone" -> "phone"); its
        # other words, found apart anywhere in a passage, name nothing ("kids" ->
        # "small fry" is not "small").
        term.add(parts[-1], quality * weights.phrase_head, route)


def _lemma_forms(word: str) -> list[str]:
    """Dictionary forms a plural or inflected word may come from: WordNet lists lemmas."""
    forms = []
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    if word.endswith("ed") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
    if word.endswith("ing") and len(word) > 5:
        forms += [word[:-3], word[:-3] + "e"]
    return forms


def _word_forms(index: Index, word_stem: str) -> list[str]:
    """Stems in the index that look like other forms of the same word."""
    def ending(other: str) -> int:
        shared = next((at for at, (mine, theirs) in enumerate(zip(word_stem, other, strict=False))
                       if mine != theirs), min(len(word_stem), len(other)))
        return max(len(word_stem), len(other)) - shared

    family = index.family(word_stem[:FAMILY_PREFIX])
    return [other for other in family if other != word_stem and ending(other) <= FAMILY_ENDING]


def _weigh(index: Index, term: Term, weights: Weights) -> None:
    """A term's meaning is as telling as it is rare in the articles (IDF over every
    unit any of its matches is in) and as the word is rare in English (scoring.py,
    ``term_weight``)."""
    term.telling = rarity(term.word.split()[-1]) > 0
    term.weight = term_weight(term.word, len(index.units_with_any(term.matches)),
                              index.unit_count, weights)
