"""profiles_from_document: exchange-format documents to matcher inputs."""

from __future__ import annotations

import datetime

from matcher.commodities import Commodity, Taxonomy
from matcher.profiles import MsmeProfile, Need, OfferingProfile, profiles_from_document

TAXONOMY = Taxonomy(
    [
        Commodity("ayam_kampung", "ayam kampung", "native chicken", "livestock"),
        Commodity(
            "madu_kelulut",
            "madu kelulut",
            "stingless bee honey",
            "livestock",
            synonyms=("madu trigona",),
        ),
        Commodity("karet", "karet", "rubber", "plantation", synonyms=("bokar",)),
    ]
)

DOC = {
    "format": "jejaring/1",
    "msmes": [
        {
            "external_id": "M1",
            "name": "Ternak",
            "regency": "6104",
            "commodities": ["ayam kampung"],
            "annual_turnover_idr": 210_000_000,
            "certifications": ["pirt"],
            "needs": [
                {"field": "financing", "description": "Modal", "priority": 1},
                {"field": "hr", "description": "Pelatihan"},
            ],
        },
        {
            "external_id": "M2",
            "name": "Kelompok",
            "regency": "kab. sambas",
            "legal_form": "group",
            "scale": "small",
            "sector": "craft",
            "description": "Kami memelihara lebah dan menjual madu trigona.",
        },
        {
            "external_id": "M3",
            "name": "Koperasi",
            "regency": "Pontianak",
            "description": "Mengumpulkan bokar dari anggota.",
            "business_capital_idr": 900_000_000,
        },
    ],
    "partners": [
        {
            "external_id": "P1",
            "name": "Bank",
            "type": "bank",
            "offerings": [
                {
                    "external_id": "P1-1",
                    "field": "financing",
                    "title": "KUR",
                    "eligibility": {"scales": ["micro"], "certifications": ["pirt"]},
                    "capacity": 5,
                    "valid_until": "2027-12-31",
                },
                {
                    "external_id": "P1-2",
                    "field": "financing",
                    "title": "Kredit",
                    "regions": ["Kubu Raya", "Kota Pontianak"],
                    "commodities": ["karet"],
                    "sectors": ["plantation"],
                },
            ],
        },
        {
            "external_id": "P2",
            "name": "LSM",
            "type": "ngo",
            "description": "Pendamping hutan",
            "regions": ["Kapuas Hulu", "Indonesia"],
            "offerings": [{"external_id": "P2-1", "field": "production", "title": "Budidaya"}],
        },
    ],
}


def test_msmes_are_resolved_and_derived():
    msmes, _ = profiles_from_document(DOC, taxonomy=TAXONOMY)
    m1, m2, m3 = msmes
    assert isinstance(m1, MsmeProfile)
    assert (m1.regency, m1.scale, m1.sector, m1.legal_form) == (
        "6104",
        "micro",
        "livestock",
        "individual",
    )
    assert m1.needs == (Need("financing", "Modal", 1), Need("hr", "Pelatihan", 2))
    assert m1.certifications == frozenset({"pirt"}) and m1.commodities == ("ayam kampung",)
    assert (m2.regency, m2.scale, m2.sector, m2.legal_form) == ("6101", "small", "craft", "group")
    # no commodities: the sector comes from those named in the description
    assert (m3.regency, m3.scale, m3.sector) == ("6171", "micro", "plantation")


def test_offerings_inherit_partner_data_and_regions():
    _, offerings = profiles_from_document(DOC, taxonomy=TAXONOMY)
    o1, o2, o3 = offerings
    assert isinstance(o1, OfferingProfile)
    assert (o1.partner_external_id, o1.partner_name, o1.partner_type) == ("P1", "Bank", "bank")
    assert o1.regions == ("61",)  # partner default: Kalimantan Barat
    assert o1.eligible_scales == ("micro",) and o1.eligible_certifications == ("pirt",)
    assert (o1.capacity, o1.valid_until) == (5, datetime.date(2027, 12, 31))
    assert o2.regions == ("6112", "6171") and o2.commodities == ("karet",)
    assert o2.sectors == ("plantation",) and o2.capacity is None and o2.valid_until is None
    assert o3.regions == ("6108", "ID")  # offering without regions: partner's
    assert o3.partner_description == "Pendamping hutan"


def test_empty_document():
    assert profiles_from_document({"format": "jejaring/1"}, taxonomy=TAXONOMY) == ([], [])
