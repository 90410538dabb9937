"""Version stamps in the database, so every worker process can tell when its
cached matcher index or MSME list is stale.

The stamps are bumped automatically: a session listener looks at every flush
and bumps ``catalogue`` when a partner or offering was added, changed or
deleted, and ``msmes`` likewise for MSMEs and their needs. No code path that
changes data can forget it. A bump writes a fresh random 63-bit value rather
than adding one, so a database that was emptied and refilled (its counter
starting again) can never present a stamp that a worker cached earlier.
"""

from __future__ import annotations

import secrets

from sqlalchemy import event, insert, select, update
from sqlalchemy.orm import Session

from ..extensions import db
from ..models import Msme, Need, Offering, Partner, VersionCounter

CATALOGUE = "catalogue"
MSMES = "msmes"
_WATCHED = {Partner: CATALOGUE, Offering: CATALOGUE, Msme: MSMES, Need: MSMES}


def current(key: str) -> int:
    """The current stamp (0 when never bumped); compare for equality only."""
    value = db.session.scalar(select(VersionCounter.value).where(VersionCounter.key == key))
    return int(value or 0)


def _bump(session: Session, key: str) -> None:
    conn = session.connection()
    table = VersionCounter.__table__
    stamp = secrets.randbits(63) or 1
    result = conn.execute(update(table).where(table.c.key == key).values(value=stamp))
    if result.rowcount == 0:
        conn.execute(insert(table).values(key=key, value=stamp))


def bump(key: str) -> None:
    """Bump a stamp inside the caller's transaction, for changes made with Core
    statements that the flush listener cannot see."""
    _bump(db.session, key)


@event.listens_for(Session, "after_flush")
def _bump_on_change(session: Session, flush_context) -> None:
    keys = set()
    for obj in session.new | session.deleted:
        if type(obj) in _WATCHED:
            keys.add(_WATCHED[type(obj)])
    for obj in session.dirty:
        if type(obj) in _WATCHED and session.is_modified(obj, include_collections=False):
            keys.add(_WATCHED[type(obj)])
    for key in sorted(keys):
        _bump(session, key)
