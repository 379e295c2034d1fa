"""What each core error says to the user, and the exit status it ends with: one table."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import errors
from ..articles.paths import missing_reason
from ..safetext import excerpt
from .status import ExitStatus

SHOWN_NAMES = 5  # ids listed in an error line before "and N more"


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:SHOWN_NAMES])
    more = len(names) - SHOWN_NAMES
    return f"{shown} and {more} more (see 'articlecli list')" if more > 0 else shown


def _data(error: errors.DataError) -> str:
    more = len(error.problems) - 1
    tail = f" (and {more} more; run 'articlecli validate' to see all)" if more else ""
    return f"{error.problems[0]}{tail}"


def _not_found(error: errors.ArticleNotFound) -> str:
    asked = excerpt(error.article_id)
    close = _close_ids(error.article_id, error.known)
    if close:
        return f"no article '{asked}'; did you mean: {', '.join(close)}?"
    if len(error.known) <= SHOWN_NAMES:
        return f"no article '{asked}'; articles: {', '.join(error.known)}"
    folded = {known.casefold(): known for known in error.known}
    near = difflib.get_close_matches(error.article_id.casefold(), folded, n=SHOWN_NAMES)
    if near:
        return f"no article '{asked}'; did you mean: {', '.join(folded[n] for n in near)}?"
    return f"no article '{asked}' (see 'articlecli list')"


def _close_ids(asked: str, known: Sequence[str]) -> list[str]:
    """The ids ``asked`` names but for case, or starts (ignoring case), or whose last
    part (after the folders) it starts: ``WIND`` for ``wind``, ``harrowby`` for
    ``feed/harrowby-market``."""
    folded = asked.casefold()
    found = [known_id for known_id in known if known_id.casefold() == folded]
    found += [known_id for known_id in known if known_id.casefold().startswith(folded)
              or known_id.rpartition("/")[2].casefold().startswith(folded)]
    return list(dict.fromkeys(found))[:SHOWN_NAMES]


def _ambiguous(error: errors.AmbiguousArticle) -> str:
    return (f"'{excerpt(error.article_id)}' is the start of {len(error.matches)} article ids: "
            f"{_names(error.matches)}; give more of the id")


def _broken(error: errors.BrokenArticle) -> str:
    import shlex  # here: a warm run loads no more than it needs (test_architecture)

    more = f" (and {error.count - 1} more)" if error.count > 1 else ""
    return (f"article '{excerpt(error.article_id)}' has errors: {error.problem}{more}; "
            f"run 'articlecli validate {shlex.quote(error.problem.file)}' to see them all")


def _section(error: errors.NoSuchSection) -> str:
    if not error.matches:
        number = error.query.strip()
        numbered = f"; they are numbered 1 to {error.sections}" \
            if number.isascii() and number.isdigit() and error.sections else ""
        return (f"no section matches '{excerpt(error.query)}'{numbered} "
                "(see 'articlecli read --toc')")
    listed = "; ".join(f"{number}. {heading}" for number, heading in error.matches)
    return (f"'{excerpt(error.query)}' matches {len(error.matches)} sections: {listed}; "
            "give its number")


def _config(error: errors.BadConfig) -> str:
    if error.key is None:
        return f"{error.file}: {error.expected}"
    got = f"; got {error.got}" if error.got is not None else ""
    return f"{error.file}: {error.key}: expected {error.expected}{got}"


def _ambiguous_date(error: errors.AmbiguousDate) -> str:
    where = f"{error.source}:{error.line}" if error.line is not None else error.source
    correct = error.other.isoformat(sep=" ") if isinstance(error.other, datetime) \
        else error.other.isoformat()
    return (f"{where}: {error.field} '{error.written}' is read day first, as "
            f"{_day(error.read)}; if it means {_day(error.other)} (month first), edit "
            f"'{error.field}' to {correct}")


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _no_article_text(error: errors.NoArticleText) -> str:
    if error.found is not None:
        return f"no {error.found} found in {error.source}"
    if error.length:  # some text, too little to be an article (an error page, a stub)
        return (f"no article text found in {error.source}: {error.length:,} characters of "
                f"text, where an article has {error.needed:,} at least")
    return f"no article text found in {error.source}"


def _left_out(error: errors.EntryLeftOut) -> str:
    if isinstance(error.cause, errors.NoArticleText):
        return f"{error.entry}: no article text found; left out"
    return f"{error.entry}: {describe(error.cause)[0]}; left out"


def _several(error: errors.SeveralArticles) -> str:
    message = f"{error.count:,} articles to write: give -o a folder for them" \
        if error.count != 1 else "1 article (from a feed) to write: give -o a folder for it"
    if error.output is None:
        return message
    if error.exists:
        return f"{message} ({error.output} is a file)"
    return f"{message} ({error.output} names a YAML file)"


def _scheme(error: errors.UnsupportedScheme) -> str:
    if error.redirected_from:
        return (f"cannot fetch {error.redirected_from}: it redirects to {error.url}, and only "
                "http and https URLs are fetched")
    return f"cannot fetch {error.url}: only http and https URLs are fetched"


_OUTPUT = {
    errors.OutputRefused.EXISTS: "{path} already exists; use --force to overwrite it",
    errors.OutputRefused.FOLDER: "cannot write {path}: it is a folder",
    errors.OutputRefused.SOURCE: "will not write {path}: it is the file being imported "
                                 "(give -o another path)",
    errors.OutputRefused.NOT_REGULAR: "cannot write {path}: not a regular file (leave out -o "
                                      "to print to standard output)",
    errors.OutputRefused.DANGLING: "{path} is a link to a missing file; use --force to "
                                   "create that file through it",
}

MESSAGES: dict[type[errors.ArticleError], tuple[Callable[[Any], str], ExitStatus]] = {
    errors.DataError: (_data, ExitStatus.USAGE),
    errors.NoSuchPath: (lambda e: f"{missing_reason(Path(e.path))}: {e.path}"
                        + (f" (named by {e.origin})" if e.origin else ""), ExitStatus.USAGE),
    errors.NoArticleFiles: (lambda e: f"no article files (*.yaml, *.yml) in {e.folder}",
                            ExitStatus.USAGE),
    errors.ArticleNotFound: (_not_found, ExitStatus.USAGE),
    errors.BrokenArticle: (_broken, ExitStatus.USAGE),
    errors.AmbiguousArticle: (_ambiguous, ExitStatus.USAGE),
    errors.AmbiguousLibrary: (lambda e: f"this library has {len(e.ids)} articles; choose one "
                              f"with --article: {_names(e.ids)}", ExitStatus.USAGE),
    errors.NoSuchSection: (_section, ExitStatus.USAGE),
    errors.EmptyQuestion: (lambda e: "the question is empty; ask something, e.g. articlecli "
                           "ask 'what happened'", ExitStatus.USAGE),
    errors.QuestionTooLong: (lambda e: f"the question is {e.length:,} characters long; "
                             f"ask in at most {e.limit:,}", ExitStatus.USAGE),
    errors.NothingToSearch: (lambda e: "nothing to search for: give one or more words",
                             ExitStatus.USAGE),
    errors.BadSetting: (lambda e: f"{e.name} must be {e.expected}; got '{excerpt(e.value)}'",
                        ExitStatus.USAGE),
    errors.OutputRefused: (lambda e: _OUTPUT[e.reason].format(path=e.path), ExitStatus.USAGE),
    errors.WriteFailed: (lambda e: f"cannot write {e.path}: {e.reason}", ExitStatus.USAGE),
    errors.CannotRemove: (lambda e: f"cannot remove {e.path}: {e.reason}" + (
        f" (and {e.others:,} more database{'s' * (e.others != 1)})" if e.others else ""),
        ExitStatus.USAGE),
    errors.OutputTooBig: (lambda e: f"{e.name}: the article would be {e.size:,} bytes of YAML, "
                          f"over the limit of {e.limit:,} that reading it allows (set "
                          "ARTICLECLI_MAX_BYTES to raise it)", ExitStatus.USAGE),
    errors.NotRoundTrip: (lambda e: f"{e.name}: the article cannot be written as YAML that "
                          "reads back the same (please report this)", ExitStatus.INTERNAL),
    errors.NotATerminal: (lambda e: f"{e.command} needs a terminal, and {e.stream} is not one; "
                          "'articlecli read' prints the article instead", ExitStatus.USAGE),
    errors.PagerFailed: (lambda e: f"cannot start the pager '{e.command}' ({e.source}): "
                         f"{e.reason}", ExitStatus.USAGE),
    errors.BadConfig: (_config, ExitStatus.USAGE),
    errors.FetchFailed: (lambda e: f"cannot fetch {e.url}: {e.reason}", ExitStatus.USAGE),
    errors.UnsupportedScheme: (_scheme, ExitStatus.USAGE),
    errors.HttpStatus: (lambda e: f"cannot fetch {e.url}: the server answered {e.status} "
                        f"{e.reason}".rstrip(), ExitStatus.USAGE),
    errors.WrongContentType: (lambda e: f"cannot import {e.url}: it is {e.content_type}, not a "
                              "web page, feed or text", ExitStatus.USAGE),
    errors.PageTooLarge: (lambda e: f"cannot import {e.url}: it is over the limit of "
                          f"{e.limit:,} bytes (set ARTICLECLI_MAX_BYTES to raise it)",
                          ExitStatus.USAGE),
    errors.NoArticleText: (_no_article_text, ExitStatus.USAGE),
    errors.EntryLeftOut: (_left_out, ExitStatus.USAGE),
    errors.AmbiguousDate: (_ambiguous_date, ExitStatus.USAGE),
    errors.SeveralArticles: (_several, ExitStatus.USAGE),
    errors.InstallationDamaged: (lambda e: f"articlecli's own data file {e.path} cannot be read "
                                 f"({e.reason}): reinstall articlecli", ExitStatus.INTERNAL),
    errors.StoreDamaged: (lambda e: f"the cache {e.path} is damaged; it was moved aside and "
                          "the next run rebuilds it (or use --no-cache)", ExitStatus.USAGE),
}


def describe(error: errors.ArticleError) -> tuple[str, ExitStatus]:
    """The one-line message and exit status for ``error`` (the nearest listed class)."""
    for kind in type(error).__mro__:
        if kind in MESSAGES:
            format_message, status = MESSAGES[kind]
            return format_message(error), status
    return str(error), ExitStatus.USAGE
