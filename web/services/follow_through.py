"""Periodic follow-through (issue 12): reminders and expiry of unanswered
introductions, milestone reminders, weekly digests and saved-search alerts.

Each job is a function of the current time, registered with ``jobs.periodic``
so that the worker runs it once per period in a unit of work; tests call them
with a clock of their own. Jobs change data and record notifications like any
service and never commit. Each reminder is sent once: the row it is about
remembers when (``Introduction.reminded_at``, ``Milestone.due_notified_at``…),
so a job that runs again, or twice, tells nobody twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matcher import codes

from ..extensions import db
from ..models import (
    Follow,
    Introduction,
    JobRun,
    Milestone,
    Msme,
    Offering,
    Partner,
    User,
    aware,
)
from . import introductions, jobs, matching, notifications, saved_searches

# A digest lists the new MSMEs among this many best of each offering, and the
# new offerings among this many best of each followed MSME.
DIGEST_TOP = 10
DIGEST_LINES = 20  # at most this many lines in one digest


def _after(setting: str) -> dt.timedelta:
    return dt.timedelta(days=int(current_app.config[setting]))


def waiting_since(intro: Introduction) -> dt.datetime:
    """When the introduction entered its current status (its last such step)."""
    times = [aware(e.created_at) for e in intro.events if e.status == intro.status]
    return max(times) if times else aware(intro.created_at)


def _named(intro: Introduction, status_days: int) -> dict:
    offering = intro.offering
    return {
        "msme": intro.msme.name,
        "offering": offering.title,
        "partner": offering.partner.name,
        "status": intro.status,
        "days": status_days,
        "intro": intro.id,
    }


def _admins() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)
        )
    )


@jobs.periodic("introduction_follow_up", "hourly")
def follow_up_introductions(now: dt.datetime) -> dict[str, int]:
    """Remind, escalate and expire introductions that wait for an answer.

    Proposed (the partner should answer): its users are reminded after
    ``INTRO_REMIND_AFTER_DAYS``; the consultant who proposed it is told after
    ``INTRO_ESCALATE_AFTER_DAYS``. Requested (a consultant should broker it): the
    consultants who answer requests are reminded, then the admins are told.
    After ``INTRO_EXPIRE_AFTER_DAYS`` either one expires."""
    remind = _after("INTRO_REMIND_AFTER_DAYS")
    escalate = _after("INTRO_ESCALATE_AFTER_DAYS")
    expire = _after("INTRO_EXPIRE_AFTER_DAYS")
    counts = {"reminded": 0, "escalated": 0, "expired": 0}
    waiting = db.session.scalars(
        select(Introduction)
        .where(Introduction.status.in_(introductions.WAITING_STATUSES))
        .options(
            selectinload(Introduction.events),
            selectinload(Introduction.msme),
            selectinload(Introduction.offering).selectinload(Offering.partner),
        )
        .order_by(Introduction.id)
    )
    for intro in list(waiting):
        waited = now - waiting_since(intro)
        if waited >= expire:
            introductions.expire(intro)
            counts["expired"] += 1
            continue
        link = introductions.links(intro)
        params = _named(intro, waited.days)
        if waited >= remind and intro.reminded_at is None:
            if intro.status == "proposed":
                notifications.notify_all(
                    notifications.partner_users(intro.offering.partner_id),
                    "introduction_reminder_partner",
                    {"offering": intro.offering.title, "days": waited.days, "intro": intro.id},
                    *link["partner"],
                )
            else:
                notifications.notify_all(
                    introductions.request_handlers(intro),
                    "introduction_reminder",
                    params,
                    *link["staff"],
                )
            intro.reminded_at = now
            counts["reminded"] += 1
        if waited >= escalate and intro.escalated_at is None:
            if intro.status == "proposed":
                staff = introductions.responsible_staff(intro)
            else:
                staff = _admins() or introductions.request_handlers(intro)
            notifications.notify_all(staff, "introduction_escalated", params, *link["staff"])
            intro.escalated_at = now
            counts["escalated"] += 1
    return counts


@jobs.periodic("milestone_reminders", "daily")
def remind_milestones(now: dt.datetime) -> int:
    """Tell each milestone's consultant once when it is due within 7 days, and
    once when it is overdue."""
    today = now.astimezone(dt.UTC).date()
    told = 0
    rows = db.session.scalars(
        select(Milestone)
        .where(
            Milestone.status.in_(("planned", "in_progress")),
            Milestone.consultant_id.is_not(None),
            Milestone.due_date <= today + dt.timedelta(days=7),
        )
        .options(selectinload(Milestone.msme), selectinload(Milestone.consultant))
        .order_by(Milestone.id)
    )
    for milestone in rows:
        if milestone.due_date < today:
            if milestone.overdue_notified_at is not None:
                continue
            kind, milestone.overdue_notified_at = "milestone_overdue", now
        elif milestone.due_notified_at is None:
            kind, milestone.due_notified_at = "milestone_due", now
        else:
            continue
        notifications.notify(
            milestone.consultant,
            kind,
            {
                "msme": milestone.msme.name,
                "title": milestone.title,
                "due": milestone.due_date.isoformat(),
            },
            "consultant.msme_detail",
            {"external_id": milestone.msme.external_id},
        )
        told += 1
    return told


def last_run(job_name: str, period: str, now: dt.datetime) -> dt.datetime:
    """When ``job_name`` last ran before this period; a week ago if never."""
    started = db.session.scalar(
        select(func.max(JobRun.started_at)).where(
            JobRun.name == job_name,
            JobRun.period != jobs.period_key(period, now),
            JobRun.started_at < now,
        )
    )
    return aware(started) if started is not None else now - dt.timedelta(days=7)


@jobs.periodic("digest_partners", "weekly")
def partner_digests(now: dt.datetime) -> int:
    """Each partner user hears of the MSMEs added since the last digest that rank
    among the best ``DIGEST_TOP`` real fits of each of its open offerings, as a
    partner sees them before an introduction: where they are, never who."""
    since = last_run("digest_partners", "weekly", now)
    new = dict(
        db.session.execute(
            select(Msme.external_id, Msme.regency).where(
                Msme.created_at > since, Msme.created_at <= now
            )
        ).all()
    )
    if not new:
        return 0
    told = 0
    partners = db.session.scalars(
        select(Partner)
        .where(Partner.approved.is_(True))
        .options(selectinload(Partner.offerings))
        .order_by(Partner.id)
    )
    for partner in partners:
        users = notifications.partner_users(partner.id)
        if not users:
            continue
        lines, count, first = [], 0, None
        for offering in partner.offerings:
            if offering.closed:
                continue
            fits, _ = matching.fitting_msmes_for(offering.external_id, limit=DIGEST_TOP)
            places = [
                codes.region_name(new[m.msme_external_id])
                for m in fits
                if m.msme_external_id in new
            ]
            if places:
                count += len(places)
                first = first or offering
                lines.append(f"{offering.title} ({len(places)}): {', '.join(places)}")
        if not lines:
            continue
        notifications.notify_all(
            users,
            "digest_partner",
            {"count": count, "lines": lines[:DIGEST_LINES]},
            "partner.offering_suggestions" if len(lines) == 1 else "partner.dashboard",
            {"external_id": first.external_id} if len(lines) == 1 else {},
        )
        told += len(users)
    return told


@jobs.periodic("digest_consultants", "weekly")
def consultant_digests(now: dt.datetime) -> int:
    """Each consultant hears of the offerings added since the last digest that rank
    among the best ``DIGEST_TOP`` for an MSME they follow."""
    since = last_run("digest_consultants", "weekly", now)
    new = dict(
        db.session.execute(
            select(Offering.external_id, Offering.title)
            .join(Partner)
            .where(
                Offering.created_at > since,
                Offering.created_at <= now,
                Offering.closed.is_(False),
                Partner.approved.is_(True),
            )
        ).all()
    )
    if not new:
        return 0
    follows: dict[int, list[Msme]] = defaultdict(list)
    for user_id, msme in db.session.execute(
        select(Follow.user_id, Msme).join(Msme, Msme.id == Follow.msme_id).order_by(Msme.name)
    ).all():
        follows[user_id].append(msme)
    fitting: dict[str, list[str]] = {}
    told = 0
    for user_id, msmes in sorted(follows.items()):
        user = db.session.get(User, user_id)
        if user is None or not user.active or user.role not in introductions.STAFF_ROLES:
            continue
        lines, count = [], 0
        for msme in msmes:
            if msme.external_id not in fitting:
                ranking = matching.rank_offerings_for(msme.external_id, limit=DIGEST_TOP)
                fitting[msme.external_id] = [
                    new[m.offering_external_id]
                    for m in ranking.matches
                    if m.offering_external_id in new
                ]
            titles = fitting[msme.external_id]
            if titles:
                count += len(titles)
                lines.append(f"{msme.name}: {'; '.join(titles)}")
        if lines:
            notifications.notify(
                user,
                "digest_consultant",
                {"count": count, "lines": lines[:DIGEST_LINES]},
                "consultant.dashboard",
            )
            told += 1
    return told


@jobs.periodic("saved_search_alerts", "daily")
def saved_search_alerts(now: dt.datetime) -> int:
    """Tell each user of new results of their saved searches."""
    return saved_searches.alert_all(now)
