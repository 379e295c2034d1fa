"""The reader's parts: the article text, the contents, the search and ask boxes,
and the help screen."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

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
        self.marked: dict[int, tuple[tuple[Span, ...], bool]] = {}

    def compose(self) -> ComposeResult:
        previous = None
        for number, line in enumerate(self.document.lines):
            classes = "block" if line.block.continues(previous) or previous is None \
                else "block gap"
            block = Static(block_renderable(line.block), id=f"line-{number}", classes=classes,
                           markup=False)
            block.styles.max_width = self.width
            yield block
            previous = line.block

    def line(self, number: int) -> Static:
        return self.query_one(f"#line-{number}", Static)

    def mark(self, marks: dict[int, tuple[Span, ...]], current: Collection[int] = ()) -> None:
        """Highlight ``marks`` (line -> spans), the lines in ``current`` more strongly;
        the lines marked before lose theirs."""
        wanted = {number: (spans, number in current) for number, spans in marks.items()}
        for number in set(self.marked) | set(wanted):
            spans, strong = wanted.get(number, ((), False))
            if self.marked.get(number) != (spans, strong):
                self.line(number).update(block_renderable(
                    self.document.lines[number].block, spans, current=strong))
        self.marked = {number: value for number, value in wanted.items() if value[0]}

    def jump(self, number: int) -> None:
        self.scroll_to_widget(self.line(number), top=True, animate=False)

    def line_at_top(self) -> int:
        """The line shown at the top of the view (the last one that starts above it)."""
        top = self.scroll_y + 1
        shown = 0
        for number in range(len(self.document.lines)):
            if self.line(number).virtual_region.y > top:
                break
            shown = number
        return shown


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
