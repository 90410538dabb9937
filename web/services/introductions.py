"""Introductions between an MSME and an offering, and their status flow.

requested (the MSME asked) -> proposed (a consultant brokered it) ->
accepted or declined (the partner answered) -> met -> agreement -> closed.
Each step is kept as an ``IntroductionEvent`` (who, when, note) and in the
audit log. Accepting takes one place of the offering's capacity with a single
conditional UPDATE, so two acceptances racing for the last place never both
succeed.
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ..extensions import db
from ..i18n import status_label
from ..models import Introduction, IntroductionEvent, Msme, Offering, User, utcnow
from . import audit, versions
from .errors import DomainError

# status -> statuses it may move to, and who may move it there.
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "requested": {"proposed": ("consultant", "admin"), "declined": ("consultant", "admin")},
    # Consultants may record a partner's answer given by phone or in person.
    "proposed": {
        "accepted": ("partner", "consultant", "admin"),
        "declined": ("partner", "consultant", "admin"),
    },
    "accepted": {"met": ("consultant", "admin", "partner"), "closed": ("consultant", "admin")},
    "met": {"agreement": ("consultant", "admin"), "closed": ("consultant", "admin")},
    "agreement": {"closed": ("consultant", "admin")},
    "declined": {},
    "closed": {},
}
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


def _log(intro: Introduction, status: str, actor: User | None, note: str | None) -> None:
    intro.events.append(IntroductionEvent(status=status, actor=actor, note=note or None))


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
    """An MSME asks for an introduction, or a consultant proposes one with a
    ``pitch``, the summary the partner reads until it accepts."""
    pitch = _check_pitch(pitch, actor)
    if existing(msme, offering) is not None:
        raise IntroductionError(_l("Perkenalan antara UMKM ini dan layanan ini sudah ada."))
    if offering.closed or not offering.partner.approved:
        raise IntroductionError(_l("Layanan ini sedang tidak menerima perkenalan."))
    if actor.role == "msme":
        if actor.msme_id != msme.id:
            raise IntroductionError(_l("Anda hanya dapat meminta perkenalan untuk usaha Anda."))
        status = "requested"
    elif actor.role in ("consultant", "admin"):
        status = "proposed"
    else:
        raise IntroductionError(_l("Peran Anda tidak dapat memulai perkenalan."))
    intro = Introduction(
        msme=msme,
        offering=offering,
        status=status,
        message=message or None,
        pitch=pitch,
        created_by_id=actor.id,
    )
    db.session.add(intro)
    _log(intro, status, actor, message)
    db.session.flush()
    audit.record(
        "create",
        "introduction",
        str(intro.id),
        actor_id=actor.id,
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
    if new_status == "accepted":
        if not _group_has_a_place(intro):
            _take_capacity(intro.offering)
        intro.accepted_at = utcnow()
    if new_status == "agreement":
        if outcome_kind not in OUTCOME_KINDS:
            raise IntroductionError(_l("Pilih jenis kesepakatan."))
        if outcome_value_idr is not None and outcome_value_idr < 0:
            raise IntroductionError(_l("Nilai kesepakatan tidak boleh negatif."))
        intro.outcome_kind = outcome_kind
        intro.outcome_value_idr = outcome_value_idr
    intro.status = new_status
    _log(intro, new_status, actor, note)
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
