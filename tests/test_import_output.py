"""Where several imported articles go: a folder, never a file named like one article."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("name", ["story.yaml", "story.YML"])
def test_several_sources_to_a_yaml_file_name_is_a_usage_error(tmp_path: Path,
                                                               name: str) -> None:
    target = tmp_path / name
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), str(FIXTURES / "volcano.txt"),
                      "-o", str(target))
    assert (outcome.status, outcome.stdout) == (2, "")
    assert outcome.stderr == (f"articlecli: error: 2 articles to write: give -o a folder for "
                              f"them ({target} names a YAML file)\n")
    assert list(tmp_path.iterdir()) == []


def test_a_feed_of_several_entries_to_a_yaml_file_name_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "single.yaml"
    outcome = run_cli("import", str(FIXTURES / "web" / "feed-atom.xml"), "-o", str(target))
    assert outcome.status == 2
    assert outcome.stderr.endswith(f"give -o a folder for them ({target} names a YAML file)\n")
    assert not target.exists()


def test_an_existing_folder_named_like_a_file_still_takes_several(tmp_path: Path) -> None:
    folder = tmp_path / "odd.yaml"
    folder.mkdir()
    outcome = run_cli("import", str(FIXTURES / "bakery.txt"), str(FIXTURES / "volcano.txt"),
                      "-o", str(folder))
    assert outcome.status == 0, outcome.stderr
    assert len(list(folder.iterdir())) == 2
