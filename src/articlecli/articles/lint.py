"""Warnings for an article that loads but looks wrong. Pure: article and field
positions in, located warnings out."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import Problem
from ..model import TABLE_CELLS, Article, list_items
from .importers.text import looks_like_heading

Positions = dict[str, tuple[int, int]]


def lint(article: Article, positions: Positions, file: str) -> list[Problem]:
    """Every warning for ``article``, in file order."""
    def warn(field: str, message: str) -> Problem:
        line, column = positions.get(field, (1, 1))
        return Problem(file, line, column, message, field, severity="warning")

    warnings: list[Problem] = []
    if article.updated is not None and article.updated < article.published.date():
        warnings.append(warn("updated", f"last updated {article.updated.isoformat()} is before "
                                        f"published {article.published.date().isoformat()}"))
    for field, first in _repeats((section.heading for section in article.sections),
                                 "sections[{}].heading"):
        warnings.append(warn(field, f"duplicate heading (first at {_at(first, positions)})"))
    for field, first in _repeats((faq.question for faq in article.faqs), "faqs[{}].question"):
        warnings.append(warn(field, f"duplicate FAQ question (first at {_at(first, positions)})"))
    for index, section in enumerate(article.sections):
        if not any(_has_words(paragraph) for paragraph in section.paragraphs):
            warnings.append(warn(f"sections[{index}].paragraphs",
                                 "empty section: its paragraphs hold no words"))
        elif all(looks_like_heading(paragraph) and list_items(paragraph) is None
                 and TABLE_CELLS not in paragraph  # a table's rows, as importers write them
                 for paragraph in section.paragraphs):
            warnings.append(warn(f"sections[{index}].heading",
                                 "this section holds no sentence, only short lines: a list "
                                 "whose items lost their '- ' markers, read as headings?"))
    return sorted(warnings, key=lambda problem: (problem.line, problem.column))


def _repeats(texts: Iterable[str], template: str) -> list[tuple[str, str]]:
    """(field, field of the first occurrence) for each text seen before, ignoring case,
    spacing and a closing '?' or full stop."""
    first_seen: dict[str, str] = {}
    repeats = []
    for index, text in enumerate(texts):
        key = " ".join(text.casefold().split()).rstrip("?.! ")
        field = template.format(index)
        if key in first_seen:
            repeats.append((field, first_seen[key]))
        else:
            first_seen[key] = field
    return repeats


def _at(field: str, positions: Positions) -> str:
    position = positions.get(field)
    return f"{field}, line {position[0]}" if position else field


def _has_words(text: str) -> bool:
    return any(character.isalnum() for character in text)
