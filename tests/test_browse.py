"""``articlecli browse``: Textual's Pilot presses the keys a reader would, and the
tests read what the screen then shows."""

from __future__ import annotations

import asyncio
import functools
import io
import shutil
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import OptionList

from articlecli.articles.importers.text import import_text
from articlecli.articles.loader import dump_yaml
from articlecli.model import Article
from articlecli.store.library import Library, open_library
from articlecli.ui.browse.app import BrowseApp, LibraryScreen, ReaderScreen, opening
from articlecli.ui.browse.widgets import ArticleList, ArticleText, HelpScreen

from .conftest import BUNDLED, REPO, run_cli
from .test_terminal_safety import HOSTILE, VISIBLE, hostile_article

CEASEFIRE = "has shown little inclination to make concessions or adhere to ceasefire"
TROOPS_FAQ = "Q: What did Putin say about Western troops in Ukraine?"


def tui(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test (an app under Pilot) in its own event loop."""
    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def screen(app: BrowseApp) -> str:
    """The characters on the app's screen, row by row, as a terminal shows them."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      record=True, force_terminal=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def paste(pilot: Pilot[None], text: str) -> None:
    """Put ``text`` in the focused box, as a terminal delivers a paste (faster than
    one key press at a time, which Pilot waits after)."""
    assert pilot.app.focused is not None
    pilot.app.focused.post_message(Paste(text))
    await pilot.pause()


async def answered(pilot: Pilot[None]) -> None:
    """Wait for the answer to the question asked (found in a worker thread)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def reader(article: Article | None = None, *, size: tuple[int, int] = (80, 24),
                 library: Library | None = None, no_color: bool = False
                 ) -> AsyncIterator[tuple[BrowseApp, Pilot[None]]]:
    library = library or open_library(BUNDLED)
    app = BrowseApp(library, article or library.articles[0], no_color=no_color)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield app, pilot


def focused(app: BrowseApp) -> object:
    return app.focused


def text_of(app: BrowseApp) -> ArticleText:
    return app.screen.query_one(ArticleText)


def contents(app: BrowseApp) -> OptionList:
    return app.screen.query_one("#contents", OptionList)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
@tui
async def test_opens_on_the_title_the_text_and_the_contents(size: tuple[int, int]) -> None:
    async with reader(size=size) as (app, _):
        shown = screen(app)
        rows = shown.splitlines()
        assert len(rows) == size[1] and all(len(row) <= size[0] for row in rows)
        assert "Why Does Putin Maintain His Hardline Stance" in rows[0]
        for entry in ("Key Takeaways", "1. Putin's Warning to the", "FAQs"):
            assert entry in shown
        assert "Published: 2025-09-06 03:07:15" in shown
        assert "q Quit" in rows[-1]
        widths = {block.size.width for block in text_of(app).query(".block")}
        assert max(widths) == 88 if size[0] > 100 else max(widths) < 88  # the reading column


@tui
async def test_enter_on_a_heading_jumps_there_and_the_contents_follow_the_reading() -> None:
    async with reader() as (app, pilot):
        assert contents(app).highlighted is None  # above Key Takeaways
        # Key Takeaways, then sections 1 to 4
        await pilot.press("tab", "down", "down", "down", "down", "down", "enter")
        assert focused(app) is text_of(app)
        text_rows = [row.split("\u2595", 1)[-1].strip() for row in screen(app).splitlines()]
        assert "4. Putin's Offer for Peace Talks" in text_rows[1:3]
        assert contents(app).highlighted == 4
        await pilot.press("end")
        assert contents(app).highlighted == len(contents(app).options) - 1  # FAQs
        await pilot.press("home")
        assert contents(app).highlighted is None


@tui
async def test_t_and_tab_hide_and_show_the_contents() -> None:
    async with reader() as (app, pilot):
        await pilot.press("t")
        assert not contents(app).display and focused(app) is text_of(app)
        assert "Key Takeaways" not in screen(app).splitlines()[3]
        assert screen(app).splitlines()[1].startswith("  Why Does Putin")  # the text moved left
        await pilot.press("tab")  # Tab goes to the contents, showing them
        assert contents(app).display and focused(app) is contents(app)
        await pilot.press("tab")  # and from them hides them
        assert not contents(app).display and focused(app) is text_of(app)
        await pilot.press("t", "escape")  # Escape leaves the contents for the text
        assert contents(app).display and focused(app) is text_of(app)


@tui
async def test_the_reading_keys_scroll() -> None:
    async with reader() as (app, pilot):
        await pilot.press("j", "j")
        assert text_of(app).scroll_y == 2
        await pilot.press("k")
        assert text_of(app).scroll_y == 1
        await pilot.press("pagedown")
        assert text_of(app).scroll_y > 15
        await pilot.press("G")
        assert text_of(app).scroll_y == text_of(app).max_scroll_y
        await pilot.press("g")
        assert text_of(app).scroll_y == 0


@tui
async def test_slash_finds_the_ceasefire_sentence_and_enter_jumps_to_it() -> None:
    async with reader() as (app, pilot):
        await pilot.press("slash")
        await paste(pilot, "ceasefire")
        shown = screen(app)
        assert 'section "Challenges to Peace Negotiations"' in shown
        assert "ceasefire proposals" in shown
        assert "1 hit" in shown.splitlines()[0]
        await pilot.press("enter")
        shown = screen(app)
        assert "hit 1 of 1" in shown.splitlines()[0]
        top = " ".join(row.split("\u2595", 1)[-1] for row in shown.splitlines()[1:6])
        assert "ceasefire" in top
        assert focused(app) is text_of(app)
        # the match is marked in the text, and only the match
        (line, spans), = text_of(app).marked.items()
        paragraph = text_of(app).document.lines[line].block.text
        assert CEASEFIRE in paragraph
        assert [paragraph[a:b] for a, b in spans] == ["ceasefire"]
        await pilot.press("escape")
        assert text_of(app).marked == {}


@tui
async def test_search_says_when_nothing_matches() -> None:
    async with reader() as (app, pilot):
        await pilot.press("slash")
        await paste(pilot, "zebra")
        assert "No matches for zebra." in screen(app)
        await pilot.press("enter", "q")  # nowhere to go: the box stays; q is a letter in it
        assert app.screen.query_one("#search").has_class("open") and app.is_running
        assert "No matches for zebraq." in screen(app)
        await pilot.press("escape")
        assert not app.screen.query_one("#search").has_class("open")
        assert focused(app) is text_of(app)


@tui
async def test_n_goes_through_the_hits() -> None:
    async with reader() as (app, pilot):
        await pilot.press("slash")
        await paste(pilot, "peace")
        await pilot.press("down", "enter")
        assert "hit 2 of" in screen(app).splitlines()[0]
        await pilot.press("n")
        assert "hit 3 of" in screen(app).splitlines()[0]
        await pilot.press("N", "N")
        assert "hit 1 of" in screen(app).splitlines()[0]


@tui
async def test_a_asks_and_shows_the_faq_answer_and_enter_goes_to_it() -> None:
    async with reader() as (app, pilot):
        await pilot.press("a")
        await paste(pilot, "what did Putin say about Western troops")
        await pilot.press("enter")
        await answered(pilot)
        shown = screen(app)
        assert TROOPS_FAQ in shown
        assert "legitimate targets for destruction" in shown
        assert "FAQ, confidence" in shown
        await pilot.press("enter")
        shown = screen(app)
        assert not app.screen.query_one("#ask").has_class("open")
        assert "Q: What did Putin say about Western troops" in " ".join(shown.splitlines()[1:3])
        assert "answer" in shown.splitlines()[0]
        marked = text_of(app).marked
        assert marked and all(text_of(app).document.lines[line].block.text.startswith(
            "Putin warned that any Western troops") for line in marked)


@tui
async def test_a_question_the_article_does_not_answer_says_so() -> None:
    async with reader() as (app, pilot):
        await pilot.press("a")
        await paste(pilot, "what did putin say about climate change")
        await pilot.press("enter")
        await answered(pilot)
        shown = screen(app)
        assert 'No answer to "what did putin say about climate change"' in shown
        assert "Closest FAQ questions:" in shown
        await pilot.press("enter", "escape")  # nothing to go to; Escape closes
        assert not app.screen.query_one("#ask").has_class("open")


@tui
async def test_ctrl_c_leaves_as_an_interrupt() -> None:
    async with reader() as (app, pilot):
        await pilot.press("ctrl+c")
        assert app.interrupted and not app.is_running


@tui
async def test_question_mark_shows_the_keys_escape_closes_them_and_q_quits_with_0() -> None:
    async with reader() as (app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "ask a question" in screen(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("q")
        assert app.return_code == 0
        assert not app.is_running


@tui
async def test_hostile_text_shows_as_text_and_never_as_markup_or_escapes() -> None:
    hostile = hostile_article()
    async with reader(hostile, library=Library.of([hostile])) as (app, pilot):
        await pilot.press("slash")
        await paste(pilot, "bold")
        shown = screen(app)
        for visible in VISIBLE[:3]:
            assert visible in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        await pilot.press("enter", "a")
        await paste(pilot, HOSTILE)
        await pilot.press("enter")
        assert app.is_running and "[link=https://evil.example]L[/link]" in screen(app)


@tui
async def test_a_hostile_title_in_the_library_list_is_text() -> None:
    hostile = replace(hostile_article(), id="hostile")
    library = Library.of([hostile, open_library(BUNDLED).articles[0]])
    app = BrowseApp(library, opening(library, None))
    async with app.run_test(size=(160, 24)) as pilot:
        await pilot.pause()
        shown = screen(app)
        assert "[bold]B[/bold] [link=https://evil.example]L[/link] \\x1b]0;pwned" in shown
        assert "\x1b" not in shown and "\x07" not in shown


def test_a_bug_inside_the_reader_ends_it_and_is_left_to_the_error_boundary(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Textual would print its own traceback; the reader keeps the error for the
    command line's boundary to report in one line (the traceback with --debug)."""
    def broken(self: ReaderScreen) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(ReaderScreen, "on_mount", broken)
    library = open_library(BUNDLED)
    app = BrowseApp(library, library.articles[0])
    app.run(headless=True, size=(80, 24))
    assert isinstance(app.failure, RuntimeError)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert "a bug" not in captured.out + captured.err


@pytest.fixture
def library_folder(tmp_path: Path) -> Path:
    """Three articles: the bundled one and two imported from the test fixtures."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copy(BUNDLED, folder / "putin.yaml")
    for name in ("bakery", "transit"):
        text = (REPO / "tests" / "fixtures" / f"{name}.txt").read_text(encoding="utf-8")
        (folder / f"{name}.yaml").write_text(dump_yaml(import_text(text)), encoding="utf-8")
    return folder


@tui
async def test_a_library_lists_its_articles_filters_them_and_opens_one(
        library_folder: Path) -> None:
    library = open_library(library_folder)
    app = BrowseApp(library, opening(library, None))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen(app)
        assert "Library: 3 articles" in shown
        for title in ("Small Bakery Wins National Bread Prize", "Why Does Putin Maintain"):
            assert title in shown
        await pilot.press("down", "down", "up")
        assert app.screen.query_one(ArticleList).cursor == 1
        await pilot.press("slash")
        await paste(pilot, "bakery")
        shown = screen(app)
        assert "Small Bakery" in shown and "Why Does Putin" not in shown
        assert "1 of 3" in shown
        await pilot.press("enter", "enter")  # the filter box, then the article
        assert isinstance(app.screen, ReaderScreen)
        assert screen(app).splitlines()[0].strip().startswith("Small Bakery Wins")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        assert app.return_code == 0


def test_article_opens_one_article_of_a_library_directly(library_folder: Path) -> None:
    library = open_library(library_folder)
    chosen = opening(library, "bakery")
    assert chosen is not None and chosen.title == "Small Bakery Wins National Bread Prize"
    assert opening(library, None) is None
    assert opening(open_library(BUNDLED), None) is not None


@tui
async def test_article_opens_the_reader_not_the_list(library_folder: Path) -> None:
    library = open_library(library_folder)
    async with reader(opening(library, "transit"), library=library) as (app, pilot):
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("a")
        await paste(pilot, "what did Putin say about Western troops")
        await pilot.press("enter")  # asks this article only
        await answered(pilot)
        assert "Why Does Putin" not in screen(app)


def test_an_unknown_article_is_a_one_line_error_before_the_screen_changes(
        library_folder: Path) -> None:
    outcome = run_cli("--data", str(library_folder), "browse", "-a", "nope", tty=True,
                      stdin_tty=True)
    assert outcome.status == 2
    assert outcome.stderr.startswith("articlecli: error: no article 'nope'")
    assert outcome.stderr.count("\n") == 1


@pytest.mark.parametrize(("stdout_tty", "stdin_tty", "stream"), [
    (False, True, "standard output"), (True, False, "standard input")])
def test_browse_without_a_terminal_says_to_use_read(stdout_tty: bool, stdin_tty: bool,
                                                    stream: str) -> None:
    outcome = run_cli("browse", tty=stdout_tty, stdin_tty=stdin_tty)
    assert outcome.status == 2
    assert outcome.stdout == ""
    assert outcome.stderr == (f"articlecli: error: browse needs a terminal, and {stream} is "
                              "not one; 'articlecli read' prints the article instead\n")


@tui
async def test_no_color_reader_has_no_colour() -> None:
    async with reader(no_color=True) as (app, _):
        assert app.no_color
        assert any(type(each).__name__ == "Monochrome" for each in app._filters)


def test_browse_takes_the_theme_and_reading_width_of_the_other_commands(
        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake(library: Library, article_id: str | None, **options: Any) -> None:
        seen.update(options)

    monkeypatch.setattr("articlecli.ui.browse.app.run_browser", fake)
    outcome = run_cli("--theme", "light", "--width", "60", "browse", tty=True, stdin_tty=True)
    assert outcome.status == 0, outcome.stderr
    assert (seen["theme"], seen["width"]) == ("light", 60)
