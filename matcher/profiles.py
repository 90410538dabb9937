"""Plain matcher inputs: MSME and offering profiles.

The web layer builds these from database rows; :func:`profiles_from_document`
builds them from an exchange-format document (``jejaring/1``). Every field is
already resolved to codes of :mod:`matcher.codes`, so the engine never parses
free-form region or scale text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from matcher.codes import PROVINCE, derive_scale, resolve_regency, resolve_region

DEFAULT_PRIORITY = 2
DEFAULT_PARTNER_REGIONS = ("Kalimantan Barat",)


@dataclass(frozen=True)
class Need:
    """What an MSME is looking for now: a consultancy field, in its own words.

    ``priority`` 1 is the most urgent, 3 the least.
    """

    field: str
    description: str = ""
    priority: int = DEFAULT_PRIORITY


@dataclass(frozen=True)
class MsmeProfile:
    """An MSME as the matcher sees it; ``regency`` is a BPS code ("6101")."""

    external_id: str
    regency: str
    name: str = ""
    sector: str | None = None
    scale: str | None = None
    legal_form: str = "individual"
    certifications: frozenset[str] = frozenset()
    commodities: tuple[str, ...] = ()
    description: str = ""
    needs: tuple[Need, ...] = ()


@dataclass(frozen=True)
class OfferingProfile:
    """One offering of a partner.

    ``regions`` are already resolved: the offering's own regions, else the
    partner's; each a BPS code, ``PROVINCE`` ("61") or ``NATIONAL`` ("ID").
    Empty eligibility tuples mean "no requirement"; ``capacity`` ``None`` means
    unlimited and 0 full; after ``valid_until`` the offering is closed.
    """

    external_id: str
    partner_external_id: str
    field: str
    title: str
    description: str = ""
    partner_name: str = ""
    partner_type: str = "other"
    partner_description: str = ""
    commodities: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    regions: tuple[str, ...] = (PROVINCE,)
    eligible_scales: tuple[str, ...] = ()
    eligible_legal_forms: tuple[str, ...] = ()
    eligible_certifications: tuple[str, ...] = ()
    capacity: int | None = None
    valid_until: datetime.date | None = None


def _regions(texts) -> tuple[str, ...]:
    codes = []
    for text in texts:
        code = resolve_region(text)
        if code is not None and code not in codes:
            codes.append(code)
    return tuple(codes)


def _date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _msme(record: dict, taxonomy) -> MsmeProfile:
    regency = resolve_regency(record["regency"])
    if regency is None:
        raise ValueError(
            f"MSME {record.get('external_id')!r}: unknown regency {record['regency']!r}"
        )
    commodities = tuple(record.get("commodities") or ())
    description = record.get("description") or ""
    scale = record.get("scale") or derive_scale(
        record.get("annual_turnover_idr"), record.get("business_capital_idr")
    )
    sector = record.get("sector") or taxonomy.derive_business_sector(commodities, description)
    needs = tuple(
        Need(
            field=n["field"],
            description=n.get("description") or "",
            priority=int(n.get("priority") or DEFAULT_PRIORITY),
        )
        for n in record.get("needs") or ()
    )
    return MsmeProfile(
        external_id=str(record["external_id"]),
        regency=regency,
        name=record.get("name") or "",
        sector=sector,
        scale=scale,
        legal_form=record.get("legal_form") or "individual",
        certifications=frozenset(record.get("certifications") or ()),
        commodities=commodities,
        description=description,
        needs=needs,
    )


def _offerings(partner: dict) -> list[OfferingProfile]:
    partner_regions = _regions(partner.get("regions") or DEFAULT_PARTNER_REGIONS)
    out = []
    for offer in partner.get("offerings") or ():
        eligibility = offer.get("eligibility") or {}
        regions = _regions(offer.get("regions") or ()) or partner_regions
        capacity = offer.get("capacity")
        out.append(
            OfferingProfile(
                external_id=str(offer["external_id"]),
                partner_external_id=str(partner["external_id"]),
                field=offer["field"],
                title=offer.get("title") or "",
                description=offer.get("description") or "",
                partner_name=partner.get("name") or "",
                partner_type=partner.get("type") or "other",
                partner_description=partner.get("description") or "",
                commodities=tuple(offer.get("commodities") or ()),
                sectors=tuple(offer.get("sectors") or ()),
                regions=regions,
                eligible_scales=tuple(eligibility.get("scales") or ()),
                eligible_legal_forms=tuple(eligibility.get("legal_forms") or ()),
                eligible_certifications=tuple(eligibility.get("certifications") or ()),
                capacity=None if capacity is None else int(capacity),
                valid_until=_date(offer.get("valid_until")),
            )
        )
    return out


def profiles_from_document(
    doc: dict, taxonomy=None
) -> tuple[list[MsmeProfile], list[OfferingProfile]]:
    """MSME and offering profiles of an exchange-format document (assumed valid).

    Regencies and regions are resolved with :mod:`matcher.codes` (partner
    regions default to the whole province; an offering without regions takes
    its partner's). A missing scale is derived from turnover/capital
    (PP 7/2021); a missing sector from the MSME's commodities, else from the
    commodities named in its description. ``taxonomy`` defaults to
    :func:`matcher.commodities.default_taxonomy`.
    """
    if taxonomy is None:
        from matcher.commodities import default_taxonomy

        taxonomy = default_taxonomy()
    msmes = [_msme(record, taxonomy) for record in doc.get("msmes") or ()]
    offerings = [o for partner in doc.get("partners") or () for o in _offerings(partner)]
    return msmes, offerings
