"""Rows as API answers: exchange-format records, and introductions and
anonymous MSME profiles as each viewer may see them (a partner through
``services.privacy``)."""

from __future__ import annotations

from typing import Any

from ..models import Introduction, Msme, Offering, Partner, User
from ..services import introductions as intro_service
from ..services import privacy
from ..services.exporter import msme_record, offering_record, partner_record
from .access import is_staff
from .registry import iso


def msme_out(msme: Msme) -> dict[str, Any]:
    return msme_record(msme)


def offering_out(offering: Offering) -> dict[str, Any]:
    return dict(
        offering_record(offering),
        partner_external_id=offering.partner.external_id,
        closed=bool(offering.closed),
    )


def partner_out(partner: Partner) -> dict[str, Any]:
    return dict(partner_record(partner), approved=bool(partner.approved))


def contact(obj) -> dict[str, str] | None:
    values = {"person": obj.contact_person, "phone": obj.contact_phone, "email": obj.contact_email}
    values = {k: v for k, v in values.items() if v}
    return values or None


def anonymous_profile(msme: Msme, lang: str = "id") -> dict[str, Any]:
    """What any partner may see of an MSME: the allow-list of ``privacy.partner_view``."""
    return privacy.partner_view(msme, lang=lang).as_dict(lang)


def _msme_side(intro: Introduction, viewer: User) -> dict[str, Any]:
    """The MSME's part of an introduction: for a partner built only from
    ``privacy.partner_introduction`` (nothing else of the MSME is read)."""
    if viewer.role == "partner":
        seen = privacy.partner_introduction(intro, viewer.partner_id)
        msme = seen.msme  # None until accepted
        return {
            "msme_external_id": msme.external_id if msme else None,
            "msme_name": msme.name if msme else None,
            "msme_contact": contact(msme) if msme else None,
            "msme_profile": seen.view.as_dict(),
            "pitch": seen.view.pitch,
            "message": seen.message,
            "events": [{"status": h.status, "at": iso(h.at), "note": h.note} for h in seen.history],
        }
    msme = intro.msme
    return {
        "msme_external_id": msme.external_id,
        "msme_name": msme.name,
        "msme_contact": contact(msme),
        "msme_profile": anonymous_profile(msme),
        "pitch": intro.pitch,
        "message": intro.message,
        "events": [
            {"status": e.status, "at": iso(e.created_at), "note": e.note} for e in intro.events
        ],
    }


def introduction_out(intro: Introduction, viewer: User) -> dict[str, Any]:
    """An introduction for ``viewer``. A partner sees the MSME through
    ``privacy.partner_introduction``: its identity, contact, message and own
    notes only after accepting, the allow-listed profile and the consultant's
    pitch always. An MSME sees the partner's contact only after acceptance.
    Staff see everything."""
    accepted = intro.accepted_at is not None
    offering = intro.offering
    partner = offering.partner
    return {
        "id": intro.id,
        "status": intro.status,
        "offering_external_id": offering.external_id,
        "offering_title": offering.title,
        "partner_external_id": partner.external_id,
        "partner_name": partner.name,
        "partner_contact": contact(partner)
        if accepted or is_staff(viewer) or viewer.role == "partner"
        else None,
        **_msme_side(intro, viewer),
        "outcome_kind": intro.outcome_kind,
        "outcome_value_idr": intro.outcome_value_idr,
        "created_at": iso(intro.created_at),
        "accepted_at": iso(intro.accepted_at),
        "allowed_next": intro_service.allowed_next(intro, viewer),
    }
