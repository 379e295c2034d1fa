"""One calibrated confidence that a unit answers a question, in two steps fitted by
scripts/fit_ask.py on the tuning questions only (the tuning half of eval/corpus and
the bundled article's tuning sets):

1. Ranking: a conditional logit over the candidates' evidence (scoring.Evidence)
   gives each candidate its share of the chance of being the answer.
2. Answering: a logistic model over the best candidate's evidence, its share and
   its lead over the next gives the chance that it is right at all (a question the
   article does not answer has no right candidate).

A candidate's confidence is that chance times its share relative to the best one's:
the best candidate's confidence is the chance it is right, and the others follow
the ranking. Ranking, the answer threshold and the score shown all use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .scoring import Evidence

# fitted: begin (scripts/fit_ask.py --write replaces this block)
RANKING = Evidence(
    lexical=0.734, coverage=1.481, sentence=1.513, likeness=1.701, meaning=1.497,
    question_meaning=0.558, faq=1.261, overview=-3.445, kind=1.977, missing=1.789,
    unknown=-0.000, lead=1.426, meaning_lead=2.047, question_lead=1.922, lexical_rank=1.416,
    meaning_rank=0.966,
)
ANSWERING = (-2.166, *Evidence(
    lexical=0.157, coverage=0.129, sentence=0.467, likeness=1.306, meaning=0.631,
    question_meaning=0.129, faq=-0.979, overview=-0.146, kind=0.560, missing=0.127,
    unknown=-0.339, lead=0.671, meaning_lead=0.269, question_lead=0.014,
    lexical_rank=-0.925, meaning_rank=0.051,
), 1.220, 2.240)
# fitted: end


def logistic(value: float) -> float:
    return 1 / (1 + math.exp(-max(-60.0, min(60.0, value))))


def shares(evidence: Sequence[Evidence], ranking: Sequence[float] = RANKING) -> list[float]:
    """Each candidate's share of the chance of being the answer (they sum to 1)."""
    logits = [sum(weight * value for weight, value in zip(ranking, item, strict=True))
              for item in evidence]
    top = max(logits, default=0.0)
    exponentials = [math.exp(logit - top) for logit in logits]
    total = sum(exponentials)
    return [value / total for value in exponentials]


def answering_features(best: Evidence, share: float, runner_up: float) -> list[float]:
    return [1.0, *best, share, share - runner_up]


def confidences(evidence: Sequence[Evidence], ranking: Sequence[float] = RANKING,
                answering: Sequence[float] = ANSWERING) -> list[float]:
    """Each candidate's confidence, in the order given."""
    if not evidence:
        return []
    parts = shares(evidence, ranking)
    order = sorted(range(len(parts)), key=lambda position: -parts[position])
    best = order[0]
    runner_up = parts[order[1]] if len(order) > 1 else 0.0
    features = answering_features(evidence[best], parts[best], runner_up)
    right = logistic(sum(weight * value for weight, value in zip(answering, features,
                                                                 strict=True)))
    return [right * part / parts[best] for part in parts]
