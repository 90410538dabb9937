"""Partner organisations: approval before their offerings are matched."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from ..models import Partner
from . import audit
from .errors import DomainError


class PartnerNotFound(DomainError, LookupError):
    """No partner has the external id given."""

    code = "not_found"
    status = 404


class RefusalError(DomainError, ValueError):
    """A refusal without a usable reason."""


REASON_MAX = 1000


def approve(partner: Partner, actor_id: int | None = None, actor_label: str = "") -> bool:
    """Approve a partner; returns False when it already was."""
    if partner.approved:
        return False
    partner.approved = True
    before = {"approved": False, "refusal_reason": partner.refusal_reason}
    partner.refusal_reason = None
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before=before,
        after={"approved": True, "refusal_reason": None},
        actor_id=actor_id,
        actor_label=actor_label,
    )
    return True


def refuse(partner: Partner, reason: str | None, actor_id: int | None = None) -> None:
    """Refuse (or withdraw the approval of) a partner with a reason the partner sees
    on their dashboard; their offerings are not suggested. Raises ``RefusalError``."""
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
    audit.record(
        "update",
        "partner",
        partner.external_id,
        before=before,
        after={"approved": False, "refusal_reason": reason},
        actor_id=actor_id,
    )


def approve_by_external_id(external_id: str, actor_label: str) -> bool:
    partner = db.session.scalar(select(Partner).where(Partner.external_id == external_id))
    if partner is None:
        raise PartnerNotFound(f"no partner with external id {external_id!r}")
    return approve(partner, actor_label=actor_label)
