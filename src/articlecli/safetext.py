"""Article and question text is data: it must never drive the terminal."""

from __future__ import annotations

import json
import re
from typing import Any

# C0 and C1 controls (ESC, BEL, CSI, OSC...) and DEL, but not newline or tab;
# also the bidirectional overrides, which can make text display out of order.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with terminal control characters shown as escapes (ESC as ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text)


def remove_unsafe(text: str) -> str:
    """``text`` without terminal control characters: for text taken from a page."""
    return _UNSAFE.sub("", text)


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def escape_unsafe(text: str) -> str:
    """Each unsafe character as ``\\uXXXX``, which JSON strings and YAML's
    double-quoted strings both read back as the character itself."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def to_json(data: Any, *, lines: bool = False) -> str:
    """Exact JSON that is also safe to show on a terminal (controls are \\u-escaped)."""
    return escape_unsafe(json.dumps(data, ensure_ascii=False, indent=None if lines else 2))
