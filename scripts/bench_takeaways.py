"""Time generated key points: `takeaways` on a 2,000-word article without written
takeaways against `takeaways` on the bundled article (issue 15: within 1.2x).

    uv run python scripts/bench_takeaways.py            # 40 interleaved runs each
    uv run python scripts/bench_takeaways.py --runs 10

The long article is the bundled one without its takeaways, followed by sections of
corpus articles that have none, until the body reaches 2,000 words. Each command
runs as a whole process, the two alternately, with a warm cache (which holds the
points) and with --no-cache (the points drawn afresh); medians are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from articlecli.articles.loader import dump_yaml, load_article
from articlecli.model import Section

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "data" / "article.yaml"
FILLERS = ("drought-farmers", "hospital-strike", "wildfire-smoke-schools")
WORDS = 2000


def body_words(sections: list[Section]) -> int:
    return sum(len(paragraph.split()) for section in sections for paragraph in section.paragraphs)


def long_article(folder: Path) -> Path:
    article = replace(load_article(BUNDLED), key_takeaways=())
    sections = list(article.sections)
    for slug in FILLERS:
        for section in load_article(REPO / "eval" / "corpus" / slug / "article.yaml").sections:
            if body_words(sections) < WORDS:
                sections.append(section)
    path = folder / "long.yaml"
    path.write_text(dump_yaml(replace(article, sections=tuple(sections))), encoding="utf-8")
    past = time.time() - 600  # a file changed in the last seconds is never cached
    os.utime(path, (past, past))
    print(f"long article: {body_words(sections):,} words, {len(sections)} sections")
    return path


def seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="timed runs of each command")
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="articlecli-takeaways-"))
    articlecli = str(Path(sys.executable).with_name("articlecli"))
    env = {**os.environ, "ARTICLECLI_CACHE_DIR": str(folder / "cache")}
    files = {"bundled": BUNDLED, "2,000 words": long_article(folder)}
    for label, flags in (("warm cache", []), ("--no-cache", ["--no-cache"])):
        commands = {name: [articlecli, *flags, "--data", str(path), "takeaways"]
                    for name, path in files.items()}
        for command in commands.values():  # warm up, and fill the cache
            seconds(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(options.runs):
            for name, command in commands.items():
                times[name].append(seconds(command, env))
        bundled, long = (statistics.median(times[name]) for name in commands)
        print(f"{label:10}: bundled {bundled * 1000:.0f} ms, 2,000 words {long * 1000:.0f} ms,"
              f" {long / bundled:.2f}x (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
