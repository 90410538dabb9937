"""Offerings of partners, and the MSMEs ranked for one.

Privacy, as on the partner pages: a partner sees the MSMEs ranked for its
offering through the allow-list of ``services.privacy.partner_view``
(structured fields only; reasons built from them too). The MSME's external
id, name and contact appear only once an introduction between that MSME and
the partner was accepted. An external id is withheld because it may be the
source system's id and say who the business is.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Msme, Offering, Partner
from ..services import introductions as intro_service
from ..services import matching, privacy, records
from . import store
from .access import is_staff, offering_for, own_partner_id, partner_for
from .msmes import unit
from .present import contact, offering_out
from .registry import STAFF, Call, operation, paginate
from .schemas import OfferingListQuery, OfferingMatches, OfferingMatchQuery, OfferingOut, page_of
from .schemas_exchange import OfferingInput

OfferingPage = page_of(OfferingOut, "OfferingPage")
PARTNER_ROLES = (*STAFF, "partner")


@operation(
    "GET",
    "/offerings",
    summary="List offerings",
    tag="offerings",
    roles=PARTNER_ROLES,
    query=OfferingListQuery,
    response=OfferingPage,
)
def list_offerings(call: Call):
    """Staff see every offering; a partner user sees its own. Ordered by external_id."""
    query = (
        select(Offering)
        .join(Partner)
        .options(selectinload(Offering.partner))
        .order_by(Offering.external_id, Offering.id)
    )
    if not is_staff(call.user):
        query = query.where(Offering.partner_id == own_partner_id(call.user))
    q = call.query
    if q.partner:
        query = query.where(Partner.external_id == q.partner)
    if q.field:
        query = query.where(Offering.field == q.field)
    if q.closed is not None:
        query = query.where(Offering.closed.is_(q.closed))
    return paginate(query, q, offering_out)


@operation(
    "POST",
    "/partners/<external_id>/offerings",
    summary="Add an offering",
    tag="offerings",
    roles=PARTNER_ROLES,
    body=OfferingInput,
    prevalidate=store.check_offering,
    response=OfferingOut,
    status=201,
    errors=(409,),
)
def create_offering(call: Call, external_id: str):
    """Body: an exchange-format offering. ``external_id`` is generated when left
    out; an id already taken (by any partner) answers 409."""
    partner = partner_for(call.user, external_id)
    offering_id = store.save_offering(call.json, partner, call.user)
    return offering_out(offering_for(call.user, offering_id))


@operation(
    "GET",
    "/offerings/<external_id>",
    summary="Read an offering",
    tag="offerings",
    roles=PARTNER_ROLES,
    response=OfferingOut,
)
def read_offering(call: Call, external_id: str):
    """The offering (exchange format), its partner and whether it is closed."""
    return offering_out(offering_for(call.user, external_id))


@operation(
    "PUT",
    "/offerings/<external_id>",
    summary="Replace an offering",
    tag="offerings",
    roles=PARTNER_ROLES,
    body=OfferingInput,
    prevalidate=store.check_offering,
    response=OfferingOut,
)
def replace_offering(call: Call, external_id: str):
    """Replaces the whole offering, like importing it; keys left out become empty."""
    offering = offering_for(call.user, external_id)
    store.save_offering(call.json, offering.partner, call.user, existing=offering)
    db.session.flush()
    db.session.expire_all()  # read back what was stored, Core statements included
    return offering_out(offering_for(call.user, external_id))


def _set_closed(call: Call, external_id: str, closed: bool):
    offering = offering_for(call.user, external_id)
    records.set_closed(offering, closed, call.user)  # the operation's edge commits
    return offering_out(offering)


@operation(
    "POST",
    "/offerings/<external_id>/close",
    summary="Close an offering",
    tag="offerings",
    roles=PARTNER_ROLES,
    response=OfferingOut,
)
def close_offering(call: Call, external_id: str):
    """A closed offering is no longer suggested to MSMEs; closing twice is harmless."""
    return _set_closed(call, external_id, True)


@operation(
    "POST",
    "/offerings/<external_id>/reopen",
    summary="Reopen an offering",
    tag="offerings",
    roles=PARTNER_ROLES,
    response=OfferingOut,
)
def reopen_offering(call: Call, external_id: str):
    """Suggest the offering again; reopening an open offering is harmless."""
    return _set_closed(call, external_id, False)


@operation(
    "GET",
    "/offerings/<external_id>/matches",
    summary="MSMEs ranked for an offering",
    tag="matches",
    roles=PARTNER_ROLES,
    query=OfferingMatchQuery,
    response=OfferingMatches,
)
def offering_matches(call: Call, external_id: str):
    """The best MSMEs for the offering, best first. Empty while the offering is
    closed or its partner awaits approval. For a partner, each MSME is
    anonymous until an introduction with it was accepted: ``msme_external_id``,
    ``name`` and ``contact`` are null, ``profile`` holds structured fields
    only and the ``reasons`` are built from them."""
    offering = offering_for(call.user, external_id)
    q = call.query
    matches = matching.rank_msmes_for(offering.external_id, limit=q.limit, lang=q.lang)
    rows = {
        m.external_id: m
        for m in db.session.scalars(
            select(Msme)
            .where(Msme.external_id.in_([m.msme_external_id for m in matches]))
            .options(selectinload(Msme.needs))
        )
    }
    items = []
    for match in matches:
        msme = rows[match.msme_external_id]
        visible = is_staff(call.user) or intro_service.contacts_visible(msme, offering.partner_id)
        view = privacy.partner_view(msme, offering=offering, lang=q.lang)
        items.append(
            {
                "msme_external_id": msme.external_id if visible else None,
                "score": unit(match.score),
                "contacts_visible": visible,
                "reasons": list(match.reasons) if visible else list(view.reasons),
                "name": msme.name if visible else None,
                "contact": contact(msme) if visible else None,
                "profile": view.as_dict(q.lang),
            }
        )
    return {"offering_external_id": offering.external_id, "items": items}
