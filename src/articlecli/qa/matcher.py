"""Answering a reader's question from the articles: the FAQ entry or the passage
that fits it best, or honestly nothing.

The question flows one way: its words are normalised and expanded to the article
stems that match them (terms.py), the evidence that each candidate unit answers
is gathered (scoring.py) and weighed into one confidence (confidence.py), and the
best candidate is the answer when its confidence reaches the threshold. The
score shown is that confidence, so it follows the ranking.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article
from .confidence import ANSWERING, DEEP_ANSWERING, DEEP_RANKING, RANKING, confidences
from .index import Index, Unit, UnitKind, build_index
from .measures import describe, wanted_measure
from .results import Answer, Result, WordMatch, answer_to_json, result_to_json
from .scoring import Candidate, Evidence, Weights, gather_evidence
from .terms import Term, question_terms

__all__ = ["Answer", "Index", "Result", "Weights", "answer", "answer_to_json", "build_index",
           "may_answer", "result_to_json", "search_index"]

DEFAULT_WEIGHTS = Weights()
SUGGESTIONS = 3
# Suggestions for an unanswered question must be at least this likely.
SUGGESTION_FLOOR = 0.1


def answer(articles: Sequence[Article], question: str, top: int = 1) -> Result:
    """The best answer to ``question`` from ``articles`` (and up to ``top`` - 1 more)."""
    return search_index(build_index(articles), question, top)


def search_index(index: Index, question: str, top: int = 1, *,
                 weights: Weights = DEFAULT_WEIGHTS) -> Result:
    terms = question_terms(index, question, weights)
    ranked, second_look = rank(index, terms, question, weights)
    ranked = _once(index, ranked)
    _explain_lacking_words(index, terms, question, ranked, weights)
    matches, unmatched = _explanation(terms)
    # The most confident candidate that may answer is the answer, if confident enough.
    answering = [candidate for candidate in ranked if may_answer(candidate.evidence, weights)]
    shown = ranked[:max(top, SUGGESTIONS)]  # for --explain, with the answer if it is further down
    answered = bool(answering) and answering[0].confidence >= weights.threshold
    shown += [candidate for candidate in answering[:1] if answered and candidate not in shown]
    considered = tuple(_answer(index, candidate) for candidate in shown)
    if answered:
        found = [_answer(index, candidate) for candidate in answering[:max(top, 1)]]
        return Result(question, found[0], found[1:], matches, unmatched, second_look,
                      explained=bool(answering[0].evidence.explained), candidates=considered)
    lacking = weights.measure_gate > 0 and bool(ranked) and ranked[0].evidence.measure < 0
    unrelated = bool(ranked) and ranked[0].confidence >= weights.threshold and \
        not _holds_the_words(ranked[0].evidence, weights)
    faqs = [candidate for candidate in ranked if index.units[candidate.unit].kind is UnitKind.FAQ
            and candidate.confidence >= SUGGESTION_FLOOR]
    measure = wanted_measure(question) if lacking else None
    return Result(question, None, [_answer(index, candidate)
                                   for candidate in faqs[:max(top, SUGGESTIONS)]],
                  matches, unmatched, second_look, describe(measure) if measure else None,
                  unrelated, considered)


def rank(index: Index, terms: list[Term], question: str, weights: Weights
         ) -> tuple[list[Candidate], bool]:
    """The candidates, most confident first, and whether they had a second look
    (deep.py): they do when the best of them is below ``weights.deep_below``, or its
    article lacks one of the question's telling words (words alone cannot tell a
    paraphrase from a question about something else); the ``weights.deep_candidates``
    most confident of them then go on."""
    candidates = gather_evidence(index, terms, question, weights)
    _weigh(candidates, RANKING, ANSWERING)
    second_look = False
    best = max(candidates, key=lambda item: item.confidence, default=None)
    if best is not None and (best.confidence < weights.deep_below or best.evidence.about < 1):
        from .deep import deepen

        # The most likely only: a library brings the candidates of up to five
        # articles, and the encoder reads each one's sentences the first time.
        kept = {candidate.unit for candidate in sorted(candidates, key=_most_confident_first)
                [:weights.deep_candidates]}
        candidates = [candidate for candidate in candidates if candidate.unit in kept]
        second_look = deepen(index, candidates, question)
        if second_look:
            _weigh(candidates, DEEP_RANKING, DEEP_ANSWERING)
    return sorted(candidates, key=_most_confident_first), second_look


def _most_confident_first(candidate: Candidate) -> tuple[float, int]:
    return -candidate.confidence, candidate.unit


def _once(index: Index, ranked: list[Candidate]) -> list[Candidate]:
    """Each FAQ question once, the best entry kept: an article may give one question
    twice, and both may come close (a passage's text is one unit already:
    index.answerable)."""
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for candidate in ranked:
        item = index.units[candidate.unit]
        if item.kind is UnitKind.FAQ:
            if (item.article, item.question) in seen:
                continue
            seen.add((item.article, item.question))
        kept.append(candidate)
    return kept


def _weigh(candidates: list[Candidate], ranking: Sequence[float],
           answering: Sequence[float]) -> None:
    values = confidences([item.evidence for item in candidates], ranking, answering)
    for candidate, value in zip(candidates, values, strict=True):
        candidate.confidence = value


def may_answer(evidence: Evidence, weights: Weights = DEFAULT_WEIGHTS) -> bool:
    """Whether a candidate may be the answer, however confident it is. It gives the
    measure a question asks for ("how much did it cost": an amount of money), when
    ``weights.measure_gate`` is on. Its article holds one of the question's telling
    words ("what did Putin say" is not answered from a bakery's article), or for an
    FAQ entry ``weights.faq_about`` of them: an entry's question alike but for the
    word that matters ("how much did the telescope cost", of "how much did the new
    oven cost") is sure of itself, the encoder too; unless the entry's question
    explains the words the article lacks (Evidence.explained). An FAQ entry whose own question asks
    for another kind of answer ("how many homes will it power", of "when will it produce
    power") answers only if its answer holds the kind asked for all the same."""
    return (weights.measure_gate <= 0 or evidence.measure >= 0) and \
        not (evidence.other_kind and not evidence.kind) and _holds_the_words(evidence, weights)


def _holds_the_words(evidence: Evidence, weights: Weights) -> bool:
    return bool(evidence.explained) or (evidence.about > 0 and (
        not evidence.faq or evidence.about >= weights.faq_about))


def _explain_lacking_words(index: Index, terms: list[Term], question: str,
                           ranked: list[Candidate], weights: Weights) -> None:
    """The most confident candidate, an FAQ entry held back only by the question's
    words its article lacks, may answer if its own question explains them
    (deep.explains_what_is_lacking): a paraphrase in other words ("permit
    duration?" of "How long does the permit last?")."""
    if not ranked or ranked[0].confidence < weights.threshold or \
            index.units[ranked[0].unit].kind is not UnitKind.FAQ:
        return
    best = ranked[0]
    if may_answer(best.evidence, weights) or \
            not may_answer(best.evidence._replace(about=1.0), weights):
        return
    from .deep import explains_what_is_lacking

    if explains_what_is_lacking(index, terms, question, best.unit):
        best.evidence = best.evidence._replace(explained=1.0)


def _answer(index: Index, candidate: Candidate) -> Answer:
    item: Unit = index.units[candidate.unit]
    source = "faq" if item.kind is UnitKind.FAQ else "article"
    return Answer(source, item.article, item.question, item.section, item.text,
                  round(candidate.confidence, 3), candidate.sentences)


def _explanation(terms: list[Term]) -> tuple[tuple[WordMatch, ...], tuple[str, ...]]:
    matches = tuple(WordMatch(term.word, found, route, quality)
                    for term in terms
                    for found, (quality, route) in sorted(term.matches.items(),
                                                          key=lambda item: -item[1][0])[:3])
    return matches, tuple(term.word for term in terms if not term.matches)
