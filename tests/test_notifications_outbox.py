"""The notification outbox: a notification is written in the same transaction as
the change that causes it, so a failed change records nothing and a committed
one keeps its notification, whatever happens to the process afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests import world
from web.edge import side_session, unit_of_work
from web.extensions import db
from web.models import Introduction, Msme, Notification, Offering, User
from web.services import introductions, notifications
from web.services.introductions import IntroductionError


@pytest.fixture
def users(app):
    with app.app_context():
        built = world.build()
        return {name: user.id for name, user in built.items()}


def _committed_notifications(app) -> list[tuple[str, str]]:
    """What another connection sees: (recipient e-mail, kind), committed rows only."""
    with app.app_context(), side_session() as session:
        rows = session.execute(
            select(User.email, Notification.kind).join(User).order_by(Notification.id)
        )
        return [tuple(row) for row in rows]


def _propose(app, users, offering="P-A-1"):
    consultant = db.session.get(User, users["consultant"])
    msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
    offering = db.session.scalar(select(Offering).where(Offering.external_id == offering))
    return introductions.start(msme, offering, consultant, None, pitch="UMKM amplang di Sambas.")


def test_a_proposal_notifies_the_partner_and_the_msme_once_committed(app, users):
    with app.test_request_context("/"):
        with unit_of_work("ok") as work:
            _propose(app, users)
            # Not visible to anyone else before the unit of work commits.
            assert _committed_notifications(app) == []
        assert work.ok
    assert _committed_notifications(app) == [
        ("a@bank.example", "introduction_proposed_partner"),
        ("owner@amplang.example", "introduction_proposed_msme"),
    ]


def test_a_change_that_fails_records_no_notification(app, users):
    with app.test_request_context("/"):
        with unit_of_work("ok") as work:
            _propose(app, users)
            db.session.flush()
            raise IntroductionError("stop here")
        assert not work.ok
        assert db.session.scalar(select(func.count()).select_from(Introduction)) == 0
    assert _committed_notifications(app) == []


def test_the_partners_copy_names_the_offering_but_not_the_msme(app, users):
    with app.test_request_context("/"):
        with unit_of_work("ok"):
            _propose(app, users)
        row = db.session.scalar(
            select(Notification).where(Notification.kind == "introduction_proposed_partner")
        )
        assert row.email_state == "pending" and row.next_attempt_at is not None
        for locale in ("id", "en"):
            text = notifications.render(row, locale)
            words = " ".join([text.subject, *text.paragraphs, text.action])
            assert "Kredit mesin pengolahan pangan" in words
            for secret in world.MSME_A["contact"].values():
                assert secret not in words
            assert world.MSME_A["name"] not in words
            assert text.path == f"/partner/introductions/{row.params['intro']}"
        english = notifications.render(row, "en")
        assert english.subject.startswith("New introduction")


def test_the_actor_does_not_notify_themself_and_preferences_are_kept(app, users):
    with app.test_request_context("/"):
        partner = db.session.get(User, users["partner_a"])
        with unit_of_work("ok"):
            notifications.set_preference(partner, "introduction_proposed_partner", "off")
        with unit_of_work("ok"):
            _propose(app, users)
    assert _committed_notifications(app) == [
        ("owner@amplang.example", "introduction_proposed_msme")
    ]


def test_a_disabled_user_hears_nothing_and_unread_counts_and_marks(app, users):
    with app.test_request_context("/"):
        with unit_of_work("ok"):
            db.session.get(User, users["msme_a"]).active = False
        with unit_of_work("ok"):
            _propose(app, users)
        partner = db.session.get(User, users["partner_a"])
        assert notifications.unread_count(partner) == 1
        with unit_of_work("ok"):
            assert notifications.mark_read(partner) == 1
        assert notifications.unread_count(partner) == 0
    assert [email for email, _ in _committed_notifications(app)] == ["a@bank.example"]


def test_unknown_preferences_and_turning_off_security_messages_are_refused(app, users):
    from flask_babel import lazy_gettext as _l

    kind = notifications.Kind(
        name="test_security", subject=_l("x"), body=(), action=_l("x"), optional=False
    )
    notifications.KINDS[kind.name] = kind
    try:
        with app.test_request_context("/"):
            user = db.session.get(User, users["partner_a"])
            with pytest.raises(notifications.NotificationError):
                notifications.set_preference(user, "test_security", "off")
            with pytest.raises(notifications.NotificationError):
                notifications.set_preference(user, "no_such_kind", "email")
            notifications.set_preference(user, "test_security", "email")
    finally:
        del notifications.KINDS[kind.name]


def test_a_periodic_job_is_claimed_once_per_period(app):
    import datetime as dt

    from web.services import jobs

    ran: list[dt.datetime] = []
    job = jobs.Job("test_job", "daily", ran.append)
    monday = dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)
    with app.test_request_context("/"):
        with unit_of_work("ok"):
            assert jobs.claim(job, monday)
            assert not jobs.claim(job, monday.replace(hour=23))
        with unit_of_work("ok"):
            assert not jobs.claim(job, monday)  # committed: still taken
            assert jobs.claim(job, monday + dt.timedelta(days=1))
    assert jobs.period_key("weekly", monday) == "2026-W49"
    assert jobs.period_key("hourly", monday) == "2026-11-30T08"
