"""Which files in a folder are articles, and the id each is known by."""

from __future__ import annotations

from pathlib import Path

ARTICLE_SUFFIXES = (".yaml", ".yml")

def article_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*")
        if path.suffix in ARTICLE_SUFFIXES and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def article_id(folder: Path, path: Path) -> str:
    return path.relative_to(folder).with_suffix("").as_posix()
