"""Introductions between an MSME and an offering, and their status flow.

requested (the MSME asked, or a partner asked the centre to broker it) ->
proposed (a consultant brokered it) -> accepted or declined (the partner
answered) -> met -> agreement -> closed. An unanswered (requested or proposed)
introduction may be withdrawn by its MSME, and expires after a period without
an answer (``follow_through``); either ends it and frees the pair, so it can be
asked for or proposed again later.
Each step is kept as an ``IntroductionEvent`` (who, when, note) and in the
audit log. Accepting takes one place of the offering's capacity with a single
conditional UPDATE, so two acceptances racing for the last place never both
succeed.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, or_, select, update

from ..extensions import db
from ..i18n import status_label
from ..models import (
    Follow,
    Introduction,
    IntroductionEvent,
    Msme,
    MsmeProgress,
    Offering,
    User,
    utcnow,
)
from . import audit, notifications, versions
from .errors import DomainError

# status -> statuses it may move to, and who may move it there.
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "requested": {
        "proposed": ("consultant", "admin"),
        "declined": ("consultant", "admin"),
        "withdrawn": ("msme",),
    },
    # Consultants may record a partner's answer given by phone or in person.
    "proposed": {
        "accepted": ("partner", "consultant", "admin"),
        "declined": ("partner", "consultant", "admin"),
        "withdrawn": ("msme",),
    },
    "accepted": {"met": ("consultant", "admin", "partner"), "closed": ("consultant", "admin")},
    "met": {"agreement": ("consultant", "admin"), "closed": ("consultant", "admin")},
    "agreement": {"closed": ("consultant", "admin")},
    "declined": {},
    "closed": {},
    "expired": {},  # set by the expiry job only
    "withdrawn": {},
}
# Waiting for an answer: reminded, escalated and in the end expired (follow_through).
WAITING_STATUSES = ("requested", "proposed")
# Ended without an answer: the pair may be asked for or proposed again.
REOPENABLE = ("expired", "withdrawn")
# After acceptance: each change and note is told to the other parties.
ACCEPTED_STATUSES = ("accepted", "met", "agreement")
STAFF_ROLES = ("consultant", "admin")
PITCH_MAX = 1000
OPEN_STATUSES = ("requested", "proposed", "accepted", "met", "agreement")
OUTCOME_KINDS = (
    "loan",
    "grant",
    "purchase_contract",
    "training",
    "certification",
    "mentoring",
    "other",
)


class IntroductionError(DomainError, ValueError):
    """A step that is not allowed; the message says why, in the reader's language
    where it is shown (a lazy string)."""


# The introduction's column set by the first step of each status (its funnel).
FIRST_STEP_COLUMNS = {
    "proposed": ("proposed_at",),
    "accepted": ("accepted_at", "answered_at"),
    "declined": ("answered_at",),
    "met": ("met_at",),
    "agreement": ("agreed_at",),
}


def record_step(
    intro: Introduction,
    status: str,
    actor: User | None = None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> IntroductionEvent:
    """Keep one step of an introduction: its event, and the first time it reached a
    step of the funnel on the introduction itself. Every step is recorded here."""
    at = at or utcnow()
    event = IntroductionEvent(status=status, actor=actor, note=note or None, created_at=at)
    if intro.msme_id is not None:
        event.msme_id = intro.msme_id
    else:
        event.msme = intro.msme
    intro.events.append(event)
    for column in FIRST_STEP_COLUMNS.get(status, ()):
        if getattr(intro, column) is None:
            setattr(intro, column, at)
    _progress(intro, status, at)
    return event


def _progress(intro: Introduction, status: str, at: dt.datetime) -> None:
    """The MSME's first step, and its first agreement (of each kind group): one
    upsert keeping the earlier time, so that two steps written at once (two
    requests, a request and the expiry job) neither collide nor undo each other."""
    from .growth import BUYER_KINDS, CREDIT_KINDS, FINANCING_KINDS

    columns = ["first_step_at"]
    if status == "agreement":
        columns.append("first_agreed_at")
        kind = intro.outcome_kind
        columns += [
            name
            for name, kinds in (
                ("first_credit_at", CREDIT_KINDS),
                ("first_financing_at", FINANCING_KINDS),
                ("first_buyer_at", BUYER_KINDS),
            )
            if kind in kinds
        ]
    msme_id = intro.msme_id if intro.msme_id is not None else intro.msme.id
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = MsmeProgress.__table__
    statement = insert(table).values(msme_id=msme_id, **dict.fromkeys(columns, at))
    earlier = {
        column: case(
            (
                or_(table.c[column].is_(None), statement.excluded[column] < table.c[column]),
                statement.excluded[column],
            ),
            else_=table.c[column],
        )
        for column in columns
    }
    db.session.execute(statement.on_conflict_do_update(index_elements=["msme_id"], set_=earlier))


def _log(intro: Introduction, status: str, actor: User | None, note: str | None) -> None:
    record_step(intro, status, actor, note)


def request_handlers(intro: Introduction) -> list[User]:
    """Who answers a request: the staff who follow the MSME; when nobody does, the
    consultants of the offering's field; when there are none, every consultant."""
    followers = list(
        db.session.scalars(
            select(User)
            .join(Follow, Follow.user_id == User.id)
            .where(
                Follow.msme_id == intro.msme_id,
                User.role.in_(STAFF_ROLES),
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )
    if followers:
        return followers
    consultants = list(
        db.session.scalars(
            select(User).where(User.role == "consultant", User.active.is_(True)).order_by(User.id)
        )
    )
    field = intro.offering.field
    return [u for u in consultants if field in (u.fields or ())] or consultants


def responsible_staff(intro: Introduction) -> list[User]:
    """The consultant(s) of an introduction: the staff who proposed it or moved it
    on; before any did, those who answer its request (:func:`request_handlers`)."""
    staff: dict[int, User] = {}
    for event in intro.events:
        actor = event.actor
        if actor is not None and actor.role in STAFF_ROLES and actor.active:
            staff.setdefault(actor.id, actor)
    return list(staff.values()) or request_handlers(intro)


def links(intro: Introduction) -> dict[str, tuple[str, dict]]:
    """Where each side acts on an introduction (a notification's endpoint and args)."""
    args = {"intro_id": intro.id}
    return {
        "partner": ("partner.introduction", args),
        "msme": ("msme.introduction", args),
        "staff": ("consultant.introduction_detail", args),
    }


def _partner_contact(intro: Introduction) -> dict:
    partner = intro.offering.partner
    return {
        "person": partner.contact_person or "\u2013",
        "phone": partner.contact_phone or "\u2013",
        "email": partner.contact_email or "\u2013",
        "whatsapp": {
            "phone": partner.contact_phone,
            "offering": intro.offering.title,
            "intro": intro.id,
        },
    }


def _announce(
    intro: Introduction, actor: User | None, note: str | None = None, before: str | None = None
) -> None:
    """Record, with the change, who should hear of the introduction's new status.

    A partner's copy never names the MSME before acceptance (offering title and
    introduction id only); after acceptance every party may see the others."""
    offering = intro.offering
    partner_users = notifications.partner_users(offering.partner_id)
    msme_users = notifications.msme_users(intro.msme_id)
    link = links(intro)
    named = {
        "msme": intro.msme.name,
        "offering": offering.title,
        "partner": offering.partner.name,
        "intro": intro.id,
    }

    def tell(users, kind, params, side):
        notifications.notify_all(users, kind, params, *link[side], skip=actor)

    status = intro.status
    if status == "proposed":
        tell(
            partner_users,
            "introduction_proposed_partner",
            {"offering": offering.title, "intro": intro.id},
            "partner",
        )
        tell(
            msme_users,
            "introduction_proposed_msme",
            {"offering": offering.title, "partner": offering.partner.name, "intro": intro.id},
            "msme",
        )
    elif status == "requested":
        by_partner = actor is not None and actor.role == "partner"
        tell(
            request_handlers(intro),
            "broker_requested" if by_partner else "introduction_requested",
            {**named, "note": note or ""} if by_partner else named,
            "staff",
        )
    elif status == "accepted":
        params = {**named, **_partner_contact(intro)}
        tell(msme_users, "introduction_accepted", params, "msme")
        tell(responsible_staff(intro), "introduction_accepted", params, "staff")
    elif status == "declined":
        if before == "proposed":  # the partner's answer (or recorded for it)
            params = {**named, "reason": note or ""}
            tell(msme_users, "introduction_declined", params, "msme")
            tell(responsible_staff(intro), "introduction_declined", params, "staff")
        else:  # the centre declined a request
            _ended(intro, actor, named, before, partner_users, msme_users, tell)
    elif status in ("met", "agreement", "closed"):
        params = {**named, "status": status, "note": note or ""}
        tell(partner_users, "introduction_status", params, "partner")
        tell(msme_users, "introduction_status", params, "msme")
        tell(responsible_staff(intro), "introduction_status", params, "staff")
    elif status in ("expired", "withdrawn"):
        _ended(intro, actor, named, before, partner_users, msme_users, tell)


def _ended(intro, actor, named, before, partner_users, msme_users, tell) -> None:
    """An introduction ended without an answer: the consultants hear; the MSME
    unless it was a partner's request it never saw; the partner if it had been
    asked (proposed) or had asked itself."""
    status = intro.status
    if status == "withdrawn":  # say by whom
        status = (
            "withdrawn_partner"
            if actor is not None and actor.role == "partner"
            else ("withdrawn_msme")
        )
    params = {**named, "status": status}
    partner_asked = partner_request(intro)
    if not (partner_asked and before == "requested"):
        tell(msme_users, "introduction_ended", params, "msme")
    tell(responsible_staff(intro), "introduction_ended", params, "staff")
    if before == "proposed" or partner_asked:
        tell(
            partner_users,
            "introduction_ended_partner",
            {"offering": intro.offering.title, "status": status, "intro": intro.id},
            "partner",
        )


def partner_request(intro: Introduction) -> bool:
    """Whether a partner asked the centre for this introduction (a broker request)."""
    created_by = db.session.get(User, intro.created_by_id) if intro.created_by_id else None
    return created_by is not None and created_by.role == "partner"


def hidden_from_msme(intro: Introduction) -> bool:
    """A partner's broker request waits for a consultant's decision: the MSME
    hears of it, and sees it, only once a consultant proposes it."""
    return intro.status == "requested" and partner_request(intro)


def shown_to_msme():
    """The SQL condition of :func:`hidden_from_msme`, negated: an introduction its
    MSME may see (any but a partner's broker request no consultant proposed yet)."""
    partner_users = select(User.id).where(User.role == "partner")
    return or_(
        Introduction.status != "requested",
        Introduction.created_by_id.is_(None),
        Introduction.created_by_id.not_in(partner_users),
    )


def existing(msme: Msme, offering: Offering) -> Introduction | None:
    return db.session.scalar(
        select(Introduction).where(
            Introduction.msme_id == msme.id, Introduction.offering_id == offering.id
        )
    )


def _check_pitch(pitch: str | None, actor: User) -> str | None:
    """The pitch is what the partner reads before accepting: staff write it."""
    pitch = (pitch or "").strip() or None
    if pitch is not None and actor.role not in STAFF_ROLES:
        raise IntroductionError(_l("Hanya konsultan yang menulis ringkasan untuk mitra."))
    if pitch is not None and len(pitch) > PITCH_MAX:
        raise IntroductionError(
            _l("Ringkasan untuk mitra paling panjang %(n)s karakter.", n=PITCH_MAX)
        )
    return pitch


def start(
    msme: Msme, offering: Offering, actor: User, message: str | None, pitch: str | None = None
) -> Introduction:
    """An MSME asks for an introduction, a partner asks the centre to broker one
    with a suggested MSME, or a consultant proposes one with a ``pitch``, the
    summary the partner reads until it accepts. An earlier introduction of the
    same pair that expired or was withdrawn is opened again, its history kept."""
    pitch = _check_pitch(pitch, actor)
    found = existing(msme, offering)
    if found is not None and found.status not in REOPENABLE:
        raise IntroductionError(_l("Perkenalan antara UMKM ini dan layanan ini sudah ada."))
    if offering.closed or not offering.partner.approved:
        raise IntroductionError(_l("Layanan ini sedang tidak menerima perkenalan."))
    if actor.role == "msme":
        if actor.msme_id != msme.id:
            raise IntroductionError(_l("Anda hanya dapat meminta perkenalan untuk usaha Anda."))
        status = "requested"
    elif actor.role == "partner":
        if actor.partner_id != offering.partner_id:
            raise IntroductionError(_l("Anda hanya dapat meminta perkenalan untuk layanan Anda."))
        status = "requested"
    elif actor.role in ("consultant", "admin"):
        status = "proposed"
    else:
        raise IntroductionError(_l("Peran Anda tidak dapat memulai perkenalan."))
    before = None
    if found is None:
        intro = Introduction(msme=msme, offering=offering)
        db.session.add(intro)
    else:
        intro, before = found, found.status
        intro.reminded_at = intro.escalated_at = None
    intro.status = status
    intro.message = message or None
    intro.pitch = pitch
    intro.created_by_id = actor.id
    _log(intro, status, actor, message)
    db.session.flush()
    _announce(intro, actor, note=message)
    audit.record(
        "create" if before is None else "update",
        "introduction",
        str(intro.id),
        actor_id=actor.id,
        before={"status": before} if before else None,
        after={
            "msme": msme.external_id,
            "offering": offering.external_id,
            "status": status,
            "pitch": pitch,
        },
    )
    return intro


def allowed_next(intro: Introduction, actor: User) -> list[str]:
    """Statuses this actor may move the introduction to now."""
    if actor.role == "partner" and intro.offering.partner_id != actor.partner_id:
        return []
    if actor.role == "msme":
        return []
    return [status for status, roles in TRANSITIONS[intro.status].items() if actor.role in roles]


def advance(
    intro: Introduction,
    new_status: str,
    actor: User,
    note: str | None = None,
    outcome_kind: str | None = None,
    outcome_value_idr: int | None = None,
    pitch: str | None = None,
) -> None:
    """Move an introduction to ``new_status``; raises ``IntroductionError`` if not
    allowed. A ``pitch`` (staff only) is set when proposing."""
    if new_status not in allowed_next(intro, actor):
        raise IntroductionError(
            _l(
                "Status tidak dapat diubah dari '%(old)s' ke '%(new)s' oleh peran Anda.",
                old=LazyString(status_label, intro.status),
                new=LazyString(status_label, new_status),
            )
        )
    pitch = _check_pitch(pitch, actor)
    if pitch is not None and new_status != "proposed":
        raise IntroductionError(_l("Ringkasan untuk mitra ditulis saat mengusulkan perkenalan."))
    before = {"status": intro.status}
    if pitch is not None:
        before["pitch"] = intro.pitch
        intro.pitch = pitch
    if new_status == "accepted" and not _group_has_a_place(intro):
        _take_capacity(intro.offering)
    if new_status == "agreement":
        if outcome_kind not in OUTCOME_KINDS:
            raise IntroductionError(_l("Pilih jenis kesepakatan."))
        if outcome_value_idr is not None and outcome_value_idr < 0:
            raise IntroductionError(_l("Nilai kesepakatan tidak boleh negatif."))
        intro.outcome_kind = outcome_kind
        intro.outcome_value_idr = outcome_value_idr
    intro.status = new_status
    intro.reminded_at = intro.escalated_at = None  # a new wait, if any, starts now
    _log(intro, new_status, actor, note)
    _announce(intro, actor, note=note, before=before["status"])
    audit.record(
        "update",
        "introduction",
        str(intro.id),
        actor_id=actor.id,
        before=before,
        after={
            "status": new_status,
            "note": note,
            "outcome_kind": intro.outcome_kind,
            "outcome_value_idr": intro.outcome_value_idr,
            **({"pitch": pitch} if pitch is not None else {}),
        },
    )


def _own_msme(intro: Introduction, actor: User) -> None:
    if actor.role != "msme" or actor.msme_id != intro.msme_id:
        raise IntroductionError(_l("Hanya UMKM pemilik perkenalan ini yang dapat melakukannya."))


def can_withdraw(intro: Introduction, actor: User) -> bool:
    """The MSME may take back an introduction nobody has answered yet (requested,
    or proposed and not answered by the partner); a partner its own broker request
    while no consultant has decided on it."""
    if actor.role == "msme":
        return actor.msme_id == intro.msme_id and intro.status in WAITING_STATUSES
    if actor.role == "partner":
        return (
            actor.partner_id == intro.offering.partner_id
            and intro.status == "requested"
            and partner_request(intro)
        )
    return False


def withdraw(intro: Introduction, actor: User, note: str | None = None) -> None:
    """Take back an introduction (see :func:`can_withdraw`); it ends as
    ``withdrawn`` and the pair may be asked for again later."""
    if actor.role == "partner":
        if not can_withdraw(intro, actor):
            raise IntroductionError(
                _l("Mitra hanya dapat menarik permintaannya sendiri yang belum diputuskan.")
            )
    else:
        _own_msme(intro, actor)
        if intro.status not in WAITING_STATUSES:
            raise IntroductionError(_l("Perkenalan yang sudah dijawab tidak dapat ditarik."))
    before = intro.status
    intro.status = "withdrawn"
    _log(intro, "withdrawn", actor, note)
    _announce(intro, actor, note=note, before=before)
    audit.record(
        "update",
        "introduction",
        str(intro.id),
        actor_id=actor.id,
        before={"status": before},
        after={"status": "withdrawn", "note": note},
    )


def ask_for_another(intro: Introduction, actor: User, note: str | None = None) -> None:
    """The MSME asks the consultants for another suggestion than this introduction's
    partner; those who answer its requests hear of it (nothing else changes)."""
    _own_msme(intro, actor)
    offering = intro.offering
    notifications.notify_all(
        request_handlers(intro),
        "suggestion_asked",
        {
            "msme": intro.msme.name,
            "offering": offering.title,
            "partner": offering.partner.name,
            "note": note or "",
            "intro": intro.id,
        },
        "consultant.msme_detail",
        {"external_id": intro.msme.external_id},
        skip=actor,
    )


NOTE_MAX = 2000


def add_note(intro: Introduction, actor: User, note: str) -> None:
    """A note on an accepted introduction by one of its parties, kept in the history
    and told to the other parties (who all see each other once it is accepted)."""
    note = (note or "").strip()
    if not note:
        raise IntroductionError(_l("Tulis catatannya dulu."))
    if len(note) > NOTE_MAX:
        raise IntroductionError(_l("Catatan paling panjang %(n)s karakter.", n=NOTE_MAX))
    if intro.accepted_at is None or intro.status not in ACCEPTED_STATUSES:
        raise IntroductionError(
            _l("Catatan dapat ditulis setelah mitra menerima, selama perkenalan berjalan.")
        )
    if actor.role == "partner" and actor.partner_id == intro.offering.partner_id:
        author = intro.offering.partner.name
    elif actor.role == "msme" and actor.msme_id == intro.msme_id:
        author = intro.msme.name
    elif actor.role in STAFF_ROLES:
        author = actor.name or actor.email
    else:
        raise IntroductionError(_l("Anda bukan pihak dalam perkenalan ini."))
    _log(intro, intro.status, actor, note)
    offering = intro.offering
    params = {
        "msme": intro.msme.name,
        "offering": offering.title,
        "partner": offering.partner.name,
        "author": author,
        "note": note,
        "intro": intro.id,
    }
    link = links(intro)
    for users, side in (
        (notifications.partner_users(offering.partner_id), "partner"),
        (notifications.msme_users(intro.msme_id), "msme"),
        (responsible_staff(intro), "staff"),
    ):
        notifications.notify_all(users, "introduction_note", params, *link[side], skip=actor)
    audit.record("update", "introduction", str(intro.id), actor_id=actor.id, after={"note": note})


def expire(intro: Introduction) -> None:
    """No answer came in time: the introduction ends as ``expired`` (a step of its
    history like any other) and everyone involved hears of it. It held no place
    of the offering's capacity (taken only on acceptance); the pair is free to be
    asked for or proposed again."""
    before = intro.status
    intro.status = "expired"
    _log(intro, "expired", None, None)
    _announce(intro, None, before=before)
    audit.record(
        "update",
        "introduction",
        str(intro.id),
        actor_label="expiry",
        before={"status": before},
        after={"status": "expired"},
    )


def _group_has_a_place(intro: Introduction) -> bool:
    """Whether another member of the introduction's pooled group (issue 16) was
    accepted already: a group takes one place of the capacity, not one per member."""
    if intro.pool_group is None:
        return False
    return (
        db.session.scalar(
            select(Introduction.id)
            .where(
                Introduction.pool_group == intro.pool_group,
                Introduction.id != intro.id,
                Introduction.accepted_at.is_not(None),
            )
            .limit(1)
        )
        is not None
    )


def _take_capacity(offering: Offering) -> None:
    if offering.capacity is None:
        return
    table = Offering.__table__
    result = db.session.execute(
        update(table)
        .where(table.c.id == offering.id, table.c.capacity > 0)
        .values(capacity=table.c.capacity - 1)
    )
    if result.rowcount != 1:
        raise IntroductionError(
            _l("Kuota layanan ini sudah penuh; perkenalan tidak dapat diterima."),
            code="capacity_full",
        )
    db.session.expire(offering, ["capacity"])
    # A Core UPDATE bypasses the flush listener: the ranking must see the new capacity.
    versions.bump(versions.CATALOGUE)


def contacts_visible(msme: Msme, partner_id: int) -> bool:
    """Whether a partner may see this MSME's name and contact (and the MSME the
    partner's): only once an introduction between them has been accepted."""
    return (
        db.session.scalar(
            select(Introduction.id)
            .join(Offering)
            .where(
                Introduction.msme_id == msme.id,
                Offering.partner_id == partner_id,
                Introduction.accepted_at.is_not(None),
            )
            .limit(1)
        )
        is not None
    )
