"""The README's usage text stays true to the program."""

from __future__ import annotations

import re
import shlex

import pytest

from .conftest import REPO, load_script, run_cli


def test_readme_help_blocks_match_the_program() -> None:
    readme_help = load_script("readme_help")
    text = readme_help.README.read_text(encoding="utf-8")
    assert readme_help.BLOCK.search(text), "the README lost its --help blocks"
    assert readme_help.refreshed(text) == text, (
        "README --help blocks are out of date: uv run python scripts/readme_help.py --write")


def test_readme_names_the_two_setup_commands() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^\$ uv run articlecli read\b", text, re.MULTILINE)
    assert re.search(r"^\$ uv run pytest\b", text, re.MULTILINE)


def session_examples(heading: str) -> list[tuple[str, str]]:
    """(command, shown output) for each `$ articlecli ...` in a README section's sessions."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in re.findall(r"```console\n(.*?)```", section, re.DOTALL):
        for command, output in re.findall(r"^\$ (articlecli [^\n]*)\n(.*?)(?=^\$ |\Z)", block,
                                          re.DOTALL | re.MULTILINE):
            examples.append((command, output))
    return examples


@pytest.mark.parametrize("heading", ["A short session", "Asking questions"])
def test_readme_sessions_show_real_output(heading: str) -> None:
    examples = session_examples(heading)
    assert examples
    for command, shown in examples:
        words = shlex.split(command.split(" | ")[0])[1:]
        outcome = run_cli(*words)
        output = outcome.stdout + outcome.stderr
        if " | head -" in command:
            output = "".join(output.splitlines(keepends=True)[: int(command.rsplit("-", 1)[1])])
        shown = shown.rstrip("\n")
        if shown.endswith("..."):  # an abbreviated long line
            assert output.startswith(shown[:-3]), command
        else:
            assert output.rstrip("\n") == shown, command
