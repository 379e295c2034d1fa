"""The shipped word lists' hash indexes: in step with their lists, and a lookup through
one finds what a dict of the list would."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlecli.qa.lookup import LineLookup, index_bytes, write_index
from articlecli.qa.meaning import TABLE, VOCAB, VOCAB_INDEX, read_vocabulary
from articlecli.qa.wordfreq import WORD_INDEX, WORD_LIST, list_start

MISSES = ["", "putinx", "##zzzq", "two words", "a\nb", "\ud800", "the\r", " the"]


def vocabulary() -> dict[str, int]:
    rows = int.from_bytes(TABLE.read_bytes()[8:12], "little")
    return read_vocabulary(VOCAB, rows)


def ranks() -> dict[str, int]:
    """The stems' ranks as the word list was first read: every word after the header."""
    body = WORD_LIST.read_text(encoding="utf-8").partition("\n\n")[2]
    return {word: rank for rank, word in enumerate(body.split(), 1)}


def test_the_shipped_indexes_are_those_of_the_shipped_lists() -> None:
    assert VOCAB_INDEX.read_bytes() == index_bytes(VOCAB.read_bytes(), 0)
    words = WORD_LIST.read_bytes()
    assert WORD_INDEX.read_bytes() == index_bytes(words, list_start(words))


@pytest.mark.parametrize("listed", ["meaning pieces", "English stems"])
def test_a_lookup_finds_what_the_dict_of_the_list_holds(listed: str) -> None:
    path, index, first, expected = ((VOCAB, VOCAB_INDEX, 0, vocabulary())
                                    if listed == "meaning pieces"
                                    else (WORD_LIST, WORD_INDEX, 1, ranks()))
    probing = LineLookup(path, index, first)
    assert len(probing) == len(expected)
    # Fewer lookups than its budget: every answer comes from the index.
    assert all(probing.get(key) == value for key, value in list(expected.items())[::16])
    assert all(probing.get(key) is None and key not in probing for key in MISSES)
    assert probing._dict is None
    assert dict(probing.items()) == expected
    assert all(probing.get(key) is None and key not in probing for key in MISSES)


def test_past_its_budget_a_lookup_builds_the_dict_and_answers_alike(tmp_path: Path) -> None:
    listed = [f"word{number}" for number in range(64)]
    path, index = tmp_path / "list.txt", tmp_path / "list.idx"
    path.write_text("".join(f"{word}\n" for word in listed), encoding="utf-8")
    write_index(path, index)
    lookup = LineLookup(path, index, first=1)
    answers = [lookup.get(word) for word in [*listed, "word64", *listed]]
    assert lookup._dict is not None
    assert answers == [*range(1, 65), None, *range(1, 65)]
    assert lookup["word3"] == 4 and list(lookup) == listed
    with pytest.raises(KeyError):
        lookup["word64"]


def test_an_index_is_refused_for_a_changed_list_or_a_list_with_a_line_twice(
        tmp_path: Path) -> None:
    path, index = tmp_path / "list.txt", tmp_path / "list.idx"
    path.write_text("header\n\nalpha\nbeta\n", encoding="utf-8")
    write_index(path, index, start=8)
    assert dict(LineLookup(path, index).items()) == {"alpha": 0, "beta": 1}
    path.write_text("header\n\nalpha\nbetas\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not the index of list\.txt"):
        LineLookup(path, index)
    with pytest.raises(ValueError, match="not a line index"):
        LineLookup(path, path)
    with pytest.raises(ValueError, match="twice"):
        index_bytes(b"alpha\nbeta\nalpha\n", 0)


def test_a_damaged_index_costs_speed_not_answers(tmp_path: Path) -> None:
    """Slots that name no line, or a table with no empty slot: the list answers."""
    listed = [f"word{number}" for number in range(40)]
    path, index = tmp_path / "list.txt", tmp_path / "list.idx"
    path.write_text("".join(f"{word}\n" for word in listed), encoding="utf-8")
    write_index(path, index)
    data = bytearray(index.read_bytes())
    slots_start = len(data) - 4 * 128  # 40 lines: 128 slots, after the offsets
    for filler in (b"\xff\xff\x00\x00", (len(listed) + 1).to_bytes(4, "little"),
                   (1).to_bytes(4, "little")):  # every slot the first line's: no end
        data[slots_start:] = filler * 128
        index.write_bytes(bytes(data))
        lookup = LineLookup(path, index)
        assert [lookup.get(word) for word in [*listed[:3], "word40"]] == [0, 1, 2, None]


def test_a_damaged_word_list_index_is_one_line_and_status_70(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from articlecli.qa import wordfreq

    from .conftest import run_cli

    broken = tmp_path / "wordfreq-en.idx"
    broken.write_bytes(WORD_INDEX.read_bytes()[:100])
    monkeypatch.setattr(wordfreq, "WORD_INDEX", broken)
    wordfreq._ranks.cache_clear()
    try:
        outcome = run_cli("--no-cache", "ask", "what did putin say")
    finally:
        wordfreq._ranks.cache_clear()
    assert outcome.status == 70
    assert outcome.stderr.startswith("articlecli: error: articlecli's own data file")
    assert outcome.stderr.count("\n") == 1 and "Traceback" not in outcome.stderr
