"""Several workers on one PostgreSQL database: every message is delivered exactly
once to a real SMTP server, and each periodic job runs once per period."""

from __future__ import annotations

import collections
import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import world
from tests.smtp_server import local_smtp
from web.edge import unit_of_work
from web.extensions import db
from web.models import JobRun, Notification
from web.services import notifications

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 300


@pytest.fixture
def slow_smtp():
    """An SMTP server that takes 10 ms per message, so that two workers overlap."""
    with local_smtp(delay=0.01) as server:
        yield server


def test_two_workers_deliver_every_message_exactly_once(app, database_url, slow_smtp, tmp_path):
    if not database_url.startswith("postgresql"):
        pytest.skip("several workers need PostgreSQL (row locks with SKIP LOCKED)")
    url, received = slow_smtp
    with app.test_request_context("/"):
        users = world.build()
        everyone = list(users.values())
        with unit_of_work():
            for n in range(MESSAGES):
                notifications.notify(
                    everyone[n % len(everyone)],
                    "introduction_proposed_partner",
                    {"offering": f"Layanan {n}", "intro": n},
                    "partner.inbox",
                )
            # Two users wait for their daily digest: the job must bundle them once.
            for user in (users["partner_a"], users["msme_a"]):
                row = notifications.notify(
                    user,
                    "introduction_proposed_partner",
                    {"offering": "X", "intro": 1},
                    "partner.inbox",
                )
                row.email_state, row.digest, row.next_attempt_at = "digest", "daily", None
        expected = {
            n.id
            for n in db.session.scalars(
                select(Notification).where(Notification.email_state == "pending")
            )
        }
        assert len(expected) == MESSAGES
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        MAIL_URL=url,
        JEJARING_INSTANCE_PATH=str(tmp_path / "instance"),
        SECRET_KEY="test-secret",
    )
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--once"]
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=120)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    ids = [str(m["Message-ID"]) for m in received]
    duplicates = [i for i, count in collections.Counter(ids).items() if count > 1]
    assert duplicates == []
    with app.app_context():
        db.session.expire_all()
        rows = db.session.scalars(select(Notification).where(Notification.id.in_(expected)))
        stored = {row.message_id for row in rows if row.email_state == "sent"}
        assert len(stored) == MESSAGES and stored <= set(ids)
        digests = db.session.scalars(select(Notification).where(Notification.kind == "digest"))
        assert sorted(d.user.email for d in digests) == ["a@bank.example", "owner@amplang.example"]
        today = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
        assert db.session.get(JobRun, ("digest_daily", today)) is not None
    assert len(ids) == MESSAGES + 2
    # Both workers did part of the work: they ran at the same time.
    sent = [int(out.split("Sent ")[1].split(",")[0]) for out in outputs]
    assert sum(sent) == MESSAGES + 2 and min(sent) > 0, outputs


def test_a_second_worker_skips_the_rows_the_first_is_claiming(app, database_url):
    """While one worker's claim is still open (rows locked, not yet committed), a
    second worker claims other rows at once: not the same ones, and without waiting."""
    if not database_url.startswith("postgresql"):
        pytest.skip("row locks with SKIP LOCKED are PostgreSQL's")
    from web.edge import transaction
    from web.models import utcnow
    from web.services import delivery

    with app.test_request_context("/"):
        partner = world.build()["partner_a"]
        with unit_of_work():
            for n in range(10):
                notifications.notify(
                    partner, "introduction_proposed_partner", {"offering": str(n), "intro": n}, ""
                )
    now = utcnow()
    second: list[int] = []

    def other_worker() -> None:
        with app.app_context(), transaction():
            second.extend(delivery.claim_due(now, 10))

    with app.app_context():
        with transaction():
            first = delivery.claim_due(now, 4)  # locked until this block commits
            thread = threading.Thread(target=other_worker)
            thread.start()
            thread.join(timeout=20)
            assert not thread.is_alive(), "the second worker waited for the first one's rows"
        assert len(first) == 4 and len(second) == 6
        assert set(first).isdisjoint(second)
