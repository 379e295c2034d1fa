"""The evidence that a unit answers a question, measured several ways.

- Word by word: the IDF-weighted share of the question's terms a unit holds (its
  coverage), each counted more the more often the unit holds it relative to its
  length (BM25's saturation) and less through a looser route or only in an FAQ's
  answer; the same for the unit's best sentence with its heading, since an answer
  is usually one sentence that holds the question's words together; and the
  heaviest question word that sentence lacks.
- For an FAQ entry, how alike its own question and the reader's are.
- In meaning: the cosine of static embeddings of the question and the unit (and of
  an FAQ entry's own question).
- Whether the unit holds the kind of answer asked for (a number for "how many").

confidence.py weighs the evidence into one probability that the unit answers.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress, repeat
from operator import add, not_, truediv
from typing import TYPE_CHECKING, NamedTuple

from .index import Columns, Index, Unit, UnitKind, Vector
from .kinds import NUMBER, holds_kind, wanted_kind
from .measures import ALIKE, COUNT, Measure, gives_measure, wanted_measure
from .sentences import sentences as split_sentences
from .wordfreq import commonness_factor, rarity
from .words import STOP_WORDS, stem, words

if TYPE_CHECKING:
    from .terms import Term


@dataclass(frozen=True)
class Weights:
    """The tuning constants of matching (scripts/eval_ask.py --weights NAME=VALUE)."""

    # Match qualities: what a looser route is worth against the word itself.
    typo: float = 0.85
    far_typo: float = 0.7
    word_form: float = 0.8
    synonym: float = 0.7
    derived: float = 0.75
    short_form: float = 0.9
    acronym: float = 0.9
    compound: float = 0.95
    phrase_head: float = 0.8
    # A word close in meaning (cosine of static embeddings at least meaning_floor)
    # matches with quality meaning x cosine; 0 turns the route off.
    meaning: float = 0.8
    meaning_floor: float = ALIKE
    # A word only in an FAQ's answer is weaker evidence than one in its question.
    faq_answer_field: float = 0.8
    # BM25: how fast repeats saturate, and how much length dilutes them.
    saturation: float = 0.25
    length_weight: float = 0.5
    # A word found nowhere counts up to this much more than the rarest word present.
    unknown: float = 2.5
    # An FAQ question asking for the same kind of answer (a time, a reason...) as the
    # reader's is that much more alike; one asking for another kind, that much less.
    faq_kind: float = 0.2
    # How many units, best by words first, are weighed in full (sentences, meaning).
    candidates: int = 20
    # In a library, how many articles (those of the best units by words) are judged,
    # each as if the question were asked of it alone.
    articles: int = 5
    # The answer needs at least this confidence (0..1).
    threshold: float = 0.4
    # An FAQ entry answers only when its article holds at least this share of the
    # question's telling words (why: matcher.may_answer); a passage needs one of them.
    faq_about: float = 0.6
    # 1: a question wanting a measure (measures.py) is not answered by a unit that
    # lacks it; 0 leaves that to the confidence alone.
    measure_gate: float = 1.0
    # Below this confidence the candidates get a second look from the sentence encoder
    # (deep.py); 0 turns it off.
    deep_below: float = 0.7
    # How many candidates, the most confident first, the second look reads (more in a
    # library, where up to ``articles`` articles bring theirs).
    deep_candidates: int = 30


class Evidence(NamedTuple):
    """What confidence.py weighs, each from 0 to 1 unless said otherwise."""

    lexical: float  # saturated, weighted share of the question's terms in the unit
    coverage: float  # plain weighted share
    sentence: float  # weighted share in the best sentence with the heading
    likeness: float  # FAQ: how alike the two questions are (0 for a passage)
    meaning: float  # cosine of the question and the unit
    question_meaning: float  # FAQ: cosine of the two questions (0 for a passage)
    faq: float  # 1 for an FAQ entry
    overview: float  # 1 for the summary or a key takeaway
    kind: float  # 1 when the unit holds the kind of answer asked for (or none is asked)
    missing: float  # weight share of the heaviest question word the best sentence lacks
    unknown: float  # weight share of the question's words found nowhere
    lead: float  # lexical minus the best other candidate's of its article (-1..1)
    meaning_lead: float  # meaning minus the best other candidate's
    question_lead: float  # FAQ: question_meaning minus the best other FAQ's
    lexical_rank: float  # 1 / place among the candidates by lexical (1 for the best)
    meaning_rank: float  # 1 / place by meaning
    # A question wanting a measure (money, a weight; measures.py): 1 when the unit's
    # answer gives it, -1 when it does not; 0 for other questions. ``counted`` the same
    # for a count ("how many nurses"), which is told in too many words to be sure of.
    measure: float = 0.0
    counted: float = 0.0
    # Share of the question's telling words found somewhere in the unit's article: one
    # that lacks "soon" may still answer "will there be peace soon", one that lacks
    # "electric" and "cars" hardly answers "what are the prospects for electric cars".
    about: float = 1.0
    # FAQ: 1 when its own question asks for another kind of answer than the reader's
    # ("when will it produce power" of "how many homes will it power"); not weighed.
    other_kind: float = 0.0
    # FAQ: 1 when its own question explains the telling words its article lacks
    # (deep.explains_what_is_lacking): it may answer however few of them the article
    # holds. Not weighed.
    explained: float = 0.0


def term_weight(word: str, frequency: int, unit_count: int, weights: Weights) -> float:
    """How much a question word weighs: as it is rare among the ``unit_count`` units
    (``frequency`` of them hold one of its matches: IDF) and in English at large; a
    word found nowhere counts more the rarer it is: an article that never names Biden
    is not about him, one that never says "likely" may still answer."""
    last = word.split()[-1]
    commonness = commonness_factor(last)
    if not frequency:
        frequency = 1
        commonness *= 1 + (weights.unknown - 1) * rarity(last)
    return math.log(1 + unit_count / frequency) * commonness


@dataclass
class Candidate:
    """A unit that may answer, its evidence and (a passage's) answering sentences;
    ``confidence`` is set once every candidate's evidence is known."""

    unit: int
    evidence: Evidence
    sentences: tuple[str, ...]  # the answering sentences of a passage
    confidence: float = 0.0


def gather_evidence(index: Index, terms: Sequence[Term], question: str,
                    weights: Weights) -> list[Candidate]:
    """The evidence for the candidates: the best ``weights.candidates`` units by words
    (with every FAQ entry of a small index, which a paraphrase may miss word for word).

    In a library, the words weighed over all the articles find the articles in play
    (those of the best units); each brings the candidates it would have alone, judged
    with the words weighed over it (``_Weighed``), as if the question were asked of
    that article alone: over many articles "Putin" in "what did Putin say" is rare
    enough to outweigh "say", and every passage naming him would look as good as the
    one where he speaks. Not all is as alone: the question's words are matched to
    the library's words, lengths are measured against the library's, and the
    candidates of every article in play compete (their shares, leads and places)."""
    total = sum(term.weight for term in terms)
    if not total:
        return []
    scores = _word_scores(index, terms, total, weights)
    groups = _in_play(index, terms, scores, weights)
    wanted = wanted_kind(question)
    measure = wanted_measure(question) if wanted == NUMBER else None
    counted = _counted_stems(measure, terms)
    from .meaning import text_meaning

    asked = text_meaning(question)
    every = [unit for _, units, _ in groups for unit in units]
    meanings = dict(zip(every, index.meanings(every), strict=True)) if asked else {}
    telling = [sorted(index.units_with_any(term.matches))
               for term in [term for term in terms if term.telling] or terms]
    abouts: dict[range, float] = {}
    candidates = []
    for view, units, lexical in groups:
        for unit in units:
            item = index.units[unit]
            is_faq = item.kind is UnitKind.FAQ
            sentence, lacking, sentences, best = _sentences(index, view.terms, view.total, unit)
            likeness, theirs = 0.0, None
            if is_faq:
                likeness = _faq_likeness(index, view, unit, view.share(scores.in_heading, unit))
                theirs = wanted_kind(item.question or "")
                likeness = min(1.0, likeness * _kind_agreement(wanted, theirs, weights))
            text_vector, question_vector = meanings.get(unit, (None, None))
            others = max((lexical[other] for other in units[:2] if other != unit),
                         default=0.0)
            evidence = Evidence(
                lexical=lexical[unit], coverage=view.share(scores.plain, unit),
                sentence=sentence, likeness=likeness,
                meaning=closeness(asked, text_vector),
                question_meaning=closeness(asked, question_vector) if is_faq else 0.0,
                faq=float(is_faq),
                overview=float(item.kind in (UnitKind.SUMMARY, UnitKind.TAKEAWAY)),
                kind=float(wanted is None or holds_kind(item.text if is_faq else best, wanted)),
                missing=lacking, unknown=view.unknown, lead=lexical[unit] - others,
                meaning_lead=0.0, question_lead=0.0, lexical_rank=0.0, meaning_rank=0.0,
                about=_about(index, telling, unit, abouts),
                other_kind=float(None not in (wanted, theirs) and theirs != wanted),
                **_measured(measure, item, counted))
            candidates.append(Candidate(unit, evidence, () if is_faq else sentences))
    return with_leads(candidates)


def _in_play(index: Index, terms: Sequence[Term], scores: _WordScores,
             weights: Weights
             ) -> list[tuple[_Weighed, list[int], dict[int, float]]]:
    """The candidates, article by article: for each, the terms weighed over it, its
    candidate units (best by words first) and their lexical scores. The articles are
    those of the best ``weights.candidates`` units over all (``weights.articles`` of
    them at most), and in each the candidates are the ones it would have alone."""
    ranked = _best(scores.lexical, weights.candidates)
    if not ranked or len(index.article_span(ranked[0])) >= index.unit_count:
        view = _weighed(terms, None, scores, weights)
        if index.unit_count <= weights.candidates * 4:
            ranked += [unit for unit, item in index.each_unit()
                       if item.kind is UnitKind.FAQ and unit not in scores.lexical]
        return [(view, ranked, {unit: scores.lexical.get(unit, 0.0) for unit in ranked})]
    groups = []
    for span in list(dict.fromkeys(map(index.article_span, ranked)))[:weights.articles]:
        view = _weighed(terms, span, scores, weights)
        lexical = {unit: view.share(scores.covered, unit, cap=True)
                   for unit in span if unit in scores.lexical}
        units = _best(lexical, weights.candidates)
        if len(span) <= weights.candidates * 4:
            units += [unit for unit in span if unit not in lexical and index.is_faq(unit)]
        if units:
            groups.append((view, units, {unit: lexical.get(unit, 0.0) for unit in units}))
    return groups


class _Weighed(NamedTuple):
    """The question's terms weighed over one article (or all, when the index holds
    one): the terms with those weights, their total, and the share of it the
    article lacks altogether."""

    terms: list[Term]
    total: float
    unknown: float

    def share(self, parts: list[dict[int, float]], unit: int, *, cap: bool = False) -> float:
        """The terms' weighted share of ``parts`` (each term's value by unit) in ``unit``."""
        value = sum(term.weight * part.get(unit, 0.0)
                    for term, part in zip(self.terms, parts, strict=True)) / self.total
        return min(1.0, value) if cap else value


def _weighed(terms: Sequence[Term], span: range | None, scores: _WordScores,
             weights: Weights) -> _Weighed:
    """The terms weighed over the article ``span``, as terms.py weighs them over all
    the articles (None: over all, as they are)."""
    if span is None:
        terms = list(terms)
        total = sum(term.weight for term in terms)
        return _Weighed(terms, total,
                        sum(term.weight for term in terms if not term.matches) / total)
    # The units of the article that hold each term: an article has a few dozen units,
    # a common word tens of thousands in a library.
    found = [sum(unit in held for unit in span) for held in scores.plain]
    local = [replace(term, weight=term_weight(term.word, count, len(span), weights))
             for term, count in zip(terms, found, strict=True)]
    total = sum(term.weight for term in local)
    lacking = sum(term.weight for term, count in zip(local, found, strict=True) if not count)
    return _Weighed(local, total, lacking / total)


def with_leads(candidates: list[Candidate]) -> list[Candidate]:
    """Fill in how far each candidate's meaning is ahead of the best other's, and its
    places by words and by meaning."""
    meanings = sorted((candidate.evidence.meaning for candidate in candidates), reverse=True)
    questions = sorted((candidate.evidence.question_meaning for candidate in candidates
                        if candidate.evidence.faq), reverse=True)
    for candidate in candidates:
        evidence = candidate.evidence
        other = meanings[1] if meanings[0] == evidence.meaning and len(meanings) > 1 \
            else meanings[0]
        lead = 0.0
        if evidence.faq:
            other_question = questions[1] if questions[0] == evidence.question_meaning and \
                len(questions) > 1 else questions[0]
            lead = evidence.question_meaning - other_question
        candidate.evidence = evidence._replace(meaning_lead=evidence.meaning - other,
                                               question_lead=lead)
    for field in ("lexical", "meaning"):
        ordered = sorted(candidates, key=lambda candidate: -getattr(candidate.evidence, field))
        for place, candidate in enumerate(ordered, start=1):
            candidate.evidence = candidate.evidence._replace(**{f"{field}_rank": 1 / place})
    return candidates


def _best(scores: dict[int, float], count: int) -> list[int]:
    """The ``count`` units of the highest scores (ties: the lower unit first): those
    of a large index picked out in C before the few near the top are sorted."""
    if 0 < count < len(scores):
        floor = heapq.nlargest(count, scores.values())[-1]
        scores = {unit: scores[unit] for unit in
                  compress(scores, map(floor.__le__, scores.values()))}
    return sorted(scores, key=lambda unit: (-scores[unit], unit))[:count]


class _WordScores(NamedTuple):
    lexical: dict[int, float]  # per unit: the saturated, weighted share of the terms
    covered: list[dict[int, float]]  # per term, per unit: its saturated strength
    plain: list[dict[int, float]]  # per term, per unit: its strength
    in_heading: list[dict[int, float]]  # per term, per unit: its strength in the heading


def _word_scores(index: Index, terms: Sequence[Term], total: float, weights: Weights
                 ) -> _WordScores:
    """How strongly each unit holds each term, and the units' weighted shares."""
    answer_field, length_weight = weights.faq_answer_field, weights.length_weight
    unweighted = 1 - length_weight
    faq_average = index.average_lengths.get("faq", 1.0)
    passage_average = index.average_lengths.get("passage", 1.0)
    covered: dict[int, float] = {}
    scores = _WordScores(covered, [], [], [])
    for term in terms:
        # A unit's best match, best in its heading and best in its body alone: its
        # strength is the best, or for an FAQ entry the best of the heading's and the
        # body's weakened (asked once per unit, as a library has many postings).
        plain_quality: dict[int, float] = {}
        heading_quality: dict[int, float] = {}
        body_quality: dict[int, float] = {}
        count: dict[int, int] = {}
        # The largest first (the order tells nothing: maxima and sums).
        for found, (match, _) in sorted(term.matches.items(),
                                        key=lambda item: -len(index.units_with(item[0]))):
            columns = index.posting_columns(found)
            if not count and _first_match(columns, match, plain_quality, heading_quality,
                                          body_quality, count):
                continue
            # Each max() spelt out as a comparison (qualities are never negative, so a
            # first value is the maximum).
            for unit, in_heading, in_body in zip(*columns, strict=True):
                if plain_quality.get(unit, -1.0) < match:
                    plain_quality[unit] = match
                if in_heading:
                    if heading_quality.get(unit, -1.0) < match:
                        heading_quality[unit] = match
                elif body_quality.get(unit, -1.0) < match:
                    body_quality[unit] = match
                count[unit] = count.get(unit, 0) + in_heading + in_body
        units = list(plain_quality)
        faqs, lengths = index.kinds_and_lengths(units)
        weight, damping = term.weight, weights.saturation
        saturated: dict[int, float] = {}
        for unit, strength, faq, length in zip(units, plain_quality.values(), faqs, lengths,
                                               strict=True):
            if faq:
                average = faq_average
                strength = max(heading_quality.get(unit, -1.0),
                               body_quality.get(unit, -2.0) * answer_field)
            else:
                average = passage_average
            norm = unweighted + length_weight * (length / average)
            found_times = count[unit]
            saturated[unit] = value = strength * found_times / (found_times + damping * norm)
            covered[unit] = covered.get(unit, 0.0) + weight * value
        scores.covered.append(saturated)
        scores.plain.append(plain_quality)
        scores.in_heading.append(heading_quality)
    shares = map(min, repeat(1.0), map(truediv, covered.values(), repeat(total)))
    scores.lexical.update(zip(covered, shares, strict=True))
    return scores


def _first_match(columns: Columns, match: float, plain_quality: dict[int, float],
                 heading_quality: dict[int, float], body_quality: dict[int, float],
                 count: dict[int, int]) -> bool:
    """A term's first match fills its empty tables in C, each unit being new; False
    (and the tables emptied) if a unit came twice."""
    units, in_heading, in_body = columns
    plain_quality.update(zip(units, repeat(match)))
    heading_quality.update(zip(compress(units, in_heading), repeat(match)))
    body_quality.update(zip(compress(units, map(not_, in_heading)), repeat(match)))
    count.update(zip(units, map(add, in_heading, in_body), strict=True))
    if len(count) == len(units):
        return True
    for table in (plain_quality, heading_quality, body_quality, count):
        table.clear()
    return False


def _faq_likeness(index: Index, view: _Weighed, unit: int, reader_share: float) -> float:
    """How alike the reader's question and an FAQ entry's question are: the share of
    the reader's words the FAQ question holds, and of the FAQ question's words the
    reader's holds, combined as their harmonic mean. The entry's words are weighed
    by IDF over all the articles (over its own, a library would read every posting of
    each of them)."""
    keys = _stems(index.units[unit].question or "")
    idf = {key: math.log(1 + index.unit_count / max(1, len(index.units_with(key))))
           for key in keys}
    total = sum(idf.values())
    if not total or not reader_share:
        return 0.0
    held = sum(weight * max((term.quality(key) for term in view.terms), default=0.0)
               for key, weight in idf.items()) / total
    return 2 * held * reader_share / (held + reader_share) if held + reader_share else 0.0


def _about(index: Index, held: list[list[int]], unit: int, known: dict[range, float]
           ) -> float:
    """Evidence.about for ``unit``: the share of the telling terms (``held``: the units
    holding each, in order) found in its article; once for each article (``known``)."""
    span = index.article_span(unit)
    if span not in known:
        found = 0
        for units in held:
            at = bisect_left(units, span.start)
            found += at < len(units) and units[at] < span.stop
        known[span] = found / len(held) if held else 1.0
    return known[span]


def _measured(measure: Measure | None, unit: Unit, counted: frozenset[str]
              ) -> dict[str, float]:
    if measure is None:
        return {}
    # An FAQ entry asking for the same measure answers it, however its answer puts it
    # ("About 1.2 million a year").
    theirs = wanted_measure(unit.question) if unit.question else None
    given = 1.0 if (theirs is not None and theirs.kinds & measure.kinds) or \
        gives_measure(unit.text, measure, counted) else -1.0
    return {"counted": given} if COUNT in measure.kinds else {"measure": given}


def _counted_stems(measure: Measure | None, terms: Sequence[Term]) -> frozenset[str]:
    """The stems that name what a count question counts: its words', and the article
    stems they match by any route ("ppl" is "people")."""
    if measure is None or not measure.counted:
        return frozenset()
    return frozenset([*map(stem, measure.counted), *(
        found for term in terms if term.word in measure.counted for found in term.matches)])


def _kind_agreement(wanted: str | None, theirs: str | None, weights: Weights) -> float:
    if wanted is None or theirs is None:
        return 1.0
    return 1 + weights.faq_kind if wanted == theirs else 1 - weights.faq_kind


def _sentences(index: Index, terms: Sequence[Term], total: float, unit: int
               ) -> tuple[float, float, tuple[str, ...], str]:
    """(share of the question in the best sentence with the heading, share of the
    heaviest question word it lacks, the best sentences, the best one)."""
    item = index.units[unit]
    heading = _stems(item.heading)
    sentences = split_sentences(item.text) or [item.text]
    best_value, best_held, chosen = -1.0, heading, []
    for sentence in sentences:
        held = heading | _stems(sentence)
        value = sum(term.weight * max((quality for found, (quality, _) in term.matches.items()
                                       if found in held), default=0.0)
                    for term in terms) / total
        if value > best_value:
            best_value, best_held, chosen = value, held, [sentence]
        elif value == best_value and value > 0:
            chosen.append(sentence)
    lacking = max((term.weight for term in terms
                   if not any(found in best_held for found in term.matches)), default=0.0)
    shown = tuple(chosen) if len(sentences) > 1 and best_value > 0 else ()
    return max(best_value, 0.0), lacking / total, shown, chosen[0] if chosen else item.text


def closeness(asked: Vector | None, vector: Vector | None) -> float:
    """The cosine of two meaning vectors, 0 if either is missing or they point apart."""
    if asked is None or vector is None:
        return 0.0
    from .meaning import similarity

    return max(0.0, similarity(asked, vector))


@lru_cache(maxsize=8192)
def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in words(text) if word not in STOP_WORDS)
