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

The DEEP_ pair is the same model fitted on the evidence after the second look
(deep.py), whose meaning comes from the sentence encoder. It is fitted on every
tuning question but used only for those the first look is unsure of, so it is a
little sure of itself there: on each tuning article left out of the fit (printed by
scripts/fit_ask.py --cv), its answers shown at 0.6-0.8 were right 60% of the time,
at 0.8-1.0 77%, at 0.4-0.6 51%. Fitting it on the unsure questions alone answered
fewer right.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .scoring import Evidence

# fitted: begin (scripts/fit_ask.py --write replaces this block)
RANKING = Evidence(
    lexical=0.729, coverage=1.477, sentence=1.547, likeness=1.681, meaning=1.500,
    question_meaning=0.571, faq=1.258, overview=-3.444, kind=1.976, missing=1.810,
    unknown=0.000, lead=1.414, meaning_lead=2.053, question_lead=1.924, lexical_rank=1.417,
    meaning_rank=0.958, measure=0.000,
)
ANSWERING = (-1.839, *Evidence(
    lexical=0.161, coverage=0.139, sentence=0.492, likeness=1.362, meaning=0.450,
    question_meaning=0.137, faq=-1.007, overview=-0.087, kind=0.227, missing=0.326,
    unknown=-0.466, lead=0.549, meaning_lead=0.234, question_lead=0.204,
    lexical_rank=-0.968, meaning_rank=0.071, measure=1.543,
), 1.197, 2.420)
DEEP_RANKING = Evidence(
    lexical=0.240, coverage=0.776, sentence=0.626, likeness=-0.213, meaning=2.487,
    question_meaning=1.769, faq=1.061, overview=-3.203, kind=1.547, missing=0.656,
    unknown=-0.000, lead=1.772, meaning_lead=3.426, question_lead=3.363, lexical_rank=1.108,
    meaning_rank=1.403, measure=0.000,
)
DEEP_ANSWERING = (-1.326, *Evidence(
    lexical=-0.116, coverage=0.059, sentence=1.165, likeness=0.127, meaning=0.691,
    question_meaning=0.789, faq=-0.876, overview=-0.397, kind=0.187, missing=0.679,
    unknown=-0.933, lead=0.747, meaning_lead=1.643, question_lead=0.466,
    lexical_rank=-0.910, meaning_rank=-0.674, measure=1.312,
), 1.001, 1.958)
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
