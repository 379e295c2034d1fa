"""The HTML importer's own rules, on small pages: a list of entries is its paragraphs,
a title made of parts is the part the page shows as its headline, character
references to control characters are dropped, not the page, a live blog's entries
keep their headings, and an FAQ's questions set as subheadings, bold lines,
a definition list or disclosure boxes are its FAQs."""

from __future__ import annotations

import pytest

from articlecli.articles.importers.html import fragment_blocks, import_html, read_html


def _page_paragraphs(items: str) -> list[str]:
    return [block.text for block in fragment_blocks(f"<div><p>The story so far.</p>{items}</div>")]


def test_a_web_list_of_entries_in_paragraphs_becomes_those_paragraphs() -> None:
    entry = ("<li><p>Port Enys make a double change at the break, bringing on two fresh "
             "props for the second half of the final at Brennock Park.</p>"
             "<p>The crowd is loud.</p></li>")
    assert _page_paragraphs(f"<ol>{entry}<!-- an advert -->{entry}</ol>") == [
        "The story so far.", *2 * ["Port Enys make a double change at the break, bringing "
                                   "on two fresh props for the second half of the final "
                                   "at Brennock Park.", "The crowd is loud."]]


def test_a_web_list_of_points_stays_one_list_even_in_paragraphs() -> None:
    points = "<ul><li><p>Water</p></li><li><p>Sunscreen and a hat</p></li></ul>"
    assert _page_paragraphs(points) == ["The story so far.", "- Water\n- Sunscreen and a hat"]
    point = ("The council voted nine to four in favour of the harbour plan after a debate "
             "that lasted more than five hours on Tuesday night.")
    assert _page_paragraphs(f"<ol><li><p>{point}</p></li><li><p>{point}</p></li></ol>") == [
        "The story so far.", f"1. {point}\n2. {point}"]
    short = "<li><p>Bring water. Stay in the shade.</p></li>"  # two sentences, few words
    assert _page_paragraphs(f"<ul>{short}{short}</ul>") == [
        "The story so far.", "- Bring water. Stay in the shade.\n- Bring water. Stay in the shade."]
    entry = (f"<li><p>{point} The vote was close.</p></li>")  # one entry is no stream
    assert _page_paragraphs(f"<ul>{entry}</ul>") == [
        "The story so far.", f"- {point} The vote was close."]


def _title_of(title: str, shown: str) -> str | None:
    paragraph = "<p>The council met on Tuesday evening and argued about the bridge for hours.</p>"
    page = (f"<html><head><title>{title}</title></head><body><table><tr><td>{shown}"
            f"{paragraph * 4}</td></tr></table></body></html>")
    return read_html(page, "page.html").title


def test_a_title_of_parts_is_the_part_the_page_shows_as_its_headline() -> None:
    headline = "Council delays vote on bridge repairs"
    assert _title_of(f"Millbrook Sentinel :: {headline}", f"<b>{headline}</b>") == headline
    assert _title_of(f"{headline} \u2013 a photo essay | Gazette", f"<h1>{headline}</h1>") == \
        headline
    # a part of a word or two (a section's name in the navigation) is not a headline
    assert _title_of(f"News :: {headline}", "<a href=/news>News</a>") == f"News :: {headline}"
    # nor is the site's name in its logo, the headline or not shown
    logo = "<div class=logo>The Millbrook Daily Sentinel</div>"
    assert _title_of(f"The Millbrook Daily Sentinel :: {headline}",
                     f"{logo}<h1>{headline}</h1>") == headline
    assert _title_of(f"{headline} :: The Millbrook Daily Sentinel", logo) == \
        f"{headline} :: The Millbrook Daily Sentinel"
    # the page's <title> is read when the metadata's title is the site's name
    assert _title_of(f"{headline} | Millbrook</title><meta property='og:title' "
                     "content='Millbrook'>", f"<h1>{headline}</h1>") == headline


def test_references_to_control_characters_are_dropped_and_the_text_kept() -> None:
    paragraph = ("The council met on Tuesday evening and argued about the bridge for hours, "
                 "and the mayor{}s office said it was pleased with the vote.")
    for reference in ("&#27;", "&#x1b;", "&#1;", "&#xfffe;", "&#xd800;", "&#99999999;"):
        page = (f"<html><head><title>Bridge vote</title></head><body><article>"
                f"<h1>Bridge vote</h1>{('<p>' + paragraph.format(reference) + '</p>') * 3}"
                f"</article></body></html>")
        draft = read_html(page, "page.html")
        assert paragraph.format("") in [block.text for block in draft.blocks], reference
        assert read_html(page.encode("utf-8"), "page.html").blocks == draft.blocks


_UPDATES = [
    ("Harbour road closed by flooding", "Police have closed the harbour road between the "
     "lifeboat station and the fish market after the morning tide came over the wall."),
    ("Schools shut for the day", "Every primary school in the district has sent pupils "
     "home early, and the council says they will stay closed until the wind drops."),
    ("Trains back on the coast line", "The first train since Friday left Carnmouth at "
     "noon, after engineers cleared two fallen trees from the track near the viaduct."),
]


@pytest.mark.parametrize("entry", ["article class=entry", "article class=post",
                                   "article class='update entry-content'", "div class=post"])
@pytest.mark.parametrize("column", ["{}", "<main>{}</main>", "<div class=feed>{}</div>"])
def test_each_live_blog_entry_keeps_its_heading(entry: str, column: str) -> None:
    tag = entry.split()[0]
    updates = "".join(f"<{entry}><time datetime='2026-01-18T1{n}:00'>1{n}:00</time>"
                      f"<h2>{heading}</h2><p>{text}</p></{tag}>"
                      for n, (heading, text) in enumerate(_UPDATES))
    page = ("<html><head><title>Storm live</title></head><body><h1>Storm live</h1>"
            f"{column.format(updates)}</body></html>")
    article = import_html(page, "live.html").article
    assert [(section.heading, section.paragraphs) for section in article.sections] == \
        [(heading, (text,)) for heading, text in _UPDATES]


_QUESTIONS = [("Who can apply for a permit?", "Anyone who lives inside the zone."),
              ("How much does it cost?", "Forty pounds a year, or ten for a blue badge holder.")]
_STORY = ("<h1>Parking permits explained</h1><p>The council will bring in resident parking "
          "permits across the old town from June, after two years of complaints about "
          "visitors' cars filling the narrow streets around the castle on weekends.</p>"
          "<p>Each household can have two permits, and visitors' passes are sold in books "
          "of ten at the library and online.</p>")


@pytest.mark.parametrize("shape", [
    "<p><strong>{q}</strong></p><p>{a}</p>", "<h3>{q}</h3><p>{a}</p>",
    "<p><b>{q}</b></p><p>{a}</p>", "<p>{q}</p><p>{a}</p>",
    "<details><summary>{q}</summary><p>{a}</p></details>", "<dl><dt>{q}</dt><dd>{a}</dd></dl>"])
@pytest.mark.parametrize("heading", ["Frequently asked questions", "FAQs"])
def test_faq_questions_in_the_shapes_pages_use_are_the_faqs(shape: str, heading: str) -> None:
    faqs = "".join(shape.format(q=question, a=answer) for question, answer in _QUESTIONS)
    page = (f"<html><head><title>Parking permits explained</title></head><body><article>"
            f"{_STORY}<h2>{heading}</h2>{faqs}</article></body></html>")
    article = import_html(page, "faq.html").article
    assert [(faq.question, faq.answer) for faq in article.faqs] == _QUESTIONS
    assert [section.heading for section in article.sections] == ["Parking permits explained"]


def test_question_subheadings_outside_an_faq_stay_sections() -> None:
    body = "".join(f"<h2>{question}</h2><p>{answer} More on that below.</p>"
                   for question, answer in _QUESTIONS)
    page = (f"<html><head><title>Parking permits explained</title></head><body><article>"
            f"{_STORY}{body}</article></body></html>")
    article = import_html(page, "faq.html").article
    assert article.faqs == ()
    assert [section.heading for section in article.sections][1:] == [q for q, _ in _QUESTIONS]


def test_faq_subheadings_after_an_introduction_stay_sections() -> None:
    # as in Markdown: text between the FAQ heading and its first question
    faqs = "".join(f"<h3>{question}</h3><p>{answer}</p>" for question, answer in _QUESTIONS)
    page = (f"<html><head><title>Parking permits explained</title></head><body><article>"
            f"{_STORY}<h2>FAQs</h2><p>Answers from the council's parking team.</p>{faqs}"
            f"</article></body></html>")
    article = import_html(page, "faq.html").article
    assert article.faqs == ()
    assert [section.heading for section in article.sections][1:] == \
        ["FAQs", *(question for question, _ in _QUESTIONS)]
