"""Pydantic models of exchange-format (jejaring/1) records.

They describe the same keys, types and codes as ``docs/exchange-format.md``
and as ``web.services.exchange`` checks, plus bounds the database needs
(whole numbers that fit their columns). The API validates request bodies with
them and the OpenAPI document is generated from them; the exchange validator
then applies the rules a schema cannot say (regency names matched
forgivingly, phone numbers, PP 7/2021 limits), exactly as on import.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from matcher import codes

from ..services.exchange import (
    AMOUNT_MAX,
    CODES_MAX,
    COMMODITIES_MAX,
    COUNT_MAX,
    EMAIL_MAX,
    ID_MAX,
    ID_RE,
    ITEM_MAX,
    NAME_MAX,
    NEED_TEXT_MAX,
    NEEDS_MAX,
    OFFERINGS_MAX,
    PHONE_MAX,
    REGIONS_MAX,
    TEXT_MAX,
    TITLE_MAX,
)

FieldCode = Literal[tuple(codes.FIELDS)]  # type: ignore[valid-type]
SectorCode = Literal[tuple(codes.SECTORS)]  # type: ignore[valid-type]
LegalFormCode = Literal[tuple(codes.LEGAL_FORMS)]  # type: ignore[valid-type]
PartnerTypeCode = Literal[tuple(codes.PARTNER_TYPES)]  # type: ignore[valid-type]
CertificationCode = Literal[tuple(codes.CERTIFICATIONS)]  # type: ignore[valid-type]
ScaleCode = Literal[tuple(codes.SCALES)]  # type: ignore[valid-type]

# Every bound (lengths, list sizes, these ceilings) is defined once in
# ``web.services.exchange`` and only referred to here.
RUPIAH_MAX = AMOUNT_MAX



def Text(max_length: int, min_length: int = 0):
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length)]


ExternalId = Annotated[str, StringConstraints(min_length=1, max_length=ID_MAX,
                                              pattern=ID_RE.pattern)]
Item = Annotated[str, StringConstraints(min_length=1, max_length=ITEM_MAX, pattern=r"\S")]
Rupiah = Annotated[int, Field(ge=0, le=RUPIAH_MAX)]
Count = Annotated[int, Field(ge=0, le=COUNT_MAX)]


def Bounded(item, max_items: int):  # noqa: N802 - a type, like Text
    """A list of ``item`` with at most ``max_items`` entries."""
    return Annotated[list[item], Field(max_length=max_items)]


class Strict(BaseModel):
    """Unknown keys are rejected, types are not coerced, text is trimmed."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)


class Contact(Strict):
    """Private contact details; phones are stored in E.164."""

    person: Text(NAME_MAX) | None = None
    phone: Text(PHONE_MAX) | None = Field(None, description="Indonesian phone number, e.g. 0812…")
    email: Text(EMAIL_MAX) | None = None


class NeedRecord(Strict):
    field: FieldCode
    description: Text(NEED_TEXT_MAX) | None = None
    priority: Literal[1, 2, 3] | None = Field(2, description="1 = most urgent")


class MsmeFields(Strict):
    name: Text(NAME_MAX, 1)
    legal_form: LegalFormCode | None = Field(None, description="default individual")
    nib: Annotated[str, StringConstraints(pattern=r"^[0-9]{13}$")] | None = Field(
        None, description="Nomor Induk Berusaha, 13 digits")
    regency: Text(100, 1) | Annotated[int, Field(ge=0, le=9999)] = Field(
        description="regency name (matched forgivingly) or BPS code")
    sector: SectorCode | None = Field(None, description="derived from commodities when absent")
    commodities: Bounded(Item, COMMODITIES_MAX) | None = None
    scale: ScaleCode | None = Field(None, description="derived by PP 7/2021 when absent")
    business_capital_idr: Rupiah | None = None
    annual_turnover_idr: Rupiah | None = None
    employees: Count | None = None
    founded_year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    certifications: Bounded(CertificationCode, CODES_MAX) | None = None
    description: Text(TEXT_MAX) | None = None
    needs: Bounded(NeedRecord, NEEDS_MAX) | None = Field(
        None, description="replaces the stored needs when present")
    contact: Contact | None = Field(
        None, description="private: never shown to partners before an accepted introduction")


class MsmeInput(MsmeFields):
    """An MSME to create or replace; ``external_id`` is generated when absent."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "UD Amplang Tenggiri Jaya", "regency": "Kab. Sambas",
        "commodities": ["amplang"], "business_capital_idr": 50_000_000,
        "needs": [{"field": "financing", "description": "Modal mesin vakum", "priority": 1}],
        "contact": {"person": "Ibu Rahma", "phone": "0812-5000-1111"}}]})

    external_id: ExternalId | None = None


class MsmeRecord(MsmeFields):
    """An MSME in the exchange format."""

    external_id: ExternalId


class Eligibility(Strict):
    scales: Bounded(ScaleCode, CODES_MAX) | None = None
    legal_forms: Bounded(LegalFormCode, CODES_MAX) | None = None
    certifications: Bounded(CertificationCode, CODES_MAX) | None = None


class OfferingFields(Strict):
    field: FieldCode
    title: Text(TITLE_MAX, 1)
    description: Text(TEXT_MAX) | None = None
    commodities: Bounded(Item, COMMODITIES_MAX) | None = Field(
        None, description="empty = any commodity")
    sectors: Bounded(SectorCode, CODES_MAX) | None = Field(None, description="empty = any sector")
    regions: Bounded(Item, REGIONS_MAX) | None = Field(
        None, description="regency names or codes, 'Kalimantan Barat' or 'Indonesia'; "
                          "empty = the partner's regions")
    eligibility: Eligibility | None = None
    capacity: Count | None = Field(None, description="open places; 0 = full; absent = unlimited")
    valid_until: dt.date | None = None


class OfferingInput(OfferingFields):
    """An offering to create or replace; ``external_id`` is generated when absent."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "field": "financing", "title": "Kredit usaha mikro", "capacity": 10,
        "eligibility": {"scales": ["micro", "small"]}, "valid_until": "2027-12-31"}]})

    external_id: ExternalId | None = None


class OfferingRecord(OfferingFields):
    """An offering in the exchange format."""

    external_id: ExternalId


class PartnerFields(Strict):
    name: Text(NAME_MAX, 1)
    type: PartnerTypeCode
    regions: Bounded(Item, REGIONS_MAX) | None = Field(None, description="default Kalimantan Barat")
    description: Text(TEXT_MAX) | None = None
    contact: Contact | None = None


class PartnerUpdate(PartnerFields):
    """A partner's profile; its offerings are changed through their own endpoints."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "name": "Bank Perkreditan Kapuas Sejahtera", "type": "bank",
        "regions": ["Kalimantan Barat"],
        "contact": {"person": "Pak Budi", "phone": "0561 123456"}}]})

    external_id: ExternalId | None = None


class PartnerInput(PartnerUpdate):
    """A partner to create, optionally with offerings (each with its external_id)."""

    offerings: Bounded(OfferingRecord, OFFERINGS_MAX) | None = None


class PartnerRecord(PartnerFields):
    """A partner with its offerings in the exchange format."""

    external_id: ExternalId
    offerings: Bounded(OfferingRecord, OFFERINGS_MAX) | None = None


class ExchangeDocument(Strict):
    """A whole exchange-format document (``format: "jejaring/1"``)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "format": "jejaring/1",
        "msmes": [{"external_id": "UMKM-0999", "name": "Madu Kelulut Hutan",
                   "regency": "Kapuas Hulu", "commodities": ["madu kelulut"]}],
        "partners": [{"external_id": "MTR-099", "name": "Koperasi Madu Borneo",
                      "type": "buyer", "offerings": [{
                          "external_id": "MTR-099-1", "field": "marketing",
                          "title": "Pembelian madu kelulut"}]}]}]})

    format: Literal["jejaring/1"]
    msmes: list[MsmeRecord] | None = None
    partners: list[PartnerRecord] | None = None
    judgements: dict[str, dict[str, int]] | None = Field(
        None, description="evaluation sets only; accepted and not stored")
