"""``articlecli browse`` in a real pseudo-terminal: the first screen, ``q``, and the
terminal as it was; NO_COLOR; and the README's screenshot script."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO, load_script

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

bench = load_script("bench_browse")
_COLOURS = re.compile(r"\x1b\[[0-9;]*?[34]8;5;(\d+)")
GREYS = {0, 7, 8, 15, 16, *range(232, 256)}


def run(tmp_path: Path, *args: str, **env: str) -> tuple[Any, str]:
    environment = {**os.environ, "ARTICLECLI_CACHE_DIR": str(tmp_path / "cache"), **env}
    session = bench.run_in_terminal(["browse", *args], text=bench.TITLE, env=environment)
    return session, session.output


def test_browse_shows_the_title_and_q_leaves_a_clean_terminal_with_status_0(
        tmp_path: Path) -> None:
    session, output = run(tmp_path)
    assert session.seen_after is not None, bench.screen_text(output)[-500:]
    assert session.status == 0
    assert "Traceback" not in output and "error" not in bench.screen_text(output)
    assert "1. Putin's Warning to the" in bench.screen_text(output)  # the contents
    # The alternate screen, the mouse and bracketed paste are all turned off again,
    # and the cursor shown, after the last time they were turned on.
    for on, off in (("\x1b[?1049h", "\x1b[?1049l"), ("\x1b[?1000h", "\x1b[?1000l"),
                    ("\x1b[?2004h", "\x1b[?2004l"), ("\x1b[?25l", "\x1b[?25h")):
        assert output.rfind(off) > output.rfind(on) >= 0, repr(off)


def test_ctrl_c_leaves_with_status_130(tmp_path: Path) -> None:
    environment = {**os.environ, "ARTICLECLI_CACHE_DIR": str(tmp_path / "cache")}
    session = bench.run_in_terminal(["browse"], text=bench.TITLE, keys=b"\x03",
                                    env=environment)
    assert session.seen_after is not None, bench.screen_text(session.output)[-500:]
    assert session.status == 130
    assert "Traceback" not in session.output


def test_no_color_leaves_only_greys(tmp_path: Path) -> None:
    _, coloured = run(tmp_path)
    assert set(map(int, _COLOURS.findall(coloured))) - GREYS  # the test can tell
    session, plain = run(tmp_path, NO_COLOR="1")
    assert session.status == 0
    assert set(map(int, _COLOURS.findall(plain))) <= GREYS


def test_the_screenshot_script_draws_the_reader_with_an_answer(tmp_path: Path) -> None:
    script = load_script("browse_screenshot")
    svg = asyncio.run(script.screenshot((80, 24)))
    assert svg.startswith("<svg")
    text = svg.replace("&#160;", " ")
    for shown in ("Why Does Putin", "Western troops in Ukraine", "confidence"):
        assert shown in text, shown
    assert (REPO / "docs" / "browse.svg").is_file()  # the README's picture
