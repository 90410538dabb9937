"""A straightforward per-pair ranking, the yardstick for the vectorised engine.

For every (MSME, offering) pair it checks the hard filters, resolves both
sides' commodities, vectorises the texts and computes a cosine, one pair at a
time in Python, with the engine's default weights. It ranks like the engine
in spirit (same filters, same four features), not score for score.
"""

from __future__ import annotations

import datetime as dt

from matcher.codes import NATIONAL, PROVINCE
from matcher.commodities import default_taxonomy
from matcher.engine import DEFAULT_WEIGHTS
from matcher.evaluate import hard_filter_failures
from matcher.text import TextModel

URGENCY = {1: 1.0, 2: 2 / 3, 3: 1 / 3}


def _offering_text(o) -> str:
    return " ".join((o.title, o.description, o.partner_description, " ".join(o.commodities)))


def fit_text(offerings) -> TextModel:
    model = TextModel()
    model.fit_transform([_offering_text(o) for o in offerings])
    return model


def _cosine(model: TextModel, a: str, b: str) -> float:
    qa, qb = model.transform([a]), model.transform([b])
    return float(qa.multiply(qb).sum())


def score_pair(model, msme, offering, today: dt.date) -> float | None:
    """The pair's score in [0, 1], or ``None`` when a hard filter fails."""
    if hard_filter_failures(msme, offering, today):
        return None
    taxonomy = default_taxonomy()
    offer_text = _offering_text(offering)
    need = 0.0
    for n in msme.needs:
        if n.field == offering.field:
            need = max(
                need,
                URGENCY.get(n.priority, 2 / 3)
                * (0.05 + 0.95 * _cosine(model, n.description, offer_text)),
            )
    mine = [m.commodity for m in taxonomy.resolve_all(msme.commodities)]
    theirs = [m.commodity for m in taxonomy.resolve_all(offering.commodities)]
    if not offering.commodities and not offering.sectors:
        commodity = 0.4
    elif any(taxonomy.are_related(a.key, b.key) for a in mine for b in theirs):
        commodity = 1.0
    elif msme.sector and (
        msme.sector in offering.sectors or any(b.sector == msme.sector for b in theirs)
    ):
        commodity = 0.6
    else:
        commodity = 0.0
    text = _cosine(model, msme.description + " " + " ".join(msme.commodities), offer_text)
    regions = set(offering.regions)
    region = (
        1.0
        if msme.regency in regions
        else 2 / 3
        if PROVINCE in regions
        else 1 / 3
        if NATIONAL in regions
        else 0.0
    )
    return (
        DEFAULT_WEIGHTS["need"] * need
        + DEFAULT_WEIGHTS["commodity"] * commodity
        + DEFAULT_WEIGHTS["text"] * text
        + DEFAULT_WEIGHTS["region"] * region
    )


def rank(model, msme, offerings, today: dt.date, limit: int = 10) -> list[tuple[float, str]]:
    scored = []
    for offering in offerings:
        score = score_pair(model, msme, offering, today)
        if score is not None:
            scored.append((score, offering.external_id))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored[:limit]
