"""Pydantic models of the API's own requests and answers (beyond exchange records).

Query models are validated from the query string (text converted to numbers
and booleans); body models strictly, from JSON.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..models import INTRODUCTION_STATUSES
from ..services.introductions import OUTCOME_KINDS
from .schemas_exchange import (
    RUPIAH_MAX,
    Contact,
    ExternalId,
    FieldCode,
    OfferingRecord,
    PartnerRecord,
    Strict,
    Text,
)

Status = Literal[tuple(INTRODUCTION_STATUSES)]  # type: ignore[valid-type]
OutcomeKind = Literal[tuple(OUTCOME_KINDS)]  # type: ignore[valid-type]
Lang = Literal["id", "en"]
Score = Annotated[float, Field(ge=0, le=1)]
PER_PAGE_MAX = 100
PAGE_MAX = 100_000
MATCH_LIMIT_MAX = 50


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- errors and pagination -------------------------------------------------------
class Problem(Out):
    path: str = Field(description="where: 'needs[0].field', 'query.limit', 'msmes[3].name'")
    message: str


class ErrorDetail(Out):
    code: str = Field(description="machine-readable, e.g. invalid, not_found, conflict")
    message: str
    details: list[Problem] | dict[str, Any] | None = None


class Error(Out):
    error: ErrorDetail


class Query(BaseModel):
    """Query strings are text: numbers and booleans are converted from it.
    Unknown parameters are rejected, like unknown keys in a body."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PageQuery(Query):
    page: int = Field(1, ge=1, le=PAGE_MAX)
    per_page: int = Field(20, ge=1, le=PER_PAGE_MAX)


def page_of(model: type[BaseModel], name: str) -> type[BaseModel]:
    """A page of ``model`` items: ``{items, page, per_page, total, pages}``."""
    return create_model(
        name,
        __base__=Out,
        items=(list[model], ...),
        page=(int, ...),
        per_page=(int, ...),
        total=(int, ...),
        pages=(int, ...),
    )


# -- queries ---------------------------------------------------------------------
class MsmeListQuery(PageQuery):
    q: Text(100) | None = Field(None, description="text in name, commodities or description")
    regency: Text(100) | None = Field(None, description="regency name or BPS code")


class PartnerListQuery(PageQuery):
    q: Text(100) | None = Field(None, description="text in name or description")
    type: Text(30) | None = Field(None, description="partner type code")


class OfferingListQuery(PageQuery):
    partner: Text(64) | None = Field(None, description="partner external_id")
    field: FieldCode | None = None
    closed: bool | None = Field(None, description="only closed (true) or open (false)")


class IntroductionListQuery(PageQuery):
    status: Status | None = None


class CommodityQuery(PageQuery):
    q: Text(60) | None = Field(None, description="what is being typed; all commodities when absent")


class ResolveQuery(Query):
    text: Text(200, 1) = Field(description="free text, e.g. 'lidah buaya', 'kopi liberca'")


class MsmeMatchQuery(Query):
    limit: int = Field(10, ge=1, le=MATCH_LIMIT_MAX)
    include_filtered: bool = Field(False, description="also offerings that nearly fit")
    lang: Lang = Field("id", description="language of the reasons")


class OfferingMatchQuery(Query):
    limit: int = Field(10, ge=1, le=MATCH_LIMIT_MAX)
    lang: Lang = Field("id", description="language of the reasons")


class ImportQuery(Query):
    dry_run: bool = Field(False, description="validate and count, but write nothing")


# -- answers ---------------------------------------------------------------------
class Me(Out):
    email: str
    name: str
    role: Literal["consultant", "partner", "msme", "admin"]
    partner_external_id: str | None
    msme_external_id: str | None


class OfferingOut(OfferingRecord):
    """An offering (exchange format) with its partner and whether it is closed.
    ``partner_external_id`` and ``closed`` are read-only: leave them out when
    sending the record back."""

    model_config = ConfigDict(extra="forbid")
    partner_external_id: str
    closed: bool


class PartnerOut(PartnerRecord):
    """A partner (exchange format) and whether a consultant approved it (read-only)."""

    model_config = ConfigDict(extra="forbid")
    approved: bool


class CodeLabel(Out):
    code: str
    label_id: str = Field(description="Bahasa Indonesia")
    label_en: str = Field(description="English")


class Taxonomy(Out):
    fields: list[CodeLabel]
    sectors: list[CodeLabel]
    legal_forms: list[CodeLabel]
    partner_types: list[CodeLabel]
    certifications: list[CodeLabel]
    scales: list[CodeLabel]
    regencies: list[CodeLabel] = Field(description="the fourteen regencies (BPS codes)")
    regions: list[CodeLabel] = Field(description="the wide regions: province and nation")


class Commodity(Out):
    key: str
    name: str = Field(description="Bahasa Indonesia")
    name_en: str
    sector: str


class Resolution(Out):
    text: str
    match: Commodity | None
    score: float | None = Field(description="similarity 0-100")
    exact: bool


class Match(Out):
    """One ranked offering for an MSME (the contract's ranking output, plus labels)."""

    offering_external_id: str
    partner_external_id: str
    score: Score
    reasons: list[str]
    title: str
    field: str
    partner_name: str


class NearMatch(Out):
    """An offering that would fit but for the requirements named in ``missing``."""

    offering_external_id: str
    partner_external_id: str
    score: Score
    missing: list[str]
    title: str
    field: str
    partner_name: str


class MsmeMatches(Out):
    msme_external_id: str
    items: list[Match]
    filtered: list[NearMatch] = Field(description="empty unless include_filtered=true")


class NeedView(Out):
    field: str
    priority: int


class AnonymousProfile(Out):
    """What a partner may see of any MSME before an introduction is accepted:
    structured fields only (the allow-list of ``services.privacy``), never the
    name, contact, NIB or any text the MSME wrote."""

    regency: str = Field(description="regency name")
    regency_code: str = Field(description="BPS code of the regency")
    sector: str | None
    scale: str | None
    legal_form: str | None
    certifications: list[str]
    commodities: list[str] = Field(
        description="taxonomy names; strings the taxonomy does not know are left out"
    )
    commodity_keys: list[str] = Field(description="taxonomy keys, as in /commodities")
    needs: list[NeedView] = Field(description="field and priority of each need")


class MsmeMatch(Out):
    """One ranked MSME for an offering. For a partner, ``msme_external_id``,
    ``name`` and ``contact`` are null until an introduction was accepted."""

    msme_external_id: str | None
    score: Score
    reasons: list[str]
    contacts_visible: bool
    name: str | None
    contact: Contact | None
    profile: AnonymousProfile


class OfferingMatches(Out):
    offering_external_id: str
    items: list[MsmeMatch]


class IntroductionCreate(Strict):
    offering_external_id: ExternalId
    msme_external_id: ExternalId | None = Field(
        None, description="required for consultants; an MSME may leave it out"
    )
    message: Text(2000) | None = None
    pitch: Text(1000) | None = Field(
        None,
        description="consultants only: the summary the partner reads about the MSME "
        "until it accepts (the partner never sees the message before that)",
    )


class StatusChange(Strict):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"status": "accepted", "note": "Silakan datang Senin pagi"}]
        }
    )

    status: Status
    note: Text(2000) | None = None
    outcome_kind: OutcomeKind | None = Field(None, description="required for 'agreement'")
    outcome_value_idr: Annotated[int, Field(ge=0, le=RUPIAH_MAX)] | None = None
    pitch: Text(1000) | None = Field(
        None,
        description="consultants only, with status 'proposed': the summary the "
        "partner reads about the MSME until it accepts",
    )


class Event(Out):
    status: str
    at: dt.datetime
    note: str | None


class Introduction(Out):
    """An introduction as its viewer may see it: for a partner, the MSME's
    name, contact, external id and message stay null until the partner
    accepted, the profile holds structured fields only, and the history shows
    notes by staff and the partner (the MSME's once accepted); for an MSME,
    the partner's contact stays null likewise."""

    id: int
    status: Status
    offering_external_id: str
    offering_title: str
    partner_external_id: str
    partner_name: str
    partner_contact: Contact | None
    msme_external_id: str | None
    msme_name: str | None
    msme_contact: Contact | None
    msme_profile: AnonymousProfile
    pitch: str | None = Field(description="the consultant's summary for the partner")
    message: str | None = Field(
        description="the requester's message; for a partner null until it accepted"
    )
    outcome_kind: str | None
    outcome_value_idr: int | None
    created_at: dt.datetime
    accepted_at: dt.datetime | None
    allowed_next: list[str] = Field(description="statuses the caller may move it to now")
    events: list[Event]


class Counts(Out):
    msme: int = 0
    partner: int = 0
    offering: int = 0


class ImportResult(Out):
    dry_run: bool
    created: Counts
    updated: Counts
    unchanged: Counts
