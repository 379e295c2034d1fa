"""Measure the web importers on tests/fixtures/web: for each page (HTML or Markdown)
with an ``.expected.yaml``, whether the title, date, author and headings are right,
the recall and precision of its body paragraphs (a table's rows, listed as
``table_rows``, are not counted against precision), and which boilerplate strings
leaked in; then totals.

    uv run python scripts/eval_import.py [--favor precision|recall|balanced] [--pages DIR]

tests/fixtures/web is the tuning set (the importer's rules were made looking at it);
tests/fixtures/web-blind holds pages written later by a helper that never saw the
importer (see its README): ``--pages tests/fixtures/web-blind``.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from articlecli.articles.importers import html
from articlecli.articles.importers.html import import_html
from articlecli.articles.importers.markdown import import_markdown
from articlecli.model import Article, list_items
from articlecli.ui.export import article_to_json

WEB = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "web"


@dataclass(frozen=True)
class Score:
    name: str
    title_ok: bool
    date_ok: bool
    author_ok: bool
    headings_ok: bool
    kept: int  # expected body paragraphs found
    expected: int
    correct: int  # extracted body paragraphs that were expected
    extracted: int
    leaks: tuple[str, ...]

    @property
    def recall(self) -> float:
        return self.kept / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 1.0


def normalise(text: str) -> str:
    return " ".join(text.split())


def expectations(pages: Path = WEB) -> list[tuple[Path, dict[str, Any]]]:
    """(page, what it should import to) for every page fixture with expectations."""
    found = []
    for path in sorted(pages.glob("*.expected.yaml")):
        expected = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "source" in expected:  # the feeds' file describes feeds, not one page
            found.append((pages / expected["source"], expected))
    return found


def import_page(path: Path) -> Article:
    if path.suffix == ".md":
        return import_markdown(path.read_text(encoding="utf-8"), str(path)).article
    return import_html(path.read_bytes(), str(path)).article


def body_paragraphs(article: Article) -> list[str]:
    """The article's paragraphs that are not lists."""
    return [normalise(paragraph) for section in article.sections
            for paragraph in section.paragraphs if list_items(paragraph) is None]


def article_text(article: Article) -> str:
    """Everything the article holds, as one string to search for leaks."""
    return json.dumps(article_to_json(article), ensure_ascii=False)


def headings(article: Article) -> list[str]:
    """The section headings but the first section's when it is the title (the lead)."""
    found = [section.heading for section in article.sections]
    return found[1:] if found[0] == article.title else found


def score(name: str, article: Article, expected: dict[str, Any]) -> Score:
    got = body_paragraphs(article)
    want = [normalise(paragraph) for paragraph in expected["body_paragraphs"]]
    rows = [normalise(row) for row in expected.get("table_rows", [])]
    text = article_text(article)
    return Score(
        name=name, title_ok=article.title == expected["title"],
        date_ok=article.published.date().isoformat() == expected["date"],
        author_ok=article.author == expected["author"],
        headings_ok=headings(article) == expected["headings"],
        kept=sum(paragraph in got for paragraph in want), expected=len(want),
        correct=sum(paragraph in want for paragraph in got),
        extracted=sum(paragraph not in rows for paragraph in got),
        leaks=tuple(leak for leak in expected.get("must_not_contain", []) if leak in text),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--favor", choices=["balanced", "precision", "recall"],
                        default="precision",
                        help="trafilatura's setting to measure (articlecli uses precision)")
    parser.add_argument("--pages", type=Path, default=WEB,
                        help="a folder of pages with .expected.yaml files (default: %(default)s)")
    arguments = parser.parse_args()
    favor = arguments.favor
    html.FAVOR_PRECISION, html.FAVOR_RECALL = favor == "precision", favor == "recall"
    scores = [score(path.name, import_page(path), expected)
              for path, expected in expectations(arguments.pages)]
    print(f"{'page':28} title date  author heads recall precision  leaks")
    for result in scores:
        print(f"{result.name:28} {'ok' if result.title_ok else 'NO':5} "
              f"{'ok' if result.date_ok else 'NO':5} {'ok' if result.author_ok else 'NO':6} "
              f"{'ok' if result.headings_ok else 'NO':5} {result.kept:2}/{result.expected:<2} "
              f"{result.recall:4.0%} {result.precision:6.0%}      "
              f"{', '.join(result.leaks) or '-'}")
    kept, expected = sum(s.kept for s in scores), sum(s.expected for s in scores)
    correct, extracted = sum(s.correct for s in scores), sum(s.extracted for s in scores)
    print(f"{'total (' + favor + ')':28} {sum(s.title_ok for s in scores)}/{len(scores):<3} "
          f"{sum(s.date_ok for s in scores)}/{len(scores):<3} "
          f"{sum(s.author_ok for s in scores)}/{len(scores):<4} "
          f"{sum(s.headings_ok for s in scores)}/{len(scores):<3} {kept}/{expected} "
          f"{kept / expected:4.0%} {correct / extracted:6.0%}      "
          f"{sum(len(s.leaks) for s in scores)} leaks")


if __name__ == "__main__":
    main()
