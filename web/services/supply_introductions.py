"""Introductions between two MSMEs, a supplier and a buyer of one commodity (issue 16).

A consultant proposes one from a supply link; each MSME accepts or declines it.
Until both accepted, neither sees the other's name or contact: pages show the
other side only through :func:`counterpart`, by regency and commodity. One
refusal ends it. Every step is in the audit log. Services never commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matcher.commodities import default_taxonomy

from ..extensions import db
from ..models import Msme, SupplyIntroduction, User, utcnow
from . import audit
from .errors import DomainError

STAFF_ROLES = ("consultant", "admin")


class SupplyIntroductionError(DomainError):
    """A step the rules of supply introductions do not allow."""


def _record(intro: SupplyIntroduction, action: str, actor: User, before=None) -> None:
    audit.record(
        action,
        "supply_introduction",
        str(intro.id),
        before=before,
        after={"status": intro.status, "commodity": intro.commodity},
        actor_id=actor.id,
        actor_label=actor.email,
    )


def propose(supplier: Msme, buyer: Msme, commodity: str, actor: User) -> SupplyIntroduction:
    """A consultant introduces ``supplier`` to ``buyer`` for ``commodity``."""
    if actor.role not in STAFF_ROLES:
        raise SupplyIntroductionError(_l("Hanya konsultan yang mengusulkan perkenalan."))
    if supplier.id == buyer.id:
        raise SupplyIntroductionError(_l("Pemasok dan pembeli harus dua UMKM yang berbeda."))
    found = default_taxonomy().resolve(commodity or "")
    if found is None:
        raise SupplyIntroductionError(_l("Komoditas tidak dikenal."))
    name = found.commodity.name
    existing = db.session.scalar(
        select(SupplyIntroduction).where(
            SupplyIntroduction.supplier_id == supplier.id,
            SupplyIntroduction.buyer_id == buyer.id,
            SupplyIntroduction.commodity == name,
        )
    )
    if existing is not None:
        raise SupplyIntroductionError(_l("Perkenalan ini sudah pernah diusulkan."))
    intro = SupplyIntroduction(
        supplier=supplier, buyer=buyer, commodity=name, status="proposed", created_by_id=actor.id
    )
    db.session.add(intro)
    db.session.flush()
    _record(intro, "create", actor)
    return intro


def answer(intro: SupplyIntroduction, actor: User, accept: bool) -> None:
    """The MSME of ``actor`` accepts or declines its side of ``intro``."""
    side = _side(intro, actor.msme_id)
    if side is None:
        raise SupplyIntroductionError(_l("Perkenalan ini bukan untuk usaha Anda."))
    if intro.status != "proposed":
        raise SupplyIntroductionError(_l("Perkenalan ini sudah selesai dijawab."))
    before = {"status": intro.status}
    if not accept:
        intro.status = "declined"
    else:
        setattr(intro, f"{side}_accepted_at", utcnow())
        if intro.supplier_accepted_at and intro.buyer_accepted_at:
            intro.status = "accepted"
    _record(intro, "update", actor, before=before)


def _side(intro: SupplyIntroduction, msme_id: int | None) -> str | None:
    if msme_id is not None and intro.supplier_id == msme_id:
        return "supplier"
    if msme_id is not None and intro.buyer_id == msme_id:
        return "buyer"
    return None


@dataclass(frozen=True)
class Seen:
    """One introduction as one MSME (or a consultant) sees it."""

    intro: SupplyIntroduction
    side: str  # the viewer's MSME is the "supplier" or the "buyer"
    other: Msme | None  # only once both accepted (always for staff)
    other_regency: str
    answered: bool  # the viewer's side has accepted


def of_msme(msme: Msme, staff: bool = False) -> list[Seen]:
    """The supply introductions of ``msme``, newest first; the other MSME's row
    only when both accepted, or for staff."""
    rows = db.session.scalars(
        select(SupplyIntroduction)
        .where(
            or_(SupplyIntroduction.supplier_id == msme.id, SupplyIntroduction.buyer_id == msme.id)
        )
        .options(selectinload(SupplyIntroduction.supplier), selectinload(SupplyIntroduction.buyer))
        .order_by(SupplyIntroduction.id.desc())
    )
    seen = []
    for intro in rows:
        side = _side(intro, msme.id)
        other = intro.buyer if side == "supplier" else intro.supplier
        accepted_at = intro.supplier_accepted_at if side == "supplier" else intro.buyer_accepted_at
        visible = staff or intro.status == "accepted"
        seen.append(
            Seen(intro, side, other if visible else None, other.regency, accepted_at is not None)
        )
    return seen


def get(intro_id: int) -> SupplyIntroduction | None:
    return db.session.get(SupplyIntroduction, intro_id)
