"""Milestones that meet the ten traits of an effective milestone.

A milestone is specific (a title), measurable (indicator, unit, baseline,
target and current value), timely (start and end date), assignable (the
responsible consultant and the MSME's counterpart), progressive (the
milestone it follows), neither too big (over a year) nor too small (under a
week). ``trait_warnings`` says, per form field, which trait is missing; an
end before the start is an error, the rest are warnings a consultant may
accept. Progress updates are kept with their date and note. Services never
commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import MILESTONE_STATUSES, Milestone, MilestoneUpdate, Msme, User
from . import audit
from .errors import DomainError

TOO_BIG = dt.timedelta(days=366)
TOO_SMALL = dt.timedelta(days=7)
TITLE_MIN_WORDS = 3
FIELDS = (
    "field",
    "title",
    "measure",
    "indicator",
    "unit",
    "baseline",
    "target_value",
    "current_value",
    "start_date",
    "due_date",
    "consultant_id",
    "counterpart",
    "follows_id",
    "status",
)


class MilestoneError(DomainError, ValueError):
    """A milestone that cannot be saved as it is."""


def trait_errors(values: dict[str, Any]) -> dict[str, Any]:
    """Problems that stop a milestone from being saved, per field."""
    errors = {}
    start, end = values.get("start_date"), values.get("due_date")
    if start and end and end < start:
        errors["due_date"] = _l("Tenggat sebelum tanggal mulai (Timely).")
    return errors


def trait_warnings(values: dict[str, Any]) -> dict[str, Any]:
    """The traits a milestone misses, per form field, as warnings to show next to it."""
    warnings: dict[str, Any] = {}
    title = (values.get("title") or "").strip()
    if title and len(title.split()) < TITLE_MIN_WORDS:
        warnings["title"] = _l(
            "Judul terlalu umum: tulis apa persisnya yang dicapai (Specific, Open)."
        )
    if values.get("target_value") is None or not (values.get("indicator") or "").strip():
        warnings["target_value"] = _l(
            "Tidak ada angka untuk diukur: isi indikator dan nilai target (Measurable)."
        )
    if not values.get("start_date"):
        warnings["start_date"] = _l("Tanpa tanggal mulai (Timely).")
    if not values.get("consultant_id"):
        warnings["consultant_id"] = _l("Tidak ada yang bertanggung jawab (Assignable).")
    if not (values.get("counterpart") or "").strip():
        warnings["counterpart"] = _l("Siapa di UMKM yang mengerjakannya? (Assignable)")
    start, end = values.get("start_date"), values.get("due_date")
    if start and end and end >= start:
        if end - start > TOO_BIG:
            warnings["due_date"] = _l(
                "Lebih dari setahun: terlalu besar, pecah menjadi beberapa tonggak "
                "(Small, Attainable)."
            )
        elif end - start < TOO_SMALL:
            warnings["due_date"] = _l(
                "Kurang dari seminggu: terlalu kecil untuk sebuah tonggak (Significant)."
            )
    return warnings


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def save(
    msme: Msme,
    values: dict[str, Any],
    actor: User,
    milestone: Milestone | None = None,
    accept_warnings: bool = False,
) -> tuple[Milestone | None, dict[str, Any]]:
    """Create or change a milestone. Returns ``(milestone, warnings)``: while there
    are warnings not accepted nothing is saved and the milestone is ``None``.
    Raises ``MilestoneError`` for an error (end before start)."""
    errors = trait_errors(values)
    if errors:
        raise MilestoneError(next(iter(errors.values())))
    warnings = trait_warnings(values)
    if warnings and not accept_warnings:
        return None, warnings
    if values.get("status") not in MILESTONE_STATUSES:
        raise MilestoneError(_l("Status tonggak tidak dikenal."))
    follows_id = values.get("follows_id")
    if follows_id is not None:
        follows = db.session.get(Milestone, follows_id)
        if (
            follows is None
            or follows.msme_id != msme.id
            or (milestone and follows.id == milestone.id)
        ):
            raise MilestoneError(_l("Tonggak sebelumnya harus tonggak lain dari UMKM yang sama."))
    creating = milestone is None
    before = None if creating else audit.jsonable(snapshot(milestone))
    if creating:
        milestone = Milestone(msme_id=msme.id)
        db.session.add(milestone)
    for key in FIELDS:
        value = values.get(key)
        if key in ("baseline", "target_value", "current_value"):
            value = _number(value)
        elif isinstance(value, str):
            value = value.strip() or (None if key not in ("title", "measure") else "")
        setattr(milestone, key, value)
    _set_completion(milestone)
    db.session.flush()
    audit.record(
        "create" if creating else "update",
        "milestone",
        str(milestone.id),
        actor_id=actor.id,
        before=before,
        after=audit.jsonable(dict(snapshot(milestone), msme=msme.external_id)),
    )
    return milestone, warnings


def _set_completion(milestone: Milestone, on: dt.date | None = None) -> None:
    if milestone.status == "done" and milestone.completed_on is None:
        milestone.completed_on = on or dt.date.today()
    elif milestone.status != "done":
        milestone.completed_on = None


def snapshot(milestone: Milestone) -> dict[str, Any]:
    return {key: getattr(milestone, key) for key in (*FIELDS, "completed_on")}


def set_status(milestone: Milestone, status: str, actor: User) -> None:
    if status not in MILESTONE_STATUSES:
        raise MilestoneError(_l("Status tonggak tidak dikenal."))
    audit.record(
        "update",
        "milestone",
        str(milestone.id),
        actor_id=actor.id,
        before={"status": milestone.status},
        after={"status": status},
    )
    milestone.status = status
    _set_completion(milestone)


def add_update(
    milestone: Milestone, on_date: dt.date, value: Any, note: str, actor: User
) -> MilestoneUpdate:
    """Keep a progress update; a value reached becomes the milestone's current value."""
    note = (note or "").strip()
    if not note:
        raise MilestoneError(_l("Tulis catatan kemajuan."))
    if on_date > dt.date.today():
        raise MilestoneError(_l("Tanggal kemajuan tidak boleh di masa depan."))
    update = MilestoneUpdate(
        milestone=milestone, on_date=on_date, value=_number(value), note=note[:2000], actor=actor
    )
    db.session.add(update)
    if update.value is not None:
        milestone.current_value = update.value
    db.session.flush()
    audit.record(
        "create",
        "milestone_update",
        str(update.id),
        actor_id=actor.id,
        after=audit.jsonable(
            {"milestone": milestone.id, "on_date": on_date, "value": update.value, "note": note}
        ),
    )
    return update


def is_late(milestone: Milestone, today: dt.date | None = None) -> bool:
    """Done after its end date, or still open past it."""
    today = today or dt.date.today()
    if milestone.status == "cancelled":
        return False
    if milestone.status == "done":
        return milestone.completed_on is not None and milestone.completed_on > milestone.due_date
    return milestone.due_date < today


def of_consultant(user_id: int | None, include_done: bool = False) -> list[Milestone]:
    """A consultant's milestones by due date (every consultant's for ``None``)."""
    query = (
        select(Milestone)
        .options(selectinload(Milestone.msme), selectinload(Milestone.consultant))
        .order_by(Milestone.due_date, Milestone.id)
    )
    if user_id is not None:
        query = query.where(Milestone.consultant_id == user_id)
    if not include_done:
        query = query.where(Milestone.status.in_(("planned", "in_progress")))
    return list(db.session.scalars(query))


def by_field(milestones: list[Milestone]) -> list[tuple[str, list[Milestone]]]:
    """An MSME's milestones grouped per field, each group by start (or end) date."""
    groups: dict[str, list[Milestone]] = {}
    for m in sorted(milestones, key=lambda m: (m.start_date or m.due_date, m.id)):
        groups.setdefault(m.field, []).append(m)
    return sorted(groups.items())
