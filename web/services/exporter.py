"""Export of every MSME and partner as an exchange-format (jejaring/1) document.

The output is deterministic (records sorted by ``external_id``, children in
their stored order, optional keys left out when empty), so export, import into
an empty database and export again gives the same file.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher import codes

from ..extensions import db
from ..models import Msme, Partner


def _contact(obj) -> dict[str, str] | None:
    contact = {
        "person": obj.contact_person,
        "phone": obj.contact_phone,
        "email": obj.contact_email,
    }
    contact = {k: v for k, v in contact.items() if v}
    return contact or None


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, [], {})}


def msme_record(msme: Msme) -> dict[str, Any]:
    """One MSME in exchange format."""
    return _compact(
        {
            "external_id": msme.external_id,
            "name": msme.name,
            "legal_form": msme.legal_form,
            "nib": msme.nib,
            "regency": codes.region_name(msme.regency),
            "sector": msme.sector,
            "commodities": list(msme.commodities or []),
            "scale": msme.scale,
            "business_capital_idr": msme.business_capital_idr,
            "annual_turnover_idr": msme.annual_turnover_idr,
            "employees": msme.employees,
            "founded_year": msme.founded_year,
            "certifications": list(msme.certifications or []),
            "description": msme.description,
            "needs": [
                {"field": n.field, "description": n.description, "priority": n.priority}
                for n in msme.needs
            ],
            "contact": _contact(msme),
            "supplies": [_compact(dict(f)) for f in msme.supplies or []],
            "sources": [_compact(dict(f)) for f in msme.sources or []],
        }
    )


def offering_record(offering) -> dict[str, Any]:
    """One offering in exchange format."""
    eligibility = _compact(
        {
            "scales": list(offering.eligible_scales or []),
            "legal_forms": list(offering.eligible_legal_forms or []),
            "certifications": list(offering.eligible_certifications or []),
        }
    )
    return _compact(
        {
            "external_id": offering.external_id,
            "field": offering.field,
            "title": offering.title,
            "description": offering.description,
            "commodities": list(offering.commodities or []),
            "sectors": list(offering.sectors or []),
            "regions": [codes.region_name(r) for r in offering.regions or []],
            "eligibility": eligibility,
            "capacity": offering.capacity,
            "valid_until": offering.valid_until.isoformat() if offering.valid_until else None,
            "volume": _volume(offering),
        }
    )


def _volume(offering) -> dict[str, Any] | None:
    if offering.volume_quantity is None:
        return None
    quantity = offering.volume_quantity
    return {
        "quantity": int(quantity) if float(quantity).is_integer() else quantity,
        "unit": offering.volume_unit,
        "period": offering.volume_period,
    }


def partner_record(partner: Partner) -> dict[str, Any]:
    """One partner with its offerings in exchange format."""
    record = _compact(
        {
            "external_id": partner.external_id,
            "name": partner.name,
            "type": partner.type,
            "regions": [codes.region_name(r) for r in partner.regions or []],
            "description": partner.description,
            "contact": _contact(partner),
            "offerings": [offering_record(o) for o in partner.offerings],
        }
    )
    # An empty regions list would read as "default" on import; keep it explicit.
    record.setdefault("regions", [])
    return record


def export_document() -> dict[str, Any]:
    """Every MSME and partner, as one exchange-format document."""
    msmes = db.session.scalars(
        select(Msme).options(selectinload(Msme.needs)).order_by(Msme.external_id)
    )
    partners = db.session.scalars(
        select(Partner).options(selectinload(Partner.offerings)).order_by(Partner.external_id)
    )
    return {
        "format": codes.FORMAT_VERSION,
        "msmes": [msme_record(m) for m in msmes],
        "partners": [partner_record(p) for p in partners],
    }
