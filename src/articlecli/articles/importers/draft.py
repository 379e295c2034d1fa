"""What the HTML, Markdown and feed importers share: the text a source holds, as a
``Draft`` of headings, paragraphs and lists, and the one way a draft becomes an
Article.

The choices, documented in the README's format section:
- Paragraphs before the first heading (all of them, on a page without headings)
  form the first section, headed by the article's title.
- A list is one paragraph with an item per line, ``- item`` or ``1. item``.
- A section headed "FAQ", "FAQs" or "Frequently asked questions" becomes the
  article's FAQs when its lines pair up as questions and answers.
- The summary is the page's description when it has one, else its first paragraph.
  A heading that repeats the title or the description (a standfirst set as a heading)
  is dropped.
- A paragraph that repeats sentences of another (a pull quote) is dropped, and so
  are an advertisement's label ("Advertisement"), a picture's credit ("Photo:
  Sam Lee"), a copyright notice, and credit lines and notes at the end
  ("Reporting by ...; Editing by ...", "This article appears in print...",
  "Originally published on ...", "Source: ...", "Contributing: ...", a short
  line with an e-mail address), a date alone, a label ("CLASSIFIEDS", "###"), a
  paragraph that repeats the headline, and a shop's note that it earns a
  commission on what readers buy through its links.
- Without a publication date the article gets today's, and a warning says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from itertools import takewhile

from ...errors import AmbiguousDate, ArticleError, DataError, NoArticleText
from ...model import Article, Faq, Section, list_items
from ...safetext import remove_unsafe
from .text import FAQ_HEADING, other_reading, parse_faqs

# Less article text than this (in characters, headings aside) is not an article:
# error pages, log-in walls and index pages are shorter. trafilatura's own
# threshold for a usable extraction is 250.
MIN_TEXT = 250
# A paragraph of at least ECHO_WORDS words in at most PULL_QUOTE_SENTENCES sentences
# of at least ECHO_OPENING words each, all found again inside one longer paragraph,
# repeats it (a pull quote).
ECHO_WORDS = 5
ECHO_OPENING = 3
PULL_QUOTE_SENTENCES = 2
_SENTENCE_SPLIT = re.compile("(?<=[.!?])[\"'\u201d\u2019]?\\s+(?=\\S)")
_PUNCTUATION = re.compile(r"[^\w]+")
# A copyright notice left in the text ("Copyright 2026 KVRM. All rights reserved.", or
# Korean papers' "<저작권자(c) ...>").
_COPYRIGHT = re.compile(r"\W*(?:\u00a9|\(c\)|copyright\b|\uc800\uc791\uad8c)[^.!?]{0,100}?"
                        r"(?:\W+all rights reserved)?\W*", re.IGNORECASE)
# A shop's note that it is paid for what readers buy through its links.
_AFFILIATE_NOTE = re.compile(r"[^!?]{0,120}\b(?:(?:receive|earn|get)s? (?:a (?:small )?)?"
                             r"(?:commission|compensation|share of (?:the )?sales)\b[^.!?]{0,80}"
                             r"\b(?:links?|buy|purchase|shop)\w*|earns? from qualifying "
                             r"purchases)\b[^!?]{0,80}", re.IGNORECASE)
_AFFILIATE_WORDS = 30
# A date alone ("Mar 23, 2026", "Monday 23 March 2026, 09:40"): a page's furniture.
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_DATE_ALONE = re.compile(
    r"\W*(?:(?:posted|published|updated|post date|date)(?: on)?\s*:?\s*)?"
    r"(?:[a-z]+day,?\s+)?(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+\d{4}|\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}"
    r"[./]\d{2,4})(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\W*",
    re.IGNORECASE)
# A paragraph of at most this many words, all in capitals, is a label ("CLASSIFIEDS").
LABEL_WORDS = 3
# The labels an advertisement leaves in the text when its frame is dropped.
_AD_LABEL = re.compile(r"\W*(?:advertisement|advert|ad|sponsored(?: content)?|"
                       r"(?:story|article) continues below(?: advertisement)?|"
                       r"scroll to continue(?: with content)?)\W*", re.IGNORECASE)
# A picture's credit left as a paragraph of its own ("Photo: Sam Lee/Bay Courier").
_PICTURE_CREDIT = re.compile(r"\W*(?:photo(?:graph)?|picture|image|illustration|graphic|credit)s?"
                             r"(?: credit)?\s*:\s*[^.!?]{1,80}", re.IGNORECASE)
# The credit lines a wire story ends with.
_CREDITS = re.compile(r"\(?(?:(?i:(?:additional )?(?:reporting|writing|editing)(?: and \w+)? "
                      r"by) [A-Z][^!?]{0,300}|[^.!?]*\b(?i:contributed (?:reporting )?to this "
                      r"(?:report|story))\W*)\)?")
# The notes after a story: where it appeared in print or first, its sources and
# contributors, and how to reach the newsroom (a short line with an e-mail address:
# "Have a news tip? Email news@example.com").
_CLOSING_NOTE = re.compile(
    r"\W*(?:a version of )?this (?:article|story|piece) (?:also )?appear(?:s|ed) in "
    r"(?:print|the [^.!?]{0,60}?print edition)\b.{0,200}"
    r"|\W*(?:this (?:article|story) was )?originally (?:published|appeared) (?:on|in|at|by)\b"
    r".{0,200}"
    r"|\W*(?:sources?|contributing|with (?:reporting|files) from)\s*:\s*[^!?]{1,200}",
    re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_CONTACT_LINE_WORDS = 30


_FURNITURE = (_AD_LABEL, _PICTURE_CREDIT, _COPYRIGHT, _DATE_ALONE)


class Kind(Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"  # text: a list paragraph, one "- item" per line (model.list_paragraph)
    CODE = "code"  # preformatted: its lines are kept


@dataclass(frozen=True)
class Block:
    """One block of text an importer found, of one kind, in reading order."""

    kind: Kind
    text: str


@dataclass
class Draft:
    """An article as an importer found it: any field may be missing."""

    name: str  # the source as messages name it: a file, "<stdin>", a URL
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    published: datetime | None = None
    published_as: str | None = None  # the text it was read from, when the source wrote it
    updated: date | None = None
    updated_zone: str | None = None
    summary: str | None = None
    author: str | None = None
    site: str | None = None
    source: str | None = None
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    takeaways: list[str] = field(default_factory=list)
    faqs: list[Faq] = field(default_factory=list)  # when the source marks them itself
    # Less text than this is no article (README); an export's meta line vouches for less.
    min_text: int = MIN_TEXT


# A warning: its text, or a condition (an ArticleError) the command line words.
Note = str | ArticleError


@dataclass(frozen=True)
class Imported:
    """An imported article, and what the user should know about it (warnings)."""

    article: Article
    notes: tuple[Note, ...] = ()


def tidy(text: str | None) -> str:
    """One line of text as an article holds it: control characters removed, runs of
    whitespace (non-breaking spaces too) made one space."""
    return " ".join(remove_unsafe(text or "").split())


def tidy_lines(text: str) -> str:
    """Text whose lines matter (a list, FAQ lines): each line tidied, blank ones dropped."""
    return "\n".join(line for line in map(tidy, text.split("\n")) if line)


def finish(draft: Draft, *, today: date | None = None) -> Imported:
    """The article the draft describes; NoArticleText if it holds too little text."""
    notes: list[Note] = []
    title = tidy(draft.title)
    description = tidy(draft.summary)
    blocks = _without_credits(_without_echoes([
        block for block in _tidied(draft.blocks) if not _furniture(block, title, description)]))
    text = [block.text for block in blocks if block.kind is not Kind.HEADING]
    length = sum(map(len, text))
    if length < max(draft.min_text, 1):
        raise NoArticleText(draft.name, length=length, needed=draft.min_text)
    if not title:
        title = next((block.text for block in blocks if block.kind is Kind.HEADING), draft.name)
        notes.append(f"{draft.name}: no title found; using '{title}'")
    published = draft.published
    if published is not None and draft.published_as and \
            (other := other_reading(draft.published_as, published)) is not None:
        notes.append(AmbiguousDate(draft.name, None, "published",
                                   " ".join(draft.published_as.split()), published, other))
    if published is None:
        day = today or date.today()
        published = datetime(day.year, day.month, day.day)
        notes.append(f"{draft.name}: no publication date found; using today's, "
                     f"{day.isoformat()} (edit 'published' to correct it)")
    sections, faqs = _sections(blocks, title, draft.name)
    if draft.faqs:
        faqs = [Faq(tidy(faq.question), tidy(faq.answer)) for faq in draft.faqs]
    summary = tidy(draft.summary) or next(
        (paragraph for section in sections for paragraph in section.paragraphs
         if list_items(paragraph) is None), sections[0].paragraphs[0])
    article = Article(
        title=title, published=published, summary=summary, sections=tuple(sections),
        updated=draft.updated, updated_zone=tidy(draft.updated_zone) or None,
        category=tidy(draft.category) or None,
        key_takeaways=tuple(filter(None, map(tidy, draft.takeaways))),
        author=tidy(draft.author) or None, site=tidy(draft.site) or None,
        source=tidy(draft.source) or None, faqs=tuple(faqs), tags=_tags(draft.tags),
    )
    return Imported(article, tuple(notes))


def _tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as the format holds them: one line each, without a "#", each once."""
    return tuple(dict.fromkeys(tag for tag in (tidy(tag).lstrip("#") for tag in tags) if tag))


def _tidied(blocks: Iterable[Block]) -> Iterator[Block]:
    for block in blocks:
        text = tidy(block.text) if block.kind is Kind.HEADING else tidy_lines(block.text)
        if text:
            yield Block(block.kind, text)


def _furniture(block: Block, title: str, description: str) -> bool:
    """Whether a block is the page's furniture: a heading that repeats the title or
    the description, a paragraph that repeats the title (the headline again), a label
    (a few words in capitals, or no word at all: "CLASSIFIEDS", "###"), an
    advertisement's label, a picture's credit, a copyright notice, a date alone, a
    shop's note that it earns a commission."""
    text = block.text
    if block.kind is Kind.HEADING:
        return text.casefold() in (title.casefold(), description.casefold())
    return text.casefold() == title.casefold() or _is_label(text) or \
        any(pattern.fullmatch(text) for pattern in _FURNITURE) or \
        (len(text.split()) <= _AFFILIATE_WORDS and _AFFILIATE_NOTE.fullmatch(text) is not None)


def _is_label(text: str) -> bool:
    """No letter or digit at all, or at most LABEL_WORDS words all in capitals."""
    if not any(char.isalnum() for char in text):
        return True
    return len(text.split()) <= LABEL_WORDS and any(char.isupper() for char in text) and \
        not any(char.islower() for char in text) and not text.rstrip().endswith((".", "!", "?"))


def _without_echoes(blocks: list[Block]) -> list[Block]:
    """The blocks but pull quotes: a paragraph of at most PULL_QUOTE_SENTENCES
    sentences, each found again word for word (case and punctuation aside) in one
    longer paragraph ("You get the story with the fish. On a clock you get a number."
    from '"You get the story with the fish," she said. "On a clock you get a number."').
    Only paragraphs that hold a sentence's first words are searched (linear time)."""
    words = {index: _plain_words(block.text) for index, block in enumerate(blocks)
             if block.kind is Kind.PARAGRAPH}
    candidates: dict[int, list[tuple[str, ...]]] = {}
    for index, block in enumerate(blocks):
        if index in words and len(words[index]) >= ECHO_WORDS:
            sentences = [_plain_words(sentence) for sentence in _SENTENCE_SPLIT.split(block.text)]
            if len(sentences) <= PULL_QUOTE_SENTENCES and \
                    all(len(sentence) >= ECHO_OPENING for sentence in sentences):
                candidates[index] = sentences
    openings = {sentence[:ECHO_OPENING] for sentences in candidates.values()
                for sentence in sentences}
    holders: dict[tuple[str, ...], set[int]] = {}
    for index, held in words.items() if openings else ():
        for start in range(len(held) - ECHO_OPENING + 1):
            if (opening := held[start:start + ECHO_OPENING]) in openings:
                holders.setdefault(opening, set()).add(index)
    spelled = {index: f" {' '.join(held)} " for index, held in words.items()}

    def repeated(index: int, sentences: list[tuple[str, ...]]) -> bool:
        return any(other != index and len(words[other]) > len(words[index])
                   and all(f" {' '.join(sentence)} " in spelled[other] for sentence in sentences)
                   for other in holders.get(sentences[0][:ECHO_OPENING], ()))

    echoes = {index for index, sentences in candidates.items() if repeated(index, sentences)}
    return [block for index, block in enumerate(blocks) if index not in echoes]


def _plain_words(text: str) -> tuple[str, ...]:
    """A text's words, lowercased, without the punctuation around and inside them."""
    return tuple(word for word in (_PUNCTUATION.sub("", word) for word in text.casefold().split())
                 if word)


def _without_credits(blocks: list[Block]) -> list[Block]:
    """The blocks but the credit lines and notes that end them."""
    while blocks and blocks[-1].kind is Kind.PARAGRAPH and _is_closing_note(blocks[-1].text):
        blocks = blocks[:-1]
    return blocks


def _is_closing_note(text: str) -> bool:
    return bool(_CREDITS.fullmatch(text) or _CLOSING_NOTE.fullmatch(text)) or (
        len(text.split()) <= _CONTACT_LINE_WORDS and _EMAIL.search(text) is not None)


def _sections(blocks: list[Block], title: str, name: str) -> tuple[list[Section], list[Faq]]:
    """Sections from headings and what follows each (a heading with nothing under it
    is dropped); the first FAQ section's lines become the FAQs, or else the questions
    set as headings after it, each with what follows it as its answer."""
    grouped: list[tuple[str, list[Block]]] = [(title, [])]
    for block in blocks:
        if block.kind is Kind.HEADING:
            if not grouped[-1][1] and not FAQ_HEADING.match(grouped[-1][0]):
                grouped.pop()
            grouped.append((block.text, []))
        else:
            grouped[-1][1].append(block)
    sections: list[Section] = []
    faqs: list[Faq] = []
    asked: set[int] = set()  # groups that are an FAQ's question and its answer
    for index, (heading, body) in enumerate(grouped):
        if index in asked:
            continue
        found = [] if faqs or not body else _faqs(heading, body, name)
        if not faqs and not body and FAQ_HEADING.match(heading):
            # Questions set as subheadings (<h3>, a bold line) right under the FAQ
            # heading, each over its answer, up to the first heading not a question.
            questions = list(takewhile(lambda group: group[0].endswith("?") and bool(group[1]),
                                       grouped[index + 1:]))
            asked.update(range(index + 1, index + 1 + len(questions)))
            found = [Faq(question, " ".join(" ".join(block.text.split()) for block in answer))
                     for question, answer in questions]
        if found:
            faqs = found
        elif body:
            sections.append(Section(heading, tuple(
                " ".join(block.text.split()) if block.kind is Kind.PARAGRAPH else block.text
                for block in body)))
    if not sections:  # nothing but FAQs: keep them as the text
        return _sections([block for block in blocks if not FAQ_HEADING.match(block.text)],
                         title, name)[0], []
    return sections, faqs


def _faqs(heading: str, body: list[Block], name: str) -> list[Faq]:
    if not FAQ_HEADING.match(heading):
        return []
    lines = [line for block in body for line in block.text.split("\n")]
    try:
        return parse_faqs(list(enumerate(lines, start=1)), name)
    except DataError:
        return []
