"""The parts of an article Markdown marks by shape, as ``export --format markdown``
writes them (and as people write them), read back into their fields:

- the meta line under the title, ``*Published: 2026-03-02 07:15:00 | Category: ...
  | Last updated: 16 March 2026 (GMT) | By: ... | Site: ... | Source: ...*``, and
  the one paragraph after it, before the first heading, as the summary;
- a ``## Key Takeaways`` (or ``Takeaways``) heading over one list: the takeaways;
- a ``## FAQs`` (``FAQ``, ``Frequently asked questions``) heading whose every part
  is a ``###`` question and its answer: the FAQs;
- the tags line the export ends with, ``*Tags: new york, covid-19, U.S.*``: the
  tags, read from the paragraph's Markdown source (a ``\\,`` is a comma inside a
  tag, ``\\*`` and the other escapes the export writes are their characters), and
  only when the shown text says the same (no link, code or emphasis inside);
- without a tags line, a paragraph of hashtags alone, last before the FAQs,
  written as hashtags in its source: the tags (the export escapes a paragraph's
  first ``#``, so a paragraph ``#Ferries #Skerry`` it wrote stays a paragraph).

Anything not in exactly that shape stays text, as before.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...model import MARKDOWN_TAGS, Faq, list_items
from .draft import Block, Draft, Kind
from .text import FAQ_HEADING, parse_date, parse_datetime

_META_LABELS = ("Published", "Category", "Last updated", "By", "Site", "Source")
_META_SPLIT = re.compile(r"(?:^|\s\|\s)(" + "|".join(_META_LABELS) + r"):\s")
_UPDATED = re.compile(r"(?P<when>[^()]+?)\s*(?:\((?P<zone>[^()]+)\))?")
_TAKEAWAYS = re.compile(r"(?:key\s+)?takeaways\s*:?", re.IGNORECASE)
_HASHTAGS = re.compile(r"#\w[\w-]*(?:\s+#\w[\w-]*)*")
_TAGS_LINE = re.compile(r"\*" + MARKDOWN_TAGS + r"(?P<tags>.+)\*", re.DOTALL)
# In a tags line's source: an escaped character (CommonMark escapes ASCII
# punctuation), a comma between tags, or text.
_TAGS_PART = re.compile(r"\\(?P<escaped>[!-/:-@\[-`{-~])|(?P<comma>,)|\\|[^\\,]+")


def take_meta_line(draft: Draft, paragraph: str) -> bool:
    """Set the draft's fields from an export's meta line; False (the draft untouched)
    if ``paragraph`` is not one."""
    parts = _META_SPLIT.split(" ".join(paragraph.split()))
    if len(parts) < 3 or parts[0] or parts[1] != "Published":
        return False
    values = dict(zip(parts[1::2], (value.strip() for value in parts[2::2]), strict=True))
    published = parse_datetime(values["Published"])
    updated = _UPDATED.fullmatch(values.get("Last updated", ""))
    when = parse_date(updated["when"]) if updated else None
    if published is None or len(values) != len(parts) // 2 or \
            ("Last updated" in values and when is None):  # unreadable, or a label twice
        return False
    draft.published, draft.updated = published.replace(tzinfo=None), when
    draft.published_as = values["Published"]
    draft.updated_zone = updated["zone"] if updated else None
    draft.category = values.get("Category") or draft.category
    draft.author = values.get("By") or draft.author
    draft.site = values.get("Site") or draft.site
    draft.source = values.get("Source") or draft.source
    return True


def take_parts(draft: Draft, levels: list[int], sources: list[str], *,
               after_meta: bool) -> None:
    """Move the tags line, the summary (after a meta line), takeaways, FAQs and
    hashtags out of the draft's blocks into their fields; ``levels`` is each block's
    heading level (0 for a block that is no heading), ``sources`` each paragraph's
    Markdown source ("" for other blocks)."""
    blocks = [Part(*part) for part in zip(draft.blocks, levels, sources, strict=True)]
    tags_line = _take_tags_line(draft, blocks)
    if after_meta:
        blocks = _take_summary(draft, blocks)
    blocks = _take_takeaways(draft, blocks)
    blocks = _take_faqs(draft, blocks)
    if not tags_line:
        blocks = _take_hashtags(draft, blocks)
    draft.blocks = [part.block for part in blocks]


class Part(NamedTuple):
    block: Block
    level: int  # a heading's level, 0 for other blocks
    source: str  # a paragraph's Markdown source, "" for other blocks


Leveled = list[Part]


def _take_tags_line(draft: Draft, blocks: Leveled) -> bool:
    """Take the export's last paragraph, ``*Tags: a, b\\, c*``; whether it was one."""
    if not blocks or blocks[-1].block.kind is not Kind.PARAGRAPH:
        return False
    tags = read_tags_line(blocks[-1].source, blocks[-1].block.text)
    if tags:
        draft.tags = tags
        del blocks[-1]
    return bool(tags)


def read_tags_line(source: str, shown: str) -> list[str]:
    """The tags in a tags line's Markdown ``source`` ([] if it is none), when its
    ``shown`` text (the source rendered) says the same."""
    line = _TAGS_LINE.fullmatch(source.strip())
    if line is None:
        return []
    tags: list[str] = []
    current: list[str] = []
    for part in _TAGS_PART.finditer(line["tags"]):
        if part["comma"]:
            tags.append("".join(current))
            current = []
        else:
            current.append(part["escaped"] or part[0])
    tags.append("".join(current))
    as_shown = " ".join(shown.split()) == " ".join((MARKDOWN_TAGS + ",".join(tags)).split())
    tags = [" ".join(tag.split()) for tag in tags]
    return tags if as_shown and all(tags) else []


def _take_summary(draft: Draft, blocks: Leveled) -> Leveled:
    """The one paragraph between the meta line and the first heading."""
    first_heading = next((index for index, part in enumerate(blocks) if part.level), None)
    if first_heading == 1 and blocks[0][0].kind is Kind.PARAGRAPH and not draft.summary:
        draft.summary = blocks[0][0].text
        return blocks[1:]
    return blocks


def _take_takeaways(draft: Draft, blocks: Leveled) -> Leveled:
    for index, (block, level, _) in enumerate(blocks):
        if level == 2 and _TAKEAWAYS.fullmatch(block.text) and index + 1 < len(blocks):
            listed, after = blocks[index + 1], blocks[index + 2:index + 3]
            items = list_items(listed[0].text) if listed[0].kind is Kind.LIST else None
            if items and (not after or after[0][1]):  # the list alone, then a heading
                draft.takeaways = [text for _, text in items]
                return blocks[:index] + blocks[index + 2:]
    return blocks


def _take_faqs(draft: Draft, blocks: Leveled) -> Leveled:
    for index, (block, level, _) in enumerate(blocks):
        if level == 2 and FAQ_HEADING.match(block.text):
            end = next((later for later in range(index + 1, len(blocks))
                        if 0 < blocks[later][1] <= 2), len(blocks))
            faqs = _questions(blocks[index + 1:end])
            if faqs:
                draft.faqs = faqs
                return blocks[:index] + blocks[end:]
            return blocks
    return blocks


def _questions(part: Leveled) -> list[Faq]:
    """``###`` questions, each with its answer's paragraphs; [] if the part has
    anything else (a paragraph before the first question, a question with no answer)."""
    faqs: list[Faq] = []
    answer: list[str] = []
    for block, level, _ in [*part, Part(Block(Kind.HEADING, ""), 3, "")]:
        if level == 3:
            if faqs and not answer:
                return []
            if faqs:
                faqs[-1] = Faq(faqs[-1].question, " ".join(answer))
            faqs.append(Faq(block.text, ""))
            answer = []
        elif level or not faqs:
            return []
        else:
            answer.append(" ".join(block.text.split()))
    return faqs[:-1]


def _take_hashtags(draft: Draft, blocks: Leveled) -> Leveled:
    """A last paragraph of hashtags alone (``#Ferries #Skerry``), after some text, as
    written in its source (not ``\\#Ferries``, which the export writes for a
    paragraph)."""
    if draft.tags or len(blocks) < 2:
        return blocks
    last, before = blocks[-1], blocks[-2]
    if last.block.kind is Kind.PARAGRAPH and _HASHTAGS.fullmatch(last.source.strip()) and \
            _HASHTAGS.fullmatch(last.block.text.strip()) and not before.level:
        draft.tags = [tag.lstrip("#") for tag in last.block.text.split()]
        return blocks[:-1]
    return blocks
