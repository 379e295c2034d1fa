"""Web pages to articles: trafilatura finds the main text (leaving out navigation,
cookie banners, related links and comments) and the metadata (title, date through
htmldate, author, site name); this module turns its headings, paragraphs and lists
into a draft. HTML is only parsed, never run: scripts and styles are dropped as text.

Around trafilatura, from structural signals (README: Importing from the web):
- before it reads the page, layout tables, teasers and live-blog entries are made
  plain, pictures' captions, sign-up boxes, contact cards and footnote marks
  dropped, and drop caps joined to their words (``_plain_structure``);
- a page that shows little of its text but states it in JSON-LD ``articleBody`` is
  read from that statement;
- <br><br> ends a paragraph, a bold line is a subheading, and a paragraph that is
  only a link ("Read more: ...") is left out (``blocks_of``);
- the title loses the site's name, and the author a job title or date after it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ...errors import NoArticleText
from ...model import TABLE_CELLS, list_paragraph
from .draft import MIN_TEXT, Block, Draft, Imported, Kind, finish, tidy

# trafilatura's settings. Precision and recall were measured on tests/fixtures/web
# with scripts/eval_import.py (README: Importing from the web).
FAVOR_PRECISION = True
FAVOR_RECALL = False
_DATES = {"extensive_search": True, "original_date": True}

# Metadata.
# htmldate finds the day; the time of day comes from a machine-readable timestamp
# for that day (article:published_time, JSON-LD datePublished, <time datetime>).
_TIMESTAMP = re.compile(
    r"""(?:published_time|datePublished|pubdate|<time)[^>]{0,80}?"""
    r"""(\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?)""", re.IGNORECASE)
# What stands between a title and the site's name in a page's title.
# Spaced ("Headline | Site"), or a full-width colon, bar or dash that needs no space
# (as Japanese and Chinese titles have).
_SEPARATOR = (r"(?:\s+(?:[|\-\u2013\u2014:\u00b7\u2022\u00bb/]|::)\s+"
              r"|\s*[\uff1a\uff5c\uff0d\u3000]\s*)")
# A byline: "By Jane Doe", "Posted by Jane Doe on 3 March".
_BYLINE_START = re.compile(r"\s*(?i:(?:posted |written |words )?by)\b")
_BYLINE = re.compile(r"(?i:(?:posted |written |words )?by):? (?P<name>[A-Z][\w'\u2019.-]+"
                     r"(?: [A-Z][\w'\u2019.-]+){1,3})(?:$|[\s,|\u2013\u2014-])")
_BYLINE_CHARS = 120
# A page's title of more parts than this is a run of keywords, not read for a headline.
_MOST_PARTS = 8
# What follows the names in a byline: a job title ("Jane Doe, Transport correspondent")
# or the date ("By Jane Doe | Published 3 March").
_ROLE = re.compile(r"\b(?:correspondent|editor|reporter|writer|journalist|columnist|contributor|"
                   r"producer|presenter|analyst|critic|staff|desk|chief|intern|freelance|"
                   r"published|updated|posted)s?\b", re.IGNORECASE)

# The page's structure.
# A table is a page's layout grid, not data, when one of its cells holds a heading or this
# many paragraphs.
_LAYOUT_PARAGRAPHS = 3
_CELLS = ("td", "th")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")
# A paragraph that holds a picture and at most this many words is the picture's caption.
_CAPTION_WORDS = 25
# A form (an email field, a comment box) and this many words around it are a box of
# their own: a newsletter sign-up, not article text.
_FORM_BOX_WORDS = 60
_DROP_CAPS = frozenset({"span", "b", "strong", "big", "em", "i", "font"})
_CONTACT_CARDS = frozenset({"vcard", "h-card"})
_CONTACT_DETAILS = frozenset({"adr", "p-adr", "street-address", "p-street-address", "tel",
                              "p-tel"})
_NOTE_MARK = re.compile(r"\[?\d{1,3}\]?|[*\u2020\u2021]")
# The page's own statement of its text (JSON-LD articleBody) is the article when the page
# shows less than this share of it as text (an app shell, a paywall's teaser).
STATED_SHARE = 1.5
_MARKUP = re.compile(r"<(?:p|br|div|h[1-6]|ul|ol|li)\b", re.IGNORECASE)

# A numeric character reference ("&#27;", "&#x1b;"): its number, "x" and all.
# HTML reads one without its semicolon too, and with any number of leading zeros.
_REFERENCE = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+);?")
_REFERENCE_BYTES = re.compile(_REFERENCE.pattern.encode("ascii"))

# Blocks: trafilatura's XML names and HTML's, for the same things.
_HEADINGS = frozenset({"head", "h1", "h2", "h3", "h4", "h5", "h6"})
_LISTS = frozenset({"list", "ul", "ol"})
_ITEMS = frozenset({"item", "li"})
_TABLES = frozenset({"table"})
_ROWS = frozenset({"row", "tr"})
_CONTAINERS = frozenset({"div", "section", "article", "main", "quote", "blockquote", "body",
                         "figure", "header", "footer", "aside"})
_BLOCKS = _HEADINGS | _LISTS | _TABLES | _CONTAINERS | {"p", "pre", "code"}
# What holds paragraphs of its own, inside a list item or a table cell: a space apart.
_SPACED = (_BLOCKS - {"code"}) | _ITEMS | {"cell", "td", "th"}
_SKIPPED = frozenset({"script", "style", "noscript", "template", "graphic", "img", "figcaption",
                      "iframe", "object", "embed", "svg", "math", "form", "button", "nav"})
_BREAK = "lb"
# Two line breaks in a row end a paragraph (pages that separate paragraphs with <br><br>).
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LINKS = frozenset({"ref", "a"})
# A paragraph that is a link of at most _LINK_WORDS words with at most _LINK_LABEL
# characters of other text ("Read more:", "See also", "Related:") points elsewhere: a
# promotion between paragraphs, not text.
_LINK_LABEL = 20
_LINK_WORDS = 25
_BOLD = frozenset({"b", "strong"})  # and trafilatura's <hi rend="#b">
# A paragraph that is all bold, short and not a sentence is a subheading set in bold.
_BOLD_HEADING_WORDS = 12
# A list whose items hold paragraphs, of this many words and sentences each on
# average, is a stream of entries, each item its paragraphs; a list's points and
# steps are a sentence each, or less.
_ENTRY_WORDS = 20
_ENTRY_SENTENCES = 2
_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019)]?(?:\s|$)")
_SENTENCE_ENDS = (".", ",", ";", ":", "\u2026", "\"", "\u201d", "\u2019", "'")


def import_html(body: bytes | str, name: str, *, url: str | None = None,
                source: str | None = None) -> Imported:
    return finish(read_html(body, name, url=url, source=source))


def read_html(body: bytes | str, name: str, *, url: str | None = None,
              source: str | None = None) -> Draft:
    """The main text and metadata of a web page."""
    import trafilatura

    tree = trafilatura.load_html(_without_control_references(body))
    if tree is None:
        raise NoArticleText(name)
    _plain_structure(tree)
    page_title = tidy(tree.findtext(".//head//title"))
    stated = _stated_body(tree)
    byline, byline_line = _byline(tree)
    document: Any = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=True, include_formatting=True,
        deduplicate=False, favor_precision=FAVOR_PRECISION, favor_recall=FAVOR_RECALL,
        output_format="python", date_extraction_params=_DATES)
    blocks = list(blocks_of(document.body)) \
        if document is not None and document.body is not None else []
    shown = [block.text for block in blocks if block.kind is not Kind.HEADING]
    if stated and len(stated) >= max(MIN_TEXT, sum(map(len, shown)) * STATED_SHARE):
        blocks = _stated_blocks(stated)
    elif stated and " ".join(shown).split() == stated.split():
        # trafilatura read the statement too: its paragraphs, if it has more of them
        # than the page shows (one run of text beside the page's paragraphs has fewer).
        paragraphs = _stated_blocks(stated)
        if len(paragraphs) > len(shown):
            blocks = paragraphs
    if document is None and blocks:
        from trafilatura.metadata import extract_metadata

        document = extract_metadata(trafilatura.load_html(body), url, _DATES)
    if document is None:
        raise NoArticleText(name)
    categories = [tidy(category) for category in document.categories or []]
    headings = [_text(heading) for heading in tree.iter("h1")]
    title = _shown_headline(_title(document.title, page_title, document.sitename),
                            page_title, [block.text for block in blocks
                                         if block.kind is not Kind.CODE] + headings)
    author = _author(document.author, tree) or byline
    return Draft(
        # The byline is the article's author, not its text.
        name=name, blocks=[block for block in blocks if block.kind is not Kind.PARAGRAPH
                           or not _is_byline_line(tidy(block.text), byline_line, author)],
        title=title, published=_moment(document.date, body), summary=document.description,
        # A page about a person (an obituary, a profile) may give them as its author.
        author=None if author and title and tidy(author) == tidy(title) else author,
        site=document.sitename,
        source=source or url,
        category=next((category for category in categories if category), None),
    )


def _byline(tree: Any) -> tuple[str | None, str | None]:
    """The page's first short "By ..." or "Posted by ..." line, and the name in it if
    it names a person ("By Our Correspondent" names none)."""
    for element in tree.iter():
        if isinstance(element.tag, str) and _BYLINE_START.match(element.text or ""):
            text = tidy(element.text_content())
            if len(text) <= _BYLINE_CHARS and (match := _BYLINE.match(text)):
                name = match["name"].rstrip(".")
                return (None if _ROLE.search(name) else name), text
    return None, None


def _is_byline_line(text: str, byline_line: str | None, author: str | None) -> bool:
    """Whether a paragraph is the byline: the page's byline line, or a short "By ..."
    line that names the author."""
    if text == byline_line:
        return True
    match = _BYLINE.match(text) if len(text) <= _BYLINE_CHARS else None
    return bool(match and author and match["name"].rstrip(".") in author)


def _stated_body(tree: Any) -> str | None:
    """The article's text as the page states it in JSON-LD (``articleBody``), if it does."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            stack = [json.loads(script.text or "")]
        except (ValueError, RecursionError):
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                text = item.get("articleBody")
                if isinstance(text, str) and text.strip():
                    return text
                stack.extend(reversed(list(item.values())))
    return None


def _stated_blocks(text: str) -> list[Block]:
    """The paragraphs of an ``articleBody``: HTML, or text with a blank line (else a line
    end) between paragraphs."""
    if _MARKUP.search(text):
        return fragment_blocks(text)
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else re.compile(r"\n")
    return [Block(Kind.PARAGRAPH, part) for part in breaks.split(text) if tidy(part)]


def fragment_blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment that is all article (a feed entry's content)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    return list(blocks_of(root))


def fragment_text(html: str) -> str:
    """An HTML fragment (a feed's title given as HTML) as one line of plain text:
    references decoded, tags dropped, scripts and styles left out."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return tidy(html)
    for element in list(root.iter("script", "style", "template", "noscript")):
        element.drop_tree()
    return tidy(root.text_content())


def _without_control_references(body: bytes | str) -> bytes | str:
    """The page without its character references to what no text may hold (control
    characters, surrogates, non-characters: "&#27;", "&#xfffe;"), which would make
    the extracted text unwritable as XML, so trafilatura would find no text at all."""
    if isinstance(body, str):
        return _REFERENCE.sub(lambda match: "" if _unwritable(match[1]) else match[0], body)
    return _REFERENCE_BYTES.sub(
        lambda match: b"" if _unwritable(match[1].decode("ascii")) else match[0], body)


def _unwritable(number: str) -> bool:
    try:
        point = int(number[1:], 16) if number[:1] in "xX" else int(number)
    except ValueError:
        return True
    return (point < 0x20 and point not in (0x9, 0xA, 0xD)) or point == 0x7F or \
        0xD800 <= point <= 0xDFFF or point in (0xFFFE, 0xFFFF) or point > 0x10FFFF


def blocks_of(element: Any) -> Iterator[Block]:
    """Headings, paragraphs and lists, in order, from an element's children."""
    if tidy(element.text):
        yield Block(Kind.PARAGRAPH, element.text)
    # Bold lines are subheadings unless most of them are sentences: an interview's
    # questions are bold lines, short and long alike (a bold lead is one sentence).
    bold = [_is_bold_heading(child) for child in element if _is_bold_line(child)]
    bold_headings = bold.count(True) >= bold.count(False)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _HEADINGS:
            if not _is_link(child):  # a teaser's headline is a link
                yield Block(Kind.HEADING, _text(child))
        elif (terms := _questions_defined(child)) is not None:
            for term, kind in terms:  # an FAQ set as a definition list
                yield Block(kind, term)
        elif tag in _LISTS and _is_entry_stream(child):
            for item in child:
                if _tag(item) in _ITEMS:  # not a comment or a stray element
                    yield from blocks_of(item)
        elif tag in _LISTS:
            items = [_text(item) for item in child.iter() if _tag(item) in _ITEMS]
            numbered = tag == "ol" or child.get("rend") == "ol"
            yield Block(Kind.LIST, list_paragraph([item for item in items if item],
                                                  numbered=numbered))
        elif tag in _TABLES:
            for row in child.iter():
                if _tag(row) in _ROWS:
                    yield Block(Kind.PARAGRAPH, TABLE_CELLS.join(
                        _text(cell) for cell in row if _tag(cell) not in _ROWS))
        elif tag in ("pre", "code"):
            yield Block(Kind.CODE, "".join(child.itertext()))
        elif tag in _CONTAINERS and any(_tag(grandchild) in _BLOCKS for grandchild in child):
            yield from blocks_of(child)
        elif not tag or tag in _SKIPPED or _is_link(child):
            pass
        elif bold_headings and _is_bold_heading(child):
            yield Block(Kind.HEADING, _text(child))
        else:
            for part in _PARAGRAPH_BREAK.split(_lines(child)):
                yield Block(Kind.PARAGRAPH, part)
        if tidy(child.tail):
            yield Block(Kind.PARAGRAPH, child.tail)


def _questions_defined(element: Any) -> list[tuple[str, Kind]] | None:
    """A definition list whose every term is a question (``<dl><dt>Q?</dt><dd>A</dd>``,
    an FAQ) as its questions, each a heading, and its answers, each a paragraph;
    None for any other element."""
    if _tag(element) == "dl":
        parts = [(part, _tag(part) == "dt") for part in element if _tag(part) in ("dt", "dd")]
    elif _tag(element) == "list" and element.get("rend") == "dl":
        parts = [(part, (part.get("rend") or "").startswith("dt")) for part in element
                 if _tag(part) == "item"]
    else:
        return None
    terms = [(_text(part), Kind.HEADING if is_term else Kind.PARAGRAPH)
             for part, is_term in parts]
    questions = [text for text, kind in terms if kind is Kind.HEADING]
    if not questions or not all(text.endswith("?") for text in questions):
        return None
    return terms


def _is_entry_stream(element: Any) -> bool:
    """Whether a list is a stream of entries (a live blog's posts, a timeline's events)
    rather than a list of points or steps: each of its items holds paragraphs, and
    they are prose, of a few sentences an item (a point is a sentence or less)."""
    items = {item: text for item in element if _tag(item) in _ITEMS and (text := _text(item))}
    if len(items) < 2 or not all(any(_tag(part) == "p" for part in item) for item in items):
        return False
    texts = items.values()
    return sum(len(text.split()) for text in texts) >= _ENTRY_WORDS * len(items) and \
        sum(len(_SENTENCE_END.findall(text)) for text in texts) >= _ENTRY_SENTENCES * len(items)


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _text(element: Any) -> str:
    """An element's text, without nested lists, scripts or styles."""
    return tidy(_lines(element))


def _lines(element: Any) -> str:
    """An element's text on one line but for a newline at each line break."""
    parts = [_flat(element.text)]
    for child in element:
        if _tag(child) == _BREAK or _tag(child) == "br":
            parts.append("\n")
        elif _tag(child) in _LISTS:  # a nested list's items are items of their own
            pass
        elif _tag(child) in _SPACED:
            parts.append(f" {_lines(child)} ")
        elif _tag(child) not in _SKIPPED:
            parts.append(_lines(child))
        parts.append(_flat(child.tail))
    return "".join(parts)


def _flat(text: str | None) -> str:
    """Text from a page's source, whose line ends are spaces."""
    return (text or "").replace("\r", " ").replace("\n", " ")


def _is_bold_line(element: Any) -> bool:
    """Whether a paragraph is all bold: its one child is bold and holds all its text."""
    return _tag(element) == "p" and len(element) == 1 and not tidy(element.text) \
        and not tidy(element[0].tail) and _is_bold(element[0]) \
        and _text(element[0]) == _text(element)


def _is_bold_heading(element: Any) -> bool:
    """Whether a paragraph is a subheading set as bold text: all bold, a few words that
    do not end as a sentence does."""
    text = _text(element)
    return _is_bold_line(element) and 0 < len(text.split()) <= _BOLD_HEADING_WORDS \
        and not text.endswith(_SENTENCE_ENDS)


def _is_bold(element: Any) -> bool:
    return _tag(element) in _BOLD or (_tag(element) == "hi" and element.get("rend") == "#b")


def _is_link(element: Any) -> bool:
    """Whether a paragraph is a short link with at most a short label beside it."""
    links = [tidy(_lines(link)) for link in element.iter(*_LINKS)]
    linked = sum(map(len, links))
    return linked > 0 and len(_text(element)) - linked <= _LINK_LABEL and \
        len(" ".join(links).split()) <= _LINK_WORDS


def _plain_structure(tree: Any) -> None:
    """Page structure that misleads trafilatura, made plain before it reads the page.

    - A table used as the page's layout grid becomes divisions, so that the main text
      is found in its cell rather than the whole grid kept as one data table.
    - A short paragraph or table around a picture is the picture's caption, and is
      dropped, unless the captions tell the story (a photo essay); a drop cap is
      joined to its word; empty icons and anchors in headings are dropped.
    - A form and the short box around it (a newsletter sign-up), contact cards and
      footnote marks are dropped.
    - trafilatura takes the first <article> as the article; when that is a teaser or a
      live blog's first entry, it falls back to the page's loose paragraphs, teasers in
      and headings out. So when some <article> has an <h1>, the others (teasers,
      entries) become sections; when none has, entries side by side (several under one
      parent: a live blog's updates) do, and the page's main column is the article.
      Several articles with an <h1> each (a page that appends the next story) are left
      alone.
    """
    for moment in list(tree.iter("time")):
        parent = moment.getparent()
        # A date in a sentence, with text after it or at its parent's start, is its
        # words (trafilatura drops <time>); a date set apart stays a date.
        if parent is not None and (tidy(moment.tail) or tidy(parent.text)):
            moment.drop_tag()
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        for part in list(heading.iterdescendants()):
            # An empty icon or anchor in a heading makes trafilatura drop the heading.
            if isinstance(part.tag, str) and not len(part) and not tidy(part.text):
                part.drop_tree()
    for table in list(tree.iter("table")):
        if next(table.iter("img", "picture"), None) is not None and \
                _words_in(table) <= _CAPTION_WORDS:
            table.drop_tree()  # a picture with its caption, set as a table
    for table in reversed(list(tree.iter("table"))):
        cells = [cell for cell in table.iter(*_CELLS) if _owner(cell) is table]
        if any(next(cell.iter("h1", "h2", "h3"), None) is not None
               or sum(1 for _ in cell.iter("p")) >= _LAYOUT_PARAGRAPHS for cell in cells):
            for part in [part for part in table.iter(*_TABLE_PARTS)
                         if part is table or _owner(part) is table]:
                part.tag = "div"
    _captions_as_text(tree)
    for paragraph in list(tree.iter("p")):
        if next(paragraph.iter("img", "picture"), None) is not None and \
                _words_in(paragraph) <= _CAPTION_WORDS:
            paragraph.drop_tree()
        else:
            _join_drop_cap(paragraph)
    for form in list(tree.iter("form")):
        if _is_sign_up(form):
            _box_around(form).drop_tree()
    for element in list(tree.iter()):
        if _is_contact_card(element) or _is_note_mark(element):
            element.drop_tree()
    articles = list(tree.iter("article"))
    headed = [article for article in articles if next(article.iter("h1"), None) is not None]
    if headed:
        entries = [article for article in articles if article not in headed]
    else:
        parents = [article.getparent() for article in articles]
        entries = [article for article, parent in zip(articles, parents, strict=True)
                   if parents.count(parent) > 1]
    for entry in entries:
        entry.tag = "section"
    if headed:  # the others are teasers, not the article's entries
        return
    if len(entries) < 2:
        # Entries marked by their class alone: the body trafilatura would choose and
        # its siblings of that tag and class, each under a subheading, none an <h1>.
        body = _chosen_body(tree)
        parent = body.getparent() if body is not None else None
        if parent is not None and body.get("class"):
            entries = [sibling for sibling in parent if sibling.tag == body.tag
                       and sibling.get("class") == body.get("class")
                       and next(sibling.iter("h2", "h3", "h4"), None) is not None]
            if any(next(entry.iter("h1"), None) is not None for entry in entries):
                entries = []
    if len(entries) > 1:
        _entries_in_body(tree, entries)


def _chosen_body(tree: Any) -> Any:
    """The element trafilatura will take for the article's body, if any (None, and the
    page read as trafilatura reads it, if its internals ever move)."""
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:
        return None
    for expression in BODY_XPATH:
        found = next((element for element in expression(tree) if element is not None), None)
        if found is not None:
            return found
    return None


def _entries_in_body(tree: Any, entries: list[Any]) -> None:
    """Make the body trafilatura will choose hold every entry of a live blog.

    trafilatura takes the first element whose class or id names an article's body
    ("entry", "post", "entry-content"); an entry, or a part of one, so named would be
    the whole article, and the other entries read only as loose paragraphs, their
    headings lost. Such names inside the entries are dropped; then, if no body is
    chosen, or one that leaves out an entry where an entry was chosen before, the
    column that holds them all (and the <h1>) is marked as the article's body. A body
    named beside entries that were never chosen stays: they are teasers.
    """
    inside = {element for entry in entries for element in entry.iter()}
    renamed = False
    while (body := _chosen_body(tree)) is not None and body in inside:
        if not any(body.attrib.pop(name, None) for name in ("class", "id", "itemprop", "role")) \
                and body.tag not in ("article", "main"):
            break  # chosen for what it is, not for its name
        if body.tag in ("article", "main"):
            body.tag = "section"
        renamed = True
    if body is not None and (not renamed or all(body in entry.iterancestors()
                                                for entry in entries)):
        return  # a body that holds the entries, or one beside them (they are teasers)
    column = entries[0].getparent()
    heading = next(tree.iter("h1"), None)
    while column is not None and not all(column in entry.iterancestors()
                                         for entry in entries[1:]):
        column = column.getparent()
    if heading is not None:
        while column is not None and column not in heading.iterancestors():
            column = column.getparent()
    if column is None:
        return
    if _tag(column) in ("body", "html"):
        wrapper = column.makeelement("div", {})
        wrapper.text, column.text = column.text, None
        for child in list(column):
            wrapper.append(child)
        column.append(wrapper)
        column = wrapper
    column.tag = "div"
    column.set("itemprop", "articleBody")


def _captions_as_text(tree: Any) -> None:
    """A photo essay tells its story in its pictures' captions: when they hold more
    words than the paragraphs outside pictures, each caption's text (its longest part,
    not a counter or a credit beside it) becomes a paragraph where its picture was."""
    captions = [caption for caption in tree.iter("figcaption")
                if next(caption.iterancestors("figure"), None) is not None]
    told = sum(_words_in(paragraph) for paragraph in tree.iter("p")
               if next(paragraph.iterancestors("figure"), None) is None)
    if not captions or sum(map(_words_in, captions)) <= told:
        return
    for caption in captions:
        parts = [part for part in caption if isinstance(part.tag, str)] or [caption]
        paragraph = caption.makeelement("p", {})
        paragraph.text = tidy(max(parts, key=_words_in).text_content())
        figure = next(caption.iterancestors("figure"))
        paragraph.tail = figure.tail
        figure.getparent().replace(figure, paragraph)


def _words_in(element: Any) -> int:
    return len(element.text_content().split())


def _join_drop_cap(paragraph: Any) -> None:
    """A drop cap, the first letter set apart (and often hidden from screen readers,
    which trafilatura drops): "<span>T</span>he first time" is "The first time"."""
    if len(paragraph) and not tidy(paragraph.text) and _tag(paragraph[0]) in _DROP_CAPS:
        letter, rest = paragraph[0].text_content().strip(), paragraph[0].tail or ""
        if len(letter) == 1 and letter.isalpha() and rest[:1].isalpha():
            paragraph[0].drop_tree()
            paragraph.text = letter + rest


def _is_sign_up(form: Any) -> bool:
    """A short form with a field to fill in; not a form around the whole page (as
    ASP.NET pages have, with hidden fields only)."""
    fields = [field for field in form.iter("input", "textarea")
              if (field.get("type") or "").lower() != "hidden"]
    return bool(fields) and _words_in(form) <= _FORM_BOX_WORDS


def _box_around(form: Any) -> Any:
    """A form's box: its largest container with no more than a sign-up box's text
    ("Get the weekly newsletter. Email: [ ] Sign up. By signing up you agree...")."""
    box = form
    for parent in form.iterancestors():
        if _tag(parent) in ("body", "html", "main", "article") or \
                _words_in(parent) > _FORM_BOX_WORDS:
            break
        box = parent
    return box


def _is_contact_card(element: Any) -> bool:
    """Contact details (a press office's "Media enquiries"): an address or a vCard that
    holds a postal address or a telephone number; not a byline marked up as a vCard
    ("by <span class='author vcard'>Jane Doe</span>")."""
    if _tag(element) != "address" and not _CONTACT_CARDS & set(_classes(element)):
        return False
    return any(_CONTACT_DETAILS & set(_classes(part)) or
               (part.get("href") or "").startswith("tel:") for part in element.iter())


def _classes(element: Any) -> list[str]:
    return (element.get("class") or "").split() if isinstance(element.tag, str) else []


def _is_note_mark(element: Any) -> bool:
    """A footnote's mark in the text: a superscript number that links within the page."""
    if _tag(element) != "sup":
        return False
    link = next(element.iter("a"), None)
    return link is not None and (link.get("href") or "").startswith("#") and \
        bool(_NOTE_MARK.fullmatch(tidy(element.text_content())))


def _owner(element: Any) -> Any:
    """The table an element of a table belongs to (the nearest)."""
    return next(element.iterancestors("table"), None)


def _title(found: str | None, page_title: str, site: str | None) -> str | None:
    """trafilatura's title without the site's name; when it took the site's name for the
    title (the part of a "Site - Headline" <title> before the dash), the page's title
    without the site's name."""
    if found and site and tidy(found).casefold() == tidy(site).casefold():
        found = page_title
    return _without_site(found, site)


def _shown_headline(title: str | None, page_title: str, shown: list[str]) -> str | None:
    """The part of a title made of parts ("Site :: Headline", "Headline | Section |
    Site"), or else of the page's <title>, that is ``shown`` on its own (a heading or
    a line of the article's text, or an <h1> of the page) and longer in words than
    every other part (a site's or section's name is shorter): the longest so shown,
    the first of equals. Otherwise the title as it is."""
    shown = [tidy(text).casefold() for text in shown]
    if not title or tidy(title).casefold() in shown:
        return title
    for whole in (title, page_title):
        parts = re.split(_SEPARATOR, whole)
        if len(parts) > _MOST_PARTS:
            continue  # a run of keywords, not a headline and a site's name
        separators = re.findall(_SEPARATOR, whole)
        spans = [(start, end) for start in range(len(parts))
                 for end in range(start + 1, len(parts) + 1)]
        found = {part for start, end in spans
                 if len((part := _joined(parts, separators, start, end)).split()) > max(
                     (len(other.split()) for other in parts[:start] + parts[end:]), default=0)}
        places = {part: shown.index(part.casefold()) for part in found
                  if part.casefold() in shown}
        if places:
            return min(places, key=lambda part: (-len(part.split()), places[part]))
    return title


def _joined(parts: list[str], separators: list[str], start: int, end: int) -> str:
    text = parts[start]
    for place in range(start + 1, end):
        text += separators[place - 1] + parts[place]
    return tidy(text)


def _without_site(title: str | None, site: str | None) -> str | None:
    """A title without the site's name that some pages add before or after it in
    every title, og:title included ("Headline | Site", "Site - Headline")."""
    if not title or not site:
        return title
    name = re.escape(tidy(site))
    for form in (rf"(?P<title>.+?){_SEPARATOR}{name}", rf"{name}{_SEPARATOR}(?P<title>.+)"):
        match = re.fullmatch(form, tidy(title), re.IGNORECASE)
        if match:
            return match["title"]
    return title


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


def _author(value: str | None, page: Any) -> str | None:
    """The authors' names. trafilatura separates names with ';', and a byline's commas
    too, so a job title after a name comes as one more part or glued to the name ("Jane
    Doe Transport correspondent; NBN North"): the names end at the first job title."""
    names: list[str] = []
    for part in (part.strip() for part in (value or "").split(";")):
        if _ROLE.search(part):
            names.extend(name for name in [_name_before(part, page)] if name)
            break
        if part:
            names.append(part)
    return ", ".join(names) or None


def _name_before(byline: str, page: Any) -> str | None:
    """The name a job title is glued to, where the page has an element whose own text
    is that name."""
    for element in page.iter():
        name = tidy(element.text)
        if " " in name and byline.startswith(name + " ") and \
                _ROLE.search(byline[len(name):]):
            return name
    return None
