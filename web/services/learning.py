"""Learning the ranking weights from recorded introduction outcomes.

An introduction's outcome is a graded judgement of one (MSME, offering)
pair: an agreement is worth most, an accepted or met introduction something,
a declined one nothing. ``learn_from_outcomes`` fits weights by pairwise
logistic regression over the candidates of each MSME (``matcher.learning``),
compares them with the current defaults on held-out MSMEs, and adopts them
only when they rank those better.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher import learning
from matcher.engine import DEFAULT_WEIGHTS, Matcher

from ..extensions import db
from ..models import Introduction, Msme, SystemState
from . import audit, matching

MIN_MSMES = 8
MIN_PAIRS = 30
HELD_OUT_SHARE = 0.3


def outcome_grade(intro: Introduction) -> int | None:
    """Grade of an introduction's outcome, or ``None`` while it is still open."""
    if intro.status == "agreement" or (intro.status == "closed" and intro.outcome_kind):
        return 2
    if intro.status in ("accepted", "met", "closed"):
        return 1
    if intro.status == "declined":
        return 0
    # Still open, or ended with no answer (expired, withdrawn): no judgement of the pair.
    return None


@dataclass
class LearningReport:
    lines: list[str] = field(default_factory=list)
    adopted: bool = False
    default_score: float | None = None
    learned_score: float | None = None


def _groups(matcher: Matcher) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per MSME: features of its graded candidates and their grades."""
    intros = db.session.scalars(
        select(Introduction).options(
            selectinload(Introduction.offering),
            selectinload(Introduction.msme).selectinload(Msme.needs),
        )
    )
    graded: dict[int, tuple[Msme, dict[str, int]]] = {}
    for intro in intros:
        grade = outcome_grade(intro)
        if grade is None:
            continue
        msme, grades = graded.setdefault(intro.msme_id, (intro.msme, {}))
        grades[intro.offering.external_id] = grade
    groups = []
    for msme, grades in graded.values():
        if len(set(grades.values())) < 2:
            continue  # nothing to compare within this MSME
        indices, features = matcher.features_for(matching.msme_profile(msme))
        ids = [matcher.offering_ids_[i] for i in indices]
        rows = [k for k, oid in enumerate(ids) if oid in grades]
        labels = np.array([grades[ids[k]] for k in rows], dtype=float)
        if len(rows) >= 2 and len(set(labels)) >= 2:
            groups.append((features[rows], labels))
    return groups


def _pairs(groups) -> int:
    return sum(int((labels[:, None] > labels[None, :]).sum()) for _, labels in groups)


def learn_from_outcomes(seed: int = 0) -> LearningReport:
    """Fit, compare on held-out MSMEs, and adopt only when better (in the session)."""
    report = LearningReport()
    current = matching.adopted_weights() or dict(DEFAULT_WEIGHTS)
    matcher = Matcher(weights=current).fit(matching.matchable_offerings())
    groups = _groups(matcher)
    pairs = _pairs(groups)
    report.lines.append(
        f"Outcomes usable for learning: {len(groups)} MSMEs, {pairs} ordered pairs."
    )
    if len(groups) < MIN_MSMES or pairs < MIN_PAIRS:
        report.lines.append(
            f"Too few outcomes to learn from (need at least {MIN_MSMES} MSMEs with different "
            f"outcomes and {MIN_PAIRS} pairs); keeping the current weights."
        )
        return report
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    n_test = max(2, round(len(groups) * HELD_OUT_SHARE))
    test = [groups[i] for i in order[:n_test]]
    train = [groups[i] for i in order[n_test:]]
    learned = learning.fit_weights(train)
    report.default_score = learning.evaluate_weights(test, current)
    report.learned_score = learning.evaluate_weights(test, learned)
    report.lines.append(f"Held-out NDCG@5 with current weights: {report.default_score:.4f}")
    report.lines.append(f"Held-out NDCG@5 with learned weights: {report.learned_score:.4f}")
    if report.learned_score > report.default_score:
        state = db.session.get(SystemState, matching.WEIGHTS_KEY)
        value = {
            "weights": learned,
            "heldout_ndcg": report.learned_score,
            "previous_ndcg": report.default_score,
            "msmes": len(groups),
        }
        before = state.value if state is not None else None
        if state is None:
            db.session.add(SystemState(key=matching.WEIGHTS_KEY, value=value))
        else:
            state.value = value
        audit.record(
            "update",
            "settings",
            matching.WEIGHTS_KEY,
            before=before,
            after=value,
            actor_label="cli:learn-weights",
        )
        report.adopted = True
        report.lines.append(
            "Learned weights adopted: "
            + ", ".join(f"{k}={v:.3f}" for k, v in sorted(learned.items()))
        )
    else:
        report.lines.append("Learned weights are not better; keeping the current weights.")
    return report
