"""The English word-frequency list behind commonwords, and the script that makes it."""

from __future__ import annotations

import time
from types import ModuleType

from articlecli.qa import wordfreq as commonwords
from articlecli.qa.wordfreq import WORD_LIST, rank

from .conftest import load_script


def make_wordfreq() -> ModuleType:
    return load_script("make_wordfreq")


def test_the_list_is_plain_stems_most_frequent_first_under_its_licence() -> None:
    header, _, body = WORD_LIST.read_text(encoding="utf-8").partition("\n\n")
    assert "pyspellchecker" in header and "MIT License" in header
    listed = body.split()
    assert listed[:3] == ["the", "you", "i"]
    assert len(listed) == len(set(listed)) == 10_000
    assert all(word.isascii() and word.isalpha() and word.islower() for word in listed)


def test_a_word_ranks_with_all_its_forms() -> None:
    sending, election = rank("sending"), rank("election")
    assert sending is not None and election is not None
    assert rank("send") == rank("sends") == sending
    assert sending < election
    assert rank("tariffs") is None


def test_the_list_loads_in_a_few_milliseconds() -> None:
    commonwords._ranks.cache_clear()
    start = time.perf_counter()
    commonwords._ranks()
    # ~2 ms measured; the bound leaves room for a loaded test machine.
    assert time.perf_counter() - start < 0.05


def test_the_script_counts_a_word_with_its_forms_and_keeps_plain_words_only() -> None:
    script = make_wordfreq()
    counts = {"send": 5, "sending": 4, "sends": 2, "apple": 10, "Paris": 99, "naïve": 50,
              "e-mail": 70, "zebra": 1}
    assert script.top_stems(counts, 2) == ["send", "appl"]
    text = script.render(["send", "appl"], "MIT License\n\nCopyright (c) someone")
    header, _, body = text.partition("\n\n")
    assert all(line.startswith("#") for line in header.splitlines())
    assert "# MIT License" in header and "# Copyright (c) someone" in header
    assert body.split() == ["send", "appl"]
