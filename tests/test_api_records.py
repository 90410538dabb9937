"""MSMEs, partners and offerings through the API: happy paths, object-level
access, validation errors with paths, and pagination."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from tests import factories as f
from tests.test_api_auth import api_fixtures, error_of
from web.extensions import db
from web.models import AuditLog, Msme, Offering

NEW_MSME = {
    "name": "Madu Kelulut Hutan Kapuas",
    "regency": "kapuas hulu",
    "commodities": ["madu kelulut"],
    "business_capital_idr": 20_000_000,
    "needs": [{"field": "marketing", "description": "Pembeli madu di Pontianak", "priority": 1}],
    "contact": {"person": "Pak Yusuf", "phone": "0812-7777-8888"},
}

tokens, api = api_fixtures()


def paths(error: dict) -> list[str]:
    return [d["path"] for d in error["details"]]


def test_consultant_creates_reads_and_replaces_an_msme(app, api):
    created = api.post("/msmes", json=NEW_MSME)
    assert created.status_code == 201, created.text
    record = created.get_json()
    external_id = record["external_id"]
    assert external_id.startswith("UMKM-")
    # the importer's rules: regency resolved, phone in E.164, scale and sector derived
    assert record["regency"] == "Kabupaten Kapuas Hulu"
    assert record["contact"]["phone"] == "+6281277778888"
    assert record["scale"] == "micro" and record["sector"]
    assert api.get(f"/msmes/{external_id}").get_json() == record
    replaced = api.put(f"/msmes/{external_id}", json=dict(record, employees=4))
    assert replaced.status_code == 200 and replaced.get_json() == dict(record, employees=4)
    with app.app_context():
        actions = [
            a.action
            for a in db.session.scalars(
                select(AuditLog).where(AuditLog.entity_id == external_id).order_by(AuditLog.id)
            )
        ]
        assert actions == ["create", "update"]


def test_client_chosen_external_id_and_duplicates(api):
    assert api.post("/msmes", json=dict(NEW_MSME, external_id="SRC-1")).status_code == 201
    assert api.get("/msmes/SRC-1").status_code == 200
    assert (
        error_of(api.post("/msmes", json=dict(NEW_MSME, external_id="SRC-1")), 409)["code"]
        == "conflict"
    )
    mismatch = error_of(api.put("/msmes/SRC-1", json=dict(NEW_MSME, external_id="SRC-2")), 422)
    assert paths(mismatch) == ["external_id"]


def test_msme_validation_names_every_problem_by_path(app, api):
    bad = dict(
        NEW_MSME,
        regency="Jakarta",
        nib="123",
        employees=10**12,
        extra=1,
        founded_year="2019",
        needs=[{"field": "cooking", "priority": 5}],
        contact={"phone": "bukan nomor"},
    )
    error = error_of(api.post("/msmes", json=bad), 422)
    assert error["code"] == "invalid"
    assert set(paths(error)) == {
        "regency",
        "nib",
        "employees",
        "extra",
        "founded_year",
        "needs[0].field",
        "needs[0].priority",
        "contact.phone",
    }
    messages = {d["path"]: d["message"] for d in error["details"]}
    assert messages["extra"] == "unknown key 'extra'"
    assert "Jakarta" in messages["regency"]  # the importer's own words, in English
    assert error_of(api.post("/msmes", json={"regency": "Sambas"}), 422)["details"] == [
        {"path": "name", "message": "is required"}
    ]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Msme)) == 2


def test_an_msme_user_sees_and_updates_only_its_own(api):
    own = api.as_("msme_a")
    listing = own.get("/msmes").get_json()
    assert [m["external_id"] for m in listing["items"]] == ["M-A"] and listing["total"] == 1
    record = own.get("/msmes/M-A").get_json()
    assert record["contact"]["person"] == "Ibu Rahmawati"
    # another MSME does not exist for it, whether reading or writing
    assert error_of(own.get("/msmes/M-B"), 404)["code"] == "not_found"
    assert error_of(own.put("/msmes/M-B", json=record | {"external_id": "M-B"}), 404)
    assert error_of(own.get("/msmes/NO-SUCH"), 404)
    updated = own.put("/msmes/M-A", json=dict(record, employees=9))
    assert updated.status_code == 200 and updated.get_json()["employees"] == 9
    assert error_of(own.post("/msmes", json=NEW_MSME), 403)


def test_partners_and_their_offerings_belong_to_them(api):
    partner = api.as_("partner_a")
    assert [p["external_id"] for p in partner.get("/partners").get_json()["items"]] == ["P-A"]
    mine = partner.get("/partners/P-A").get_json()
    assert mine["approved"] is True and [o["external_id"] for o in mine["offerings"]] == [
        "P-A-1",
        "P-A-2",
    ]
    assert error_of(partner.get("/partners/P-B"), 404)
    assert error_of(partner.get("/offerings/P-B-1"), 404)
    assert error_of(partner.put("/offerings/P-B-1", json={"field": "it", "title": "x"}), 404)
    assert error_of(partner.post("/offerings/P-B-1/close"), 404)
    assert error_of(
        partner.post("/partners/P-B/offerings", json={"field": "it", "title": "x"}), 404
    )
    assert [o["external_id"] for o in partner.get("/offerings").get_json()["items"]] == [
        "P-A-1",
        "P-A-2",
    ]
    assert len(api.get("/offerings").get_json()["items"]) == 3  # staff see all
    assert error_of(partner.post("/partners", json={"name": "x", "type": "bank"}), 403)


def test_partner_updates_its_profile_and_manages_offerings(app, api):
    partner = api.as_("partner_b")
    profile = {
        "name": "Koperasi Kopi Borneo",
        "type": "buyer",
        "regions": ["Kayong Utara"],
        "contact": {"person": "Bu Sari", "phone": "0561 765432"},
    }
    updated = partner.put("/partners/P-B", json=profile)
    assert updated.status_code == 200, updated.text
    body = updated.get_json()
    assert body["name"] == "Koperasi Kopi Borneo" and body["regions"] == ["Kabupaten Kayong Utara"]
    assert [o["external_id"] for o in body["offerings"]] == ["P-B-1"]  # left alone
    rejected = error_of(partner.put("/partners/P-B", json=dict(profile, offerings=[])), 422)
    assert "offerings" in paths(rejected)
    new = {
        "field": "marketing",
        "title": "Kontrak beli kopi bubuk",
        "capacity": 3,
        "commodities": ["kopi bubuk"],
        "valid_until": "2027-06-30",
        "eligibility": {"certifications": ["pirt"]},
    }
    created = partner.post("/partners/P-B/offerings", json=new)
    assert created.status_code == 201, created.text
    offering = created.get_json()
    assert offering["external_id"].startswith("P-B-") and offering["closed"] is False
    assert offering["partner_external_id"] == "P-B" and offering["capacity"] == 3
    oid = offering["external_id"]
    replaced = partner.put(f"/offerings/{oid}", json=dict(new, capacity=5))
    assert replaced.get_json()["capacity"] == 5
    assert partner.post(f"/offerings/{oid}/close").get_json()["closed"] is True
    assert partner.post(f"/offerings/{oid}/close").get_json()["closed"] is True
    assert partner.get("/offerings?closed=true").get_json()["total"] == 1
    assert partner.post(f"/offerings/{oid}/reopen").get_json()["closed"] is False
    bad = error_of(
        partner.post(
            "/partners/P-B/offerings",
            json=dict(new, field="baking", capacity=-1, valid_until="besok", regions=["Mars"]),
        ),
        422,
    )
    assert set(paths(bad)) == {"field", "capacity", "valid_until", "regions[0]"}
    taken = error_of(partner.post("/partners/P-B/offerings", json=dict(new, external_id=oid)), 409)
    assert oid in taken["message"]
    # Another partner's id, even one already taken, is refused for its prefix alone.
    foreign = error_of(
        partner.post("/partners/P-B/offerings", json=dict(new, external_id="P-A-1")), 422
    )
    assert "'P-B-'" in foreign["details"][0]["message"]
    with app.app_context():
        assert db.session.scalar(
            select(Offering.partner_id).where(Offering.external_id == "P-A-1")
        ) != db.session.scalar(select(Offering.partner_id).where(Offering.external_id == oid))


def test_staff_create_a_partner_with_offerings(api):
    record = f.partner("P-NEW", offerings=[f.offering("P-NEW-1"), f.offering("P-NEW-2")])
    created = api.post("/partners", json=record)
    assert created.status_code == 201, created.text
    body = created.get_json()
    assert body["approved"] is True and len(body["offerings"]) == 2
    again = error_of(api.post("/partners", json=dict(record, external_id="P-NEW2")), 409)
    assert "offerings[0]" in again["message"]
    bad = error_of(
        api.post(
            "/partners",
            json=dict(
                record, external_id="P-X", type="bakery", offerings=[f.offering("X-1", title="")]
            ),
        ),
        422,
    )
    assert set(paths(bad)) == {"type", "offerings[0].title"}


def test_pagination_is_stable_and_bounded(app, api):
    with app.app_context():
        from web.services.importer import import_document

        import_document(
            f.document(
                msmes=[f.msme(f"Q-{i:02d}", name=f"Usaha {i}") for i in range(23)], partners=[]
            )
        )
        db.session.commit()
    seen = []
    for page in (1, 2, 3):
        body = api.get(f"/msmes?per_page=10&page={page}").get_json()
        assert body["page"] == page and body["per_page"] == 10
        assert body["total"] == 25 and body["pages"] == 3
        seen += [m["external_id"] for m in body["items"]]
    assert seen == sorted(seen) and len(set(seen)) == 25
    assert api.get("/msmes?per_page=10&page=4").get_json()["items"] == []
    for query in (
        "per_page=101",
        "per_page=0",
        "page=0",
        "page=-1",
        "per_page=abc",
        "page=99999999999999999999",
        "per_page=1.5",
    ):
        error = error_of(api.get(f"/msmes?{query}"), 422)
        assert error["details"][0]["path"] in ("query.page", "query.per_page")
    found = api.get("/msmes?q=usaha%201&regency=sambas").get_json()
    assert found["total"] == 11  # Usaha 1, Usaha 10-19
    assert error_of(api.get("/msmes?regency=Jakarta"), 422)["details"][0]["path"] == "query.regency"
    assert api.get("/msmes?q=%25").get_json()["total"] == 0  # LIKE wildcards are literal


def test_api_bodies_are_judged_by_the_import_validator_alone(api):
    """Every problem of an exchange record is the importer's, in its words: none
    is added by the schema that describes the body."""
    cases = [
        (dict(NEW_MSME, name="   "), {"name": "is required"}),
        (
            dict(NEW_MSME, founded_year=2099),
            {"founded_year": f"must be at most {dt.date.today().year} (got 2099)"},
        ),
        (
            dict(NEW_MSME, commodities=["amplang", ""]),
            {"commodities[1]": "must be a non-empty string"},
        ),
    ]
    for body, expected in cases:
        details = error_of(api.post("/msmes", json=body), 422)["details"]
        assert {d["path"]: d["message"] for d in details} == expected
    offering = {"field": "marketing", "title": "Kontrak", "valid_until": "20271231"}
    details = error_of(api.post("/partners/P-A/offerings", json=offering), 422)["details"]
    assert details == [
        {"path": "valid_until", "message": "must be an ISO date YYYY-MM-DD (got '20271231')"}
    ]
