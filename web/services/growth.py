"""Growth history of each MSME ("naik kelas").

Every change of scale, turnover, capital, employees, legal form, NIB or
certifications is kept as a :class:`~web.models.ProfileHistory` row with its
effective date. The importer writes them (``record``/``record_new``), so page
edits, the API and imports all fill the one history. Class-up events are
derived from consecutive rows (``derive``) and stored as
:class:`~web.models.GrowthEvent` rows for the dashboard to count; the first
financing and the first buyer contract come from introduction outcomes
(``outcome_firsts``). Services never commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, func, insert, or_, select

from ..extensions import db
from ..models import GrowthEvent, Introduction, IntroductionEvent, ProfileHistory

TRACKED = (
    "scale",
    "legal_form",
    "nib",
    "annual_turnover_idr",
    "business_capital_idr",
    "employees",
    "certifications",
)
SCALE_RANK = {"micro": 1, "small": 2, "medium": 3, "large": 4}
# An informal form becoming one of these is a class-up (group -> cooperative, CV, PT).
INFORMAL_FORMS = frozenset({"individual", "group"})
FORMAL_FORMS = frozenset({"cv", "pt", "pt_perorangan", "cooperative", "bumdes"})
# Outcome kinds that count as access to financing, and as formal credit.
FINANCING_KINDS = ("loan", "grant")
CREDIT_KINDS = ("loan",)
BUYER_KINDS = ("purchase_contract",)


@dataclass(frozen=True)
class Event:
    """One class-up: when, what kind, from what to what."""

    effective_date: dt.date
    kind: str  # scale, legal_form, certification, nib, financing, buyer_contract
    value: str
    previous: str | None = None


def tracked(values: Any) -> dict[str, Any]:
    """The tracked values of an MSME, a history row or a record (dict)."""
    get = values.get if isinstance(values, dict) else lambda k: getattr(values, k)
    out = {k: get(k) for k in TRACKED}
    out["certifications"] = sorted(out["certifications"] or [])
    return out


def derive(rows: list[Any]) -> list[Event]:
    """The class-up events between consecutive history rows (oldest first).

    The first row is where the record starts: nothing before it is known, so it
    yields no event. A scale counts only upwards; a legal form only from an
    informal one to a formal one; each certification not held before counts.
    """
    events: list[Event] = []
    ordered = sorted(rows, key=lambda r: (r.effective_date, getattr(r, "id", 0) or 0))
    for before, after in zip(ordered, ordered[1:], strict=False):
        on = after.effective_date
        old_rank = SCALE_RANK.get(before.scale or "", 0)
        new_rank = SCALE_RANK.get(after.scale or "", 0)
        if old_rank and new_rank > old_rank:
            events.append(Event(on, "scale", after.scale, before.scale))
        if before.legal_form in INFORMAL_FORMS and after.legal_form in FORMAL_FORMS:
            events.append(Event(on, "legal_form", after.legal_form, before.legal_form))
        held = set(before.certifications or [])
        for cert in sorted(set(after.certifications or []) - held):
            events.append(Event(on, "certification", cert))
        if not before.nib and after.nib:  # the fact, not the number (personal data)
            events.append(Event(on, "nib", "nib"))
    return events


def history(msme_id: int) -> list[ProfileHistory]:
    return list(
        db.session.scalars(
            select(ProfileHistory)
            .where(ProfileHistory.msme_id == msme_id)
            .order_by(ProfileHistory.effective_date, ProfileHistory.id)
        )
    )


def _in_effect(rows: list[ProfileHistory], on: dt.date) -> ProfileHistory | None:
    earlier = [r for r in rows if r.effective_date <= on]
    return earlier[-1] if earlier else None


def record(
    msme_id: int, values: Any, effective_date: dt.date | None = None, recorded_by: str = ""
) -> bool:
    """Keep the MSME's tracked values as of ``effective_date`` (today by default)
    when they differ from those in effect then, and derive its class-ups again.
    Returns whether a row was added."""
    on = effective_date or dt.date.today()
    rows = history(msme_id)
    now = tracked(values)
    current = _in_effect(rows, on)
    if current is not None and tracked(current) == now:
        return False
    same_day = current if current is not None and current.effective_date == on else None
    if same_day is not None:  # a second change on one day replaces the day's values
        for key, value in now.items():
            setattr(same_day, key, value)
        same_day.recorded_by = recorded_by[:100]
    else:
        row = ProfileHistory(msme_id=msme_id, effective_date=on, recorded_by=recorded_by[:100])
        for key, value in now.items():
            setattr(row, key, value)
        db.session.add(row)
        rows.append(row)
    _chain(rows)
    db.session.flush()
    rederive(msme_id, rows)
    return True


def _chain(rows: list[ProfileHistory]) -> None:
    """Each row is in effect until the next one's date (one row per day)."""
    ordered = sorted(rows, key=lambda r: r.effective_date)
    for row, following in zip(ordered, [*ordered[1:], None], strict=True):
        row.valid_until = following.effective_date if following is not None else None


def in_effect_on(day: dt.date):
    """The condition on ProfileHistory rows: the row in effect on ``day``."""
    return and_(
        ProfileHistory.effective_date <= day,
        or_(ProfileHistory.valid_until.is_(None), ProfileHistory.valid_until > day),
    )


def history_rows(ids_and_values: list[tuple[int, Any]], on: dt.date, recorded_by: str) -> list:
    """History rows (dicts) of MSMEs just created in bulk: where their record starts."""
    return [
        {
            "msme_id": msme_id,
            "effective_date": on,
            "recorded_by": recorded_by[:100],
            **tracked(values),
        }
        for msme_id, values in ids_and_values
    ]


def rederive(msme_id: int, rows: list[ProfileHistory] | None = None) -> None:
    """Replace the MSME's stored class-up events by those its history gives."""
    rows = history(msme_id) if rows is None else rows
    db.session.execute(delete(GrowthEvent).where(GrowthEvent.msme_id == msme_id))
    events = derive(rows)
    if events:
        db.session.execute(
            insert(GrowthEvent),
            [
                {
                    "msme_id": msme_id,
                    "effective_date": e.effective_date,
                    "kind": e.kind,
                    "value": e.value,
                    "previous": e.previous,
                }
                for e in events
            ],
        )


def agreement_dates():
    """Subquery: each introduction's agreement date (the first agreement event)."""
    return (
        select(
            IntroductionEvent.introduction_id.label("introduction_id"),
            func.min(IntroductionEvent.created_at).label("on"),
        )
        .where(IntroductionEvent.status == "agreement")
        .group_by(IntroductionEvent.introduction_id)
        .subquery()
    )


def outcome_firsts(msme_id: int) -> list[Event]:
    """The MSME's first financing and first buyer contract, from introduction outcomes."""
    agreed = agreement_dates()
    rows = db.session.execute(
        select(Introduction.outcome_kind, agreed.c.on)
        .join(agreed, agreed.c.introduction_id == Introduction.id)
        .where(Introduction.msme_id == msme_id, Introduction.outcome_kind.is_not(None))
        .order_by(agreed.c.on)
    ).all()
    events = []
    for kind, kinds in (("financing", FINANCING_KINDS), ("buyer_contract", BUYER_KINDS)):
        first = next(((k, on) for k, on in rows if k in kinds), None)
        if first is not None:
            events.append(Event(_as_date(first[1]), kind, first[0]))
    return events


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).date()
    return value


def timeline(msme_id: int) -> list[Event]:
    """Every class-up of the MSME, newest first."""
    stored = db.session.scalars(select(GrowthEvent).where(GrowthEvent.msme_id == msme_id))
    events = [Event(e.effective_date, e.kind, e.value, e.previous) for e in stored]
    events += outcome_firsts(msme_id)
    return sorted(events, key=lambda e: (e.effective_date, e.kind), reverse=True)
