"""The edge owns the transaction: one unit of work per request or command.

Services validate, change and audit, or raise one
:class:`~web.services.errors.DomainError`; they never commit. The helpers
here are the only places that commit or roll back the request's session:

- :func:`unit_of_work` for pages: commits once when the block ends, or rolls
  back and flashes the domain error's message in the reader's language;
- :func:`command_unit` for CLI commands: the same, with the error as the
  command's error (exit status 1);
- :func:`transaction`, under both and under the API's operation wrapper
  (``web.api.registry``), which answers a domain error in the API's error shape;
- :func:`worker_unit` for the background worker (``flask worker``): each job
  and each message in its own unit; a failure is rolled back and logged and
  the worker goes on;
- :func:`side_session` for writes that must not touch the caller's session
  (a GET page storing a match list, an API token's last-used time).

``tests/test_edge.py`` holds the rule: no other module under ``web/`` commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click
from flask import flash
from sqlalchemy.orm import Session

from .extensions import db
from .services.errors import DomainError
from .services.exchange import DocumentRejected

# A rejected record is a domain error too: the page shows its problems on the form.
DOMAIN_ERRORS = (DomainError, DocumentRejected)
log = logging.getLogger(__name__)


@dataclass
class Unit:
    """An open unit of work; the block may still decide it is a dry run."""

    dry_run: bool = False


@contextmanager
def transaction(*, dry_run: bool = False) -> Iterator[Unit]:
    """Commit the request's session when the block ends (roll back instead for a
    dry run); roll back and re-raise on any exception, a failed commit included."""
    unit = Unit(dry_run)
    try:
        yield unit
        if unit.dry_run:
            db.session.rollback()
        else:
            db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


@dataclass
class Work:
    """What a page learns from its unit of work: the domain error, if one ended it."""

    error: DomainError | DocumentRejected | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@contextmanager
def unit_of_work(
    success: str | None = None,
    *,
    flash_error: bool = True,
    failure: Callable[[str], str] | None = None,
) -> Iterator[Work]:
    """A page's unit of work: commit once when the block ends and flash ``success``;
    on a domain error roll back everything the block wrote, flash its message
    (through ``failure(reason)`` when given; not at all with ``flash_error=False``)
    and go on after the block with ``work.error`` set. Any other exception rolls
    back and propagates."""
    work = Work()
    try:
        with transaction():
            yield work
    except DOMAIN_ERRORS as exc:
        work.error = exc
        if flash_error:
            flash(failure(str(exc)) if failure else str(exc), "error")
        return
    if success:
        flash(success, "info")


@contextmanager
def command_unit(*, dry_run: bool = False) -> Iterator[Unit]:
    """A CLI command's unit of work: one commit when the block ends (a rollback for a
    dry run); a domain error rolls back and becomes the command's error (exit 1)."""
    try:
        with transaction(dry_run=dry_run) as unit:
            yield unit
    except DomainError as exc:
        raise click.ClickException(str(exc)) from exc


@dataclass
class BackgroundWork:
    """What the worker learns from one unit: the exception that ended it, if any."""

    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@contextmanager
def worker_unit(what: str) -> Iterator[BackgroundWork]:
    """One unit of the background worker (a job, a message): commit when the block
    ends; on any exception (but an interrupt) roll back, log it naming ``what``,
    and go on after the block with ``work.error`` set, so one failing job or
    message does not stop the worker."""
    work = BackgroundWork()
    try:
        with transaction():
            yield work
    except Exception as exc:  # noqa: BLE001 - logged; the worker carries on
        log.exception("worker: %s failed", what)
        work.error = exc


@contextmanager
def side_session() -> Iterator[Session]:
    """A short session of its own on the primary database, committed when the block
    ends: for a write that must be kept whatever the request does with its own
    session (and must not commit it). Rolls back and re-raises on an exception."""
    with Session(db.engine) as session, session.begin():
        yield session
