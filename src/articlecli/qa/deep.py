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

# A passage is read as a whole (its first 256 tokens, as the encoder cuts a text)
# and by its first sentences, at most this many: a paragraph seldom has more (5 at
# most in eval/corpus), and a passage of thousands of sentences (a text with no
# blank lines) would otherwise cost minutes and hundreds of MiB to encode.
MOST_PARTS = 8

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
