"""What ``ask`` shows for a result, as blocks (see views.py). Pure: no I/O, no rich."""

from __future__ import annotations

from ..qa.matcher import Answer, Result
from .views import Block, Kind


def answer_blocks(result: Result, *, articles: int = 1) -> list[Block]:
    """The answer, or a plain "no answer" with the closest FAQ questions; then, for
    ``--top``, the other candidates. ``articles``: how many articles were asked."""
    if result.answer is None:
        where = "the article" if articles == 1 else f"the {articles} articles"
        blocks = [Block(Kind.NOTE, f'No answer to "{result.query}" in {where}.')]
        if result.suggestions:
            blocks.append(Block(Kind.HEADING, "Closest FAQ questions:"))
            blocks += [Block(Kind.ITEM, item.question or "" if articles == 1
                             else f"{item.question} (article '{item.article}')", "-")
                       for item in result.suggestions]
        return blocks
    blocks = candidate_blocks(result.answer)
    if result.suggestions:
        blocks.append(Block(Kind.HEADING, "Other candidates:"))
        for item in result.suggestions:
            blocks += candidate_blocks(item)
    return blocks


def candidate_blocks(item: Answer) -> list[Block]:
    """One FAQ entry (question and answer) or one passage under its section heading,
    with where it comes from and the confidence."""
    if item.source == "faq":
        shown = [Block(Kind.QUESTION, item.question or "", "Q:"),
                 Block(Kind.ANSWER, item.text, "A:")]
    else:
        shown = [Block(Kind.HEADING, item.section or ""), Block(Kind.PARAGRAPH, item.text)]
    return [*shown, Block(Kind.META, _where(item))]


def _where(item: Answer) -> str:
    origin = "FAQ" if item.source == "faq" else "Passage"
    return f"{origin} from article '{item.article}', confidence {item.score:.0%}"
