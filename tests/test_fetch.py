"""`articlecli import URL` against a local web server: pages come in, and every
network failure is one line on stderr, exit status 2, and nothing written."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from articlecli import __version__
from articlecli.articles.loader import load_article

from .conftest import Outcome, run_cli
from .webserver import Site, serving

WEB = Path(__file__).parent / "fixtures" / "web"
NEWSROOM = (WEB / "newsroom-standard.html").read_bytes()
TITLE = "Eastmouth council approves £48m tidal barrier after decade of debate"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as site:
        site.page("/news/barrier.html", NEWSROOM)
        site.page("/not-an-article.html", (WEB / "non-article.html").read_bytes())
        site.page("/missing", b"<h1>gone</h1>", status=404)
        site.page("/broken", b"oops", "text/plain", status=500)
        site.page("/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(2000), "image/png")
        site.page("/slow", NEWSROOM, delay=3.0)
        site.page("/dripping", NEWSROOM, drip=0.2)
        site.page("/unlabelled", NEWSROOM, "")
        site.page("/huge", b"<p>" + b"word " * 4000 + b"</p>", length=False)
        site.page("/huge-declared", b"<p>" + b"word " * 4000 + b"</p>")
        site.redirect("/moved", "/news/barrier.html", 301)
        site.redirect("/to-ftp", "ftp://127.0.0.1/barrier.html")
        site.redirect("/loop", "/loop")
        for hop in range(1, 7):
            site.redirect(f"/hop{hop}", f"/hop{hop - 1}" if hop > 1 else "/news/barrier.html")
        yield site


def import_url(url: str, out: Path, *options: str) -> Outcome:
    return run_cli("import", url, "-o", str(out), *options)


def assert_failed(outcome: Outcome, out: Path, message: str) -> None:
    assert outcome.status == 2
    assert outcome.stderr == f"articlecli: error: {message}\n"
    assert outcome.stdout == ""
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_a_page_imports_with_its_url_as_source(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/barrier.html")
    outcome = import_url(url, tmp_path / "barrier.yaml")
    assert outcome.status == 0, outcome.stderr
    assert outcome.stdout == f"wrote {tmp_path / 'barrier.yaml'}: 4 sections, 0 takeaways, 0 FAQs\n"
    article = load_article(tmp_path / "barrier.yaml")
    assert (article.title, article.source, article.author) == (TITLE, url, "Jane Doe")
    assert f"articlecli/{__version__}" in site.user_agents


def test_a_redirect_is_followed_and_the_final_url_kept(site: Site, tmp_path: Path) -> None:
    assert import_url(site.url("/moved"), tmp_path / "a.yaml").status == 0
    assert load_article(tmp_path / "a.yaml").source == site.url("/news/barrier.html")


def test_five_redirects_are_followed_and_six_are_too_many(site: Site, tmp_path: Path) -> None:
    assert import_url(site.url("/hop5"), tmp_path / "a.yaml").status == 0
    out = tmp_path / "more" / "b.yaml"
    out.parent.mkdir()
    assert_failed(import_url(site.url("/hop6"), out), out,
                  f"cannot fetch {site.url('/hop6')}: too many redirects (more than 5)")


def test_a_page_without_a_content_type_is_told_from_its_bytes(site: Site, tmp_path: Path) -> None:
    assert import_url(site.url("/unlabelled"), tmp_path / "a.yaml").status == 0
    assert load_article(tmp_path / "a.yaml").title == TITLE


@pytest.mark.parametrize(("path", "message"), [
    ("/missing", "cannot fetch {url}: the server answered 404 Not Found"),
    ("/broken", "cannot fetch {url}: the server answered 500 Internal Server Error"),
    ("/loop", "cannot fetch {url}: too many redirects (more than 5)"),
    ("/to-ftp", "cannot fetch {url}: it redirects to ftp://127.0.0.1/barrier.html, and only "
                "http and https URLs are fetched"),
    ("/logo.png", "cannot import {url}: it is image/png, not a web page, feed or text"),
    ("/not-an-article.html", "no article text found in {url}"),
])
def test_a_failed_fetch_is_one_line_and_writes_nothing(site: Site, tmp_path: Path, path: str,
                                                       message: str) -> None:
    url = site.url(path)
    out = tmp_path / "out.yaml"
    assert_failed(import_url(url, out, "--force"), out, message.format(url=url))


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"])
def test_a_body_over_the_size_limit_is_refused(site: Site, tmp_path: Path, path: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARTICLECLI_MAX_BYTES", "4096")
    url, out = site.url(path), tmp_path / "out.yaml"
    assert_failed(import_url(url, out), out, f"cannot import {url}: it is over the limit of "
                  "4,096 bytes (set ARTICLECLI_MAX_BYTES to raise it)")


@pytest.mark.parametrize("path", ["/slow", "/dripping"])
def test_the_timeout_covers_the_whole_fetch(site: Site, tmp_path: Path, path: str) -> None:
    url, out = site.url(path), tmp_path / "out.yaml"
    started = time.monotonic()
    outcome = import_url(url, out, "--timeout", "1")
    assert time.monotonic() - started < 2.5
    assert_failed(outcome, out, f"cannot fetch {url}: timed out after 1 s")


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    with socket.socket() as listener:  # accepts connections (the kernel does) but never reads
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/story"
        out = tmp_path / "out.yaml"
        assert_failed(import_url(url, out, "--timeout", "1"), out,
                      f"cannot fetch {url}: timed out after 1 s")


def test_a_refused_connection(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url, out = f"http://127.0.0.1:{port}/story", tmp_path / "out.yaml"
    assert_failed(import_url(url, out), out, f"cannot fetch {url}: connection refused")


def test_a_host_that_does_not_exist(tmp_path: Path) -> None:
    url, out = "http://no-such-host.invalid/story", tmp_path / "out.yaml"
    assert_failed(import_url(url, out), out, f"cannot fetch {url}: host not found")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/story.html", "file:///etc/passwd",
                                 "javascript://alert(1)"])
def test_only_http_and_https_are_fetched(tmp_path: Path, url: str) -> None:
    out = tmp_path / "out.yaml"
    assert_failed(import_url(url, out), out,
                  f"cannot fetch {url}: only http and https URLs are fetched")


def test_a_timeout_must_be_positive(tmp_path: Path) -> None:
    outcome = run_cli("import", "http://127.0.0.1:9/", "--timeout", "0")
    assert outcome.status == 2 and "--timeout" in outcome.stderr


@pytest.mark.parametrize(("url", "reason"), [
    ("http://", "no host"),
    ("http://[::1", "Invalid IPv6 URL"),
    ("http://127.0.0.1:99999/", "Port out of range 0-65535"),
])
def test_a_malformed_url_is_one_line(tmp_path: Path, url: str, reason: str) -> None:
    out = tmp_path / "out.yaml"
    assert_failed(import_url(url, out), out, f"cannot fetch {url}: not a valid URL ({reason})")
