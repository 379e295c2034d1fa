"""Shell completion (typer's ``--install-completion`` / ``--show-completion`` for bash,
zsh and fish): section numbers and headings for ``read``, article ids for
``--article``. These run only when the shell asks, inside a completion request;
a library that cannot be opened completes nothing rather than printing an error.

No ``from __future__ import annotations`` here: typer reads the completion functions'
annotations on every start, once per option that uses them, and string annotations
cost it an eval each.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import typer

from ..errors import ArticleError
from ..model import Article
from ..safetext import clean_line

Completion = tuple[str, str]  # (value, help shown beside it by zsh and fish)
# What bash's completion function (typer's script) sets for a completion request.
BASH_REQUEST = ("_ARTICLECLI_COMPLETE", "complete_bash")
_SAFE_IN_BASH = frozenset("_-.,:/@%+=")


def complete_section(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """Section numbers, with their headings as help; or, after a letter, the headings
    that begin with what was typed. (typer, and the shells after it, keep only the
    completions that begin with what was typed, case and all: a heading that merely
    holds it would never be offered.)"""
    article = _article(ctx)
    if article is None:
        return []
    numbered = list(enumerate(article.sections, start=1))
    if not incomplete or incomplete.isdigit():
        return [(str(number), _described(section.heading)) for number, section in numbered
                if str(number).startswith(incomplete)]
    folded = incomplete.strip("'\"").casefold()
    # A heading that holds a control character (a newline would split it into two
    # completions) completes only as its number.
    return [(_as_typed(section.heading), f"section {number}") for number, section in numbered
            if section.heading.casefold().startswith(folded) and _typable(section.heading)]


def complete_article(ctx: typer.Context, incomplete: str) -> list[Completion]:
    """The ids of the library's articles that start with what was typed (but not an
    id that holds a control character, which no shell could complete as one word)."""
    articles = _articles(ctx)
    return [(_as_typed(article.id), _described(article.title)) for article in articles
            if article.id.startswith(incomplete) and _typable(article.id)]


def _as_typed(value: str) -> str:
    """A value as the shell must insert it. zsh and fish quote what they insert;
    bash inserts it as it is, so a heading's spaces and apostrophes come escaped
    ("Putin\\'s\\ Warning"). Backslashes rather than quotes: typer keeps only the
    values that begin with what was typed, and "Put" begins "Putin\\'s" but not a
    quoted "'Putin'"."""
    name, request = BASH_REQUEST
    if os.environ.get(name) != request:
        return value
    return "".join(char if char.isalnum() or char in _SAFE_IN_BASH else f"\\{char}"
                   for char in value)


def _typable(value: str) -> bool:
    return clean_line(value) == value


def _described(text: str) -> str:
    """Article text as a completion's description: typer renders descriptions as rich
    markup for zsh and fish, and passes escape sequences through to the terminal."""
    from rich.markup import escape

    return escape(clean_line(text))


def _article(ctx: typer.Context) -> Article | None:
    articles = _articles(ctx)
    chosen = ctx.params.get("article")
    if chosen is None:
        return articles[0] if len(articles) == 1 else None
    return next((article for article in articles if article.id == chosen), None)


def _articles(ctx: typer.Context) -> list[Article]:
    with contextlib.suppress(ArticleError, OSError, ValueError):
        return list(_open(ctx))
    return []


def _open(ctx: typer.Context) -> Iterator[Article]:
    from ..store.library import DATA_VARIABLE, data_path, open_library
    from .config import load_config

    data = ctx.find_root().params.get("data")
    if data is None and not os.environ.get(DATA_VARIABLE):
        data = load_config().data
    if data is not None and str(data) == "-":
        return  # standard input is the shell's, not an article
    path = data_path(Path(data) if data is not None else None)
    yield from open_library(path, use_cache=not ctx.find_root().params.get("no_cache")).articles
