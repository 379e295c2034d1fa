"""Write a library of generated articles for benchmarking: ``make_library.py N OUT_DIR``.

Each article is about 9 KB of YAML in articlecli's format, built deterministically
from ``--seed``: the bundled article's sentences, recombined and perturbed with
generated names, places and words, so that articles differ in text and vocabulary
the way a real collection does. Ids are ``a0001``, ``a0002``, ...
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from articlecli.articles.loader import dump_yaml, load_article
from articlecli.model import Article, Faq, Section
from articlecli.store.library import bundled_article_path

TARGET_BYTES = 8600
CATEGORIES = ("world", "politics", "business", "technology", "science", "health", "culture")
ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r",
          "s", "st", "t", "tr", "v", "z")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
CODAS = ("", "", "n", "r", "s", "l", "k", "nd", "st", "m")
# Words of the bundled article that a generated article swaps for its own subject.
SUBJECTS = ("Putin", "Zelensky", "Trump")
PLACES = ("Ukraine", "Russia", "Moscow", "Vladivostok", "China", "India", "North Korea")
SUBJECT_PATTERN = re.compile(rf"\b({'|'.join(SUBJECTS)})\b")
PLACE_PATTERN = re.compile(rf"\b({'|'.join(PLACES)})\b")
QUESTION_FORMS = ("What did {person} say about {topic}?", "Why does {person} oppose {topic}?",
                  "How did {place} respond to {topic}?", "What is the {topic}?",
                  "When will {place} decide on {topic}?", "Who supports {topic} in {place}?")


def pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(syllables))


def vocabulary(rng: random.Random, size: int) -> list[str]:
    """Invented words shared by the whole library, so that some are rare and some common."""
    return [pseudo_word(rng, rng.randint(2, 3)) for _ in range(size)]


def sentences_of(article: Article) -> list[str]:
    paragraphs = [p for section in article.sections for p in section.paragraphs]
    text = " ".join([article.summary, *paragraphs, *(faq.answer for faq in article.faqs)])
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if len(s) > 30]


class Writer:
    """Builds one article's text from the seed sentences and the shared vocabulary."""

    def __init__(self, rng: random.Random, sentences: list[str], words: list[str]) -> None:
        self.rng = rng
        self.sentences = sentences
        self.words = words
        self.person = pseudo_word(rng, 2).title() + " " + pseudo_word(rng, 3).title()
        self.surname = self.person.split()[1]
        self.place = pseudo_word(rng, 3).title()
        # A few words this article keeps returning to, drawn with a skew so that
        # the library has a long tail of rare words as well as common ones.
        self.topic_words = [self.common_word() for _ in range(6)]

    def common_word(self) -> str:
        index = int(len(self.words) * self.rng.random() ** 3)
        return self.words[index]

    def topic(self) -> str:
        return " ".join(self.rng.sample(self.topic_words, 2))

    def sentence(self) -> str:
        text = self.rng.choice(self.sentences)
        text = SUBJECT_PATTERN.sub(self.surname, text)
        text = PLACE_PATTERN.sub(self.place, text)
        words = text.split(" ")
        for _ in range(self.rng.randint(1, 3)):  # perturb: a topic word or two in place of others
            position = self.rng.randrange(len(words))
            if words[position].isalpha() and words[position].islower():
                words[position] = self.rng.choice([*self.topic_words, self.common_word()])
        return " ".join(words)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def heading(self) -> str:
        return f"{self.surname} and the {self.topic().title()}"

    def faq(self) -> Faq:
        question = self.rng.choice(QUESTION_FORMS).format(
            person=self.surname, place=self.place, topic=self.topic())
        return Faq(question, self.paragraph())

    def article(self, article_id: str, published: datetime) -> Article:
        """Sections are added until the YAML reaches about TARGET_BYTES."""
        first = Section(self.heading(), (self.paragraph(),))
        article = Article(
            title=f"Why Does {self.surname} Hold Firm on the {self.topic().title()}?",
            published=published, summary=self.paragraph(), sections=(first,),
            category=self.rng.choice(CATEGORIES),
            key_takeaways=tuple(self.sentence() for _ in range(self.rng.randint(3, 5))),
            tags=(self.surname, self.place, *self.rng.sample(self.topic_words, 2)),
            faqs=tuple(self.faq() for _ in range(self.rng.randint(3, 6))), id=article_id,
        )
        size = len(dump_yaml(article).encode())
        sections = [first]
        while size < TARGET_BYTES:
            section = Section(self.heading(),
                              tuple(self.paragraph() for _ in range(self.rng.randint(1, 2))))
            sections.append(section)
            # A section's YAML is about its text plus indentation and quoting.
            size += sum(len(p.encode()) + 8 for p in section.paragraphs) + len(section.heading) + 30
        return replace(article, sections=tuple(sections))


def write_library(count: int, folder: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    sentences = sentences_of(load_article(bundled_article_path()))
    words = vocabulary(rng, 4000)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2024, 1, 1, 6, 0, 0)
    width = max(4, len(str(count)))
    paths = []
    for number in range(1, count + 1):
        article_id = f"a{number:0{width}d}"
        published = start + timedelta(minutes=rng.randrange(60 * 24 * 600))
        article = Writer(rng, sentences, words).article(article_id, published)
        path = folder / f"{article_id}.yaml"
        path.write_text(dump_yaml(article), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="how many articles to write")
    parser.add_argument("folder", type=Path, help="where to write them (created if missing)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same library")
    options = parser.parse_args(argv)
    if options.count < 1:
        parser.error("count must be at least 1")
    paths = write_library(options.count, options.folder, options.seed)
    size = sum(path.stat().st_size for path in paths)
    print(f"wrote {len(paths)} articles ({size / 1024 / 1024:.1f} MiB) to {options.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
