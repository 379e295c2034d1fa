"""The number of a line of a shipped word list, found without reading the list into a dict.

A question looks up a handful of words in lists of thousands (the meaning table's
29,525 word pieces, the 10,000 English stems), but a dict of a list takes longer to
build than the lookups it serves: 4.5 ms for the pieces and 1.3 ms for the stems, of
the 13 ms that ``ask`` on one article adds to the start-up of typer and rich. So each
list ships with a hash index made when the list is (``write_index``), both are
mapped, and a lookup reads only the slots it probes: half a microsecond. Work that
looks up many words (the meaning route over an article's whole vocabulary, key
points) is better served by the dict, so after enough lookups it is built after all.

The index, little-endian: b"LINEIDX1"; uint32 lines, slots (a power of two), the byte
offset of the first line in the list's file and that file's size in bytes (a list
whose size changed without its index is refused; tests/test_lookup.py checks that
the shipped indexes are those of the shipped lists); uint32 byte offsets in the file of every line
and of the end of the last (one past its newline); then uint32 slots, each 0 (empty)
or 1 + a line number. A line's slot is the CRC-32 of its UTF-8 bytes, modulo the
slots, or the next free one after it.
"""

from __future__ import annotations

import mmap
import struct
import sys
import zlib
from array import array
from collections.abc import ItemsView, Iterator, Mapping, Sequence
from pathlib import Path

_HEADER = struct.Struct("<8sIIII")
_MAGIC = b"LINEIDX1"
# Lookups before the dict is built: one for every this many lines. A lookup takes
# 0.5 us and a dict 0.15 us a line, so work that needs the dict pays at most 40% more
# for it, and a question's few lookups never build it.
_LINES_PER_LOOKUP = 8


def list_lines(data: bytes, start: int) -> list[bytes]:
    """The lines of a list's file from byte ``start``, each ended by a newline."""
    if not data.endswith(b"\n") or start >= len(data):
        raise ValueError("a list ends with a newline after its last line")
    return data[start:-1].split(b"\n")


def index_bytes(data: bytes, start: int) -> bytes:
    """The hash index of the lines of a list's file from byte ``start``."""
    lines = list_lines(data, start)
    if len(set(lines)) != len(lines):
        raise ValueError("a line is listed twice: a lookup would find only one of them")
    slots = 1 << max(4, (2 * len(lines) - 1).bit_length())  # at most half full
    offsets = array("I", [start])
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    table = array("I", bytes(4 * slots))
    mask = slots - 1
    for number, line in enumerate(lines):
        slot = zlib.crc32(line) & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = number + 1
    if sys.byteorder != "little":
        offsets.byteswap()
        table.byteswap()
    header = _HEADER.pack(_MAGIC, len(lines), slots, start, len(data))
    return header + offsets.tobytes() + table.tobytes()


def write_index(path: Path, index: Path, start: int = 0) -> None:
    """Write the hash index of the lines of the list ``path`` from byte ``start``."""
    index.write_bytes(index_bytes(path.read_bytes(), start))


def _mapped(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _numbers(buffer: mmap.mmap, start: int, count: int) -> Sequence[int]:
    """``count`` little-endian uint32 from byte ``start`` of ``buffer``."""
    view = memoryview(buffer)[start : start + 4 * count]
    if sys.byteorder == "little" and struct.calcsize("I") == 4:
        return view.cast("I")
    return struct.unpack(f"<{count}I", view)


class LineLookup(Mapping[str, int]):
    """Each line of a list (from its index's first line on) and its number, counted
    from ``first``: what ``dict(zip(lines, itertools.count(first)))`` holds.

    Raises OSError when a file cannot be read, ValueError when the index is not one
    of this list (or a file is empty)."""

    def __init__(self, path: Path, index: Path, first: int = 0) -> None:
        # Mapped, not read: a question's lookups touch a few pages of each file.
        self._data = _mapped(path)
        raw = _mapped(index)
        if len(raw) < _HEADER.size:
            raise ValueError(f"{index.name} is not a line index")
        magic, lines, slots, start, size = _HEADER.unpack_from(raw)
        if (magic != _MAGIC or len(raw) != _HEADER.size + 4 * (lines + 1 + slots)
                or slots & (slots - 1) or lines >= slots):
            raise ValueError(f"{index.name} is not a line index")
        if size != len(self._data):
            raise ValueError(f"{index.name} is not the index of {path.name} as it is")
        self._offsets = _numbers(raw, _HEADER.size, lines + 1)
        self._slots = _numbers(raw, _HEADER.size + 4 * (lines + 1), slots)
        if self._offsets[0] != start or self._offsets[lines] > size:
            raise ValueError(f"{index.name} is not the index of {path.name} as it is")
        self._lines: int = lines
        self._mask: int = slots - 1
        self._first = first
        self._budget: int = lines // _LINES_PER_LOOKUP
        self._dict: dict[str, int] | None = None

    def get(self, key: str, default: int | None = None) -> int | None:  # type: ignore[override]
        found = self._dict
        if found is None:
            if self._budget > 0:
                self._budget -= 1
                return self._probe(key, default)
            found = self._all()
        return found.get(key, default)

    def _probe(self, key: str, default: int | None) -> int | None:
        try:
            wanted = key.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no line of a UTF-8 file holds it
            return default
        data, offsets, slots, mask = self._data, self._offsets, self._slots, self._mask
        slot = zlib.crc32(wanted) & mask
        for _ in range(mask + 1):  # a full table (a damaged index) ends too
            entry = slots[slot]
            if not entry:
                return default
            number = entry - 1
            if number >= self._lines:  # not an index of this list: the list itself decides
                return self._all().get(key, default)
            if data[offsets[number] : offsets[number + 1] - 1] == wanted:
                return number + self._first
            slot = (slot + 1) & mask
        return self._all().get(key, default)

    def _all(self) -> dict[str, int]:
        if self._dict is None:
            text = self._data[self._offsets[0] : self._offsets[self._lines] - 1]
            lines = text.decode("utf-8").split("\n")
            self._dict = dict(zip(lines, range(self._first, self._first + self._lines),
                                  strict=True))
        return self._dict

    def __getitem__(self, key: str) -> int:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def items(self) -> ItemsView[str, int]:
        return self._all().items()

    def __len__(self) -> int:
        return self._lines
