"""Delivering the outbox: pending e-mails claimed, sent, and marked; digests bundled.

The worker (``web/worker.py``) calls these, each step in its own unit of work:

1. :func:`claim_due` takes a batch of due ``pending`` rows. On PostgreSQL it
   locks them with ``FOR UPDATE SKIP LOCKED`` so that concurrent workers take
   different rows, and it moves each row's ``next_attempt_at`` a lease ahead
   and fixes its Message-ID before committing. A worker killed after sending
   and before marking leaves the row pending: after the lease another worker
   sends that one message again, with the same Message-ID.
2. :func:`compose` builds the message; the transport sends it.
3. :func:`mark_sent` or :func:`mark_failed` (exponential backoff; ``dead``
   with the last error after the final attempt).

SQLite has no row locks: there, one worker at a time is correct.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import func, select, update

from ..extensions import db
from ..models import Notification, User, utcnow
from . import audit, mail
from .jobs import periodic
from .notifications import KINDS, locale_of, render

LEASE = dt.timedelta(minutes=5)
BATCH = 20
DIGEST_KIND = "digest"
# One-click unsubscribe of a digest moves every kind on that digest to in-app only.
DIGEST_UNSUBSCRIBE = {"daily": "@daily", "weekly": "@weekly"}


def _postgres() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def claim_due(now: dt.datetime, limit: int = BATCH) -> list[int]:
    """Claim up to ``limit`` due messages for this worker (commit to hold the lease)."""
    stmt = (
        select(Notification)
        .where(Notification.email_state == "pending", Notification.next_attempt_at <= now)
        .order_by(Notification.next_attempt_at, Notification.id)
        .limit(limit)
    )
    if _postgres():
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list(db.session.scalars(stmt))
    for row in rows:
        row.next_attempt_at = now + LEASE
        if row.message_id is None:
            row.message_id = mail.new_message_id()
    return [row.id for row in rows]


def _sections(row: Notification, locale: str) -> list[mail.Section]:
    if row.kind != DIGEST_KIND:
        text = render(row, locale)
        return [
            mail.Section(text.subject, text.paragraphs, text.action, mail.public_url(text.path))
        ]
    items = db.session.scalars(
        select(Notification)
        .where(Notification.id.in_(row.params.get("items", [])))
        .order_by(Notification.created_at, Notification.id)
    )
    sections = []
    for item in items:
        text = render(item, locale)
        sections.append(
            mail.Section(text.subject, text.paragraphs, text.action, mail.public_url(text.path))
        )
    return sections


def compose(notification_id: int) -> EmailMessage | None:
    """The e-mail of a claimed row, or None when it is no longer pending."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.email_state != "pending" or not row.user.active:
        return None
    user = row.user
    locale = locale_of(user)
    kind = KINDS[row.kind]
    sections = _sections(row, locale)
    subject = render(row, locale).subject
    if row.kind == DIGEST_KIND:
        unsubscribe = DIGEST_UNSUBSCRIBE.get(row.params.get("period", ""))
    else:
        unsubscribe = row.kind if kind.optional else None
    return mail.build(user, locale, row.message_id, subject, sections, unsubscribe)


def drop_if_disabled(notification_id: int) -> bool:
    """A pending message whose recipient was disabled meanwhile is not sent: it stays
    in the app only (and a one-time link in it is removed)."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.email_state != "pending" or row.user.active:
        return False
    row.email_state, row.next_attempt_at = "none", None
    _scrub(row)
    return True


def _scrub(row: Notification) -> None:
    if KINDS[row.kind].scrub:
        row.params, row.endpoint, row.endpoint_args = {}, "", {}


def mark_sent(notification_id: int, now: dt.datetime) -> None:
    row = db.session.get(Notification, notification_id)
    row.email_state, row.sent_at, row.next_attempt_at = "sent", now, None
    row.attempts += 1
    _scrub(row)


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failure: the base, doubled each time."""
    base = current_app.config["MAIL_RETRY_SECONDS"]
    return dt.timedelta(seconds=base * 2 ** (attempts - 1))


def mark_failed(notification_id: int, error: str, now: dt.datetime) -> None:
    """Count a failed attempt: retry later, or ``dead`` after the final attempt."""
    row = db.session.get(Notification, notification_id)
    row.attempts += 1
    row.last_error = error[:2000]
    if row.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        row.email_state, row.next_attempt_at = "dead", None
        _scrub(row)
    else:
        row.next_attempt_at = now + backoff(row.attempts)


def failed(limit: int = 200) -> list[Notification]:
    """Messages that failed at least once and are not sent: dead first, then retrying."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(
                Notification.email_state.in_(("dead", "pending")),
                Notification.last_error.is_not(None),
            )
            .order_by(Notification.email_state, Notification.id.desc())
            .limit(limit)
        )
    )


def retry(notification_id: int, actor: User, now: dt.datetime | None = None) -> bool:
    """Send a failed message again at once, with a fresh count of attempts.
    False when it is not a failed message (or its link was scrubbed)."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.last_error is None or row.email_state not in ("dead", "pending"):
        return False
    if KINDS[row.kind].scrub and not row.endpoint:
        return False  # a one-time link is gone once dead: the user asks for a new one
    row.email_state, row.attempts, row.next_attempt_at = "pending", 0, now or utcnow()
    audit.record("update", "notification", str(row.id), after={"email": "retry"}, actor_id=actor.id)
    return True


def outbox_counts() -> dict[str, int]:
    return dict(
        db.session.execute(
            select(Notification.email_state, func.count()).group_by(Notification.email_state)
        ).all()
    )


# --- digests ------------------------------------------------------------------------------


def bundle_digests(period: str, now: dt.datetime) -> int:
    """One digest e-mail per user for every notification waiting for their ``period``
    digest (daily or weekly); returns how many digests were queued."""
    rows = db.session.scalars(
        select(Notification)
        .where(
            Notification.email_state == "digest",
            Notification.digest == period,
            Notification.created_at <= now,
        )
        .order_by(Notification.user_id, Notification.id)
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for row in rows:
        by_user[row.user_id].append(row)
    for user_id, items in by_user.items():
        digest = Notification(
            user_id=user_id,
            kind=DIGEST_KIND,
            params={"items": [r.id for r in items], "period": period, "count": len(items)},
            endpoint="notifications.index",
            endpoint_args={},
            created_at=now,
            read_at=now,
            email_state="pending",
            next_attempt_at=now,
            message_id=mail.new_message_id(),
        )
        db.session.add(digest)
        db.session.execute(
            update(Notification)
            .where(Notification.id.in_([r.id for r in items]))
            .values(email_state="sent", message_id=digest.message_id)
            .execution_options(synchronize_session=False)
        )
    return len(by_user)


@periodic("digest_daily", "daily")
def daily_digest(now: dt.datetime) -> int:
    return bundle_digests("daily", now)


@periodic("digest_weekly", "weekly")
def weekly_digest(now: dt.datetime) -> int:
    return bundle_digests("weekly", now)
