"""Where the store keeps its databases, and whether it may.

The cache folder is $ARTICLECLI_CACHE_DIR, else $XDG_CACHE_HOME/articlecli, else
~/.cache/articlecli; ARTICLECLI_NO_CACHE=1 (or ``--no-cache``) turns the store's
files off. A relative $XDG_CACHE_HOME is ignored (as the XDG specification says),
and with an empty or relative $HOME there is no cache folder at all.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

# SHA-1 from CPython's own module: hashlib would load OpenSSL first, which alone
# takes about 2 ms of every start. The digests are the same either way.
if TYPE_CHECKING:
    from hashlib import sha1
else:
    try:
        from _sha1 import sha1
    except ImportError:  # a Python built without it
        from hashlib import sha1

CACHE_DIR_VARIABLE = "ARTICLECLI_CACHE_DIR"
NO_CACHE_VARIABLE = "ARTICLECLI_NO_CACHE"
# loader.MAX_BYTES_VARIABLE (not imported: loader imports yaml, which a warm run
# never needs). An article parsed under one size limit is not reused under another.
MAX_BYTES_VARIABLE = "ARTICLECLI_MAX_BYTES"
SUFFIX = ".sqlite"
# What a database's name keeps of the library's (the rest become "_"): a set, not a
# pattern, which every start would compile (about 0.2 ms).
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")


def cache_enabled() -> bool:
    return os.environ.get(NO_CACHE_VARIABLE, "").strip().lower() in ("", "0", "false", "no")


def cache_dir() -> Path | None:
    """Where the cache goes, or None when there is nowhere sensible."""
    explicit = os.environ.get(CACHE_DIR_VARIABLE)
    if explicit:
        return Path(explicit)
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():
        return xdg / "articlecli"
    home = os.environ.get("HOME")
    if home is not None and not Path(home).is_absolute():
        return None  # an empty or relative $HOME: not a place to write to
    try:  # $HOME, or if it is unset the account's home from the password database
        return Path("~").expanduser() / ".cache" / "articlecli"
    except RuntimeError:
        return None


def library_owner(root: Path) -> str:
    """What a database belongs to: the library's real path and the size limit (as
    valid text: a path that is not UTF-8 has its bytes written as escapes)."""
    owner = f"{root.resolve()}\n{os.environ.get(MAX_BYTES_VARIABLE, '').strip()}"
    return owner.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def database_name(owner: str) -> str:
    """A file name for a library's database: readable, and distinct for each owner."""
    resolved = owner.split("\n")[0]
    readable = "".join(char if char in _NAME_CHARS else "_"
                       for char in Path(resolved).name)[:40] or "root"
    digest = sha1(owner.encode("utf-8", "surrogateescape"), usedforsecurity=False)
    return f"{readable}-{digest.hexdigest()[:16]}{SUFFIX}"


@lru_cache(maxsize=1)
def code_version() -> str:
    """This program's version and the state of its files (modules, and data such as
    word lists): a changed loader or matcher must not be handed data made by the old one."""
    package = Path(__file__).parents[1]
    parts = []
    for folder, folders, names in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            status = os.stat(os.path.join(folder, name))  # noqa: PTH118, PTH116 - fast on every start
            parts.append(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}")
    digest = sha1(";".join(parts).encode("utf-8", "surrogateescape"), usedforsecurity=False)
    return f"{__version__}-{sys.byteorder}-{digest.hexdigest()[:16]}"
