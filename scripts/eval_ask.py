"""Score ``articlecli ask`` on a file of questions with expected outcomes.

    uv run python scripts/eval_ask.py [FILE] [--data PATH] [--min 0.95]

FILE defaults to ../shared/eval/ask-dev.yaml beside the checkout when it is there,
else to tests/data/ask-dev.yaml, its copy in the repository.

The file (the ask-dev.yaml format) has ``cases``: {q, expect: faq|article|none,
faq: the FAQ question expected, sections: headings whose passages are right} and
``faq_sections``: for each FAQ question, the headings of passages that answer it
less well. Strict scoring wants exactly the FAQ entry for a faq case; lenient
scoring also accepts one of its faq_sections passages. Prints the accuracy for
each kind and overall, and every failure. Exit 1 if strict accuracy is below --min.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from articlecli.qa.matcher import Index, Result, build_index, search_index
from articlecli.store.library import data_path, open_library

KINDS = ("faq", "article", "none")
REPO = Path(__file__).resolve().parents[1]
SHARED_DEV = REPO.parent / "shared" / "eval" / "ask-dev.yaml"
CLONED_DEV = REPO / "tests" / "data" / "ask-dev.yaml"


def default_file() -> Path:
    return SHARED_DEV if SHARED_DEV.is_file() else CLONED_DEV


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


def evaluate(cases_file: Path, index: Index) -> Scores:
    spec = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    faq_sections: dict[str, list[str]] = spec.get("faq_sections") or {}
    scores = Scores()
    for case in spec["cases"]:
        kind = case["expect"]
        result = search_index(index, str(case["q"]))
        strict, lenient = judge(case, faq_sections, result)
        scores.total[kind] += 1
        scores.strict[kind] += strict
        scores.lenient[kind] += lenient
        if not strict:
            wanted = case.get("faq") or case.get("sections") or "no answer"
            mark = "lenient ok" if lenient else "FAIL"
            scores.failures.append(f"{mark}: {case['q']!r} [{kind}] wanted {wanted}, "
                                   f"got {describe(result)}")
    return scores


def report(scores: Scores) -> str:
    lines = [f"{'kind':<8} {'cases':>5} {'strict':>7} {'lenient':>8}"]
    for kind in (*KINDS, None):
        cases = sum(scores.total.values()) if kind is None else scores.total[kind]
        lines.append(f"{kind or 'overall':<8} {cases:>5} {scores.accuracy(kind):>7.1%} "
                     f"{scores.accuracy(kind, lenient=True):>8.1%}")
    lines += ["", *scores.failures] if scores.failures else []
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, nargs="?", default=None,
                        help="questions with expected outcomes (YAML); default: "
                        "../shared/eval/ask-dev.yaml, else tests/data/ask-dev.yaml")
    parser.add_argument("--data", type=Path, help="article file or folder (default: bundled)")
    parser.add_argument("--min", type=float, default=0.0, dest="minimum",
                        help="exit 1 if strict overall accuracy is below this (0..1)")
    args = parser.parse_args(argv)
    args.file = args.file or default_file()
    if not args.file.is_file():
        parser.error(f"no such file: {args.file}")
    index = build_index(open_library(data_path(args.data)).articles)
    scores = evaluate(args.file, index)
    print(report(scores))
    return 1 if scores.accuracy() < args.minimum else 0


if __name__ == "__main__":
    sys.exit(main())
