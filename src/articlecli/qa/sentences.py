"""Splitting a paragraph into sentences, for the sentence that answers a question
and for key points drawn from the text."""

from __future__ import annotations

import re

from .words import STOP_WORDS

# Abbreviations after which a full stop does not end a sentence: titles before a
# name, and a few that are always followed by more ("e.g.", "vs.").
_TITLES_TEXT = """mr mrs ms mx dr prof sr jr st mt ft gen lt col maj capt cmdr sgt cpl adm
gov sen rep pres supt det insp rev hon fr messrs mme mlle no nos vs v e.g i.e cf approx ca
fig figs vol vols ch pp op al dept est inc ltd co corp bros"""
_TITLES = frozenset(_TITLES_TEXT.split())
# Month and other abbreviations that end a sentence only if no number follows.
_NUMBERED_TEXT = "jan feb mar apr jun jul aug sep sept oct nov dec no nos p pp fig vol ch art sec"
_BEFORE_NUMBERS = frozenset(_NUMBERED_TEXT.split())
# A sentence boundary candidate: end punctuation, closing quotes or brackets, space,
# then what may start a sentence (opening quotes or brackets, a capital or digit).
_BOUNDARY = re.compile(
    r"(?P<stop>[.!?\u2026]+)(?P<close>[\"'\u201d\u2019)\]]*)(?P<space>\s+)"
    r"(?=[\"'\u201c\u2018(\[]*(?P<next>[A-Z0-9\u00c0-\u00de]\S*))")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_OPENING = re.compile(r"^[\"'\u201c\u2018(\[]+")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, each as written (stripped).

    A full stop, question or exclamation mark (with any closing quote) ends a sentence
    when a capital, digit or opening quote follows, except after a title ("Dr.",
    "Gen."), a single initial ("John F. Kennedy"), a month before a number ("Jan. 5")
    or an initialism before a word that does not open sentences ("the U.S. Senate").
    Decimals ("3.5") and "?" or "!" inside a quote the sentence continues after
    (`"Why?" she asked.`) never end one."""
    found: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _continues(text[start:match.start()], match.group("stop"), match.group("close"),
                      match.group("next")):
            continue
        found.append(text[start:match.end("close")].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        found.append(rest)
    return found


def _continues(before: str, stop: str, close: str, following: str) -> bool:
    """The full stop ending ``before`` does not end the sentence."""
    if stop != "." or close:
        return False
    token = _OPENING.sub("", before.rsplit(None, 1)[-1] if before.strip() else "")
    if not token:
        return False
    bare = token.lower().rstrip(".")
    if bare in _TITLES:
        return True
    if len(token) == 1 and token.isupper():  # an initial: "John F. Kennedy"
        return True
    next_word = _OPENING.sub("", following).rstrip(".,;:!?\"'\u201d\u2019)").lower()
    if bare in _BEFORE_NUMBERS and following[:1].isdigit():
        return True
    if _INITIALISM.match(token + "."):  # "U.S." (the last stop is the boundary's)
        return next_word not in STOP_WORDS
    return False
