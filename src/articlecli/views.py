"""What each reading command shows, as a list of blocks that rendering turns
into plain text or rich output. Pure: no I/O, no rich."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Article, Section


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


# A block of these kinds joins the one before it without a blank line.
_CONTINUES = {(Kind.ITEM, Kind.ITEM), (Kind.QUESTION, Kind.ANSWER), (Kind.HEADING, Kind.ITEM)}


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str
    label: str = ""  # "-", "3." or "Q:" before the text

    def continues(self, previous: Block | None) -> bool:
        return previous is not None and (previous.kind, self.kind) in _CONTINUES


def meta_line(article: Article) -> str:
    parts = [f"Published: {article.published.isoformat(sep=' ')}"]
    if article.category:
        parts.append(f"Category: {article.category}")
    if article.updated:
        updated = f"Last updated: {article.updated.strftime('%d %B %Y')}"
        parts.append(f"{updated} ({article.updated_zone})" if article.updated_zone else updated)
    return " | ".join(parts)


def section_blocks(number: int, section: Section) -> list[Block]:
    return [Block(Kind.HEADING, section.heading, f"{number}."),
            *(Block(Kind.PARAGRAPH, paragraph) for paragraph in section.paragraphs)]


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


def section_list(article: Article) -> str:
    """The headings on one line, for error messages."""
    return "; ".join(f"{number}. {section.heading}"
                     for number, section in enumerate(article.sections, start=1))
