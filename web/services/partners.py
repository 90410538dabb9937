"""Partner organisations: self-registration, and approval (or refusal) by the
centre before their offerings are matched. Admins and consultants hear of a
registration waiting for them; the partner's users hear the answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Partner, User, utcnow
from . import accounts, audit, notifications
from .errors import DomainError


class PartnerNotFound(DomainError, LookupError):
    """No partner has the external id given."""

    code = "not_found"
    status = 404


class RefusalError(DomainError, ValueError):
    """A refusal without a usable reason."""


REASON_MAX = 1000


def register(
    *,
    name: str,
    type: str,
    regions: list[str],
    description: str | None,
    person: str,
    phone: str,
    email: str,
    password: str,
) -> Partner:
    """A partner organisation registers itself and its first user; it waits for a
    consultant's approval, and the centre's admins and consultants are told."""
    partner = Partner(
        external_id=accounts.new_external_id(Partner, "MTR"),
        name=name,
        type=type,
        regions=regions,
        description=description or None,
        contact_person=person,
        contact_phone=phone,
        contact_email=email.strip().lower(),
        approved=False,
    )
    db.session.add(partner)
    db.session.flush()
    audit.record(
        "create",
        "partner",
        partner.external_id,
        after={"name": partner.name, "approved": False},
        actor_label="self-registration",
    )
    accounts.create_user(
        role="partner",
        email=email,
        password=password,
        name=person,
        partner_external_id=partner.external_id,
        actor_label="self-registration",
    )
    staff = db.session.scalars(
        select(User)
        .where(User.role.in_(("admin", "consultant")), User.active.is_(True))
        .order_by(User.id)
    )
    notifications.notify_all(
        staff,
        "partner_registered",
        {"partner": partner.name},
        "consultant.partner_detail",
        {"external_id": partner.external_id},
    )
    return partner


def approve(partner: Partner, actor_id: int | None = None, actor_label: str = "") -> bool:
    """Approve a partner; returns False when it already was. Its users are told."""
    if partner.approved:
        return False
    partner.approved = True
    before = {"approved": False, "refusal_reason": partner.refusal_reason}
    partner.refusal_reason = None
    partner.refused_at = None
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before=before,
        after={"approved": True, "refusal_reason": None},
        actor_id=actor_id,
        actor_label=actor_label,
    )
    notifications.notify_all(
        notifications.partner_users(partner.id),
        "partner_approved",
        {"partner": partner.name},
        "partner.dashboard",
    )
    return True


def refuse(partner: Partner, reason: str | None, actor: User) -> None:
    """Refuse (or withdraw the approval of) a partner with a reason the partner sees
    on their dashboard and is told; their offerings are not suggested. It may be
    approved later, for example after correcting its profile. Raises ``RefusalError``."""
    reason = (reason or "").strip()
    if not reason:
        raise RefusalError(_l("Tulis alasan penolakan: mitra akan membacanya."))
    if len(reason) > REASON_MAX:
        raise RefusalError(
            _l("Alasan penolakan terlalu panjang (paling banyak %(n)s karakter).", n=REASON_MAX)
        )
    before = {"approved": partner.approved, "refusal_reason": partner.refusal_reason}
    partner.approved = False
    partner.refusal_reason = reason
    partner.refused_at = utcnow()
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before=before,
        after={"approved": False, "refusal_reason": reason},
        actor_id=actor.id,
        actor_label=actor.email,
    )
    notifications.notify_all(
        notifications.partner_users(partner.id),
        "partner_refused",
        {"partner": partner.name, "reason": reason},
        "partner.profile",
    )


def approve_by_external_id(external_id: str, actor_label: str) -> bool:
    partner = db.session.scalar(select(Partner).where(Partner.external_id == external_id))
    if partner is None:
        raise PartnerNotFound(f"no partner with external id {external_id!r}")
    return approve(partner, actor_label=actor_label)
