"""What each reading command shows, as a list of blocks that rendering turns
into plain text or rich output. Pure: no I/O, no rich."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from ..model import Article, Section
from ..qa.results import Answer, Result
from ..safetext import clean_line

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
    ROW = "row"  # one line of a listing, cut short with an ellipsis rather than wrapped


# A block of these kinds joins the one before it without a blank line.
_CONTINUES = {(Kind.ITEM, Kind.ITEM), (Kind.QUESTION, Kind.ANSWER), (Kind.HEADING, Kind.ITEM),
              (Kind.HEADING, Kind.MATCH), (Kind.ROW, Kind.ROW), (Kind.HEADING, Kind.QUESTION)}


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
    return [Block(Kind.HEADING, section.heading, f"{number}."),
            *(Block(Kind.PARAGRAPH, paragraph) for paragraph in section.paragraphs)]


def numbered(texts: list[str]) -> list[Block]:
    """Items numbered from 1, the numbers right-aligned so the texts line up."""
    digits = len(str(len(texts)))
    return [Block(Kind.ITEM, text, f"{number}.".rjust(digits + 1))
            for number, text in enumerate(texts, start=1)]


def takeaway_blocks(article: Article, *, bullet: bool = False) -> list[Block]:
    if bullet:
        return [Block(Kind.ITEM, text, "-") for text in article.key_takeaways]
    return numbered(list(article.key_takeaways))


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
            *numbered([section.heading for section in article.sections])]


def catalogue_blocks(entries: list[dict[str, str | None]]) -> list[Block]:
    """``list``: one line per article, its id first, padded so the titles line up."""
    ids = [clean_line(entry["id"] or "") for entry in entries]  # as shown, for the padding
    width = max(map(len, ids), default=0)
    blocks = []
    for entry, shown in zip(entries, ids, strict=True):
        published = (entry["published"] or "").replace("T", " ")
        category = f" [{entry['category']}]" if entry["category"] else ""
        blocks.append(Block(Kind.ROW, f"{published}  {entry['title']}{category}",
                            shown.ljust(width)))
    return blocks


def hit_blocks(hits: list[Hit]) -> list[Block]:
    """``search``: the hits grouped under their article and place (a section's hits
    under its heading, which is marked when it is a hit itself), an FAQ hit as its
    Q and A, then how many hits in how many articles."""
    blocks: list[Block] = []
    group: tuple[str, str, str | None] | None = None
    for hit in hits:
        if (hit.article, hit.where, hit.section) != group:
            group = (hit.article, hit.where, hit.section)
            prefix = f"{hit.article}: {hit.where}"
            if hit.section is None:
                blocks.append(Block(Kind.HEADING, prefix))
            else:
                shift = len(prefix) + 2
                marks = tuple((start + shift, end + shift) for start, end in hit.marks
                              ) if hit.heading else ()
                blocks.append(Block(Kind.HEADING, f'{prefix} "{hit.section}"', marks=marks))
        if hit.heading:
            continue  # the heading above is the hit, marked
        if hit.faq is not None:
            (question, question_marks), (answer, answer_marks) = hit.faq
            blocks += [Block(Kind.QUESTION, question, "Q:", question_marks),
                       Block(Kind.ANSWER, answer, "A:", answer_marks)]
        else:
            blocks.append(Block(Kind.MATCH, hit.snippet, marks=hit.marks))
    articles = len({hit.article for hit in hits})
    blocks.append(Block(Kind.NOTE, f"{_count(len(hits), 'match', 'matches')} in "
                                   f"{_count(articles, 'article', 'articles')}"))
    return blocks


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def answer_blocks(result: Result, *, articles: int = 1, explain: bool = False) -> list[Block]:
    """``ask``: the answer, or a plain "no answer" with the closest FAQ questions;
    then, for ``--top``, the other candidates. ``articles``: how many were asked."""
    blocks = explanation_blocks(result) if explain else []
    if result.answer is None:
        where = "the article" if articles == 1 else f"the {articles} articles"
        blocks.append(Block(Kind.NOTE, f'No answer to "{result.query}" in {where}.'))
        if result.suggestions:
            blocks.append(Block(Kind.HEADING, "Closest FAQ questions:"))
            blocks += [Block(Kind.ITEM, item.question or "" if articles == 1
                             else f"{item.question} (article '{item.article}')", "-")
                       for item in result.suggestions]
        return blocks
    blocks += candidate_blocks(result.answer)
    if result.suggestions:
        blocks.append(Block(Kind.HEADING, "Other candidates:"))
        for item in result.suggestions:
            blocks += candidate_blocks(item)
    return blocks


def candidate_blocks(item: Answer) -> list[Block]:
    """One FAQ entry (question and answer) or one passage under its section heading,
    its answering sentences marked, with where it comes from and the confidence."""
    if item.source == "faq":
        shown = [Block(Kind.QUESTION, item.question or "", "Q:"),
                 Block(Kind.ANSWER, item.text, "A:")]
    else:
        shown = [Block(Kind.HEADING, item.section or ""),
                 Block(Kind.PARAGRAPH, item.text, marks=sentence_spans(item.text, item.sentences))]
    origin = "FAQ" if item.source == "faq" else "Passage"
    return [*shown, Block(Kind.META, f"{origin} from article '{item.article}', "
                                     f"confidence {item.score:.0%}")]


def sentence_spans(text: str, sentences: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    spans = []
    for sentence in sentences:
        start = text.find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence)))
    return tuple(spans)


def explanation_blocks(result: Result) -> list[Block]:
    """``ask --explain``: how each question word was found, and the candidates' scores."""
    lines = [Block(Kind.HEADING, "How the question was matched:")]
    lines += [Block(Kind.ITEM, f"{match.word} -> {match.found} ({match.route}, "
                               f"{match.quality:.2f})", "-") for match in result.matches]
    lines += [Block(Kind.ITEM, f"{word} -> not in the articles", "-") for word in result.unmatched]
    found = [item for item in (result.answer, *result.suggestions) if item is not None]
    if found:
        lines.append(Block(Kind.HEADING, "Candidates:"))
        lines += [Block(Kind.ITEM, f"{item.score:.2f} "
                                   + (f"FAQ: {item.question}" if item.source == "faq"
                                      else f"passage in {item.section}"), "-") for item in found]
    return lines
