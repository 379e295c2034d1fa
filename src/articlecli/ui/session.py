"""The ``ask`` command's session: one question, a batch from standard input, or
an interactive prompt; each result shown as text or as one line of JSON."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import EmptyQuestion, QuestionTooLong
from ..qa.matcher import Index, Result, result_to_json, search_index
from ..safetext import to_json
from .answerviews import answer_blocks
from .render import show
from .terminal import Environment, write
from .views import Block, Kind

PROMPT = "ask> "
# A question is a sentence or two; past this the matcher would take seconds for
# no better answer.
MAX_QUESTION_CHARS = 1000


def ask_session(env: Environment, index: Index, question: str | None, *, top: int,
        as_json: bool) -> bool:
    """Answer ``question``; without one, every line of standard input (a prompt
    loop on a terminal). True when every question was answered; at the prompt always
    True, as the reader has seen each answer."""
    if question is not None and not question.strip():
        raise EmptyQuestion()
    articles = len(set(index["articles"]))  # for "in the article" or "in the 3 articles"
    if question is not None:
        return _answer(env, index, question, top, as_json, articles).answered
    if env.stdin_isatty:
        for line in _prompted_lines(env):
            _answer(env, index, line, top, as_json, articles)
        return True
    results: list[Result] = []
    # Answer each line as it arrives, so ask works as a filter on a live stream.
    for line in iter(env.stdin.readline, ""):
        if not line.strip():
            continue
        if results and not as_json:
            write(env.stdout, "\n")
        results.append(_answer(env, index, line, top, as_json, articles, echo=True))
    return all(result.answered for result in results)


def _answer(env: Environment, index: Index, question: str, top: int, as_json: bool,
            articles: int, *, echo: bool = False) -> Result:
    """Show one result; ``echo`` puts the question above its answer (batch output
    would not say which answer is which otherwise)."""
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(len(question), MAX_QUESTION_CHARS)
    result = search_index(index, question, top)
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

