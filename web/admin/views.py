"""Admin pages: the audit log."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from ..extensions import db
from ..models import AuditLog, User
from ..permissions import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


@bp.before_request
@role_required("admin")
def _admins_only():
    return None


def changed_keys(entry: AuditLog) -> list[tuple[str, object, object]]:
    """(key, before, after) for every value an audit entry changed."""
    before, after = entry.before or {}, entry.after or {}
    keys = sorted(set(before) | set(after))
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


@bp.get("/audit")
def audit():
    filters = {key: request.args.get(key, "").strip()
               for key in ("entity_type", "entity_id", "actor")}
    query = select(AuditLog).order_by(AuditLog.id.desc())
    if filters["entity_type"]:
        query = query.where(AuditLog.entity_type == filters["entity_type"])
    if filters["entity_id"]:
        query = query.where(AuditLog.entity_id == filters["entity_id"])
    if filters["actor"]:
        actor_ids = select(User.id).where(User.email.ilike(f"%{filters['actor']}%"))
        query = query.where((AuditLog.actor_id.in_(actor_ids))
                            | AuditLog.actor_label.ilike(f"%{filters['actor']}%"))
    page = db.paginate(query, page=request.args.get("page", 1, type=int),
                       per_page=PAGE_SIZE, error_out=False)
    actors = {u.id: u.email for u in db.session.scalars(
        select(User).where(User.id.in_({e.actor_id for e in page.items if e.actor_id})))}
    types = db.session.scalars(select(AuditLog.entity_type).distinct()
                               .order_by(AuditLog.entity_type)).all()
    return render_template("admin/audit.html", page=page, filters=filters, actors=actors,
                           types=types, changed_keys=changed_keys)

