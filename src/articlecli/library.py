"""Finding articles: the bundled one, one file, or a folder of them (a library)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem, UsageError
from .loader import load_article
from .model import Article

DATA_VARIABLE = "ARTICLECLI_DATA"
ARTICLE_SUFFIXES = (".yaml", ".yml")


def bundled_article_path() -> Path:
    """The article shipped in the wheel, or ``data/article.yaml`` in a source checkout."""
    packaged = Path(__file__).with_name("data") / "article.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "article.yaml"


def data_path(option: Path | None) -> Path:
    """``--data``, else $ARTICLECLI_DATA, else the bundled article."""
    if option is not None:
        return option
    from_environment = os.environ.get(DATA_VARIABLE)
    return Path(from_environment) if from_environment else bundled_article_path()


@dataclass(frozen=True)
class Library:
    articles: tuple[Article, ...]
    skipped: tuple[Problem, ...] = ()

    @property
    def ids(self) -> list[str]:
        return [article.id for article in self.articles]

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise UsageError(f"no article '{article_id}'; articles: {', '.join(self.ids)}")

    def only(self, article_id: str | None) -> Article:
        """The article a single-article command works on."""
        if article_id is not None:
            return self.get(article_id)
        if len(self.articles) == 1:
            return self.articles[0]
        raise UsageError(f"this library has {len(self.articles)} articles; choose one with "
                         f"--article: {', '.join(self.ids)}")

    def select(self, article_id: str | None) -> tuple[Article, ...]:
        """Every article, or just the one ``--article`` names."""
        return (self.get(article_id),) if article_id is not None else self.articles


def article_files(folder: Path) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*")
        if path.suffix in ARTICLE_SUFFIXES and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def article_id(folder: Path, path: Path) -> str:
    return path.relative_to(folder).with_suffix("").as_posix()


def open_library(path: Path) -> Library:
    """The articles at ``path``: one file, or every article file below a folder.

    In a folder, a broken file is skipped (and reported in ``skipped``) so the
    rest still work; a single broken file is a DataError.
    """
    if path.is_dir():
        return _open_folder(path)
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    return Library((load_article(path),))


def _open_folder(folder: Path) -> Library:
    files = article_files(folder)
    if not files:
        raise UsageError(f"no article files (*.yaml, *.yml) in {folder}")
    articles: list[Article] = []
    skipped: list[Problem] = []
    for file in files:
        try:
            articles.append(load_article(file, article_id(folder, file)))
        except DataError as error:
            skipped.append(error.problems[0])
    if not articles:
        raise DataError(skipped)
    return Library(tuple(articles), tuple(skipped))
