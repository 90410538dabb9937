"""Object-level access for the API.

The rule, the same as the pages': a role that may never use a kind of object
gets 403 (checked by the operation's ``roles``); a user whose role may use it
but who asks for an object that is not theirs (another partner's offering,
another MSME) gets 404, exactly as if it did not exist, so that ids of other
partners and MSMEs cannot be probed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Introduction, Msme, Offering, Partner, User
from ..services.introductions import hidden_from_msme, shown_to_msme
from .errors import ApiError, not_found
from .registry import STAFF


def is_staff(user: User) -> bool:
    return user.role in STAFF


def own_partner_id(user: User) -> int:
    """The partner a partner user acts for; 403 when the account has none."""
    if user.partner_id is None:
        raise ApiError(403, "forbidden", "This account is not linked to a partner.")
    return user.partner_id


def own_msme_id(user: User) -> int:
    """The MSME an MSME user acts for; 403 when the account has none."""
    if user.msme_id is None:
        raise ApiError(403, "forbidden", "This account is not linked to an MSME.")
    return user.msme_id


def msme_for(user: User, external_id: str) -> Msme:
    """An MSME the user may see in full (staff: any; an MSME user: its own)."""
    msme = (
        db.session.scalars(
            select(Msme).where(Msme.external_id == external_id).options(joinedload(Msme.needs))
        )
        .unique()
        .one_or_none()
    )
    if msme is None:
        raise not_found("MSME")
    check_msme_access(user, msme.id)
    return msme


def check_msme_access(user: User, msme_id: int) -> None:
    """404 unless the user may see that MSME in full (see :func:`msme_for`)."""
    if not is_staff(user) and msme_id != own_msme_id(user):
        raise not_found("MSME")


def partner_for(user: User, external_id: str) -> Partner:
    """A partner the user may manage (staff: any; a partner user: its own)."""
    partner = db.session.scalar(
        select(Partner)
        .where(Partner.external_id == external_id)
        .options(selectinload(Partner.offerings))
    )
    if partner is None or (not is_staff(user) and partner.id != own_partner_id(user)):
        raise not_found("partner")
    return partner


def offering_for(user: User, external_id: str) -> Offering:
    """An offering the user may manage (staff: any; a partner user: its own)."""
    offering = db.session.scalar(
        select(Offering)
        .where(Offering.external_id == external_id)
        .options(selectinload(Offering.partner))
    )
    if offering is None or (not is_staff(user) and offering.partner_id != own_partner_id(user)):
        raise not_found("offering")
    return offering


def introduction_for(user: User, intro_id: int) -> Introduction:
    """An introduction the user takes part in (staff: any)."""
    intro = db.session.get(Introduction, intro_id)
    if intro is None or not may_see_introduction(user, intro):
        raise not_found("introduction")
    return intro


def may_see_introduction(user: User, intro: Introduction) -> bool:
    if is_staff(user):
        return True
    if user.role == "partner":
        return intro.offering.partner_id == own_partner_id(user)
    if user.role == "msme":
        return intro.msme_id == own_msme_id(user) and not hidden_from_msme(intro)
    return False


def introductions_visible_to(user: User, query):
    """Restrict a ``select(Introduction)`` to what the user takes part in."""
    if is_staff(user):
        return query
    if user.role == "partner":
        return query.join(Offering, Offering.id == Introduction.offering_id).where(
            Offering.partner_id == own_partner_id(user)
        )
    return query.where(Introduction.msme_id == own_msme_id(user), shown_to_msme())
