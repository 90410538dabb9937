"""The audit log: every change to stored data, with who, what, when, before and after."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..extensions import db
from ..models import AuditLog


def jsonable(value: Any) -> Any:
    """A value as it is stored in the audit log's JSON columns."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def record(
    action: str,
    entity_type: str,
    entity_id: str,
    *,
    before: dict | None = None,
    after: dict | None = None,
    actor_id: int | None = None,
    actor_label: str = "",
) -> AuditLog:
    """Add an audit entry to the session (the caller's transaction commits it)."""
    entry = AuditLog(
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        actor_id=actor_id,
        actor_label=actor_label,
    )
    db.session.add(entry)
    return entry
