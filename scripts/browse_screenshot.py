"""Make the README's picture of ``articlecli browse``: a real run of the reader on
the bundled article under Textual's Pilot, after asking it a question, saved as SVG.

    uv run python scripts/browse_screenshot.py            # writes docs/browse.svg
    uv run python scripts/browse_screenshot.py -o FILE.svg --size 100x30
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from textual.events import Paste

from articlecli.store.library import bundled_article_path, open_library
from articlecli.ui.browse.app import BrowseApp

OUTPUT = Path(__file__).resolve().parents[1] / "docs" / "browse.svg"
QUESTION = "what did Putin say about Western troops"


async def screenshot(size: tuple[int, int], question: str = QUESTION) -> str:
    """The SVG of the reader, scrolled to a section, with ``question`` answered."""
    library = open_library(bundled_article_path(), use_cache=False)
    app = BrowseApp(library, library.articles[0])
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("tab", "down", "down", "enter", "a")
        assert app.focused is not None
        app.focused.post_message(Paste(question))  # as a terminal delivers typing pasted
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        return app.export_screenshot(title="articlecli browse")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    parser.add_argument("--size", default="100x30", help="COLUMNSxROWS")
    options = parser.parse_args()
    columns, rows = (int(part) for part in options.size.split("x"))
    svg = asyncio.run(screenshot((columns, rows)))
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(svg, encoding="utf-8")
    print(f"wrote {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
