"""Make the README's pictures: SVG screenshots of real ``read`` and ``ask`` runs on
an 80-column terminal, recorded by rich. A test regenerates them and compares.

    uv run python scripts/screenshots.py          # write docs/read.svg, docs/ask.svg
    uv run python scripts/screenshots.py --check  # exit 1 if they are out of date
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.text import Text

from articlecli.cli.app import app
from articlecli.ui.terminal import Environment

DOCS = Path(__file__).resolve().parents[1] / "docs"
COLUMNS = 80
SCREEN_LINES = 30  # one screen of a long output, as it stands before the pager takes over
SHOTS = {
    "read.svg": [["read"]],
    "ask.svg": [["ask", "waht did putn say"], ["ask", "what is the coalition of the willing"]],
}


@contextlib.contextmanager
def fixed_terminal() -> Iterator[None]:
    """The same colours whatever terminal runs the script: a 256-colour xterm."""
    saved = dict(os.environ)
    for name in ("COLORTERM", "NO_COLOR", "FORCE_COLOR", "ARTICLECLI_CONFIG", "ARTICLECLI_DATA",
                 "COLUMNS", "LINES"):
        os.environ.pop(name, None)
    os.environ["TERM"] = "xterm-256color"
    os.environ["XDG_CONFIG_HOME"] = str(DOCS / "no-config")  # no user's config file
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run(args: list[str]) -> str:
    """What ``articlecli ARGS`` prints on a colour terminal COLUMNS wide (ANSI codes)."""
    out = io.StringIO()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), stdin_isatty=False,
                      stdout_isatty=True, no_color=False, force_color=False,
                      terminal_width=COLUMNS, terminal_height=SCREEN_LINES, pager=False)
    app(args, prog_name="articlecli", standalone_mode=False, obj=env)
    return out.getvalue()


def screenshot(commands: list[list[str]], title: str) -> str:
    console = Console(record=True, width=COLUMNS, file=io.StringIO(), force_terminal=True,
                      color_system="256", markup=False, highlight=False, emoji=False)
    for number, args in enumerate(commands):
        if number:
            console.print()
        console.print(Text("$ articlecli " + shlex.join(args), style="bold green"))
        lines = run(args).splitlines()
        shown = "\n".join(lines[:SCREEN_LINES - 1])
        console.print(Text.from_ansi(shown), soft_wrap=True)
        if len(lines) >= SCREEN_LINES:
            console.print(Text(":", style="bold"))  # where less waits for a key
    return console.export_svg(title=title)


def pictures() -> dict[str, str]:
    with fixed_terminal():
        return {name: screenshot(commands, f"articlecli {commands[0][0]}")
                for name, commands in SHOTS.items()}


def main(argv: list[str]) -> int:
    made = pictures()
    if "--check" in argv:
        stale = [name for name, svg in made.items()
                 if not (DOCS / name).is_file() or (DOCS / name).read_text("utf-8") != svg]
        if stale:
            print(f"out of date: {', '.join(stale)}; run: uv run python scripts/screenshots.py")
            return 1
        return 0
    DOCS.mkdir(exist_ok=True)
    for name, svg in made.items():
        (DOCS / name).write_text(svg, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
