"""One-time links for password reset and invitations. Only a hash is stored,
so a leaked database does not leak usable links. (Personal API tokens are
another thing: ``api_tokens``.)

Lifecycle rules (docs/security.md lists them with their tests): issuing or
using a link never changes whether the account is active; a link of a
disabled account does not work, and disabling voids every outstanding link;
using one link voids the user's other links; only admins issue links for staff
accounts (consultant, admin), consultants for partner and MSME users.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ..extensions import db
from ..models import OneTimeToken, User, utcnow
from . import api_tokens, audit
from .errors import DomainError

LIFETIME = dt.timedelta(hours=72)
# Self-service reset ("Lupa kata sandi?"): at most this many links per account per window,
# so the form cannot flood someone's mailbox; past it the answer is the same and nothing is sent.
SELF_SERVICE_PER_WINDOW = 3
SELF_SERVICE_WINDOW = dt.timedelta(hours=1)
STAFF_ROLES = ("consultant", "admin")
NOT_VALID = _l(
    "Tautan ini tidak berlaku lagi: sudah dipakai, kedaluwarsa, digantikan tautan "
    "lain, atau akunnya dinonaktifkan. Minta tautan baru ke konsultan PLUT."
)


class LinkError(DomainError):
    """A link that cannot be used (any more); the message says so."""

    code = "not_found"
    status = 404


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def may_issue(issuer: User, user: User) -> bool:
    """Whether ``issuer`` may issue a set-password link for ``user``."""
    if issuer.role == "admin":
        return True
    return issuer.role == "consultant" and user.role not in STAFF_ROLES


def issue_link(user: User, purpose: str, created_by: User | None) -> str:
    """Create a one-time link token for ``user``; returns the raw token for the link."""
    raw = secrets.token_urlsafe(32)
    db.session.add(
        OneTimeToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=_hash(raw),
            expires_at=utcnow() + LIFETIME,
            created_by_id=created_by.id if created_by else None,
        )
    )
    audit.record(
        "create",
        "token",
        user.email,
        after={"purpose": purpose},
        actor_id=created_by.id if created_by else None,
    )
    return raw


def find_valid(raw: str) -> OneTimeToken | None:
    """The unused, unexpired token for ``raw``, or ``None``."""
    token = db.session.scalar(select(OneTimeToken).where(OneTimeToken.token_hash == _hash(raw)))
    if token is None or token.used_at is not None or not token.user.active:
        return None
    expires = token.expires_at
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=dt.UTC)
    return token if expires > utcnow() else None


def use(token: OneTimeToken) -> bool:
    """Mark ``token`` used and void the user's other links; False if it was used
    meanwhile (by a concurrent request: the conditional update lets only one win)."""
    now = utcnow()
    won = db.session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.id == token.id, OneTimeToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if won.rowcount != 1:
        return False
    void_all(token.user, now)
    return True


def void_all(user: User, when: dt.datetime | None = None) -> int:
    """Void every outstanding link of ``user`` (on disabling, or once one link was used)."""
    result = db.session.execute(
        update(OneTimeToken)
        .where(OneTimeToken.user_id == user.id, OneTimeToken.used_at.is_(None))
        .values(used_at=when or utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def set_password(token: OneTimeToken, password_hash: str, keep_api_tokens: bool) -> None:
    """Set the user's password through ``token`` and end what the old password let in.

    Every browser session (and pending two-step login) of the user ends; the
    user's API tokens are revoked unless they chose to keep them. ``active`` is
    left as it is. Raises ``LinkError`` when the link was used meanwhile.
    """
    if not use(token):
        raise LinkError(NOT_VALID)
    user = token.user
    user.password_hash = password_hash
    user.end_all_sessions()
    revoked = 0 if keep_api_tokens else api_tokens.revoke_all(user)
    audit.record(
        "update",
        "user",
        user.email,
        after={"password": "changed", "sessions": "ended", "api_tokens_revoked": revoked},
        actor_id=user.id,
    )


def _recent_self_service(user_id: int, now: dt.datetime) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(OneTimeToken)
        .where(
            OneTimeToken.user_id == user_id,
            OneTimeToken.purpose == "reset",
            OneTimeToken.created_by_id.is_(None),
            OneTimeToken.created_at > now - SELF_SERVICE_WINDOW,
        )
    )


def request_reset(email: str) -> None:
    """Self-service password reset: e-mail an active account a one-time link.

    The caller answers the same whatever happens here, and the work is the same
    whether or not the address has an account (a token is made and hashed and
    the recent links are counted either way; the e-mail itself leaves later,
    from the worker), so neither the answer nor its time tells who has one.
    """
    from . import accounts, notifications

    now = utcnow()
    user = accounts.find_user(email)
    raw = secrets.token_urlsafe(32)
    _hash(raw)
    known = user is not None and user.active
    recent = _recent_self_service(user.id if known else -1, now)
    if not known or recent >= SELF_SERVICE_PER_WINDOW:
        return
    db.session.add(
        OneTimeToken(
            user_id=user.id,
            purpose="reset",
            token_hash=_hash(raw),
            created_at=now,
            expires_at=now + LIFETIME,
            created_by_id=None,
        )
    )
    audit.record(
        "create", "token", user.email, after={"purpose": "reset"}, actor_label="self-service"
    )
    notifications.notify(user, "password_reset", {}, "auth.set_password", {"token": raw})
