"""How soon ``articlecli browse`` shows its first screen in a real (pseudo-)terminal:
from starting the process to the article's title on the screen, then ``q``.

    uv run python scripts/bench_browse.py                # the bundled article, 10 runs
    uv run python scripts/bench_browse.py --data DIR --text "Library:" --runs 5

The first run fills the cache (it is reported apart); the median is of the rest.
tests/test_browse_terminal.py uses ``run_in_terminal`` for its pseudo-terminal test.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass

TITLE = "Why Does Putin Maintain"
# CSI, OSC, DCS and the like, and two-character escapes.
_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)"
                     r"|[PX^_][^\x1b]*\x1b\\|.)")


@dataclass
class Session:
    status: int | None  # None: it did not end in time
    output: str  # everything it wrote, escape sequences and all
    seen_after: float | None  # seconds from start until ``text`` was on the screen


def screen_text(output: str) -> str:
    """What a terminal shows of ``output``, roughly: its characters without escapes."""
    return _ESCAPE.sub("", output)


def run_in_terminal(args: list[str], *, text: str, keys: bytes = b"q", size: tuple[int, int]
                    = (80, 24), timeout: float = 20.0, env: dict[str, str] | None = None
                    ) -> Session:
    """Run ``python -m articlecli ARGS`` in a new pseudo-terminal of ``size`` (columns,
    rows); once ``text`` shows, type ``keys``; collect the output until it exits."""
    master, slave = os.openpty()
    columns, rows = size
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {**(os.environ if env is None else env), "TERM": "xterm-256color",
                   "COLUMNS": str(columns), "LINES": str(rows)}
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "articlecli", *args], stdin=slave,
                               stdout=slave, stderr=slave, env=environment,
                               start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    seen_after = None
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the terminal's last user has gone
                    break
                if not chunk:
                    break
                chunks.append(chunk)
                if seen_after is None and text in screen_text(
                        b"".join(chunks).decode("utf-8", "replace")):
                    seen_after = time.perf_counter() - start
                    os.write(master, keys)
            elif process.poll() is not None:
                break
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.perf_counter()))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)
    return Session(process.returncode, b"".join(chunks).decode("utf-8", "replace"), seen_after)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--data", help="an article file or library folder (--data)")
    parser.add_argument("--text", default=TITLE, help="what the first screen shows")
    parser.add_argument("--size", default="80x24", help="COLUMNSxROWS")
    options = parser.parse_args()
    columns, rows = (int(part) for part in options.size.split("x"))
    args = [*(["--data", options.data] if options.data else []), "browse"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ARTICLECLI_CACHE_DIR": cache}
        times = []
        for run in range(options.runs + 1):
            session = run_in_terminal(args, text=options.text, size=(columns, rows), env=env,
                                      timeout=300.0 if run == 0 else 30.0)  # 0: cold cache
            if session.seen_after is None or session.status != 0:
                print(f"run {run}: no first screen (status {session.status})", file=sys.stderr)
                return 1
            times.append(session.seen_after)
    print(f"articlecli {' '.join(args)} at {columns}x{rows}: first screen after "
          f"{times[0] * 1000:.0f} ms with a cold cache; median of {options.runs} warm runs "
          f"{statistics.median(times[1:]) * 1000:.0f} ms "
          f"(min {min(times[1:]) * 1000:.0f}, max {max(times[1:]) * 1000:.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
