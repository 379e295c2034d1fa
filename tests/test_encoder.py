"""The numpy sentence encoder gives the vectors the sentence-transformer itself gives."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from articlecli.qa import encoder

REFERENCE = json.loads((Path(__file__).parent / "data" / "encoder-reference.json")
                       .read_text(encoding="utf-8"))["texts"]
TEXTS = [entry["text"] for entry in REFERENCE]
LONG = max(TEXTS, key=len)


def cosine(a: Any, b: Any) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_the_tokens_are_the_sentence_transformers() -> None:
    for entry in REFERENCE:
        assert encoder.token_ids(entry["text"]) == entry["ids"], entry["text"]


def test_every_reference_vector_is_reproduced() -> None:
    """float16 Linear weights and int8 word embeddings: 0.99993 at worst (for "?")."""
    vectors = encoder.encode(TEXTS)
    for entry, vector in zip(REFERENCE, vectors, strict=True):
        assert vector is not None
        assert len(vector) == 384
        assert math.isclose(sum(value * value for value in vector), 1.0, rel_tol=1e-5)
        assert cosine(vector, entry["vector"]) >= 0.9999, entry["text"]


def test_the_published_example() -> None:
    food, bread, horse = encoder.encode(["A man is eating food.",
                                         "A man is eating a piece of bread.",
                                         "A man is riding a horse."])
    assert food is not None and bread is not None and horse is not None
    assert abs(cosine(food, bread) - 0.7553) < 0.01
    assert cosine(food, horse) < cosine(food, bread)


def test_a_text_past_256_tokens_is_cut_as_the_model_cuts_it() -> None:
    ids = encoder.token_ids(LONG)
    assert len(ids) == encoder.MAX_TOKENS
    assert ids[-1] == encoder.token_ids("?")[-1]  # [SEP] still closes it
    whole, longer = encoder.encode([LONG, LONG + " And a few words more at the end."])
    assert whole is not None and longer is not None
    assert max(abs(a - b) for a, b in zip(whole, longer, strict=True)) < 1e-5


def test_a_batch_gives_the_vectors_one_at_a_time_does() -> None:
    texts = [*TEXTS, *TEXTS[:3]]
    together = encoder.encode(texts)
    for text, vector in zip(texts, together, strict=True):
        (alone,) = encoder.encode([text])
        assert vector is not None and alone is not None
        assert max(abs(a - b) for a, b in zip(vector, alone, strict=True)) < 1e-5


def test_rounds_of_many_texts_keep_their_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts more than one round holds are split across rounds, in order."""
    expected = encoder.encode(TEXTS)
    monkeypatch.setattr(encoder, "_ROUND", 40)
    monkeypatch.setattr(encoder, "_CHUNK", 16)
    for vector, wanted in zip(encoder.encode(TEXTS), expected, strict=True):
        assert vector is not None and wanted is not None
        assert cosine(vector, wanted) > 0.99999


def test_a_blank_text_has_no_vector() -> None:
    assert encoder.encode([]) == []
    assert encoder.token_ids("  \t\n") == []
    out = encoder.encode(["", "A man is eating food.", " \n\t ", "\x00\u200b"])
    assert out[0] is None and out[2] is None and out[3] is None
    assert out[1] is not None


def test_gelu_uses_erf_to_float32_precision() -> None:
    xs = np.linspace(-10, 10, 20001, dtype=np.float32)
    exact = [0.5 * x * (1 + math.erf(x / math.sqrt(2))) for x in xs.astype(np.float64).tolist()]
    error = np.abs(encoder._gelu(xs.copy()).astype(np.float64) - np.array(exact))
    assert float(error.max()) < 2e-6


def test_importing_meaning_does_not_import_numpy() -> None:
    code = "import sys, articlecli.qa.meaning; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(("given", "expected"), [
    ({}, "1"), ({"OPENBLAS_NUM_THREADS": "2"}, "2"), ({"OMP_NUM_THREADS": "4"}, None)])
def test_the_program_runs_blas_on_one_thread_unless_told_otherwise(
        monkeypatch: pytest.MonkeyPatch, given: dict[str, str], expected: str | None) -> None:
    """OpenBLAS's threads spin waiting for each other when other processes hold the
    cores (README: Speed); a user's own setting wins."""
    import os

    from articlecli import __main__ as entry

    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        monkeypatch.setenv(name, "")  # recorded, so that the test leaves them as they were
        monkeypatch.delenv(name)
    for name, value in given.items():
        monkeypatch.setenv(name, value)
    seen: list[str | None] = []
    monkeypatch.setattr(entry, "_load", lambda: lambda: seen.append(
        os.environ.get("OPENBLAS_NUM_THREADS")))
    entry.run()  # the program sets it before any command runs
    assert seen == [expected]
