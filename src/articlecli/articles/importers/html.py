"""Web pages to articles: trafilatura finds the main text (leaving out navigation,
cookie banners, related links and comments) and the metadata (title, date through
htmldate, author, site name); this module turns its headings, paragraphs and lists
into a draft. HTML is only parsed, never run: scripts and styles are dropped as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ...errors import NoArticleText
from ...model import list_paragraph
from .draft import Block, Draft, Imported, Kind, finish, tidy

# htmldate finds the day; the time of day comes from a machine-readable timestamp
# for that day (article:published_time, JSON-LD datePublished, <time datetime>).
_TIMESTAMP = re.compile(
    r"""(?:published_time|datePublished|pubdate|<time)[^>]{0,80}?"""
    r"""(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?)""", re.IGNORECASE)
# trafilatura's settings. Precision and recall were measured on tests/fixtures/web
# with scripts/eval_import.py (README: Importing from the web).
FAVOR_PRECISION = True
FAVOR_RECALL = False

# trafilatura's XML names and HTML's, for the same things.
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"list", "ul", "ol"})
_ITEMS = frozenset({"item", "li"})
_TABLES = frozenset({"table"})
_ROWS = frozenset({"row", "tr"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "quote", "blockquote", "body",
                         "figure", "header", "footer", "aside"})
_BLOCKS = _HEADINGS | _LISTS | _TABLES | _CONTAINERS | {"p", "pre", "code"}
_SKIPPED = frozenset({"script", "style", "noscript", "template", "graphic", "img", "figcaption",
                      "iframe", "object", "embed", "svg", "math", "form", "button", "nav"})


def import_html(body: bytes | str, name: str, *, url: str | None = None,
                source: str | None = None) -> Imported:
    return finish(read_html(body, name, url=url, source=source))


def read_html(body: bytes | str, name: str, *, url: str | None = None,
              source: str | None = None) -> Draft:
    """The main text and metadata of a web page."""
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        body, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        deduplicate=False, favor_precision=FAVOR_PRECISION, favor_recall=FAVOR_RECALL,
        output_format="python",
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if document is None or document.body is None:
        raise NoArticleText(name)
    categories = [tidy(category) for category in document.categories or []]
    return Draft(
        name=name, blocks=list(blocks_of(document.body)), title=document.title,
        published=_moment(document.date, body), summary=document.description,
        author=_author(document.author), site=document.sitename, source=source or url,
        category=next((category for category in categories if category), None),
    )


def fragment_blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment that is all article (a feed entry's content)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    return list(blocks_of(root))


def blocks_of(element: Any) -> Iterator[Block]:
    """Headings, paragraphs and lists, in order, from an element's children."""
    if tidy(element.text):
        yield Block(Kind.PARAGRAPH, element.text)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _HEADINGS:
            yield Block(Kind.HEADING, _text(child))
        elif tag in _LISTS:
            items = [_text(item) for item in child.iter() if _tag(item) in _ITEMS]
            numbered = tag == "ol" or child.get("rend") == "ol"
            yield Block(Kind.LIST, list_paragraph([item for item in items if item],
                                                  numbered=numbered))
        elif tag in _TABLES:
            for row in child.iter():
                if _tag(row) in _ROWS:
                    yield Block(Kind.PARAGRAPH, " | ".join(
                        _text(cell) for cell in row if _tag(cell) not in _ROWS))
        elif tag in ("pre", "code"):
            yield Block(Kind.CODE, "".join(child.itertext()))
        elif tag in _CONTAINERS and any(_tag(grandchild) in _BLOCKS for grandchild in child):
            yield from blocks_of(child)
        elif tag and tag not in _SKIPPED:
            yield Block(Kind.PARAGRAPH, _text(child))
        if tidy(child.tail):
            yield Block(Kind.PARAGRAPH, child.tail)


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _text(element: Any) -> str:
    """An element's text, without nested lists, scripts or styles."""
    parts = [element.text or ""]
    for child in element:
        if _tag(child) not in _SKIPPED and _tag(child) not in _LISTS:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return tidy("".join(parts))


def _moment(day: str | None, page: bytes | str) -> datetime | None:
    """htmldate's day, at the time the page's first timestamp for that day gives."""
    try:
        found = date.fromisoformat(day or "")
    except ValueError:
        return None
    text = page if isinstance(page, str) else page.decode("utf-8", "replace")
    for match in _TIMESTAMP.finditer(text):
        moment = datetime.fromisoformat(match[1].replace(" ", "T"))
        if moment.date() == found:
            return moment
    return datetime(found.year, found.month, found.day)


def _author(value: str | None) -> str | None:
    """trafilatura separates several authors with ';'."""
    return ", ".join(name.strip() for name in value.split(";") if name.strip()) if value else None
