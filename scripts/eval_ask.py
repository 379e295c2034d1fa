"""Score ``articlecli ask`` on questions with expected outcomes.

    uv run python scripts/eval_ask.py                       # the bundled article's dev set
    uv run python scripts/eval_ask.py FILE [--data PATH]    # one question file, one article
    uv run python scripts/eval_ask.py --corpus eval/corpus --half tuning|test|all
    uv run python scripts/eval_ask.py --corpus eval/corpus --together   # as one library
    uv run python scripts/eval_ask.py ... --weights threshold=0.35 --weights unknown=2

A question file (the ask-dev.yaml format) has ``cases``: {q, expect: faq|article|none,
faq: the FAQ question expected, sections: headings whose passages are right ("Summary"
and "Key Takeaways" name those parts)} and ``faq_sections``: for each FAQ question,
the headings of passages that answer it less well. Strict scoring wants exactly the
FAQ entry for a faq case; lenient scoring also accepts one of its faq_sections
passages. A corpus is a folder of ``<slug>/article.yaml`` + ``<slug>/questions.yaml``
with a ``split.yaml`` beside it naming the tuning and test halves. ``--together``
asks every question of one library holding all the half's articles (each under its
slug as id), as a reader with a library would: an answer is then right only if it
also comes from the question's own article.

Prints accuracy per kind and per article, and every failure. ``--weights`` overrides
the matcher's tuning constants (qa.scoring.Weights) without touching the code.
Exit 1 if strict overall accuracy is below --min.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from articlecli.articles.loader import load_article
from articlecli.qa.matcher import Index, Result, Weights, build_index, search_index
from articlecli.store.library import data_path, open_library

KINDS = ("faq", "article", "none")
REPO = Path(__file__).resolve().parents[1]
DEV_SETS = (REPO.parent / "shared" / "eval" / "ask-dev.yaml",
            REPO / "tests" / "data" / "ask-dev.yaml")


@dataclass
class Scores:
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    strict: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    lenient: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    failures: list[str] = field(default_factory=list)

    def accuracy(self, kind: str | None = None, *, lenient: bool = False) -> float:
        right = self.lenient if lenient else self.strict
        kinds = KINDS if kind is None else (kind,)
        cases = sum(self.total[name] for name in kinds)
        return sum(right[name] for name in kinds) / cases if cases else 1.0

    def add(self, other: Scores) -> None:
        for kind in KINDS:
            self.total[kind] += other.total[kind]
            self.strict[kind] += other.strict[kind]
            self.lenient[kind] += other.lenient[kind]
        self.failures += other.failures


def judge(case: dict[str, Any], faq_sections: dict[str, list[str]],
          result: Result) -> tuple[bool, bool]:
    """(strictly right, leniently right) for one case."""
    got = result.answer
    expect = case["expect"]
    if expect == "none":
        return got is None, got is None
    if got is None:
        return False, False
    if expect == "faq":
        strict = got.source == "faq" and got.question == case["faq"]
        lenient = strict or (got.source == "article"
                             and got.section in faq_sections.get(case["faq"], []))
        return strict, lenient
    right = got.source == "article" and got.section in case.get("sections", [])
    return right, right


def describe(result: Result) -> str:
    got = result.answer
    if got is None:
        return "no answer"
    where = f"FAQ {got.question!r}" if got.source == "faq" else f"passage in {got.section!r}"
    return f"{where} ({got.score:.2f})"


def evaluate(cases_file: Path, index: Index, weights: Weights, label: str = "",
             article: str | None = None) -> Scores:
    spec = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    faq_sections: dict[str, list[str]] = spec.get("faq_sections") or {}
    scores = Scores()
    for case in spec["cases"]:
        kind = case["expect"]
        result = search_index(index, str(case["q"]), weights=weights)
        strict, lenient = judge(case, faq_sections, result)
        if article is not None and result.answer is not None and \
                result.answer.article != article:
            strict = lenient = False
        scores.total[kind] += 1
        scores.strict[kind] += strict
        scores.lenient[kind] += lenient
        if not strict:
            wanted = case.get("faq") or case.get("sections") or "no answer"
            mark = "lenient ok" if lenient else "FAIL"
            scores.failures.append(f"{mark}: {label}{case['q']!r} [{kind}] wanted {wanted}, "
                                   f"got {describe(result)}")
    return scores


def report(scores: Scores, per_article: dict[str, Scores] | None = None) -> str:
    lines = [f"{'kind':<8} {'cases':>5} {'strict':>7} {'lenient':>8}"]
    for kind in (*KINDS, None):
        cases = sum(scores.total.values()) if kind is None else scores.total[kind]
        lines.append(f"{kind or 'overall':<8} {cases:>5} {scores.accuracy(kind):>7.1%} "
                     f"{scores.accuracy(kind, lenient=True):>8.1%}")
    if per_article:
        lines += ["", f"{'article':<26} {'cases':>5} {'strict':>7} {'faq':>6} {'article':>8} "
                  f"{'none':>6}"]
        for name, part in per_article.items():
            lines.append(f"{name:<26} {sum(part.total.values()):>5} {part.accuracy():>7.1%} "
                         + " ".join(f"{part.accuracy(kind):>{width}.0%}" if part.total[kind]
                                    else f"{'-':>{width}}"
                                    for kind, width in zip(KINDS, (6, 8, 6), strict=True)))
    lines += ["", *scores.failures] if scores.failures else []
    return "\n".join(lines)


def corpus_scores(corpus: Path, half: str, weights: Weights, *, together: bool = False
                  ) -> tuple[Scores, dict[str, Scores]]:
    split = yaml.safe_load((corpus.parent / "split.yaml").read_text(encoding="utf-8"))
    slugs = [*split["tuning"], *split["test"]] if half == "all" else split[half]
    articles = {slug: dataclasses.replace(load_article(corpus / slug / "article.yaml"), id=slug)
                for slug in slugs}
    library = build_index(articles.values()) if together else None
    total, per_article = Scores(), {}
    for slug in slugs:
        index = library or build_index([articles[slug]])
        per_article[slug] = evaluate(corpus / slug / "questions.yaml", index, weights,
                                     f"{slug}: ", slug if together else None)
        total.add(per_article[slug])
    return total, per_article


def parse_weights(settings: list[str]) -> Weights:
    known = {item.name: item.type for item in dataclasses.fields(Weights)}
    changes: dict[str, Any] = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        if name not in known:
            raise SystemExit(f"eval_ask: unknown weight {name!r}; known: {', '.join(known)}")
        changes[name] = int(value) if known[name] in (int, "int") else float(value)
    return dataclasses.replace(Weights(), **changes)


def default_dev_set() -> Path:
    return next((path for path in DEV_SETS if path.is_file()), DEV_SETS[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?",
                        help="questions with expected outcomes (default: the dev set)")
    parser.add_argument("--data", type=Path, help="article file or folder (default: bundled)")
    parser.add_argument("--corpus", type=Path, help="a corpus folder (eval/corpus)")
    parser.add_argument("--half", choices=("tuning", "test", "all"), default="tuning")
    parser.add_argument("--together", action="store_true",
                        help="ask every question of one library holding the half's articles")
    parser.add_argument("--weights", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--quiet", action="store_true", help="leave out the failures")
    parser.add_argument("--min", type=float, default=0.0, dest="minimum",
                        help="exit 1 if strict overall accuracy is below this (0..1)")
    args = parser.parse_args(argv)
    weights = parse_weights(args.weights)
    per_article: dict[str, Scores] | None = None
    if args.corpus is not None:
        scores, per_article = corpus_scores(args.corpus, args.half, weights,
                                            together=args.together)
    else:
        index = build_index(open_library(data_path(args.data)).articles)
        scores = evaluate(args.file or default_dev_set(), index, weights)
    if args.quiet:
        scores.failures = []
    print(report(scores, per_article))
    return 1 if scores.accuracy() < args.minimum else 0


if __name__ == "__main__":
    sys.exit(main())
