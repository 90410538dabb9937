"""Periodic jobs (reminders, expiry, digests) that run once per period, however
many workers run: a worker claims a period by inserting its ``JobRun`` row, and
the primary key lets only one insert succeed.

A job is a function of the current time registered with :func:`periodic`; it
changes data and records notifications like any service (it never commits).
The worker (``flask worker``) calls :func:`run_due` in its loop, each job in
its own unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..models import JobRun, utcnow

PERIODS = ("hourly", "daily", "weekly")


@dataclass(frozen=True)
class Job:
    name: str
    period: str
    run: Callable[[dt.datetime], object]


JOBS: dict[str, Job] = {}


def periodic(name: str, period: str) -> Callable[[Callable], Callable]:
    """Register ``func(now)`` to run once per ``period`` (hourly, daily or weekly)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")

    def register(func: Callable[[dt.datetime], object]) -> Callable:
        if name in JOBS:
            raise ValueError(f"job {name!r} registered twice")
        JOBS[name] = Job(name, period, func)
        return func

    return register


def period_key(period: str, now: dt.datetime) -> str:
    """The period ``now`` falls in, in UTC: 2026-11-29T22, 2026-11-29 or 2026-W48."""
    now = now.astimezone(dt.UTC)
    if period == "hourly":
        return now.strftime("%Y-%m-%dT%H")
    if period == "daily":
        return now.strftime("%Y-%m-%d")
    year, week, _ = now.isocalendar()
    return f"{year}-W{week:02d}"


def claim(job: Job, now: dt.datetime) -> bool:
    """Claim this period's run of ``job`` in the caller's transaction; False when
    another worker has it already. The claim is committed with the job's work,
    so a job that fails is tried again by the next pass."""
    try:
        with db.session.begin_nested():
            db.session.add(JobRun(name=job.name, period=period_key(job.period, now)))
    except IntegrityError:
        return False
    return True


def finish(job: Job, now: dt.datetime) -> None:
    run = db.session.get(JobRun, (job.name, period_key(job.period, now)))
    if run is not None:
        run.finished_at = utcnow()
