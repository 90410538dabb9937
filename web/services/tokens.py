"""One-time links for password reset and invitations. Only a hash is stored,
so a leaked database does not leak usable links."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select

from ..extensions import db
from ..models import OneTimeToken, User, utcnow
from . import audit

LIFETIME = dt.timedelta(hours=72)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue(user: User, purpose: str, created_by: User | None) -> str:
    """Create a one-time token for ``user``; returns the raw token for the link."""
    raw = secrets.token_urlsafe(32)
    db.session.add(OneTimeToken(
        user_id=user.id, purpose=purpose, token_hash=_hash(raw),
        expires_at=utcnow() + LIFETIME, created_by_id=created_by.id if created_by else None))
    audit.record("create", "token", user.email, after={"purpose": purpose},
                 actor_id=created_by.id if created_by else None)
    return raw


def find_valid(raw: str) -> OneTimeToken | None:
    """The unused, unexpired token for ``raw``, or ``None``."""
    token = db.session.scalar(select(OneTimeToken).where(OneTimeToken.token_hash == _hash(raw)))
    if token is None or token.used_at is not None:
        return None
    expires = token.expires_at
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=dt.UTC)
    return token if expires > utcnow() else None


def consume(token: OneTimeToken) -> None:
    token.used_at = utcnow()
