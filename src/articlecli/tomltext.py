"""TOML text read into plain data (the config file, a Hugo post's front matter), by
the standard library's reader, or before Python 3.11 by tomli, the same reader. It
is imported only when TOML is read."""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

DEEPEST = 64  # levels of tables and arrays, as the YAML reader allows


class TomlError(ValueError):
    """Text that is not TOML, or nested deeper than DEEPEST: what is wrong, and where
    (``line`` and ``column``, 1-based; None when the reader does not say). ``str()``
    gives both, "... (at line L, column C)"."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 where: str = "") -> None:
        super().__init__(f"{message} ({where})" if where else message)
        self.message, self.line, self.column = message, line, column


_POSITION = re.compile(r"at line (?P<line>\d+), column (?P<column>\d+)")
# The reader's commonest complaints in plain words.
_IN_WORDS = {
    "Invalid value": "a value TOML cannot read (text needs quotes: title = \"...\")",
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
        said, bracket, where = str(error).rpartition(" (")
        said, where = (said, where.removesuffix(")")) if bracket else (str(error), "")
        found = _POSITION.fullmatch(where)
        raise TomlError(_IN_WORDS.get(said, said), int(found["line"]) if found else None,
                        int(found["column"]) if found else None, where) from None
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
