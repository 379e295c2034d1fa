"""How common a word is in English at large, from a small built-in list.

An article is too short to tell on its own whether a word is telling: "want" may
occur in a single paragraph, yet a reader who types it says little about what
they are after, while a rare word ("tariff") says a lot, all the more when the
article never uses it. The matcher scales each question word's weight by its
group here. The lists are general English, written without reference to any
article or question set: framing words (frequent verbs, adverbs, adjectives and
vague nouns) and common topical words (frequent nouns and adjectives). Function
words are not here: text.STOP_WORDS drops them before weighting.
"""

from __future__ import annotations

from functools import lru_cache

from .text import stem

# Framing words: frequent verbs, adverbs, adjectives and vague nouns that readers
# wrap around any topic ("what happens", "will it end soon", "do people want").
_FRAMING = """
able about accept actually add again ago agree ahead allow almost already always anybody
anyone anything appear ask away back bad basically become begin believe best better big bit
bring build call came can care certain certainly change choose clear clearly come consider
continue could course decide do does done early easily easy else enough especially even ever
every exactly example expect fact far fast feel felt find fine finally follow generally get
give go going gone good got great guess guy happen happened hard help hold hope idea
important include indeed instead keep kind know large last late later least leave let like
likely little live long look lot lots make matter maybe mean might mind moment much need
never new next nice nothing now often ok okay old once people person pick plan please
possible pretty probably put quick quickly quite rather real really reason recent recently
remain remember right run said same saw say see seem set show simple simply small some
someone something sometimes soon sort start still stop stuff sure take talk tell thank thing
things think thought time today told tomorrow true try turn understand use used usual usually
very wait want way week well went whole wonder work worry would wrong year yes yesterday yet
"""

# Common topical words: frequent nouns and adjectives of everyday and news English. They
# name a topic, but so often that sharing one is weaker evidence than sharing a rare word.
_COMMON = """
account action activity address adult age agency agent agreement air american amount
analysis animal answer area argument arm army art article attack attention baby bag ball
bank bar bed behavior benefit bill billion bird black blood blue board boat body book box
boy brother budget building business campaign capital car card career case cause cell
center central century chair challenge chance character charge child children church
citizen city civil class coach college color community company computer concern condition
conference control cost country couple court crime culture cup customer data daughter day
deal death debate decade decision defense degree development difference dinner director
disease doctor dog door dream drug east economic economy education effect effort election
employee end energy environment evening event evidence experience expert eye face factor
family father fear federal field figure film fire firm fish floor food foot force foreign
form friend front fund future game garden gas general generation girl goal government
ground group growth gun hair half hand head health heart history home hospital hotel hour
house human husband image impact income industry information interest international
interview investment issue job key kid kitchen land language law lawyer leader leg letter
level life light line list local loss machine magazine majority man management manager
market marriage material media medical meeting member memory message method middle
military million minute mission model money month morning mother movement movie music
nation national nature network news newspaper night north number office officer official
oil opportunity order organization owner page pain paper parent part party partner past
patient peace performance period phone picture piece place player police policy political
politics population position power president pressure price problem process product
production program project property public purpose quality question race radio range rate
record region relationship report research resource response rest result risk road rock
role room rule school science season seat security series service side sign site situation
size skill society soldier son song source south space speech sport staff stage star state
statement station step stock story strategy street structure student study style subject
success summer support system table task tax teacher team technology television term test
theory thousand threat top town trade training travel treatment tree trial trip trouble
truth type unit value victim view voice vote war water weapon weather west western wife
window woman women word worker world
"""

FRAMING = 0.3
COMMON = 0.7


@lru_cache(maxsize=1)
def _tiers() -> dict[str, float]:
    tiers = {stem(word): COMMON for word in _COMMON.split()}
    tiers.update({stem(word): FRAMING for word in _FRAMING.split()})
    return tiers


def commonness_factor(word_stem: str) -> float:
    """How much a question word with this stem counts, from 1 (rare in English, telling)
    down to FRAMING (a word readers wrap around any topic)."""
    return _tiers().get(word_stem, 1.0)
