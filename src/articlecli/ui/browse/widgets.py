"""The reader's parts: the article text, the contents, the search and ask boxes,
and the help screen."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ...model import Article
from ...safetext import clean
from ..views import Block, Kind
from .document import Document, Entry, Span
from .styles import block_renderable

KEYS = (
    ("↑ ↓  j k", "scroll a line"),
    ("PgUp PgDn  space b", "scroll a page"),
    ("Home End  g G", "the top, the end"),
    ("Tab", "go to the contents; from them, hide them"),
    ("t", "show (and go to) or hide the contents"),
    ("Enter", "in the contents: jump to the heading"),
    ("/", "search: ↑ ↓ choose a hit, Enter jumps to it"),
    ("n  N", "the next, the previous hit"),
    ("a", "ask a question: Enter asks"),
    ("Enter  p", "in the answer: go to it in the text"),
    ("Esc", "close a box or panel; clear the marks; back to the list"),
    ("?", "these keys"),
    ("q", "quit"),
)


class ArticleText(VerticalScroll):
    """The article, one Static per block, scrolled with the reading keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("b", "page_up", "Page up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "End", show=False),
    ]

    def __init__(self, document: Document, width: int) -> None:
        super().__init__(id="text")
        self.document = document
        self.width = width
        self.marked: dict[int, tuple[Span, ...]] = {}
        self.blocks: list[Static] = []

    def compose(self) -> ComposeResult:
        previous = None
        self.blocks = []
        for number, line in enumerate(self.document.lines):
            classes = "block" if line.block.continues(previous) or previous is None \
                else "block gap"
            block = Static(block_renderable(line.block), id=f"line-{number}", classes=classes,
                           markup=False)
            block.styles.max_width = self.width
            self.blocks.append(block)
            yield block
            previous = line.block

    def line(self, number: int) -> Static:
        return self.blocks[number]

    def mark(self, marks: dict[int, tuple[Span, ...]]) -> None:
        """Highlight ``marks`` (line -> spans); the lines marked before lose theirs."""
        for number in set(self.marked) | set(marks):
            spans = marks.get(number, ())
            if self.marked.get(number, ()) != spans:
                self.line(number).update(block_renderable(self.document.lines[number].block,
                                                          spans))
        self.marked = {number: spans for number, spans in marks.items() if spans}

    def jump(self, number: int) -> None:
        self.scroll_to_widget(self.line(number), top=True, animate=False)

    def line_at_top(self) -> int:
        """The line shown at the top of the view (the last one that starts above it)."""
        top = self.scroll_y + 1
        starts = [block.virtual_region.y for block in self.blocks]
        return max(bisect.bisect_right(starts, top) - 1, 0)


class ArticleList(ScrollView, can_focus=True):
    """A library's articles, one line each, drawn only as far as they are on screen
    (a list of 10,000 costs what one screenful does)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home,g", "move(-1_000_000_000)", "First", show=False),
        Binding("end,G", "move(1_000_000_000)", "Last", show=False),
        Binding("enter", "open", "Open"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"article-list--cursor"}
    DEFAULT_CSS = """
    ArticleList > .article-list--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; }
    """
    cursor: reactive[int] = reactive(0)

    class Opened(Message):
        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, id: str) -> None:
        super().__init__(id=id)
        self.articles: Sequence[Article] = ()

    def show(self, articles: Sequence[Article]) -> None:
        self.articles = articles
        self.virtual_size = Size(self.size.width, len(articles))
        self.cursor = 0
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        number = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if number >= len(self.articles):
            return Strip.blank(width, self.rich_style)
        line = article_line(self.articles[number])
        line.truncate(width, overflow="ellipsis")
        strip = Strip(line.render(self.app.console))
        strip = strip.crop_extend(0, width, self.rich_style)
        if number == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("article-list--cursor"))
        return strip

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(Region(0, new, 1, 1), animate=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.articles:
            self.cursor = max(0, min(len(self.articles) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_open(self) -> None:
        if self.articles:
            self.post_message(self.Opened(self.articles[self.cursor]))

    def on_click(self, event: Click) -> None:
        number = self.scroll_offset.y + event.y
        if number < len(self.articles):
            self.cursor = number
            self.action_open()


def article_line(article: Article) -> Text:
    """One article in the library list: its date, title, category and id."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(article.published.strftime("%Y-%m-%d"), style="dim")
    text.append("  ")
    text.append(clean(article.title), style="bold")
    if article.category:
        text.append(f"  [{clean(article.category)}]", style="cyan")
    text.append(f"  {clean(article.id)}", style="dim")
    return text


def contents_list(entries: Sequence[Entry]) -> OptionList:
    return OptionList(*(Option(Text(clean(entry.label), no_wrap=True, overflow="ellipsis"))
                        for entry in entries), id="contents", markup=False)


class SearchPanel(Vertical):
    """The search box and its hits, each in its context, under the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next hit", show=False),
        Binding("up", "move(-1)", "Previous hit", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search: words to find (Enter jumps, Esc closes)",
                    id="search-input", max_length=500)
        yield OptionList(id="hits", markup=False)

    def show_hits(self, options: Sequence[RenderableType], note: str = "") -> None:
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        if note:
            hits.add_option(Option(Text(note, style="dim"), disabled=True))
        hits.add_options(Option(prompt) for prompt in options)
        if options:
            hits.highlighted = 1 if note else 0

    def action_move(self, step: int) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.option_count:
            hits.action_cursor_down() if step > 0 else hits.action_cursor_up()


class AskPanel(Vertical):
    """The question box, and the answer under it."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Ask: a question in your own words (Enter asks, Esc closes)",
                    id="ask-input", max_length=1000)
        yield AnswerView(id="answer")


class AnswerView(Static, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,p", "screen.goto_answer", "Go to passage"),
        Binding("a", "screen.ask", "Ask again"),
    ]

    def __init__(self, id: str) -> None:
        super().__init__("", id=id, markup=False)


def answer_renderable(lines: Sequence[tuple[Kind, str, str, Sequence[Span]]],
                      note: str) -> RenderableType:
    """An answer's blocks (kind, label, text, marks) and the line under them."""
    parts: list[RenderableType] = [block_renderable(Block(kind, text, label), marks)
                                   for kind, label, text, marks in lines]
    parts.append(Text(clean(note), style="dim"))
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """The keys."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Keys\n\n", style="bold")
        width = max(len(keys) for keys, _ in KEYS)
        for keys, what in KEYS:
            text.append(keys.ljust(width + 2), style="bold cyan")
            text.append(what + "\n")
        text.append("\nIn a library: / filters the list, Enter opens an article.", style="dim")
        yield Static(text, id="help", markup=False)
