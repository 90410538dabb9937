"""Partners: staff read and write all; a partner user reads and updates its own."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Partner
from . import store
from .access import is_staff, own_partner_id, partner_for
from .present import partner_out
from .registry import STAFF, Call, operation, paginate
from .schemas import PartnerListQuery, PartnerOut, page_of
from .schemas_exchange import PartnerInput, PartnerUpdate

PartnerPage = page_of(PartnerOut, "PartnerPage")
PARTNER_ROLES = (*STAFF, "partner")


@operation(
    "GET",
    "/partners",
    summary="List partners",
    tag="partners",
    roles=PARTNER_ROLES,
    query=PartnerListQuery,
    response=PartnerPage,
)
def list_partners(call: Call):
    """Staff see every partner; a partner user sees only its own. Ordered by external_id."""
    query = (
        select(Partner)
        .options(selectinload(Partner.offerings))
        .order_by(Partner.external_id, Partner.id)
    )
    if not is_staff(call.user):
        query = query.where(Partner.id == own_partner_id(call.user))
    if call.query.q:
        escaped = call.query.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped.lower()}%"
        query = query.where(
            or_(
                func.lower(Partner.name).like(pattern, escape="\\"),
                func.lower(Partner.external_id).like(pattern, escape="\\"),
                func.lower(func.coalesce(Partner.description, "")).like(pattern, escape="\\"),
            )
        )
    if call.query.type:
        query = query.where(Partner.type == call.query.type)
    return paginate(query, call.query, partner_out)


@operation(
    "POST",
    "/partners",
    summary="Create a partner",
    tag="partners",
    roles=STAFF,
    body=PartnerInput,
    prevalidate=store.check_partner,
    response=PartnerOut,
    status=201,
    errors=(409,),
)
def create_partner(call: Call):
    """Body: an exchange-format partner record, optionally with offerings. A
    partner created by staff is approved at once. Ids already taken answer 409."""
    external_id = store.create_partner(call.json, call.user)
    return partner_out(partner_for(call.user, external_id))


@operation(
    "GET",
    "/partners/<external_id>",
    summary="Read a partner",
    tag="partners",
    roles=PARTNER_ROLES,
    response=PartnerOut,
)
def read_partner(call: Call, external_id: str):
    """The partner with its offerings (exchange format) and whether it is approved."""
    return partner_out(partner_for(call.user, external_id))


@operation(
    "PUT",
    "/partners/<external_id>",
    summary="Replace a partner's profile",
    tag="partners",
    roles=PARTNER_ROLES,
    body=PartnerUpdate,
    prevalidate=store.check_partner_profile,
    response=PartnerOut,
)
def replace_partner(call: Call, external_id: str):
    """Replaces name, type, regions, description and contact, like importing
    the record without ``offerings``; the offerings are left alone."""
    partner = partner_for(call.user, external_id)
    store.update_partner(call.json, partner, call.user)
    db.session.flush()
    db.session.expire_all()  # read back what was stored, Core statements included
    return partner_out(partner_for(call.user, external_id))
