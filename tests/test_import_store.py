"""Import into the database: atomic, idempotent, audited, and round-tripping."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from tests import factories as f
from web.extensions import db
from web.models import AuditLog, Msme, Offering, Partner
from web.services import versions
from web.services.exporter import export_document


def state() -> dict:
    """Everything a user could notice about the stored data."""
    return {
        "export": export_document(),
        "audit": db.session.scalar(select(func.count()).select_from(AuditLog)),
        "updated": sorted(str(t) for t in db.session.scalars(select(Msme.updated_at))),
        "versions": (versions.current(versions.CATALOGUE), versions.current(versions.MSMES)),
    }


def run_import(runner, path):
    return runner.invoke(args=["import", str(path)])


def test_import_writes_everything(app, runner, write_json):
    result = run_import(runner, write_json(f.document()))
    assert result.exit_code == 0, result.output
    assert "msmes: 1 created" in result.output
    with app.app_context():
        msme = db.session.scalar(select(Msme))
        assert msme.regency == "6101" and msme.contact_phone == "+6281250001111"
        assert [n.field for n in msme.needs] == ["financing"]
        offering = db.session.scalar(select(Offering))
        assert offering.partner.external_id == "P1"
        assert offering.valid_until.isoformat() == "2027-12-31"
        assert offering.eligible_scales == ["micro", "small"]


def test_bad_record_leaves_database_exactly_as_it_was(app, runner, write_json):
    assert run_import(runner, write_json(f.document())).exit_code == 0
    with app.app_context():
        before = state()
    # A good new MSME, a change to the stored one, a new partner, and one bad record.
    bad = f.document(
        msmes=[f.msme("M1", name="Nama Baru"), f.msme("M2"), f.msme("M3", nib="12")],
        partners=[f.partner("P1", name="Ganti"), f.partner("P2", offerings=[f.offering("P2-1")])],
    )
    result = run_import(runner, write_json(bad))
    assert result.exit_code == 1
    assert "msmes[2].nib" in result.output and "nothing was imported" in result.output
    with app.app_context():
        assert state() == before


def test_malformed_json_is_reported_with_position(app, runner, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "jejaring/1", "msmes": [\n  {"external_id": "M1",,}\n]}')
    result = run_import(runner, path)
    assert result.exit_code == 1
    assert "malformed JSON at line 2" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Msme)) == 0


def test_importing_twice_changes_nothing(app, runner, write_json):
    path = write_json(f.document(msmes=[f.msme("M1"), f.msme("M2")]))
    assert run_import(runner, path).exit_code == 0
    with app.app_context():
        before = state()
    result = run_import(runner, path)
    assert result.exit_code == 0
    assert "msmes: 0 created, 0 updated, 2 unchanged" in result.output
    assert "offerings: 0 created, 0 updated, 1 unchanged" in result.output
    with app.app_context():
        assert state() == before


def test_changed_record_is_updated_and_audited(app, runner, write_json):
    assert run_import(runner, write_json(f.document())).exit_code == 0
    with app.app_context():
        stamp = versions.current(versions.CATALOGUE)
    changed = f.document(
        msmes=[f.msme(employees=7, needs=[{"field": "marketing", "priority": 1}])],
        partners=[f.partner(offerings=[f.offering(capacity=0)])],
    )
    result = run_import(runner, write_json(changed))
    assert "msmes: 0 created, 1 updated" in result.output
    with app.app_context():
        msme = db.session.scalar(select(Msme))
        assert msme.employees == 7 and [n.field for n in msme.needs] == ["marketing"]
        entry = db.session.scalar(
            select(AuditLog).where(AuditLog.action == "update", AuditLog.entity_type == "msme")
        )
        assert entry.before["employees"] == 3 and entry.after["employees"] == 7
        assert entry.before["needs"][0]["field"] == "financing"
        assert entry.actor_label.startswith("cli:import")
        assert db.session.scalar(select(Offering.capacity)) == 0
        assert versions.current(versions.CATALOGUE) not in (0, stamp)  # the change shows


def test_absent_needs_and_offerings_are_left_alone(app, runner, write_json):
    assert run_import(runner, write_json(f.document())).exit_code == 0
    record = f.msme(employees=9)
    del record["needs"]
    partner = f.partner(name="Nama Baru")
    del partner["offerings"]
    assert run_import(runner, write_json(f.document([record], [partner]))).exit_code == 0
    with app.app_context():
        assert [n.field for n in db.session.scalar(select(Msme)).needs] == ["financing"]
        assert [o.external_id for o in db.session.scalar(select(Partner)).offerings] == ["P1-1"]


def test_offering_of_another_stored_partner_is_rejected(app, runner, write_json):
    assert run_import(runner, write_json(f.document())).exit_code == 0
    doc = f.document(msmes=[], partners=[f.partner("P2", offerings=[f.offering("P1-1")])])
    result = run_import(runner, write_json(doc))
    assert result.exit_code == 1
    assert "partners[0].offerings[0].external_id" in result.output
    assert "already belongs to partner 'P1'" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Partner)) == 1


def test_dev_set_imports_and_round_trips(app, runner, dev_set, write_json, tmp_path):
    assert run_import(runner, write_json(dev_set)).exit_code == 0
    first = tmp_path / "first.json"
    assert runner.invoke(args=["export", str(first)]).exit_code == 0
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert len(exported["msmes"]) == 12 and len(exported["partners"]) == 26
    assert "judgements" not in exported
    m12 = next(m for m in exported["msmes"] if m["external_id"] == "M12")
    assert m12["scale"] == "micro" and m12["sector"] == "livestock"
    assert (
        next(m for m in exported["msmes"] if m["external_id"] == "M01")["regency"]
        == "Kota Pontianak"
    )
    with app.app_context():  # empty the database, then import the export
        for model in (Offering, Partner, Msme, AuditLog):
            db.session.execute(model.__table__.delete())
        db.session.commit()
    assert run_import(runner, first).exit_code == 0
    second = tmp_path / "second.json"
    assert runner.invoke(args=["export", str(second)]).exit_code == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


def test_export_to_stdout(app, runner, write_json):
    assert run_import(runner, write_json(f.document())).exit_code == 0
    result = runner.invoke(args=["export", "-"])
    assert result.exit_code == 0
    document = json.loads(result.output)
    assert document["format"] == "jejaring/1"
    assert document["msmes"][0]["contact"]["phone"] == "+6281250001111"
    assert document["partners"][0]["offerings"][0]["eligibility"] == {"scales": ["micro", "small"]}
