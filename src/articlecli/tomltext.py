"""TOML text read into plain data (the config file, a Hugo post's front matter), by
the standard library's reader, or before Python 3.11 by tomli, the same reader. It
is imported only when TOML is read."""

from __future__ import annotations

import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

DEEPEST = 64  # levels of tables and arrays, as the YAML reader allows


class TomlError(ValueError):
    """Text that is not TOML (the message ends "(at line L, column C)" when the reader
    says where), or nested deeper than DEEPEST."""


# The reader's commonest complaints in plain words (its position is kept after them).
_IN_WORDS = {
    "Invalid value": "a value that is not TOML: text needs quotes (title = \"...\")",
    "Illegal character '\\n'": "a quoted value is not closed on its line",
    "Expected '=' after a key in a key/value pair": "expected key = value",
    "Unclosed array": "a '[' is not closed with ']'",
    "Cannot overwrite a value": "a key given twice",
}


def read_toml(text: str) -> dict[str, Any]:
    """The table ``text`` holds; TomlError if it is not TOML or nested too deeply (the
    reader recurses: "[[[[...]]]]" would otherwise be a RecursionError)."""
    try:
        table: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        said, _, where = message.partition(" (at ")
        plain = _IN_WORDS.get(said)
        raise TomlError(f"{plain} (at {where}" if plain and where else plain or message) \
            from None
    except RecursionError:
        raise TomlError(f"nested more than {DEEPEST} levels deep") from None
    if _depth(table) > DEEPEST:
        raise TomlError(f"nested more than {DEEPEST} levels deep")
    return table


def _depth(value: Any) -> int:
    """How deep tables and arrays nest in ``value``, without recursion."""
    deepest, pending = 0, [(value, 0)]
    while pending:
        item, level = pending.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level + 1)
            if deepest > DEEPEST:
                return deepest
            pending += [(child, level + 1)
                        for child in (item.values() if isinstance(item, dict) else item)]
    return deepest
