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
    lexical=0.729, coverage=1.477, sentence=1.546, likeness=1.681, meaning=1.500,
    question_meaning=0.570, faq=1.258, overview=-3.443, kind=1.976, missing=1.809,
    unknown=-0.000, lead=1.414, meaning_lead=2.053, question_lead=1.925, lexical_rank=1.418,
    meaning_rank=0.958, measure=0.000, counted=0.000, about=0.000,
)
ANSWERING = (-2.157, *Evidence(
    lexical=0.103, coverage=0.032, sentence=0.327, likeness=1.479, meaning=0.378,
    question_meaning=0.110, faq=-1.039, overview=-0.113, kind=0.148, missing=0.199,
    unknown=-0.209, lead=0.646, meaning_lead=0.267, question_lead=0.243,
    lexical_rank=-0.884, meaning_rank=0.149, measure=1.211, counted=1.743, about=0.567,
), 1.205, 2.380)
DEEP_RANKING = Evidence(
    lexical=0.240, coverage=0.776, sentence=0.625, likeness=-0.213, meaning=2.487,
    question_meaning=1.768, faq=1.061, overview=-3.202, kind=1.548, missing=0.655,
    unknown=-0.000, lead=1.772, meaning_lead=3.426, question_lead=3.364, lexical_rank=1.108,
    meaning_rank=1.403, measure=0.000, counted=0.000, about=0.000,
)
DEEP_ANSWERING = (-1.782, *Evidence(
    lexical=-0.201, coverage=-0.079, sentence=0.975, likeness=0.237, meaning=0.529,
    question_meaning=0.695, faq=-0.953, overview=-0.400, kind=0.083, missing=0.527,
    unknown=-0.516, lead=0.764, meaning_lead=1.778, question_lead=0.593,
    lexical_rank=-0.874, meaning_rank=-0.648, measure=0.890, counted=1.456, about=0.919,
), 1.019, 1.972)
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
