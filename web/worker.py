"""The background worker: ``flask --app wsgi worker``.

Each pass delivers the due e-mails of the outbox and runs the periodic jobs
whose period has come (``web.services.jobs.JOBS``: digests, reminders, expiry).
Every job and every message is its own unit of work (``web.edge.worker_unit``):
one that fails is rolled back and logged, and the rest go on. Several workers
may run at once (on PostgreSQL): they claim different messages and each job
runs once per period.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import click
from flask.cli import with_appcontext

from .edge import worker_unit
from .models import utcnow
from .services import delivery, jobs, mail

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    jobs: int = 0


def run_jobs(now: dt.datetime) -> int:
    """Run every periodic job not yet run in its current period; returns how many ran."""
    ran = 0
    for job in list(jobs.JOBS.values()):
        with worker_unit(f"job {job.name}") as work:
            claimed = jobs.claim(job, now)
            if claimed:
                job.run(now)
                jobs.finish(job, now)
        ran += bool(work.ok and claimed)
    return ran


def deliver_batch(transport, clock: Clock = utcnow, limit: int = delivery.BATCH) -> PassResult:
    """Claim one batch of due messages and send each; the result counts them."""
    result = PassResult()
    with worker_unit("claiming messages"):
        ids = delivery.claim_due(clock(), limit)
    for notification_id in ids:
        with worker_unit(f"composing message {notification_id}") as work:
            message = delivery.compose(notification_id)
            if message is None:
                delivery.drop_if_disabled(notification_id)
        if not work.ok or message is None:
            continue
        try:
            transport.send(message)
        except mail.MailError as exc:
            with worker_unit(f"recording a failure of message {notification_id}"):
                delivery.mark_failed(notification_id, str(exc), clock())
            result.failed += 1
            continue
        with worker_unit(f"marking message {notification_id} sent") as work:
            delivery.mark_sent(notification_id, clock())
        result.sent += work.ok
    return result


def one_pass(transport, clock: Clock = utcnow) -> PassResult:
    """Run due jobs, then deliver every due message (batch after batch)."""
    total = PassResult(jobs=run_jobs(clock()))
    while True:
        batch = deliver_batch(transport, clock)
        total.sent += batch.sent
        total.failed += batch.failed
        if batch.sent + batch.failed == 0:
            return total


@click.command("worker")
@with_appcontext
@click.option("--once", is_flag=True, help="Run one pass (jobs, then every due message) and exit.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=5.0,
    show_default=True,
    help="Seconds to wait between passes.",
)
def worker_command(once: bool, interval: float) -> None:
    """Deliver e-mail notifications and run the periodic jobs (digests, reminders)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(message)s")
    transport = mail.transport()
    try:
        while True:
            result = one_pass(transport)
            if result.sent or result.failed or result.jobs:
                log.info("sent %s, failed %s, jobs run %s", result.sent, result.failed, result.jobs)
            if once:
                click.echo(f"Sent {result.sent}, failed {result.failed}, jobs run {result.jobs}.")
                return
            transport.close()  # one SMTP connection per busy stretch, not held idle
            time.sleep(interval)
    except KeyboardInterrupt:
        pass
    finally:
        transport.close()
