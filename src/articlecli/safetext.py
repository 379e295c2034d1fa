"""Article and question text is data: it must never drive the terminal.

File names, ids and labels are text too, and so are the bytes of a file name that
is not UTF-8 (Python holds them as lone surrogates): all pass through here.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

# Every unsafe character below is a control, format, surrogate or line or paragraph
# separator, none of which str.isprintable() passes: text it passes (most text, and
# all that a warm `ask` shows) has nothing to escape, and the patterns, whose sets
# of non-Latin-1 ranges take 0.4 ms to compile, are compiled only for text that may.


@lru_cache(maxsize=1)
def _unsafe() -> re.Pattern[str]:
    """C0 and C1 controls (ESC, BEL, CSI, OSC...) and DEL, but not newline or tab;
    the bidirectional overrides, which can make text display out of order; and lone
    surrogates, which stand for bytes that are not UTF-8 and no output can encode."""
    return re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@lru_cache(maxsize=1)
def _unsafe_in_line() -> re.Pattern[str]:
    """The same and newline, tab and the Unicode line and paragraph separators (which
    splitlines() and many readers take as line ends), for what must stay on one line:
    ids, file names, labels, error lines, and a line of JSON Lines."""
    return re.compile(
        "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

EXCERPT_CHARS = 80


_NAMED = {"\n": "\\n", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    if match.group() in _NAMED:
        return _NAMED[match.group()]
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with terminal control characters shown as escapes (ESC as ``\\x1b``,
    an undecodable byte as ``\\xe9``)."""
    return text if text.isprintable() else _unsafe().sub(_escape, text)


def clean_line(text: str) -> str:
    """``clean``, with newlines and tabs escaped too: text that must stay one line."""
    return text if text.isprintable() else _unsafe_in_line().sub(_escape, text)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text`` on one line, escaped, with '…' where
    it was cut: what an error message may quote of a file or of what was typed."""
    shown = clean_line(text[: limit + 1])
    return shown if len(text) <= limit and len(shown) <= limit else shown[:limit] + "\u2026"

def remove_unsafe(text: str) -> str:
    """``text`` without terminal control characters: for text taken from a page."""
    return text if text.isprintable() else _unsafe().sub("", text)


def has_unsafe(text: str) -> bool:
    return not text.isprintable() and _unsafe().search(text) is not None


def escape_unsafe(text: str) -> str:
    """Each unsafe character as ``\\uXXXX``, which JSON strings and YAML's
    double-quoted strings both read back as the character itself."""
    if text.isprintable():
        return text
    return _unsafe().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def to_json(data: Any, *, lines: bool = False) -> str:
    """Exact JSON that is also safe to show on a terminal (controls are \\u-escaped),
    and valid UTF-8 whatever the data holds."""
    text = None if lines else _records_json(data)
    if text is None:
        text = json.dumps(data, ensure_ascii=False, indent=None if lines else 2)
    # Two replaces, not str.translate: translate is fast on ASCII text only, and took
    # 160 ms of a 2 MB list with one accented title (replace: 3 ms).
    return escape_unsafe(text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _records_json(data: Any) -> str | None:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` for a list of records
    (dicts of text keys and text, whole-number, true/false or null values), such as
    ``list --json`` prints; None for anything else. With ``indent`` json.dumps
    encodes in Python, value by value: 0.6 s of a ``list --json`` of 100,000
    articles. Here each string is encoded in C, and the rest is joined."""
    if type(data) is not list or not data:
        return None
    encode = _encode_string
    records = []
    for record in data:
        if type(record) is not dict or not record:
            return None
        fields = []
        for key, value in record.items():
            kind = type(value)
            if type(key) is not str:
                return None
            if kind is str:
                shown = encode(value)
            elif value is None:
                shown = "null"
            elif kind is bool:
                shown = "true" if value else "false"
            elif kind is int:
                shown = int.__repr__(value)
            else:
                return None  # floats, lists, dicts: json.dumps's own way
            fields.append(f"    {encode(key)}: {shown}")
        records.append("  {\n" + ",\n".join(fields) + "\n  }")
    return "[\n" + ",\n".join(records) + "\n]"


_encode_string = json.encoder.encode_basestring
