"""Issue 16: an introduction between two MSMEs, brokered by a consultant. Neither
sees the other's name or contact until both accepted; one refusal ends it."""

from __future__ import annotations

from sqlalchemy import select

from tests import factories as f
from tests.world import MSME_A, PASSWORD, login
from web.extensions import db
from web.models import AuditLog, Msme, SupplyIntroduction, User
from web.services.importer import import_document

FISHER_NAME = "Nelayan Tenggiri Pemangkat Rahasia"
FISHER = f.msme(
    "M-FISH",
    name=FISHER_NAME,
    regency="Kab. Sambas",
    commodities=["ikan tenggiri"],
    contact={"person": "Pak Kasim", "phone": "0812-9999-0000"},
    supplies=[{"commodity": "tenggiri", "quantity": 400, "unit": "kg"}],
    needs=[],
)


def _scene(app, world):
    with app.app_context():
        import_document(f.document([FISHER], []), actor_label="test")
        fisher = db.session.scalar(select(Msme).where(Msme.external_id == "M-FISH"))
        hashed = db.session.scalar(select(User.password_hash).where(User.email == world["msme_a"]))
        db.session.add(
            User(email="kasim@nelayan.example", role="msme", msme=fisher, password_hash=hashed)
        )
        db.session.commit()
    client = app.test_client()
    assert login(client, "kasim@nelayan.example", PASSWORD).status_code == 302
    return client


def _propose(consultant):
    return consultant.post(
        "/consultant/msmes/M-A/supply-introductions",
        data={"other": "M-FISH", "direction": "supplier", "commodity": "ikan tenggiri"},
    )


def _intro_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(SupplyIntroduction.id))


def test_names_and_contacts_only_once_both_accepted(app, world, login_as):
    fisher = _scene(app, world)
    consultant = login_as("consultant")
    assert _propose(consultant).status_code == 302
    page = consultant.get("/consultant/msmes/M-A?tab=supply").text
    assert "Perkenalan rantai pasok" in page and "menunggu jawaban" in page
    maker = login_as("msme_a")
    mine = maker.get("/msme/").text
    assert "Calon pemasok ikan tenggiri untuk Anda" in mine
    assert FISHER_NAME not in mine and "Kasim" not in mine
    theirs = fisher.get("/msme/").text
    assert "Calon pembeli ikan tenggiri dari Anda" in theirs
    assert "UD Amplang Tenggiri Jaya" not in theirs and "Rahmawati" not in theirs
    intro = _intro_id(app)
    maker.post(f"/msme/supply-introductions/{intro}/answer", data={"answer": "accept"})
    mine = maker.get("/msme/").text
    assert "menunggu jawaban UMKM lainnya" in mine and FISHER_NAME not in mine
    assert "UD Amplang Tenggiri Jaya" not in fisher.get("/msme/").text
    fisher.post(f"/msme/supply-introductions/{intro}/answer", data={"answer": "accept"})
    mine, theirs = maker.get("/msme/").text, fisher.get("/msme/").text
    assert FISHER_NAME in mine and "Pak Kasim" in mine and "+6281299990000" in mine
    assert "UD Amplang Tenggiri Jaya" in theirs and "Ibu Rahmawati" in theirs
    with app.app_context():
        assert db.session.get(SupplyIntroduction, intro).status == "accepted"
        entries = db.session.scalars(
            select(AuditLog).where(AuditLog.entity_type == "supply_introduction")
        ).all()
        assert [e.action for e in entries] == ["create", "update", "update"]


def test_one_refusal_ends_it_and_others_cannot_answer(app, world, login_as):
    fisher = _scene(app, world)
    _propose(login_as("consultant"))
    intro = _intro_id(app)
    assert (
        login_as("msme_b")
        .post(f"/msme/supply-introductions/{intro}/answer", data={"answer": "accept"})
        .status_code
        == 404
    )
    fisher.post(f"/msme/supply-introductions/{intro}/answer", data={"answer": "decline"})
    maker = login_as("msme_a")
    maker.post(f"/msme/supply-introductions/{intro}/answer", data={"answer": "accept"})
    with app.app_context():
        assert db.session.get(SupplyIntroduction, intro).status == "declined"
    page = maker.get("/msme/").text
    assert "ditolak" in page and FISHER_NAME not in page


def test_a_consultant_cannot_introduce_an_msme_to_itself_nor_twice(app, world, login_as):
    _scene(app, world)
    consultant = login_as("consultant")
    _propose(consultant)
    again = _propose(consultant)
    assert again.status_code == 302
    itself = consultant.post(
        "/consultant/msmes/M-A/supply-introductions",
        data={"other": "M-A", "direction": "supplier", "commodity": "ikan tenggiri"},
        follow_redirects=True,
    ).text
    assert "dua UMKM yang berbeda" in itself
    with app.app_context():
        assert len(db.session.scalars(select(SupplyIntroduction)).all()) == 1


def test_deleting_personal_data_removes_flow_notes_but_keeps_amounts(app, world, login_as):
    note = "Ambil di rumah Ibu Rahmawati, WA 0812-5000-1111"
    record = f.msme(
        "M-A",
        **MSME_A,
        supplies=[{"commodity": "amplang", "quantity": 900, "unit": "pack", "note": note}],
    )
    with app.app_context():
        import_document(f.document([record], []), actor_label="test")
        db.session.commit()
    client = login_as("msme_a")
    assert note in client.get("/data-saya/unduh").text
    client.post("/data-saya/hapus", data={"confirm": "HAPUS", "password": PASSWORD})
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        assert msme.supplies == [{"commodity": "amplang", "quantity": 900, "unit": "pack"}]
        logged = " ".join(
            str(e.before) + str(e.after)
            for e in db.session.scalars(select(AuditLog).where(AuditLog.entity_id == "M-A"))
        )
        assert "Ambil di rumah" not in logged
