"""What ``cache info`` shows: the cache folder and each library's database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..store.maintenance import Cached


def cache_data(folder: Path | None, enabled: bool, found: Sequence[Cached]) -> dict[str, Any]:
    """``cache info --json``."""
    return {"folder": None if folder is None else str(folder), "enabled": enabled,
            "size": sum(item.size for item in found),
            "databases": [{"path": str(item.path), "size": item.size, "library": item.library,
                           "articles": item.articles, "used": moment(item.used),
                           "moved_aside": item.aside} for item in found]}


def cache_lines(folder: Path | None, enabled: bool, found: Sequence[Cached],
                prune_days: int) -> list[str]:
    """``cache info``: the folder, a line per database, and the total."""
    lines = [f"cache folder: {folder if folder is not None else '(none: no usable home)'}"
             + ("" if enabled else " (turned off by ARTICLECLI_NO_CACHE)")
             + (" (not a folder: nothing can be cached)" if folder is not None
                and folder.exists() and not folder.is_dir() else "")]
    for item in found:
        what = "moved aside as unusable" if item.aside else \
            f"{item.library or '?'}: {_articles(item.articles)}"
        lines.append(f"{size_text(item.size):>9}  last used {moment(item.used)[:10]}  "
                     f"{item.path.name}  {what}")
    lines.append(f"{len(found)} {'database' if len(found) == 1 else 'databases'}, "
                 f"{size_text(sum(item.size for item in found))} in all; unused for "
                 f"{prune_days} days means removed")
    return lines


def _articles(count: int | None) -> str:
    if count is None:
        return "? articles"
    return f"{count:,} article{'s' * (count != 1)}"


def size_text(size: int) -> str:
    """A size in bytes, KB, MB or GB (decimal units)."""
    amount = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1000 or unit == "GB":
            return f"{size:,} bytes" if unit == "bytes" else f"{amount:,.1f} {unit}"
        amount /= 1000
    return f"{size:,} bytes"


def moment(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).isoformat(timespec="seconds")
