"""RSS and Atom feeds, read with feedparser: each entry becomes an article. An
entry's full content (RSS ``content:encoded``, Atom ``content``) is its text; an
entry with only a summary has its page fetched and extracted like any web page.
The feed's title is each article's site; the entry's link is its source. Relative
links are taken from the feed's own URL. An entry with no article text (a short
summary whose page holds none, or cannot be fetched: a 404, a timeout) is left out
with a warning naming why, unless no entry has text.

feedparser is only ever given bytes: given a string it would fetch a URL itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ...errors import CannotFetch, EntryLeftOut, NoArticleText
from .draft import Block, Draft, Imported, Kind, Note, finish, tidy
from .html import fragment_blocks, fragment_text, read_html

# Fetches a page (an entry's link): the body, the URL it came from, and its name.
PageReader = Callable[[str], tuple[bytes, str]]
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def import_feed(body: bytes, name: str, read_page: PageReader | None,
                base: str | None = None) -> list[Imported]:
    """One article per entry with text, in the feed's order; ``base`` is the feed's URL."""
    import feedparser

    parsed: Any = feedparser.parse(body, sanitize_html=True, resolve_relative_uris=True,
                                   response_headers={"content-location": base} if base else {})
    if not parsed.version or not parsed.entries:
        raise NoArticleText(name, "feed entries")
    site = _plain(parsed.feed, "title") or None
    imported: list[Imported] = []
    skipped: list[EntryLeftOut] = []
    for number, entry in enumerate(parsed.entries, start=1):
        entry_name = f"{name} entry {number}"
        try:
            imported.append(finish(_draft(entry, entry_name, site, read_page)))
        except (NoArticleText, CannotFetch) as error:
            skipped.append(EntryLeftOut(entry_name, error))
    if not imported:
        raise skipped[0].cause
    notes: tuple[Note, ...] = tuple(skipped)
    return [replace(imported[0], notes=notes + imported[0].notes), *imported[1:]]


def _draft(entry: Any, name: str, site: str | None, read_page: PageReader | None) -> Draft:
    link = entry.get("link") or None
    content = [part for part in entry.get("content", []) if part.get("value", "").strip()]
    if content:
        draft = Draft(name=name, blocks=_blocks(content[0]))
    elif link and read_page is not None and link.lower().startswith(("http://", "https://")):
        body, url = read_page(link)
        draft = read_html(body, link, url=url)
    else:
        draft = Draft(name=name, blocks=_blocks(entry.get("summary_detail") or {}))
    published = _moment(entry, "published") or _moment(entry, "updated")
    updated = _moment(entry, "updated")
    draft.title = _plain(entry, "title") or draft.title
    draft.published = published or draft.published
    draft.updated = updated.date() if updated and published and \
        updated.date() > published.date() else None
    draft.summary = _summary(entry) or draft.summary
    draft.author = ", ".join(_authors(entry)) or draft.author
    draft.site = site or draft.site
    draft.source = link or draft.source
    tags = [tidy(tag.get("term")) for tag in entry.get("tags", [])]
    draft.category = next((tag for tag in tags if tag), draft.category)
    return draft


def _blocks(detail: Any) -> list[Block]:
    value = detail.get("value", "")
    if detail.get("type", "text/html") in _HTML_TYPES:
        return fragment_blocks(value)
    return [Block(Kind.PARAGRAPH, part) for part in value.split("\n\n")]


def _plain(element: Any, key: str) -> str:
    """A feed's or an entry's text field as plain text: given as HTML (Atom's
    ``type="html"``, or what feedparser takes for HTML), its tags are dropped and
    its references decoded."""
    detail = element.get(f"{key}_detail") or {}
    value = element.get(key) or ""
    return fragment_text(value) if detail.get("type") in _HTML_TYPES else tidy(value)


def _summary(entry: Any) -> str | None:
    """The entry's summary as text, unless it is the whole content again."""
    detail = entry.get("summary_detail") or {}
    if not detail or (entry.get("content") and
                      detail.get("value") == entry["content"][0].get("value")):
        return None
    blocks = _blocks(detail)
    return " ".join(block.text for block in blocks) or None


def _authors(entry: Any) -> list[str]:
    """The entry's authors' names. RSS writes an e-mail address with the name in
    brackets ("sam@example.org (Sam Lee)") or around it ("Sam Lee <sam@...>"): read
    here, as feedparser cuts a domain of more than four letters short ("ple (Sam Lee"),
    and an address alone is no name. Any other author (an Atom feed's, which
    feedparser gives as "Sam Lee (sam@...)", the last of several; a "@handle") is
    feedparser's list of names."""
    raw = entry.get("author")
    if isinstance(raw, str) and (written := _RSS_ADDRESS.fullmatch(raw.strip())):
        name = tidy(written["name"] or written["before"] or "")
        return [name] if name and "@" not in name else []
    names = [tidy(author.get("name")) for author in entry.get("authors", [])]
    return [name for name in names if name] or ([tidy(raw)] if raw else [])


# RSS's author: "address (Name)", "Name <address>" or an address alone.
_RSS_ADDRESS = re.compile(r"[^\s@()<>]+@[^\s@()<>]+(?:\s*\((?P<name>[^()]*)\))?"
                          r"|(?P<before>[^<>]*?)\s*<[^\s@<>]+@[^\s@<>]+>")


def _moment(entry: Any, key: str) -> datetime | None:
    """The entry's date as the feed wrote it (its wall-clock time, zone dropped).
    Read past feedparser's mapping of a missing 'updated' to 'published'."""
    raw = dict.get(entry, key)
    if not raw:
        return None
    for parse in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            return parse(raw.replace("Z", "+00:00")).replace(tzinfo=None)
        except (TypeError, ValueError, IndexError):
            continue
    parsed = dict.get(entry, f"{key}_parsed")
    return datetime(*parsed[:6]) if parsed else None

