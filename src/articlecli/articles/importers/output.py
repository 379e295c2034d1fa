"""Where imported articles go: one article to a file (or standard output), several
(a feed, or several sources) to a folder, one YAML file each, named from its title.
Every target is checked before anything is written, so a refusal writes nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ...errors import NotRoundTrip, OutputRefused, OutputTooBig, SeveralArticles, WriteFailed
from ...model import Article
from ..fetch import DEFAULT_TIMEOUT
from ..loader import dump_yaml, max_bytes, parse_article
from ..paths import ARTICLE_SUFFIXES
from .draft import Note
from .forms import Form
from .sources import Fetcher, import_source

SLUG_LENGTH = 60
# Names Windows keeps for devices, whatever the suffix.
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                       *(f"lpt{n}" for n in range(1, 10))})


def slug(title: str) -> str:
    """A file name stem from a title: ASCII letters, digits and hyphens only, so it
    cannot leave its folder, hide, or mean anything to a shell."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    joined = re.sub(r"['\u2019]|(?<=\d)[,.](?=\d)", "", ascii_title.lower())  # it's, 2,000
    stem = ""
    for word in re.findall(r"[a-z0-9]+", joined):
        if stem and len(stem) + 1 + len(word) > SLUG_LENGTH:
            break
        stem = f"{stem}-{word}" if stem else word[:SLUG_LENGTH]
    stem = stem or "article"
    return f"{stem}-article" if stem in _RESERVED else stem


def targets(articles: Sequence[Article], output: Path | None, *, folder: bool,
            overwrite: bool) -> list[Path | None]:
    """The path each article is written to (None: standard output); OutputRefused
    or SeveralArticles (a folder wanted, and none given, or a file, or a name
    ending .yaml/.yml that is no folder yet) before anything is written."""
    if not folder:
        return [None if output is None or str(output) == "-" else output]
    if output is None or str(output) == "-":
        raise SeveralArticles(len(articles), None)
    if output.exists() and not output.is_dir():
        raise SeveralArticles(len(articles), str(output))
    if not output.is_dir() and output.suffix.lower() in ARTICLE_SUFFIXES:
        raise SeveralArticles(len(articles), str(output), exists=False)
    paths: list[Path | None] = []
    taken: set[str] = set()
    for article in articles:
        stem = base = slug(article.title)
        number = 1
        while stem in taken:
            number += 1
            stem = f"{base}-{number}"
        taken.add(stem)
        path = output / f"{stem}.yaml"
        if path.is_dir() or (path.exists() and not path.is_file()):
            raise OutputRefused(str(path), OutputRefused.NOT_REGULAR)
        if path.exists() and not overwrite:
            raise OutputRefused(str(path), OutputRefused.EXISTS)
        paths.append(path)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteFailed(str(output), error.strerror or str(error)) from None
    return paths


@dataclass(frozen=True)
class Output:
    """One imported article, as YAML, and where it goes (None: standard output)."""

    path: Path | None
    yaml: str
    article: Article


def prepare(sources: Sequence[str], output: Path | None, stdin: TextIO, *,
            overwrite: bool = False, timeout: float = DEFAULT_TIMEOUT,
            form: Form | None = None, fetcher: Fetcher | None = None,
            ) -> tuple[list[Output], list[Note]]:
    """Import every source and plan its output, writing nothing: (outputs, warnings)."""
    extra = {"fetcher": fetcher} if fetcher else {}
    imported = []
    folder = len(sources) > 1 or (output is not None and output.is_dir())
    for source in sources:
        kind, found = import_source(source, stdin, timeout=timeout, form=form, **extra)
        folder = folder or len(found) != 1 or kind is Form.FEED
        imported += found
    texts = []
    for result in imported:
        text = dump_yaml(result.article)
        name = result.article.source or result.article.title
        size, limit = len(text.encode("utf-8")), max_bytes()
        if size > limit:  # --data would refuse what we wrote
            raise OutputTooBig(name, size, limit)
        if parse_article(text, result.article.title) != result.article:
            raise NotRoundTrip(name)
        texts.append(text)
    articles = [result.article for result in imported]
    paths = targets(articles, output, folder=folder, overwrite=overwrite)
    for path in paths:
        if path is not None and any(_same_file(path, source) for source in sources):
            raise OutputRefused(str(path), OutputRefused.SOURCE)
    notes = [note for result in imported for note in result.notes]
    return [Output(*planned) for planned in zip(paths, texts, articles, strict=True)], notes


def _same_file(path: Path, source: str) -> bool:
    """Whether writing ``path`` would replace the file ``source`` names (even by
    another name: a link, a relative path)."""
    try:
        return path.exists() and path.samefile(source)
    except (OSError, ValueError):
        return False  # a URL, "-", or a source gone since it was read
