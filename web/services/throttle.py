"""Per-account login throttling with exponential back-off, counted in the database.

The per-address limit (Flask-Limiter, ``AUTH_LIMIT``) stops one address from
guessing fast; this stops many addresses from guessing one account. Every
wrong password and every wrong two-step code for an account counts against
it, whichever address and whichever worker it came through: after
``FREE_FAILURES`` failures each further attempt must wait 1 s, 2 s, 4 s, …
up to ``MAX_DELAY`` (15 minutes) after the previous failure. A complete login
forgets the failures; so does a day without one.

Why the database and not the rate limiter's storage: the database is the one
store every gunicorn worker is guaranteed to share (the limiter's storage is
per process unless ``RATELIMIT_STORAGE_URI`` names a shared server, and a
forgotten setting would quietly bring back the per-worker count), an
increment is one atomic ``UPDATE``, and the login already depends on the
database, so the throttle adds no new way for logging in to break. The writes
are bounded by the per-address limit; rows older than a day are deleted as
new failures arrive.

The key is derived from the e-mail address typed in, whether or not an
account has it, so the throttle answers the same for unknown addresses and
reveals nothing. Services never commit: the view commits the counter with its
answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math

from flask import current_app
from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import AuthAttempt, aware, utcnow

FREE_FAILURES = 5
MAX_DELAY = 15 * 60  # seconds
FORGET_AFTER = dt.timedelta(days=1)


def now() -> dt.datetime:
    """The current time; tests replace it to move the clock without sleeping."""
    return utcnow()


def hashed_key(prefix: str, value: str) -> str:
    return f"{prefix}:{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()}"


def account_key(email: str) -> str:
    """The counter key for logins to ``email`` (known account or not)."""
    return hashed_key("login", (email or "").strip().lower())


def delay_after(failures: int) -> int:
    """Seconds to wait after the ``failures``-th failure: 0, then 1, 2, 4 … ``MAX_DELAY``."""
    if failures <= FREE_FAILURES:
        return 0
    return min(MAX_DELAY, 2 ** min(failures - FREE_FAILURES - 1, 20))


def enabled() -> bool:
    return bool(current_app.config.get("LOGIN_THROTTLE_ENABLED", True))


def wait_seconds(key: str) -> int:
    """How many seconds the next attempt for ``key`` must still wait (0: go ahead)."""
    if not enabled():
        return 0
    row = db.session.scalar(
        select(AuthAttempt).where(AuthAttempt.key == key).execution_options(populate_existing=True)
    )
    if row is None or row.last_failure_at is None:
        return 0
    last = aware(row.last_failure_at)
    current = now()
    if current - last > FORGET_AFTER:
        return 0
    ready = last + dt.timedelta(seconds=delay_after(row.failures))
    return max(0, math.ceil((ready - current).total_seconds()))


def record_failure(key: str) -> None:
    """Count one failure for ``key``, atomically, across workers."""
    current = now()
    stale = current - FORGET_AFTER
    bump = (
        update(AuthAttempt)
        .where(AuthAttempt.key == key)
        .values(
            failures=case((AuthAttempt.last_failure_at < stale, 1), else_=AuthAttempt.failures + 1),
            last_failure_at=current,
        )
        .execution_options(synchronize_session=False)
    )
    if db.session.execute(bump).rowcount == 0:
        try:
            with db.session.begin_nested():
                db.session.add(
                    AuthAttempt(key=key, failures=1, created_at=current, last_failure_at=current)
                )
        except IntegrityError:  # another worker inserted it first: count on its row
            db.session.execute(bump)
    # Old counters and abandoned two-step logins go away as new failures arrive.
    last_seen = func.coalesce(AuthAttempt.last_failure_at, AuthAttempt.created_at)
    db.session.execute(
        delete(AuthAttempt).where(last_seen < stale).execution_options(synchronize_session=False)
    )


def forget(key: str) -> None:
    """A complete login (or a password set through a link): start counting afresh."""
    db.session.execute(
        delete(AuthAttempt)
        .where(AuthAttempt.key == key)
        .execution_options(synchronize_session=False)
    )


def describe_wait(seconds: int) -> tuple[int, str]:
    """``seconds`` rounded up for a message: (number, 'seconds' or 'minutes')."""
    if seconds < 60:
        return seconds, "seconds"
    return math.ceil(seconds / 60), "minutes"
