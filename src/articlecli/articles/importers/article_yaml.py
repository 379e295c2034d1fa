"""articlecli's own YAML format as a source: the file is read by the loader, as
``validate`` and ``--data`` read it, and imported as the article it holds (written
back in the normal form). An invalid one is the loader's error, by file:line:col;
what ``validate`` would warn of is warned of."""

from __future__ import annotations

from ...errors import DataError
from ..lint import lint
from ..loader import check_article
from .draft import Imported, Note


def import_article_yaml(text: str, name: str) -> Imported:
    """The article ``text`` holds; DataError (every problem, first first) if it is not
    a valid article."""
    checked = check_article(text, name)
    if checked.article is None:
        raise DataError(sorted(checked.problems, key=lambda problem: (problem.line,
                                                                      problem.column)))
    warnings: tuple[Note, ...] = tuple(
        str(problem) for problem in lint(checked.article, checked.positions, name))
    return Imported(checked.article, warnings)
