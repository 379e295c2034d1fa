"""A small general-purpose thesaurus of words that readers of news use
interchangeably. A question word in one group also matches (less strongly) the
other words of its group. Groups are general English and news vocabulary, not a
list of any article's words: each word should be a plausible paraphrase of the
others in most news contexts, and words with many senses are left out."""

from __future__ import annotations

from functools import lru_cache

from .words import stem

GROUPS = (
    "say said says saying stated statement statements remark remarks comment comments "
    "speech speeches declare declared declaration assert asserted assertion announce "
    "announced announcement claim claimed speak spoke spoken",
    "warn warned warning warnings threat threats threaten threatened threatening caution "
    "ultimatum ultimatums",
    "troop troops force forces soldier soldiers army armies military",
    "talk talks negotiate negotiation negotiations negotiating meet meeting meetings summit "
    "dialogue discussion discussions",
    "war wars conflict conflicts fighting fight hostilities battle combat invasion",
    "peace peaceful ceasefire truce",
    "react reacted reaction reactions respond responded response responses reply replied",
    "applaud applauded applause cheer cheered clap clapped ovation",
    "audience crowd attendees spectators listeners",
    "effect effects affect affects affected impact impacts consequence consequences "
    "implication implications influence",
    "relation relations relationship relationships ties",
    "foreign international overseas abroad",
    "west western",
    "world global worldwide",
    "leader leaders president",
    "condition conditions term terms requirement requirements precondition preconditions",
    "prospect prospects outlook chance chances likelihood possible possibility likely",
    "end ends ending finish conclude conclusion",
    "goal goals aim aims objective objectives ambition ambitions intention intentions",
    "want wants wish wishes desire seek seeks",
    "pledge pledged pledges promise promised promises vow vowed commit committed commitment "
    "commitments",
    "support supports supported backing endorse endorsed help aid assistance",
    "sanction sanctions penalty penalties",
    "win won victory victorious triumph",
    "territory territories territorial land lands",
    "security safety protection defence defense",
    "ally allies allied partner partners partnership partnerships coalition",
    "concession concessions compromise compromises",
    "weapon weapons arms",
    "attack attacks attacked strike strikes target targets targeted destroy destruction",
    "economy economic economies",
    "priority priorities prioritize prioritise focus",
    "sincere sincerity genuine serious",
    "uncertain uncertainty unclear doubtful elusive",
    "difference differences differ different divergence diverging divide gap contrast "
    "disagreement",
    "view views opinion opinions perspective perspectives stance position positions attitude "
    "posture",
    "hardline uncompromising firm tough",
    "tension tensions friction strain strained",
    "sceptical skeptical scepticism skepticism doubt doubts",
    "future ahead upcoming",
)


@lru_cache(maxsize=1)
def _related() -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for group in GROUPS:
        members = {stem(word) for word in group.split()}
        for member in members:
            related.setdefault(member, set()).update(members - {member})
    return {key: frozenset(value) for key, value in related.items()}


def related_stems(word_stem: str) -> frozenset[str]:
    """The stems that paraphrase ``word_stem`` (not including it)."""
    return _related().get(word_stem, frozenset())
