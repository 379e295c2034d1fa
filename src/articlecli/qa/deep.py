"""A second look at the candidates, when words and the static meaning table leave the
answer uncertain: the sentence encoder (encoder.py) reads the question and each
candidate as a whole, which a table of word vectors cannot ("Can I spot it with just
my eyes?" and "Do I need a telescope?").

A candidate's meaning becomes the encoder's closest cosine between the question and
the unit (its heading and text) or one of its parts (a passage's sentence with its
heading, or an FAQ entry's answer): an answer is usually one sentence, and a long
passage's vector blurs it. An FAQ entry's own question is compared as well. The
encoder costs far more than the rest of a question, so matcher.py asks for this only
below ``Weights.deep_below`` (or when the best candidate's article lacks one of the
question's telling words), and vectors are kept (here for the run, and in the store).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from .index import DeepMeanings, Index, Unit, UnitKind, Vector
from .scoring import Candidate, closeness, with_leads
from .sentences import sentences
from .terms import Term
from .words import words

# A passage is read as a whole (its first 256 tokens, as the encoder cuts a text)
# and by its first sentences, at most this many: a paragraph seldom has more (5 at
# most in eval/corpus), and a passage of thousands of sentences (a text with no
# blank lines) would otherwise cost minutes and hundreds of MiB to encode.
MOST_PARTS = 8

# How much closer a word must bring the reader's question to an FAQ entry's for the
# entry to explain it (explains_what_is_lacking). Chosen on the tuning half, among
# the 18 questions whose best candidate was an FAQ entry held back only by the
# words its article lacks: where the entry was right, the words brought the two
# questions closer by 0.056 to 0.233 in 9 of 12; where it was wrong (6), at least
# one of the words by no more than 0.041.
EXPLAINED = 0.05

# Texts encoded in this run, a few thousand at most (a vector is about 14 KiB as a
# tuple): an interactive session asks again and again. Browse asks from a thread.
_KEPT: dict[str, Vector | None] = {}
_KEEP_AT_MOST = 2_000
_LOCK = threading.Lock()
_LOOKS = [0]  # second looks in this run: from the second on, it is a session


def deepen(index: Index, candidates: list[Candidate], question: str) -> bool:
    """Give the candidates their meaning evidence from the sentence encoder; False
    (and the candidates as they were) when the question has nothing to encode."""
    _LOOKS[0] += 1
    (asked,) = _encoded([question])
    if asked is None or not candidates:
        return False
    found = index.deep_meanings([candidate.unit for candidate in candidates])
    for candidate, (whole, own_question, parts) in zip(candidates, found, strict=True):
        evidence = candidate.evidence
        candidate.evidence = evidence._replace(
            meaning=max(closeness(asked, vector) for vector in (whole, *parts)),
            question_meaning=closeness(asked, own_question) if evidence.faq else 0.0)
    with_leads(candidates)
    return True


def explains_what_is_lacking(index: Index, terms: Sequence[Term], question: str,
                             unit: int) -> bool:
    """Whether FAQ entry ``unit``'s own question explains every telling word of the
    reader's that its article lacks: with the word, the reader's question is closer
    to the entry's (by EXPLAINED) than without it. "permit duration?" is "How long
    does the permit last?" though the article never says "duration"; "how much did
    the telescope cost" is not "How much did the new oven cost?", and without
    "telescope" it comes closer to it."""
    span = index.article_span(unit)
    telling = [term for term in terms if term.telling] or list(terms)
    lacking = [term.word.split() for term in telling
               if not any(found in span for found in index.units_with_any(term.matches))]
    asked = words(question)
    if not lacking or not all(set(word) <= set(asked) for word in lacking):
        return False
    without = [" ".join(word for word in asked if word not in set(left_out))
               for left_out in lacking]
    own = index.units[unit].question or ""
    reader, entry, *less = _encoded([" ".join(asked), own, *without])
    return all(closeness(reader, entry) - closeness(shorter, entry) >= EXPLAINED
               for shorter in less)


def unit_vectors(units: Sequence[Unit]) -> list[DeepMeanings]:
    """Each unit's whole, own-question and parts' vectors, encoded in one batch."""
    texts: list[str] = []
    shapes = []
    for unit in units:
        parts = [unit.text] if unit.kind is UnitKind.FAQ else \
            [f"{unit.heading} {sentence}" for sentence in sentences(unit.text)[:MOST_PARTS]]
        texts += [f"{unit.heading} {unit.text}", unit.question or "", *parts]
        shapes.append(len(parts))
    vectors = iter(_encoded(texts))
    found: list[DeepMeanings] = []
    for count in shapes:
        whole, own_question = next(vectors), next(vectors)
        parts_found = tuple(vector for vector in (next(vectors) for _ in range(count))
                            if vector is not None)
        found.append((whole, own_question, parts_found))
    return found


def _encoded(texts: Sequence[str]) -> list[Vector | None]:
    with _LOCK:
        known = {text: _KEPT[text] for text in texts if text in _KEPT}
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    if missing:
        from .encoder import encode

        made = dict(zip(missing, encode(missing, again=_LOOKS[0] > 1), strict=True))
        known.update(made)
        with _LOCK:
            if len(_KEPT) + len(made) > _KEEP_AT_MOST:
                _KEPT.clear()
            _KEPT.update(made)
    return [known[text] for text in texts]
