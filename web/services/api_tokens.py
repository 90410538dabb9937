"""Personal API tokens: issue, list, revoke, and find the user of a raw token.

Not to be confused with ``onetime_links`` (set-password and invitation links).
The API's request authentication (the ``Authorization`` header, its 401
answers) is ``web.api.token_auth``.

A token is ``jjr_`` followed by 43 random URL-safe characters. Only its
SHA-256 hash is stored, so a leaked database holds no usable token; the raw
token is shown once, when it is created. A token acts with its user's role,
and stops working when it is revoked or its user is disabled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from ..edge import side_session
from ..extensions import db
from ..models import ApiToken, User, aware, utcnow
from . import audit
from .errors import DomainError

PREFIX = "jjr_"
SHOWN_CHARS = 8  # characters after the prefix shown in lists
NAME_MAX = 100
TOKENS_PER_USER = 20  # active tokens; more is a sign of tokens never being revoked
# last_used_at is written at most this often per token, not on every request.
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenError(DomainError, ValueError):
    """A token could not be created; the message says why."""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def active_tokens(user: User) -> list[ApiToken]:
    """The user's tokens that are not revoked, newest first."""
    return list(
        db.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
        )
    )


def issue(user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the raw token (shown once)."""
    name = " ".join((name or "").split())
    if not name or len(name) > NAME_MAX:
        raise TokenError(f"a token needs a name of 1 to {NAME_MAX} characters")
    if len(active_tokens(user)) >= TOKENS_PER_USER:
        raise TokenError(f"at most {TOKENS_PER_USER} active tokens per account")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        token_hash=hash_token(raw),
        prefix=raw[: len(PREFIX) + SHOWN_CHARS],
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        "create",
        "api_token",
        str(token.id),
        after={"name": name},
        actor_id=user.id,
        actor_label=user.email,
    )
    return token, raw


def revoke(token: ApiToken, actor: User) -> bool:
    """Revoke a token; returns False when it already was."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    audit.record(
        "update",
        "api_token",
        str(token.id),
        before={"revoked": False},
        after={"revoked": True},
        actor_id=actor.id,
        actor_label=actor.email,
    )
    return True


def revoke_all(user: User) -> int:
    """Revoke every live token of ``user`` at once (a password set through a link
    without keeping them); returns how many. The caller audits the change."""
    return db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


def has_active(user: User) -> bool:
    """Whether ``user`` has a token that is not revoked."""
    return (
        db.session.scalar(
            select(ApiToken.id)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .limit(1)
        )
        is not None
    )


def user_for(raw: str) -> User | None:
    """The active user of a live token, or ``None``; notes when the token was used."""
    token = db.session.scalar(
        select(ApiToken)
        .where(ApiToken.token_hash == hash_token(raw))
        .options(joinedload(ApiToken.user))
    )
    if token is None or token.revoked_at is not None or not token.user.active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - aware(token.last_used_at) >= TOUCH_EVERY:
        # A session of its own: a view that fails and rolls back must not undo
        # it, and the request's session is committed by its edge alone.
        with side_session() as session:
            session.execute(
                update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now)
            )
        set_committed_value(token, "last_used_at", now)
    return token.user
