"""Finding articles: the bundled one, one file, or a folder of them (a library)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from ..articles.paths import article_id, find_articles
from ..errors import (
    AmbiguousLibrary,
    ArticleNotFound,
    DataError,
    NoArticleFiles,
    NoSuchPath,
    Problem,
)
from ..model import Article
from .cache import LibraryKey, cached_index, cached_key_points, load_articles

if TYPE_CHECKING:
    from ..qa.index import Index

DATA_VARIABLE = "ARTICLECLI_DATA"


def bundled_article_path() -> Path:
    """The article shipped in the wheel, or ``data/article.yaml`` in a source checkout."""
    packaged = Path(__file__).parents[1] / "data" / "article.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / "article.yaml"


def data_path(option: Path | None) -> Path:
    """``--data``, else $ARTICLECLI_DATA, else the bundled article."""
    if option is not None:
        return option
    from_environment = os.environ.get(DATA_VARIABLE)
    return Path(from_environment) if from_environment else bundled_article_path()


@dataclass(frozen=True)
class Library:
    articles: Sequence[Article]  # from the cache, decoded as they are used
    skipped: tuple[Problem, ...] = ()
    cache_key: LibraryKey | None = field(default=None, compare=False, repr=False)

    @property
    def ids(self) -> list[str]:
        return [article.id for article in self.articles]

    def get(self, article_id: str) -> Article:
        for article in self.articles:
            if article.id == article_id:
                return article
        raise ArticleNotFound(article_id, self.ids)

    def only(self, article_id: str | None) -> Article:
        """The article a single-article command works on."""
        if article_id is not None:
            return self.get(article_id)
        if len(self.articles) == 1:
            return self.articles[0]
        raise AmbiguousLibrary(self.ids)

    def select(self, article_id: str | None) -> Sequence[Article]:
        """Every article, or just the one ``--article`` names."""
        return (self.get(article_id),) if article_id is not None else self.articles

    def key_points(self, article: Article) -> tuple[str, ...]:
        """Key points drawn from the text of ``article`` (one of these), for when it has
        no written takeaways: from the cache when its files have not changed."""
        return cached_key_points(self.cache_key, article)

    def index(self, article_id: str | None = None) -> Index:
        """The ``ask`` index of every article (from the cache), or of the one named."""
        if article_id is not None:
            return cached_index(None, (self.get(article_id),))
        return cached_index(self.cache_key, self.articles)


def catalogue(articles: Sequence[Article]) -> list[dict[str, str | None]]:
    """One entry per article for ``list``, newest first (ties by id)."""
    by_id = sorted(articles, key=lambda article: article.id)
    newest = sorted(by_id, key=lambda article: _comparable(article.published), reverse=True)
    return [{"id": article.id, "title": article.title,
             "published": article.published.isoformat(), "category": article.category}
            for article in newest]


def _comparable(moment: datetime) -> datetime:
    """Times with a zone in UTC, without it as written, so both kinds sort together."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone.utc).replace(tzinfo=None)




def open_library(path: Path, *, use_cache: bool = True) -> Library:
    """The articles at ``path``: one file, or every article file below a folder.

    In a folder, a broken file is skipped (and reported in ``skipped``) so the
    rest still work; a single broken file is a DataError. Parsed articles come
    from the cache (cache.py) when their files have not changed.
    """
    if path.is_dir():
        return _open_folder(path, use_cache)
    if not path.exists():
        raise NoSuchPath(str(path))
    loaded = load_articles(path, [(path, path.stem)], use_cache=use_cache)
    if loaded.errors and path.suffix.lower() == ".txt":
        first, *rest = loaded.errors[0].problems
        hint = replace(first, message=f"{first.message} (not an article file; "
                       f"a plain-text article needs 'articlecli import {path}' first)")
        raise DataError([hint, *rest])
    if loaded.errors:
        raise loaded.errors[0]
    return Library(loaded.articles, cache_key=loaded.key)


def _open_folder(folder: Path, use_cache: bool) -> Library:
    found = find_articles(folder)
    if not found.files:
        if found.problems:  # an unreadable folder, a link out of the library
            raise DataError(found.problems)
        raise NoArticleFiles(str(folder))
    loaded = load_articles(folder, [(file, article_id(folder, file)) for file in found.files],
                           use_cache=use_cache)
    skipped = (*found.problems, *(error.problems[0] for error in loaded.errors))
    if not loaded.articles:
        raise DataError(list(skipped))
    return Library(loaded.articles, skipped, loaded.key)
