"""Opening and reading files that may be hostile: a FIFO, a device, a file under
/proc that never ends, a link to somewhere else, a sparse file of 40 GB. Shared by
article files and the cache; imports nothing heavy (a warm run uses it)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

CHUNK = 1 << 20


class TooBig(Exception):
    """More bytes than the limit allows; ``size`` is the size if it is known."""

    def __init__(self, size: int | None) -> None:
        self.size = size
        super().__init__(size)


class NotRegular(OSError):
    """Not a regular file (a FIFO, a device, a socket), where one is required."""


def read_up_to(read: Callable[[int], bytes | None], limit: int) -> bytes:
    """Everything ``read`` gives, in chunks (never reserving ``limit`` bytes at once);
    TooBig past ``limit``."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise TooBig(None)
    return b"".join(chunks)


def read_file(path: str | os.PathLike[str], limit: int, *, regular_only: bool = True,
              follow_links: bool = True) -> bytes:
    """The bytes of ``path``, at most ``limit`` of them (TooBig past it).

    A regular file is opened without blocking, so that a file under /proc which
    waits for data fails at once instead of hanging. ``regular_only`` refuses a
    FIFO or a device (NotRegular); without it they are read as streams (``--data
    <(command)``). ``follow_links=False`` refuses a symbolic link (ELOOP).
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) * (
        not follow_links)
    if regular_only or stat.S_ISREG(Path(path).stat().st_mode):
        flags |= getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(path))
        regular = stat.S_ISREG(status.st_mode)
        if regular_only and not regular:
            raise NotRegular(0, "not a regular file", str(path))
        if regular and status.st_size > limit:
            raise TooBig(status.st_size)
        return read_up_to(lambda size: os.read(descriptor, size), limit)
    finally:
        os.close(descriptor)
