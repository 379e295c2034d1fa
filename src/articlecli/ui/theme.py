"""Colours for styled output, one set per theme: ``dark`` for light text on a dark
background (the default), ``light`` for dark text on a white one. The title is the
most prominent line, then headings, then labels and dimmed notes."""

from __future__ import annotations

from .views import Kind

THEMES = ("dark", "light")
DEFAULT_THEME = "dark"

_DARK = {
    Kind.TITLE: "bold underline bright_cyan",
    Kind.META: "dim",
    Kind.LEAD: "italic",
    Kind.HEADING: "bold cyan",
    Kind.TAGS: "dim",
    Kind.QUESTION: "bold",
    Kind.NOTE: "dim",
}
_LIGHT = {
    **_DARK,
    Kind.TITLE: "bold underline blue",
    Kind.HEADING: "bold blue",
    Kind.META: "grey35",  # dim is too faint on white in many terminals
    Kind.TAGS: "grey35",
    Kind.NOTE: "grey35",
}
_DARK_LABELS = {Kind.HEADING: "bold cyan", Kind.ITEM: "cyan", Kind.QUESTION: "bold cyan",
                Kind.ANSWER: "cyan", Kind.ROW: "cyan"}
_LIGHT_LABELS = {Kind.HEADING: "bold blue", Kind.ITEM: "blue", Kind.QUESTION: "bold blue",
                 Kind.ANSWER: "blue", Kind.ROW: "blue"}
MARK = "bold reverse"


def text_style(theme: str, kind: Kind) -> str:
    return (_LIGHT if theme == "light" else _DARK).get(kind, "")


def label_style(theme: str, kind: Kind) -> str:
    return (_LIGHT_LABELS if theme == "light" else _DARK_LABELS).get(kind, "")
