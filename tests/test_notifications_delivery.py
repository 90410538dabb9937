"""Delivering notifications: the worker, e-mail (SMTP and the development mailbox),
retries and dead letters, digests, one-click unsubscribe, the in-app list and
preferences, and self-service password reset."""

from __future__ import annotations

import datetime as dt
import email
import re
import threading
from email import policy

import pytest
from sqlalchemy import func, select

from tests import world
from tests.smtp_server import local_smtp
from web.edge import side_session, unit_of_work
from web.extensions import db
from web.models import DevMail, JobRun, Msme, Notification, Offering, OneTimeToken, User
from web.services import delivery, introductions, jobs, mail, notifications
from web.worker import deliver_batch, one_pass, run_jobs

MONDAY = dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


class Failing:
    """A transport whose server refuses every message."""

    def __init__(self) -> None:
        self.tries = 0

    def send(self, msg) -> None:
        self.tries += 1
        raise mail.MailError("SMTPRecipientsRefused: 451 try later")

    def close(self) -> None:
        pass


class Recording:
    def __init__(self) -> None:
        self.sent: list = []

    def send(self, msg) -> None:
        self.sent.append(msg)

    def close(self) -> None:
        pass


@pytest.fixture
def users(app):
    with app.app_context():
        return {name: user.id for name, user in world.build().items()}


def propose(offering: str = "P-A-1", msme: str = "M-A") -> None:
    consultant = db.session.scalar(select(User).where(User.role == "consultant"))
    with unit_of_work():
        introductions.start(
            db.session.scalar(select(Msme).where(Msme.external_id == msme)),
            db.session.scalar(select(Offering).where(Offering.external_id == offering)),
            consultant,
            None,
            pitch="UMKM amplang di Sambas.",
        )


def login(client, address: str, password: str = world.PASSWORD):
    client.post("/logout")
    return world.login(client, address, password)


def bell(html: str) -> str:
    """The text of the header's notifications link (its accessible name)."""
    link = re.search(r'<a class="notif-link".*?</a>', html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", link).split())


def mailbox() -> list[email.message.EmailMessage]:
    with side_session() as session:
        raws = session.scalars(select(DevMail.raw).order_by(DevMail.id)).all()
    return [email.message_from_string(raw, policy=policy.default) for raw in raws]


def parts(msg) -> dict[str, str]:
    return {p.get_content_type(): p.get_content() for p in msg.walk() if not p.is_multipart()}


def row_of(kind: str) -> Notification:
    db.session.expire_all()
    return db.session.scalar(select(Notification).where(Notification.kind == kind))


# --- the worker and the development mailbox ---------------------------------------------


def test_a_proposal_reaches_the_development_mailbox_as_it_would_be_sent(app, users):
    app.config.update(CENTRE_NAME="PLUT-KUMKM Contoh", PUBLIC_URL="https://jejaring.example")
    with app.test_request_context("/"):
        db.session.get(User, users["partner_a"]).locale = "en"
        db.session.commit()
        propose()
        assert mailbox() == []  # nothing leaves before the worker runs
        result = one_pass(mail.transport())
        assert result.sent == 2
        sent = {str(m["To"].addresses[0].addr_spec): m for m in mailbox()}
        partner = sent["a@bank.example"]
        body = parts(partner)
        assert set(body) == {"text/plain", "text/html"}
        assert partner["Subject"].strip().startswith("New introduction")  # the partner's locale
        assert partner["Content-Language"] == "en"
        row = row_of("introduction_proposed_partner")
        link = f"https://jejaring.example/partner/introductions/{row.params['intro']}"
        for text in body.values():
            assert link in text and "PLUT-KUMKM Contoh" in text
            assert world.MSME_A["name"] not in text
            for secret in world.MSME_A["contact"].values():
                assert secret not in text
        assert partner["Message-ID"] == row.message_id and row.email_state == "sent"
        assert partner["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert re.fullmatch(
            r"<https://jejaring\.example/notifications/unsubscribe/[^>]+>",
            partner["List-Unsubscribe"],
        )
        msme = sent["owner@amplang.example"]
        assert "Konsultan mengusulkan" in msme["Subject"]  # the default locale, Indonesian
        # A second pass sends nothing more.
        assert one_pass(mail.transport()).sent == 0
        assert len(mailbox()) == 2


def test_a_security_message_has_no_unsubscribe_header(app, users):
    with app.test_request_context("/"):
        with unit_of_work():
            from web.services import onetime_links

            onetime_links.request_reset("a@bank.example")
        one_pass(mail.transport())
        (msg,) = mailbox()
        assert msg["List-Unsubscribe"] is None and msg["List-Unsubscribe-Post"] is None


def test_an_account_disabled_before_sending_gets_no_email(app, users):
    with app.test_request_context("/"):
        propose()
        with unit_of_work():
            db.session.get(User, users["partner_a"]).active = False
        assert one_pass(mail.transport()).sent == 1
        assert [str(m["To"].addresses[0].addr_spec) for m in mailbox()] == ["owner@amplang.example"]
        assert row_of("introduction_proposed_partner").email_state == "none"


def test_a_stopping_worker_ends_after_the_message_in_hand(app, users):
    stop = threading.Event()

    class StopAfterOne(Recording):
        def send(self, msg) -> None:
            super().send(msg)
            stop.set()  # SIGTERM arrives while this message is being sent

    with app.test_request_context("/"):
        propose()
        transport = StopAfterOne()
        result = one_pass(transport, stop=stop)
        assert (result.claimed, result.sent) == (2, 1) and len(transport.sent) == 1
        sent = db.session.scalars(
            select(Notification).where(Notification.email_state == "sent")
        ).all()
        assert [row.message_id for row in sent] == [transport.sent[0]["Message-ID"]]


def test_the_worker_command_delivers_and_says_how_many(app, users, runner):
    with app.test_request_context("/"):
        propose()
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert "Sent 2, failed 0" in result.output
    with app.app_context():
        assert len(mailbox()) == 2


def test_the_admin_reads_the_mailbox_and_one_message_with_its_parts(app, users, client):
    with app.test_request_context("/"):
        propose()
        one_pass(mail.transport())
    login(client, "admin@plut.example")
    listing = client.get("/admin/mailbox").get_data(as_text=True)
    assert "Usulan perkenalan baru untuk layanan" in listing
    with app.app_context():
        first = db.session.scalar(select(DevMail.id).order_by(DevMail.id))
    page = client.get(f"/admin/mailbox/{first}").get_data(as_text=True)
    assert "text/plain" in page and "text/html" in page and "Message-ID" in page
    assert "List-Unsubscribe=One-Click" in page
    html = client.get(f"/admin/mailbox/{first}/html")
    assert html.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in html.headers["Content-Security-Policy"]
    assert b"<!doctype html>" in html.data and b"Lihat dan jawab perkenalan" in html.data
    login(client, "konsultan@plut.example")
    assert client.get("/admin/mailbox").status_code == 403


# --- SMTP -----------------------------------------------------------------------------


def test_mail_url_settings():
    s = mail.parse_mail_url("smtp://u%40x:p%2Fw@mail.example:587?starttls=1")
    assert (s.host, s.port, s.tls, s.username, s.password) == (
        "mail.example",
        587,
        "starttls",
        "u@x",
        "p/w",
    )
    assert mail.parse_mail_url("smtps://mail.example").port == 465
    assert mail.parse_mail_url("smtp://mail.example").tls == "none"
    with pytest.raises(ValueError, match="smtp://"):
        mail.parse_mail_url("http://mail.example")


@pytest.fixture
def smtp_server():
    with local_smtp() as server:
        yield server


def test_messages_go_out_through_smtp(app, users, smtp_server):
    url, received = smtp_server
    app.config["MAIL_URL"] = url
    with app.test_request_context("/"):
        propose()
        transport = mail.transport()
        assert one_pass(transport).sent == 2
        transport.close()
    assert sorted(str(m["To"].addresses[0].addr_spec) for m in received) == [
        "a@bank.example",
        "owner@amplang.example",
    ]
    assert all(set(parts(m)) == {"text/plain", "text/html"} for m in received)
    with app.app_context():
        assert mailbox() == []


# --- retries, dead letters, crashes ---------------------------------------------------


def test_failed_sends_back_off_then_die_and_an_admin_retries(app, users, client):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_SECONDS=60)
    clock = Clock(MONDAY)
    with app.test_request_context("/"):
        propose()
        failing = Failing()
        assert deliver_batch(failing, clock).failed == 2
        row = row_of("introduction_proposed_partner")
        assert row.attempts == 1 and row.email_state == "pending"
        assert row.next_attempt_at.replace(tzinfo=dt.UTC) == MONDAY + dt.timedelta(seconds=60)
        assert deliver_batch(failing, clock).failed == 0  # not due yet
        clock.now += dt.timedelta(seconds=60)
        deliver_batch(failing, clock)
        row = row_of("introduction_proposed_partner")
        assert row.next_attempt_at.replace(tzinfo=dt.UTC) == clock.now + dt.timedelta(seconds=120)
        clock.now += dt.timedelta(seconds=120)
        deliver_batch(failing, clock)
        row = row_of("introduction_proposed_partner")
        assert row.email_state == "dead" and row.attempts == 3
        assert "451 try later" in row.last_error
        clock.now += dt.timedelta(days=30)
        assert deliver_batch(failing, clock).failed == 0  # dead stays dead
        message_id, row_id = row.message_id, row.id

    login(client, "admin@plut.example")
    page = client.get("/admin/mail").get_data(as_text=True)
    assert "a@bank.example" in page and "451 try later" in page
    assert client.post(f"/admin/mail/{row_id}/retry").status_code == 302
    with app.test_request_context("/"):
        recording = Recording()
        deliver_batch(recording, Clock(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)))
        assert [m["Message-ID"] for m in recording.sent if "bank" in str(m["To"])] == [message_id]
        assert row_of("introduction_proposed_partner").email_state == "sent"
    assert "a@bank.example" not in client.get("/admin/mail").get_data(as_text=True)


def test_a_worker_killed_after_sending_resends_only_that_message_with_its_message_id(app, users):
    clock = Clock(MONDAY)
    with app.test_request_context("/"):
        propose()
        with unit_of_work():
            claimed = delivery.claim_due(clock(), limit=1)
        msg = delivery.compose(claimed[0])
        sent_once = msg["Message-ID"]
        db.session.rollback()
        # ... the process dies here, after handing the message over, before marking it.
        recording = Recording()
        assert deliver_batch(recording, clock).sent == 1  # only the other message
        assert deliver_batch(recording, clock).sent == 0  # the lease holds the first
        clock.now += delivery.LEASE
        assert deliver_batch(recording, clock).sent == 1
        assert recording.sent[-1]["Message-ID"] == sent_once


# --- digests --------------------------------------------------------------------------


def test_a_daily_digest_bundles_waiting_notifications_into_one_email(app, users):
    today = dt.datetime.now(dt.UTC)
    # Tomorrow at noon: five minutes later is still the same hour and day, whenever the
    # test runs (near midnight "now + 1 day + 5 min" would start another day's jobs).
    tomorrow = (today + dt.timedelta(days=1)).replace(hour=12, minute=0, second=0)
    with app.test_request_context("/"):
        run_jobs(today)  # today's digest has gone out already
        msme = db.session.get(User, users["msme_a"])
        with unit_of_work():
            notifications.set_preference(msme, "introduction_proposed_msme", "daily")
        propose("P-A-1")
        propose("P-B-1")
        # (the clock from after the proposals: on a loaded machine they may come
        # more than a second after ``today``, and not be due yet at today + 1 s)
        one_pass(mail.transport(), Clock(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)))
        # The partners are told at once; the MSME waits for tomorrow's digest.
        assert {str(m["To"].addresses[0].addr_spec) for m in mailbox()} == {
            "a@bank.example",
            "b@kopi.example",
        }
        assert run_jobs(tomorrow) >= 1
        assert db.session.get(JobRun, ("digest_daily", jobs.period_key("daily", tomorrow)))
        one_pass(mail.transport(), Clock(tomorrow))
        digests = [m for m in mailbox() if "amplang" in str(m["To"])]
        assert len(digests) == 1
        text = parts(digests[0])["text/plain"]
        assert "Bank Perkreditan Kapuas Sejahtera" in text
        assert "Koperasi Pemasaran Kopi Borneo" in text
        assert "2 pemberitahuan" in digests[0]["Subject"]
        assert digests[0]["List-Unsubscribe"] is not None
        # Later the same day: the job has run; nothing more is sent.
        assert run_jobs(tomorrow + dt.timedelta(minutes=5)) == 0
        assert one_pass(mail.transport(), Clock(tomorrow + dt.timedelta(minutes=5))).sent == 0
        assert (
            db.session.scalar(
                select(func.count()).select_from(JobRun).where(JobRun.name == "digest_daily")
            )
            == 2
        )
        # The digest is not an entry of its own in the app; the two items are.
        assert notifications.unread_count(msme) == 2


# --- one-click unsubscribe ------------------------------------------------------------


def test_one_click_unsubscribe_needs_no_login_nor_csrf_and_keeps_the_app_entry(app, users):
    app.config["WTF_CSRF_ENABLED"] = True
    with app.test_request_context("/"):
        propose()
        one_pass(mail.transport())
        partner_mail = next(m for m in mailbox() if "bank" in str(m["To"]))
    url = partner_mail["List-Unsubscribe"].strip("<>")
    path = url.split("127.0.0.1:5000", 1)[1]
    client = app.test_client()
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Notification))
    page = client.get(path)
    assert page.status_code == 200 and b"<form" in page.data
    with app.app_context():  # showing the button changes nothing
        assert db.session.scalar(select(func.count()).select_from(Notification)) == before
        kept = notifications.preferences_of(db.session.get(User, users["partner_a"]))
        assert kept["introduction_proposed_partner"] == "email"
    answer = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert answer.status_code == 200
    with app.test_request_context("/"):
        partner = db.session.get(User, users["partner_a"])
        assert notifications.preferences_of(partner)["introduction_proposed_partner"] == "in_app"
        propose("P-A-2")
        row = db.session.scalar(
            select(Notification)
            .where(Notification.user_id == partner.id)
            .order_by(Notification.id.desc())
        )
        assert row.email_state == "none"  # still in the app, no e-mail
    # A forged or altered token does nothing.
    assert client.post(path[:-3] + "xyz").status_code == 404
    assert client.post("/notifications/unsubscribe/" + "a" * 600).status_code == 404


# --- in-app list and preferences -------------------------------------------------------


def test_the_list_shows_newest_first_with_the_unread_count_and_opening_marks_read(
    app, users, client
):
    with app.test_request_context("/"):
        propose("P-A-1")
        propose("P-A-2")
    login(client, "a@bank.example")
    home = client.get("/partner/").get_data(as_text=True)
    assert bell(home) == "Pemberitahuan 2 belum dibaca"
    page = client.get("/notifications").get_data(as_text=True)
    titles = re.findall(r"<strong>(Usulan perkenalan baru untuk layanan [^<]+)</strong>", page)
    assert len(titles) == 2
    with app.app_context():
        newest, oldest = db.session.scalars(
            select(Notification)
            .where(Notification.kind == "introduction_proposed_partner")
            .order_by(Notification.id.desc())
        ).all()
        offering_newest = newest.params["offering"]
    assert offering_newest in titles[0]
    opened = client.get(f"/notifications/{oldest.id}")
    assert opened.status_code == 302
    assert opened.headers["Location"] == f"/partner/introductions/{oldest.params['intro']}"
    assert bell(client.get("/notifications").get_data(as_text=True)) == (
        "Pemberitahuan 1 belum dibaca"
    )
    # Someone else's entry is not found, and reads nothing.
    login(client, "b@kopi.example")
    assert client.get(f"/notifications/{newest.id}").status_code == 404
    login(client, "a@bank.example")
    client.post("/notifications/read-all")
    page = client.get("/notifications").get_data(as_text=True)
    assert bell(page) == "Pemberitahuan" and "Semua sudah dibaca" in page


def test_every_role_has_the_list(app, users, client):
    for address in (
        "konsultan@plut.example",
        "admin@plut.example",
        "a@bank.example",
        "owner@amplang.example",
    ):
        login(client, address)
        page = client.get("/notifications")
        assert page.status_code == 200 and b"Belum ada pemberitahuan" in page.data
    client.post("/logout")
    assert client.get("/notifications").status_code == 302  # to the login page


def test_preferences_offer_the_kinds_of_the_role_and_are_saved(app, users, client):
    login(client, "a@bank.example")
    page = client.get("/notifications/preferences").get_data(as_text=True)
    assert 'name="kind-introduction_proposed_partner"' in page
    assert "introduction_proposed_msme" not in page  # an MSME's kind
    assert "password_reset" not in page
    assert (
        client.post(
            "/notifications/preferences",
            data={"kind-introduction_proposed_partner": "weekly"},
        ).status_code
        == 302
    )
    with app.test_request_context("/"):
        partner = db.session.get(User, users["partner_a"])
        chosen = notifications.preferences_of(partner)
        assert chosen["introduction_proposed_partner"] == "weekly"
        assert chosen["introduction_note"] == "email"  # not in the form: its default kept
        propose()
        assert row_of("introduction_proposed_partner").email_state == "digest"
    answer = client.post(
        "/notifications/preferences", data={"kind-introduction_proposed_partner": "loud"}
    )
    assert answer.status_code == 400
    with app.test_request_context("/"):
        kept = notifications.preferences_of(db.session.get(User, users["partner_a"]))
        assert (
            kept["introduction_proposed_partner"] == "weekly"
        )  # the refused choice changed nothing


# --- self-service password reset ----------------------------------------------------


def test_forgot_password_answers_the_same_and_mails_a_single_use_link(app, users, client):
    login_page = client.get("/login").get_data(as_text=True)
    assert 'href="/lupa-kata-sandi"' in login_page and "Lupa kata sandi?" in login_page
    known = client.post("/lupa-kata-sandi", data={"email": "A@bank.example"}, follow_redirects=True)
    unknown = client.post(
        "/lupa-kata-sandi", data={"email": "nobody@nowhere.example"}, follow_redirects=True
    )
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r'name="csrf_token"[^>]*>')
    assert strip.sub("", known.get_data(as_text=True)) == strip.sub(
        "", unknown.get_data(as_text=True)
    )
    with app.test_request_context("/"):
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 1
        assert notifications.unread_count(db.session.get(User, users["partner_a"])) == 0
        one_pass(mail.transport())
        row = row_of("password_reset")
        assert row.email_state == "sent" and row.endpoint_args == {}  # the link is not kept
        (msg,) = mailbox()
    link = re.search(r"http://127\.0\.0\.1:5000(/password/[\w-]+)", parts(msg)["text/plain"])
    path = link.group(1)
    new = "kata-sandi-baru-yang-panjang"
    assert client.post(path, data={"password": new, "confirm": new}).status_code == 302
    assert client.get(path).status_code == 404  # single use
    assert login(client, "a@bank.example", new).status_code == 302


def test_forgot_password_sends_at_most_three_links_an_hour(app, users, client):
    for _ in range(5):
        client.post("/lupa-kata-sandi", data={"email": "a@bank.example"})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OneTimeToken)) == 3
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 3


def test_forgot_password_is_rate_limited_like_login(app, users):
    from web import create_app
    from web.security import AUTH_LIMIT

    client = create_app(dict(app.config, RATELIMIT_ENABLED=True)).test_client()
    limit = int(AUTH_LIMIT.split()[0])
    codes = [
        client.post("/lupa-kata-sandi", data={"email": "x@y.example"}).status_code
        for _ in range(limit + 1)
    ]
    assert codes == [302] * limit + [429]
    assert client.get("/lupa-kata-sandi").status_code == 200
