"""Read-side queries for the pages: dashboards, directory search, lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    AuditLog,
    Follow,
    Introduction,
    IntroductionEvent,
    Milestone,
    Msme,
    Offering,
    Partner,
    User,
    aware,
    utcnow,
)
from .commodity_keys import commodity_key
from .introductions import OPEN_STATUSES, shown_to_msme

STALE_AFTER = dt.timedelta(days=14)
DUE_WITHIN = dt.timedelta(days=14)
PAGE_SIZE = 20


@dataclass
class Dashboard:
    followed: list[Msme]
    waiting_on_consultant: list[Introduction]
    waiting_on_partner: list[Introduction]
    stale: list[Introduction]
    milestones_due: list[Milestone]
    pending_partners: list[Partner]


def intro_query():
    return select(Introduction).options(
        selectinload(Introduction.msme),
        selectinload(Introduction.offering).selectinload(Offering.partner),
    )


def consultant_dashboard(user: User, today: dt.date | None = None) -> Dashboard:
    """What a consultant should look at today."""
    today = today or dt.date.today()
    followed = list(
        db.session.scalars(
            select(Msme)
            .join(Follow, Follow.msme_id == Msme.id)
            .where(Follow.user_id == user.id)
            .order_by(Msme.name_key)
        )
    )
    last_event = (
        select(
            IntroductionEvent.introduction_id, func.max(IntroductionEvent.created_at).label("last")
        )
        .group_by(IntroductionEvent.introduction_id)
        .subquery()
    )
    stale = list(
        db.session.scalars(
            intro_query()
            .join(last_event, last_event.c.introduction_id == Introduction.id)
            .where(
                Introduction.status.in_(OPEN_STATUSES), last_event.c.last < utcnow() - STALE_AFTER
            )
            .order_by(last_event.c.last)
        )
    )
    return Dashboard(
        followed=followed,
        waiting_on_consultant=list(
            db.session.scalars(
                intro_query()
                .where(Introduction.status == "requested")
                .order_by(Introduction.created_at)
            )
        ),
        waiting_on_partner=list(
            db.session.scalars(
                intro_query()
                .where(Introduction.status == "proposed")
                .order_by(Introduction.created_at)
            )
        ),
        stale=stale,
        milestones_due=list(
            db.session.scalars(
                select(Milestone)
                .options(selectinload(Milestone.msme))
                .where(
                    Milestone.status.in_(("planned", "in_progress")),
                    Milestone.due_date <= today + DUE_WITHIN,
                )
                .order_by(Milestone.due_date)
            )
        ),
        pending_partners=list(
            db.session.scalars(
                select(Partner)
                .where(Partner.approved.is_(False), Partner.refused_at.is_(None))
                .order_by(Partner.created_at)
            )
        ),
    )


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


# A search text that is a way of writing a commodity (a typo such as "lidah buya"
# included) also finds the taxonomy's other ways of writing it. Texts longer than
# this are not looked up (a bound on the fuzzy matching); terms shorter than
# SPELLING_MIN_LEN are left out, as they hide inside other words ("emas" in
# "kemasan").
SPELLING_MIN_LEN = 5


def _spellings(text: str) -> list[str]:
    """LIKE patterns for ``text``: itself and, when the whole text is a way of
    writing one commodity of the taxonomy, each of that commodity's terms."""
    patterns = [_like(text)]
    commodity = commodity_key(text)
    if commodity is None:
        return patterns
    for term in (commodity.name, commodity.name_en, *commodity.synonyms):
        pattern = _like(term)
        if len(term) >= SPELLING_MIN_LEN and pattern not in patterns:
            patterns.append(pattern)
    return patterns


def _like_any(column, patterns: list[str]):
    return or_(*(column.like(p, escape="\\") for p in patterns))


def commodity_match(texts, keys, text: str, whole: bool = False):
    """Rows whose typed commodities (column ``texts``) contain a way of writing
    ``text``, or whose stored taxonomy keys (column ``keys``, see
    ``web.services.commodity_keys``) hold the commodity ``text`` is a way of
    writing: a row stored as "amplank" is found by "amplang".

    ``whole`` (a report's filter, not a search): when the taxonomy knows ``text``,
    only the rows whose commodity is that one, by its stored key, so "lada" does
    not take in "keripik lada" (and one comparison per row, not one per spelling).
    """
    commodity = commodity_key(text)
    key = (
        cast(keys, String).like(_like(f'"{commodity.key}"'), escape="\\")
        if commodity is not None
        else None
    )
    if whole and key is not None:
        return key
    match = _like_any(func.lower(cast(texts, String)), _spellings(text))
    return match if key is None else or_(match, key)


def search_msmes(q: str = "", regency: str = "", page: int = 1):
    """MSMEs by name, commodity or description text, optionally in one regency."""
    return db.paginate(msme_search(q, regency), page=page, per_page=PAGE_SIZE, error_out=False)


def msme_search(q: str = "", regency: str = "", since: dt.datetime | None = None):
    """The query of :func:`search_msmes`; with ``since``, only MSMEs added after it
    (a saved search's new results)."""
    query = select(Msme).order_by(Msme.name_key, Msme.id)
    if since is not None:
        query = query.where(Msme.created_at > since)
    if q:
        pattern, spellings = _like(q), _spellings(q)
        query = query.where(
            or_(
                _like_any(func.lower(Msme.name), spellings),
                commodity_match(Msme.commodities, Msme.commodity_keys, q),
                _like_any(func.lower(func.coalesce(Msme.description, "")), spellings),
                func.lower(Msme.external_id).like(pattern, escape="\\"),
            )
        )
    if regency:
        query = query.where(Msme.regency == regency)
    return query


def search_partners(
    q: str = "",
    field: str = "",
    commodity: str = "",
    regency: str = "",
    partner_type: str = "",
    page: int = 1,
):
    """The partner directory: free text plus filters on field, commodity, regency and type.

    A partner matches a regency when it (or one of its offerings) works there,
    province-wide or nationally.
    """
    query = partner_search(q, field, commodity, regency, partner_type)
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def partner_search(
    q: str = "",
    field: str = "",
    commodity: str = "",
    regency: str = "",
    partner_type: str = "",
    since: dt.datetime | None = None,
):
    """The query of :func:`search_partners`; with ``since``, only partners that
    joined or added an offering after it (a saved search's new results)."""
    query = (
        select(Partner)
        .options(selectinload(Partner.offerings))
        .order_by(Partner.name_key, Partner.id)
    )
    offering_filters = []
    if q:
        spellings = _spellings(q)
        text_match = or_(
            _like_any(func.lower(Partner.name), spellings),
            _like_any(func.lower(func.coalesce(Partner.description, "")), spellings),
            Partner.id.in_(
                select(Offering.partner_id).where(
                    or_(
                        _like_any(func.lower(Offering.title), spellings),
                        _like_any(func.lower(func.coalesce(Offering.description, "")), spellings),
                        commodity_match(Offering.commodities, Offering.commodity_keys, q),
                    )
                )
            ),
        )
        query = query.where(text_match)
    if field:
        offering_filters.append(Offering.field == field)
    if commodity:
        offering_filters.append(
            commodity_match(Offering.commodities, Offering.commodity_keys, commodity)
        )
    if offering_filters:
        query = query.where(Partner.id.in_(select(Offering.partner_id).where(*offering_filters)))
    if regency:
        serves = or_(
            *(cast(Partner.regions, String).like(f'%"{code}"%') for code in (regency, "61", "ID"))
        )
        query = query.where(serves)
    if partner_type:
        query = query.where(Partner.type == partner_type)
    if since is not None:
        query = query.where(
            or_(
                Partner.created_at > since,
                Partner.id.in_(select(Offering.partner_id).where(Offering.created_at > since)),
            )
        )
    return query


def introductions(status: str = "", page: int = 1):
    return db.paginate(introduction_list(status), page=page, per_page=PAGE_SIZE, error_out=False)


def introduction_list(status: str = ""):
    """The query of :func:`introductions`: newest change first, optionally one status."""
    query = intro_query().order_by(Introduction.updated_at.desc(), Introduction.id.desc())
    if status:
        query = query.where(Introduction.status == status)
    return query


def introductions_of_msme(msme: Msme, *, as_owner: bool = False) -> list[Introduction]:
    """The MSME's introductions; for its owner (``as_owner``) without the partners'
    broker requests that no consultant has proposed yet."""
    query = intro_query().where(Introduction.msme_id == msme.id)
    if as_owner:
        query = query.where(shown_to_msme())
    return list(db.session.scalars(query.order_by(Introduction.created_at.desc())))


def introductions_of_partner(partner: Partner, statuses: tuple[str, ...] | None = None):
    query = intro_query().join(Offering).where(Offering.partner_id == partner.id)
    if statuses:
        query = query.where(Introduction.status.in_(statuses))
    return list(db.session.scalars(query.order_by(Introduction.created_at.desc())))


def milestones_of(msme: Msme) -> list[Milestone]:
    return list(
        db.session.scalars(
            select(Milestone).where(Milestone.msme_id == msme.id).order_by(Milestone.due_date)
        )
    )


def is_following(user: User, msme: Msme) -> bool:
    return db.session.get(Follow, (user.id, msme.id)) is not None


HISTORY_MAX = 50


@dataclass
class HistoryItem:
    """One thing that happened to an MSME: a change to its profile (``kind``
    "profile", ``status`` the audit action) or a step of one of its introductions
    ("introduction", ``status`` the new status, ``title`` the offering)."""

    when: dt.datetime
    kind: str
    status: str
    who: str
    title: str = ""
    note: str = ""
    intro_id: int | None = None


def history_of(msme: Msme, limit: int = HISTORY_MAX) -> list[HistoryItem]:
    """The newest ``limit`` changes to the MSME's profile and steps of its introductions."""
    audits = db.session.execute(
        select(AuditLog, User)
        .outerjoin(User, User.id == AuditLog.actor_id)
        .where(AuditLog.entity_type == "msme", AuditLog.entity_id == msme.external_id)
        .order_by(AuditLog.id.desc())
        .limit(limit)
    ).all()
    events = db.session.execute(
        select(IntroductionEvent, Offering.title, User)
        .join(Introduction, Introduction.id == IntroductionEvent.introduction_id)
        .join(Offering, Offering.id == Introduction.offering_id)
        .outerjoin(User, User.id == IntroductionEvent.actor_id)
        .where(Introduction.msme_id == msme.id)
        .order_by(IntroductionEvent.id.desc())
        .limit(limit)
    ).all()
    items = [
        HistoryItem(
            when=aware(entry.created_at),
            kind="profile",
            status=entry.action,
            who=(actor.name or actor.email) if actor else entry.actor_label,
        )
        for entry, actor in audits
    ] + [
        HistoryItem(
            when=aware(event.created_at),
            kind="introduction",
            status=event.status,
            who=(actor.name or actor.email) if actor else "",
            title=title,
            note=event.note or "",
            intro_id=event.introduction_id,
        )
        for event, title, actor in events
    ]
    items.sort(key=lambda item: item.when, reverse=True)
    return items[:limit]
