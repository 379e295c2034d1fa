"""Markdown as blogs keep it: a YAML front matter (Hugo, Jekyll) or a TOML one
(Hugo's default) gives the title, date, authors, tags and summary; the rest is the
text."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from articlecli.articles.loader import load_article

from .conftest import run_cli

BODY = """
The county's mobile library will visit four more villages from September, after
volunteers offered to staff the van on Saturdays so the driver can keep his weekdays.

## Where it stops

The van will call at Ashby Parva, Frolesworth, Leire and Dunton every other week,
parking by each village hall for an hour in the morning.
"""

HUGO = """---
title: "Mobile library adds four villages: yes, really"
date: 2026-06-12T10:30:00+01:00
lastmod: 2026-06-20
authors:
  - Mei Lin
  - name: Tom Hale
tags: [libraries, "#villages"]
categories: [local]
description: Four more villages get a library van.
draft: false
---
""" + BODY

JEKYLL = """---
layout: post
title: Mobile library adds four villages
date: 2026-06-12 10:30:00 +0100
author: Mei Lin
tags: libraries villages
summary: Four more villages get a library van.
---
""" + BODY


HUGO_TOML = """+++
# Hugo's default archetype writes TOML
title = "Mobile library adds four villages: yes, really"
date = 2026-06-12T10:30:00+01:00
lastmod = 2026-06-20
authors = ["Mei Lin", "Tom Hale"]
tags = ["libraries", "#villages"]
categories = ["local"]
description = "Four more villages get a library van."
draft = false

[params]
  subtitle = "Saturdays too"
+++
""" + BODY


def imported(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    tmp_path.mkdir(exist_ok=True)
    source, target = tmp_path / "post.md", tmp_path / "post.yaml"
    source.write_text(text, encoding="utf-8")
    outcome = run_cli("import", str(source), "-o", str(target))
    return outcome.status, outcome.stderr, target


def piped_agrees(text: str, target: Path) -> None:
    """``text`` on standard input is imported as its file was into ``target`` (but for
    the file's name as the source)."""
    piped = run_cli("import", "-", stdin=text)
    assert piped.status == 0, piped.stderr
    assert piped.stdout == target.read_text(encoding="utf-8").replace(
        f"source: {target.with_suffix('.md')}\n", "")


def test_hugo_front_matter_gives_the_articles_fields(tmp_path: Path) -> None:
    status, stderr, target = imported(tmp_path, HUGO)
    assert (status, stderr) == (0, "")
    article = load_article(target)
    assert article.title == "Mobile library adds four villages: yes, really"
    assert article.published == datetime(2026, 6, 12, 10, 30)  # as written, zone dropped
    assert article.updated == date(2026, 6, 20)
    assert article.author == "Mei Lin, Tom Hale"
    assert article.tags == ("libraries", "villages")
    assert article.category == "local"
    assert article.summary == "Four more villages get a library van."
    assert [section.heading for section in article.sections] == [
        "Mobile library adds four villages: yes, really", "Where it stops"]
    assert article.sections[0].paragraphs[0].startswith("The county's mobile library")
    text = "\n".join(paragraph for section in article.sections for paragraph in section.paragraphs)
    assert "draft" not in text and "title:" not in text


def test_a_toml_front_matter_gives_the_same_fields_and_standard_input_agrees(
        tmp_path: Path) -> None:
    _, _, yaml_target = imported(tmp_path / "yaml", HUGO)
    from_yaml = load_article(yaml_target)
    status, stderr, target = imported(tmp_path, HUGO_TOML)
    assert (status, stderr) == (0, "")
    assert load_article(target) == replace(from_yaml, source=str(tmp_path / "post.md"))
    piped_agrees(HUGO_TOML, target)


@pytest.mark.parametrize("first", ["params.subtitle = 'Saturdays too'",
                                   "'weight' = 3", "1st-edition = true"])
def test_a_toml_front_matter_may_open_with_any_kind_of_key(tmp_path: Path,
                                                           first: str) -> None:
    """A dotted, quoted or digit-led key first is TOML's too (it was read as text)."""
    _, _, expected = imported(tmp_path / "plain", HUGO_TOML)
    text = HUGO_TOML.replace("# Hugo's default archetype writes TOML", first)
    status, stderr, target = imported(tmp_path, text.replace("[params]\n  subtitle = "
                                                             "\"Saturdays too\"\n", ""))
    assert (status, stderr) == (0, "")
    assert load_article(target) == replace(load_article(expected),
                                           source=str(tmp_path / "post.md"))


@pytest.mark.parametrize(("front", "message"), [
    ('title = ["Mobile", "library"]\n', "2:1: front matter: title: expected text"),
    ('title = "Mobile library"\ndate = "someday"\n', "3:1: front matter: date: cannot read "
                                                    "'someday' as a date"),
    ('title = "Mobile library\n', "2:24: front matter: a quoted value is not closed on its "
                                 "line"),
    ("title = Mobile library\n", "2:9: front matter: a value TOML cannot read (text needs "
                                 'quotes: title = "...")'),
    ('date = "someday"\n[params]\n  date = 2020-01-01\n',
     "2:1: front matter: date: cannot read 'someday' as a date"),
    # Nested past the YAML block's 64 levels: the reader recursed into an internal error.
    ('x = ' + "[" * 3000 + "]" * 3000 + "\n", "1:1: front matter: nested more than 64 "
                                                "levels deep"),
    ("[" + ".".join(["a"] * 2000) + "]\n", "1:1: front matter: nested more than 64 "
                                           "levels deep"),
])
def test_a_toml_front_matter_that_cannot_be_used_is_an_error_at_its_line(
        tmp_path: Path, front: str, message: str) -> None:
    refused(tmp_path, f"+++\n{front}+++\n{BODY}", message)


def test_jekyll_front_matter_and_standard_input(tmp_path: Path) -> None:
    status, stderr, target = imported(tmp_path, JEKYLL)
    assert (status, stderr) == (0, "")
    article = load_article(target)
    assert (article.title, article.published, article.author, article.tags) == (
        "Mobile library adds four villages", datetime(2026, 6, 12, 10, 30), "Mei Lin",
        ("libraries", "villages"))
    piped_agrees(JEKYLL, target)


@pytest.mark.parametrize(("front", "message"), [
    ("title: [Mobile, library]\n", "2:1: front matter: title: expected text"),
    ("title: Mobile library\ndate: someday\n", "3:1: front matter: date: cannot read "
                                               "'someday' as a date"),
    ("title: Mobile library\ntags: [a, b\n", "4:1: front matter: the '[' at 3:7 is not "
     "closed with ']', or an item in it holds ', ', ': ' or a quote and must be in quotes"),
    ("title: Mobile library: yes\n", "2:22: front matter: a value containing ': ' must be in "
                                     "quotes"),
    ('title: "Mobile library\n', "2:8: front matter: the quote \" opened at 2:8 is never "
                                "closed"),
    # The article format's refusals: anchors, aliases, tags, one document.
    ("title: &t Mobile library\n", "2:8: front matter: anchors (&name) are not supported; a "
                                   "value that starts with '&' must be in quotes"),
    ("title: Mobile library\nauthor: *t\n", "3:9: front matter: aliases (*name) are not "
                                            "supported; a value that starts with '*' must be "
                                            "in quotes"),
    ("title: !!python/name:os.system x\n", "2:8: front matter: tag !!python/name:os.system is "
                                           "not allowed; a value that starts with '!' must be "
                                           "in quotes"),
    ("title: x\n[a, b]: y\n", "3:1: front matter: expected keys and values (title: ..., "
                            "date: ...)"),
    # At the top-level key's line, not a nested table's key of the same name.
    ("params:\n  date: 2020-01-01\ndate: someday\n", "4:1: front matter: date: cannot read "
                                                    "'someday' as a date"),
])
def test_a_front_matter_that_cannot_be_used_is_an_error_at_its_line(
        tmp_path: Path, front: str, message: str) -> None:
    refused(tmp_path, f"---\n{front}---\n{BODY}", message)


def refused(tmp_path: Path, text: str, message: str) -> None:
    """Importing ``text`` fails with ``message`` (after the file's name), and writes
    nothing."""
    status, stderr, target = imported(tmp_path, text)
    assert status == 2
    assert stderr == f"articlecli: error: {tmp_path / 'post.md'}:{message}\n"
    assert not target.exists()


def test_an_alias_bomb_is_refused_before_it_grows(tmp_path: Path) -> None:
    """A 20 KB anchor used 2,000 times would be 40 MB of names: refused at the anchor."""
    front = "title: x\na: &a " + "x" * 20_000 + "\nauthors: [" + ", ".join(["*a"] * 2_000) + "]\n"
    status, stderr, target = imported(tmp_path, f"---\n{front}---\n{BODY}")
    assert status == 2
    assert stderr == (f"articlecli: error: {tmp_path / 'post.md'}:3:4: front matter: anchors "
                      "(&name) are not supported; a value that starts with '&' must be in quotes\n")
    assert not target.exists()


def test_a_front_matter_over_the_limit_is_refused(tmp_path: Path) -> None:
    front = "title: x\nnote: " + "x" * 70_000 + "\n"
    status, stderr, _ = imported(tmp_path, f"---\n{front}---\n{BODY}")
    assert status == 2
    assert "front matter: 70,016 bytes, over the limit of 65,536" in stderr


def test_thematic_breaks_are_not_a_front_matter(tmp_path: Path) -> None:
    status, stderr, target = imported(
        tmp_path, "---\n\n# Mobile library adds four villages\n" + BODY + "\n---\n\nThe end.\n")
    assert status == 0, stderr
    assert load_article(target).title == "Mobile library adds four villages"


def test_rules_around_a_paragraph_with_a_colon_are_not_a_front_matter(tmp_path: Path) -> None:
    """A block is a front matter only when its first line that is not blank is a key."""
    status, stderr, target = imported(
        tmp_path, "---\n\n# Mobile library adds four villages\n\nUpdate: the van starts "
        "in September.\n" + BODY + "\n---\n\nThe end.\n")
    assert status == 0, stderr
    article = load_article(target)
    assert article.title == "Mobile library adds four villages"
    assert article.sections[0].paragraphs[0] == "Update: the van starts in September."


def test_a_front_matter_may_open_with_comments(tmp_path: Path) -> None:
    """Hugo's archetypes put a YAML comment first; a Markdown heading between rules is
    followed by a blank line, and stays a heading."""
    text = "---\n# Hugo post\ntitle: Mobile library\ndate: 2026-06-12\n---\n" + BODY
    status, stderr, target = imported(tmp_path, text)
    assert (status, stderr) == (0, "")
    article = load_article(target)
    assert (article.title, article.published.date().isoformat()) == ("Mobile library",
                                                                     "2026-06-12")
    piped = run_cli("import", "-", stdin=text)
    assert piped.status == 0 and piped.stdout.startswith("title: Mobile library\n")


def test_a_front_matter_may_end_with_dots_and_standard_input_agrees(tmp_path: Path) -> None:
    """``...`` closes a front matter too, in a .md file and piped (sources.py asks
    frontmatter.py), not read as an article in the YAML format."""
    text = "---\ntitle: Mobile library\ndate: 2026-06-12\ntags: [libraries, villages]\n...\n" + BODY
    status, stderr, target = imported(tmp_path, text)
    assert (status, stderr) == (0, "")
    assert load_article(target).tags == ("libraries", "villages")
    (tmp_path / "post.txt").write_text(text, encoding="utf-8")
    for source in ("-", str(tmp_path / "post.txt")):
        piped = run_cli("import", source, stdin=text)
        assert (piped.status, piped.stderr) == (0, "")
        assert piped.stdout.startswith("title: Mobile library\n")
        assert "tags:\n- libraries\n- villages\n" in piped.stdout


def test_hashtags_last_are_the_tags_when_the_front_matter_has_none(tmp_path: Path) -> None:
    status, stderr, target = imported(
        tmp_path, "---\ntitle: Mobile library\ndate: 2026-06-12\n---\n" + BODY + "\n#libraries\n")
    assert (status, stderr) == (0, "")
    assert load_article(target).tags == ("libraries",)


def test_a_file_too_short_for_an_article_says_how_short(tmp_path: Path) -> None:
    status, stderr, _ = imported(tmp_path, "# Note\n\nThe van comes on Saturdays.\n")
    assert (status, stderr) == (2, f"articlecli: error: no article text found in "
                                   f"{tmp_path / 'post.md'}: 27 characters of text, where an "
                                   "article has 250 at least\n")


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_a_front_matter_never_closed_is_an_error_not_a_paragraph(tmp_path: Path,
                                                                 fence: str) -> None:
    keys = "title: Mobile library\ndate: 2026-06-12\n" if fence == "---" else \
        'title = "Mobile library"\ndate = 2026-06-12\n'
    refused(tmp_path, f"{fence}\n{keys}{BODY}",
            f"1:1: front matter: the '{fence}' that opens it is never closed (a '{fence}' "
            "line ends it)")


def test_a_rule_then_a_heading_and_colon_paragraphs_is_markdown_not_an_open_block(
        tmp_path: Path) -> None:
    status, stderr, target = imported(tmp_path, "---\n# Mobile library\n\nBy: Mei Lin\n\n"
                                                "Update: the van comes on Saturdays too.\n"
                                                + BODY)
    assert status == 0 and "never closed" not in stderr
    assert load_article(target).title == "Mobile library"
