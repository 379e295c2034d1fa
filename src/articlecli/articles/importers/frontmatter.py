"""A Markdown file's front matter (Hugo, Jekyll): YAML between ``---`` lines (the
closing one may be ``...``), or TOML between ``+++`` lines (Hugo's default). Its
first line that is not blank or a comment is a ``key:`` line (``key =`` in TOML,
or a ``[table]``): else ``---`` lines are thematic breaks. ``find_front_matter`` is
the one test, which sources.py uses too. Only that block is read, YAML as the
article format is (safeyaml.py: no anchors or aliases, no tags beyond the plain
types, at most 64 levels deep, the parser's complaints in yamlwords.py's plain
words), TOML with the standard library's reader (tomli before Python 3.11), with
every value kept as text as written (``title: yes`` is "yes"), and only when it is
at most FRONT_MATTER_LIMIT bytes. What it gives: ``title``, ``date`` (or
``publishDate``, ``published``), ``lastmod`` (or ``updated``,
``last_modified_at``), ``author``/``authors``, ``tags``, ``categories``/``category``,
and ``description`` (or ``summary``). Other keys (``draft``, ``slug``,
``layout``...) are ignored.

A block that is not YAML (or TOML), not a mapping, too large, or holds one of those
keys in a shape that is not text (``title: [a, b]``) or a date that cannot be read
is a DataError at its line: the file is not imported, rather than imported wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, NamedTuple

from ...errors import DataError, Problem
from ...safetext import excerpt
from .text import parse_datetime

if TYPE_CHECKING:  # safeyaml imports yaml: only when a block is read
    from ..safeyaml import Node

FRONT_MATTER_LIMIT = 64 * 1024
_OPEN = re.compile(r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\r?\n")
_CLOSE = {"---": re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE),
          "+++": re.compile(r"^\+\+\+[ \t]*(?:\r?\n|\Z)", re.MULTILINE)}
_KEY = {"---": re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)"),
        # a bare ("1st", "dash-ed"), quoted or dotted key ("params.author"), or a table
        "+++": re.compile(r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
                          r"(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*'))*"
                          r"[ \t]*=|\[")}
_FIELD = "front matter"
_DATE_KEYS = ("date", "publishDate", "published", "pubDate")
_UPDATED_KEYS = ("lastmod", "updated", "last_modified_at", "modified")
_AUTHOR_KEYS = ("authors", "author")
_CATEGORY_KEYS = ("categories", "category")
_SUMMARY_KEYS = ("description", "summary")


@dataclass(frozen=True)
class FrontMatter:
    """What a Markdown file's front matter says of its article: any of it may be missing."""

    title: str | None = None
    published: datetime | None = None
    published_as: str | None = None  # as written
    updated: date | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    category: str | None = None
    summary: str | None = None


class Found(NamedTuple):
    block: str  # between the fences
    end: int  # where the text after it starts
    toml: bool  # ``+++`` fences: TOML, else YAML


def find_front_matter(text: str) -> Found | None:
    """The front matter block at the start of ``text``; None if there is none
    (``---`` lines around anything but a first ``key:`` line are thematic breaks: a
    rule, a heading, a paragraph "Update: ...", a rule)."""
    opening = _OPEN.match(text)
    fence = opening["fence"] if opening else "---"
    closing = _CLOSE[fence].search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return None
    block = text[opening.end():closing.start()]
    rows = block.splitlines()
    at = next((number for number, row in enumerate(rows) if row.strip()), len(rows))
    # Comments may come first, right above the first key ("# Hugo post", then
    # "title: ..."); a Markdown heading is followed by a blank line, or by text.
    while at < len(rows) and rows[at].lstrip().startswith("#"):
        at += 1
    first = rows[at] if at < len(rows) else ""
    found = Found(block, closing.end(), fence == "+++")
    return found if _KEY[fence].match(first) else None


def split_front_matter(text: str, name: str) -> tuple[FrontMatter | None, str]:
    """The front matter of a Markdown ``text`` (None if it has none) and the text after
    it (the whole text if none); DataError for a block that cannot be used."""
    found = find_front_matter(text)
    if found is None:
        _check_closed(text, name)
        return None, text
    reader = _Reader(name, found.block, found.toml)
    reader.check_size()
    return reader.read(), text[found.end:]


def _check_closed(text: str, name: str) -> None:
    """DataError for a front matter that is never closed: an opening fence, then two
    ``key:`` lines one after the other, and no closing fence (its keys would be read
    as the first paragraph, and the article imported wrong). A rule, then a heading
    or paragraphs that open with "By:" or "Update:", is Markdown."""
    opening = _OPEN.match(text)
    if opening is None:
        return
    fence = opening["fence"]
    rows = text[opening.end():].lstrip("\r\n").splitlines()[:2]
    if len(rows) == 2 and all(_KEY[fence].match(row) for row in rows):
        raise DataError([Problem(name, 1, 1, f"the '{fence}' that opens it is never closed "
                                 f"(a '{fence}' line ends it)", _FIELD)])


class _Reader:
    def __init__(self, name: str, block: str, toml: bool = False) -> None:
        self.name, self.block, self.toml = name, block, toml

    def fail(self, message: str, line: int = 1, column: int = 1) -> DataError:
        return DataError([Problem(self.name, line, column, message, _FIELD)])

    def check_size(self) -> None:
        size = len(self.block.encode("utf-8"))
        if size > FRONT_MATTER_LIMIT:
            raise self.fail(f"{size:,} bytes, over the limit of {FRONT_MATTER_LIMIT:,}")

    def at(self, key: str) -> int:
        """The file line of ``key`` in the block (the opening ``---`` is line 1)."""
        # A top-level key: in YAML unindented (an indented one is a nested table's);
        # in TOML, one above the first [table] (every key below it is the table's).
        pattern = rf"^[ \t]*{re.escape(key)}[ \t]*=" if self.toml else rf"^{re.escape(key)}[ \t]*:"
        table = re.search(r"^[ \t]*\[", self.block, re.MULTILINE) if self.toml else None
        match = re.compile(pattern, re.MULTILINE).search(
            self.block, 0, table.start() if table else len(self.block))
        return self.block.count("\n", 0, match.start()) + 2 if match else 1

    def read(self) -> FrontMatter:
        data = self.toml_data() if self.toml else self.yaml_data()
        if data is None:
            return FrontMatter()
        if not isinstance(data, dict):
            raise self.fail("expected keys and values (title: ..., date: ...)")
        return FrontMatter(
            title=self.text(data, "title"), published=self.moment(data, _DATE_KEYS),
            published_as=next(filter(None, (self.text(data, key) for key in _DATE_KEYS)), None),
            updated=self.day(data), authors=self.names(data), tags=self.texts(data, ("tags",)),
            category=next(iter(self.texts(data, _CATEGORY_KEYS)), None),
            summary=self.text(data, *_SUMMARY_KEYS))

    def yaml_data(self) -> Any:
        from ..safeyaml import YamlSyntaxError, compose

        try:
            # A blank first line for the opening "---": every line and column the
            # parser gives (in messages too, "the '[' at 3:7") is then the file's.
            node = compose("\n" + self.block)
        except YamlSyntaxError as error:
            raise self.fail(error.message, error.line, error.column) from None
        return None if node is None else self.plain(node)

    def toml_data(self) -> dict[str, Any]:
        from ...tomltext import TomlError, read_toml

        try:
            table = read_toml(self.block)
        except TomlError as error:
            if error.line is None:  # "at end of document": said in the message
                raise self.fail(str(error)) from None
            # The opening "+++" is the file's first line.
            raise self.fail(error.message, error.line + 1, error.column or 1) from None
        return {str(key): _as_written(value) for key, value in table.items()}

    def plain(self, node: Node) -> Any:
        """A node as text, a list or a dict, every scalar as written."""
        if node.kind == "scalar":
            return str(node.value)
        if node.kind == "list":
            return [self.plain(item) for item in node.value]
        data: dict[str, Any] = {}
        for key, value in node.value:
            if key.kind != "scalar":
                raise self.fail("expected keys and values (title: ..., date: ...)",
                                key.line, key.column)
            data[str(key.value)] = self.plain(value)
        return data

    def text(self, data: dict[str, Any], *keys: str) -> str | None:
        for key in keys:
            value = data.get(key)
            if value is None or value == "":
                continue
            if not isinstance(value, str):
                raise self.fail(f"{key}: expected text", self.at(key))
            return value
        return None

    def texts(self, data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, ...]:
        """A list of texts, or one text (Jekyll's ``tags: one two`` is two)."""
        for key in keys:
            value = data.get(key)
            if isinstance(value, str):
                return tuple(value.replace(",", " ").split())
            if isinstance(value, list):
                if not all(isinstance(item, str) for item in value):
                    raise self.fail(f"{key}: expected a list of texts", self.at(key))
                return tuple(item for item in value if item.strip())
            if value is not None:
                raise self.fail(f"{key}: expected a list of texts", self.at(key))
        return ()

    def names(self, data: dict[str, Any]) -> tuple[str, ...]:
        """Authors: a name, a list of names, or of mappings with a ``name``."""
        for key in _AUTHOR_KEYS:
            value = data.get(key)
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            names = [item.get("name") if isinstance(item, dict) else item for item in items]
            texts = [name for name in names if isinstance(name, str)]
            if len(texts) != len(names):
                raise self.fail(f"{key}: expected a name or a list of names", self.at(key))
            return tuple(name for name in texts if name.strip())
        return ()

    def moment(self, data: dict[str, Any], keys: tuple[str, ...]) -> datetime | None:
        for key in keys:
            written = self.text(data, key)
            if written is None:
                continue
            moment = parse_datetime(written)
            if moment is None:
                raise self.fail(f"{key}: cannot read '{excerpt(written)}' as a date",
                                self.at(key))
            return moment.replace(tzinfo=None, microsecond=0)  # its wall-clock time
        return None

    def day(self, data: dict[str, Any]) -> date | None:
        moment = self.moment(data, _UPDATED_KEYS)
        return moment.date() if moment else None


def _as_written(value: Any) -> Any:
    """A TOML value with every scalar as text, as the YAML block's are: a date or time
    in ISO 8601, a boolean as TOML writes it."""
    if isinstance(value, dict):
        return {str(key): _as_written(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_written(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)
