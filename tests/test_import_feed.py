"""Feeds whose entries go wrong one by one: an entry whose page cannot be fetched
is left out with a warning that says why, and the others are still imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from articlecli.articles.loader import load_article

from .conftest import run_cli
from .webserver import Site, serving

STORY = ("<p>The county has agreed to keep the valley's only petrol station open for "
         "another year, after villagers raised half of the cost of new underground tanks.</p>"
         "<p>The owner said the station sells about four thousand litres a week, most of "
         "it to farmers and to the school bus, which would otherwise drive twenty miles "
         "to fill up in town.</p>")


def item(title: str, link: str, *, content: str | None = None, author: str = "") -> str:
    body = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else \
        "<description>A short teaser.</description>"
    byline = f"<author>{author}</author>" if author else ""
    return (f"<item><title>{title}</title><link>{link}</link>{byline}"
            f"<pubDate>Mon, 03 Nov 2025 09:00:00 +0000</pubDate>{body}</item>")


def rss(*items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Valley News</title>{''.join(items)}</channel></rss>")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as site:
        yield site


def test_an_entry_whose_page_is_missing_is_left_out_and_the_rest_imported(
        site: Site, tmp_path: Path) -> None:
    gone = site.url("/gone.html")  # not served: 404
    feed = site.page("/one-gone.xml", rss(
        item("Petrol station saved", site.url("/petrol.html"), content=STORY),
        item("A story whose page is gone", gone)), "application/rss+xml")
    outcome = run_cli("import", feed, "-o", str(tmp_path / "out"))
    assert outcome.status == 0, outcome.stderr
    assert outcome.stderr == (f"articlecli: warning: {feed} entry 2: cannot fetch {gone}: "
                              "the server answered 404 Not Found; left out\n")
    written = sorted((tmp_path / "out").iterdir())
    assert [path.name for path in written] == ["petrol-station-saved.yaml"]
    assert load_article(written[0]).title == "Petrol station saved"


def test_a_feed_whose_every_entry_fails_is_an_error_that_writes_nothing(
        site: Site, tmp_path: Path) -> None:
    gone = site.url("/also-gone.html")
    feed = site.page("/all-gone.xml", rss(item("Gone", gone), item("Gone too", gone)),
                     "application/rss+xml")
    outcome = run_cli("import", feed, "-o", str(tmp_path / "out"))
    assert outcome.status == 2
    assert outcome.stderr == (f"articlecli: error: cannot fetch {gone}: the server answered "
                              "404 Not Found\n")
    assert not (tmp_path / "out").exists()



ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">Dale &amp;amp; Fell &lt;i&gt;Notes&lt;/i&gt;</title><id>urn:f</id>
<updated>2026-02-01T10:00:00Z</updated>
<entry>
<title type="html">Q&amp;amp;A: What&amp;#8217;s next for the &lt;b&gt;dale&lt;/b&gt; bus?</title>
<id>urn:1</id><published>2026-01-20T08:00:00Z</published>
<content type="html">{content}</content></entry>
</feed>"""


def test_titles_given_as_html_become_plain_text(tmp_path: Path) -> None:
    from html import escape

    feed = tmp_path / "notes.atom"
    feed.write_text(ATOM.format(content=escape(STORY)), encoding="utf-8")
    outcome = run_cli("import", str(feed), "-o", str(tmp_path / "out"))
    assert outcome.status == 0, outcome.stderr
    [path] = (tmp_path / "out").iterdir()
    assert path.name == "q-a-whats-next-for-the-dale-bus.yaml"
    article = load_article(path)
    assert article.title == "Q&A: What\u2019s next for the dale bus?"
    assert article.site == "Dale & Fell Notes"


def test_atom_authors_with_addresses_are_all_named(tmp_path: Path) -> None:
    # feedparser gives such an entry's "author" as "Jo Park (jo@...)", the last one's.
    from html import escape

    feed = tmp_path / "notes.atom"
    bylines = ("<author><name>Sam Lee</name><email>sam@dale.example</email></author>"
               "<author><name>Jo Park</name><email>jo@dale.example</email></author>")
    feed.write_text(ATOM.format(content=escape(STORY)).replace("<id>urn:1</id>",
                                                               "<id>urn:1</id>" + bylines),
                    encoding="utf-8")
    outcome = run_cli("import", str(feed), "-o", str(tmp_path / "out"))
    assert outcome.status == 0, outcome.stderr
    [path] = (tmp_path / "out").iterdir()
    assert load_article(path).author == "Sam Lee, Jo Park"


@pytest.mark.parametrize(("written", "author"), [
    ("sam@coastal.example (Sam Lee)", "Sam Lee"),  # feedparser gave "ple (Sam Lee"
    ("Sam Lee &lt;sam@paper.museum&gt;", "Sam Lee"),
    ("sam@valley.news (Sam Lee)", "Sam Lee"),
    ("news@example.com", None),  # an address is no byline
    ("Sam Lee", "Sam Lee"),
    ("Sam Lee, Jo Park &lt;desk@valley.news&gt;", "Sam Lee, Jo Park"),
    ("@samlee", "@samlee"),  # a handle, not an address
])
def test_an_rss_author_is_the_name_without_the_address(tmp_path: Path, written: str,
                                                       author: str | None) -> None:
    feed = tmp_path / "valley.rss"
    feed.write_text(rss(item("Petrol station saved", "https://valley.example/petrol",
                             content=STORY, author=written)), encoding="utf-8")
    outcome = run_cli("import", str(feed), "-o", str(tmp_path / "out"))
    assert outcome.status == 0, outcome.stderr
    [path] = (tmp_path / "out").iterdir()
    assert load_article(path).author == author
