"""Who hears what (issue 12): each change records notifications for the people
who should hear of it, and for nobody else; a partner's copy never holds the
MSME's name or contact before acceptance (checked on the words rendered in both
languages); reminders, expiry, milestone reminders, digests and saved-search
alerts run with a clock the test controls and tell each person once."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from tests import factories as f
from tests import world as world_module
from web.extensions import db
from web.models import (
    Follow,
    Introduction,
    JobRun,
    Milestone,
    Msme,
    Notification,
    Offering,
    Partner,
    SavedSearch,
    User,
    utcnow,
)
from web.services import follow_through, notifications, saved_searches
from web.services.api_tokens import issue
from web.services.importer import import_document

MSME_SECRETS = (world_module.MSME_A["name"], *world_module.MSME_A["contact"].values())
DAY = dt.timedelta(days=1)


@pytest.fixture
def ids(app, world):
    with app.app_context():
        return {
            name: db.session.scalar(select(User.id).where(User.email == email))
            for name, email in world.items()
        }


def _user(name_or_id, ids=None) -> User:
    return db.session.get(User, ids[name_or_id] if ids else name_or_id)


def _heard(app) -> list[tuple[str, str]]:
    """(recipient e-mail, kind) of every notification, in order."""
    with app.app_context():
        rows = db.session.execute(
            select(User.email, Notification.kind).join(User).order_by(Notification.id)
        )
        return [tuple(r) for r in rows]


def _words(row: Notification, locale: str) -> str:
    text = notifications.render(row, locale)
    return " ".join([text.subject, *text.paragraphs, text.action])


def _rows(app, kind: str, email: str | None = None) -> list[Notification]:
    with app.test_request_context():
        query = select(Notification).join(User).where(Notification.kind == kind)
        if email:
            query = query.where(User.email == email)
        rows = list(db.session.scalars(query.order_by(Notification.id)))
        for row in rows:
            db.session.expunge(row)
        return rows


def _rendered(app, kind: str, email: str) -> dict[str, str]:
    """The words of the one notification of ``kind`` to ``email``, per language, and its path."""
    with app.test_request_context():
        row = db.session.scalar(
            select(Notification)
            .join(User)
            .where(Notification.kind == kind, User.email == email)
            .order_by(Notification.id.desc())
        )
        assert row is not None, f"{email} did not hear {kind}"
        return {
            "id": _words(row, "id"),
            "en": _words(row, "en"),
            "path": notifications.render(row, "id").path,
        }


def _no_secrets(text: str) -> None:
    for secret in MSME_SECRETS:
        assert secret not in text


def _intro_id(app, offering="P-A-1") -> int:
    with app.app_context():
        return db.session.scalar(
            select(Introduction.id).join(Offering).where(Offering.external_id == offering)
        )


def _add_field_consultants(app) -> None:
    """A financing consultant and a marketing consultant besides the world's one."""
    with app.app_context():
        for email, fields in (
            ("pembiayaan@plut.example", ["financing"]),
            ("pemasaran@plut.example", ["marketing"]),
        ):
            db.session.add(
                User(email=email, role="consultant", fields=fields, password_hash="x", name=email)
            )
        db.session.commit()


# -- who hears what ---------------------------------------------------------------------


def test_a_request_goes_to_the_consultants_of_the_needs_field_when_nobody_follows(
    app, world, login_as
):
    _add_field_consultants(app)
    login_as("msme_a").post("/msme/request/P-A-1", data={"message": "Mohon dibantu"})
    assert _heard(app) == [("pembiayaan@plut.example", "introduction_requested")]
    words = _rendered(app, "introduction_requested", "pembiayaan@plut.example")
    assert world_module.MSME_A["name"] in words["id"] and "asks for an introduction" in words["en"]
    assert words["path"] == f"/consultant/introductions/{_intro_id(app)}"


def test_a_request_goes_to_the_followers_only_when_someone_follows(app, world, login_as, ids):
    _add_field_consultants(app)
    login_as("consultant").post("/consultant/msmes/M-A/follow")
    login_as("msme_a").post("/msme/request/P-A-1", data={})
    assert _heard(app) == [(world["consultant"], "introduction_requested")]


def test_the_msme_request_page_is_where_it_lands(app, world, login_as):
    answer = login_as("msme_a").post("/msme/request/P-A-2", data={})
    assert answer.headers["Location"] == f"/msme/introductions/{_intro_id(app, 'P-A-2')}"


def _broker(login_as):
    """Partner A asks the centre to broker an introduction with its suggested MSME;
    returns the partner's client and the suggestion's reference."""
    partner = login_as("partner_a")
    page = partner.get("/partner/offerings/P-A-1/suggestions").text
    ref = page.split('name="ref" value="')[1].split('"')[0]
    partner.post("/partner/offerings/P-A-1/broker", data={"ref": ref})
    return partner, ref


def _propose(login_as, offering="P-A-1"):
    consultant = login_as("consultant")
    consultant.post(
        f"/consultant/msmes/M-A/introduce/{offering}",
        data={"pitch": "Usaha amplang skala mikro di Sambas."},
    )
    return consultant


def test_the_proposed_msme_copy_links_to_the_msmes_introduction_page(app, world, login_as):
    _propose(login_as)
    words = _rendered(app, "introduction_proposed_msme", world["msme_a"])
    assert words["path"] == f"/msme/introductions/{_intro_id(app)}"
    assert login_as("msme_a").get(words["path"]).status_code == 200


def test_acceptance_tells_the_msme_and_the_consultant_with_a_whatsapp_link(app, world, login_as):
    _propose(login_as)
    intro = _intro_id(app)
    login_as("partner_a").post(
        f"/partner/introductions/{intro}/answer", data={"status": "accepted"}
    )
    accepted = [h for h in _heard(app) if h[1] == "introduction_accepted"]
    assert accepted == [
        (world["msme_a"], "introduction_accepted"),
        (world["consultant"], "introduction_accepted"),
    ]
    for email, path in (
        (world["msme_a"], f"/msme/introductions/{intro}"),
        (world["consultant"], f"/consultant/introductions/{intro}"),
    ):
        words = _rendered(app, "introduction_accepted", email)
        assert words["path"] == path
        for lang, greeting in (("id", "Halo"), ("en", "Hello")):
            assert "Pak Budi" in words[lang] and "umkm@bpks.example" in words[lang]
            link = next(w for w in words[lang].split() if w.startswith("https://wa.me/"))
            parsed = urlparse(link)
            assert parsed.path == "/62561123456"  # 0561 123456, normalised
            text = parse_qs(parsed.query)["text"][0]
            assert text.startswith(greeting) and f"#{intro}" in text
            assert "Kredit mesin pengolahan pangan" in text


def test_declining_tells_the_msme_and_the_consultant_the_partners_reason(app, world, login_as):
    _propose(login_as)
    intro = _intro_id(app)
    login_as("partner_a").post(
        f"/partner/introductions/{intro}/answer",
        data={"status": "declined", "note": "Kuota tahun ini sudah habis."},
    )
    declined = [h for h in _heard(app) if h[1] == "introduction_declined"]
    assert declined == [
        (world["msme_a"], "introduction_declined"),
        (world["consultant"], "introduction_declined"),
    ]
    words = _rendered(app, "introduction_declined", world["msme_a"])
    assert "Kuota tahun ini sudah habis." in words["id"]
    assert "The partner's reason: Kuota tahun ini sudah habis." in words["en"]
    # ... and the MSME reads it on its introduction page, with what it can do next.
    page = login_as("msme_a").get(f"/msme/introductions/{intro}").text
    assert "Kuota tahun ini sudah habis." in page and "Minta saran mitra lain" in page


def test_after_acceptance_changes_and_notes_go_to_the_other_parties(app, world, login_as):
    consultant = _propose(login_as)
    intro = _intro_id(app)
    partner = login_as("partner_a")
    partner.post(f"/partner/introductions/{intro}/answer", data={"status": "accepted"})
    before = len(_heard(app))
    partner.post(f"/partner/introductions/{intro}/answer", data={"status": "met"})
    assert _heard(app)[before:] == [
        (world["msme_a"], "introduction_status"),
        (world["consultant"], "introduction_status"),
    ]
    words = _rendered(app, "introduction_status", world["consultant"])
    assert "sudah bertemu" in words["id"] and "met" in words["en"]
    before = len(_heard(app))
    consultant.post(
        f"/consultant/introductions/{intro}/status",
        data={"status": "agreement", "outcome_kind": "loan", "outcome_value_idr": "5000000"},
    )
    assert _heard(app)[before:] == [
        (world["partner_a"], "introduction_status"),
        (world["msme_a"], "introduction_status"),
    ]
    before = len(_heard(app))
    login_as("msme_a").post(
        f"/msme/introductions/{intro}/note", data={"note": "Dokumen sudah kami siapkan."}
    )
    assert _heard(app)[before:] == [
        (world["partner_a"], "introduction_note"),
        (world["consultant"], "introduction_note"),
    ]
    words = _rendered(app, "introduction_note", world["partner_a"])
    assert "Dokumen sudah kami siapkan." in words["en"]
    assert words["path"] == f"/partner/introductions/{intro}"


def test_a_note_before_acceptance_is_refused_and_tells_nobody(app, world, login_as):
    _propose(login_as)
    intro = _intro_id(app)
    before = _heard(app)
    page = login_as("msme_a").post(
        f"/msme/introductions/{intro}/note", data={"note": "Nomor saya 0812"}, follow_redirects=True
    )
    assert "setelah mitra menerima" in page.text
    assert _heard(app) == before


def test_partner_registration_approval_and_refusal(app, world, login_as, client):
    client.post(
        "/register",
        data={
            "organisation": "Koperasi Rotan Kapuas",
            "type": "training",
            "regions": ["61"],
            "person": "Bu Lina",
            "phone": "0812 3456 7890",
            "email": "lina@rotan.example",
            "password": "kata-sandi-koperasi-1",
            "confirm": "kata-sandi-koperasi-1",
        },
    )
    assert sorted(_heard(app)) == [
        (world["admin"], "partner_registered"),
        (world["consultant"], "partner_registered"),
    ]
    with app.app_context():
        external_id = db.session.scalar(
            select(Partner.external_id).where(Partner.name == "Koperasi Rotan Kapuas")
        )
    consultant = login_as("consultant")
    consultant.post(f"/consultant/partners/{external_id}/refuse", data={"reason": ""})
    assert ("lina@rotan.example", "partner_refused") not in _heard(app)  # a reason is needed
    consultant.post(
        f"/consultant/partners/{external_id}/refuse", data={"reason": "Lengkapi wilayah kerja."}
    )
    words = _rendered(app, "partner_refused", "lina@rotan.example")
    assert "Lengkapi wilayah kerja." in words["id"] and "Reason:" in words["en"]
    assert words["path"] == "/partner/profile"
    consultant.get("/consultant/")  # shows the flashed message once
    assert "Koperasi Rotan" not in consultant.get("/consultant/").text  # no longer pending
    consultant.post(f"/consultant/partners/{external_id}/approve")
    assert _heard(app)[-1] == ("lina@rotan.example", "partner_approved")
    assert [h for h in _heard(app) if h[0] == world["partner_a"]] == []


def test_milestones_due_in_a_week_and_overdue_are_told_once(app, world, ids):
    now = dt.datetime(2027, 3, 1, 2, tzinfo=dt.UTC)
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        for title, due in (
            ("Uji lab", now.date() + 7 * DAY),
            ("Izin edar", now.date() - DAY),
            ("Jauh", now.date() + 30 * DAY),
        ):
            db.session.add(
                Milestone(
                    msme_id=msme.id,
                    field="marketing",
                    title=title,
                    due_date=due,
                    consultant_id=ids["consultant"],
                )
            )
        db.session.commit()
    with app.test_request_context():
        assert follow_through.remind_milestones(now) == 2
        assert follow_through.remind_milestones(now + DAY) == 0  # each once
        db.session.commit()
    assert _heard(app) == [
        (world["consultant"], "milestone_due"),
        (world["consultant"], "milestone_overdue"),
    ]
    words = _rendered(app, "milestone_due", world["consultant"])
    assert "Uji lab" in words["id"] and "due on 2027-03-08" in words["en"]
    assert words["path"] == "/consultant/msmes/M-A"


# -- reminders and expiry -----------------------------------------------------------------


def _follow_up(app, at: dt.datetime) -> dict:
    with app.test_request_context():
        counts = follow_through.follow_up_introductions(at)
        db.session.commit()
    return counts


def test_an_unanswered_proposal_is_reminded_escalated_and_expires(app, world, login_as):
    _propose(login_as)
    intro = _intro_id(app)
    start = utcnow()
    base = len(_heard(app))
    assert _follow_up(app, start + 4 * DAY) == {"reminded": 0, "escalated": 0, "expired": 0}
    assert _follow_up(app, start + 5 * DAY + dt.timedelta(minutes=1))["reminded"] == 1
    assert _heard(app)[base:] == [(world["partner_a"], "introduction_reminder_partner")]
    assert _follow_up(app, start + 6 * DAY)["reminded"] == 0  # sent once
    for lang in ("id", "en"):
        words = _rendered(app, "introduction_reminder_partner", world["partner_a"])[lang]
        assert "Kredit mesin pengolahan pangan" in words and "5" in words
        _no_secrets(words)
    assert _follow_up(app, start + 10 * DAY + dt.timedelta(minutes=1))["escalated"] == 1
    assert _heard(app)[-1] == (world["consultant"], "introduction_escalated")
    assert _follow_up(app, start + 11 * DAY)["escalated"] == 0
    base = len(_heard(app))
    assert _follow_up(app, start + 21 * DAY + dt.timedelta(minutes=1))["expired"] == 1
    assert sorted(_heard(app)[base:]) == sorted(
        [
            (world["msme_a"], "introduction_ended"),
            (world["consultant"], "introduction_ended"),
            (world["partner_a"], "introduction_ended_partner"),
        ]
    )
    partner_words = _rendered(app, "introduction_ended_partner", world["partner_a"])
    for lang in ("id", "en"):
        _no_secrets(partner_words[lang])
    assert "kedaluwarsa" in partner_words["id"] and "expired" in partner_words["en"]
    with app.app_context():
        row = db.session.get(Introduction, intro)
        assert row.status == "expired" and [e.status for e in row.events][-1] == "expired"
    assert _follow_up(app, start + 30 * DAY)["expired"] == 0
    page = login_as("consultant").get(f"/consultant/introductions/{intro}").text
    assert "kedaluwarsa" in page
    # Expiry freed the pair: it may be proposed again, its history kept.
    _propose(login_as)
    with app.app_context():
        row = db.session.get(Introduction, intro)
        assert row.status == "proposed" and row.reminded_at is None
        assert [e.status for e in row.events] == ["proposed", "expired", "proposed"]


def test_an_unanswered_request_reminds_its_consultants_then_the_admins(app, world, login_as):
    login_as("msme_a").post("/msme/request/P-A-1", data={})
    start = utcnow()
    base = len(_heard(app))
    _follow_up(app, start + 5 * DAY + dt.timedelta(minutes=1))
    _follow_up(app, start + 10 * DAY + dt.timedelta(minutes=1))
    assert _heard(app)[base:] == [
        (world["consultant"], "introduction_reminder"),
        (world["admin"], "introduction_escalated"),
    ]
    assert all(h[0] != world["partner_a"] for h in _heard(app))


def test_the_periods_are_settings(app, world, login_as):
    app.config.update(INTRO_REMIND_AFTER_DAYS=1, INTRO_EXPIRE_AFTER_DAYS=2)
    _propose(login_as)
    start = utcnow()
    assert _follow_up(app, start + DAY + dt.timedelta(minutes=1))["reminded"] == 1
    assert _follow_up(app, start + 2 * DAY + dt.timedelta(minutes=1))["expired"] == 1


# -- no dead ends ---------------------------------------------------------------------------


def test_the_msme_withdraws_an_unanswered_request_and_the_partner_is_told_anonymously(
    app, world, login_as
):
    _propose(login_as)
    intro = _intro_id(app)
    msme = login_as("msme_a")
    page = msme.get(f"/msme/introductions/{intro}").text
    assert "Tarik permintaan" in page
    base = len(_heard(app))
    msme.post(f"/msme/introductions/{intro}/withdraw")
    with app.app_context():
        assert db.session.get(Introduction, intro).status == "withdrawn"
    assert sorted(_heard(app)[base:]) == sorted(
        [
            (world["consultant"], "introduction_ended"),
            (world["partner_a"], "introduction_ended_partner"),
        ]
    )
    words = _rendered(app, "introduction_ended_partner", world["partner_a"])
    _no_secrets(words["id"] + words["en"])
    assert "ditarik UMKM" in words["id"] and "withdrawn by the MSME" in words["en"]
    # Answered introductions cannot be withdrawn; other MSMEs' ones are not there.
    assert "Tarik permintaan" not in msme.get(f"/msme/introductions/{intro}").text
    assert login_as("msme_b").get(f"/msme/introductions/{intro}").status_code == 404
    assert login_as("msme_b").post(f"/msme/introductions/{intro}/withdraw").status_code == 404


def test_asking_for_another_suggestion_tells_the_consultants(app, world, login_as):
    _propose(login_as)
    intro = _intro_id(app)
    base = len(_heard(app))
    login_as("msme_a").post(
        f"/msme/introductions/{intro}/another", data={"note": "Yang bunganya lebih ringan"}
    )
    assert _heard(app)[base:] == [(world["consultant"], "suggestion_asked")]
    words = _rendered(app, "suggestion_asked", world["consultant"])
    assert "Yang bunganya lebih ringan" in words["id"] and words["path"] == "/consultant/msmes/M-A"


def test_a_partner_asks_the_centre_to_broker_an_introduction(app, world, login_as):
    partner = login_as("partner_a")
    page = partner.get("/partner/offerings/P-A-1/suggestions").text
    assert "1 UMKM cocok dengan layanan ini." in page
    assert "0%" not in page
    ref = page.split('name="ref" value="')[1].split('"')[0]
    partner.post("/partner/offerings/P-A-1/broker", data={"ref": ref, "message": "Kami tertarik."})
    assert _heard(app) == [(world["consultant"], "broker_requested")]
    words = _rendered(app, "broker_requested", world["consultant"])
    assert world_module.MSME_A["name"] in words["id"] and "Kami tertarik." in words["en"]
    intro = _intro_id(app)
    assert words["path"] == f"/consultant/introductions/{intro}"
    # The MSME hears and sees nothing until a consultant decides; a forged reference
    # is refused.
    assert all(h[0] != world["msme_a"] for h in _heard(app))
    owner = login_as("msme_a")
    assert "Kredit mesin pengolahan pangan" not in owner.get("/msme/").text
    assert owner.get(f"/msme/introductions/{intro}").status_code == 404
    with app.app_context():
        _, token = issue(db.session.scalar(select(User).where(User.email == world["msme_a"])), "t")
        db.session.commit()
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/introductions", headers=headers).get_json()["items"] == []
    assert api.get(f"/api/v1/introductions/{intro}", headers=headers).status_code == 404
    assert "Sudah ada perkenalan" in partner.get("/partner/offerings/P-A-1/suggestions").text
    forged = partner.post(
        "/partner/offerings/P-A-2/broker", data={"ref": ref}, follow_redirects=True
    )
    assert "tidak lagi ada" in forged.text
    login_as("partner_b").post("/partner/offerings/P-A-1/broker", data={"ref": ref})
    consultant = login_as("consultant")
    consultant.post(
        f"/consultant/introductions/{intro}/status",
        data={"status": "proposed", "pitch": "Usaha amplang di Sambas."},
    )
    assert _heard(app)[-2:] == [
        (world["partner_a"], "introduction_proposed_partner"),
        (world["msme_a"], "introduction_proposed_msme"),
    ]
    assert owner.get(f"/msme/introductions/{intro}").status_code == 200


def test_a_partner_withdraws_its_own_broker_request_before_the_centre_decides(app, world, login_as):
    partner, ref = _broker(login_as)
    intro = _intro_id(app)
    assert "Tarik permintaan" in partner.get(f"/partner/introductions/{intro}").text
    # another partner's users cannot reach it
    assert login_as("partner_b").post(f"/partner/introductions/{intro}/withdraw").status_code == 404
    base = len(_heard(app))
    partner.post(
        f"/partner/introductions/{intro}/withdraw", data={"note": "Kuota kredit bulan ini habis."}
    )
    with app.app_context():
        assert db.session.get(Introduction, intro).status == "withdrawn"
    # the consultants hear who withdrew it; the MSME, who never saw it, hears nothing
    assert _heard(app)[base:] == [(world["consultant"], "introduction_ended")]
    words = _rendered(app, "introduction_ended", world["consultant"])
    assert "ditarik mitra" in words["id"] and "withdrawn by the partner" in words["en"]
    assert "Tarik permintaan" not in partner.get(f"/partner/introductions/{intro}").text
    # the pair may be asked for again, and once a consultant proposed it, the
    # partner answers it and cannot take it back
    partner.post("/partner/offerings/P-A-1/broker", data={"ref": ref})
    login_as("consultant").post(
        f"/consultant/introductions/{intro}/status",
        data={"status": "proposed", "pitch": "Usaha amplang di Sambas."},
    )
    page = partner.get(f"/partner/introductions/{intro}").text
    assert "Terima perkenalan" in page and "Tarik permintaan" not in page
    refused = partner.post(f"/partner/introductions/{intro}/withdraw", follow_redirects=True)
    assert "hanya dapat menarik permintaannya sendiri" in refused.text
    with app.app_context():
        assert db.session.get(Introduction, intro).status == "proposed"


def test_a_declined_broker_request_tells_the_partner_not_the_msme(app, world, login_as):
    _broker(login_as)
    intro = _intro_id(app)
    page = login_as("consultant").get(f"/consultant/introductions/{intro}").text
    assert "meminta PLUT menjembatani" in page
    login_as("consultant").post(
        f"/consultant/introductions/{intro}/status",
        data={"status": "declined", "note": "UMKM sedang tidak mencari kredit."},
    )
    assert _heard(app)[1:] == [(world["partner_a"], "introduction_ended_partner")]
    words = _rendered(app, "introduction_ended_partner", world["partner_a"])
    _no_secrets(words["id"] + words["en"])


def test_suggestions_show_only_real_fits_and_say_how_many(app, world, login_as):
    with app.app_context():
        # An MSME in the region with no need this offering answers and no commodity it names.
        import_document(
            f.document(
                msmes=[
                    f.msme(
                        "M-C",
                        name="Toko Kelontong Sejahtera",
                        regency="Kab. Sambas",
                        needs=[{"field": "hr", "priority": 1, "description": "x"}],
                    )
                ],
                partners=[],
            ),
            actor_label="test",
        )
        db.session.commit()
    page = login_as("partner_b").get("/partner/offerings/P-B-1/suggestions").text
    assert "1 UMKM cocok dengan layanan ini." in page
    assert page.count('class="match"') == 1


# -- digests and saved searches -----------------------------------------------------------------


def test_the_partner_digest_lists_new_fitting_msmes_without_names(app, world):
    now = utcnow() + dt.timedelta(minutes=1)
    with app.test_request_context():
        assert follow_through.partner_digests(now) >= 1
        db.session.commit()
    rows = _rows(app, "digest_partner", world["partner_a"])
    assert len(rows) == 1 and rows[0].email_state == "digest" and rows[0].digest == "weekly"
    words = _rendered(app, "digest_partner", world["partner_a"])
    for lang in ("id", "en"):
        assert "Kredit mesin pengolahan pangan" in words[lang]
        assert "Sambas" in words[lang]
        _no_secrets(words[lang])
    # The next week, with nothing new since the last digest, nobody hears again.
    with app.test_request_context():
        db.session.add(JobRun(name="digest_partners", period="2000-W01", started_at=now))
        db.session.commit()
        assert follow_through.partner_digests(now + 7 * DAY) == 0


def test_the_consultant_digest_lists_new_offerings_for_followed_msmes(app, world, ids):
    with app.app_context():
        db.session.add(Follow(user_id=ids["consultant"], msme_id=_msme_id("M-B")))
        db.session.commit()
    with app.test_request_context():
        assert follow_through.consultant_digests(utcnow() + dt.timedelta(minutes=1)) == 1
        db.session.commit()
    assert _heard(app) == [(world["consultant"], "digest_consultant")]
    words = _rendered(app, "digest_consultant", world["consultant"])
    assert "Kopi Liberika Kayong Makmur: Pembelian kopi liberika petani" in words["en"]


def _msme_id(external_id: str) -> int:
    return db.session.scalar(select(Msme.id).where(Msme.external_id == external_id))


def test_saved_searches_are_saved_listed_alerted_once_and_deleted(app, world, login_as):
    consultant = login_as("consultant")
    assert "Simpan pencarian ini" in consultant.get("/consultant/msmes?q=kopi").text
    consultant.post("/account/searches", data={"kind": "msmes", "q": "kopi", "evil": "x"})
    again = consultant.post(
        "/account/searches", data={"kind": "msmes", "q": "kopi"}, follow_redirects=True
    )
    assert "sudah tersimpan" in again.text
    assert consultant.post("/account/searches", data={"kind": "msmes"}).status_code == 302
    partner = login_as("partner_a")
    partner.post("/account/searches", data={"kind": "suggestions", "offering": "P-A-1"})
    refused = partner.post("/account/searches", data={"kind": "suggestions", "offering": "P-B-1"})
    assert refused.status_code == 302
    assert login_as("msme_a").get("/account/searches").status_code == 403
    with app.app_context():
        saved = {s.kind: s for s in db.session.scalars(select(SavedSearch))}
        assert set(saved) == {"msmes", "suggestions"}
        assert saved["msmes"].query == {"q": "kopi"}
        for search in saved.values():  # saved a week ago
            search.checked_at = utcnow() - 7 * DAY
        search_id = saved["msmes"].id
        db.session.commit()
    listing = consultant.get("/account/searches").text
    assert "kopi" in listing and "/consultant/msmes?q=kopi" in listing
    with app.test_request_context():
        assert follow_through.saved_search_alerts(utcnow()) == 2
        assert saved_searches.alert_all(utcnow()) == 0  # nothing new since
        db.session.commit()
    words = _rendered(app, "saved_search_results", world["consultant"])
    assert "Kopi Liberika Kayong Makmur" in words["id"]
    assert words["path"] == "/consultant/msmes?q=kopi"
    words = _rendered(app, "saved_search_results", world["partner_a"])
    assert words["path"] == "/partner/offerings/P-A-1/suggestions"
    for lang in ("id", "en"):
        assert "Sambas" in words[lang]
        _no_secrets(words[lang])
    assert partner.post(f"/account/searches/{search_id}/delete").status_code == 404
    consultant.post(f"/account/searches/{search_id}/delete")
    with app.app_context():
        assert db.session.get(SavedSearch, search_id) is None
