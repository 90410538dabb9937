"""The caller, the code lists of the exchange format, commodity look-up, and
exchange-format import and export."""

from __future__ import annotations

from matcher import codes
from matcher.commodities import default_taxonomy

from ..services.exporter import export_document
from ..services.importer import import_document
from . import store
from .registry import EVERYONE, STAFF, Call, operation, page_from_list
from .schemas import Commodity as CommodityModel
from .schemas import (
    CommodityQuery,
    ImportQuery,
    ImportResult,
    Me,
    Resolution,
    ResolveQuery,
    Taxonomy,
    page_of,
)
from .schemas_exchange import ExchangeDocument

CommodityPage = page_of(CommodityModel, "CommodityPage")
SUGGESTIONS_MAX = 50
KINDS = ("msme", "partner", "offering")


@operation(
    "GET", "/me", summary="Who the token belongs to", tag="account", roles=EVERYONE, response=Me
)
def me(call: Call):
    """The account the token acts for, with its role and linked partner or MSME."""
    user = call.user
    return {
        "email": user.email,
        "name": user.name or "",
        "role": user.role,
        "partner_external_id": user.partner.external_id if user.partner else None,
        "msme_external_id": user.msme.external_id if user.msme else None,
    }


def _labels(table: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    return [
        {"code": code, "label_id": pair[0], "label_en": pair[1]} for code, pair in table.items()
    ]


@operation(
    "GET",
    "/taxonomy",
    summary="Code lists with labels",
    tag="taxonomy",
    roles=EVERYONE,
    response=Taxonomy,
)
def taxonomy(call: Call):
    """Every code of the exchange format with its Bahasa Indonesia and English label."""
    return {
        "fields": _labels(codes.FIELDS),
        "sectors": _labels(codes.SECTORS),
        "legal_forms": _labels(codes.LEGAL_FORMS),
        "partner_types": _labels(codes.PARTNER_TYPES),
        "certifications": _labels(codes.CERTIFICATIONS),
        "scales": _labels(codes.SCALES),
        "regencies": [
            {"code": c, "label_id": n, "label_en": n} for c, n in codes.REGENCIES.items()
        ],
        "regions": [
            {
                "code": codes.PROVINCE,
                "label_id": codes.PROVINCE_NAME,
                "label_en": "West Kalimantan",
            },
            {"code": codes.NATIONAL, "label_id": codes.NATIONAL_NAME, "label_en": "Indonesia"},
        ],
    }


def _commodity(c) -> dict[str, str]:
    return {"key": c.key, "name": c.name, "name_en": c.name_en, "sector": c.sector}


@operation(
    "GET",
    "/commodities",
    summary="Commodities, or suggestions for typed text",
    tag="taxonomy",
    roles=EVERYONE,
    query=CommodityQuery,
    response=CommodityPage,
)
def commodities(call: Call):
    """Without ``q``: every commodity of the taxonomy by name. With ``q``: up
    to 50 suggestions for what is being typed (prefixes first, then typos)."""
    tax = default_taxonomy()
    if call.query.q:
        found = tax.suggest(call.query.q, limit=SUGGESTIONS_MAX)
    else:
        found = sorted(tax, key=lambda c: (c.name, c.key))
    return page_from_list([_commodity(c) for c in found], call.query)


@operation(
    "GET",
    "/commodities/resolve",
    summary="Resolve free text to a commodity",
    tag="taxonomy",
    roles=EVERYONE,
    query=ResolveQuery,
    response=Resolution,
)
def resolve_commodity(call: Call):
    """The commodity the matcher understands a free-text term as, forgiving
    typos and plurals; ``match`` is null when nothing is close enough."""
    text = call.query.text
    hit = default_taxonomy().resolve(text)
    if hit is None:
        return {"text": text, "match": None, "score": None, "exact": False}
    return {
        "text": text,
        "match": _commodity(hit.commodity),
        "score": round(hit.score, 2),
        "exact": hit.exact,
    }


@operation(
    "POST",
    "/import",
    summary="Import an exchange-format document",
    tag="exchange",
    roles=STAFF,
    query=ImportQuery,
    body=ExchangeDocument,
    prevalidate=store.check_document,
    response=ImportResult,
    large_body=True,
)
def import_exchange(call: Call):
    """The same validation and atomicity as ``flask import``: one bad record
    and nothing is written; the 422 names every problem by path
    (``msmes[3].needs[0].field``). Records are upserted by ``external_id``, so
    importing the same document twice changes nothing. The body may be as
    large as the server's upload limit (20 MiB by default)."""
    user = call.user
    # Problems found only against stored data (ids reused) are a 422 like the others.
    summary = import_document(call.json, actor_id=user.id, actor_label=f"api:import {user.email}")
    call.dry_run = call.query.dry_run
    counts = {
        name: {kind: getattr(summary, name)[kind] for kind in KINDS}
        for name in ("created", "updated", "unchanged")
    }
    return {"dry_run": call.query.dry_run, **counts}


@operation(
    "GET",
    "/export",
    summary="Export everything as an exchange-format document",
    tag="exchange",
    roles=STAFF,
    response=ExchangeDocument,
)
def export_exchange(call: Call):
    """Every MSME and partner, sorted by ``external_id``, exactly as ``flask export``."""
    return export_document()
