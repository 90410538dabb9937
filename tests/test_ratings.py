"""Service quality: in-app ratings once an introduction closed, scorecards for
staff, and no rated party ever sees who rated it."""

from __future__ import annotations

from sqlalchemy import select

from web.extensions import db
from web.models import Introduction, Rating


def _closed_intro(app, login_as) -> int:
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-2", data={"message": "temu"})
    with app.app_context():
        intro_id = db.session.scalar(select(Introduction.id))
    for status in ("accepted", "met", "closed"):
        answer = consultant.post(
            f"/consultant/introductions/{intro_id}/status", data={"status": status}
        )
        assert answer.status_code == 302
    with app.app_context():
        assert db.session.get(Introduction, intro_id).status == "closed"
    return intro_id


def test_the_msme_is_asked_to_rate_once_the_introduction_closed(app, login_as):
    owner = login_as("msme_a")
    assert "Bagaimana bantuan yang Anda terima?" not in owner.get("/msme/").text
    intro_id = _closed_intro(app, login_as)
    page = owner.get("/msme/").text
    assert "Bagaimana bantuan yang Anda terima?" in page
    assert "Bantuan mitra" in page and "Pendampingan konsultan PLUT" in page
    done = owner.post(
        f"/msme/introductions/{intro_id}/rate",
        data={
            "score_partner": "5",
            "comment_partner": "Toko cepat membalas",
            "score_consultant": "4",
        },
    )
    assert done.status_code == 302
    assert "Bagaimana bantuan yang Anda terima?" not in owner.get("/msme/").text
    with app.app_context():
        given = {r.subject: (r.score, r.comment) for r in db.session.scalars(select(Rating))}
        assert given == {"partner": (5, "Toko cepat membalas"), "consultant": (4, None)}
    # twice is refused, and so is another MSME
    again = owner.post(f"/msme/introductions/{intro_id}/rate", data={"score_partner": "1"})
    assert again.status_code == 302
    other = login_as("msme_b").post(
        f"/msme/introductions/{intro_id}/rate", data={"score_partner": "1"}
    )
    assert other.status_code == 404
    with app.app_context():
        assert len(db.session.scalars(select(Rating)).all()) == 2


def test_scores_out_of_range_are_refused(app, login_as):
    intro_id = _closed_intro(app, login_as)
    owner = login_as("msme_a")
    page = owner.post(
        f"/msme/introductions/{intro_id}/rate", data={"score_partner": "9"}, follow_redirects=True
    ).text
    assert "Nilai harus 1 sampai 5" in page
    with app.app_context():
        assert db.session.scalar(select(Rating)) is None


def test_no_rating_before_the_introduction_closed(app, login_as):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-2", data={"message": "temu"})
    with app.app_context():
        intro_id = db.session.scalar(select(Introduction.id))
    page = login_as("msme_a").post(
        f"/msme/introductions/{intro_id}/rate", data={"score_partner": "5"}, follow_redirects=True
    )
    assert "tidak dapat (lagi) Anda nilai" in page.text


def test_the_rated_party_never_sees_who_rated(app, login_as):
    intro_id = _closed_intro(app, login_as)
    owner = login_as("msme_a")
    owner.post(
        f"/msme/introductions/{intro_id}/rate",
        data={"score_partner": "2", "comment_partner": "Lambat sekali", "score_consultant": "5"},
    )
    partner = login_as("partner_a")
    page = partner.get("/partner/").text
    # the partner rates the MSME's readiness in turn
    assert "Nilai kesiapan UMKM" in page
    assert (
        partner.post(
            f"/partner/introductions/{intro_id}/rate", data={"score_msme": "4"}
        ).status_code
        == 302
    )
    page = partner.get("/partner/").text
    assert "Rata-rata 2 dari 5 (1 penilaian)" in page
    # one comment would point at the one introduction it came from: not shown yet
    assert "Lambat sekali" not in page
    for identity in ("UD Amplang Tenggiri Jaya", "Rahmawati", "owner@amplang.example"):
        assert identity not in page
    # the MSME does not see the partner's rating of it
    assert "Kesiapan UMKM" not in owner.get("/msme/").text
    # staff scorecards show aggregates only
    cards = login_as("consultant").get("/consultant/scorecards").text
    assert "Bank Perkreditan Kapuas Sejahtera" in cards
    assert "Lambat sekali" not in cards and "UD Amplang Tenggiri Jaya" not in cards
    assert "owner@amplang.example" not in cards
    with app.app_context():
        subjects = sorted(r.subject for r in db.session.scalars(select(Rating)))
        assert subjects == ["consultant", "msme", "partner"]
        consultant_rating = db.session.scalar(select(Rating).where(Rating.subject == "consultant"))
        assert consultant_rating.consultant_id is not None


def test_scorecards_figures(app, login_as):
    intro_id = _closed_intro(app, login_as)
    login_as("msme_a").post(
        f"/msme/introductions/{intro_id}/rate",
        data={"score_partner": "4", "score_consultant": "3"},
    )
    from web.services import ratings

    with app.app_context():
        (card,) = ratings.partner_scorecards()
        assert (card.introductions, card.acceptance_rate, card.agreements) == (1, 100.0, 0)
        assert card.mean_rating == 4.0 and card.ratings == 1
        assert card.median_answer_days is not None and card.median_answer_days < 0.01
        (consultant,) = ratings.consultant_scorecards()
        assert consultant.msmes_by_field == {"marketing": 1}
        assert consultant.mean_rating == 3.0
