"""Reading input and writing output files the safe way: an output file is either
the old one or the complete new one, never half written."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO

from ..errors import OutputRefused, WriteFailed
from .loader import decode_text, read_bytes, read_within_limit

STDIO = "-"
STDIN_NAME = "<stdin>"


def read_input(name: str, stdin: TextIO) -> str:
    """The text of the file ``name``, or of standard input for ``-`` (UTF-8, BOM allowed)."""
    return decode_text(read_input_bytes(name, stdin), STDIN_NAME if name == STDIO else name)


def read_input_bytes(name: str, stdin: TextIO) -> bytes:
    """The bytes of the file ``name``, or of standard input for ``-``, within the limit."""
    if name != STDIO:
        return read_bytes(Path(name))
    buffer: BinaryIO | None = getattr(stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes beneath (a test's StringIO)
        buffer = io.BytesIO(stdin.read().encode("utf-8", "surrogateescape"))
    return read_within_limit(buffer, STDIN_NAME)


def write_atomically(path: Path, text: str, *, overwrite: bool) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, synced
    and renamed over it, so a failure (full disk, no permission) leaves any old file
    intact. Refuses to replace an existing file unless ``overwrite``; a link is kept
    and its target written, which counts as existing even when missing (writing
    through a dangling link would create a file somewhere unexpected)."""
    shown = path
    if path.is_symlink():
        try:
            path = path.resolve()
        except (OSError, RuntimeError):  # a loop of links (RuntimeError before 3.13)
            raise WriteFailed(str(shown), os.strerror(errno.ELOOP)) from None
        if not path.exists() and not overwrite:
            raise OutputRefused(str(shown), OutputRefused.DANGLING)
    if path.is_dir():
        raise OutputRefused(str(shown), OutputRefused.FOLDER)
    if path.exists() and not path.is_file():
        # Renaming over a device or a pipe would replace it with a plain file.
        raise OutputRefused(str(shown), OutputRefused.NOT_REGULAR)
    if path.exists() and not overwrite:
        raise OutputRefused(str(shown), OutputRefused.EXISTS)
    mode = _mode_for(path)
    folder = path.parent
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
        temporary = None
        _sync_folder(folder)
    except OSError as error:
        raise WriteFailed(str(shown), error.strerror or str(error)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()


def _mode_for(path: Path) -> int:
    """The old file's permissions, or what a new file would get under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open a folder, which is fine."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
