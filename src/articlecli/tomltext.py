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

TomlError = tomllib.TOMLDecodeError  # a ValueError, whose message ends "(at line L, column C)"


def read_toml(text: str) -> dict[str, Any]:
    """The table ``text`` holds; TomlError if it is not TOML."""
    table: dict[str, Any] = tomllib.loads(text)
    return table
