"""The full-screen reader: a library's list of articles, and the reading screen
with its contents, search and ask. Built by ``articlecli browse`` only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import get_current_worker

from ...errors import ArticleError
from ...model import Article
from ...safetext import clean
from ..terminal import READING_WIDTH, Interrupted
from ..views import Kind
from .document import Document, Place, Span, build_document, find_text, locate, sentence_spans
from .styles import CSS, marked
from .widgets import (
    AnswerView,
    ArticleList,
    ArticleText,
    AskPanel,
    HelpScreen,
    SearchPanel,
    answer_renderable,
    contents_list,
)

if TYPE_CHECKING:
    from ...articles.search import Hit
    from ...qa.matcher import Answer, Index, Result
    from ...store.library import Library

THEMES = {"dark": "textual-dark", "light": "textual-light"}


class ReaderScreen(Screen[None]):
    """One article: the contents beside the text, and the search and ask boxes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "contents", "Contents"),
        Binding("t", "toggle_contents", "Contents", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "next_hit(1)", "Next hit", show=False),
        Binding("N", "next_hit(-1)", "Previous hit", show=False),
        Binding("a", "ask", "Ask"),
        Binding("escape", "close", "Close", show=False),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, document: Document, library: Library, *, width: int,
                 in_library: bool = False) -> None:
        super().__init__()
        self.document = document
        self.library = library
        self.width = width
        self.in_library = in_library
        self.places: list[Place] = []
        self.hit = -1  # the hit jumped to last
        self.answer_place: Place | None = None
        self._index: Index | None = None

    @property
    def text(self) -> ArticleText:
        return self.query_one(ArticleText)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Text(clean(self.document.article.title), no_wrap=True,
                              overflow="ellipsis"), id="title", markup=False)
            yield Static("", id="status", markup=False)
        with Horizontal(id="body"):
            yield contents_list(self.document.contents)
            yield ArticleText(self.document, self.width)
        yield SearchPanel(id="search", classes="panel")
        yield AskPanel(id="ask", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.text.focus()
        self.watch(self.text, "scroll_y", self._follow, init=False)
        self.call_after_refresh(self._follow)

    def _follow(self) -> None:
        """Highlight the section being read in the contents."""
        entry = self.document.entry_at(self.text.line_at_top())
        contents = self.query_one("#contents", OptionList)
        if contents.highlighted != entry:
            contents.highlighted = entry

    def status(self, message: str) -> None:
        self.query_one("#status", Static).update(Text(message, style="dim"))

    # The contents

    def action_contents(self) -> None:
        """Tab: go to the contents (shown if hidden); from them, hide them."""
        contents = self.query_one("#contents", OptionList)
        if contents.has_class("hidden") or self.focused is not contents:
            contents.remove_class("hidden")
            contents.focus()
        else:
            self.action_toggle_contents()

    def action_toggle_contents(self) -> None:
        """t: show the contents (and go to them), or hide them."""
        contents = self.query_one("#contents", OptionList)
        if contents.has_class("hidden"):
            contents.remove_class("hidden")
            contents.focus()
        else:
            contents.add_class("hidden")
            self.text.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "contents":
            self.text.jump(self.document.contents[event.option_index].line)
            self.text.focus()
        elif event.option_list.id == "hits" and self.places:
            note = 1 if self.query_one("#hits", OptionList).get_option_at_index(0).disabled \
                else 0
            self.go_to_hit(event.option_index - note)

    # Search

    def action_search(self) -> None:
        self._open("search")
        self.query_one("#search-input", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search-input":
            event.stop()
            self.find(event.value)

    def find(self, terms: str) -> None:
        """Search the article for ``terms`` and show the hits in their context."""
        from ...articles.search import find_hits

        panel = self.query_one(SearchPanel)
        self.hit = -1
        try:
            hits = find_hits([self.document.article], terms.split())
        except ArticleError:  # no words yet
            self.places = []
            panel.show_hits([], "Type words to find; every hit holds all of them.")
            self.text.mark({})
            self.status("")
            return
        self.places = locate(self.document, hits)
        note = "" if hits else f"No matches for {terms.strip()}."
        panel.show_hits([_hit_prompt(hit) for hit in hits], note)
        self.text.mark({})
        self.status(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "search-input":
            hits = self.query_one("#hits", OptionList)
            chosen = hits.highlighted
            if self.places and chosen is not None:
                note = 1 if hits.get_option_at_index(0).disabled else 0
                self.go_to_hit(max(chosen - note, 0))
        elif event.input.id == "ask-input":
            self.ask(event.value)

    def go_to_hit(self, number: int) -> None:
        """Jump to hit ``number`` (of the last search), closing the search box."""
        self.hit = number % len(self.places)
        place = self.places[self.hit]
        self.text.mark(place.marks)
        self.text.jump(place.line)
        self.status(f"hit {self.hit + 1} of {len(self.places)}")
        self._close_panels()

    def action_next_hit(self, step: int) -> None:
        if self.places:
            self.go_to_hit(self.hit + step if self.hit >= 0 else 0)

    # Ask

    def action_ask(self) -> None:
        self._open("ask")
        question = self.query_one("#ask-input", Input)
        question.focus()

    def index(self) -> Index:
        if self._index is None:
            single = len(self.library.articles) == 1
            self._index = self.library.index(None if single else self.document.article.id)
        return self._index

    def ask(self, question: str) -> None:
        view = self.query_one(AnswerView)
        self.answer_place = None
        if not question.strip():
            view.update(Text("Type a question, e.g. what did Putin say?", style="dim"))
            return
        view.update(Text("Looking for the answer...", style="dim"))
        self._find_answer(question.strip())

    # A worker thread: a question the first look is unsure of is read again by the
    # sentence encoder, which takes a moment the screen should not freeze for.
    @work(thread=True, exclusive=True, group="ask")
    def _find_answer(self, question: str) -> None:
        from ...qa.matcher import search_index

        try:
            shown: Any = self._answer_view(search_index(self.index(), question, 1))
        except ArticleError as error:
            shown = Text(f"Cannot ask that: {clean(str(error))}", style="dim")
        if not get_current_worker().is_cancelled:  # a newer question is under way
            self.app.call_from_thread(self._show_answer, shown)

    def _show_answer(self, shown: Any) -> None:
        view = self.query_one(AnswerView)
        view.update(shown)
        view.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "goto_answer":
            return True if self.answer_place is not None else None  # shown greyed out
        return True

    def _answer_view(self, result: Result) -> Any:
        found = result.answer
        if found is None:
            lines: list[tuple[Kind, str, str, Sequence[Span]]] = [
                (Kind.NOTE, "", f'No answer to "{result.query}" in the article.', ())]
            if result.suggestions:
                lines.append((Kind.HEADING, "", "Closest FAQ questions:", ()))
                lines += [(Kind.ITEM, "-", item.question or "", ())
                          for item in result.suggestions]
            return answer_renderable(lines, "a: ask again  Esc: close")
        sentences: tuple[str, ...] = tuple(getattr(found, "sentences", ()) or ())
        marks = sentence_spans(found.text, sentences)
        if found.source == "faq":
            lines = [(Kind.QUESTION, "Q:", found.question or "", ()),
                     (Kind.ANSWER, "A:", found.text, marks)]
        else:
            lines = [(Kind.HEADING, "", found.section or "", ()),
                     (Kind.PARAGRAPH, "", found.text, marks)]
        self.answer_place = self._place_of(found, sentences)
        origin = "FAQ" if found.source == "faq" else "Passage"
        jump = "  Enter: go to it in the text" if self.answer_place else ""
        return answer_renderable(lines, f"{origin}, confidence {found.score:.0%}.{jump}")

    def _place_of(self, found: Answer, sentences: tuple[str, ...]) -> Place | None:
        """Where the answer is in the text, its sentences (else all of it) marked."""
        if found.article != self.document.article.id:
            return None
        question = found.question if found.source == "faq" else None
        return find_text(self.document, found.text, sentences or (found.text,), question)

    def action_goto_answer(self) -> None:
        place = self.answer_place
        if place is None:
            return
        self.places, self.hit = [], -1
        self.text.mark(place.marks)
        self.text.jump(place.line)
        self.status("answer")
        self._close_panels()

    # Boxes and panels

    def _open(self, name: str) -> None:
        for panel in ("search", "ask"):
            self.query_one(f"#{panel}").set_class(panel == name, "open")

    def _close_panels(self) -> None:
        self._open("")
        self.text.focus()

    def action_close(self) -> None:
        """Escape: close the open box, or leave the contents; else clear the marks;
        else back to the list."""
        if any(panel.has_class("open") for panel in self.query(".panel")):
            self._close_panels()
        elif self.focused is not self.text:
            self.text.focus()
        elif self.text.marked:
            self.text.mark({})
            self.places, self.hit = [], -1
            self.status("")
        elif self.in_library:
            self.app.pop_screen()


def _hit_prompt(hit: Hit) -> Text:
    place = f'{hit.where} "{hit.section}"' if hit.section else hit.where
    text = Text(clean(place) + "\n", style="cyan")
    text.append_text(marked(hit.snippet, hit.marks))
    return text


class LibraryScreen(Screen[None]):
    """A library's articles, newest first, with a filter; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("question_mark", "app.help", "Keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, library: Library, *, width: int) -> None:
        super().__init__()
        self.library = library
        self.width = width
        self.shown: list[Article] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(Text(f"Library: {len(self.library.articles)} articles"), id="title",
                         markup=False)
            yield Static("", id="status", markup=False)
        yield Input(placeholder="/ Filter: words in the title, category or id", id="filter",
                    max_length=200)
        yield ArticleList(id="articles")
        yield Footer()

    def on_mount(self) -> None:
        from ...store.library import catalogue

        by_id = {article.id: article for article in self.library.articles}
        self.articles = [by_id[entry["id"] or ""] for entry in catalogue(self.library.articles)]
        self.show("")
        self.query_one("#articles").focus()

    def show(self, words: str) -> None:
        wanted = words.casefold().split()
        self.shown = [article for article in self.articles
                      if all(word in _haystack(article) for word in wanted)]
        self.query_one(ArticleList).show(self.shown)
        total = len(self.articles)
        self.query_one("#status", Static).update(Text(
            f"{len(self.shown)} of {total}" if wanted else "", style="dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#articles").focus()

    def on_key(self, event: Any) -> None:
        if event.key == "down" and self.focused is self.query_one("#filter"):
            self.query_one("#articles").focus()
            event.stop()

    def action_filter(self) -> None:
        self.query_one("#filter").focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#articles").focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        event.stop()
        self.app.push_screen(ReaderScreen(build_document(event.article), self.library,
                                          width=self.width, in_library=True))


def _haystack(article: Article) -> str:
    return f"{article.title} {article.category or ''} {article.id}".casefold()


class BrowseApp(App[None]):
    """The reader on one article, or on a library's list when ``article`` is None."""

    CSS = CSS
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True)]

    def __init__(self, library: Library, article: Article | None = None, *,
                 width: int | None = None, theme: str = "dark", no_color: bool = False) -> None:
        super().__init__()
        self.library = library
        self.article = article
        self.width = width or READING_WIDTH
        self.theme = THEMES.get(theme, theme)
        self.animation_level = "none"  # a reader jumps: Home, End and headings at once
        if no_color and not self.no_color:  # NO_COLOR in the environment Textual sees itself
            from textual.filter import Monochrome

            self.no_color = True
            self._filters.append(Monochrome())
        self.failure: BaseException | None = None
        self.interrupted = False

    def on_mount(self) -> None:
        if self.article is None:
            self.push_screen(LibraryScreen(self.library, width=self.width))
        else:
            self.push_screen(ReaderScreen(build_document(self.article), self.library,
                                          width=self.width))

    def action_interrupt(self) -> None:
        """Ctrl-C leaves, as it does a command: with status 130 (``run_browser``)."""
        self.interrupted = True
        self.exit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # Errors: a bug inside the app ends it, and the command line's boundary reports
    # it in one line (the traceback with --debug), as for every other command.
    def _handle_exception(self, error: Exception) -> None:
        self.failure = error
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        self._exit_renderables.clear()


def opening(library: Library, article_id: str | None) -> Article | None:
    """The article to open on, or None for a library's list: ``--article`` names one
    (ArticleNotFound if none has that id), and a library of one opens on it."""
    if article_id is None and len(library.articles) > 1:
        return None
    return library.only(article_id)


def run_browser(library: Library, article_id: str | None = None, *, width: int | None = None,
           theme: str = "dark", no_color: bool = False) -> None:
    """Run the reader on the terminal until the reader quits."""
    app = BrowseApp(library, opening(library, article_id), width=width, theme=theme,
                    no_color=no_color)
    app.run()
    if app.failure is not None:
        raise app.failure
    if app.interrupted:
        raise Interrupted
