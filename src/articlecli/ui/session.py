"""The ``ask`` command's session: one question, a batch from standard input, or
an interactive prompt; each result shown as text or as one line of JSON."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..errors import ArticleError, EmptyQuestion, QuestionTooLong
from ..qa.index import Index
from ..qa.matcher import Result, result_to_json, search_index
from ..safetext import to_json
from .prompt import prompted_lines
from .render import show
from .terminal import Environment, write
from .views import Block, Kind, answer_blocks

# A question is a sentence or two; past this the matcher would take seconds for
# no better answer.
MAX_QUESTION_CHARS = 1000


class AskOptions(NamedTuple):  # not a dataclass: made on every ask, at a fifth of the cost
    top: int = 1  # candidates shown
    as_json: bool = False  # one line of JSON per question
    explain: bool = False  # how the words matched, and the candidates' scores


# Shows an error in one of many questions (and its line of standard input, in a
# batch) without ending the session: the other questions are still answered.
Reporter = Callable[[ArticleError, "int | None"], None]


def ask_session(env: Environment, index: Index, options: AskOptions,
                report: Reporter | None = None) -> bool:
    """Answer every line of standard input (a prompt loop on a terminal); one
    question is ``answer_one`` and ``show_answer``. True when every question was
    answered; at the prompt always True, as the reader has seen each answer. A
    question that cannot be asked (too long) goes to ``report``, and the session goes
    on."""
    articles = len(index.articles)  # for "in the article" or "in the 3 articles"
    if env.stdin_isatty:
        for line in prompted_lines(env, articles):
            with _reported(report, None):
                _answer(env, index, _checked(line), options, articles, paged=False)
        return True
    results: list[Result] = []
    # Answer each line as it arrives, so ask works as a filter on a live stream.
    for number, line in enumerate(iter(env.stdin.readline, ""), start=1):
        if not line.strip():
            continue
        with _reported(report, number):
            question = _checked(line)
            if results and not options.as_json:
                write(env.stdout, "\n")
            results.append(_answer(env, index, question, options, articles, echo=True,
                                   paged=False))
    return all(result.answered for result in results)


class Answered(NamedTuple):
    """One question's result, and how many articles it was asked of ("in the article"
    or "in the 3 articles")."""

    result: Result
    articles: int


def answer_one(index: Index, question: str, top: int) -> Answered:
    """The answer to one question, not yet shown."""
    if not question.strip():
        raise EmptyQuestion()
    return Answered(search_index(index, _checked(question), top), len(index.articles))


def show_answer(env: Environment, answer: Answered, options: AskOptions) -> bool:
    """Show ``answer``; True if the question was answered."""
    _show(env, answer.result, options, answer.articles)
    return answer.result.answered


def _checked(question: str) -> str:
    """The question without surrounding space; QuestionTooLong past the limit."""
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(len(question), MAX_QUESTION_CHARS)
    return question


@contextlib.contextmanager
def _reported(report: Reporter | None, line: int | None) -> Iterator[None]:
    try:
        yield
    except QuestionTooLong as error:
        if report is None:
            raise
        report(error, line)


def _answer(env: Environment, index: Index, question: str, options: AskOptions,
            articles: int, *, echo: bool = False, paged: bool = True) -> Result:
    """Show one result; ``echo`` puts the question above its answer (batch output
    would not say which answer is which otherwise)."""
    result = search_index(index, question, options.top)
    _show(env, result, options, articles, echo=echo, paged=paged)
    return result


def _show(env: Environment, result: Result, options: AskOptions, articles: int, *,
          echo: bool = False, paged: bool = True) -> None:
    if options.as_json:
        write(env.stdout, to_json(result_to_json(result, explain=options.explain), lines=True)
              + "\n")
    else:
        asked = [Block(Kind.TITLE, result.query)] if echo else []
        show([*asked, *answer_blocks(result, articles=articles, explain=options.explain)], env,
             paged=paged)

