"""Supply links between MSMEs and pooled groups for a buyer's volume (issue 16).

Turns database rows into the plain inputs of ``matcher.links`` and
``matcher.pooling`` and back. Reads only; never commits.

Privacy: an MSME shown as a potential supplier or buyer to another MSME, or as
a pool member to a partner, is described only by structured values (its
regency, the commodity and quantity of its FLOW, the reasons built from them),
never by its name, contact or its own words (FLOW notes included), as
``privacy.partner_view`` does for partners. Consultants see names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from matcher import flows
from matcher.commodities import default_taxonomy
from matcher.evaluate import hard_filter_failures
from matcher.links import BUYER, SUPPLIER, Flow, Link, Party, amount_text, party_from, rank_links
from matcher.pooling import Candidate, Pool, pool_reasons, propose_pools

from ..extensions import db
from ..models import Msme, Offering
from .errors import DomainError
from .matching import NotFound, _profile, get_msme, get_offering, offering_profile

LINKS_LIMIT_MAX = 50
POOLS_LIMIT_MAX = 10


class NoVolume(DomainError):
    """Pooling needs the offering's volume."""

    code = "no_volume"
    status = 422


def _parties() -> list[tuple[Msme, Party]]:
    taxonomy = default_taxonomy()
    rows = db.session.scalars(select(Msme).order_by(Msme.external_id))
    return [
        (
            m,
            party_from(
                m.external_id, m.regency, m.commodities, m.supplies, m.sources, taxonomy=taxonomy
            ),
        )
        for m in rows
    ]


@dataclass(frozen=True)
class LinkRow:
    """A link with the other MSME's row, for pages (names for consultants only)."""

    link: Link
    msme: Msme


def links_for(
    external_id: str, limit: int = 10, lang: str = "id", direction: str | None = None
) -> list[LinkRow]:
    """Potential suppliers and buyers of the MSME ``external_id`` (``NotFound``
    if unknown), best first, at most ``limit`` per direction."""
    limit = max(1, min(limit, LINKS_LIMIT_MAX))
    me = get_msme(external_id)
    parties = _parties()
    rows = {m.external_id: m for m, _ in parties}
    mine = next(p for m, p in parties if m.external_id == me.external_id)
    links = rank_links(mine, [p for _, p in parties], direction=direction, limit=limit, lang=lang)
    return [LinkRow(link, rows[link.msme_external_id]) for link in links]


def link_json(link: Link) -> dict[str, Any]:
    """One link as ``match --msme ID --links`` prints it (the contract)."""
    return {
        "msme_external_id": link.msme_external_id,
        "direction": link.direction,
        "commodity": default_taxonomy().get(link.commodity).name,
        "score": round(float(link.score), 4),
        "reasons": list(link.reasons),
    }


# -- pooling ------------------------------------------------------------------------
@dataclass(frozen=True)
class PoolProposal:
    """Groups proposed for one offering, with the rows of their members."""

    offering: Offering
    volume_monthly: float
    pools: list[Pool]
    members: dict[str, Msme]
    candidates: int


def _volume(offering: Offering) -> flows.Amount:
    amount = flows.monthly(offering.volume_quantity, offering.volume_unit, offering.volume_period)
    if amount is None:
        raise NoVolume(
            f"offering {offering.external_id!r} has no volume: pooling needs one",
            code="no_volume",
        )
    return amount


def pools_for(external_id: str, limit: int = 3, today: dt.date | None = None) -> PoolProposal:
    """Disjoint groups of MSMEs that together supply the offering's volume.

    Candidates pass the offering's hard filters (regions, eligibility,
    capacity, validity) and supply one of its commodities (taxonomy match) in
    a unit that converts to the volume's."""
    limit = max(1, min(limit, POOLS_LIMIT_MAX))
    offering = get_offering(external_id)
    volume = _volume(offering)
    today = today or dt.date.today()
    taxonomy = default_taxonomy()
    wanted = {m.commodity.key for m in taxonomy.resolve_all(offering.commodities or [])}
    profile = offering_profile(offering)
    candidates, rows = [], {}
    if not offering.closed and offering.partner.approved:
        for msme in db.session.scalars(select(Msme).order_by(Msme.external_id)):
            if hard_filter_failures(_profile(msme, ()), profile, today):
                continue
            monthly = 0.0
            for flow in msme.supplies or []:
                found = taxonomy.resolve(flow.get("commodity", ""))
                amount = flows.monthly(flow.get("quantity"), flow.get("unit"), flow.get("period"))
                if (
                    found
                    and found.commodity.key in wanted
                    and amount
                    and amount.unit == volume.unit
                ):
                    monthly += amount.quantity
            if monthly > 0:
                candidates.append(Candidate(msme.external_id, msme.regency, monthly))
                rows[msme.external_id] = msme
    pools = propose_pools(candidates, volume.quantity, limit=limit)
    used = {m.external_id for p in pools for m in p.members}
    members = {k: v for k, v in rows.items() if k in used}
    return PoolProposal(offering, volume.quantity, pools, members, len(candidates))


def _in_volume_unit(monthly: float, offering: Offering) -> float:
    amount = flows.Amount(monthly, flows.base_unit(offering.volume_unit))
    return round(flows.in_unit(amount, offering.volume_unit, offering.volume_period), 3)


def pool_json(pool: Pool, offering: Offering, lang: str = "id") -> dict[str, Any]:
    """One group as ``pool --offering ID`` prints it (the contract)."""
    unit, period = offering.volume_unit, offering.volume_period
    return {
        "members": [
            {
                "msme_external_id": m.external_id,
                "quantity": _in_volume_unit(m.monthly, offering),
                "unit": unit,
                "period": period,
            }
            for m in pool.members
        ],
        "total": {
            "quantity": _in_volume_unit(pool.total, offering),
            "unit": unit,
            "period": period,
        },
        "covers": round(pool.covers, 4),
        "max_km": round(pool.max_km, 1),
        "score": round(pool.score, 4),
        "reasons": pool_reasons(pool, lang),
    }


__all__ = [
    "BUYER",
    "SUPPLIER",
    "NoVolume",
    "NotFound",
    "links_for",
    "link_json",
    "pools_for",
    "pool_json",
]


def amount_label(quantity: float, unit: str, period: str | None, lang: str = "id") -> str:
    """``0,45 ton per bulan`` in the reader's language."""
    text = amount_text(Flow("", quantity, unit, period), lang)
    per = flows.PERIODS.get(period or "month", ("bulan", "month"))[1 if lang == "en" else 0]
    return f"{text} per {per}"


def pool_view(proposal: PoolProposal, lang: str = "id", names: bool = False) -> list[dict]:
    """The groups of ``proposal`` for a page. Members are described by regency
    and quantity; their rows (names) only with ``names`` (consultants)."""
    offering = proposal.offering
    groups = []
    for pool in proposal.pools:
        data = pool_json(pool, offering, lang)
        members = []
        for member, row in zip(pool.members, data["members"], strict=True):
            members.append(
                {
                    "regency": member.regency,
                    "label": amount_label(row["quantity"], row["unit"], row["period"], lang),
                    "msme": proposal.members[member.external_id] if names else None,
                }
            )
        groups.append(
            {
                "members": members,
                "total": amount_label(
                    data["total"]["quantity"], offering.volume_unit, offering.volume_period, lang
                ),
                "covers_pct": round(pool.covers * 100),
                "max_km": round(pool.max_km),
                "reasons": data["reasons"],
            }
        )
    return groups


def volume_label(offering: Offering, lang: str = "id") -> str | None:
    """The offering's volume in words, or ``None`` when it has none."""
    if offering.volume_quantity is None:
        return None
    return amount_label(
        offering.volume_quantity, offering.volume_unit, offering.volume_period, lang
    )
