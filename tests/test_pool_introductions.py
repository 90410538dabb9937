"""Issue 16: a pool proposal becomes group introductions, one per member with a
shared group; the buyer accepts the whole group or member by member, and the
group takes one place of the offering's capacity."""

from __future__ import annotations

from sqlalchemy import select

from tests import factories as f
from web.extensions import db
from web.models import Introduction, Offering
from web.services.importer import import_document


def _makers(app, capacity=1) -> None:
    makers = [
        f.msme(
            f"M-AMP{i}",
            name=f"Amplang Anggota Rahasia {i}",
            regency="Singkawang",
            commodities=["amplang"],
            supplies=[{"commodity": "amplang", "quantity": 600, "unit": "pack"}],
        )
        for i in (1, 2)
    ]
    with app.app_context():
        import_document(f.document(makers, []), actor_label="test")
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-2"))
        offering.capacity = capacity
        db.session.commit()


def _group(app) -> list[Introduction]:
    with app.app_context():
        return db.session.scalars(
            select(Introduction).where(Introduction.pool_group.is_not(None))
        ).all()


def _capacity(app) -> int:
    with app.app_context():
        return db.session.scalar(select(Offering.capacity).where(Offering.external_id == "P-A-2"))


def test_a_group_becomes_one_introduction_per_member_and_is_accepted_whole(app, login_as):
    _makers(app)
    consultant = login_as("consultant")
    assert "Usulkan perkenalan kelompok" in consultant.get("/consultant/partners/P-A").text
    assert consultant.post("/consultant/offerings/P-A-2/pools/1/introduce").status_code == 302
    group = _group(app)
    assert len(group) == 2 and len({i.pool_group for i in group}) == 1
    assert all(i.status == "proposed" for i in group)
    assert "600 bungkus per bulan" in group[0].pitch and "Rahasia" not in group[0].pitch
    partner = login_as("partner_a")
    page = partner.get("/partner/offerings/P-A-2/suggestions").text
    assert "Kelompok yang diperkenalkan konsultan" in page and "Rahasia" not in page
    key = group[0].pool_group
    assert partner.post(f"/partner/offerings/P-A-2/groups/{key}/accept").status_code == 302
    assert all(i.status == "accepted" for i in _group(app))
    assert _capacity(app) == 0  # one place for the whole group
    assert "Kelompok yang diperkenalkan" in consultant.get("/consultant/partners/P-A").text


def test_member_by_member_takes_one_place_too(app, login_as):
    _makers(app)
    login_as("consultant").post("/consultant/offerings/P-A-2/pools/1/introduce")
    partner = login_as("partner_a")
    for intro in _group(app):
        partner.post(f"/partner/introductions/{intro.id}/answer", data={"status": "accepted"})
    assert [i.status for i in _group(app)] == ["accepted", "accepted"]
    assert _capacity(app) == 0


def test_another_partner_cannot_accept_the_group(app, login_as):
    _makers(app)
    login_as("consultant").post("/consultant/offerings/P-A-2/pools/1/introduce")
    key = _group(app)[0].pool_group
    answer = login_as("partner_b").post(f"/partner/offerings/P-A-2/groups/{key}/accept")
    assert answer.status_code == 404
    assert all(i.status == "proposed" for i in _group(app))
