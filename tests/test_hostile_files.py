"""``import`` never destroys an existing file: whatever the input, and whatever the
disk does, the target is either untouched or the complete new article."""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path

import pytest

from articlecli.articles.loader import MAX_BYTES_VARIABLE

from .conftest import REPO, run_cli

# A plain-text article in the seed's layout, kept with the tests.
PLAIN_ARTICLE = REPO / "tests" / "fixtures" / "volcano.txt"

OLD = b"# precious: not to be lost\ntitle: old\n"

BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "whitespace": b" \n\t\n\n",
    "one-line": b"Just a title\n",
    "yaml-article": b"title: t\npublished: 2025-01-01\nsummary: s\nsections: []\n",
    "not-utf8": b"Title\n\xff\xfe\n",
    "binary": bytes(range(256)) * 4,
    "controls": b"\x1b]0;pwned\x07\n\x1b[2J\n",
}


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "article.yaml"
    path.write_bytes(OLD)
    return path


def assert_untouched(target: Path) -> None:
    assert target.read_bytes() == OLD
    assert sorted(path.name for path in target.parent.iterdir()) == [target.name]


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_writes_nothing(tmp_path: Path, target: Path, name: str,
                                  force: bool) -> None:
    source = tmp_path / "in.txt"
    source.write_bytes(BAD_INPUTS[name])
    outcome = run_cli("import", str(source), "--output", str(target),
                      *(["--force"] if force else []))
    assert outcome.status == 2
    assert len(outcome.stderr.splitlines()) == 1
    assert outcome.stderr.startswith("articlecli: error: ")
    assert "\x1b" not in outcome.stderr
    assert_untouched(target)


@pytest.mark.parametrize("name", ["empty", "one-line", "controls"])
def test_bad_standard_input_writes_nothing(target: Path, name: str) -> None:
    outcome = run_cli("import", "-", "--output", str(target), "--force",
                      stdin=BAD_INPUTS[name].decode())
    assert outcome.status == 2
    assert_untouched(target)


def test_input_over_the_size_limit_writes_nothing(tmp_path: Path, target: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "1000")
    outcome = run_cli("import", str(PLAIN_ARTICLE), "--output", str(target), "--force")
    assert outcome.status == 2
    assert "over the limit" in outcome.stderr
    assert_untouched(target)
    piped = run_cli("import", "-", "--output", str(target), "--force",
                    stdin=PLAIN_ARTICLE.read_text(encoding="utf-8"))
    assert piped.status == 2
    assert "over the limit" in piped.stderr
    assert_untouched(target)


def test_missing_input_and_existing_output_without_force(tmp_path: Path,
                                                         target: Path) -> None:
    outcome = run_cli("import", str(tmp_path / "missing.txt"), "--output", str(target),
                      "--force")
    assert outcome.status == 2
    assert_untouched(target)
    refused = run_cli("import", str(PLAIN_ARTICLE), "--output", str(target))
    assert refused.status == 2
    assert "--force" in refused.stderr
    assert_untouched(target)


def _failing(error: int) -> object:
    def fail(*_: object, **__: object) -> None:
        raise OSError(error, os.strerror(error))
    return fail


@pytest.mark.parametrize(("where", "error"), [
    ("tempfile.mkstemp", errno.EROFS),    # a read-only folder or file system
    ("os.fsync", errno.ENOSPC),           # the disk fills while writing
    ("pathlib.Path.replace", errno.EIO),  # the rename itself fails
    ("os.fdopen", errno.EACCES),
], ids=["read-only", "disk-full", "rename-fails", "no-permission"])
def test_a_failing_disk_leaves_the_old_file(target: Path, monkeypatch: pytest.MonkeyPatch,
                                            where: str, error: int) -> None:
    # Tests run as root, where chmod cannot make a folder read-only: the failure
    # is injected where the write would meet it.
    module_name, _, attribute = where.rpartition(".")
    owner: object = {"tempfile": tempfile, "os": os}.get(module_name) or Path
    monkeypatch.setattr(owner, attribute, _failing(error))
    outcome = run_cli("import", str(PLAIN_ARTICLE), "--output", str(target), "--force")
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: cannot write {target}: {os.strerror(error)}\n"
    assert_untouched(target)


def test_a_good_import_replaces_the_file_whole(target: Path) -> None:
    outcome = run_cli("import", str(PLAIN_ARTICLE), "--output", str(target), "--force")
    assert outcome.status == 0, outcome.stderr
    assert target.read_bytes() != OLD
    assert target.read_text(encoding="utf-8").startswith("title: ")
    assert sorted(path.name for path in target.parent.iterdir()) == [target.name]


# A pasted blob (base64, a long URL) is one "word" of tens of thousands of letters.
# Patterns that start a match at every capital or letter inside it and scan to its end
# made indexing quadratic: 16 KB took 4 s, 200 KB more than ten minutes.
BLOBS = {
    "base64": "QUJDRGVmZ2hp" * 8_000,
    "hyphenated run": "-".join(["Ab"] * 30_000) + "x",
    "capitals and 'of'": " of ".join(["Ab"] * 20_000) + " x",
    "runs of spaces": " ".join(f"Alpha{' ' * 100_000}beta and Gamma" for _ in range(2)),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("blob", BLOBS.values(), ids=BLOBS.keys())
def test_a_huge_unbroken_word_is_indexed_in_linear_time(tmp_path: Path, blob: str) -> None:
    article = tmp_path / "blob.yaml"
    article.write_text("title: Blob\npublished: 2026-01-01\nsummary: A pasted blob.\n"
                       f"sections:\n  - heading: Data\n    paragraphs:\n      - 'Data: {blob}'\n",
                       encoding="utf-8")
    for command in (["list"], ["ask", "what is the data"], ["search", "data"]):
        outcome = run_cli("--data", str(article), *command)
        assert outcome.status in (0, 1) and outcome.stderr == "", command


# Drawing key points weighed every pair of sentences: a 300 KB transcript of 4,000
# sentences took 78 s and 1.7 GB, and 9 MB was killed for want of memory.
@pytest.mark.timeout(60)
def test_key_points_of_a_very_long_article_come_from_its_opening(tmp_path: Path) -> None:
    from articlecli.qa.keypoints import CONSIDERED

    article = tmp_path / "transcript.yaml"
    lines = "".join(f"      - Speaker {number} said the committee met on day {number} of the "
                    "inquiry and heard more evidence.\n" for number in range(20_000))
    article.write_text("title: Transcript\npublished: 2026-01-01\nsummary: A long hearing.\n"
                       f"sections:\n  - heading: Hearing\n    paragraphs:\n{lines}",
                       encoding="utf-8")
    outcome = run_cli("--data", str(article), "takeaways", "--json")
    assert outcome.status == 0, outcome.stderr
    points = json.loads(outcome.stdout)["takeaways"]
    assert len(points) == 3
    assert all(int(point.split()[1]) < CONSIDERED for point in points)
