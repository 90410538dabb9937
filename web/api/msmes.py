"""MSMEs: staff read and write all; an MSME user reads and updates its own."""

from __future__ import annotations

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import selectinload

from matcher import codes

from ..extensions import db
from ..models import Msme
from ..services import matching
from . import store
from .access import check_msme_access, is_staff, msme_for, own_msme_id
from .errors import invalid, not_found
from .present import msme_out
from .registry import STAFF, Call, operation, paginate
from .schemas import MsmeListQuery, MsmeMatches, MsmeMatchQuery, page_of
from .schemas_exchange import MsmeInput, MsmeRecord

MsmePage = page_of(MsmeRecord, "MsmePage")
MSME_ROLES = (*STAFF, "msme")


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


@operation(
    "GET",
    "/msmes",
    summary="List MSMEs",
    tag="msmes",
    roles=MSME_ROLES,
    query=MsmeListQuery,
    response=MsmePage,
)
def list_msmes(call: Call):
    """Staff see every MSME; an MSME user sees only its own. Ordered by external_id."""
    query = select(Msme).options(selectinload(Msme.needs)).order_by(Msme.external_id, Msme.id)
    if not is_staff(call.user):
        query = query.where(Msme.id == own_msme_id(call.user))
    q, regency = call.query.q, call.query.regency
    if q:
        pattern = _like(q)
        query = query.where(
            or_(
                func.lower(Msme.name).like(pattern, escape="\\"),
                func.lower(Msme.external_id).like(pattern, escape="\\"),
                func.lower(cast(Msme.commodities, String)).like(pattern, escape="\\"),
                func.lower(func.coalesce(Msme.description, "")).like(pattern, escape="\\"),
            )
        )
    if regency:
        code = codes.resolve_regency(regency)
        if code is None:
            raise invalid(
                [
                    (
                        "query.regency",
                        f"{regency!r} is not one of the fourteen regencies of Kalimantan Barat",
                    )
                ]
            )
        query = query.where(Msme.regency == code)
    return paginate(query, call.query, msme_out)


@operation(
    "POST",
    "/msmes",
    summary="Create an MSME",
    tag="msmes",
    roles=STAFF,
    body=MsmeInput,
    prevalidate=store.check_msme,
    response=MsmeRecord,
    status=201,
    errors=(409,),
)
def create_msme(call: Call):
    """Body: an exchange-format MSME record. ``external_id`` is generated when
    left out; an id that is already taken answers 409."""
    external_id = store.save_msme(call.json, call.user)
    return msme_out(matching.get_msme(external_id))


@operation(
    "GET",
    "/msmes/<external_id>",
    summary="Read an MSME",
    tag="msmes",
    roles=MSME_ROLES,
    response=MsmeRecord,
)
def read_msme(call: Call, external_id: str):
    """The MSME as an exchange-format record, contact included."""
    return msme_out(msme_for(call.user, external_id))


@operation(
    "PUT",
    "/msmes/<external_id>",
    summary="Replace an MSME",
    tag="msmes",
    roles=MSME_ROLES,
    body=MsmeInput,
    prevalidate=store.check_msme,
    response=MsmeRecord,
)
def replace_msme(call: Call, external_id: str):
    """Replaces the whole record, like importing it: keys left out become empty,
    except ``needs``, which are kept when the key is absent."""
    msme = msme_for(call.user, external_id)
    store.save_msme(call.json, call.user, existing=msme)
    db.session.flush()
    db.session.expire_all()  # read back what was stored, Core statements included
    return msme_out(matching.get_msme(external_id))


@operation(
    "GET",
    "/msmes/<external_id>/matches",
    summary="Offerings ranked for an MSME",
    tag="matches",
    roles=MSME_ROLES,
    query=MsmeMatchQuery,
    response=MsmeMatches,
)
def msme_matches(call: Call, external_id: str):
    """The best offerings for the MSME, best first, with the reasons; ineligible,
    full or expired offerings never appear. With ``include_filtered``, also
    offerings that nearly fit, with what is missing."""
    q = call.query
    if not q.include_filtered:
        # The common case, served from the precomputed table while it is fresh.
        try:
            top = matching.top_offerings(
                external_id,
                limit=q.limit,
                lang=q.lang,
                check_access=lambda msme_id: check_msme_access(call.user, msme_id),
            )
        except matching.NotFound:
            raise not_found("MSME") from None
        return {
            "msme_external_id": external_id,
            "filtered": [],
            "items": [
                match_item(c.match, title=c.title, field=c.field, partner_name=c.partner_name)
                for c in top
            ],
        }
    msme = msme_for(call.user, external_id)
    ranking = matching.rank_offerings_for(
        msme.external_id, limit=q.limit, include_filtered=True, lang=q.lang
    )
    rows = matching.offerings_by_id(
        [m.offering_external_id for m in ranking.matches]
        + [f.offering_external_id for f in ranking.filtered]
    )

    def labels(offering_id: str) -> dict:
        row = rows[offering_id]
        return {"title": row.title, "field": row.field, "partner_name": row.partner.name}

    return {
        "msme_external_id": msme.external_id,
        "items": [match_item(m, **labels(m.offering_external_id)) for m in ranking.matches],
        "filtered": [
            {
                "offering_external_id": f.offering_external_id,
                "partner_external_id": f.partner_external_id,
                "score": unit(f.score),
                "missing": list(f.missing),
                **labels(f.offering_external_id),
            }
            for f in ranking.filtered
        ],
    }


def match_item(match, **labels: str) -> dict:
    return {
        "offering_external_id": match.offering_external_id,
        "partner_external_id": match.partner_external_id,
        "score": unit(match.score),
        "reasons": list(match.reasons),
        **labels,
    }


def unit(score: float) -> float:
    """A score rounded for reading and kept inside [0, 1] against float error."""
    return min(1.0, max(0.0, round(float(score), 4)))
