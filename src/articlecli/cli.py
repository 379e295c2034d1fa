"""The command line: each command parses, asks the core, and hands the result to
rendering. Errors are mapped to exit codes in one place, ``Program.main``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__
from .boundary import run_guarded
from .errors import UsageError
from .library import DATA_VARIABLE, Library, data_path, open_library
from .render import show, show_json, warning_line
from .terminal import Environment, write
from .views import (
    article_blocks,
    faq_blocks,
    section_blocks,
    section_list,
    takeaway_blocks,
    toc_blocks,
)


@dataclass
class State:
    """What every command shares: where output goes and which articles to use."""

    env: Environment
    data: Path | None = None
    _library: Library | None = field(default=None, repr=False)

    def library(self) -> Library:
        if self._library is None:
            self._library = open_library(data_path(self.data))
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"articlecli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option(
        "--data", envvar=DATA_VARIABLE, show_envvar=True,
        help="An article file, or a folder of them, instead of the bundled article.",
    )] = None,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Show the full traceback of an error.")] = False,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Read a news article in the terminal, list its key points, and ask it questions."""
    state: State = ctx.obj
    state.data = data
    state.env.debug = state.env.debug or debug


@app.command()
def read(
    ctx: typer.Context,
    section: Annotated[str | None, typer.Argument(
        help="One section, by number or by (part of) its heading.")] = None,
    toc: Annotated[bool, typer.Option("--toc", help="List the numbered headings.")] = False,
    pager: Annotated[bool, typer.Option("--pager", help="Page the output through $PAGER.")]
    = False,
    article: ArticleOption = None,
) -> None:
    """Show the article: title, dates, summary, takeaways, sections, tags and FAQs."""
    state: State = ctx.obj
    chosen = state.library().only(article)
    if toc:
        blocks = toc_blocks(chosen)
    elif section is not None:
        found = chosen.find_section(section)
        if found is None:
            raise UsageError(f"no section matches '{section}'; sections: {section_list(chosen)}")
        blocks = section_blocks(*found)
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
    else:
        show(takeaway_blocks(chosen), state.env)


@app.command()
def faq(ctx: typer.Context, json: JsonOption = False, article: ArticleOption = None) -> None:
    """List the frequently asked questions and their answers."""
    state: State = ctx.obj
    chosen = state.library().only(article)
    if json:
        show_json([{"question": item.question, "answer": item.answer} for item in chosen.faqs],
                  state.env)
    else:
        show(faq_blocks(chosen), state.env)


def main() -> None:
    app(prog_name="articlecli")
