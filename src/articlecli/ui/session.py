"""The ``ask`` command's session: one question, a batch from standard input, or
an interactive prompt; each result shown as text or as one line of JSON."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import EmptyQuestion
from ..qa.index import Index
from ..qa.matcher import Result, result_to_json, search_index
from ..safetext import to_json
from .render import show
from .terminal import Environment, write
from .views import Block, Kind, answer_blocks

PROMPT = "ask> "


@dataclass(frozen=True)
class AskOptions:
    top: int = 1  # candidates shown
    as_json: bool = False  # one line of JSON per question
    explain: bool = False  # how the words matched, and the candidates' scores


def ask_session(env: Environment, index: Index, question: str | None,
                options: AskOptions) -> bool:
    """Answer ``question``; without one, every line of standard input (a prompt
    loop on a terminal). True when every question was answered; at the prompt always
    True, as the reader has seen each answer."""
    if question is not None and not question.strip():
        raise EmptyQuestion()
    articles = len(index.articles)  # for "in the article" or "in the 3 articles"
    if question is not None:
        return _answer(env, index, question, options, articles).answered
    if env.stdin_isatty:
        for line in _prompted_lines(env):
            _answer(env, index, line, options, articles)
        return True
    results: list[Result] = []
    # Answer each line as it arrives, so ask works as a filter on a live stream.
    for line in iter(env.stdin.readline, ""):
        if not line.strip():
            continue
        if results and not options.as_json:
            write(env.stdout, "\n")
        results.append(_answer(env, index, line, options, articles, echo=True))
    return all(result.answered for result in results)


def _answer(env: Environment, index: Index, question: str, options: AskOptions,
            articles: int, *, echo: bool = False) -> Result:
    """Show one result; ``echo`` puts the question above its answer (batch output
    would not say which answer is which otherwise)."""
    result = search_index(index, question.strip(), options.top)
    if options.as_json:
        write(env.stdout, to_json(result_to_json(result, explain=options.explain), lines=True)
              + "\n")
    else:
        asked = [Block(Kind.TITLE, result.query)] if echo else []
        show([*asked, *answer_blocks(result, articles=articles, explain=options.explain)], env)
    return result


def _prompted_lines(env: Environment) -> Iterator[str]:
    """Questions typed at the prompt, until an empty line or end of input."""
    while True:
        write(env.stdout, PROMPT)
        try:
            line = env.stdin.readline()
        except KeyboardInterrupt:
            write(env.stdout, "\n")  # Ctrl-C: the shell's prompt starts on a new line
            raise
        if not line.strip():
            if not line:
                write(env.stdout, "\n")  # end of input: leave the shell's prompt on a new line
            return
        yield line.strip()
        write(env.stdout, "\n")

