"""The README's usage text stays true to the program."""

from __future__ import annotations

import importlib.util
import re

from .conftest import REPO


def load_readme_help():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("readme_help", REPO / "scripts/readme_help.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_help_blocks_match_the_program() -> None:
    readme_help = load_readme_help()
    text = readme_help.README.read_text(encoding="utf-8")
    assert readme_help.BLOCK.search(text), "the README lost its --help blocks"
    assert readme_help.refreshed(text) == text, (
        "README --help blocks are out of date: uv run python scripts/readme_help.py --write")


def test_readme_names_the_two_setup_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^\$ uv run articlecli read\b", text, re.MULTILINE)
    assert re.search(r"^\$ uv run pytest\b", text, re.MULTILINE)
