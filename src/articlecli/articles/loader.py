"""Article files: YAML text to the model (with every problem located by
file:line:col and field path) and the model back to YAML or plain data."""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from ..errors import BadSetting, DataError, Problem
from ..model import Article, Faq, Section
from ..safetext import escape_unsafe, excerpt, has_unsafe
from .safeio import TooBig, read_file, read_up_to
from .safeyaml import Node, YamlSyntaxError, compose, resolve_scalar
from .schema import (
    ARTICLE_KEYS,
    FAQ_KEYS,
    OPTIONAL_TEXT_KEYS,
    REQUIRED_KEYS,
    SECTION_KEYS,
    to_data,
)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_BYTES_VARIABLE = "ARTICLECLI_MAX_BYTES"

_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_KIND_NAMES = {"list": "a list", "mapping": "a mapping"}

T = TypeVar("T")


def max_bytes() -> int:
    """The largest article file read: 10 MB unless $ARTICLECLI_MAX_BYTES says otherwise."""
    raw = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    if not (raw.isascii() and raw.isdigit()) or not raw.strip("0"):
        raise BadSetting(MAX_BYTES_VARIABLE, raw,
                         f"a whole number of bytes above 0, like {DEFAULT_MAX_BYTES}")
    # Files are read in chunks, so a huge limit costs nothing; past 19 digits it is
    # simply "no limit" (and int() would refuse thousands of digits).
    digits = raw.lstrip("0")
    return int(digits) if len(digits) < len(str(sys.maxsize)) else sys.maxsize


def read_text(path: Path) -> str:
    """A file's text: UTF-8 (a BOM is allowed), within the size limit."""
    return decode_text(read_bytes(path), str(path))


def read_bytes(path: Path) -> bytes:
    """A file's bytes, within the size limit. A FIFO or a device is read as a
    stream; a regular file never blocks (see safeio)."""
    name = str(path)
    limit = max_bytes()
    try:
        raw = read_file(path, limit, regular_only=False)
    except TooBig as error:
        raise _too_big(name, limit, error.size) from None
    except IsADirectoryError:
        raise DataError([Problem(name, 1, 1, "is a folder, not a file")]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataError([Problem(name, 1, 1, f"cannot read: {reason}")]) from None
    return raw


def read_within_limit(stream: BinaryIO, name: str) -> bytes:
    """All of ``stream``, refused past the size limit. A pipe or device has no size
    to check first, so this reads (in chunks) one byte past the limit to tell."""
    limit = max_bytes()
    try:
        return read_up_to(stream.read, limit)
    except TooBig:
        raise _too_big(name, limit, None) from None


def decode_text(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); a DataError names the first bad byte's place."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError([Problem(name, line, column,
                                 f"not UTF-8 text (byte 0x{raw[error.start]:02x})")]) from None


def _too_big(name: str, limit: int, size: int | None) -> DataError:
    shown = f"more than {limit:,} bytes" if size is None else f"{size:,} bytes"
    return DataError([Problem(name, 1, 1, f"file is {shown}, over the limit of {limit:,} "
                              f"(set {MAX_BYTES_VARIABLE} to raise it)")])


def load_article(path: Path, article_id: str | None = None) -> Article:
    """The article in ``path``; DataError lists every problem if it has any."""
    return parse_article(read_text(path), str(path), article_id or path.stem)


def parse_article(text: str, file: str = "<string>", article_id: str = "article") -> Article:
    """The article in ``text`` (read); DataError lists every problem if it has any."""
    checked = check_article(text, file, article_id)
    if checked.article is None:
        raise DataError(checked.problems)
    return checked.article


@dataclass(frozen=True)
class Checked:
    """What checking a file found: the article (None if it has errors), every error,
    and where each field is (``"faqs[2].question"`` -> (line, column)), for warnings."""

    article: Article | None
    problems: list[Problem]
    positions: dict[str, tuple[int, int]]


def check_article(text: str, file: str = "<string>", article_id: str = "article") -> Checked:
    """Everything checking ``text`` finds (check): the article, if it has no errors,
    every error, and where each field is."""
    try:
        root = compose(text)
    except YamlSyntaxError as error:
        return Checked(None, [Problem(file, error.line, error.column, error.message)], {})
    builder = _Builder(file)
    article = builder.article(root, article_id)
    problems = sorted(builder.problems, key=lambda problem: (problem.line, problem.column))
    return Checked(article if not problems else None, problems, builder.positions)


class _Builder:
    """Walks the node tree along the schema, collecting problems as it goes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.positions: dict[str, tuple[int, int]] = {}

    def fail(self, node: Node | None, field: str | None, message: str) -> None:
        line, column = (node.line, node.column) if node else (1, 1)
        self.problems.append(Problem(self.file, line, column, message, field))

    def article(self, root: Node | None, article_id: str) -> Article | None:
        if root is None or (root.kind == "scalar" and resolve_scalar(root).endswith(":null")):
            self.fail(root, None, "the file is empty; an article needs at least "
                      + ", ".join(REQUIRED_KEYS))
            return None
        fields = self.mapping(root, None, ARTICLE_KEYS, REQUIRED_KEYS)
        if fields is None:
            return None
        title = self.text(fields.get("title"), "title")
        published = self.timestamp(fields.get("published"), "published")
        summary = self.text(fields.get("summary"), "summary")
        sections = self.items(fields.get("sections"), "sections", self.section, minimum=1)
        updated = self.optional(fields, "updated", self.day)
        texts = {key: self.optional(fields, key, self.text) for key in OPTIONAL_TEXT_KEYS}
        takeaways = self.optional(fields, "key_takeaways", self.text_list) or ()
        tags = self.optional(fields, "tags", self.text_list) or ()
        faqs = self.optional(fields, "faqs", self.faq_list) or ()
        if self.problems or title is None or published is None or summary is None:
            return None
        return Article(
            title=title, published=published, summary=summary, sections=tuple(sections),
            updated=updated, **texts,
            key_takeaways=takeaways, tags=tuple(tag.lstrip("#") for tag in tags), faqs=faqs,
            id=article_id,
        )

    def optional(self, fields: dict[str, Node], key: str,
                 read: Callable[[Node, str], T | None]) -> T | None:
        node = fields.get(key)
        if node is None or _is_null(node):
            return None
        return read(node, key)

    def mapping(self, node: Node, path: str | None, allowed: tuple[str, ...],
                required: tuple[str, ...]) -> dict[str, Node] | None:
        if node.kind != "mapping":
            self.fail(node, path, f"expected a mapping of {path} fields, got {_describe(node)}"
                      if path else "this is not an article: expected 'title: ...' and the "
                      f"other fields, one per line, got {_describe(node)}")
            return None
        fields: dict[str, Node] = {}
        key_lines: dict[str, int] = {}
        suggested: set[str] = set()
        for key_node, value in node.value:
            key = key_node.value if key_node.kind == "scalar" else None
            field = f"{path}.{key}" if path else key
            if not isinstance(key, str):
                self.fail(key_node, path, "keys must be plain names")
            elif key in fields:
                self.fail(key_node, field,
                          f"duplicate key (first given on line {key_lines[key]})")
            elif key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggested.update(hint)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
                self.fail(key_node, excerpt(str(field)),
                          f"unknown key '{excerpt(key)}'{suggestion} "
                          f"(known: {', '.join(allowed)})")
            else:
                fields[key] = value
                self.positions[f"{path}.{key}" if path else key] = (value.line, value.column)
                key_lines[key] = key_node.line
        # A misspelt required key is reported once, as the misspelling.
        for key in required:
            if key not in fields and key not in suggested:
                field = f"{path}.{key}" if path else key
                self.fail(node, field, f"missing required key '{key}'")
        return fields

    def text(self, node: Node | None, path: str) -> str | None:
        if node is None:
            return None
        if node.kind != "scalar" or _is_null(node):
            self.fail(node, path, f"expected text, got {_describe(node)}")
            return None
        value = str(node.value)
        if not value.strip():
            self.fail(node, path, "expected text, got an empty string")
            return None
        return value

    def timestamp(self, node: Node | None, path: str) -> datetime | None:
        value = self._date_value(node, path, "a date and time like 2025-09-06 03:07:15")
        if isinstance(value, datetime) or value is None:
            return value
        return datetime(value.year, value.month, value.day)

    def day(self, node: Node, path: str) -> date | None:
        value = self._date_value(node, path, "a date like 2023-10-01")
        return value.date() if isinstance(value, datetime) else value

    def _date_value(self, node: Node | None, path: str, wanted: str) -> date | None:
        if node is None:
            return None
        if node.kind == "scalar" and not _is_null(node):
            parsed = _parse_timestamp(node)
            if parsed is not None:
                return parsed
        got = f"'{excerpt(str(node.value))}'" if node.kind == "scalar" and not _is_null(node) \
            else _describe(node)
        self.fail(node, path, f"expected {wanted}, got {got}")
        return None

    def items(self, node: Node | None, path: str, read: Callable[[Node, str], T | None],
              minimum: int = 0) -> list[T]:
        if node is None:
            return []
        if node.kind != "list":
            self.fail(node, path, f"expected a list, got {_describe(node)}")
            return []
        if len(node.value) < minimum:
            self.fail(node, path, f"expected at least {minimum} item, got none")
        results = []
        for index, child in enumerate(node.value):
            self.positions[f"{path}[{index}]"] = (child.line, child.column)
            value = read(child, f"{path}[{index}]")
            if value is not None:
                results.append(value)
        return results

    def text_list(self, node: Node, path: str) -> tuple[str, ...]:
        return tuple(self.items(node, path, self.text))

    def faq_list(self, node: Node, path: str) -> tuple[Faq, ...]:
        return tuple(self.items(node, path, self.faq))

    def section(self, node: Node, path: str) -> Section | None:
        fields = self.mapping(node, path, SECTION_KEYS, SECTION_KEYS)
        if fields is None:
            return None
        heading = self.text(fields.get("heading"), f"{path}.heading")
        paragraphs = self.items(fields.get("paragraphs"), f"{path}.paragraphs", self.text,
                                minimum=1)
        if heading is None or not paragraphs:
            return None
        return Section(heading, tuple(paragraphs))

    def faq(self, node: Node, path: str) -> Faq | None:
        fields = self.mapping(node, path, FAQ_KEYS, FAQ_KEYS)
        if fields is None:
            return None
        question = self.text(fields.get("question"), f"{path}.question")
        answer = self.text(fields.get("answer"), f"{path}.answer")
        if question is None or answer is None:
            return None
        return Faq(question, answer)


def _is_null(node: Node) -> bool:
    return node.kind == "scalar" and resolve_scalar(node) == "tag:yaml.org,2002:null"


def _describe(node: Node) -> str:
    if node.kind != "scalar":
        return _KIND_NAMES[node.kind]
    if _is_null(node):
        return "nothing"
    return "text"


def _parse_timestamp(node: Node) -> date | None:
    value = str(node.value).strip()
    if resolve_scalar(node) != _TIMESTAMP and not value[:4].isdigit():
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 else \
            datetime.fromisoformat(value.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        return _yaml_timestamp(value)


def _yaml_timestamp(value: str) -> date | None:
    """YAML allows timestamp forms ``fromisoformat`` rejects on Python 3.10."""
    import yaml

    try:
        parsed = yaml.safe_load(value)
    except (yaml.YAMLError, ValueError, OverflowError):  # e.g. month 13, or offset +99
        return None
    return parsed if isinstance(parsed, date) else None


def dump_yaml(article: Article) -> str:
    """The article as block-style YAML that loads back to the same article."""
    import yaml

    dumper: Any = type("ArticleDumper", (getattr(yaml, "CSafeDumper", yaml.SafeDumper),), {})

    def quote_unsafe(representer: Any, value: str) -> Any:
        # A list paragraph (an item per line) reads best as a literal block.
        style = '"' if has_unsafe(value) else "|" if "\n" in value else None
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    dumper.add_representer(str, quote_unsafe)
    text = yaml.dump(to_data(article), Dumper=dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=88)
    # YAML counts bidi overrides as printable and writes them raw, which would reorder
    # what a terminal shows; they can only be in the strings double-quoted above,
    # where \\uXXXX reads back as the same character.
    return escape_unsafe(str(text))
