"""The exchange format (jejaring/1), defined once: its bounds and its records.

Every record of ``docs/exchange-format.md`` is one pydantic model below, and
that model is the only place where its keys, their types, their codes, which
are required and every bound are written down. Everything that reads the
format goes by these models:

- ``web.services.exchange`` (``validate_document``) compiles them into fast
  per-key checks (``RECORD_RULES``) and adds the rules a schema cannot say
  (regencies matched forgivingly, phones in E.164, PP 7/2021 scale, sector
  from the commodity taxonomy, unique ids), with its own messages in English
  and Indonesian. File import, spreadsheets, the API, the pages' forms and
  ``seeds/check_demo.py`` all validate through it;
- the API takes its request bodies and OpenAPI document from them
  (``web.api.schemas_exchange`` re-exports them);
- the spreadsheet reader takes its columns from them.

Adding a key to the format is adding one field here: the validator, the API's
description and the spreadsheet columns follow. A ``Check`` marks what kind of
check a value gets where the type alone does not say it (an external id, a
regency, a list of regions).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from matcher import codes, flows

# Bounds of the exchange format, in ONE place: the records below, the forms
# and the spreadsheet reader refer to these names, and README "Limits" /
# docs/api.md / docs/spreadsheets.md state them. Lengths match the database
# columns; lists and long texts are capped so that one record's cost
# (validation, storage, the ranking index) is bounded.
ID_MAX = 64  # external_id: letters, digits, "-", "_", "."; not dots only
NAME_MAX = 200  # names of MSMEs and partners, contact persons
TITLE_MAX = 300  # offering titles
TEXT_MAX = 5000  # descriptions of MSMEs, partners and offerings
NEED_TEXT_MAX = 1000  # one need's description
ITEM_MAX = 100  # one entry of a list (a commodity, a region name)
PHONE_MAX = 40
EMAIL_MAX = 254
COMMODITIES_MAX = 50  # commodities of one MSME or offering
NEEDS_MAX = 10  # needs of one MSME
REGIONS_MAX = 20  # regions of one partner or offering (16 distinct values exist)
CODES_MAX = 20  # sectors, certifications, eligibility lists of one record
OFFERINGS_MAX = 50  # offerings of one partner (stored and in the file together)
JSON_DEPTH_MAX = 20  # nesting of arrays and objects (the format itself needs 6)
FLOWS_MAX = 20  # supplies, and sources, of one MSME
QUANTITY_MAX = 1_000_000_000  # one flow's or volume's quantity, in its unit
PROBLEMS_SHOWN = 200  # a rejection report lists this many problems, then "and N more"
# at least one character that is not a dot, so never "." or ".."; length checked apart
ID_RE = re.compile(r"^[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*$")
# Ids made in the app for MSMEs start with this; no partner or offering id may,
# so that an id alone never passes for an MSME's.
MSME_ID_PREFIX = "UMKM-"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AMOUNT_MAX = 10**15  # Rupiah; far above any MSME, and within a 64-bit column
COUNT_MAX = 1_000_000
YEAR_MIN = 1900
RUPIAH_MAX = AMOUNT_MAX


@dataclass(frozen=True)
class Check:
    """What the exchange validator checks a value as, where the type does not say.

    ``kind`` names a method of the validator's checker; ``what`` names a code
    table in messages ("unknown sector 'x'")."""

    kind: str
    what: str | None = None


def _code(table, what: str):
    return Annotated[Literal[tuple(table)], Check("code", what)]  # type: ignore[valid-type]


FieldCode = _code(codes.FIELDS, "field")
SectorCode = _code(codes.SECTORS, "sector")
LegalFormCode = _code(codes.LEGAL_FORMS, "legal form")
PartnerTypeCode = _code(codes.PARTNER_TYPES, "partner type")
CertificationCode = _code(codes.CERTIFICATIONS, "certification")
ScaleCode = _code(codes.SCALES, "scale")
UnitCode = _code(flows.UNITS, "unit")
PeriodCode = _code(flows.PERIODS, "period")


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - a type
    return Annotated[
        str, StringConstraints(min_length=min_length, max_length=max_length), Check("text")
    ]


ExternalId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=ID_MAX, pattern=ID_RE.pattern),
    Check("identifier"),
]
Item = Annotated[
    str, StringConstraints(min_length=1, max_length=ITEM_MAX, pattern=r"\S"), Check("item")
]
Rupiah = Annotated[int, Field(ge=0, le=RUPIAH_MAX), Check("integer")]
Count = Annotated[int, Field(ge=0, le=COUNT_MAX), Check("integer")]
# Not after this year (the validator's rule); the schema can only say a fixed bound.
Year = Annotated[int, Field(ge=YEAR_MIN, le=2100), Check("year")]
Nib = Annotated[str, StringConstraints(pattern=r"^[0-9]{13}$"), Check("nib")]
Regency = Annotated[Text(100, 1) | Annotated[int, Field(ge=0, le=9999)], Check("regency")]
Priority = Annotated[Literal[1, 2, 3], Check("priority")]
Date = Annotated[dt.date, Check("date")]
# A positive amount (whole or decimal) in a FLOW's or a volume's unit.
Quantity = Annotated[float, Field(gt=0, le=QUANTITY_MAX), Check("quantity")]


def Bounded(item, max_items: int):  # noqa: N802 - a type, like Text
    """A list of ``item`` with at most ``max_items`` entries."""
    return Annotated[list[item], Field(max_length=max_items)]


Regions = Annotated[list[Item], Field(max_length=REGIONS_MAX), Check("regions")]


class Strict(BaseModel):
    """Unknown keys are rejected, types are not coerced, text is trimmed."""

    model_config = ConfigDict(extra="forbid", strict=True, str_strip_whitespace=True)
    # What kind of record the validator takes it for (ids of partners and
    # offerings must not look like an MSME's).
    owner: ClassVar[str] = "msme"


class Contact(Strict):
    """Private contact details; phones are stored in E.164."""

    flat_prefix: ClassVar[str] = "contact_"  # stored as contact_person, contact_phone, ...

    person: Text(NAME_MAX) | None = None
    phone: Text(PHONE_MAX) | None = Field(None, description="Indonesian phone number, e.g. 0812…")
    email: Text(EMAIL_MAX) | None = None


class NeedRecord(Strict):
    field: FieldCode
    priority: Priority | None = Field(2, description="1 = most urgent")
    description: Text(NEED_TEXT_MAX) | None = None


class FlowRecord(Strict):
    """A FLOW: a commodity an MSME supplies or sources regularly, with how much."""

    commodity: Item = Field(description="resolved through the commodity taxonomy (typos forgiven)")
    quantity: Quantity | None = Field(None, description="> 0, in unit per period")
    unit: UnitCode | None = Field(None, description="required with a quantity")
    period: PeriodCode | None = Field(None, description="absent = per month")
    note: Text(NEED_TEXT_MAX) | None = None


class Volume(Strict):
    """The regular volume a buyer takes of an offering's commodities."""

    flat_prefix: ClassVar[str] = "volume_"  # stored as volume_quantity, ...

    quantity: Quantity | None = Field(None, description="required: > 0")
    unit: UnitCode | None = Field(None, description="required")
    period: PeriodCode | None = Field(None, description="required")


class MsmeFields(Strict):
    name: Text(NAME_MAX, 1)
    legal_form: LegalFormCode | None = Field(None, description="default individual")
    nib: Nib | None = Field(None, description="Nomor Induk Berusaha, 13 digits")
    regency: Regency = Field(description="regency name (matched forgivingly) or BPS code")
    sector: SectorCode | None = Field(None, description="derived from commodities when absent")
    commodities: Bounded(Item, COMMODITIES_MAX) | None = None
    scale: ScaleCode | None = Field(None, description="derived by PP 7/2021 when absent")
    business_capital_idr: Rupiah | None = None
    annual_turnover_idr: Rupiah | None = None
    employees: Count | None = None
    founded_year: Year | None = None
    certifications: Bounded(CertificationCode, CODES_MAX) | None = None
    description: Text(TEXT_MAX) | None = None
    needs: Bounded(NeedRecord, NEEDS_MAX) | None = Field(
        None, description="replaces the stored needs when present"
    )
    contact: Contact | None = Field(
        None, description="private: never shown to partners before an accepted introduction"
    )
    supplies: Bounded(FlowRecord, FLOWS_MAX) | None = Field(
        None, description="what it produces and can sell regularly; replaces the stored ones"
    )
    sources: Bounded(FlowRecord, FLOWS_MAX) | None = Field(
        None, description="raw materials it buys regularly; replaces the stored ones"
    )


class MsmeInput(MsmeFields):
    """An MSME to create or replace; ``external_id`` is generated when absent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "UD Amplang Tenggiri Jaya",
                    "regency": "Kab. Sambas",
                    "commodities": ["amplang"],
                    "business_capital_idr": 50_000_000,
                    "needs": [
                        {"field": "financing", "description": "Modal mesin vakum", "priority": 1}
                    ],
                    "contact": {"person": "Ibu Rahma", "phone": "0812-5000-1111"},
                }
            ]
        }
    )

    external_id: ExternalId | None = None


class MsmeRecord(MsmeFields):
    """An MSME in the exchange format."""

    external_id: ExternalId


class Eligibility(Strict):
    flat_prefix: ClassVar[str] = "eligible_"  # stored as eligible_scales, ...

    scales: Bounded(ScaleCode, CODES_MAX) | None = None
    legal_forms: Bounded(LegalFormCode, CODES_MAX) | None = None
    certifications: Bounded(CertificationCode, CODES_MAX) | None = None


class OfferingFields(Strict):
    owner: ClassVar[str] = "offering"

    field: FieldCode
    title: Text(TITLE_MAX, 1)
    description: Text(TEXT_MAX) | None = None
    commodities: Bounded(Item, COMMODITIES_MAX) | None = Field(
        None, description="empty = any commodity"
    )
    sectors: Bounded(SectorCode, CODES_MAX) | None = Field(None, description="empty = any sector")
    regions: Regions | None = Field(
        None,
        description="regency names or codes, 'Kalimantan Barat' or 'Indonesia'; "
        "empty = the partner's regions",
    )
    eligibility: Eligibility | None = None
    capacity: Count | None = Field(None, description="open places; 0 = full; absent = unlimited")
    valid_until: Date | None = None
    volume: Volume | None = Field(
        None, description="the regular volume a buyer takes; small MSMEs can be pooled to meet it"
    )


class OfferingInput(OfferingFields):
    """An offering to create or replace; ``external_id`` is generated when absent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "field": "financing",
                    "title": "Kredit usaha mikro",
                    "capacity": 10,
                    "eligibility": {"scales": ["micro", "small"]},
                    "valid_until": "2027-12-31",
                }
            ]
        }
    )

    external_id: ExternalId | None = None


class OfferingRecord(OfferingFields):
    """An offering in the exchange format."""

    external_id: ExternalId


class PartnerFields(Strict):
    owner: ClassVar[str] = "partner"

    name: Text(NAME_MAX, 1)
    type: PartnerTypeCode
    regions: Regions | None = Field(None, description="default Kalimantan Barat")
    description: Text(TEXT_MAX) | None = None
    contact: Contact | None = None


class PartnerUpdate(PartnerFields):
    """A partner's profile; its offerings are changed through their own endpoints."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "Bank Perkreditan Kapuas Sejahtera",
                    "type": "bank",
                    "regions": ["Kalimantan Barat"],
                    "contact": {"person": "Pak Budi", "phone": "0561 123456"},
                }
            ]
        }
    )

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

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "format": codes.FORMAT_VERSION,
                    "msmes": [
                        {
                            "external_id": "UMKM-0999",
                            "name": "Madu Kelulut Hutan",
                            "regency": "Kapuas Hulu",
                            "commodities": ["madu kelulut"],
                        }
                    ],
                    "partners": [
                        {
                            "external_id": "MTR-099",
                            "name": "Koperasi Madu Borneo",
                            "type": "buyer",
                            "offerings": [
                                {
                                    "external_id": "MTR-099-1",
                                    "field": "marketing",
                                    "title": "Pembelian madu kelulut",
                                }
                            ],
                        }
                    ],
                }
            ]
        }
    )

    format: Literal[codes.FORMAT_VERSION]  # type: ignore[valid-type]
    msmes: list[MsmeRecord] | None = None
    partners: list[PartnerRecord] | None = None
    judgements: dict[str, dict[str, int]] | None = Field(
        None, description="evaluation sets only; accepted and not stored"
    )
