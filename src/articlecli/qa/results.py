"""What ``ask`` returns: answers, the result of one question, and its JSON form.

Kept apart from the matcher so that rendering can name these types without
loading the index and scoring code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class WordMatch:
    """How one question word was found in the articles: the article word (as a
    stem), by which route (exact, stem, typo, form, synonym, acronym, compound,
    number, meaning), and how much that route is worth (1 for the word itself)."""

    word: str
    found: str
    route: str
    quality: float


@dataclass(frozen=True)
class Answer:
    """One candidate: an FAQ entry (``source`` "faq", with its ``question``) or a
    passage of the text (``source`` "article", under ``section``: a heading, or
    "Summary" / "Key Takeaways"). ``sentences`` are the ones that answer, in order."""

    source: str
    article: str
    question: str | None
    section: str | None
    text: str
    score: float
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Result:
    """What a question got: the answer if any; the other candidates (--top) or, with
    no answer, the closest FAQ entries; and what --explain tells of the matching."""

    query: str
    answer: Answer | None
    suggestions: list[Answer] = field(default_factory=list)
    matches: tuple[WordMatch, ...] = ()  # for --explain
    unmatched: tuple[str, ...] = ()  # question words found nowhere
    second_look: bool = False  # the sentence encoder re-read the candidates (qa/deep.py)
    # Declined as the best candidate does not give the measure asked for (qa/measures.py):
    # that measure in words ("an amount of money").
    lacking: str | None = None
    # Declined as the most confident candidate's article holds too few of the question's
    # telling words (matcher.may_answer).
    unrelated: bool = False
    # The most confident candidates, answering or not, best first (for --explain).
    candidates: tuple[Answer, ...] = ()
    # Answered by an FAQ entry whose article lacks some of the question's telling words,
    # as the entry's own question explains them (matcher._explain_lacking_words).
    explained: bool = False

    @property
    def answered(self) -> bool:
        return self.answer is not None


def result_to_json(result: Result, *, explain: bool = False) -> dict[str, Any]:
    """The JSON contract of ``articlecli ask --json`` (README: Asking questions)."""
    data: dict[str, Any] = {
        "query": result.query,
        "answer": None if result.answer is None else answer_to_json(result.answer),
        "suggestions": [answer_to_json(item) for item in result.suggestions]}
    if explain:
        data["explain"] = {
            "matches": [{"word": match.word, "found": match.found, "route": match.route,
                         "quality": round(match.quality, 3)} for match in result.matches],
            "unmatched": list(result.unmatched), "second_look": result.second_look,
            "lacking": result.lacking, "unrelated": result.unrelated,
            "explained": result.explained,
            "candidates": [answer_to_json(item) for item in result.candidates]}
    return data


def answer_to_json(item: Answer) -> dict[str, Any]:
    return {"source": item.source, "article": item.article, "question": item.question,
            "section": item.section, "text": item.text, "score": item.score,
            "sentences": list(item.sentences)}
