"""Fetching a page or feed over HTTP(S), with the standard library only.

The rules (README: Importing from the web): http and https only, redirects only
to them and at most ``MAX_REDIRECTS``; one deadline (``timeout`` seconds) for the
whole fetch, connecting and reading; the body streamed under the same size limit
as files (``ARTICLECLI_MAX_BYTES``); the content type checked before the body is
read; a plain ``User-Agent``. Nothing fetched is ever run: it is only bytes.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..errors import (
    FetchFailed,
    HttpStatus,
    PageTooLarge,
    UnsupportedScheme,
    WrongContentType,
)
from .loader import max_bytes

DEFAULT_TIMEOUT = 30.0
MAX_REDIRECTS = 5
USER_AGENT = f"articlecli/{__version__}"
SCHEMES = ("http", "https")
# What a page, a feed or a text article may be served as. A body with no
# content type is accepted and its kind is told from its bytes.
ACCEPTED_TYPES = frozenset({
    "text/html", "application/xhtml+xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/x-rss+xml", "application/x-atom+xml",  # older servers' names
    "application/xml", "text/xml",
    "text/plain", "text/markdown", "text/x-markdown",
})
_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
           "application/xml;q=0.9, text/markdown;q=0.8, text/plain;q=0.7")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class Page:
    """A fetched body and what the server said it is."""

    url: str  # after redirects
    body: bytes
    media_type: str  # lower case, without parameters; "" when the server gave none
    charset: str | None


def is_url(source: str) -> bool:
    """``source`` is written as a URL (any scheme), not a file name."""
    return _URL.match(source) is not None


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> Page:
    """The body at ``url``, following redirects; a core error for each failure."""
    deadline = time.monotonic() + timeout
    current, came_from = url, None
    for _ in range(MAX_REDIRECTS + 1):
        try:
            scheme = urlsplit(current).scheme.lower()
        except ValueError as error:  # e.g. an unclosed [IPv6 address
            raise FetchFailed(current, f"not a valid URL ({error})") from None
        if scheme not in SCHEMES:
            raise UnsupportedScheme(current, came_from)
        try:
            outcome = _get(current, deadline)
        except TimeoutError:
            raise FetchFailed(current, f"{FetchFailed.TIMED_OUT} after {timeout:g} s") from None
        except socket.gaierror:
            raise FetchFailed(current, FetchFailed.HOST_NOT_FOUND) from None
        except ConnectionRefusedError:
            raise FetchFailed(current, FetchFailed.REFUSED) from None
        except ssl.SSLError as error:
            raise FetchFailed(current, f"secure connection failed ({error.reason or error})") \
                from None
        except (http.client.InvalidURL, ValueError) as error:  # a bad port, spaces...
            raise FetchFailed(current, f"not a valid URL ({error})") from None
        except http.client.HTTPException as error:
            raise FetchFailed(current, f"the server's answer is not HTTP "
                              f"({type(error).__name__})") from None
        except (OSError, UnicodeError) as error:  # reset by the server, a bad host name...
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            raise FetchFailed(current, reason) from None
        if isinstance(outcome, Page):
            return outcome
        current, came_from = outcome, current
    raise FetchFailed(url, f"{FetchFailed.TOO_MANY_REDIRECTS} (more than {MAX_REDIRECTS})")


def _get(url: str, deadline: float) -> Page | str:
    """One request: the page, or the URL a redirect points to."""
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError("no host")
    connection_type = (http.client.HTTPSConnection if parts.scheme.lower() == "https"
                       else http.client.HTTPConnection)
    connection = connection_type(parts.hostname, parts.port, timeout=_left(deadline))
    try:
        target = parts.path or "/"
        if parts.query:
            target += f"?{parts.query}"
        connection.request("GET", target, headers={
            "User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "identity"})
        # The response reads from this socket even after the connection lets go of it.
        sock = connection.sock
        _set_timeout(sock, deadline)
        response = connection.getresponse()
        if response.status in _REDIRECTS and response.getheader("Location"):
            return urljoin(url, response.getheader("Location", ""))
        if not 200 <= response.status < 300:
            raise HttpStatus(url, response.status, response.reason)
        media_type, charset = _content_type(response.getheader("Content-Type", ""))
        if media_type and media_type not in ACCEPTED_TYPES:
            raise WrongContentType(url, media_type)
        return Page(url, _read_body(response, sock, url, deadline), media_type, charset)
    finally:
        connection.close()


def _read_body(response: http.client.HTTPResponse, sock: socket.socket | None, url: str,
               deadline: float) -> bytes:
    limit = max_bytes()
    declared = response.getheader("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PageTooLarge(url, limit)
    chunks: list[bytes] = []
    size = 0
    while True:
        _set_timeout(sock, deadline)
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise PageTooLarge(url, limit)
        chunks.append(chunk)


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _set_timeout(sock: socket.socket | None, deadline: float) -> None:
    """Each wait on the socket gets only what is left of the one deadline."""
    left = _left(deadline)
    if sock is not None:
        sock.settimeout(left)


def _content_type(header: str) -> tuple[str, str | None]:
    if not header.strip():
        return "", None
    message = Message()
    message["Content-Type"] = header
    charset = message.get_param("charset")
    return message.get_content_type().lower(), charset if isinstance(charset, str) else None
