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
import signal
import threading
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
    claimed: int = 0
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


def deliver_batch(
    transport,
    clock: Clock = utcnow,
    limit: int = delivery.BATCH,
    stop: threading.Event | None = None,
) -> PassResult:
    """Claim one batch of due messages and send each; the result counts them. When
    ``stop`` is set the batch ends after the message in hand (the rest of the batch
    was not sent: another pass takes it once its lease is over)."""
    result = PassResult()
    with worker_unit("claiming messages"):
        ids = delivery.claim_due(clock(), limit)
    result.claimed = len(ids)
    for notification_id in ids:
        if stop is not None and stop.is_set():
            break
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


def one_pass(transport, clock: Clock = utcnow, stop: threading.Event | None = None) -> PassResult:
    """Run due jobs, then deliver every due message (batch after batch) until none is
    due or ``stop`` is set."""
    total = PassResult(jobs=run_jobs(clock()))
    while stop is None or not stop.is_set():
        batch = deliver_batch(transport, clock, stop=stop)
        total.claimed += batch.claimed
        total.sent += batch.sent
        total.failed += batch.failed
        if batch.claimed == 0:
            break
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
    # SIGTERM (``make run`` stopping, a service manager) and Ctrl-C end the worker after
    # the message in hand, so that a stop does not fall between sending and marking.
    stop = threading.Event()
    previous = {
        signum: signal.signal(signum, lambda *_: stop.set())
        for signum in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        while not stop.is_set():
            result = one_pass(transport, stop=stop)
            if result.sent or result.failed or result.jobs:
                log.info("sent %s, failed %s, jobs run %s", result.sent, result.failed, result.jobs)
            if once:
                click.echo(f"Sent {result.sent}, failed {result.failed}, jobs run {result.jobs}.")
                return
            transport.close()  # one SMTP connection per busy stretch, not held idle
            stop.wait(interval)
    finally:
        transport.close()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
