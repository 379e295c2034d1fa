"""Keep the README's --help blocks true: print the differences, or rewrite them with --write.

A block is a fenced code block right after a line `<!-- help: articlecli [COMMAND] -->`.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

from articlecli.cli.app import app
from articlecli.ui.terminal import Environment

README = Path(__file__).resolve().parents[1] / "README.md"
# What click really wraps --help at on a terminal of 80 columns or more:
# min(columns, 80) - 2 (click.formatting.HelpFormatter).
HELP_WIDTH = 78
BLOCK = re.compile(r"(<!-- help: (?P<command>[^>]*?) -->\n```text\n)(?P<body>.*?)(```)", re.DOTALL)


def help_text(command: str) -> str:
    out = io.StringIO()
    env = Environment(stdout=out, stderr=io.StringIO(), stdout_isatty=False, stdin_isatty=False)
    args = [*command.split()[1:], "--help"]
    with contextlib.redirect_stdout(out):  # click prints help to sys.stdout itself
        app(args, prog_name="articlecli", standalone_mode=False, obj=env,
            terminal_width=HELP_WIDTH)
    return out.getvalue()


def refreshed(readme: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + help_text(m.group("command")) + m.group(4), readme)


def main() -> int:
    text = README.read_text(encoding="utf-8")
    new = refreshed(text)
    if "--write" in sys.argv:
        README.write_text(new, encoding="utf-8")
        return 0
    if new != text:
        print("README --help blocks are out of date; "
              "run: uv run python scripts/readme_help.py --write")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
