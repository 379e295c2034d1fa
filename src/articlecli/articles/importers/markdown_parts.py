"""The parts of an article Markdown marks by shape, as ``export --format markdown``
writes them (and as people write them), read back into their fields:

- the meta line under the title, ``*Published: 2026-03-02 07:15:00 | Category: ...
  | Last updated: 16 March 2026 (GMT) | By: ... | Site: ... | Source: ...*``, and
  the one paragraph after it, before the first heading, as the summary;
- a ``## Key Takeaways`` (or ``Takeaways``) heading over one list: the takeaways;
- a ``## FAQs`` (``FAQ``, ``Frequently asked questions``) heading whose every part
  is a ``###`` question and its answer: the FAQs;
- a paragraph of hashtags alone, last before the FAQs: the tags.

Anything not in exactly that shape stays text, as before.
"""

from __future__ import annotations

import re

from ...model import Faq, list_items
from .draft import Block, Draft, Kind
from .text import FAQ_HEADING, parse_date, parse_datetime

_META_LABELS = ("Published", "Category", "Last updated", "By", "Site", "Source")
_META_SPLIT = re.compile(r"(?:^|\s\|\s)(" + "|".join(_META_LABELS) + r"):\s")
_UPDATED = re.compile(r"(?P<when>[^()]+?)\s*(?:\((?P<zone>[^()]+)\))?")
_TAKEAWAYS = re.compile(r"(?:key\s+)?takeaways\s*:?", re.IGNORECASE)
_HASHTAGS = re.compile(r"#\w[\w-]*(?:\s+#\w[\w-]*)*")


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


def take_parts(draft: Draft, levels: list[int], *, after_meta: bool) -> None:
    """Move the summary (after a meta line), takeaways, FAQs and tags out of the
    draft's blocks into their fields; ``levels`` is each block's heading level (0 for
    a block that is no heading)."""
    blocks = list(zip(draft.blocks, levels, strict=True))
    if after_meta:
        blocks = _take_summary(draft, blocks)
    blocks = _take_takeaways(draft, blocks)
    blocks = _take_faqs(draft, blocks)
    blocks = _take_tags(draft, blocks)
    draft.blocks = [block for block, _ in blocks]


Leveled = list[tuple[Block, int]]


def _take_summary(draft: Draft, blocks: Leveled) -> Leveled:
    """The one paragraph between the meta line and the first heading."""
    first_heading = next((index for index, (_, level) in enumerate(blocks) if level), None)
    if first_heading == 1 and blocks[0][0].kind is Kind.PARAGRAPH and not draft.summary:
        draft.summary = blocks[0][0].text
        return blocks[1:]
    return blocks


def _take_takeaways(draft: Draft, blocks: Leveled) -> Leveled:
    for index, (block, level) in enumerate(blocks):
        if level == 2 and _TAKEAWAYS.fullmatch(block.text) and index + 1 < len(blocks):
            listed, after = blocks[index + 1], blocks[index + 2:index + 3]
            items = list_items(listed[0].text) if listed[0].kind is Kind.LIST else None
            if items and (not after or after[0][1]):  # the list alone, then a heading
                draft.takeaways = [text for _, text in items]
                return blocks[:index] + blocks[index + 2:]
    return blocks


def _take_faqs(draft: Draft, blocks: Leveled) -> Leveled:
    for index, (block, level) in enumerate(blocks):
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
    for block, level in [*part, (Block(Kind.HEADING, ""), 3)]:
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


def _take_tags(draft: Draft, blocks: Leveled) -> Leveled:
    """A last paragraph of hashtags alone (``#Ferries #Skerry``), after some text."""
    if draft.tags or len(blocks) < 2:
        return blocks
    last, before = blocks[-1][0], blocks[-2]
    if last.kind is Kind.PARAGRAPH and _HASHTAGS.fullmatch(last.text.strip()) and \
            not before[1]:
        draft.tags = [tag.lstrip("#") for tag in last.text.split()]
        return blocks[:-1]
    return blocks
