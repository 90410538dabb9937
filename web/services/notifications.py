"""Notifications: what a user should hear about, recorded with the change (an outbox).

A service that makes a change calls :func:`notify` for each recipient inside the
same unit of work. The row is committed with the change by the edge, or rolled
back with it, so a change that fails sends nothing and a committed change is
never lost (the worker delivers it later, even after a restart).

What a message says is rendered from its :class:`Kind` and its ``params`` in the
recipient's language when it is shown or sent; ``params`` must hold only what
that recipient may see (a partner's copy never holds the MSME's name or contact
before an introduction is accepted: build it from ``privacy`` fields only).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from flask import current_app
from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ..extensions import db
from ..models import (
    NOTIFICATION_CHANNELS,
    Notification,
    NotificationPreference,
    User,
    utcnow,
)
from .errors import DomainError

Labeller = Callable[[Any], str]


class NotificationError(DomainError, ValueError):
    """A preference or notification request that cannot be carried out."""


@dataclass(frozen=True)
class Kind:
    """A kind of notification: its words, with ``%(param)s`` placeholders.

    ``labels`` turns a param into words in the reader's language at render time
    (a status code into its label, say). ``optional=False`` marks security
    messages, which a user cannot turn off or move to a digest.

    ``roles`` are the roles that may receive the kind (empty: every role); the
    preferences page offers a user the kinds of their role. ``listed=False`` keeps
    a kind out of the in-app list and the preferences (a password-reset link, the
    digest e-mail itself). ``scrub=True`` empties the row's params and link once
    the e-mail is sent or dead (a one-time link must not stay readable).
    """

    name: str
    subject: LazyString | str
    body: tuple[LazyString | str, ...]
    action: LazyString | str
    optional: bool = True
    default_channel: str = "email"
    labels: Mapping[str, Labeller] = field(default_factory=lambda: MappingProxyType({}))
    roles: tuple[str, ...] = ()
    # What the preferences page calls the kind; default: its subject with "…" for params.
    label: LazyString | str = ""
    listed: bool = True
    scrub: bool = False

    def for_role(self, role: str) -> bool:
        return self.listed and (not self.roles or role in self.roles)


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.name in KINDS:
        raise ValueError(f"notification kind {kind.name!r} registered twice")
    if kind.default_channel not in NOTIFICATION_CHANNELS:
        raise ValueError(f"unknown channel {kind.default_channel!r}")
    KINDS[kind.name] = kind
    return kind


def channel_for(user: User, kind: Kind) -> str:
    """How ``user`` hears of ``kind``: their saved choice, else the kind's default.
    Security messages always go by e-mail."""
    if not kind.optional:
        return "email"
    saved = db.session.get(NotificationPreference, (user.id, kind.name))
    return saved.channel if saved is not None else kind.default_channel


def set_preference(user: User, kind_name: str, channel: str) -> None:
    kind = KINDS.get(kind_name)
    if kind is None or not kind.listed or channel not in NOTIFICATION_CHANNELS:
        raise NotificationError(f"unknown notification kind or channel: {kind_name}/{channel}")
    if not kind.optional and channel != "email":
        raise NotificationError("security messages cannot be turned off")
    saved = db.session.get(NotificationPreference, (user.id, kind_name))
    if saved is None:
        db.session.add(NotificationPreference(user_id=user.id, kind=kind_name, channel=channel))
    else:
        saved.channel = channel


def notify(
    user: User,
    kind_name: str,
    params: Mapping[str, Any],
    endpoint: str,
    endpoint_args: Mapping[str, Any] | None = None,
    *,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Record that ``user`` should hear of ``kind_name``, in the caller's transaction.

    Nothing is recorded for a disabled account or a kind the user turned off.
    """
    kind = KINDS[kind_name]
    if not user.active:
        return None
    channel = channel_for(user, kind)
    if channel == "off":
        return None
    now = now or utcnow()
    row = Notification(
        user_id=user.id,
        kind=kind.name,
        params=dict(params),
        endpoint=endpoint,
        endpoint_args=dict(endpoint_args or {}),
        created_at=now,
    )
    if channel == "email":
        row.email_state, row.next_attempt_at = "pending", now
    elif channel in ("daily", "weekly"):
        row.email_state, row.digest = "digest", channel
    else:
        row.email_state = "none"
    db.session.add(row)
    return row


def notify_all(
    users: Iterable[User],
    kind_name: str,
    params: Mapping[str, Any],
    endpoint: str,
    endpoint_args: Mapping[str, Any] | None = None,
    *,
    skip: User | None = None,
) -> list[Notification]:
    """:func:`notify` each user once (the actor who made the change, ``skip``, hears nothing)."""
    seen: set[int] = set()
    rows = []
    for user in users:
        if user.id in seen or (skip is not None and user.id == skip.id):
            continue
        seen.add(user.id)
        row = notify(user, kind_name, params, endpoint, endpoint_args)
        if row is not None:
            rows.append(row)
    return rows


def partner_users(partner_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(
                User.role == "partner", User.partner_id == partner_id, User.active.is_(True)
            )
        )
    )


def msme_users(msme_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == "msme", User.msme_id == msme_id, User.active.is_(True))
        )
    )


@dataclass(frozen=True)
class Rendered:
    subject: str
    paragraphs: list[str]
    action: str
    path: str


def path_for(endpoint: str, args: Mapping[str, Any]) -> str:
    """The site path of an endpoint, built without a request (the worker has none)."""
    if not endpoint:
        return "/"
    adapter = current_app.url_map.bind("localhost", url_scheme="http")
    return adapter.build(endpoint, dict(args))


def render(row: Notification, locale: str) -> Rendered:
    """The words of a notification in ``locale``."""
    kind = KINDS[row.kind]
    with force_locale(locale):
        values = {
            key: (kind.labels[key](value) if key in kind.labels else value)
            for key, value in row.params.items()
        }
        return Rendered(
            subject=str(kind.subject) % values,
            paragraphs=[str(text) % values for text in kind.body],
            action=str(kind.action),
            path=path_for(row.endpoint, row.endpoint_args),
        )


def _unlisted() -> list[str]:
    return [name for name, kind in KINDS.items() if not kind.listed]


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(
            Notification.user_id == user.id,
            Notification.read_at.is_(None),
            Notification.kind.not_in(_unlisted()),
        )
    )


def listed_for(user: User, *, limit: int, offset: int = 0) -> list[Notification]:
    """The user's in-app notifications, newest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.user_id == user.id, Notification.kind.not_in(_unlisted()))
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def count_for(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.kind.not_in(_unlisted()))
    )


def open_for(user: User, notification_id: int) -> Notification | None:
    """One of the user's listed notifications, marked read; None when it is not theirs."""
    row = db.session.get(Notification, notification_id)
    if row is None or row.user_id != user.id or not KINDS[row.kind].listed:
        return None
    if row.read_at is None:
        row.read_at = utcnow()
    return row


def kinds_for(user: User) -> list[Kind]:
    """The kinds the user's role may receive, in registration order."""
    return [kind for kind in KINDS.values() if kind.for_role(user.role)]


def preferences_of(user: User) -> dict[str, str]:
    """The channel of every kind the user may receive (saved choice or default)."""
    saved = {
        p.kind: p.channel
        for p in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user.id)
        )
    }
    return {
        kind.name: ("email" if not kind.optional else saved.get(kind.name, kind.default_channel))
        for kind in kinds_for(user)
    }


def describe(kind: Kind, locale: str) -> str:
    """The kind's name for the preferences page, in ``locale``."""
    with force_locale(locale):
        if kind.label:
            return str(kind.label)
        return str(kind.subject) % defaultdict(lambda: "\u2026")


# One-click unsubscribe of a digest e-mail names the digest, not a kind.
DIGEST_TARGETS = {"@daily": "daily", "@weekly": "weekly"}


def describe_target(target: str, locale: str) -> str | None:
    """What an unsubscribe link stops, in words; None for no such kind."""
    if target in DIGEST_TARGETS:
        with force_locale(locale):
            return (
                str(_l("Ringkasan harian")) if target == "@daily" else str(_l("Ringkasan mingguan"))
            )
    kind = KINDS.get(target)
    if kind is None or not kind.optional or not kind.listed:
        return None
    return describe(kind, locale)


def stop_email(user: User, target: str) -> None:
    """One-click unsubscribe: the kind (or every kind on that digest) goes to in-app only."""
    if target in DIGEST_TARGETS:
        period = DIGEST_TARGETS[target]
        for name, channel in preferences_of(user).items():
            if channel == period:
                set_preference(user, name, "in_app")
        return
    kind = KINDS.get(target)
    if kind is None or not kind.optional:
        raise NotificationError(f"no kind to unsubscribe from: {target}")
    set_preference(user, target, "in_app")


def mark_read(user: User, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications read (or all of them); returns how many."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=utcnow())).rowcount


def locale_of(user: User) -> str:
    return user.locale if user.locale in current_app.config["BABEL_SUPPORTED_LOCALES"] else "id"


from . import notification_kinds  # noqa: E402,F401  (registers the kinds)
