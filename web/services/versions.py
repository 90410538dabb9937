"""Version counters in the database, so every worker process can tell when its
cached matcher index or MSME list is stale."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import SystemState

CATALOGUE = "catalogue_version"
MSMES = "msme_version"


def current(key: str) -> int:
    """The counter's value (0 when never bumped)."""
    value = db.session.scalar(select(SystemState.value).where(SystemState.key == key))
    return int(value or 0)


def bump(key: str) -> None:
    """Increase a counter inside the caller's transaction."""
    state = db.session.get(SystemState, key, with_for_update=True)
    if state is None:
        db.session.add(SystemState(key=key, value=1))
    else:
        state.value = int(state.value or 0) + 1
