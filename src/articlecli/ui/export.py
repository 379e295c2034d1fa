"""An article in other formats: JSON, YAML, Markdown and plain text. Pure."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from ..articles.schema import to_data
from ..model import MARKDOWN_TAGS, Article, list_items
from ..safetext import clean, to_json
from .views import article_blocks, meta_line


class Format(str, Enum):
    JSON = "json"
    YAML = "yaml"
    MARKDOWN = "markdown"
    TEXT = "text"


# Characters that would turn the start of a Markdown line into a heading, quote,
# list or rule (``---``), or inline into emphasis, code (also a ``~~~`` fence), a link
# or a character reference (``&amp;`` would show as ``&``). Patterns, not compiled
# ones: every command imports this module (for Format), only Markdown export uses
# them, and re compiles each once, when first used.
_MARKDOWN_LINE_START = r"^(#|>|[-+*=])"
_MARKDOWN_NUMBERED = r"^(\d+)([.)])(?=\s|$)"
_MARKDOWN_INLINE = r"([\\`*_~\[\]<>]|&(?=#?[0-9A-Za-z]+;))"
# A heading's closing run of #s, which Markdown would drop ("## C #" shows "C").
_MARKDOWN_CLOSING = r"(?<=\s)#(?=#*$)"


def export_article(article: Article, form: Format) -> str:
    """The whole article in ``form``, ending with a newline."""
    if form is Format.JSON:
        return to_json(article_to_json(article)) + "\n"
    if form is Format.YAML:
        from ..articles.loader import dump_yaml  # loader imports yaml: only where it is needed

        return dump_yaml(article)
    if form is Format.MARKDOWN:
        return to_markdown(article)
    from .render import plain_text

    return plain_text(article_blocks(article))


def article_to_json(article: Article) -> dict[str, Any]:
    """The file format's keys, with dates as ISO 8601 strings."""
    return to_data(article, iso_dates=True)


def to_markdown(article: Article) -> str:
    parts = [f"# {_heading(article.title)}", f"*{_inline(meta_line(article))}*",
             _paragraph(article.summary)]
    if article.key_takeaways:
        parts += ["## Key Takeaways",
                  "\n".join(f"- {_inline(item)}" for item in article.key_takeaways)]
    for section in article.sections:
        parts.append(f"## {_heading(section.heading)}")
        parts += [_section_paragraph(paragraph) for paragraph in section.paragraphs]
    if article.faqs:
        parts.append("## FAQs")
        for faq in article.faqs:
            parts += [f"### {_heading(faq.question)}", _paragraph(faq.answer)]
    if article.tags:  # last, in the meta line's style; a comma in a tag is "\,"
        tags = ", ".join(_inline(tag).replace(",", "\\,") for tag in article.tags)
        parts.append(f"*{MARKDOWN_TAGS}{tags}*")
    return "\n\n".join(parts) + "\n"


def _inline(text: str) -> str:
    """Article text is data: Markdown shows it as written, not as markup."""
    return re.sub(_MARKDOWN_INLINE, r"\\\1", clean(" ".join(text.split())))


def _heading(text: str) -> str:
    return re.sub(_MARKDOWN_CLOSING, r"\\#", _inline(text))


def _section_paragraph(text: str) -> str:
    """A section's paragraph, or its list as a Markdown list."""
    items = list_items(text)
    if items:
        return "\n".join(f"{marker} {_paragraph(item)}" for marker, item in items)
    return _paragraph(text)


def _paragraph(text: str) -> str:
    text = re.sub(_MARKDOWN_LINE_START, r"\\\1", _inline(text))
    return re.sub(_MARKDOWN_NUMBERED, r"\1\\\2", text)
