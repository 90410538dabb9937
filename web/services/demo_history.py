"""Loading the demo's two years of programme history (``seeds/history.json``).

``flask seed`` calls ``load_profiles`` before it imports ``demo.json`` and
``load_activity`` after the demo accounts exist; both run once per database
(a ``SystemState`` marker). Earlier profile states go through the importer
with their effective dates, like any import, so the growth history and the
class-ups are derived as in real use; ``demo.json`` then holds the current
profile and re-importing it changes nothing. Services never commit.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import (
    Introduction,
    Milestone,
    Msme,
    Offering,
    Rating,
    SystemState,
    User,
    utcnow,
)
from . import introductions
from .importer import import_document

MARKER = "demo_history"


def loaded() -> bool:
    return db.session.get(SystemState, MARKER) is not None


def load_profiles(history: dict, demo: dict) -> int:
    """Import every MSME's earlier profile states, then its profile of ``demo``,
    each as of its date. Returns how many MSMEs got a history."""
    start = dt.date.fromisoformat(history["start"])
    records = {r["external_id"]: r for r in demo["msmes"]}
    steps: dict[str, list[dict]] = {}

    def add(on: str, record: dict) -> None:
        steps.setdefault(on, []).append(record)

    grown = {p["msme"]: p for p in history["profiles"]}
    for external_id, record in records.items():
        profile = grown.get(external_id)
        if profile is None:
            add(start.isoformat(), record)
            continue
        for state in profile["states"]:
            add(state["from"], {**copy.deepcopy(record), **state["set"]})
        add(profile["now_from"], record)
    for on in sorted(steps):
        doc = {"format": demo["format"], "msmes": steps[on], "partners": []}
        import_document(doc, actor_label="seed", effective_date=dt.date.fromisoformat(on))
    return len(grown)


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _waiting_now(steps: list, index: int, now: dt.datetime) -> list:
    """The steps of an introduction still waiting for an answer, moved so that its
    last step is 1 to 3 days before ``now`` (their gaps kept): it waits now, not
    since the file was written, so the worker's first pass neither reminds of it
    nor expires it (the demo's partners find it in their inbox). Others unchanged."""
    if steps[-1][0] not in introductions.WAITING_STATUSES:
        return steps
    shift = now - dt.timedelta(days=1 + index % 3) - _when(steps[-1][1])
    if shift <= dt.timedelta(0):
        return steps
    return [(status, (_when(when) + shift).isoformat(), actor) for status, when, actor in steps]


def load_activity(history: dict, now: dt.datetime | None = None) -> dict[str, int]:
    """Introductions with their steps and outcomes, milestones and ratings."""
    now = now or utcnow()
    msmes = dict(db.session.execute(select(Msme.external_id, Msme.id)).all())
    offerings = dict(db.session.execute(select(Offering.external_id, Offering.id)).all())
    users = {u.email: u for u in db.session.scalars(select(User))}
    owners = {u.msme_id: u for u in users.values() if u.role == "msme" and u.msme_id}
    partner_users = {u.partner_id: u for u in users.values() if u.role == "partner"}
    partner_of = dict(db.session.execute(select(Offering.id, Offering.partner_id)).all())
    intros: list[Introduction | None] = []
    for index, item in enumerate(history["introductions"]):
        item = {**item, "steps": _waiting_now(item["steps"], index, now)}
        msme_id, offering_id = msmes.get(item["msme"]), offerings.get(item["offering"])
        if msme_id is None or offering_id is None:
            intros.append(None)
            continue
        consultant = users.get(item["consultant"])
        first = item["steps"][0]
        requested = first[0] == "requested"
        creator = owners.get(msme_id) if requested else consultant
        intro = Introduction(
            msme_id=msme_id,
            offering_id=offering_id,
            status=item["steps"][-1][0],
            created_by_id=creator.id if creator else None,
            created_at=_when(first[1]),
            updated_at=_when(item["steps"][-1][1]),
            outcome_kind=(item["outcome"] or {}).get("kind"),
            outcome_value_idr=(item["outcome"] or {}).get("value_idr"),
        )
        partner_user = partner_users.get(partner_of[offering_id])
        for status, when, actor in item["steps"]:
            who = users.get(actor) if actor else None
            if who is None and status in ("accepted", "declined"):
                who = partner_user
            if who is None and status == "requested":
                who = owners.get(msme_id)
            introductions.record_step(intro, status, who, at=_when(when))
        db.session.add(intro)
        intros.append(intro)
    db.session.flush()
    stored: list[Milestone | None] = []
    for item in history["milestones"]:
        msme_id = msmes.get(item["msme"])
        if msme_id is None:
            stored.append(None)
            continue
        consultant = users.get(item["consultant"])
        follows = stored[item["follows"]] if item["follows"] is not None else None
        milestone = Milestone(
            msme_id=msme_id,
            field=item["field"],
            title=item["title"],
            measure="",
            indicator=item["indicator"],
            unit=item["unit"],
            baseline=item["baseline"],
            target_value=item["target"],
            current_value=item["current"],
            start_date=dt.date.fromisoformat(item["start"]),
            due_date=dt.date.fromisoformat(item["due"]),
            status=item["status"],
            completed_on=dt.date.fromisoformat(item["completed_on"])
            if item["completed_on"]
            else None,
            consultant_id=consultant.id if consultant else None,
            counterpart=item["counterpart"],
            follows=follows,
        )
        db.session.add(milestone)
        stored.append(milestone)
    rated = 0
    for index, subject, score, comment, when in history["ratings"]:
        intro = intros[index]
        if intro is None:
            continue
        rater = owners.get(intro.msme_id) if subject != "msme" else None
        consultant = None
        if subject == "consultant":
            consultant = next(
                (e.actor_id for e in intro.events if e.status == "proposed" and e.actor_id), None
            )
        db.session.add(
            Rating(
                introduction_id=intro.id,
                subject=subject,
                rater_id=rater.id if rater else None,
                consultant_id=consultant,
                score=score,
                comment=comment,
                created_at=_when(when),
            )
        )
        rated += 1
    db.session.add(SystemState(key=MARKER, value={"loaded": dt.date.today().isoformat()}))
    db.session.flush()
    return {
        "introductions": sum(1 for i in intros if i is not None),
        "milestones": sum(1 for m in stored if m is not None),
        "ratings": rated,
    }


def summary(counts: dict[str, Any], grown: int) -> str:
    return (
        f"Demo history: {counts['introductions']} introductions, {counts['milestones']} "
        f"milestones, {counts['ratings']} ratings, {grown} MSMEs with a growth history."
    )
