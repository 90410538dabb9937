"""The introduction journey through the pages, and the privacy of MSME contacts."""

from __future__ import annotations

import re

from sqlalchemy import select

from web.extensions import db
from web.models import Introduction, Offering

SECRETS_A = (
    "UD Amplang Tenggiri Jaya",
    "Rahmawati",
    "+6281250001111",
    "0812-5000-1111",
    "081250001111",
    "rahma@amplang.example",
)


def intro_id(app, offering: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(Introduction.id).join(Offering).where(Offering.external_id == offering)
        )


def partner_pages(client, app) -> list[str]:
    """Every page partner A can reach, with their texts."""
    pages = [
        "/partner/",
        "/partner/inbox",
        "/partner/offerings/P-A-1/suggestions",
        "/partner/offerings/P-A-2/suggestions",
        "/partner/profile",
    ]
    with app.app_context():
        pages += [
            f"/partner/introductions/{i}" for i in db.session.scalars(select(Introduction.id))
        ]
    texts = []
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 404), page
        texts.append(response.text)
    return texts


def test_msme_contact_never_reaches_a_partner_before_acceptance(app, login_as):
    partner = login_as("partner_a")
    # Suggestions already show the MSME, anonymously: structured fields only
    # (the need's field and priority, not the words the MSME wrote about it).
    suggestions = partner.get("/partner/offerings/P-A-1/suggestions").text
    assert "Kabupaten Sambas" in suggestions and "pembiayaan (prioritas 1)" in suggestions
    assert "Modal kerja" not in suggestions
    # An MSME asks, a consultant brokers: still nothing identifying.
    msme = login_as("msme_a")
    assert (
        msme.post(
            "/msme/request/P-A-1",
            data={"message": "Saya UD Amplang Tenggiri Jaya, telp 0812-5000-1111"},
        ).status_code
        == 302
    )
    consultant = login_as("consultant")
    iid = intro_id(app, "P-A-1")
    consultant.post(
        f"/consultant/introductions/{iid}/status",
        data={"status": "proposed", "note": "Mohon ditindaklanjuti Ibu Rahmawati"},
    )
    for text in partner_pages(partner, app):
        for secret in SECRETS_A:
            assert secret not in text
    # Once accepted, the partner sees who it is and how to reach them.
    answer = partner.post(
        f"/partner/introductions/{iid}/answer",
        data={"status": "accepted", "note": "Silakan datang ke kantor kami"},
    )
    assert answer.status_code == 302
    page = partner.get(f"/partner/introductions/{iid}").text
    assert "UD Amplang Tenggiri Jaya" in page and "+6281250001111" in page
    assert 'href="https://wa.me/6281250001111"' in page


def test_partner_b_never_sees_partner_a_msmes_even_after_a_accepts(app, login_as):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "Cocok"})
    login_as("partner_a").post(
        f"/partner/introductions/{intro_id(app, 'P-A-1')}/answer", data={"status": "accepted"}
    )
    partner_b = login_as("partner_b")
    assert partner_b.get(f"/partner/introductions/{intro_id(app, 'P-A-1')}").status_code == 404
    for page in ("/partner/", "/partner/inbox", "/partner/offerings/P-B-1/suggestions"):
        text = partner_b.get(page).text
        for secret in SECRETS_A:
            assert secret not in text


def test_msme_sees_partner_contact_only_after_acceptance(app, login_as):
    msme = login_as("msme_b")
    suggestions = msme.get("/msme/suggestions").text
    assert "Pembelian kopi liberika petani" in suggestions
    assert msme.post("/msme/request/P-B-1", data={"message": ""}).status_code == 302
    dashboard = msme.get("/msme/").text
    assert "diminta UMKM" in dashboard
    assert "0561765432" not in dashboard and "sari@kopiborneo.example" not in dashboard
    iid = intro_id(app, "P-B-1")
    consultant = login_as("consultant")
    assert "Kopi Liberika Kayong Makmur" in consultant.get("/consultant/").text
    consultant.post(f"/consultant/introductions/{iid}/status", data={"status": "proposed"})
    login_as("partner_b").post(f"/partner/introductions/{iid}/answer", data={"status": "accepted"})
    dashboard = msme.get("/msme/").text
    assert "sari@kopiborneo.example" in dashboard
    assert 'href="https://wa.me/62561765432"' in dashboard


def test_accepting_takes_capacity_and_a_full_offering_refuses(app, login_as):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "1"})
    consultant.post("/consultant/msmes/M-B/introduce/P-A-1", data={"message": "2"})
    with app.app_context():
        first, second = db.session.scalars(select(Introduction.id).order_by(Introduction.id))
    partner = login_as("partner_a")
    partner.post(f"/partner/introductions/{first}/answer", data={"status": "accepted"})
    refused = partner.post(
        f"/partner/introductions/{second}/answer",
        data={"status": "accepted"},
        follow_redirects=True,
    )
    assert "Kuota layanan ini sudah penuh" in refused.text
    with app.app_context():
        assert (
            db.session.scalar(select(Offering.capacity).where(Offering.external_id == "P-A-1")) == 0
        )
        statuses = dict(db.session.execute(select(Introduction.id, Introduction.status)).all())
        assert statuses == {first: "accepted", second: "proposed"}


def test_consultant_follows_an_introduction_to_an_agreement(app, login_as):
    consultant = login_as("consultant")
    page = consultant.get("/consultant/msmes/M-A").text
    assert "Menjawab kebutuhan" in page or "kebutuhan" in page.lower()
    response = consultant.post(
        "/consultant/msmes/M-A/introduce/P-A-1", data={"message": "Usaha ini butuh mesin vakum"}
    )
    iid = intro_id(app, "P-A-1")
    assert response.headers["Location"].endswith(f"/consultant/introductions/{iid}")
    for status in ("accepted", "met"):
        consultant.post(
            f"/consultant/introductions/{iid}/status",
            data={"status": status, "note": f"langkah {status}"},
        )
    missing_kind = consultant.post(
        f"/consultant/introductions/{iid}/status",
        data={"status": "agreement"},
        follow_redirects=True,
    )
    assert "Pilih jenis kesepakatan" in missing_kind.text
    consultant.post(
        f"/consultant/introductions/{iid}/status",
        data={"status": "agreement", "outcome_kind": "loan", "outcome_value_idr": "75.000.000"},
    )
    page = consultant.get(f"/consultant/introductions/{iid}").text
    assert "Rp75.000.000" in page and "pinjaman/kredit" in page
    assert page.count("<li><strong>") >= 4  # proposed, accepted, met, agreement
    consultant.post("/lang", data={"lang": "en"})
    assert "Rp75,000,000" in consultant.get(f"/consultant/introductions/{iid}").text
    skipping = consultant.post(
        f"/consultant/introductions/{iid}/status",
        data={"status": "proposed"},
        follow_redirects=True,
    )
    assert "cannot change the status" in skipping.text


def test_msme_cannot_move_statuses_and_duplicates_are_refused(app, login_as):
    msme = login_as("msme_a")
    msme.post("/msme/request/P-A-2", data={})
    again = msme.post("/msme/request/P-A-2", data={}, follow_redirects=True)
    assert "sudah ada" in again.text
    assert (
        msme.post(
            f"/consultant/introductions/{intro_id(app, 'P-A-2')}/status",
            data={"status": "proposed"},
        ).status_code
        == 403
    )


def test_need_text_never_reaches_partners_before_acceptance(app, login_as):
    text = login_as("partner_a").get("/partner/offerings/P-A-1/suggestions").text
    assert "Modal kerja untuk beli mesin vakum" not in text  # the MSME's own words
    assert "Menjawab kebutuhan utama: pembiayaan" in text  # a reason from the need's field
    assert not re.search(r"Rahmawati", text)


def test_msme_cannot_request_an_offering_it_is_not_eligible_for(app, login_as):
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-1"))
        offering.eligible_certifications = ["halal"]
        db.session.commit()
    refused = login_as("msme_a").post("/msme/request/P-A-1", data={}, follow_redirects=True)
    assert "belum dapat Anda gunakan" in refused.text
    with app.app_context():
        assert db.session.scalar(select(Introduction)) is None
