"""The errors the core raises. Each carries the facts of what went wrong; the
command line's boundary (cli/boundary.py) decides the wording and exit status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or suspicious) in an article file, with where it is."""

    file: str
    line: int
    column: int
    message: str
    field: str | None = None
    severity: str = "error"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    @property
    def detail(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.detail}"


class ArticleError(Exception):
    """Something a user asked for, or gave, that cannot be done."""


class DataError(ArticleError):
    """An article (file, stream or page) that cannot be read. Carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]))


class NoSuchPath(ArticleError):
    """A path that does not exist; ``origin`` says where it was named, if not on the
    command line ("ARTICLECLI_DATA", "'data' in ~/.config/articlecli/config.toml")."""

    def __init__(self, path: str, origin: str | None = None) -> None:
        self.path, self.origin = path, origin
        super().__init__(path)


class NoArticleFiles(ArticleError):
    """A library folder with no article files in it."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        super().__init__(folder)


class ArticleNotFound(ArticleError):
    def __init__(self, article_id: str, known: Sequence[str]) -> None:
        self.article_id, self.known = article_id, tuple(known)
        super().__init__(article_id)


class AmbiguousArticle(ArticleError):
    """An ``--article`` that is not an id but the start of several."""

    def __init__(self, article_id: str, matches: Sequence[str]) -> None:
        self.article_id, self.matches = article_id, tuple(matches)
        super().__init__(article_id)


class BrokenArticle(ArticleError):
    """An article asked for by id whose file is in the library but has errors:
    ``problem`` is the first of ``count``."""

    def __init__(self, article_id: str, problem: Problem, count: int) -> None:
        self.article_id, self.problem, self.count = article_id, problem, count
        super().__init__(f"{article_id}: {problem}")


class AmbiguousLibrary(ArticleError):
    """A command about one article, on a library of several, without ``--article``."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = tuple(ids)
        super().__init__(f"{len(self.ids)} articles")


class NoSuchSection(ArticleError):
    """A section asked for by number or heading that none (or several) match, in an
    article of ``sections`` sections."""

    def __init__(self, query: str, matches: Sequence[tuple[int, str]] = (),
                 sections: int = 0) -> None:
        self.query, self.matches, self.sections = query, tuple(matches), sections
        super().__init__(query)


class EmptyQuestion(ArticleError):
    pass


class QuestionTooLong(ArticleError):
    def __init__(self, length: int, limit: int) -> None:
        self.length, self.limit = length, limit
        super().__init__(f"{length} > {limit}")


class NothingToSearch(ArticleError):
    pass


class BadSetting(ArticleError):
    """An environment variable or setting whose value cannot be used."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        self.name, self.value, self.expected = name, value, expected
        super().__init__(f"{name}={value!r}")


class OutputRefused(ArticleError):
    """An output path that will not be written: ``reason`` says why (exists, folder, ...)."""

    EXISTS = "exists"
    FOLDER = "folder"
    NOT_REGULAR = "not a regular file"
    DANGLING = "a link to a missing file"
    SOURCE = "the file being imported"

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class OutputTooBig(ArticleError):
    """What ``import`` would write is larger than reading it back allows."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        self.name, self.size, self.limit = name, size, limit
        super().__init__(f"{name}: {size} > {limit}")


class WriteFailed(ArticleError):
    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class CannotRemove(ArticleError):
    """A file of the cache that ``cache clear`` could not remove (the others are gone)."""

    def __init__(self, path: str, reason: str, others: int) -> None:
        self.path, self.reason, self.others = path, reason, others
        super().__init__(f"{path}: {reason}")


class NotRoundTrip(ArticleError):
    """An imported article whose YAML would not read back the same: a bug to report."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(name)


class NotATerminal(ArticleError):
    """A full-screen command where ``stream`` ("standard output"...) is not a terminal."""

    def __init__(self, command: str, stream: str) -> None:
        self.command, self.stream = command, stream
        super().__init__(f"{command}: {stream}")


class PagerFailed(ArticleError):
    def __init__(self, command: str, reason: str, source: str = "$PAGER") -> None:
        self.command, self.reason, self.source = command, reason, source
        super().__init__(f"{command}: {reason}")


class BadConfig(ArticleError):
    """A config file that cannot be used: ``key`` is None when the file as a whole is
    wrong (unreadable, not TOML); ``expected`` says what would do."""

    def __init__(self, file: str, key: str | None, expected: str, got: str | None = None
                 ) -> None:
        self.file, self.key, self.expected, self.got = file, key, expected, got
        super().__init__(f"{file}: {key}: {expected}")

class CannotFetch(ArticleError):
    """A URL whose page could not be had: one of the kinds below."""


class FetchFailed(CannotFetch):
    """A URL that could not be fetched: ``reason`` is what happened (refused, timed out...)."""

    HOST_NOT_FOUND = "host not found"
    REFUSED = "connection refused"
    TIMED_OUT = "timed out"
    TOO_MANY_REDIRECTS = "too many redirects"

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"{url}: {reason}")


class UnsupportedScheme(CannotFetch):
    """A URL (given, or redirected to) that is not http or https."""

    def __init__(self, url: str, redirected_from: str | None = None) -> None:
        self.url, self.redirected_from = url, redirected_from
        super().__init__(url)


class HttpStatus(CannotFetch):
    """A server that answered with an error status (404, 500...)."""

    def __init__(self, url: str, status: int, reason: str) -> None:
        self.url, self.status, self.reason = url, status, reason
        super().__init__(f"{url}: {status} {reason}")


class WrongContentType(CannotFetch):
    def __init__(self, url: str, content_type: str) -> None:
        self.url, self.content_type = url, content_type
        super().__init__(f"{url}: {content_type}")


class PageTooLarge(CannotFetch):
    def __init__(self, url: str, limit: int) -> None:
        self.url, self.limit = url, limit
        super().__init__(f"{url}: over {limit} bytes")


class NoArticleText(ArticleError):
    """A page, file or feed entry in which no article text was found: none, or
    ``length`` characters of it where an article has ``needed`` at least."""

    def __init__(self, source: str, found: str | None = None, *, length: int = 0,
                 needed: int = 0) -> None:
        self.source, self.found, self.length, self.needed = source, found, length, needed
        super().__init__(source)


class EntryLeftOut(ArticleError):
    """A feed entry left out of an import, the others kept: a warning, handed back
    among the import's notes, not raised. ``cause`` is why (NoArticleText, or the
    CannotFetch of its page)."""

    def __init__(self, entry: str, cause: ArticleError) -> None:
        self.entry, self.cause = entry, cause
        super().__init__(f"{entry}: {cause}")


class AmbiguousDate(ArticleError):
    """An all-numeric date whose day and month could be either way round ("03/04/2024"):
    ``read`` as day first, as articlecli reads it, or ``other``, month first, as a US
    writer means it. A warning, handed back among an import's notes, not raised.
    ``field`` is the article's field it was read into; ``line`` its line, if known."""

    def __init__(self, source: str, line: int | None, field: str, written: str,
                 read: date, other: date) -> None:
        self.source, self.line, self.field, self.written = source, line, field, written
        self.read, self.other = read, other
        super().__init__(f"{source}: {written}")


class SeveralArticles(ArticleError):
    """Several articles to write (a feed, or several sources) without a folder to hold
    them: no -o, or an ``output`` that is a file, or (``exists`` False) is named as one."""

    def __init__(self, count: int, output: str | None, *, exists: bool = True) -> None:
        self.count, self.output, self.exists = count, output, exists
        super().__init__(f"{count} articles")


class InstallationDamaged(ArticleError):
    """One of articlecli's own data files (shipped with it) cannot be read."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StoreDamaged(ArticleError):
    """The store's database failed while in use; it has been moved aside."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(path)
