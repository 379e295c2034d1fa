"""The command line: each command parses, asks the core, and hands the result to
rendering. Errors are mapped to exit codes in one place, ``Program.main``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..articles.schema import faqs_to_data
from ..errors import NoSuchSection, NotATerminal, NotRoundTrip
from ..safetext import clean
from ..store.library import DATA_VARIABLE, Library, data_path, open_library
from ..ui.export import Format
from ..ui.render import show, show_json, warning_line
from ..ui.terminal import Environment, write
from ..ui.views import (
    article_blocks,
    faq_blocks,
    section_blocks,
    takeaway_blocks,
    toc_blocks,
)
from .boundary import run_guarded
from .status import ExitStatus


@dataclass
class State:
    """What every command shares: where output goes and which articles to use."""

    env: Environment
    data: Path | None = None
    use_cache: bool = True
    _library: Library | None = field(default=None, repr=False)

    def library(self) -> Library:
        if self._library is None:
            self._library = open_library(data_path(self.data), use_cache=self.use_cache)
            for problem in self._library.skipped:
                write(self.env.stderr, warning_line(f"skipped {problem}"))
        return self._library


class Program(TyperGroup):
    """The top-level command, with the single error boundary around it."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        env = extra.pop("obj", None)
        state = State(env if isinstance(env, Environment) else Environment())
        def program() -> Any:
            return super(Program, self).main(
                args, prog_name or "articlecli", complete_var, standalone_mode=False,
                windows_expand_args=windows_expand_args, obj=state, **extra,
            )

        status = run_guarded(program, state.env)
        if standalone_mode:
            raise SystemExit(status)
        return status


app = typer.Typer(
    cls=Program,
    name="articlecli",
    help="Read a news article in the terminal, list its key points, and ask it questions.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ArticleOption = Annotated[
    str | None,
    typer.Option("--article", "-a", help="The article to use, by id, in a library folder."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        state: State = ctx.obj
        write(state.env.stdout, f"articlecli {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option(
        "--data", envvar=DATA_VARIABLE, show_envvar=True,
        help="An article file, or a folder of them, instead of the bundled article. "
        "Files over 10 MB are refused; ARTICLECLI_MAX_BYTES raises the limit.",
    )] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the full traceback of an error.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse the articles afresh instead of using the cache of parsed "
        "articles (also: ARTICLECLI_NO_CACHE=1).")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Read a news article in the terminal, list its key points, and ask it questions."""
    state: State = ctx.obj
    state.data = data
    state.use_cache = not no_cache
    state.env.debug = state.env.debug or debug


@app.command()
def read(
    ctx: typer.Context,
    section: Annotated[str | None, typer.Argument(
        metavar="SECTION", help="One section, by number or by (part of) its heading.")] = None,
    toc: Annotated[bool, typer.Option("--toc", help="List the numbered headings.")] = False,
    pager: Annotated[bool, typer.Option("--pager", help="Page the output through $PAGER.")]
    = False,
    article: ArticleOption = None,
) -> None:
    """Show the article, or one section of it.

    The whole article is its title, dates, summary, key takeaways, every section,
    tags and FAQs. SECTION picks one section by number or by part of its heading.
    """
    state: State = ctx.obj
    chosen = state.library().only(article)
    if toc:
        blocks = toc_blocks(chosen)
    elif section is not None:
        found = chosen.find_sections(section)
        if len(found) != 1:
            raise NoSuchSection(section, [(number, part.heading) for number, part in found])
        blocks = section_blocks(*found[0])
    else:
        blocks = article_blocks(chosen)
    show(blocks, state.env, pager=pager)


@app.command()
def takeaways(ctx: typer.Context, json: JsonOption = False, article: ArticleOption = None) -> None:
    """List the key takeaways, numbered."""
    state: State = ctx.obj
    chosen = state.library().only(article)
    if json:
        show_json(list(chosen.key_takeaways), state.env)
    elif not chosen.key_takeaways:
        write(state.env.stderr, f"articlecli: '{clean(chosen.id)}' has no key takeaways\n")
    else:
        show(takeaway_blocks(chosen), state.env)


@app.command()
def faq(ctx: typer.Context, json: JsonOption = False, article: ArticleOption = None) -> None:
    """List the frequently asked questions and their answers."""
    state: State = ctx.obj
    chosen = state.library().only(article)
    if json:
        show_json(faqs_to_data(chosen), state.env)
    elif not chosen.faqs:
        write(state.env.stderr, f"articlecli: '{clean(chosen.id)}' has no FAQs\n")
    else:
        show(faq_blocks(chosen), state.env)


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(
        metavar="FILE", help="A plain-text article (see the README for its layout); - reads "
        "standard input.")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the YAML here instead of printing it.")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Overwrite the output file if it exists.")] = False,
) -> None:
    """Turn a plain-text article into articlecli's YAML format."""
    from ..articles.files import STDIO, read_input, write_atomically
    from ..articles.importer import import_text
    from ..articles.loader import dump_yaml, parse_article

    state: State = ctx.obj
    name = "<stdin>" if file == STDIO else file
    article = import_text(read_input(file, state.env.stdin), name)
    text = dump_yaml(article)
    if parse_article(text, name) != article:
        raise NotRoundTrip(name)
    if output is None or str(output) == STDIO:
        write(state.env.stdout, text)
        return
    write_atomically(output, text, overwrite=force)
    write(state.env.stdout, f"wrote {output}: {len(article.sections)} sections, "
                            f"{len(article.key_takeaways)} takeaways, {len(article.faqs)} FAQs\n")


@app.command()
def validate(
    ctx: typer.Context,
    files: Annotated[list[Path] | None, typer.Argument(
        metavar="[FILE]...", help="Article files or folders (default: the --data article or "
        "folder).")] = None,
) -> None:
    """Check article files: every error and warning, as FILE:LINE:COL.

    Exit status 0 when there are no errors (warnings allowed), 1 when there are.
    """
    from ..articles.validate import check_paths, format_problem

    state: State = ctx.obj
    report = check_paths(files or [data_path(state.data)])
    write(state.env.stdout, "".join(clean(format_problem(problem)) + "\n"
                                    for problem in report.problems))
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

    JSON has the YAML's keys, with ISO 8601 dates; text is what 'read' prints.
    """
    from ..ui.export import export as export_article

    state: State = ctx.obj
    write(state.env.stdout, export_article(state.library().only(article), form))


@app.command()
def search(
    ctx: typer.Context,
    terms: Annotated[list[str], typer.Argument(
        metavar="TERMS...", help="Words to find; a hit holds all of them, in any form.")],
    json: JsonOption = False,
    article: ArticleOption = None,
) -> None:
    """Find words in titles, summaries, takeaways, sections and FAQs.

    Case does not matter, and other forms of a word count ("talk" finds "talks").
    Exit status 1 when nothing matches.
    """
    from ..articles.search import search as find
    from ..ui.views import hit_blocks

    state: State = ctx.obj
    hits = find(state.library().select(article), terms)
    if json:
        show_json([hit.to_json() for hit in hits], state.env)
    elif hits:
        show(hit_blocks(hits), state.env)
    else:
        write(state.env.stderr, f"articlecli: no matches for {clean(' '.join(terms))}\n")
    if not hits:
        raise typer.Exit(ExitStatus.NOT_FOUND)


@app.command("list")
def list_articles(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the articles (id, published, title, category), newest first."""
    from ..store.library import catalogue
    from ..ui.views import catalogue_blocks

    state: State = ctx.obj
    entries = catalogue(state.library().articles)
    if json:
        show_json(entries, state.env)
    else:
        show(catalogue_blocks(entries), state.env)


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str | None, typer.Argument(
        metavar="[QUESTION]", help="In your own words. Without it: one question per line of "
        "standard input, or a prompt on a terminal.")] = None,
    top: Annotated[int, typer.Option(
        "--top", "-n", min=1, metavar="N", help="Show the N best candidates.")] = 1,
    json: Annotated[bool, typer.Option(
        "--json", help="Print one line of JSON per question (JSON Lines).")] = False,
    article: ArticleOption = None,
) -> None:
    """Answer a question from the FAQs or the text of the articles.

    Shows the FAQ entry that answers it, or else the passage, under its section
    heading. Exit status 1 when the articles do not answer it (in batch, any question).
    """
    from ..ui.session import ask_session

    state: State = ctx.obj
    if not ask_session(state.env, state.library().index(article), question, top=top,
                       as_json=json):
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
    from ..ui.browse.app import browse as run_reader  # Textual: only for this command

    run_reader(state.library(), article, no_color=state.env.no_color)


def main() -> None:
    app(prog_name="articlecli")
