"""The text importer's lists and FAQ marks (issue 16): a list without bullets is not
a run of headings, bullets stay one list, and "Q."/"A." and question numbers go."""

from __future__ import annotations

from pathlib import Path

from articlecli.articles.importers.text import import_text
from articlecli.articles.loader import load_article

from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"
HEAD = "Title\nPublished: 2025-01-01 10:00 | Category: x\nA summary.\n"


def imported(tmp_path: Path) -> Path:
    target = tmp_path / "fair.yaml"
    assert run_cli("import", str(FIXTURES / "lists.txt"), "-o", str(target)).status == 0
    return target


def test_a_list_without_bullets_is_a_list_not_a_run_of_headings(tmp_path: Path) -> None:
    article = load_article(imported(tmp_path))
    assert [section.heading for section in article.sections] == [
        "What to Bring", "The Programme", "Getting There", "Extra Buses"]
    assert article.sections[0].paragraphs == (
        "Organisers asked visitors to come prepared for a long day outdoors. They suggested:",
        "- Water\n- Sunscreen\n- A folding chair",
        "Parking will be limited, so visitors should walk or cycle if they can.")


def test_bullets_are_one_list_paragraph_that_read_shows_as_a_list(tmp_path: Path) -> None:
    target = imported(tmp_path)
    programme = load_article(target).sections[1].paragraphs
    assert len(programme) == 3
    assert programme[1].split("\n") == ["- a dog show at noon",
                                        "- a tug-of-war between the two football clubs",
                                        "- fireworks at dusk"]
    shown = run_cli("--data", str(target), "read", "programme").stdout
    assert "include:\n\n- a dog show at noon\n- a tug-of-war between the two football clubs\n" \
        "- fireworks at dusk\n\nTickets" in shown


def test_faq_marks_and_question_numbers_are_dropped(tmp_path: Path) -> None:
    faqs = load_article(imported(tmp_path)).faqs
    assert [(faq.question, faq.answer) for faq in faqs] == [
        ("Is the fair free?", "Only for children under twelve."),
        ("Can I bring my dog?", "Yes, on a lead."),
        ("Where do I park?", "There is no public parking at the meadow.")]


def test_short_lines_after_a_sentence_end_with_the_next_heading() -> None:
    article = import_text(HEAD + "Start\nIt began.\nOne\nTwo\nNext Part\nIt went on.\n")
    assert [(section.heading, section.paragraphs) for section in article.sections] == [
        ("Start", ("It began.", "- One\n- Two")), ("Next Part", ("It went on.",))]


def test_numbered_bullets_stay_numbered() -> None:
    article = import_text(HEAD + "Steps\nDo this:\n1) Mix\n2) Bake\nThen eat.\n")
    assert article.sections[0].paragraphs[1] == "1. Mix\n2. Bake"


def sections_file(path: Path, sections: str) -> Path:
    """An article file at ``path`` with these ``sections`` (YAML list items)."""
    path.write_text("title: T\npublished: 2025-01-01 10:00:00\nsummary: S.\nsections:\n"
                    + sections, encoding="utf-8")
    return path


def test_validate_warns_about_a_list_read_as_headings(tmp_path: Path) -> None:
    broken = sections_file(tmp_path / "broken.yaml",
                           "- heading: What to bring\n  paragraphs: [They suggested these.]\n"
                           "- heading: Water\n  paragraphs: [Sunscreen]\n"
                           "- heading: A folding chair\n  paragraphs: [Parking is limited.]\n")
    outcome = run_cli("validate", str(broken))
    assert outcome.status == 0  # a warning, not an error
    assert outcome.stdout == (f"{broken}:7:12: warning: sections[1].heading: this section holds "
                              "no sentence, only short lines: a list whose items lost their "
                              "'- ' markers, read as headings?\n")
    assert run_cli("validate", str(imported(tmp_path))).stdout == ""


def test_validate_takes_a_tables_rows_for_a_table_not_a_lost_list(tmp_path: Path) -> None:
    table = sections_file(tmp_path / "table.yaml",
                          "- heading: Intro\n  paragraphs: [The results are in.]\n"
                          "- heading: Seats by party\n  paragraphs: ['Party | Seats', "
                          "'Greens | 12', 'Labour | 30']\n")
    outcome = run_cli("validate", str(table))
    assert (outcome.status, outcome.stdout) == (0, "")
