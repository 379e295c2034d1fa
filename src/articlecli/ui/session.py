"""The ``ask`` command's session: one question, a batch from standard input, or
an interactive prompt; each result shown as text or as one line of JSON."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import ExitStatus, UsageError
from ..qa.matcher import Index, Result, result_to_json, search_index
from ..safetext import to_json
from .answerviews import answer_blocks
from .render import show
from .terminal import Environment, write
from .views import Block, Kind

PROMPT = "ask> "


def ask(env: Environment, index: Index, question: str | None, *, top: int,
        as_json: bool) -> ExitStatus:
    """Answer ``question``; without one, every line of standard input (a prompt
    loop on a terminal). The status is NOT_FOUND when any question went unanswered,
    except at the prompt, where the reader has seen each answer."""
    if question is not None and not question.strip():
        raise UsageError("the question is empty; ask something, e.g. articlecli ask "
                         "'what did Putin say'")
    articles = len(set(index["articles"]))  # for "in the article" or "in the 3 articles"
    if question is not None:
        return _status([_answer(env, index, question, top, as_json, articles)])
    if env.stdin_isatty:
        for line in _prompted_lines(env):
            _answer(env, index, line, top, as_json, articles)
        return ExitStatus.OK
    results: list[Result] = []
    # Answer each line as it arrives, so ask works as a filter on a live stream.
    for line in iter(env.stdin.readline, ""):
        if not line.strip():
            continue
        if results and not as_json:
            write(env.stdout, "\n")
        results.append(_answer(env, index, line, top, as_json, articles, echo=True))
    return _status(results)


def _answer(env: Environment, index: Index, question: str, top: int, as_json: bool,
            articles: int, *, echo: bool = False) -> Result:
    """Show one result; ``echo`` puts the question above its answer (batch output
    would not say which answer is which otherwise)."""
    result = search_index(index, question.strip(), top)
    if as_json:
        write(env.stdout, to_json(result_to_json(result), lines=True) + "\n")
    else:
        asked = [Block(Kind.TITLE, result.query)] if echo else []
        show([*asked, *answer_blocks(result, articles=articles)], env)
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


def _status(results: list[Result]) -> ExitStatus:
    return ExitStatus.OK if all(result.answered for result in results) else ExitStatus.NOT_FOUND
