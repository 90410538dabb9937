"""External ids: one documented pattern everywhere, offering ids a partner
chooses stay under its own prefix, and stored ids that break the rules are
reported by init-db and renamed by fix-ids."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.test_api_auth import api_fixtures, error_of
from tests.test_cli import empty_app  # noqa: F401, F811 - a fixture
from web.extensions import db
from web.models import AuditLog, Msme, Offering, Partner

tokens, api = api_fixtures()

REFUSED = [
    "UMKM-0001",
    "P-B-1",
    "a/b",
    "../admin",
    "<script>alert(1)</script>",
    "..",
    "x" * 65,
    "spasi di tengah",
]


@pytest.mark.parametrize("external_id", REFUSED)
def test_a_partner_cannot_choose_these_offering_ids(app, api, external_id):
    body = {"external_id": external_id, "field": "marketing", "title": "Etalase bandara"}
    error = error_of(api.as_("partner_a").post("/partners/P-A/offerings", json=body), 422)
    assert [p["path"] for p in error["details"]] == ["external_id"]
    with app.app_context():
        assert (
            db.session.scalar(select(Offering).where(Offering.title == "Etalase bandara")) is None
        )


def test_a_partner_may_choose_an_id_under_its_own_prefix(app, api):
    body = {"external_id": "P-A-etalase.2027", "field": "marketing", "title": "Etalase"}
    response = api.as_("partner_a").post("/partners/P-A/offerings", json=body)
    assert response.status_code == 201, response.text
    assert response.get_json()["external_id"] == "P-A-etalase.2027"
    assert api.as_("partner_a").get("/offerings/P-A-etalase.2027").status_code == 200


@pytest.mark.parametrize(
    "external_id, message",
    [
        ("a/b", "is not a valid id"),
        ("../admin", "is not a valid id"),
        ("<script>", "is not a valid id"),
        (".", "is not a valid id"),
        ("UMKM-0001", "must not start with 'UMKM-'"),
    ],
)
def test_import_refuses_bad_offering_ids(runner, write_json, external_id, message):
    doc = f.document([], [f.partner(offerings=[f.offering(external_id)])])
    result = runner.invoke(args=["import", str(write_json(doc))])
    assert result.exit_code == 1
    assert f"partners[0].offerings[0].external_id: {external_id!r}" in result.output
    assert message in result.output


def test_import_refuses_bad_msme_and_partner_ids(runner, write_json):
    doc = f.document([f.msme("M 1")], [f.partner("umkm-77", offerings=[])])
    result = runner.invoke(args=["import", str(write_json(doc))])
    assert result.exit_code == 1
    assert "msmes[0].external_id: 'M 1' is not a valid id" in result.output
    assert "partners[0].external_id: 'umkm-77' must not start with 'UMKM-'" in result.output


def test_import_refuses_an_offering_under_another_partners_prefix(app, runner, write_json):
    assert runner.invoke(args=["import", str(write_json(f.document()))]).exit_code == 0
    doc = f.document([], [f.partner("P2", offerings=[f.offering("P1-99")])])
    result = runner.invoke(args=["import", str(write_json(doc))])
    assert result.exit_code == 1
    assert "starts with the id of another partner ('P1')" in result.output


def test_init_db_reports_bad_ids_and_fix_ids_makes_them_valid(empty_app, write_json):  # noqa: F811
    app, runner = empty_app, empty_app.test_cli_runner()
    assert runner.invoke(args=["init-db"]).exit_code == 0
    assert runner.invoke(args=["import", str(write_json(f.document()))]).exit_code == 0
    with app.app_context():  # data stored before the rules existed
        db.session.scalar(select(Msme)).external_id = "M/1"
        partner = db.session.scalar(select(Partner))
        partner.offerings[0].external_id = "UMKM-0001"
        other = Partner(external_id="P2", name="Mitra Dua", type="ngo", regions=["61"])
        other.offerings = [
            Offering(external_id="P1-7", field="marketing", title="Pinjam prefix", position=0)
        ]
        db.session.add(other)
        db.session.commit()
    report = runner.invoke(args=["init-db"])
    assert report.exit_code == 0, report.output
    assert "3 stored id(s) break the id rules" in report.output
    assert "msme 'M/1'" in report.output and "offering 'UMKM-0001'" in report.output
    assert "offering 'P1-7': starts with the id of another partner ('P1')" in report.output
    assert "flask --app wsgi fix-ids" in report.output
    fixed = runner.invoke(args=["fix-ids"])
    assert fixed.exit_code == 0, fixed.output
    assert "msme 'M/1' -> 'M-1'" in fixed.output
    assert "offering 'UMKM-0001' -> 'P1-UMKM-0001'" in fixed.output
    assert "offering 'P1-7' -> 'P2-P1-7'" in fixed.output
    again = runner.invoke(args=["init-db"])
    assert "break the id rules" not in again.output
    assert "Every id is valid." in runner.invoke(args=["fix-ids"]).output
    with app.app_context():
        entry = db.session.scalar(select(AuditLog).where(AuditLog.entity_id == "M-1"))
        assert entry.before == {"external_id": "M/1"} and entry.actor_label == "cli:fix-ids"
        assert db.session.scalar(select(Msme)).needs  # the record itself is untouched


def test_fix_ids_dry_run_saves_nothing(app, runner, write_json):
    assert runner.invoke(args=["import", str(write_json(f.document()))]).exit_code == 0
    with app.app_context():
        db.session.scalar(select(Msme)).external_id = "M 1"
        db.session.commit()
    result = runner.invoke(args=["fix-ids", "--dry-run"])
    assert "msme 'M 1' -> 'M-1'" in result.output and "nothing was saved" in result.output
    with app.app_context():
        assert db.session.scalar(select(Msme.external_id)) == "M 1"
