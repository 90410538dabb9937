"""Partner organisations: approval before their offerings are matched."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Partner
from . import audit
from .errors import DomainError


class PartnerNotFound(DomainError, LookupError):
    """No partner has the external id given."""

    code = "not_found"
    status = 404


def approve(partner: Partner, actor_id: int | None = None, actor_label: str = "") -> bool:
    """Approve a partner; returns False when it already was."""
    if partner.approved:
        return False
    partner.approved = True
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before={"approved": False},
        after={"approved": True},
        actor_id=actor_id,
        actor_label=actor_label,
    )
    return True


def approve_by_external_id(external_id: str, actor_label: str) -> bool:
    partner = db.session.scalar(select(Partner).where(Partner.external_id == external_id))
    if partner is None:
        raise PartnerNotFound(f"no partner with external id {external_id!r}")
    return approve(partner, actor_label=actor_label)
