"""Key points drawn from an article's own text, for articles that have no written
takeaways. Pure: strings in, sentences out, the same every time.

Extractive: every point is one sentence of the article's sections, unchanged.
News opens each section with its point, so each section's first sentence is a
point: one per section of prose, 3 to 7 in all. Against the written takeaways of
our articles, those openers scored as well as any centrality ranking tried
(scripts/eval_takeaways.py), so centrality only
decides what the openers leave open: which openers to keep when there are more
than 7 sections, and which sentences to add when there are fewer than 3.

Sentences are weighed by their content-word stems, each stem by how rare it is in
English (wordfreq.rarity) and how few sentences of the article use it. A sentence
is central when it shares telling stems with the article as a whole (its centroid,
with the title, summary and headings counted extra, as they say what the article is
about) and with the other sentences (LexRank); earlier sections count more (the
inverted pyramid). Added points are picked one by one, by maximal marginal
relevance: the most central sentence left, less its overlap with those already
picked and a penalty for a section already used. Points are listed in reading order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import TABLE_CELLS, Article
from .sentences import sentences
from .wordfreq import rarity
from .words import STOP_WORDS, stem, words

FEWEST = 3
MOST = 7
# A point is a whole statement, neither a fragment nor a run-on paragraph.
SHORTEST_WORDS = 7
LONGEST_WORDS = 45
# The weight of the commonest English words against the rarest (wordfreq.rarity).
COMMON = 0.2
# Relevance = CENTROID * similarity to the body's centroid + (1 - CENTROID) * LexRank
# score + GUIDE * similarity to the title, summary and headings (what the writer
# says it is about).
CENTROID = 0.7
GUIDE = 0.5
# Marginal relevance: how much overlap with a picked point, and picking from a
# section already used, count against a sentence.
REDUNDANCY = 0.6
SAME_SECTION = 0.15
# Sentences that cannot stand alone as a point: direct speech, and those that open
# by pointing back at what came before.
QUOTED = 0.5
DANGLING = 0.7
# News writing opens a paragraph with its point.
PARAGRAPH_LEAD = 0.2
# And it puts what matters most first (the inverted pyramid): a sentence of the
# last section weighs this much less than one of the first, those between in
# proportion.
SECTION_DECAY = 0.3
_DANGLING_TEXT = """he she it they this that these those his her its their but and however yet
so also still meanwhile instead there then"""
_DANGLING_OPENERS = frozenset(_DANGLING_TEXT.split())
# Direct speech: a quotation of SPEECH_WORDS words or more (not a "scare-quoted" term).
_QUOTED_SPAN = re.compile("[\"\u201c\u201d]([^\"\u201c\u201d]*)[\"\u201c\u201d]")
SPEECH_WORDS = 5

# Points are drawn from the body's first sentences, this many at most: news puts
# what matters first, and weighing every pair of sentences costs their count
# squared (a 300 KB transcript of 4,000 sentences took 78 s and 1.7 GB).
CONSIDERED = 300

_LEXRANK_ROUNDS = 30
_LEXRANK_DAMPING = 0.85
_LEXRANK_EDGE = 0.1  # similarity below which two sentences are not linked


# --- choosing points -------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One sentence of the article's body and where it is."""

    text: str
    section: int  # 0-based
    paragraph: int
    number: int  # its place in the whole body, from 0


def body_sentences(article: Article, most: int | None = None) -> list[Candidate]:
    """The sentences of the article's prose (its first ``most``, if given), in reading
    order. A paragraph of several lines is a list or a block of code, and one of
    cells a table's row (as importers write them), not prose."""
    found: list[Candidate] = []
    for section_number, section in enumerate(article.sections):
        for paragraph_number, paragraph in enumerate(section.paragraphs):
            if "\n" in paragraph.strip() or TABLE_CELLS in paragraph:
                continue
            for text in sentences(paragraph):
                if most is not None and len(found) >= most:
                    return found
                found.append(Candidate(text, section_number, paragraph_number, len(found)))
    return found


def point_count(article: Article, candidates: Sequence[Candidate]) -> int:
    """How many points an article gets: one for each section of prose, 3 to 7."""
    sections = len({candidate.section for candidate in candidates})
    return max(FEWEST, min(MOST, sections))


def key_points(article: Article) -> tuple[str, ...]:
    """3 to 7 sentences of the article that together say what it is about, in reading
    order; none for an article of fewer than 3 sentences, which is its own summary."""
    candidates = body_sentences(article, CONSIDERED)
    if len(candidates) < FEWEST:
        return ()
    chosen = choose(candidates, article, point_count(article, candidates))
    return tuple(candidates[number].text for number in sorted(chosen))


def choose(candidates: Sequence[Candidate], article: Article, count: int) -> list[int]:
    """The positions of ``count`` sentences: the sections' first sentences (the most
    relevant of them when there are more than ``count``), then more by maximal
    marginal relevance."""
    if not candidates:
        return []
    bags = [Counter(_stems(candidate.text)) for candidate in candidates]
    weights = _stem_weights(bags, candidates)
    vectors = [_unit(bag, weights) for bag in bags]
    guide = _unit(Counter(_stems(" ".join(
        [article.title, article.summary, *(section.heading for section in article.sections)]))),
        weights)
    centroid: Counter[str] = Counter()
    for bag in bags:
        centroid.update(bag)
    similarity = _similarities(vectors)
    whole = _unit(centroid, weights)
    to_centroid = _scaled([_dot(vector, whole) for vector in vectors])
    to_guide = _scaled([_dot(vector, guide) for vector in vectors])
    ranks = _scaled(_lexrank(similarity))
    last_section = max(1, len(article.sections) - 1)
    relevance = []
    for position, candidate in enumerate(candidates):
        score = (CENTROID * to_centroid[position] + (1 - CENTROID) * ranks[position]
                 + GUIDE * to_guide[position])
        if _opens(candidate, candidates):
            score *= 1 + PARAGRAPH_LEAD
        score *= 1 - SECTION_DECAY * candidate.section / last_section
        relevance.append(score * _standalone(candidate.text))
    first_place: dict[str, int] = {}
    distinct = [position for position, candidate in enumerate(candidates)
                if first_place.setdefault(candidate.text, position) == position]
    usable = [position for position in distinct
              if SHORTEST_WORDS <= len(candidates[position].text.split()) <= LONGEST_WORDS]
    if len(usable) < count:  # a short article: any sentence will do
        usable = distinct
    # Each section's first sentence first: news opens a section with its point.
    leads = list({candidates[position].section: position
                  for position in reversed(distinct)}.values())
    chosen = sorted(leads, key=lambda position: (-relevance[position], position))[:count]
    while len(chosen) < min(count, len(usable)):
        best = max((position for position in usable if position not in chosen),
                   key=lambda position: (_marginal(position, relevance, similarity, chosen,
                                                   candidates), -position))
        chosen.append(best)
    return chosen


def _marginal(position: int, relevance: Sequence[float], similarity: Sequence[Sequence[float]],
              chosen: Sequence[int], candidates: Sequence[Candidate]) -> float:
    overlap = max((similarity[position][other] for other in chosen), default=0.0)
    same = sum(candidates[other].section == candidates[position].section for other in chosen)
    return relevance[position] - REDUNDANCY * overlap - SAME_SECTION * same


def _opens(candidate: Candidate, candidates: Sequence[Candidate]) -> bool:
    """``candidate`` is the first sentence of its paragraph."""
    if candidate.number == 0:
        return True
    before = candidates[candidate.number - 1]
    return (before.section, before.paragraph) != (candidate.section, candidate.paragraph)


def _standalone(text: str) -> float:
    """1 for a sentence that stands on its own; less for direct speech or a sentence
    that leans on the one before."""
    factor = 1.0
    if any(len(span.split()) >= SPEECH_WORDS for span in _QUOTED_SPAN.findall(text)) \
            or text.count('"') + text.count("\u201c") == 1:  # a quotation running on
        factor *= QUOTED
    first = words(text[:40])[:1]
    if first and first[0] in _DANGLING_OPENERS:
        factor *= DANGLING
    return factor


def _stems(text: str) -> list[str]:
    return [stem(word) for word in words(text) if word not in STOP_WORDS and not word.isdigit()]


def _stem_weights(bags: Sequence[Counter[str]],
                  candidates: Sequence[Candidate]) -> dict[str, float]:
    """Each stem's weight: rarer in English and in fewer of the article's sentences
    is more telling."""
    spread = Counter(key for bag in bags for key in bag)
    forms: dict[str, str] = {}  # a word of each stem, for its commonness in English
    for candidate in candidates:
        for word in words(candidate.text):
            forms.setdefault(stem(word), word)
    count = len(bags)
    return {key: (COMMON + (1 - COMMON) * rarity(forms.get(key, key)))
            * math.log(1 + count / found) for key, found in spread.items()}


def _unit(bag: Mapping[str, float], weights: dict[str, float]) -> dict[str, float]:
    """The weighted vector of a bag of stems, scaled to length 1 (so that the cosine
    of two is their dot product)."""
    vector = {key: times * weights.get(key, 1.0) for key, times in bag.items()}
    length = math.sqrt(sum(value * value for value in vector.values()))
    return {key: value / length for key, value in vector.items()} if length else {}


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    if len(second) < len(first):
        first, second = second, first
    return sum(value * second.get(key, 0.0) for key, value in first.items())


def _similarities(vectors: Sequence[dict[str, float]]) -> list[list[float]]:
    """The cosine of every pair of unit vectors, through the stems they share."""
    postings: dict[str, list[tuple[int, float]]] = {}
    for position, vector in enumerate(vectors):
        for key, value in vector.items():
            postings.setdefault(key, []).append((position, value))
    similarity = [[0.0] * len(vectors) for _ in vectors]
    for posting in postings.values():
        for first, (row, mine) in enumerate(posting):
            for column, theirs in posting[first + 1:]:
                similarity[row][column] += mine * theirs
    for row in range(len(vectors)):
        for column in range(row):
            similarity[row][column] = similarity[column][row]
    return similarity


def _lexrank(similarity: Sequence[Sequence[float]]) -> list[float]:
    """Each sentence's stationary score on the graph of similar sentences (power
    iteration, a fixed number of rounds)."""
    size = len(similarity)
    incoming: list[list[tuple[int, float]]] = [[] for _ in range(size)]
    for row, values in enumerate(similarity):
        links = [(column, value) for column, value in enumerate(values)
                 if value >= _LEXRANK_EDGE and column != row]
        total = sum(value for _, value in links)
        for column, value in links:
            incoming[column].append((row, value / total))
    scores = [1.0 / size] * size
    base = (1 - _LEXRANK_DAMPING) / size
    for _ in range(_LEXRANK_ROUNDS):
        scores = [base + _LEXRANK_DAMPING * sum(scores[other] * share for other, share in links)
                  for links in incoming]
    return scores


def _scaled(values: Iterable[float]) -> list[float]:
    """``values`` divided by the largest, so each lies in 0..1."""
    found = list(values)
    top = max(found, default=0.0)
    return [value / top if top else 0.0 for value in found]
