"""Which importer a source needs, and the source's bytes: a file, standard input
(``-``) or an http(s) URL. ``--from`` names the kind; otherwise a URL's content
type, then a file's suffix, then the bytes decide (an article in articlecli's
YAML format starts two or more lines with its keys: ``title:``, ``sections:``...)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import TextIO
from urllib.parse import urlsplit

from ..fetch import DEFAULT_TIMEOUT, Page, fetch, is_url
from ..files import STDIN_NAME, STDIO, read_input_bytes
from ..loader import decode_text
from ..schema import ARTICLE_KEYS
from .draft import Imported
from .forms import Form
from .frontmatter import find_front_matter

Fetcher = Callable[[str, float], Page]

_MEDIA_TYPES = {
    "text/html": Form.HTML, "application/xhtml+xml": Form.HTML,
    "application/rss+xml": Form.FEED, "application/atom+xml": Form.FEED,
    "application/rdf+xml": Form.FEED, "application/x-rss+xml": Form.FEED,
    "application/x-atom+xml": Form.FEED,
    "text/markdown": Form.MARKDOWN, "text/x-markdown": Form.MARKDOWN,
    "application/yaml": Form.YAML, "application/x-yaml": Form.YAML, "text/yaml": Form.YAML,
    "text/x-yaml": Form.YAML,
}
_SUFFIXES = {
    ".html": Form.HTML, ".htm": Form.HTML, ".xhtml": Form.HTML,
    ".md": Form.MARKDOWN, ".markdown": Form.MARKDOWN, ".mdown": Form.MARKDOWN,
    ".rss": Form.FEED, ".atom": Form.FEED, ".yaml": Form.YAML, ".yml": Form.YAML,
}
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|"
                         rb"article|title)[\s>]", re.IGNORECASE | re.DOTALL)
_MARKDOWN_START = re.compile(r"\s*(?:#{1,6}\s|[^\n]+\n=+\s*\n|---\s*\n|\+\+\+\s*\n)")
# A top-level YAML key ("title: ...", at the start of a line, in lower case).
_TOP_KEY = re.compile(rb"^([a-z_]+)[ \t]*:(?=\s)", re.MULTILINE)
_ARTICLE_KEYS = frozenset(key.encode() for key in ARTICLE_KEYS)
_SNIFF = 2048


def _fetcher(url: str, timeout: float) -> Page:
    return fetch(url, timeout=timeout)


def import_source(source: str, stdin: TextIO, *, timeout: float = DEFAULT_TIMEOUT,
                  form: Form | None = None, fetcher: Fetcher = _fetcher,
                  ) -> tuple[Form, list[Imported]]:
    """The kind of ``source`` and its articles (one, or one per feed entry)."""
    origin: str | None
    if is_url(source):
        page = fetcher(source, timeout)
        body, name, origin = page.body, source, page.url
        kind = form or _MEDIA_TYPES.get(page.media_type) or \
            _sniff(body, PurePosixPath(urlsplit(page.url).path).suffix)
    else:
        body = read_input_bytes(source, stdin)
        name = STDIN_NAME if source == STDIO else source
        origin = None if source == STDIO else source
        kind = form or _sniff(body, "" if source == STDIO else PurePosixPath(source).suffix)
    return kind, _import(kind, body, name, origin, lambda url: _page(fetcher(url, timeout)))


def _import(kind: Form, body: bytes, name: str, origin: str | None,
            read_page: Callable[[str], tuple[bytes, str]]) -> list[Imported]:
    url = origin if origin and is_url(origin) else None
    if kind is Form.FEED:
        from .feed import import_feed

        return import_feed(body, name, read_page, base=url)
    if kind is Form.HTML:
        from .html import import_html

        return [import_html(body, name, url=url, source=origin)]
    text = decode_text(body, name)
    if kind is Form.YAML:
        from .article_yaml import import_article_yaml

        return [import_article_yaml(text, name)]
    if kind is Form.MARKDOWN:
        from .markdown import import_markdown

        return [import_markdown(text, name, source=origin)]
    from .text import import_text_noted

    article, notes = import_text_noted(text, name)
    return [Imported(replace(article, source=origin) if origin else article, notes)]


def _page(page: Page) -> tuple[bytes, str]:
    return page.body, page.url


def _sniff(body: bytes, suffix: str) -> Form:
    """The kind of a source from its suffix, else from its first bytes."""
    known = _SUFFIXES.get(suffix.lower())
    start = body[:_SNIFF].removeprefix(b"\xef\xbb\xbf")
    if known is not None:
        return known
    if _is_article_yaml(body.removeprefix(b"\xef\xbb\xbf")):
        return Form.YAML
    if _FEED_ROOT.search(start) and not _HTML_START.match(start):
        return Form.FEED
    if _HTML_START.match(start) or start.lstrip().startswith(b"<"):
        return Form.HTML
    if _MARKDOWN_START.match(start.decode("utf-8", "replace")):
        return Form.MARKDOWN
    return Form.TEXT


def _is_article_yaml(body: bytes) -> bool:
    """Whether a source is an article in our YAML format (right or wrong): its first
    line that is not blank, a comment or ``---`` is a top-level key, two or more of
    the format's keys are, and it is not Markdown's front matter followed by text.
    (So a Markdown text that shows the format in a code block is not.)"""
    first = next((line for line in body.lstrip().split(b"\n", 64)
                  if line.strip() and not line.startswith((b"#", b"---"))), b"")
    if not _TOP_KEY.match(first + b"\n") or _front_matter_and_text(body):
        return False
    keys = {match[1] for match in _TOP_KEY.finditer(body)}
    return len(keys & _ARTICLE_KEYS) >= 2


def _front_matter_and_text(body: bytes) -> bool:
    """Whether the Markdown importer would find a front matter (frontmatter.py's
    test) with text after it."""
    text = body.decode("utf-8", "replace").removeprefix("\ufeff")
    found = find_front_matter(text)
    return found is not None and bool(text[found.end:].strip())
