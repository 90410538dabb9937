"""Small valid exchange-format records for tests to vary."""

from __future__ import annotations

import copy


def msme(external_id: str = "M1", **overrides) -> dict:
    record = {
        "external_id": external_id,
        "name": "UD Amplang Tenggiri Jaya",
        "legal_form": "individual",
        "nib": "9120105473216",
        "regency": "Kab. Sambas",
        "sector": "home_industry",
        "commodities": ["amplang"],
        "scale": "micro",
        "business_capital_idr": 50_000_000,
        "annual_turnover_idr": 300_000_000,
        "employees": 3,
        "founded_year": 2018,
        "certifications": ["pirt"],
        "description": "Produksi amplang ikan tenggiri, dijual ke toko oleh-oleh.",
        "needs": [
            {"field": "financing", "description": "Modal beli mesin vakum", "priority": 1},
        ],
        "contact": {
            "person": "Ibu Rahma",
            "phone": "0812-5000-1111",
            "email": "rahma@mail.example",
        },
    }
    record.update(overrides)
    return record


def offering(external_id: str = "P1-1", **overrides) -> dict:
    record = {
        "external_id": external_id,
        "field": "financing",
        "title": "Kredit usaha mikro",
        "description": "Pinjaman modal kerja untuk usaha mikro.",
        "commodities": [],
        "sectors": [],
        "regions": [],
        "eligibility": {"scales": ["micro", "small"]},
        "capacity": 10,
        "valid_until": "2027-12-31",
    }
    record.update(overrides)
    return record


def partner(external_id: str = "P1", offerings: list | None = None, **overrides) -> dict:
    record = {
        "external_id": external_id,
        "name": "Bank Perkreditan Kapuas Sejahtera",
        "type": "bank",
        "regions": ["Kalimantan Barat"],
        "description": "BPR untuk UMKM.",
        "contact": {"person": "Pak Budi", "phone": "0561 123456", "email": "umkm@bpks.example"},
        "offerings": [offering()] if offerings is None else offerings,
    }
    record.update(overrides)
    return record


def document(msmes=None, partners=None) -> dict:
    return copy.deepcopy(
        {
            "format": "jejaring/1",
            "msmes": [msme()] if msmes is None else msmes,
            "partners": [partner()] if partners is None else partners,
        }
    )
