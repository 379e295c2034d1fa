"""The YAML parser's complaints in plain words, at the place that explains them.

libyaml (and PyYAML's own scanner) say what the grammar expected: "mapping values
are not allowed in this context", "found unexpected end of stream". Most files
that fail do so for a few everyday reasons (a title with ': ' in it, a quote never
closed, a tab, a value that starts with '@'), so each kind of problem the parser
reports is mapped to what to do about it; the parser's ``context_mark`` (where the
thing that went wrong began: the opening quote, the '[') is used when it is the
better place to point at. Anything not mapped keeps the parser's own words.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_QUOTES = "\"'"


def unreadable_character(offset: int, character: int, text: str) -> tuple[int, int, str]:
    """The line, column and message for a character YAML refuses anywhere (a NUL
    byte, another control character), at ``offset`` in ``text``: the reader's own
    words give neither the line nor the character's name."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    kind = "control character" if unicodedata.category(chr(character)) == "Cc" else "character"
    return line, column, f"the {kind} U+{character:04X} cannot be in a YAML file; remove it"


def explain(error: Any, text: str) -> tuple[int, int, str]:
    """The 1-based line and column, and a plain message, for a ``MarkedYAMLError``
    raised while parsing ``text``."""
    problem = str(error.problem or "")
    context = str(error.context or "")
    at = error.problem_mark
    began = error.context_mark
    line, column = position(at)
    char = _char(text, at)
    if "tab" in problem or (char == "\t" and "cannot start any token" in problem):
        return line, column, "tabs cannot indent YAML; use spaces"
    if "quoted scalar" in context and ("end of stream" in problem
                                       or "document indicator" in problem):
        quote_line, quote_column = position(began)
        quote = _char(text, began) or '"'
        return (quote_line, quote_column,
                f"the quote {quote} opened at {quote_line}:{quote_column} is never closed")
    if "unknown escape" in problem:
        escape = _text_at(text, at, 2)
        return (line, column, f"'{escape}' is not an escape in double quotes; write '\\\\' "
                "for a backslash, or put the value in single quotes")
    if "cannot start any token" in problem and char:
        return line, column, f"'{char}' cannot start a value; put the value in quotes"
    if "scanning an alias" in context or "scanning an anchor" in context:
        start_line, start_column = position(began)
        sign = _char(text, began) or "*"
        return (start_line, start_column,
                f"'{sign}' cannot start a value; put the value in quotes")
    if "mapping values are not allowed" in problem:
        if _looks_like_a_key(text, at):
            return (line, column, "this key is not lined up with the keys above it; indent "
                    "it with the same spaces (or, if ': ' is part of a value, put the value "
                    "in quotes)")
        return line, column, "a value containing ': ' must be in quotes"
    if "block sequence entries are not allowed" in problem:
        return (line, column, "a list ('- ') cannot start on the same line as its key; "
                "start it on the next line, or put the value in quotes")
    if "could not find expected ':'" in problem:
        start_line, start_column = position(began)
        return (start_line, start_column, "expected 'key: value' on this line; if it goes "
                "on with the value above, indent it")
    if "expected key" in problem or "expected '-' indicator" in problem \
            or "expected <block end>" in problem:
        if _after_a_closing_quote(text, at):
            return (line, column, "the value goes on after its closing quote; put the "
                    "whole value in quotes (single quotes if it holds \")")
        bracket = _opening_bracket(text, at)
        if bracket:  # "title: [Update] Storm hits coast": a list, then more text
            closing = "]" if bracket == "[" else "}"
            return (line, column, f"a value that starts with '{bracket}' must be in quotes "
                    f"(a list or mapping in {bracket} {closing} must end at its '{closing}')")
        if _starts_its_line(text, at):
            block_line, block_column = position(began)
            where = f" (the block at {block_line}:{block_column})" if began is not None else ""
            return (line, column, f"this line is not lined up with the lines above it{where}; "
                    "indent it with the same spaces as the lines it belongs with")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        opened_line, opened_column = position(began)
        bracket = _char(text, began) or "["
        closing = "]" if bracket == "[" else "}"
        return (line, column, f"the '{bracket}' at {opened_line}:{opened_column} is not closed "
                f"with '{closing}', or an item in it holds ', ', ': ' or a quote and must be "
                "in quotes")
    return line, column, problem or str(error).splitlines()[0]


def position(mark: Any) -> tuple[int, int]:
    """A parser mark's 1-based line and column ((1, 1) without one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _offset(text: str, mark: Any) -> int | None:
    """Where ``mark`` is in ``text``, by its line and column (libyaml's ``index``
    counts bytes or characters depending on the build; the line and column do not)."""
    if mark is None:
        return None
    start = 0
    for _ in range(mark.line):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    offset = start + mark.column
    return offset if offset <= len(text) else None


def _char(text: str, mark: Any) -> str:
    return _text_at(text, mark, 1)


def _text_at(text: str, mark: Any, length: int) -> str:
    offset = _offset(text, mark)
    return "" if offset is None else text[offset:offset + length].split("\n")[0]


def _line_before(text: str, mark: Any) -> str:
    """The text of the mark's line before the mark."""
    offset = _offset(text, mark)
    if offset is None:
        return ""
    return text[text.rfind("\n", 0, offset) + 1:offset]


def _looks_like_a_key(text: str, mark: Any) -> bool:
    """A ': ' after a lone word at the start of its line (``  summary: s``): a key
    indented out of line, rather than a value holding ': '."""
    before = _line_before(text, mark)
    if not before[:1].isspace():
        return False
    word = before.strip().removeprefix("- ").strip()
    return bool(word) and not any(part.isspace() for part in word) and ":" not in word


def _after_a_closing_quote(text: str, mark: Any) -> bool:
    before = _line_before(text, mark).rstrip()
    return bool(before) and before[-1] in _QUOTES


def _opening_bracket(text: str, mark: Any) -> str:
    """The '[' or '{' that opens the value of the mark's line ("key: [...", or a list
    item "- [..."), if any."""
    before = _line_before(text, mark).strip()
    if before.startswith("- "):
        value = before[2:].lstrip()
    else:
        key, colon, value = before.partition(": ")
        value = value.lstrip() if colon and key else ""
    return value[0] if value[:1] in ("[", "{") else ""


def _starts_its_line(text: str, mark: Any) -> bool:
    return not _line_before(text, mark).strip()
