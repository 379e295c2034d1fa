"""Score articlecli's generated key points against the written takeaways.

    uv run python scripts/eval_takeaways.py       # data/article.yaml, eval/corpus, eval/takeaways
    uv run python scripts/eval_takeaways.py FILE_OR_FOLDER...
    uv run python scripts/eval_takeaways.py --set REDUNDANCY=0.5 --half tuning   # try a setting

For every article with written key_takeaways: remove them, generate points from the
text (articlecli.qa.keypoints), and compare them with the written ones by ROUGE-1
and ROUGE-2 F1 (stemmed unigram and bigram overlap, computed here, stop words kept,
counts clipped as in Lin 2004), next to two baselines: lead-3 (the first three
sentences of the body) and the first sentence of each section. Prints a row per
article and, for the tuning half and the test half separately, the mean scores and
the mean length in words of each method's points (ROUGE F1 depends on length, and
the baselines are as long as the issue defines them: three sentences, and one
sentence per section). --half tuning shows the tuning half alone, for trying
settings without seeing the test half.

The split is fixed by name, not chosen by results: the bundled article, the
articles of eval/takeaways (written for tuning) and corpus articles whose slug
starts with a-l are the tuning half; corpus slugs m-z are the test half, which no
setting was ever tuned on. Exit 1 if the generator's mean on any
half is below a baseline's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from articlecli.articles.loader import load_article
from articlecli.model import Article
from articlecli.qa import keypoints
from articlecli.qa.words import stem, words

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = [REPO / "data" / "article.yaml", REPO / "eval" / "corpus",
                   REPO / "eval" / "takeaways"]
METHODS = ("generated", "lead-3", "section-firsts")
TUNING, TEST = "tuning", "test"


@dataclass(frozen=True)
class Row:
    name: str
    half: str
    points: int
    scores: dict[str, tuple[float, float]]  # method -> (ROUGE-1 F1, ROUGE-2 F1)
    lengths: dict[str, int]  # method -> words in all its points


def tokens(texts: Sequence[str]) -> list[str]:
    return [stem(word) for text in texts for word in words(text)]


def ngrams(found: Sequence[str], size: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(found[start:start + size]) for start in range(len(found) - size + 1))


def rouge_f1(candidate: Sequence[str], reference: Sequence[str], size: int) -> float:
    """ROUGE-N F1 of the candidate sentences against the reference sentences."""
    ours, theirs = ngrams(tokens(candidate), size), ngrams(tokens(reference), size)
    overlap = sum((ours & theirs).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(ours.values()), overlap / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def lead_three(article: Article) -> list[str]:
    return [candidate.text for candidate in keypoints.body_sentences(article)[:3]]


def section_firsts(article: Article) -> list[str]:
    firsts: dict[int, str] = {}
    for candidate in keypoints.body_sentences(article):
        firsts.setdefault(candidate.section, candidate.text)
    return list(firsts.values())


def half_of(path: Path) -> str:
    """Corpus slugs m-z test; the rest (corpus slugs a-l, the bundled article and
    eval/takeaways) tune."""
    if path.parent.parent.name != "corpus":
        return TUNING
    return TUNING if path.parent.name[:1].lower() < "m" else TEST


def article_files(sources: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            found += sorted(source.glob("*/article.yaml"))
        elif source.is_file():
            found.append(source)
    return found


def score(path: Path) -> Row | None:
    article = load_article(path, path.parent.name if path.name == "article.yaml" else path.stem)
    written = list(article.key_takeaways)
    if not written:
        return None
    bare = replace(article, key_takeaways=())
    outputs = {"generated": list(keypoints.key_points(bare)), "lead-3": lead_three(bare),
               "section-firsts": section_firsts(bare)}
    name = "bundled article" if path.parent.name == "data" else path.parent.name
    return Row(name, half_of(path), len(outputs["generated"]),
               {method: (rouge_f1(points, written, 1), rouge_f1(points, written, 2))
                for method, points in outputs.items()},
               {method: len(tokens(points)) for method, points in outputs.items()})


def apply_settings(settings: Sequence[str]) -> None:
    for setting in settings:
        name, _, value = setting.partition("=")
        if not hasattr(keypoints, name) or not name.isupper():
            sys.exit(f"no setting {name!r} in articlecli.qa.keypoints")
        setattr(keypoints, name, type(getattr(keypoints, name))(float(value)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="article files or corpus folders")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a keypoints setting (tune on the tuning half only)")
    parser.add_argument("--quiet", action="store_true", help="print only the means")
    parser.add_argument("--half", choices=(TUNING, TEST, "all"), default="all",
                        help="score only this half (default: both)")
    options = parser.parse_args(argv)
    apply_settings(options.set)
    rows = [row for path in article_files(options.sources or DEFAULT_SOURCES)
            if options.half in ("all", half_of(path)) and (row := score(path)) is not None]
    if not rows:
        sys.exit("no articles with written key_takeaways")
    header = f"{'article':26} {'half':6} {'n':>2}  " + "  ".join(
        f"{method + ' R1/R2':>20}" for method in METHODS)
    if not options.quiet:
        print(header)
        for row in rows:
            print(f"{row.name[:26]:26} {row.half:6} {row.points:2}  " + "  ".join(
                f"{row.scores[m][0]:10.3f}/{row.scores[m][1]:.3f}" for m in METHODS))
        print()
    worse = False
    for half in (TUNING, TEST):
        chosen = [row for row in rows if row.half == half]
        if not chosen:
            continue
        means = {method: tuple(statistics.fmean(row.scores[method][n] for row in chosen)
                               for n in (0, 1)) for method in METHODS}
        print(f"mean, {half} half ({len(chosen)} articles): " + ", ".join(
            f"{method} R1 {means[method][0]:.3f} R2 {means[method][1]:.3f}"
            f" ({statistics.fmean(row.lengths[method] for row in chosen):.0f} words)"
            for method in METHODS))
        worse |= any(means["generated"][n] < means[method][n]
                     for method in METHODS[1:] for n in (0, 1))
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
