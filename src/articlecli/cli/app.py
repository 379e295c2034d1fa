"""The command line: each command parses, asks the core, and hands the result to
rendering. Errors are mapped to exit codes in one place, ``Program.main``.

No ``from __future__ import annotations`` here: typer reads every command's
annotations on every start, and string annotations cost it an eval each (about
5 ms a run)."""

import contextlib
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar, cast

import typer
from typer.core import TyperGroup

from .. import __version__
from ..articles.importers.forms import Form
from ..articles.schema import faqs_to_data
from ..errors import ArticleError, NoSuchPath, NoSuchSection, NotATerminal, Problem
from ..model import Article
from ..safetext import clean_line
from ..store.library import DATA_VARIABLE, Library, data_path, open_library
from ..ui.export import Format
from ..ui.pager import emit
from ..ui.render import error_line, show, show_json, warning_line
from ..ui.terminal import CheckedOutput, Environment, write
from ..ui.views import (
    article_blocks,
    faq_blocks,
    section_blocks,
    takeaway_blocks,
    toc_blocks,
)
from .boundary import run_guarded
from .clickcompat import UsageError, at_least
from .completion import complete_article, complete_section
from .config import Color, Theme, apply, config_path, load_config
from .messages import describe
from .status import ExitStatus

if TYPE_CHECKING:  # drawn only on a terminal, for a long build
    from ..store.lookahead import Walked
    from ..ui.progress import ProgressBar

T = TypeVar("T")

SHOWN_SKIPPED = 5  # skipped files warned about one by one, before a summary


class State:
    """What every command shares: where output goes and which articles to use.
    (A plain class: a dataclass would take about 0.3 ms of every start to make.)"""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.data: Path | None = None
        self.data_origin: str | None = None  # where --data was named, if not on the command line
        self.use_cache = True
        self._library: Library | None = None

    def article(self, article_id: str | None) -> Article:
        """The article a single-article command works on. With ``--article``, the
        library may hold just that one, when the store can tell it is unchanged
        without looking at the rest (open_library)."""
        return self.library(article_id).only(article_id)

    def library(self, article: str | None = None, *, lookahead: bool = False,
                walked: "Walked | None" = None) -> Library:
        if self._library is None and self.reads_stdin:
            self._library = _stdin_library(self.env)
        if self._library is None:
            progress = self._progress()
            try:
                self._library = open_library(data_path(self.data), use_cache=self.use_cache,
                                             progress=progress, article=article,
                                             lookahead=lookahead, walked=walked)
            except NoSuchPath as error:
                raise NoSuchPath(error.path, error.origin or self.data_origin) from None
            finally:  # an interrupted build's bar: what is said next needs its own line
                if progress is not None:
                    progress.end()
            for notice in self._library.notices:
                write(self.env.stderr, warning_line(notice))
            skipped = self._library.skipped
            named = self._library.broken.get(article) if article is not None else None
            if named:  # the error about that article says it; the warning would repeat it
                skipped = tuple(problem for problem in skipped
                                if problem.file != named[0].file)
            self._warn_skipped(skipped)
        return self._library

    def _warn_skipped(self, skipped: Sequence[Problem]) -> None:
        for problem in skipped[:SHOWN_SKIPPED]:
            write(self.env.stderr, warning_line(f"skipped {problem}"))
        if len(skipped) > SHOWN_SKIPPED:
            write(self.env.stderr, warning_line(
                f"... and {len(skipped) - SHOWN_SKIPPED:,} more skipped; run "
                "'articlecli validate' to see them all"))

    def settled(self, work: Callable[[Library], T], article: str | None = None) -> T:
        """``work`` on the library, which may come from the store while its folder is
        still walked (open_library's ``lookahead``); done again on the library brought
        up to date if the walk found a change. ``work`` must show nothing."""
        library = self.library(article, lookahead=True)
        try:
            result = work(library)
        except ArticleError:  # -a NEW, of a file added since: the walk will tell
            if self._stands(library):
                raise
        else:
            if self._stands(library):
                return result
        walked = library.verdict().walked
        library.close()
        self._library = None
        return work(self.library(article, walked=walked))

    def _stands(self, library: Library) -> bool:
        """The walk found the library's files as the store has them; what it warns of
        (the listing holds files only) is said now, as a walk-first run would have."""
        verdict = library.verdict()
        if verdict.same:
            self._warn_skipped(verdict.problems)
        return verdict.same

    def close(self) -> None:
        """Say which article the start of an id stood for, and let go of the store (its
        last connection tidies its WAL files away)."""
        if self._library is not None:
            for asked, found in self._library.expanded.items():
                write(self.env.stderr, warning_line(f"'{asked}' is taken as '{found}', the "
                                                    "one id it starts"))
            self._library.close()

    def _progress(self) -> "ProgressBar | None":
        """A progress bar for a long build of the store, on a terminal."""
        stream = self.env.stderr
        try:
            if stream is None or not stream.isatty():
                return None
        except (AttributeError, ValueError):
            return None
        from ..ui.progress import ProgressBar

        return ProgressBar(stream)

    @property
    def reads_stdin(self) -> bool:
        """``--data -``: the article comes from standard input."""
        return self.data is not None and str(self.data) == STDIN


STDIN = "-"


def _stdin_library(env: Environment) -> Library:
    from ..articles.files import read_input
    from ..articles.loader import parse_article

    return Library.of([parse_article(read_input(STDIN, env.stdin), "<stdin>", "stdin")])


class Program(TyperGroup):
    """The top-level command, with the single error boundary around it."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        env = extra.pop("obj", None)
        state = State(env if isinstance(env, Environment) else Environment())
        def program() -> Any:
            with contextlib.redirect_stdout(cast(TextIO, CheckedOutput(state.env.stdout))):
                return super(Program, self).main(
                    args, prog_name or "articlecli", complete_var, standalone_mode=False,
                    windows_expand_args=windows_expand_args, obj=state, **extra,
                )

        status = run_guarded(program, state.env, sys.argv[1:] if args is None else args)
        state.close()
        if standalone_mode:
            raise SystemExit(status)
        return status


app = typer.Typer(
    cls=Program,
    name="articlecli",
    help="Read a news article in the terminal, list its key points, and ask it questions.",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ArticleOption = Annotated[
    str | None,
    typer.Option("--article", "-a",
                 help="The article to use, by id (or its start), in a library folder.",
                 autocompletion=complete_article),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def given_path(value: str, option: str) -> Path:
    """A path given on the command line; an empty one is a usage error, not the
    current folder (which is what ``Path("")`` would make of it)."""
    if not value:
        raise typer.BadParameter("an empty path; give a file or folder",
                                 param_hint=f"'{option}'")
    return Path(value)


def _finite(value: float) -> float:
    """``--timeout``: click's range check lets inf and nan through."""
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number of seconds")
    return value


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        state: State = ctx.obj
        write(state.env.stdout, f"articlecli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[str | None, typer.Option(
        "--data", envvar=DATA_VARIABLE, show_envvar=True, metavar="<path>",
        help="An article file, or a folder of them, instead of the bundled article; - "
        "reads one from standard input. Files over 10 MB are refused; "
        "ARTICLECLI_MAX_BYTES raises the limit.",
    )] = None,
    color: Annotated[Color | None, typer.Option(
        "--color", case_sensitive=False, help="Colour: auto (on a terminal, unless NO_COLOR is "
        "set or FORCE_COLOR is), always or never.  [default: auto]")] = None,
    width: Annotated[int | None, typer.Option(
        "--width", "-w", click_type=at_least(0), metavar="N",
        help="Wrap at N columns (at most the terminal's; in a pipe too); 0: no wrapping.  "
        "[default: the terminal, at most 88]")] = None,
    theme: Annotated[Theme | None, typer.Option(
        "--theme", case_sensitive=False, help="Colours for a dark or a light background.  "
        "[default: dark]")] = None,
    pager: Annotated[bool | None, typer.Option(
        "--pager/--no-pager", help="Page output through $PAGER (default less) always on a "
        "terminal, or never.  [default: when longer than the screen]")] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the full traceback of an error.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse and index the articles afresh instead of using the cache "
        "(also: ARTICLECLI_NO_CACHE=1).")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Read a news article in the terminal, list its key points, and ask it questions."""
    state: State = ctx.obj
    state.env.debug = state.env.debug or debug
    config = load_config()
    state.data = given_path(data, "--data") if data is not None else config.data
    if data is not None and _from_environment(ctx, "data"):
        state.data_origin = DATA_VARIABLE
    elif data is None and config.data is not None:
        state.data_origin = f"'data' in {config_path()}"
    state.use_cache = not no_cache
    apply(state.env, config, color=color, width=width, theme=theme, pager=pager)


def _from_environment(ctx: typer.Context, name: str) -> bool:
    """Whether option ``name`` took its value from its environment variable."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "ENVIRONMENT"


@app.command()
def read(
    ctx: typer.Context,
    section: Annotated[str | None, typer.Argument(
        metavar="SECTION", help="One section, by number or by (part of) its heading.",
        autocompletion=complete_section)] = None,
    toc: Annotated[bool, typer.Option("--toc", help="List the numbered headings.")] = False,
    pager: Annotated[bool | None, typer.Option(
        "--pager/--no-pager", help="Page the output through $PAGER always, or never.  "
        "[default: when longer than the screen]")] = None,
    article: ArticleOption = None,
) -> None:
    """Show the article, or one section of it.

    The whole article is its title, dates, summary, key takeaways, every section,
    tags and FAQs. SECTION picks one section by number or by part of its heading.
    """
    state: State = ctx.obj
    if toc and section is not None:
        raise UsageError("--toc lists every heading: give it no SECTION, or leave --toc "
                         "out to read one section", ctx)
    chosen = state.article(article)
    if toc:
        blocks = toc_blocks(chosen)
    elif section is not None:
        found = chosen.find_sections(section)
        if len(found) != 1:
            raise NoSuchSection(section, [(number, part.heading) for number, part in found],
                                len(chosen.sections))
        blocks = section_blocks(*found[0])
    else:
        generated = () if chosen.key_takeaways else state.library().key_points(chosen)
        blocks = article_blocks(chosen, generated)
    if pager is not None:
        state.env.pager = pager
    show(blocks, state.env)


@app.command()
def takeaways(ctx: typer.Context, json: JsonOption = False, article: ArticleOption = None) -> None:
    """List the key takeaways, numbered.

    An article without written takeaways gets 3 to 7 key points drawn from its text,
    marked as generated by articlecli (in JSON: {"generated": true, "takeaways": [...]}).
    """
    state: State = ctx.obj
    chosen = state.article(article)
    generated = () if chosen.key_takeaways else state.library().key_points(chosen)
    if json:
        show_json({"generated": True, "takeaways": list(generated)} if generated
                  else list(chosen.key_takeaways), state.env)
    elif not (chosen.key_takeaways or generated):
        write(state.env.stderr, f"articlecli: '{clean_line(chosen.id)}' has no key takeaways\n")
    else:
        show(takeaway_blocks(chosen, generated=generated), state.env)


@app.command()
def faq(ctx: typer.Context, json: JsonOption = False, article: ArticleOption = None) -> None:
    """List the frequently asked questions and their answers."""
    state: State = ctx.obj
    chosen = state.article(article)
    if json:
        show_json(faqs_to_data(chosen), state.env)
    elif not chosen.faqs:
        write(state.env.stderr, f"articlecli: '{clean_line(chosen.id)}' has no FAQs\n")
    else:
        show(faq_blocks(chosen), state.env)


@app.command("import")
def import_(
    ctx: typer.Context,
    sources: Annotated[list[str], typer.Argument(
        metavar="SOURCE...", help="A plain-text article (see the README for its layout), an "
        "HTML page, a Markdown file, an RSS or Atom feed, an article in articlecli's YAML "
        "format, an http(s) URL of any of them, or - for standard input.")],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="<path>", help="Write the YAML here instead of printing it; "
        "a folder (needed for a feed or several sources) gets one file per article, named "
        "from its title.")]
    = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite output files that exist.")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", click_type=at_least(0.1), metavar="SECONDS", callback=_finite,
        help="Give up on a URL after this long, connecting and reading.")]
    = 30.0,
    form: Annotated[Form | None, typer.Option(
        "--from", case_sensitive=False, help="What SOURCE is (default: told from the URL's "
        "content type, the file's suffix, or its first bytes).")] = None,
) -> None:
    """Turn articles (text, web pages, Markdown, feeds) into articlecli's YAML format.

    Nothing is written unless every source imports: exit status 2 otherwise.
    """
    from ..articles.files import write_atomically
    from ..articles.importers.output import prepare

    state: State = ctx.obj
    outputs, notes = prepare(sources, given_path(output, "--output") if output is not None
                             else None, state.env.stdin, overwrite=force,
                             timeout=timeout, form=form)
    for note in notes:
        write(state.env.stderr, warning_line(note if isinstance(note, str) else describe(note)[0]))
    for planned in outputs:
        if planned.path is None:
            write(state.env.stdout, planned.yaml)
            continue
        write_atomically(planned.path, planned.yaml, overwrite=force)
        counts = ", ".join(f"{len(items)} {noun}{'s' * (len(items) != 1)}" for noun, items in (
            ("section", planned.article.sections), ("takeaway", planned.article.key_takeaways),
            ("FAQ", planned.article.faqs)))
        write(state.env.stdout, f"wrote {clean_line(str(planned.path))}: {counts}\n")


@app.command()
def validate(
    ctx: typer.Context,
    files: Annotated[list[str] | None, typer.Argument(
        metavar="[FILE]...", help="Article files or folders (default: the --data article or "
        "folder); - reads one from standard input.")] = None,
) -> None:
    """Check article files: every error and warning, as FILE:LINE:COL.

    Exit status 0 when there are no errors (warnings allowed), 1 when there are.
    """
    from ..articles.validate import check_paths, format_problem

    state: State = ctx.obj
    paths = [given_path(file, "[FILE]...") for file in files or []]
    report = check_paths(paths or [data_path(state.data)], state.env.stdin)
    emit("".join(clean_line(format_problem(problem)) + "\n" for problem in report.problems),
         state.env)
    write(state.env.stderr, f"articlecli: {report.summary()}\n")
    if report.errors:
        raise typer.Exit(ExitStatus.NOT_FOUND)


@app.command()
def export(
    ctx: typer.Context,
    form: Annotated[Format, typer.Option(
        "--format", "-f", case_sensitive=False, help="The output format.")] = Format.JSON,
    article: ArticleOption = None,
) -> None:
    """Print the article as JSON, YAML, Markdown or plain text.

    JSON has the YAML's keys, with ISO 8601 dates; text is what 'read' prints. Key
    points articlecli draws from the text are not part of the article: no format has them.
    """
    from ..ui.export import export_article

    state: State = ctx.obj
    emit(export_article(state.article(article), form), state.env)


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(
        metavar="TERMS...", help="Words to find; a hit holds all of them, in any form.")],
    top: Annotated[int, typer.Option(
        "--top", "-n", click_type=at_least(0), metavar="N",
        help="Show only the hits of the N best-matching articles (0, the default: all).")] = 0,
    json: JsonOption = False,
    article: ArticleOption = None,
) -> None:
    """Find words in titles, summaries, takeaways, sections and FAQs.

    Case does not matter, and other forms of a word count ("talk" finds "talks").
    Exit status 1 when nothing matches.
    """
    from ..ui.views import hit_blocks, more_articles

    state: State = ctx.obj
    found = state.settled(lambda library: library.search(terms, article, top or None), article)
    if json:
        show_json([hit.to_json() for hit in found.hits], state.env)
        if found.left_out > 0:
            write(state.env.stderr, f"articlecli: {more_articles(found.left_out)}\n")
    elif found.hits:
        show(hit_blocks(found.hits, found.left_out), state.env)
    else:
        write(state.env.stderr, f"articlecli: no matches for {clean_line(' '.join(terms))}\n")
    if not found.hits:
        raise typer.Exit(ExitStatus.NOT_FOUND)


@app.command("list")
def list_articles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the articles (id, date, title, category), newest first."""
    from ..ui.views import catalogue_blocks

    state: State = ctx.obj
    entries = state.settled(Library.catalogue)
    if json:
        show_json(entries, state.env)
    else:
        show(catalogue_blocks(entries), state.env)


@app.command()
def ask(
    ctx: typer.Context,
    words: Annotated[list[str] | None, typer.Argument(
        metavar="[QUESTION]...", help="In your own words (quotes are optional: the words "
        "are joined with spaces). Without it: one question per line of "
        "standard input, or a prompt on a terminal.")] = None,
    top: Annotated[int, typer.Option(
        "--top", "-n", click_type=at_least(1), metavar="N",
        help="Show the N best candidates.")] = 1,
    json: Annotated[bool, typer.Option(
        "--json", help="Print one line of JSON per question (JSON Lines).")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Also show how each question word was matched, and the scores "
        "of the candidates.")] = False,
    article: ArticleOption = None,
) -> None:
    """Answer a question from the FAQs or the text of the articles.

    Shows the FAQ entry that answers it, or else the passage, under its section
    heading. Exit status 1 when the articles do not answer it (in batch, any question).
    """
    from ..ui.session import AskOptions, answer_one, ask_session, show_answer

    state: State = ctx.obj
    question = " ".join(words) if words else None
    if question is None and state.reads_stdin:
        raise typer.BadParameter("give a QUESTION: standard input holds the article "
                                 "(--data -)", param_hint="'[QUESTION]'")
    failed: list[int] = []

    def report(error: ArticleError, line: int | None) -> None:
        message = describe(error)[0]
        write(state.env.stderr, error_line(f"line {line}: {message}" if line else message))
        if line is not None:  # in a batch; at the prompt the reader saw it and went on
            failed.append(line)

    options = AskOptions(top, json, explain)
    if question is not None:  # one answer: found before the library's walk is done
        answered = show_answer(state.env, state.settled(
            lambda library: answer_one(library.index(article), question, top), article),
            options)
    else:
        answered = ask_session(state.env, state.library(article).index(article), options,
                               report)
    if failed:
        raise typer.Exit(ExitStatus.USAGE)
    if not answered:
        raise typer.Exit(ExitStatus.NOT_FOUND)


@app.command()
def browse(ctx: typer.Context, article: ArticleOption = None) -> None:
    """Read full-screen, with the contents, search and ask.

    Keys: / searches, a asks, Tab goes to the contents, ? lists the keys, q quits.
    On a library folder it opens on the list of its articles. It needs a terminal;
    'read' prints the article instead.
    """
    state: State = ctx.obj
    for stream, isatty in (("standard output", state.env.stdout_isatty),
                           ("standard input", state.env.stdin_isatty)):
        if not isatty:
            raise NotATerminal("browse", stream)
    from ..ui.browse.app import run_browser  # Textual: only for this command

    run_browser(state.library(), article, width=state.env.wrap, theme=state.env.theme,
                no_color=state.env.no_color)


cache_app = typer.Typer(
    name="cache", help="Show or clear the cache of parsed and indexed articles.",
    no_args_is_help=True, rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(cache_app)


@cache_app.command("info")
def cache_info(ctx: typer.Context, json: JsonOption = False) -> None:
    """Show where the cache is, and each library's database: size, articles, last use.

    Databases of libraries unused for 30 days are removed when the cache is next written.
    """
    from ..store.location import cache_dir, cache_enabled
    from ..store.maintenance import PRUNE_DAYS, info
    from ..ui.cachereport import cache_data, cache_lines

    state: State = ctx.obj
    folder = cache_dir()
    found = info(folder) if folder is not None else []
    enabled = cache_enabled() and folder is not None
    if json:
        show_json(cache_data(folder, enabled, found), state.env)
    else:
        write(state.env.stdout, "".join(clean_line(line) + "\n" for line in cache_lines(
            folder, cache_enabled(), found, PRUNE_DAYS)))


@cache_app.command("clear")
def cache_clear(ctx: typer.Context) -> None:
    """Remove every database from the cache (each library is indexed again when next used)."""
    from ..store.location import cache_dir
    from ..store.maintenance import clear
    from ..ui.cachereport import size_text

    state: State = ctx.obj
    folder = cache_dir()
    if folder is None:
        write(state.env.stdout, "no cache to clear (no usable home folder)\n")
        return
    freed = clear(folder)
    write(state.env.stdout, f"cleared {clean_line(str(folder))}: {size_text(freed)} freed\n")


def main() -> None:
    app(prog_name="articlecli")
