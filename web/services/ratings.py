"""Service quality: ratings once an introduction closed, and scorecards for staff.

When an introduction is closed the MSME is asked, on its own page, to rate the
partner's help and the consultant's assistance (1-5 and a comment), and the
partner to rate the MSME's readiness. A rated party only ever sees aggregates
(``received``): never who rated, nor which introduction a rating came from.
Staff see scorecards per partner and per consultant. Services never commit.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    Introduction,
    IntroductionEvent,
    Milestone,
    Offering,
    Partner,
    Rating,
    User,
)
from . import audit
from .errors import DomainError
from .introductions import STAFF_ROLES

RATABLE = ("closed",)
COMMENT_MAX = 1000
# The MSME rates these two; the partner rates the MSME.
BY_MSME = ("partner", "consultant")
# Comments are shown to the rated partner only once there are this many, so that
# one comment cannot be matched to the one introduction it came from.
COMMENTS_FROM = 3


class RatingError(DomainError, ValueError):
    """A rating that cannot be given."""


def _consultant_of(intro: Introduction) -> int | None:
    """The consultant who brokered the introduction: who proposed it."""
    for event in intro.events:
        actor = event.actor
        if event.status == "proposed" and actor is not None and actor.role in STAFF_ROLES:
            return actor.id
    creator = db.session.get(User, intro.created_by_id) if intro.created_by_id else None
    return creator.id if creator is not None and creator.role in STAFF_ROLES else None


def may_rate(intro: Introduction, actor: User) -> tuple[str, ...]:
    """The subjects this actor may still rate for this introduction."""
    if intro.status not in RATABLE:
        return ()
    if actor.role == "msme" and actor.msme_id == intro.msme_id:
        subjects = BY_MSME if _consultant_of(intro) else ("partner",)
    elif actor.role == "partner" and actor.partner_id == intro.offering.partner_id:
        subjects = ("msme",)
    else:
        return ()
    done = set(db.session.scalars(select(Rating.subject).where(Rating.introduction_id == intro.id)))
    return tuple(s for s in subjects if s not in done)


def rate(intro: Introduction, actor: User, scores: dict[str, Any], comments: dict[str, Any]):
    """Store the actor's ratings (subject -> 1..5) for a closed introduction."""
    allowed = may_rate(intro, actor)
    if not allowed:
        raise RatingError(_l("Perkenalan ini tidak dapat (lagi) Anda nilai."))
    given = {s: v for s, v in scores.items() if s in allowed and v not in (None, "")}
    if not given:
        raise RatingError(_l("Pilih nilai 1 sampai 5."))
    for subject, raw in given.items():
        try:
            score = int(raw)
        except (TypeError, ValueError):
            score = 0
        if not 1 <= score <= 5:
            raise RatingError(_l("Nilai harus 1 sampai 5."))
        comment = (comments.get(subject) or "").strip()[:COMMENT_MAX] or None
        rating = Rating(
            introduction_id=intro.id,
            subject=subject,
            rater_id=actor.id,
            consultant_id=_consultant_of(intro) if subject == "consultant" else None,
            score=score,
            comment=comment,
        )
        db.session.add(rating)
        db.session.flush()
        audit.record(
            "create",
            "rating",
            str(rating.id),
            actor_id=actor.id,
            after={"introduction": intro.id, "subject": subject, "score": score},
        )


def pending(actor: User) -> list[tuple[Introduction, tuple[str, ...]]]:
    """Closed introductions the actor is asked to rate, with what is left to rate."""
    query = select(Introduction).options(
        selectinload(Introduction.offering).selectinload(Offering.partner),
        selectinload(Introduction.events).selectinload(IntroductionEvent.actor),
    )
    if actor.role == "msme" and actor.msme_id:
        query = query.where(Introduction.msme_id == actor.msme_id)
    elif actor.role == "partner" and actor.partner_id:
        query = query.join(Offering).where(Offering.partner_id == actor.partner_id)
    else:
        return []
    query = query.where(Introduction.status.in_(RATABLE)).order_by(Introduction.id)
    out = []
    for intro in db.session.scalars(query):
        left = may_rate(intro, actor)
        if left:
            out.append((intro, left))
    return out


@dataclass
class Received:
    """What a rated party may see of its ratings: no rater, no introduction."""

    count: int
    mean: float | None
    comments: list[str] = field(default_factory=list)


def received_by_partner(partner_id: int) -> Received:
    rows = db.session.execute(
        select(Rating.score, Rating.comment)
        .join(Introduction, Introduction.id == Rating.introduction_id)
        .join(Offering, Offering.id == Introduction.offering_id)
        .where(Rating.subject == "partner", Offering.partner_id == partner_id)
    ).all()
    comments = sorted(c for _, c in rows if c) if len(rows) >= COMMENTS_FROM else []
    mean = round(statistics.fmean(s for s, _ in rows), 1) if rows else None
    return Received(len(rows), mean, comments)


# -- scorecards ----------------------------------------------------------------------
@dataclass
class PartnerCard:
    partner: Partner
    introductions: int
    median_answer_days: float | None
    acceptance_rate: float | None
    agreements: int
    outcome_value_idr: int
    mean_rating: float | None
    ratings: int


def partner_scorecards() -> list[PartnerCard]:
    from .monitoring import _days

    proposed = func.min(
        db.case((IntroductionEvent.status == "proposed", IntroductionEvent.created_at))
    )
    answered = func.min(
        db.case(
            (
                IntroductionEvent.status.in_(("accepted", "declined")),
                IntroductionEvent.created_at,
            )
        )
    )

    def reached(status):
        return func.max(db.case((IntroductionEvent.status == status, 1), else_=0))

    per_intro = (
        select(
            Offering.partner_id.label("partner_id"),
            Introduction.outcome_value_idr.label("value"),
            proposed.label("proposed"),
            answered.label("answered"),
            reached("accepted").label("accepted"),
            reached("declined").label("declined"),
            reached("agreement").label("agreement"),
        )
        .select_from(Introduction)
        .join(Offering, Offering.id == Introduction.offering_id)
        .join(IntroductionEvent, IntroductionEvent.introduction_id == Introduction.id)
        .group_by(Introduction.id, Offering.partner_id, Introduction.outcome_value_idr)
        .subquery()
    )
    days = _days(per_intro.c.answered, per_intro.c.proposed)
    stats: dict[int, dict] = {}
    for pid, d, acc, dec, agr, value in db.session.execute(
        select(
            per_intro.c.partner_id,
            days,
            per_intro.c.accepted,
            per_intro.c.declined,
            per_intro.c.agreement,
            per_intro.c.value,
        )
    ):
        s = stats.setdefault(
            pid, {"n": 0, "days": [], "acc": 0, "answered": 0, "agr": 0, "value": 0}
        )
        s["n"] += 1
        if d is not None:
            s["days"].append(float(d))
        s["acc"] += acc or 0
        s["answered"] += (acc or 0) or (dec or 0)
        if agr:
            s["agr"] += 1
            s["value"] += value or 0
    ratings = {
        pid: (n, mean)
        for pid, n, mean in db.session.execute(
            select(Offering.partner_id, func.count(), func.avg(Rating.score))
            .select_from(Rating)
            .join(Introduction, Introduction.id == Rating.introduction_id)
            .join(Offering, Offering.id == Introduction.offering_id)
            .where(Rating.subject == "partner")
            .group_by(Offering.partner_id)
        )
    }
    partners = db.session.scalars(select(Partner).where(Partner.id.in_(list(stats))))
    cards = []
    for p in partners:
        s = stats[p.id]
        n_ratings, mean = ratings.get(p.id, (0, None))
        cards.append(
            PartnerCard(
                partner=p,
                introductions=s["n"],
                median_answer_days=round(statistics.median(s["days"]), 1) if s["days"] else None,
                acceptance_rate=round(s["acc"] / s["answered"] * 100, 1) if s["answered"] else None,
                agreements=s["agr"],
                outcome_value_idr=int(s["value"]),
                mean_rating=round(float(mean), 1) if mean is not None else None,
                ratings=n_ratings,
            )
        )
    return sorted(cards, key=lambda c: (-c.introductions, c.partner.name))


@dataclass
class ConsultantCard:
    consultant: User
    msmes_by_field: dict[str, int]
    milestones_done: int
    milestones_on_time: int
    mean_rating: float | None
    ratings: int

    @property
    def on_time_rate(self) -> float | None:
        if not self.milestones_done:
            return None
        return round(self.milestones_on_time / self.milestones_done * 100, 1)


def consultant_scorecards() -> list[ConsultantCard]:
    staff = list(
        db.session.scalars(
            select(User).where(User.role.in_(STAFF_ROLES)).order_by(User.name, User.email)
        )
    )
    by_field: dict[int, dict[str, set]] = {}
    for uid, fld, msme_id in db.session.execute(
        select(Introduction.created_by_id, Offering.field, Introduction.msme_id)
        .join(Offering, Offering.id == Introduction.offering_id)
        .where(Introduction.created_by_id.in_([u.id for u in staff]))
        .distinct()
    ):
        by_field.setdefault(uid, {}).setdefault(fld, set()).add(msme_id)
    for uid, fld, msme_id in db.session.execute(
        select(Milestone.consultant_id, Milestone.field, Milestone.msme_id).distinct()
    ):
        if uid is not None:
            by_field.setdefault(uid, {}).setdefault(fld, set()).add(msme_id)
    done = {
        uid: (n, on_time or 0)
        for uid, n, on_time in db.session.execute(
            select(
                Milestone.consultant_id,
                func.count(),
                func.sum(db.case((Milestone.completed_on <= Milestone.due_date, 1), else_=0)),
            )
            .where(Milestone.status == "done")
            .group_by(Milestone.consultant_id)
        )
    }
    ratings = {
        uid: (n, mean)
        for uid, n, mean in db.session.execute(
            select(Rating.consultant_id, func.count(), func.avg(Rating.score))
            .where(Rating.subject == "consultant")
            .group_by(Rating.consultant_id)
        )
    }
    cards = []
    for u in staff:
        n_done, on_time = done.get(u.id, (0, 0))
        n_ratings, mean = ratings.get(u.id, (0, None))
        fields = {f: len(m) for f, m in sorted(by_field.get(u.id, {}).items())}
        if not fields and not n_done and not n_ratings:
            continue
        cards.append(
            ConsultantCard(
                consultant=u,
                msmes_by_field=fields,
                milestones_done=n_done,
                milestones_on_time=int(on_time),
                mean_rating=round(float(mean), 1) if mean is not None else None,
                ratings=n_ratings,
            )
        )
    return cards
