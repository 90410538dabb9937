"""Rows as API answers: exchange-format records, and introductions and
anonymous MSME profiles as each viewer may see them."""

from __future__ import annotations

from typing import Any

from matcher import codes

from ..models import Introduction, Msme, Offering, Partner, User
from ..services import introductions as intro_service
from ..services import privacy
from ..services.exporter import msme_record, offering_record, partner_record
from .access import is_staff
from .registry import iso


def msme_out(msme: Msme) -> dict[str, Any]:
    return msme_record(msme)


def offering_out(offering: Offering) -> dict[str, Any]:
    return dict(offering_record(offering), partner_external_id=offering.partner.external_id,
                closed=bool(offering.closed))


def partner_out(partner: Partner) -> dict[str, Any]:
    return dict(partner_record(partner), approved=bool(partner.approved))


def contact(obj) -> dict[str, str] | None:
    values = {"person": obj.contact_person, "phone": obj.contact_phone,
              "email": obj.contact_email}
    values = {k: v for k, v in values.items() if v}
    return values or None


def anonymous_profile(msme: Msme) -> dict[str, Any]:
    """What any partner may see: regency, sector, scale, commodities, scrubbed needs."""
    profile = privacy.anonymous(msme)
    return {
        "regency": codes.region_name(profile.regency), "sector": profile.sector,
        "scale": profile.scale, "commodities": list(profile.commodities),
        "needs": [{"field": f, "priority": p, "description": d} for f, p, d in profile.needs],
    }


def introduction_out(intro: Introduction, viewer: User) -> dict[str, Any]:
    """An introduction for ``viewer``: a partner sees the MSME's identity and
    its own words only after accepting; an MSME sees the partner's contact
    likewise. Staff see everything."""
    accepted = intro.accepted_at is not None
    offering, msme = intro.offering, intro.msme
    partner = offering.partner
    msme_hidden = viewer.role == "partner" and not accepted

    def scrub(text: str | None) -> str | None:
        if text is None or not msme_hidden:
            return text
        return privacy.redact(text, msme)

    return {
        "id": intro.id,
        "status": intro.status,
        "offering_external_id": offering.external_id,
        "offering_title": offering.title,
        "partner_external_id": partner.external_id,
        "partner_name": partner.name,
        "partner_contact": contact(partner) if accepted or is_staff(viewer)
        or viewer.role == "partner" else None,
        "msme_external_id": None if msme_hidden else msme.external_id,
        "msme_name": None if msme_hidden else msme.name,
        "msme_contact": None if msme_hidden else contact(msme),
        "msme_profile": anonymous_profile(msme),
        "message": scrub(intro.message),
        "outcome_kind": intro.outcome_kind,
        "outcome_value_idr": intro.outcome_value_idr,
        "created_at": iso(intro.created_at),
        "accepted_at": iso(intro.accepted_at),
        "allowed_next": intro_service.allowed_next(intro, viewer),
        "events": [{"status": e.status, "at": iso(e.created_at), "note": scrub(e.note)}
                   for e in intro.events],
    }
