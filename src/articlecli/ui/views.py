"""What each reading command shows, as a list of blocks that rendering turns
into plain text or rich output. Pure: no I/O, no rich."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from ..model import Article, Section, list_items

if TYPE_CHECKING:  # search needs the stemmer, which reading commands do not
    from ..articles.search import Hit


class Kind(Enum):
    TITLE = "title"
    META = "meta"
    LEAD = "lead"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"  # one entry of a bulleted or numbered list
    TAGS = "tags"
    QUESTION = "question"
    ANSWER = "answer"
    NOTE = "note"
    MATCH = "match"  # a search hit's snippet, its terms at ``marks``


# A block of these kinds joins the one before it without a blank line.
_CONTINUES = {(Kind.ITEM, Kind.ITEM), (Kind.QUESTION, Kind.ANSWER), (Kind.HEADING, Kind.ITEM),
              (Kind.HEADING, Kind.MATCH)}


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str
    label: str = ""  # "-", "3." or "Q:" before the text
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) spans of text to highlight

    def continues(self, previous: Block | None) -> bool:
        return previous is not None and (previous.kind, self.kind) in _CONTINUES


def meta_line(article: Article) -> str:
    parts = [f"Published: {article.published.isoformat(sep=' ')}"]
    if article.category:
        parts.append(f"Category: {article.category}")
    if article.updated:
        updated = f"Last updated: {article.updated.strftime('%d %B %Y')}"
        parts.append(f"{updated} ({article.updated_zone})" if article.updated_zone else updated)
    if article.author:
        parts.append(f"By: {article.author}")
    if article.site:
        parts.append(f"Site: {article.site}")
    if article.source:
        parts.append(f"Source: {article.source}")
    return " | ".join(parts)


def section_blocks(number: int, section: Section) -> list[Block]:
    blocks = [Block(Kind.HEADING, section.heading, f"{number}.")]
    for paragraph in section.paragraphs:
        items = list_items(paragraph)
        blocks += ([Block(Kind.ITEM, text, marker) for marker, text in items] if items
                   else [Block(Kind.PARAGRAPH, paragraph)])
    return blocks


def takeaway_blocks(article: Article, *, bullet: bool = False) -> list[Block]:
    return [Block(Kind.ITEM, text, "-" if bullet else f"{number}.")
            for number, text in enumerate(article.key_takeaways, start=1)]


def faq_blocks(article: Article) -> list[Block]:
    blocks = []
    for faq in article.faqs:
        blocks += [Block(Kind.QUESTION, faq.question, "Q:"), Block(Kind.ANSWER, faq.answer, "A:")]
    return blocks


def article_blocks(article: Article) -> list[Block]:
    """The whole article, in the order a reader expects it."""
    blocks = [Block(Kind.TITLE, article.title), Block(Kind.META, meta_line(article)),
              Block(Kind.LEAD, article.summary)]
    if article.key_takeaways:
        blocks += [Block(Kind.HEADING, "Key Takeaways"), *takeaway_blocks(article, bullet=True)]
    for number, section in enumerate(article.sections, start=1):
        blocks += section_blocks(number, section)
    if article.tags:
        blocks.append(Block(Kind.TAGS, " ".join(f"#{tag}" for tag in article.tags)))
    if article.faqs:
        blocks += [Block(Kind.HEADING, "FAQs"), *faq_blocks(article)]
    return blocks


def toc_blocks(article: Article) -> list[Block]:
    return [Block(Kind.TITLE, article.title),
            *(Block(Kind.ITEM, section.heading, f"{number}.")
              for number, section in enumerate(article.sections, start=1))]


def catalogue_blocks(entries: list[dict[str, str | None]]) -> list[Block]:
    """``list``: one line per article, its id first, padded so the titles line up."""
    width = max((len(entry["id"] or "") for entry in entries), default=0)
    blocks = []
    for entry in entries:
        published = (entry["published"] or "").replace("T", " ")
        category = f" [{entry['category']}]" if entry["category"] else ""
        blocks.append(Block(Kind.ITEM, f"{published}  {entry['title']}{category}",
                            (entry["id"] or "").ljust(width)))
    return blocks


def hit_blocks(hits: list[Hit]) -> list[Block]:
    """``search``: where each hit is (its article first), then its snippet."""
    blocks = []
    for hit in hits:
        place = f"{hit.where} \"{hit.section}\"" if hit.section else hit.where
        blocks += [Block(Kind.HEADING, f"{hit.article}: {place}"),
                   Block(Kind.MATCH, hit.snippet, marks=hit.marks)]
    return blocks
