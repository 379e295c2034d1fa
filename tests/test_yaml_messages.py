"""The YAML mistakes people make most (a title with ': ' in it, a quote never
closed, a tab, a value starting with '@') are told in plain words, at the place
that explains them, not in the parser's grammar terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

START = "title: T\npublished: 2026-01-01\nsummary: s\nsections:\n  - heading: H\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("title: Live: storm hits coast\n", "1:12: a value containing ': ' must be in quotes"),
    ("title: [Update] Storm hits coast\n",
     "1:17: a value that starts with '[' must be in quotes (a list or mapping in [ ] must "
     "end at its ']')"),
    ("title: {Sponsored} Storm\n", "1:20: a value that starts with '{' must be in quotes "
     "(a list or mapping in { } must end at its '}')"),
    (START + "    paragraphs:\n      - [Editor note] The storm hit.\n",
     "7:23: a value that starts with '[' must be in quotes (a list or mapping in [ ] must "
     "end at its ']')"),
    ('title: T\nsummary: "Quoted" said the mayor\n',
     "2:19: the value goes on after its closing quote; put the whole value in quotes (single "
     "quotes if it holds \")"),
    (START + "    paragraphs:\n      - @mention starts here\n",
     "7:9: '@' cannot start a value; put the value in quotes"),
    (START + "\tparagraphs: [ok]\n", "6:1: tabs cannot indent YAML; use spaces"),
    ("title: T\nsummary: a\x00b\n",
     "2:11: the control character U+0000 cannot be in a YAML file; remove it"),
    ("title: T\nsummary: \"\ufffe\"\n",
     "2:11: the character U+FFFE cannot be in a YAML file; remove it"),
    ('title: "unclosed\npublished: 2026-01-01\nsummary: x\n',
     '1:8: the quote " opened at 1:8 is never closed'),
    ("title: 'unclosed\nsummary: x\n", "1:8: the quote ' opened at 1:8 is never closed"),
    ("title: T\n  summary: s\n", "2:10: this key is not lined up with the keys above it"),
    (START + "    paragraphs:\n      - ok\n     - bad indent\n",
     "8:6: this line is not lined up with the lines above it (the block at 5:5); indent it "
     "with the same spaces as the lines it belongs with"),
    ("title: T\nsummary\npublished: x\n",
     "2:1: expected 'key: value' on this line; if it goes on with the value above, indent it"),
    ('title: "C:\\path"\n', "1:11: '\\p' is not an escape in double quotes"),
    ("tags: [a, b\ntitle: x\n", "2:6: the '[' at 1:7 is not closed with ']'"),
    ("title: *bold* news\n", "1:8: '*' cannot start a value; put the value in quotes"),
    ("title: - a\n", "1:8: a list ('- ') cannot start on the same line as its key"),
], ids=["colon-in-title", "bracket-starts-title", "brace-starts-title", "bracket-starts-item",
        "text-after-quote",
        "at-sign", "tab", "nul-byte", "noncharacter", "unclosed-double-quote",
        "unclosed-single-quote", "key-out-of-line", "list-out-of-line", "no-colon",
        "bad-escape", "unclosed-bracket", "asterisk", "list-on-key-line"])
def test_yaml_mistakes_are_told_plainly(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    checked = run_cli("validate", str(path))
    assert checked.status == 1
    assert checked.stdout.startswith(f"{path}:{expected.split(': ', 1)[0]}: error: "
                                     f"{expected.split(': ', 1)[1]}"), checked.stdout
    read = run_cli("--data", str(path), "read")
    assert read.status == 2
    assert read.stderr.startswith(f"articlecli: error: {path}:{expected}")


def test_what_is_not_an_article_is_told_so() -> None:
    outcome = run_cli("--data", "-", "read", stdin="x\n")
    assert outcome.status == 2
    assert outcome.stderr == ("articlecli: error: <stdin>:1:1: this is not an article: expected "
                              "'title: ...' and the other fields, one per line, got text\n")
