"""Partner pages: organisation profile, offerings, and object-level access."""

from __future__ import annotations

from sqlalchemy import select

from web.extensions import db
from web.models import AuditLog, Offering, Partner

NEW_OFFERING = {
    "field": "marketing",
    "title": "Etalase produk oleh-oleh di bandara",
    "description": "Kami menjual amplang dan kerupuk ikan UMKM di gerai bandara.",
    "commodities": "amplang; kerupuk ikan",
    "sectors": ["home_industry"],
    "regions": ["6101", "6172"],
    "eligible_scales": ["micro", "small"],
    "eligible_certifications": ["pirt"],
    "capacity": "5",
    "valid_until": "2027-12-31",
}


def test_partner_adds_edits_and_closes_an_offering(app, login_as):
    partner = login_as("partner_a")
    response = partner.post("/partner/offerings/new", data=NEW_OFFERING)
    assert response.headers["Location"] == "/partner/"
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.title.like("Etalase%")))
        assert offering.partner.external_id == "P-A"
        assert offering.regions == ["6101", "6172"] and offering.capacity == 5
        assert offering.eligible_certifications == ["pirt"]
        external_id = offering.external_id
    assert external_id.startswith("P-A-")
    # M-A (Sambas, micro, PIRT, amplang) now sees it among its suggestions.
    msme_page = login_as("consultant").get("/consultant/msmes/M-A").text
    assert "Etalase produk oleh-oleh di bandara" in msme_page
    edit = partner.get(f"/partner/offerings/{external_id}/edit").text
    assert 'value="Etalase produk oleh-oleh di bandara"' in edit
    partner.post(
        f"/partner/offerings/{external_id}/edit",
        data=dict(NEW_OFFERING, capacity="7", title="Etalase bandara Supadio"),
    )
    partner.post(f"/partner/offerings/{external_id}/close")
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == external_id))
        assert offering.capacity == 7 and offering.title == "Etalase bandara Supadio"
        assert offering.closed is True
        actions = [
            a.action
            for a in db.session.scalars(
                select(AuditLog).where(AuditLog.entity_id == external_id).order_by(AuditLog.id)
            )
        ]
        assert actions == ["create", "update", "update"]
    assert "Etalase bandara Supadio" not in login_as("consultant").get("/consultant/msmes/M-A").text


def test_offering_validation_errors_stand_next_to_fields(app, login_as):
    partner = login_as("partner_a")
    page = partner.post(
        "/partner/offerings/new",
        data=dict(NEW_OFFERING, title="", capacity="-3", valid_until="besok"),
    ).text
    assert 'id="title-error"' in page and 'id="capacity-error"' in page
    assert 'id="valid_until-error"' in page
    with app.app_context():
        assert db.session.scalar(select(Offering).where(Offering.title.like("Etalase%"))) is None


def test_partner_edits_its_profile(app, login_as):
    partner = login_as("partner_b")
    response = partner.post(
        "/partner/profile",
        data={
            "name": "Koperasi Pemasaran Kopi Borneo",
            "type": "buyer",
            "regions": ["6111", "6106"],
            "description": "Membeli kopi liberika dan robusta.",
            "contact_person": "Bu Sari",
            "contact_phone": "0561-765432",
            "contact_email": "sari@kopiborneo.example",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        partner_row = db.session.scalar(select(Partner).where(Partner.external_id == "P-B"))
        assert partner_row.regions == ["6111", "6106"]
        assert [o.external_id for o in partner_row.offerings] == ["P-B-1"]  # kept


def test_partner_cannot_touch_another_partners_offering(app, login_as):
    partner_b = login_as("partner_b")
    assert partner_b.get("/partner/offerings/P-A-1/edit").status_code == 404
    assert partner_b.post("/partner/offerings/P-A-1/edit", data=NEW_OFFERING).status_code == 404
    assert partner_b.post("/partner/offerings/P-A-1/close").status_code == 404
    assert partner_b.get("/partner/offerings/P-A-1/suggestions").status_code == 404
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-1"))
        assert offering.closed is False and offering.title == "Kredit mesin pengolahan pangan"


def test_empty_states_say_what_to_do_next(app, login_as):
    partner = login_as("partner_b")
    assert "Belum ada permintaan perkenalan" in partner.get("/partner/inbox").text
    msme = login_as("msme_b")
    assert "Belum ada perkenalan" in msme.get("/msme/").text


def test_closing_and_reopening_on_the_page_is_logged_as_through_the_api(app, login_as, world):
    partner = login_as("partner_a")
    partner.post("/partner/offerings/P-A-1/close")
    with app.app_context():
        assert (
            db.session.scalar(select(Offering.closed).where(Offering.external_id == "P-A-1"))
            is True
        )
    partner.post("/partner/offerings/P-A-1/close")  # the same button reopens it
    with app.app_context():
        assert (
            db.session.scalar(select(Offering.closed).where(Offering.external_id == "P-A-1"))
            is False
        )
        entries = db.session.scalars(
            select(AuditLog)
            .where(AuditLog.entity_id == "P-A-1", AuditLog.action == "update")
            .order_by(AuditLog.id)
        ).all()
        # Who did it is named, as the API names it, not left blank.
        assert [(e.actor_label, e.before, e.after) for e in entries] == [
            (world["partner_a"], {"closed": False}, {"closed": True}),
            (world["partner_a"], {"closed": True}, {"closed": False}),
        ]
