"""Splitting text into sentences: at ., ! or ? followed by a space and a capital,
digit or quote, except after abbreviations ("Dr.", "U.S.", "e.g.") and initials."""

from __future__ import annotations

import re

# Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt",
    "rev", "hon", "gov", "sen", "rep", "pres", "vs", "etc", "approx", "inc", "ltd", "co",
    "corp", "dept", "univ", "est", "fig", "no", "nos", "vol", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri",
    "sat", "sun", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m",
])
_BOUNDARY = re.compile(r"""[.!?]["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[A-Z0-9])""")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each stripped; text without a boundary is one sentence."""
    sentences: list[str] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        before = text[start:boundary.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        bare = last_word.rstrip(".").lower().lstrip("(\"'\u201c")
        if bare in _ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()):
            continue  # "Dr. Smith", "J. Smith"
        sentences.append(text[start:boundary.end()].strip())
        start = boundary.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]
