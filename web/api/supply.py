"""Supply links and pooled groups in the API (issue 16), with the pages' access rules.

An MSME user reads its own links; the other MSMEs are anonymous to it (no id,
no name: regency and structured reasons only). A partner reads the pools of its
own offerings; members are anonymous to it. Staff see ids and names.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..services import supply
from .access import is_staff, msme_for, offering_for
from .registry import STAFF, Call, operation
from .schemas import Lang, Out, Query, Score

LinkDirection = Literal["supplier", "buyer"]


class LinkQuery(Query):
    limit: int = Field(10, ge=1, le=supply.LINKS_LIMIT_MAX, description="per direction")
    direction: LinkDirection | None = Field(None, description="only suppliers or only buyers")
    lang: Lang = Field("id", description="language of the reasons")


class PoolQuery(Query):
    limit: int = Field(3, ge=1, le=supply.POOLS_LIMIT_MAX, description="groups proposed")
    lang: Lang = Field("id", description="language of the reasons")


class SupplyLink(Out):
    """Another MSME that could supply this one (``supplier``) or buy from it
    (``buyer``). For an MSME user, ``msme_external_id`` and ``name`` are null."""

    msme_external_id: str | None
    name: str | None
    direction: LinkDirection
    commodity: str = Field(description="taxonomy name of the commodity")
    regency_code: str
    score: Score
    reasons: list[str]


class SupplyLinks(Out):
    msme_external_id: str
    items: list[SupplyLink]


class Amount(Out):
    quantity: float
    unit: str
    period: str


class PoolMember(Out):
    """For a partner, ``msme_external_id`` is null: members are anonymous."""

    msme_external_id: str | None
    regency_code: str
    quantity: float
    unit: str
    period: str


class PoolOut(Out):
    members: list[PoolMember]
    total: Amount
    covers: float = Field(description="total / volume, at least 1")
    max_km: float = Field(description="largest distance between members' regency seats")
    score: Score
    reasons: list[str]


class Pools(Out):
    offering_external_id: str
    volume: Amount
    candidates: int = Field(description="MSMEs that pass the hard filters and supply it")
    items: list[PoolOut]


@operation(
    "GET",
    "/msmes/<external_id>/links",
    summary="Potential suppliers and buyers of an MSME",
    tag="matches",
    roles=(*STAFF, "msme"),
    query=LinkQuery,
    response=SupplyLinks,
)
def msme_links(call: Call, external_id: str):
    """Other MSMEs that could supply the MSME's `sources` (or the materials of its
    products) and that could buy its `supplies`, best first, with plain-word
    reasons. An MSME user sees the other MSMEs without id or name."""
    msme = msme_for(call.user, external_id)
    q = call.query
    staff = is_staff(call.user)
    rows = supply.links_for(msme.external_id, limit=q.limit, lang=q.lang, direction=q.direction)
    return {
        "msme_external_id": msme.external_id,
        "items": [
            {
                **supply.link_json(r.link),
                "msme_external_id": r.msme.external_id if staff else None,
                "name": r.msme.name if staff else None,
                "regency_code": r.msme.regency,
            }
            for r in rows
        ],
    }


@operation(
    "GET",
    "/offerings/<external_id>/pools",
    summary="Groups of MSMEs that together meet an offering's volume",
    tag="matches",
    roles=(*STAFF, "partner"),
    query=PoolQuery,
    response=Pools,
    errors=(422,),
)
def offering_pools(call: Call, external_id: str):
    """Disjoint groups of eligible MSMEs whose combined supply covers the
    offering's `volume` (`covers` >= 1): fewest members first, then closest
    together. 422 `no_volume` when the offering has no volume. For a partner,
    members are anonymous (regency and quantity only)."""
    offering = offering_for(call.user, external_id)
    q = call.query
    staff = is_staff(call.user)
    proposal = supply.pools_for(offering.external_id, limit=q.limit)
    items = []
    for pool in proposal.pools:
        data = supply.pool_json(pool, offering, q.lang)
        for member, out in zip(pool.members, data["members"], strict=True):
            out["regency_code"] = member.regency
            if not staff:
                out["msme_external_id"] = None
        items.append(data)
    return {
        "offering_external_id": offering.external_id,
        "volume": {
            "quantity": offering.volume_quantity,
            "unit": offering.volume_unit,
            "period": offering.volume_period,
        },
        "candidates": proposal.candidates,
        "items": items,
    }
