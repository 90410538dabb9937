"""UU 27/2022: users download their data and have it deleted; statistics stay."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.world import PASSWORD, login
from web.extensions import db
from web.models import AuditLog, Introduction, Msme, Partner, User


def test_msme_owner_downloads_everything_about_their_business(app, login_as):
    client = login_as("msme_a")
    client.post("/msme/request/P-A-2", data={"message": "Mohon info"})
    response = client.get("/data-saya/unduh")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    data = json.loads(response.data)
    assert data["account"]["email"] == "owner@amplang.example"
    assert data["msme"]["name"] == "UD Amplang Tenggiri Jaya"
    assert data["msme"]["contact"]["phone"] == "+6281250001111"
    assert data["introductions"][0]["offering"] == "P-A-2"
    assert data["introductions"][0]["message"] == "Mohon info"


def test_deletion_anonymises_and_keeps_statistics(app, login_as, world):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "Ibu Rahmawati"})
    with app.app_context():
        intro_id = db.session.scalar(select(Introduction.id))
    consultant.post(
        f"/consultant/introductions/{intro_id}/status",
        data={"status": "accepted", "note": "Ibu Rahmawati setuju bertemu"},
    )
    client = login_as("msme_a")
    refused = client.post(
        "/data-saya/hapus", data={"confirm": "HAPUS", "password": "salah"}, follow_redirects=True
    )
    assert "Data belum dihapus" in refused.text
    done = client.post("/data-saya/hapus", data={"confirm": "HAPUS", "password": PASSWORD})
    assert done.status_code == 302
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        assert "UD Amplang" not in msme.name and msme.contact_phone is None
        assert msme.contact_email is None and msme.nib is None and msme.description is None
        assert [n.field for n in msme.needs] == ["financing", "marketing"]  # statistics stay
        assert all(n.description == "" for n in msme.needs)
        assert msme.regency == "6101" and msme.commodities == ["amplang"]
        intro = db.session.scalar(select(Introduction))
        assert intro.status == "accepted" and intro.message is None
        dump = json.dumps([(a.before, a.after) for a in db.session.scalars(select(AuditLog))])
        for secret in (
            "UD Amplang Tenggiri Jaya",
            "+6281250001111",
            "Rahmawati",
            "owner@amplang.example",
        ):
            assert secret not in dump
        assert db.session.scalar(select(User).where(User.email == world["msme_a"])) is None
    assert login(app.test_client(), world["msme_a"]).status_code == 200  # cannot log in
    assert client.get("/msme/").status_code == 302  # logged out


def test_partner_user_deletion_removes_the_contact_but_keeps_the_organisation(app, login_as):
    with app.app_context():
        partner = db.session.scalar(select(Partner).where(Partner.external_id == "P-B"))
        user = db.session.scalar(select(User).where(User.partner_id == partner.id))
        user.name = partner.contact_person
        db.session.commit()
    client = login_as("partner_b")
    assert "Data pribadi" in client.get("/partner/").text
    client.post("/data-saya/hapus", data={"confirm": "HAPUS", "password": PASSWORD})
    with app.app_context():
        partner = db.session.scalar(select(Partner).where(Partner.external_id == "P-B"))
        assert partner.name == "Koperasi Pemasaran Kopi Borneo"
        assert partner.contact_person is None and partner.contact_phone is None
        assert [o.external_id for o in partner.offerings] == ["P-B-1"]


def test_staff_have_no_personal_data_pages(login_as):
    assert login_as("consultant").get("/data-saya/").status_code == 403
