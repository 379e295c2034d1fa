"""Broken and hostile article files: every one is a clean exit 2 with one stderr line
naming file:line:col and the field, through the CLI and through the loader API."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from articlecli.articles import loader
from articlecli.articles.loader import (
    DEFAULT_MAX_BYTES,
    MAX_BYTES_VARIABLE,
    load_article,
    parse_article,
)
from articlecli.cli.messages import describe
from articlecli.errors import BadSetting, DataError
from articlecli.store.library import open_library

from .conftest import BUNDLED, REPO, run_cli

GOOD = """\
title: A title
published: 2025-09-06 03:07:15
summary: A summary.
sections:
- heading: First
  paragraphs:
  - One paragraph.
"""


def write(tmp_path: Path, text: str | bytes, name: str = "article.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def cli_error(path: Path) -> str:
    """The one error line ``read`` prints for ``path``, after checking it is one line."""
    outcome = run_cli("--data", str(path), "read")
    assert outcome.status == 2
    assert outcome.stdout == ""
    assert "Traceback" not in outcome.stderr
    lines = outcome.stderr.splitlines()
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith(f"articlecli: error: {path}:")
    return lines[0]


def first_problem(text: str) -> str:
    with pytest.raises(DataError) as caught:
        parse_article(text, "f.yaml")
    return str(caught.value.problems[0])


# --- Python tags, anchors, aliases, nesting -------------------------------------------


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system",
    "!!python/object/new:os.system",
    "!!python/name:os.system",
    "!!python/module:os",
    "!<tag:yaml.org,2002:python/object/apply:os.system>",
])
def test_python_tags_execute_nothing_and_are_refused(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, GOOD.replace("title: A title",
                                        f"title: {tag} [\"touch {marker}\"]"))
    line = cli_error(path)
    assert f"{path}:1:8: tag " in line
    assert "is not allowed" in line
    assert not marker.exists()
    # At the top level too, where the whole document is the call.
    write(tmp_path, f"{tag} [\"touch {marker}\"]\n")
    assert "is not allowed" in cli_error(tmp_path / "article.yaml")
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!custom x"])
def test_tags_an_article_never_needs_are_refused(tag: str) -> None:
    assert "is not allowed" in first_problem(GOOD.replace("A title", tag))


def test_anchors_and_aliases_are_refused() -> None:
    assert first_problem(GOOD + "tags: &t [a]\n") == \
        "f.yaml:8:7: anchors (&name) are not supported; a value that starts with '&' must be in "\
        "quotes"
    assert first_problem(GOOD + "tags: *t\n") == \
        "f.yaml:8:7: aliases (*name) are not supported; a value that starts with '*' must be in "\
        "quotes"


def alias_bomb() -> str:
    """Nine levels of ten aliases each: 10^9 strings if anything expanded it."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast(tmp_path: Path) -> None:
    bomb = alias_bomb()
    started = time.perf_counter()
    assert "anchors (&name) are not supported" in first_problem(bomb)
    assert "anchors (&name) are not supported" in cli_error(write(tmp_path, bomb))
    assert time.perf_counter() - started < 0.5


def test_alias_bomb_without_anchors_fails_fast() -> None:
    # The aliases alone (anchors stripped): refused at the first alias.
    bomb = re.sub(r"&a\d ", "", alias_bomb())
    started = time.perf_counter()
    assert first_problem(bomb) == \
        "f.yaml:2:6: aliases (*name) are not supported; a value that starts with '*' must be in "\
        "quotes"
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("deep", [
    "title: " + "[" * 10_000 + "]" * 10_000,
    "title: " + "{a: " * 10_000 + "x" + "}" * 10_000,
    "title:\n  " + "- " * 10_000 + "x",
], ids=["flow-list", "flow-mapping", "block-list"])
def test_ten_thousand_levels_of_nesting_fail_fast(tmp_path: Path, deep: str) -> None:
    started = time.perf_counter()
    assert "nest" in first_problem(deep)
    assert "nest" in cli_error(write(tmp_path, deep))
    assert time.perf_counter() - started < 1.0


# --- Duplicate keys --------------------------------------------------------------------


def test_duplicate_keys_name_both_lines(tmp_path: Path) -> None:
    text = GOOD.replace("summary: A summary.\n", "summary: A summary.\ntitle:\n  Again\n")
    assert first_problem(text) == "f.yaml:4:1: title: duplicate key (first given on line 1)"
    path = write(tmp_path, text)
    assert cli_error(path).startswith(
        f"articlecli: error: {path}:4:1: title: duplicate key (first given on line 1)")


def test_nested_duplicate_key_names_the_field_path() -> None:
    text = GOOD + "  heading: Second\n"
    assert first_problem(text) == \
        "f.yaml:8:3: sections[0].heading: duplicate key (first given on line 5)"


def test_duplicate_key_whose_first_value_is_a_block() -> None:
    # The first "sections" key is on line 4, its list starts on line 5.
    text = GOOD + "sections: []\n"
    assert first_problem(text) == "f.yaml:8:1: sections: duplicate key (first given on line 4)"


# --- Encoding, emptiness, shape --------------------------------------------------------


def test_non_utf8_bytes_name_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.encode().replace(b"A summary.", b"Caf\xe9 summary."))
    with pytest.raises(DataError) as caught:
        load_article(path)
    assert str(caught.value) == f"{path}:3:13: not UTF-8 text (byte 0xe9)"
    assert cli_error(path) == f"articlecli: error: {path}:3:13: not UTF-8 text (byte 0xe9)"


def test_utf8_with_bom_and_utf16_files(tmp_path: Path) -> None:
    assert load_article(write(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())).title == "A title"
    assert "not UTF-8" in cli_error(write(tmp_path, GOOD.encode("utf-16"), "utf16.yaml"))


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "# only a comment\n", "---\n", "~\n"],
                         ids=["empty", "whitespace", "comment", "bare-document", "null"])
def test_empty_files(tmp_path: Path, text: str) -> None:
    line = cli_error(write(tmp_path, text))
    assert re.search(r"article\.yaml:\d+:1: the file is empty; an article needs", line)


@pytest.mark.parametrize(("text", "got"), [
    ("- title: a\n- title: b\n", "a list"),
    ("just some words\n", "text"),
    ("42\n", "text"),
], ids=["list", "words", "number"])
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, got: str) -> None:
    path = write(tmp_path, text)
    assert cli_error(path) == \
        f"articlecli: error: {path}:1:1: this is not an article: expected 'title: ...' and the "\
        f"other fields, one per line, got {got}"


def test_several_documents(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "---\n" + GOOD)
    assert cli_error(path) == \
        f"articlecli: error: {path}:8:1: expected one YAML document, found several"


def test_yaml_syntax_error_has_a_position(tmp_path: Path) -> None:
    line = cli_error(write(tmp_path, GOOD + "tags: [a, b\n"))
    assert re.search(r"article\.yaml:\d+:\d+: ", line)


# --- Schema: wrong types, unknown and missing keys ---------------------------------------


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("title: A title", "title: [a, b]", "1:8: title: expected text, got a list"),
    ("title: A title", "title:", "1:7: title: expected text, got nothing"),
    ("title: A title", "title: '  '", "1:8: title: expected text, got an empty string"),
    ("published: 2025-09-06 03:07:15", "published: yesterday",
     "2:12: published: expected a date and time like 2025-09-06 03:07:15, got 'yesterday'"),
    ("published: 2025-09-06 03:07:15", "published: 2025-13-45 03:07:15",
     "2:12: published: expected a date and time like 2025-09-06 03:07:15, "
     "got '2025-13-45 03:07:15'"),
    ("published: 2025-09-06 03:07:15", "published: 2025-02-30",
     "2:12: published: expected a date and time"),
    (GOOD[GOOD.index("sections:"):], "sections: none\n",
     "4:11: sections: expected a list, got text"),
    ("  paragraphs:\n  - One paragraph.\n", "  paragraphs: 5\n",
     "6:15: sections[0].paragraphs: expected a list, got text"),
    ("- heading: First", "- heading: {a: b}",
     "5:12: sections[0].heading: expected text, got a mapping"),
], ids=["title-list", "title-null", "title-blank", "date-words", "date-month-13",
        "date-feb-30", "sections-text", "paragraphs-number", "heading-mapping"])
def test_wrong_types(tmp_path: Path, old: str, new: str, expected: str) -> None:
    text = GOOD.replace(old, new)
    assert text != GOOD
    path = write(tmp_path, text)
    assert f"{path}:{expected}" in cli_error(path)
    assert f"f.yaml:{expected}" in first_problem(text)


def test_wrong_types_in_optional_lists() -> None:
    assert first_problem(GOOD + "faqs:\n- just text\n") == \
        "f.yaml:9:3: faqs[0]: expected a mapping of faqs[0] fields, got text"
    assert first_problem(GOOD + "tags: [a, [b]]\n") == \
        "f.yaml:8:11: tags[1]: expected text, got a list"
    assert first_problem(GOOD + "updated: soon\n") == \
        "f.yaml:8:10: updated: expected a date like 2023-10-01, got 'soon'"


def test_unknown_keys_suggest_the_nearest(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "tagz: [a]\n")
    line = cli_error(path)
    assert line.startswith(f"articlecli: error: {path}:8:1: tagz: unknown key 'tagz'; "
                           "did you mean 'tags'? (known: title, ")
    # A misspelt required key is reported once, as the misspelling, not also as missing.
    with pytest.raises(DataError) as caught:
        parse_article(GOOD.replace("summary:", "sumary:"), "f.yaml")
    assert [str(problem)[:60] for problem in caught.value.problems] == [
        "f.yaml:3:1: sumary: unknown key 'sumary'; did you mean 'summ",
    ]
    nested = GOOD.replace("- heading:", "- headng:")
    assert "f.yaml:5:3: sections[0].headng: unknown key 'headng'; did you mean 'heading'?" \
        in first_problem(nested)
    assert "did you mean" not in first_problem(GOOD + "zzzzzz: 1\n")


def test_missing_required_keys(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("published: 2025-09-06 03:07:15\n", ""))
    assert cli_error(path) == \
        f"articlecli: error: {path}:1:1: published: missing required key 'published'"
    assert first_problem(GOOD.replace("  - One paragraph.\n", "").replace(
        "  paragraphs:\n", "")) == \
        "f.yaml:5:3: sections[0].paragraphs: missing required key 'paragraphs'"


def test_every_problem_is_kept_for_validate() -> None:
    text = GOOD.replace("title: A title", "titel: A title").replace("sections:", "section:")
    with pytest.raises(DataError) as caught:
        parse_article(text, "f.yaml")
    # Sorted by place, every one kept (a misspelt key is not also reported missing).
    assert [(problem.line, problem.field) for problem in caught.value.problems] == [
        (1, "titel"), (4, "section")]
    assert "(and 1 more; run 'articlecli validate' to see all)" in describe(caught.value)[0]


def test_a_broken_file_in_a_folder_is_skipped_with_one_warning(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "good.yaml")
    write(tmp_path, "!!python/object/apply:os.system ['true']\n", "evil.yaml")
    library = open_library(tmp_path)
    assert library.ids == ["good"]
    outcome = run_cli("--data", str(tmp_path), "read", "--toc")
    assert outcome.status == 0
    assert outcome.stderr == (f"articlecli: warning: skipped {tmp_path / 'evil.yaml'}:1:1: "
                              "tag !!python/object/apply:os.system is not allowed; a value that "
                              "starts with '!' must be in quotes\n")


# --- The size limit --------------------------------------------------------------------


def test_files_over_the_limit_are_refused_before_parsing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:  # sparse: nothing is really written
        stream.truncate(DEFAULT_MAX_BYTES + 1)

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed a file over the limit")

    monkeypatch.setattr(loader, "compose", no_parsing)
    line = cli_error(path)
    assert line == (f"articlecli: error: {path}:1:1: file is 10,485,761 bytes, over the limit "
                    f"of 10,485,760 (set {MAX_BYTES_VARIABLE} to raise it)")


def test_the_variable_raises_and_lowers_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, GOOD)
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "100")
    assert "over the limit of 100 " in cli_error(path)
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(len(GOOD)))
    assert run_cli("--data", str(path), "read").status == 0
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(50 * 1024 * 1024))
    assert load_article(path).title == "A title"


@pytest.mark.parametrize("value", ["abc", "-5", "0", "10MB", "1e6", "\u0661\u0662"])
def test_a_bad_limit_variable_is_a_usage_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, value)
    with pytest.raises(BadSetting, match=MAX_BYTES_VARIABLE):
        load_article(BUNDLED)
    outcome = run_cli("read")
    assert outcome.status == 2
    assert outcome.stderr.startswith(f"articlecli: error: {MAX_BYTES_VARIABLE} must be a whole "
                                     "number of bytes")
    assert len(outcome.stderr.splitlines()) == 1


def test_an_empty_limit_variable_means_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "")
    assert loader.max_bytes() == DEFAULT_MAX_BYTES


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_stream_is_cut_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # stat() says 0 bytes for a device or pipe; the read itself must stop at the limit.
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "1000")
    outcome = run_cli("--data", "/dev/zero", "read")
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: /dev/zero:1:1: file is more than 1,000 bytes, "
                              f"over the limit of 1,000 (set {MAX_BYTES_VARIABLE} to raise it)\n")


def test_the_limit_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert MAX_BYTES_VARIABLE in readme
    assert "10 MB" in readme
    help_text = run_cli("--help").stdout
    assert MAX_BYTES_VARIABLE in help_text
    assert "10 MB" in help_text


def test_unreadable_paths(tmp_path: Path) -> None:
    outcome = run_cli("--data", str(tmp_path / "missing.yaml"), "read")
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: no such file or folder: {tmp_path}/missing.yaml\n"
