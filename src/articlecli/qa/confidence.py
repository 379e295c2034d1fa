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
    unknown=-0.000, lead=1.414, meaning_lead=2.053, question_lead=1.924, lexical_rank=1.417,
    meaning_rank=0.958, measure=0.000, counted=0.000,
)
ANSWERING = (-1.860, *Evidence(
    lexical=0.136, coverage=0.126, sentence=0.413, likeness=1.404, meaning=0.500,
    question_meaning=0.153, faq=-1.015, overview=-0.094, kind=0.230, missing=0.262,
    unknown=-0.437, lead=0.593, meaning_lead=0.214, question_lead=0.222,
    lexical_rank=-0.914, meaning_rank=0.104, measure=1.267, counted=1.726,
), 1.202, 2.395)
DEEP_RANKING = Evidence(
    lexical=0.240, coverage=0.776, sentence=0.626, likeness=-0.213, meaning=2.487,
    question_meaning=1.769, faq=1.061, overview=-3.203, kind=1.547, missing=0.656,
    unknown=-0.000, lead=1.772, meaning_lead=3.426, question_lead=3.363, lexical_rank=1.108,
    meaning_rank=1.403, measure=0.000, counted=0.000,
)
DEEP_ANSWERING = (-1.307, *Evidence(
    lexical=-0.146, coverage=0.018, sentence=1.078, likeness=0.182, meaning=0.744,
    question_meaning=0.776, faq=-0.934, overview=-0.407, kind=0.205, missing=0.633,
    unknown=-0.953, lead=0.691, meaning_lead=1.695, question_lead=0.488,
    lexical_rank=-0.871, meaning_rank=-0.646, measure=1.029, counted=1.453,
), 1.057, 1.926)
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
