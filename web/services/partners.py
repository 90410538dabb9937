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


class PartnerError(DomainError, ValueError):
    """A registration answer that cannot be given."""


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
    partner.refused_at = None
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before={"approved": False},
        after={"approved": True},
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


def refuse(partner: Partner, reason: str, actor: User) -> None:
    """Refuse a registration that waits for approval, with a reason its users read.
    The partner stays unapproved (its offerings are not suggested) and may be
    approved later, for example after correcting its profile."""
    reason = (reason or "").strip()
    if partner.approved:
        raise PartnerError(_l("Mitra ini sudah disetujui."))
    if not reason:
        raise PartnerError(_l("Tuliskan alasan penolakan untuk mitra."))
    if len(reason) > REASON_MAX:
        raise PartnerError(_l("Alasan paling panjang %(n)s karakter.", n=REASON_MAX))
    partner.refused_at = utcnow()
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before={"approved": False},
        after={"approved": False, "note": reason},
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
