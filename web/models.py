"""Database models (SQLAlchemy 2.x typed mappings).

The tables hold everything of the exchange format (jejaring/1) plus what the
service itself needs: users, introductions with their status history, and an
audit log. Regions and regencies are stored as codes from ``matcher.codes``.
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from typing import Any

from flask_login import UserMixin
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from .extensions import db, login_manager

ROLES = ("consultant", "partner", "msme", "admin")
INTRODUCTION_STATUSES = (
    "proposed",
    "requested",
    "accepted",
    "declined",
    "met",
    "agreement",
    "closed",
    # No answer within the expiry period (services.follow_through).
    "expired",
    # The MSME took back its request before it was answered.
    "withdrawn",
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """A stored time as UTC (SQLite gives it back without its zone)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def name_key(name: str | None) -> str:
    """How a name sorts for people: without case or accents ("Édi" between "eda" and
    "edo"), spaces squeezed. Stored beside names so that SQL can page through lists
    in this order on SQLite and PostgreSQL alike."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())[:200]


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class Msme(TimestampMixin, db.Model):
    __tablename__ = "msme"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # name_key(name), kept by the validator below: the order of lists (issue 15)
    name_key: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)
    legal_form: Mapped[str] = mapped_column(String(20), default="individual")
    nib: Mapped[str | None] = mapped_column(String(13))
    regency: Mapped[str] = mapped_column(String(4), index=True)
    sector: Mapped[str | None] = mapped_column(String(20))
    commodities: Mapped[list[str]] = mapped_column(JSON, default=list)
    # beside each typed commodity, its taxonomy key or None (issue 13;
    # web.services.commodity_keys, filled by the importer)
    commodity_keys: Mapped[list[str | None]] = mapped_column(JSON, default=list)
    scale: Mapped[str | None] = mapped_column(String(10))
    business_capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    annual_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    employees: Mapped[int | None] = mapped_column(Integer)
    founded_year: Mapped[int | None] = mapped_column(Integer)
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # Raised by every change to the profile or its needs (services.match_cache),
    # so that a precomputed match list can tell which profile it was ranked for.
    profile_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # FLOWs of the exchange format (issue 16): what it sells and what it buys
    # regularly, each ``{"commodity", "quantity", "unit", "period", "note"}``.
    supplies: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)

    needs: Mapped[list[Need]] = relationship(
        back_populates="msme", cascade="all, delete-orphan", order_by="Need.position"
    )

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    def __repr__(self) -> str:
        return f"<Msme {self.external_id}>"


class Need(db.Model):
    __tablename__ = "need"
    __table_args__ = (CheckConstraint("priority BETWEEN 1 AND 3", name="priority_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    field: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[int] = mapped_column(Integer, default=2)

    msme: Mapped[Msme] = relationship(back_populates="needs")


class Partner(TimestampMixin, db.Model):
    __tablename__ = "partner"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # name_key(name), kept by the validator below: the order of lists (issue 15)
    name_key: Mapped[str] = mapped_column(String(200), default="", server_default="", index=True)
    type: Mapped[str] = mapped_column(String(20))
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(String(200))
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    # Partners imported by staff are approved; self-registered ones wait for a
    # consultant before their offerings are matched.
    approved: Mapped[bool] = mapped_column(Boolean, default=True)
    # When and why staff refused the partner (cleared if approved later); the
    # partner reads the reason on its dashboard. Set with ``approved`` False.
    refused_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    refusal_reason: Mapped[str | None] = mapped_column(Text)

    offerings: Mapped[list[Offering]] = relationship(
        back_populates="partner", cascade="all, delete-orphan", order_by="Offering.position"
    )

    @validates("name")
    def _keep_name_key(self, _key: str, name: str) -> str:
        self.name_key = name_key(name)
        return name

    def __repr__(self) -> str:
        return f"<Partner {self.external_id}>"


class Offering(TimestampMixin, db.Model):
    __tablename__ = "offering"
    __table_args__ = (CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_nonneg"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(
        ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    field: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    commodities: Mapped[list[str]] = mapped_column(JSON, default=list)
    # beside each typed commodity, its taxonomy key or None (issue 13)
    commodity_keys: Mapped[list[str | None]] = mapped_column(JSON, default=list)
    sectors: Mapped[list[str]] = mapped_column(JSON, default=list)
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    eligible_scales: Mapped[list[str]] = mapped_column(JSON, default=list)
    eligible_legal_forms: Mapped[list[str]] = mapped_column(JSON, default=list)
    eligible_certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int | None] = mapped_column(Integer)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    # The regular volume a buyer takes (issue 16); all three set or none.
    volume_quantity: Mapped[float | None] = mapped_column(Float)
    volume_unit: Mapped[str | None] = mapped_column(String(10))
    volume_period: Mapped[str | None] = mapped_column(String(10))

    partner: Mapped[Partner] = relationship(back_populates="offerings")

    def __repr__(self) -> str:
        return f"<Offering {self.external_id}>"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('consultant', 'partner', 'msme', 'admin')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL"), index=True
    )
    msme_id: Mapped[int | None] = mapped_column(
        ForeignKey("msme.id", ondelete="SET NULL"), index=True
    )
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)
    locale: Mapped[str | None] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Part of the session's user id: replacing it ends every session of the user
    # (at logout and when an admin disables the account).
    session_token: Mapped[str] = mapped_column(
        String(43), default=new_session_token, server_default=""
    )
    # TOTP two-factor secret (base32) once the user has turned it on.
    totp_secret: Mapped[str | None] = mapped_column(String(32))
    # The last TOTP time step (unix time // 30) accepted for this user: a code is
    # accepted once, so codes at or before this step are refused.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    partner: Mapped[Partner | None] = relationship()
    msme: Mapped[Msme | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:  # Flask-Login: what the session remembers
        return f"{self.id}:{self.session_token}"

    def end_all_sessions(self) -> None:
        self.session_token = new_session_token()


class Introduction(TimestampMixin, db.Model):
    __tablename__ = "introduction"
    __table_args__ = (UniqueConstraint("msme_id", "offering_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # (looked up by ix_introduction_msme_created and the unique pair)
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"))
    offering_id: Mapped[int] = mapped_column(
        ForeignKey("offering.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    message: Mapped[str | None] = mapped_column(Text)
    # What a partner reads about the MSME before accepting: a short summary a
    # consultant wrote or approved when proposing (never the MSME's own words).
    pitch: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    outcome_kind: Mapped[str | None] = mapped_column(String(50))
    outcome_value_idr: Mapped[int | None] = mapped_column(BigInteger)
    # Set once the partner accepted: from then on both sides see each other's contact.
    accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # When the introduction first reached each step of its funnel (kept by
    # services.introductions.record_step beside its events), so that the programme
    # dashboard counts a province's introductions without reading their steps.
    proposed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    met_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    agreed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # When the waiting side was reminded of an unanswered introduction, and when it
    # was escalated (services.follow_through): each is sent once per wait.
    reminded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    escalated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Issue 16: the introductions of one pooled group share this key; the group
    # takes one place of the offering's capacity, however many members are accepted.
    pool_group: Mapped[str | None] = mapped_column(String(32), index=True)

    msme: Mapped[Msme] = relationship()
    offering: Mapped[Offering] = relationship()
    events: Mapped[list[IntroductionEvent]] = relationship(
        back_populates="introduction",
        cascade="all, delete-orphan",
        order_by="IntroductionEvent.id",
    )


class IntroductionEvent(db.Model):
    """One step in an introduction's status history: who, when, note."""

    __tablename__ = "introduction_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    # The introduction's MSME, kept on each step: which MSMEs had a step in a
    # period is one index range, without joining a province's introductions.
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    introduction: Mapped[Introduction] = relationship(back_populates="events")
    msme: Mapped[Msme] = relationship()
    actor: Mapped[User | None] = relationship()


class AuditLog(db.Model):
    """A change to stored data: who, what, when, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(20))  # create, update, delete
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Follow(db.Model):
    """A consultant follows an MSME: it shows on their dashboard."""

    __tablename__ = "follow"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    msme_id: Mapped[int] = mapped_column(
        ForeignKey("msme.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


MILESTONE_STATUSES = ("planned", "in_progress", "done", "cancelled")


class Milestone(TimestampMixin, db.Model):
    """A specific, measurable, dated step the centre plans with an MSME in one field."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    measure: Mapped[str] = mapped_column(String(500), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)
    consultant_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # When the responsible consultant was told it is due within 7 days, and overdue.
    due_notified_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    overdue_notified_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # The measurable target (issue 14): indicator, unit, baseline, target and
    # current value; the MSME's counterpart; the milestone it follows; when it was done.
    indicator: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(50))
    baseline: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    current_value: Mapped[float | None] = mapped_column(Float)
    counterpart: Mapped[str | None] = mapped_column(String(200))
    follows_id: Mapped[int | None] = mapped_column(ForeignKey("milestone.id", ondelete="SET NULL"))
    completed_on: Mapped[dt.date | None] = mapped_column(Date)

    msme: Mapped[Msme] = relationship()
    consultant: Mapped[User | None] = relationship()
    follows: Mapped[Milestone | None] = relationship(remote_side=[id])
    updates: Mapped[list[MilestoneUpdate]] = relationship(
        back_populates="milestone",
        cascade="all, delete-orphan",
        order_by="MilestoneUpdate.on_date, MilestoneUpdate.id",
    )


class OneTimeToken(db.Model):
    """A one-time link (password reset or invitation); only its hash is stored."""

    __tablename__ = "one_time_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(20))  # reset, invite
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class AuthAttempt(db.Model):
    """Failure counters shared by every worker: wrong passwords and codes per account
    (``login:<hash of the e-mail>``) and pending two-step logins (``2fa:<hash of its id>``)."""

    __tablename__ = "auth_attempt"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_failure_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)


class VersionCounter(db.Model):
    """Counters bumped by every change to the catalogue or to MSMEs, so each
    worker process can tell when its cached matcher index is stale."""

    __tablename__ = "version_counter"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class MatchCache(db.Model):
    """One MSME's precomputed top offerings in one language (``services.match_cache``).

    A row is served only while its ``key`` equals the key of the MSME's current
    profile, the catalogue's version stamp, the adopted weights and the day,
    so a stale row is never shown; the nightly ``refresh-matches`` job fills
    the table and a request that finds a stale row writes the fresh one.
    """

    __tablename__ = "match_cache"

    msme_id: Mapped[int] = mapped_column(
        ForeignKey("msme.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(5), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    depth: Mapped[int] = mapped_column(Integer)
    matches: Mapped[Any] = mapped_column(JSON)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SystemState(db.Model):
    """Small key-value store of settings the service learns, such as matcher weights."""

    __tablename__ = "system_state"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """The user of a session, unless their sessions were ended since it began."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not secrets.compare_digest(user.session_token or "", token):
        return None
    return user


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 hash is stored. It acts with its user's role."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    # The first characters of the raw token, so that a user can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()


# --- Notifications (issue 12) ---

NOTIFICATION_CHANNELS = ("in_app", "email", "daily", "weekly", "off")
# E-mail delivery state of a notification (the outbox):
#   none     - not to be e-mailed (in-app only, or the user turned the kind off for e-mail)
#   digest   - waits for the user's daily or weekly digest
#   pending  - to be sent (again) at ``next_attempt_at``
#   sent     - delivered to the mail server
#   dead     - every attempt failed; kept with the last error for an admin to retry
EMAIL_STATES = ("none", "digest", "pending", "sent", "dead")


class Notification(db.Model):
    """One thing one user should hear about: the in-app entry and the e-mail outbox row.

    Written by the service that makes the change, in the same transaction, so a
    change that rolls back leaves no notification and one that commits is never
    lost. ``params`` holds only what the recipient may see; the text is rendered
    from the kind and the params in the recipient's language when shown or sent.
    """

    __tablename__ = "notification"
    __table_args__ = (
        CheckConstraint(
            "email_state IN ('none', 'digest', 'pending', 'sent', 'dead')",
            name="email_state_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Where the recipient acts on it: a Flask endpoint and its arguments, built into
    # a URL when shown or sent (the worker has no request to build it from).
    endpoint: Mapped[str] = mapped_column(String(80), default="")
    endpoint_args: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    email_state: Mapped[str] = mapped_column(String(10), default="none")
    # For ``digest``: which digest ("daily" or "weekly") it waits for.
    digest: Mapped[str | None] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    # Fixed before the first attempt, so a resend after a crash keeps the same Message-ID.
    message_id: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()


Index("ix_notification_outbox", Notification.email_state, Notification.next_attempt_at)
Index("ix_notification_unread", Notification.user_id, Notification.read_at)


class NotificationPreference(db.Model):
    """How a user wants to hear of one kind: in_app, email, daily, weekly or off."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))


class JobRun(db.Model):
    """A periodic job's run for one period: the primary key lets exactly one worker
    claim a period, however many workers run."""

    __tablename__ = "job_run"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    period: Mapped[str] = mapped_column(String(30), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# --- Notification events: saved searches (issue 12) ---

SAVED_SEARCH_KINDS = ("msmes", "partners", "suggestions")


class SavedSearch(db.Model):
    """A search a consultant or partner saved, to be told of new results:
    ``msmes`` (the consultant's MSME search), ``partners`` (the partner
    directory) or ``suggestions`` (a partner's suggested MSMEs for one offering).
    ``query`` holds the search's filters as the page's query string does."""

    __tablename__ = "saved_search"
    __table_args__ = (
        CheckConstraint("kind IN ('msmes', 'partners', 'suggestions')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(100))
    query: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Results created after this were not told yet.
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


# --- E-mail delivery (issue 12) ---


class DevMail(db.Model):
    """The development mailbox: with no ``MAIL_URL`` every message is kept here
    exactly as it would have been sent (the whole RFC 5322 text), for an admin to read."""

    __tablename__ = "dev_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(500))
    message_id: Mapped[str] = mapped_column(String(200))
    raw: Mapped[str] = mapped_column(Text)


# --- pages people enjoy: recovery codes, partner refusal (issue 15) ---


class RecoveryCode(db.Model):
    """A one-time code that stands in for the authenticator app at the second login
    step when the phone is lost; only its SHA-256 hash is stored."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


# --- supply links between MSMEs (issue 16) ---
SUPPLY_INTRO_STATUSES = ("proposed", "accepted", "declined")


class SupplyIntroduction(TimestampMixin, db.Model):
    """An introduction between two MSMEs, supplier and buyer of one commodity,
    brokered by a consultant. Neither sees the other's name or contact until
    both accepted (``accepted``); one refusal ends it (``declined``)."""

    __tablename__ = "supply_introduction"
    __table_args__ = (
        UniqueConstraint("supplier_id", "buyer_id", "commodity"),
        CheckConstraint("supplier_id <> buyer_id", name="two_msmes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"), index=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"), index=True)
    commodity: Mapped[str] = mapped_column(String(100))  # the taxonomy's name
    status: Mapped[str] = mapped_column(String(20), default="proposed")
    supplier_accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    buyer_accepted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    supplier: Mapped[Msme] = relationship(foreign_keys=[supplier_id])
    buyer: Mapped[Msme] = relationship(foreign_keys=[buyer_id])


# --- monitoring and impact (issue 14) ---
class ProfileHistory(db.Model):
    """An MSME's growth-relevant profile as it stood from ``effective_date`` on.

    Written by the importer (so by forms, the API and imports alike) whenever one
    of these values changes; the growth events are derived from consecutive rows.
    """

    __tablename__ = "msme_profile_history"
    __table_args__ = (Index("ix_msme_profile_history_msme_date", "msme_id", "effective_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"))
    effective_date: Mapped[dt.date] = mapped_column(Date)
    # The MSME's next row's effective date (None for its current row): this row is
    # in effect from effective_date to the day before, so "the turnover on day d"
    # is a filter, not a search for the latest earlier row (services.growth).
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    scale: Mapped[str | None] = mapped_column(String(10))
    legal_form: Mapped[str] = mapped_column(String(20))
    nib: Mapped[str | None] = mapped_column(String(13))
    annual_turnover_idr: Mapped[int | None] = mapped_column(BigInteger)
    business_capital_idr: Mapped[int | None] = mapped_column(BigInteger)
    employees: Mapped[int | None] = mapped_column(Integer)
    certifications: Mapped[list[str]] = mapped_column(JSON, default=list)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(100), default="")


class MsmeProgress(db.Model):
    """When an MSME first had each kind of help through introductions, kept by
    ``services.introductions.record_step`` with every step: so the dashboard tells
    new from returning MSMEs, partnerships and first credit, financing and buyer
    contracts by one read per MSME, not by searching all its introductions."""

    __tablename__ = "msme_progress"

    msme_id: Mapped[int] = mapped_column(
        ForeignKey("msme.id", ondelete="CASCADE"), primary_key=True
    )
    first_step_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_agreed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_credit_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_financing_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_buyer_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


GROWTH_KINDS = ("scale", "legal_form", "certification", "nib")


class GrowthEvent(db.Model):
    """A class-up derived from the profile history (``services.growth``): a larger
    scale, a formal legal form, a new certification, a NIB."""

    __tablename__ = "growth_event"
    __table_args__ = (Index("ix_growth_event_kind_date", "kind", "effective_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    msme_id: Mapped[int] = mapped_column(ForeignKey("msme.id", ondelete="CASCADE"), index=True)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(50))
    previous: Mapped[str | None] = mapped_column(String(50))


class MilestoneUpdate(db.Model):
    """A progress update of a milestone: date, value reached, note."""

    __tablename__ = "milestone_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    milestone_id: Mapped[int] = mapped_column(
        ForeignKey("milestone.id", ondelete="CASCADE"), index=True
    )
    on_date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    milestone: Mapped[Milestone] = relationship(back_populates="updates")
    actor: Mapped[User | None] = relationship()


RATING_SUBJECTS = ("partner", "consultant", "msme")


class Rating(db.Model):
    """A rating (1-5, comment) given once an introduction closed: the MSME rates
    the partner's help and the consultant's assistance, the partner the MSME's
    readiness. Shown to the rated party only without the rater's identity."""

    __tablename__ = "rating"
    __table_args__ = (
        UniqueConstraint("introduction_id", "subject"),
        CheckConstraint("score BETWEEN 1 AND 5", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    introduction_id: Mapped[int] = mapped_column(
        ForeignKey("introduction.id", ondelete="CASCADE"), index=True
    )
    subject: Mapped[str] = mapped_column(String(20))
    rater_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # The rated consultant (subject "consultant"): who proposed the introduction.
    consultant_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    introduction: Mapped[Introduction] = relationship()


# Indexes for the programme dashboard's aggregates (services.monitoring).
Index(
    "ix_introduction_event_status_created", IntroductionEvent.status, IntroductionEvent.created_at
)
Index("ix_introduction_event_created_msme", IntroductionEvent.created_at, IntroductionEvent.msme_id)
Index("ix_introduction_created_at", Introduction.created_at)
Index("ix_introduction_msme_created", Introduction.msme_id, Introduction.created_at)
Index("ix_introduction_agreed_at", Introduction.agreed_at)
Index("ix_milestone_due_date", Milestone.due_date)
