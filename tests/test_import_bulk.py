"""New MSMEs are written in bulk (COPY on PostgreSQL, multi-row INSERTs on
SQLite): what goes in comes out exactly, and a failure writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tests import factories as f
from web.extensions import db
from web.models import AuditLog, Msme
from web.services import importer, versions
from web.services.exporter import export_document
from web.services.importer import import_document

# Characters that COPY's text format escapes, and text beyond ASCII.
AWKWARD = (
    'Kue "lapis" legit\tasli \\ Pontianak\nbaris kedua \\N \\. \\t '
    "Rp1.000/kg \u00e9 \u00f1 \u4e2d\u6587 \U0001f600\r\nakhir"
)


def records() -> list[dict]:
    """MSMEs in the exact form the export writes them, sorted by external_id."""
    return [
        {
            "external_id": "B-001",
            "name": 'Toko "Berkah" \\ Jaya',
            "legal_form": "cooperative",
            "nib": "9120105473216",
            "regency": "Kabupaten Sambas",
            "sector": "home_industry",
            "commodities": ['kopi "liberika"', "lada\\putih", "ikan asin \u00e9"],
            "scale": "small",
            "business_capital_idr": 600_000_000,
            "annual_turnover_idr": 2_500_000_000,
            "employees": 12,
            "founded_year": 2011,
            "certifications": ["halal", "pirt"],
            "description": AWKWARD,
            "needs": [
                {"field": "financing", "description": AWKWARD, "priority": 3},
                {"field": "marketing", "description": "", "priority": 2},
            ],
            "contact": {
                "person": "Ibu Siti Nur\u2019aini",
                "phone": "+6281250001111",
                "email": "siti@contoh.example",
            },
        },
        # Only the required keys: every optional column is NULL or empty.
        {
            "external_id": "B-002",
            "name": "Usaha Tanpa Isian",
            "legal_form": "individual",
            "regency": "Kota Pontianak",
        },
        {
            "external_id": "B-003",
            "name": "Amplang Tenggiri",
            "legal_form": "individual",
            "regency": "Kabupaten Sambas",
            "sector": "fishery",
            "commodities": ["amplang"],
            "scale": "micro",
            "needs": [{"field": "production", "description": "Mesin vakum\tbaru", "priority": 1}],
        },
    ]


def stored_state() -> dict:
    return {
        "export": export_document(),
        "audit": db.session.scalar(select(func.count()).select_from(AuditLog)),
        "versions": (versions.current(versions.CATALOGUE), versions.current(versions.MSMES)),
    }


def test_new_msmes_round_trip_exactly_through_export(app, monkeypatch):
    monkeypatch.setattr(importer, "BULK", 2)  # the INSERT path: several chunks
    with app.app_context():
        summary = import_document(f.document(msmes=records(), partners=[]))
        db.session.commit()
        assert summary.created["msme"] == 3
        assert export_document()["msmes"] == records()
        entry = db.session.scalar(select(AuditLog).where(AuditLog.entity_id == "B-001"))
        assert entry.action == "create" and entry.before is None
        assert entry.after["description"] == AWKWARD
        assert entry.after["commodities"] == records()[0]["commodities"]
        assert entry.after["needs"] == records()[0]["needs"]
        assert versions.current(versions.MSMES) != 0


def test_second_import_of_bulk_created_msmes_changes_nothing(app):
    with app.app_context():
        import_document(f.document(msmes=records(), partners=[]))
        db.session.commit()
        before = stored_state()
        summary = import_document(f.document(msmes=records(), partners=[]))
        db.session.commit()
        assert summary.unchanged["msme"] == 3 and summary.created["msme"] == 0
        assert stored_state() == before


def test_msmes_added_later_get_their_own_ids(app):
    with app.app_context():
        import_document(f.document(msmes=records()[:2], partners=[]))
        db.session.commit()
        import_document(f.document(msmes=records()[2:], partners=[]))
        db.session.add(Msme(external_id="FORM-1", name="Dari Formulir", regency="6171"))
        db.session.commit()
        ids = db.session.scalars(select(Msme.id).order_by(Msme.external_id)).all()
        assert len(set(ids)) == 4
        assert [m["external_id"] for m in export_document()["msmes"]] == [
            "B-001",
            "B-002",
            "B-003",
            "FORM-1",
        ]


def test_import_failing_midway_leaves_nothing(app):
    with app.app_context():
        import_document(f.document(msmes=[f.msme("M1")], partners=[]))
        db.session.commit()
        before = stored_state()
        # The audit rows are written last; an actor that does not exist makes
        # them fail after the new MSMEs and their needs have been sent.
        changed = f.document(msmes=[f.msme("M1", employees=9), *records()], partners=[])
        with pytest.raises(IntegrityError):
            import_document(changed, actor_id=424242)
        db.session.rollback()
        assert stored_state() == before
