"""Write the English related-words table the question matcher can expand words with:

    apt-get install wordnet-base          # Debian's WordNet 3.0, in /usr/share/wordnet
    uv run python scripts/make_related.py

Reads the WordNet 3.0 database files directly (index.*, data.*, cntlist.rev; no
nltk, no network) and writes src/articlecli/data/related-en.tsv: '#' header lines
(source, licence, the command above), then one line per headword, sorted by the
bytes of the UTF-8 headword, no headword twice:

    headword<TAB>syn:w1,w2,...<TAB>der:w3,...<TAB>abbr:w4,...

Fields come in that order and an empty field is left out. Headwords are lowercase
single tokens of a-z, 0-9 and '-', lemmas only (look up "seniors" as "senior");
related words are lowercase lemmas, a multiword lemma with spaces ("car maker").
To keep clear of polysemy only the most frequent sense of a headword in each part
of speech counts: WordNet's sense 1, if the SemCor tag counts of cntlist.rev give
it at least one occurrence; for a word with no tagged sense at all, the sense 1
of each part of speech in which it has only one sense.

- syn: the other lemmas of that synset (quake -> earthquake, temblor, seism);
- der: the lemmas that the headword's sense points to as derivationally related
  ('+': destroy -> destruction), as pertaining to ('\\': economic -> economy)
  or as participle of ('<');
- abbr: synonyms that look like short forms of the headword: written in capitals
  or with a '.' in WordNet (MD, Dr.), or a lowercase subsequence of it of at most
  four letters that starts with its first letter (km, doc, auto).

A link from a headword's top sense to a sense of another word is kept when that
sense is the other word's top sense too, and then goes both ways (symmetric); or
when the other word has no top sense in that part of speech (a multiword lemma, a
word whose senses are all untagged, like "md"), and then goes one way only. Other
links would lead from a common sense to a rare one (car -> machine, bank -> rely).
Each field keeps at most --cap words. Options for fewer polysemous entries (off by
default): --max-senses N leaves out syn and abbr of a headword with more than N
senses over all parts of speech; --pos-share F leaves out a part of speech whose
sense 1 is tagged less than F times as often as that of the most tagged one.

The file can be binary-searched with mmap, for instance:

    import mmap

    def lookup(path: str, word: str) -> list[str] | None:
        key = word.encode()
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            lo, hi = 0, len(m)
            while m[lo : lo + 1] == b"#":  # skip the header
                lo = m.find(b"\\n", lo) + 1
            while lo < hi:  # lo and hi stay at line starts
                mid = (lo + hi) // 2
                start = m.rfind(b"\\n", lo, mid) + 1 or lo
                end = m.find(b"\\n", start)
                head = m[start : m.find(b"\\t", start, end)]
                if head == key:
                    return m[start:end].decode().split("\\t")[1:]
                if head < key:
                    lo = end + 1
                else:
                    hi = start
        return None

    lookup("src/articlecli/data/related-en.tsv", "quake")
    # -> ['syn:earthquake,temblor,seism,quiver,palpitate']
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

WORDNET = Path("/usr/share/wordnet")
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "articlecli" / "data" / "related-en.tsv"
POS = ("n", "v", "a", "r")
FILE_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SS_TYPE_POS = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
DERIVATION = frozenset({"+", "\\", "<"})
HEADWORD = re.compile(r"[a-z0-9][a-z0-9-]*")
ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")
ACRONYM = re.compile(r"(?=.*[A-Z])[A-Z0-9]{2,}")
CAP = 12
# English function words, left out as headwords and as related words: WordNet has
# them only as lowercased acronyms or units (us -> united states, who -> world
# health organization, it -> information technology, in -> inch, i -> one).
_FUNCTION_WORDS = """\
a about after an and are as at be been before being but by can could did do
does for from had has have he her hers him his i if in into is it its may me
might must my no nor not of on or our ours shall she should so than that the
their theirs them then there these they this those to up us was we were what
when where which who whom whose why will with would you your yours
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
FIELDS = ("syn", "der", "abbr")


class Pointer(NamedTuple):
    """A pointer of a synset; ``source`` and ``target`` are 1-based word numbers,
    both 0 for a semantic pointer (between whole synsets)."""

    symbol: str
    offset: int
    pos: str
    source: int
    target: int


class Synset(NamedTuple):
    """The lemmas of a synset as WordNet writes them (case kept, '_' for space)
    and its pointers."""

    words: tuple[str, ...]
    pointers: tuple[Pointer, ...]


class IndexEntry(NamedTuple):
    """A lemma in one part of speech: its synsets, most frequent sense first."""

    lemma: str
    pos: str
    offsets: tuple[int, ...]


class WordNet:
    """The database files of a WordNet 3.0 directory; synsets are parsed on demand
    from the data files, whose synset offsets are byte offsets."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.data = {pos: (directory / f"data.{FILE_POS[pos]}").read_bytes() for pos in POS}
        self._synsets: dict[tuple[str, int], Synset] = {}

    def index(self) -> Iterator[IndexEntry]:
        """Every lemma of every part of speech, in file order."""
        for pos in POS:
            text = (self.directory / f"index.{FILE_POS[pos]}").read_text(encoding="ascii")
            for line in text.splitlines():
                if line.startswith(" "):  # the licence
                    continue
                fields = line.split()
                pointer_count = int(fields[3])
                offsets = tuple(int(offset) for offset in fields[6 + pointer_count :])
                yield IndexEntry(fields[0], pos, offsets)

    def tag_counts(self) -> dict[tuple[str, str, int], int]:
        """(lemma, part of speech, sense number) -> SemCor tag count, from cntlist.rev."""
        counts: dict[tuple[str, str, int], int] = {}
        text = (self.directory / "cntlist.rev").read_text(encoding="ascii")
        for line in text.splitlines():
            key, sense, count = line.split()
            lemma, _, lex_sense = key.partition("%")
            entry = (lemma, SS_TYPE_POS[lex_sense[0]], int(sense))
            counts[entry] = counts.get(entry, 0) + int(count)
        return counts

    def licence(self) -> list[str]:
        """The licence lines that open each data file, without their line numbers."""
        lines = []
        for line in self.data["n"].decode("ascii").splitlines():
            if not line.startswith("  "):
                break
            lines.append(line.strip().partition(" ")[2].strip())
        return lines

    def synset(self, pos: str, offset: int) -> Synset:
        """The synset at ``offset`` of the data file of ``pos``."""
        key = (pos, offset)
        if key not in self._synsets:
            data = self.data[pos]
            line = data[offset : data.index(b"\n", offset)].decode("ascii")
            self._synsets[key] = parse_synset(line)
        return self._synsets[key]


def parse_synset(line: str) -> Synset:
    """A data file line: offset, lex file, type, word count (hex), words with their
    lex ids, pointer count, pointers, [verb frames], '|' gloss."""
    fields = line.partition(" | ")[0].split()
    word_count = int(fields[3], 16)
    words = tuple(ADJ_MARKER.sub("", word) for word in fields[4 : 4 + 2 * word_count : 2])
    at = 4 + 2 * word_count
    pointers = []
    for start in range(at + 1, at + 1 + 4 * int(fields[at]), 4):
        symbol, offset, pos, numbers = fields[start : start + 4]
        pointers.append(
            Pointer(
                symbol,
                int(offset),
                "a" if pos == "s" else pos,
                int(numbers[:2], 16),
                int(numbers[2:], 16),
            )
        )
    return Synset(words, tuple(pointers))


def plain(word: str) -> str:
    """A WordNet lemma as text: lowercase, spaces for underscores."""
    return word.replace("_", " ").lower()


def is_short_form(headword: str, written: str) -> bool:
    """Whether a synonym, as WordNet writes it, looks like a short form of ``headword``."""
    if ACRONYM.fullmatch(written) or "." in written:
        return True
    word = written.lower()
    if not (word.isalpha() and len(word) <= 4 and len(headword) >= len(word) + 2):
        return False
    letters = iter(headword)
    return word[0] == headword[0] and all(letter in letters for letter in word)


@dataclass
class Entry:
    """The related words of one headword, each field in insertion order."""

    fields: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in FIELDS})
    senses: int = 0

    def add(self, name: str, words: Iterable[str], headword: str) -> None:
        present = {word for values in self.fields.values() for word in values}
        present.add(headword)
        for word in words:
            if word not in present:
                self.fields[name].append(word)
                present.add(word)


Sense = tuple[str, int]  # (part of speech, synset offset)


class Link(NamedTuple):
    """A word related to a headword in one of its senses: the field it goes in, the
    word's sense, and the field the headword goes in on the word's line."""

    name: str
    word: str
    sense: Sense
    reverse: str


def top_senses(
    index: list[IndexEntry], counts: dict[tuple[str, str, int], int], pos_share: float
) -> dict[str, list[Sense]]:
    """Headword -> its top senses, most tagged first: sense 1 of each part of speech
    in which it is tagged at least ``pos_share`` times as often as in its most tagged
    one; failing any tags, of each in which it has one sense only."""
    ranked: dict[str, list[tuple[int, int, Sense]]] = {}
    for entry in index:
        if not HEADWORD.fullmatch(entry.lemma) or entry.lemma in FUNCTION_WORDS:
            continue
        count = counts.get((entry.lemma, entry.pos, 1), 0)
        if count > 0 or len(entry.offsets) == 1:
            sense = (entry.pos, entry.offsets[0])
            ranked.setdefault(entry.lemma, []).append((-count, POS.index(entry.pos), sense))
    tops = {}
    for lemma, candidates in ranked.items():
        most = min(candidate[0] for candidate in candidates)
        tagged = [c for c in candidates if c[0] < 0 and c[0] <= most * pos_share]
        tops[lemma] = [sense for *_, sense in sorted(tagged or candidates)]
    return tops


def links(wordnet: WordNet, headword: str, sense: Sense) -> Iterator[Link]:
    """The words related to ``headword`` in ``sense``: the other lemmas of the
    synset, then the targets of the headword's derivation pointers."""
    synset = wordnet.synset(*sense)
    plains = [plain(word) for word in synset.words]
    number = plains.index(headword) + 1
    as_written = synset.words[number - 1]
    for word, text in zip(synset.words, plains, strict=True):
        if text != headword and text not in FUNCTION_WORDS:
            name = "abbr" if is_short_form(headword, word) else "syn"
            reverse = "abbr" if is_short_form(text, as_written) else "syn"
            yield Link(name, text, sense, reverse)
    for pointer in synset.pointers:
        if pointer.symbol in DERIVATION and pointer.source == number:
            target = wordnet.synset(pointer.pos, pointer.offset)
            word = plain(target.words[pointer.target - 1])
            if word in FUNCTION_WORDS:
                continue
            yield Link("der", word, (pointer.pos, pointer.offset), "der")


def build(wordnet: WordNet, cap: int, max_senses: int, pos_share: float) -> dict[str, Entry]:
    """Headword -> its related words, capped, without empty entries; a link is kept
    as the module docstring says (both ways, one way, or not at all)."""
    index = list(wordnet.index())
    tops = top_senses(index, wordnet.tag_counts(), pos_share)
    top_offset = {(word, pos): offset for word, senses in tops.items() for pos, offset in senses}
    senses: dict[str, int] = {}
    for item in index:
        senses[item.lemma] = senses.get(item.lemma, 0) + len(item.offsets)
    entries: dict[str, Entry] = {}
    reverse: list[tuple[str, str, str]] = []  # (word, field, headword), added last
    for headword, top in tops.items():
        entry = entries.setdefault(headword, Entry(senses=senses[headword]))
        for sense in top:
            for link in links(wordnet, headword, sense):
                pos, offset = link.sense
                other = top_offset.get((link.word, pos))
                if other is None or other == offset:
                    entry.add(link.name, [link.word], headword)
                if other == offset:
                    reverse.append((link.word, link.reverse, headword))
    for word, name, headword in reverse:
        entries[word].add(name, [headword], word)
    result = {}
    for headword, entry in entries.items():
        if max_senses and entry.senses > max_senses:
            entry.fields["syn"].clear()
            entry.fields["abbr"].clear()
        for name in FIELDS:
            del entry.fields[name][cap:]
        if any(entry.fields.values()):
            result[headword] = entry
    return result


def render(entries: dict[str, Entry], licence: list[str], command: str) -> str:
    """The file: '#' header lines, then the entries sorted by the bytes of the headword."""
    header = [
        "English related words from WordNet 3.0 (https://wordnet.princeton.edu/), read",
        "from the files of Debian's wordnet-base package (1:3.0), written by",
        f"scripts/make_related.py. To regenerate: {command}",
        "One line per headword, sorted by the bytes of the UTF-8 headword (for binary",
        "search): headword<TAB>syn:w,...<TAB>der:w,...<TAB>abbr:w,... (in that order;",
        "empty fields left out). Only each headword's most frequent sense per part of",
        "speech is used: sense 1 if tagged in SemCor (cntlist.rev); for an untagged word,",
        "if it is the only sense. syn: other lemmas of that synset; der: derivationally",
        "related, pertainym and participle forms of that sense; abbr: synonyms that look",
        "like short forms of the headword. A link is kept if it reaches the other word's",
        "top sense too (then it is listed both ways) or the other word has none (then",
        "one way only). Multiword lemmas have spaces. English function words (us, it,",
        "who, in, ...) are left out: WordNet has them only as acronyms or units.",
        "",
        "WordNet's licence:",
        "",
        *licence,
    ]
    lines = [f"# {line}".rstrip() for line in header]
    for headword in sorted(entries, key=lambda word: word.encode("utf-8")):
        fields = [
            f"{name}:{','.join(words)}" for name, words in entries[headword].fields.items() if words
        ]
        lines.append("\t".join([headword, *fields]))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", type=Path, default=WORDNET, help="WordNet 3.0 dict directory")
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the table")
    parser.add_argument("--cap", type=int, default=CAP, help="most words per field")
    parser.add_argument(
        "--max-senses", type=int, default=0, help="no syn/abbr for words with more senses (0: keep)"
    )
    parser.add_argument(
        "--pos-share",
        type=float,
        default=0.0,
        help="drop a part of speech whose sense 1 is tagged less than this share of the"
        " most tagged part of speech's (0: keep every tagged one)",
    )
    args = parser.parse_args(argv)
    if not (args.wordnet / "cntlist.rev").is_file():
        print(f"no WordNet in {args.wordnet}: apt-get install wordnet-base", file=sys.stderr)
        return 1
    wordnet = WordNet(args.wordnet)
    entries = build(wordnet, args.cap, args.max_senses, args.pos_share)
    command = "apt-get install wordnet-base && uv run python scripts/make_related.py"
    for option in ("max_senses", "pos_share"):
        if getattr(args, option):
            command += f" --{option.replace('_', '-')} {getattr(args, option)}"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(entries, wordnet.licence(), command), encoding="utf-8")
    print(f"{len(entries)} headwords -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
