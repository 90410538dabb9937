"""Admin pages: the audit log."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import StaffAccountForm, choices, opts
from ..i18n import role_label
from ..models import AuditLog, User, name_key
from ..permissions import STAFF, role_required
from ..services import accounts, onetime_links, twofactor
from ..services import audit as audit_log

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
    filters = {
        key: request.args.get(key, "").strip() for key in ("entity_type", "entity_id", "actor")
    }
    query = select(AuditLog).order_by(AuditLog.id.desc())
    if filters["entity_type"]:
        query = query.where(AuditLog.entity_type == filters["entity_type"])
    if filters["entity_id"]:
        query = query.where(AuditLog.entity_id == filters["entity_id"])
    if filters["actor"]:
        actor_ids = select(User.id).where(User.email.ilike(f"%{filters['actor']}%"))
        query = query.where(
            (AuditLog.actor_id.in_(actor_ids)) | AuditLog.actor_label.ilike(f"%{filters['actor']}%")
        )
    page = db.paginate(
        query, page=request.args.get("page", 1, type=int), per_page=PAGE_SIZE, error_out=False
    )
    actors = {
        u.id: u.email
        for u in db.session.scalars(
            select(User).where(User.id.in_({e.actor_id for e in page.items if e.actor_id}))
        )
    }
    types = db.session.scalars(
        select(AuditLog.entity_type).distinct().order_by(AuditLog.entity_type)
    ).all()
    return render_template(
        "admin/audit.html",
        page=page,
        filters=filters,
        actors=actors,
        types=types,
        changed_keys=changed_keys,
    )


@bp.get("/users")
def users():
    rows = sorted(
        db.session.scalars(select(User)),
        key=lambda u: (name_key(role_label(u.role)), u.email.lower()),
    )
    return render_template("admin/users.html", users=rows, required=twofactor.staff_must_use_2fa())


@bp.route("/users/new", methods=["GET", "POST"])
def user_new():
    """Create a staff account (consultant or admin) and show its one-time invitation link."""
    form = StaffAccountForm()
    form.role.choices = opts([(role, role_label(role)) for role in STAFF])
    form.fields.choices = opts(choices("field"))
    if form.validate_on_submit():
        with unit_of_work(flash_error=False) as work:
            user, raw = accounts.invite(
                current_user,
                role=form.role.data,
                email=form.email.data,
                name=form.name.data,
                fields=form.fields.data if form.role.data == "consultant" else [],
            )
        if work.ok:
            return render_template(
                "consultant/link_issued.html",
                user=user,
                link=url_for("auth.set_password", token=raw, _external=True),
                invited=True,
            )
        form.email.errors.append(str(work.error))
    return render_template("admin/user_new.html", form=form)


@bp.post("/users/<int:user_id>/active")
def user_active(user_id: int):
    """Disable or enable an account; disabling ends every session of that user."""
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        flash(_("Anda tidak dapat menonaktifkan akun Anda sendiri."), "error")
        return redirect(url_for("admin.users"))
    with unit_of_work():
        user.active = not user.active
        if not user.active:
            user.end_all_sessions()
            onetime_links.void_all(user)  # a link issued earlier must not let anyone back in
        audit_log.record(
            "update",
            "user",
            user.email,
            before={"active": not user.active},
            after={"active": user.active},
            actor_id=current_user.id,
        )
    flash(
        _("Akun %(email)s diaktifkan.", email=user.email)
        if user.active
        else _(
            "Akun %(email)s dinonaktifkan; semua sesi dan tautan kata sandinya berakhir.",
            email=user.email,
        ),
        "info",
    )
    return redirect(url_for("admin.users"))


@bp.post("/settings/2fa")
def require_2fa():
    required = request.form.get("required") == "1"
    with unit_of_work(
        _("Login dua langkah kini wajib untuk semua staf.")
        if required
        else _("Login dua langkah tidak lagi wajib.")
    ):
        twofactor.set_required(required)
        audit_log.record(
            "update",
            "settings",
            twofactor.REQUIRE_KEY,
            after={"required": required},
            actor_id=current_user.id,
        )
    return redirect(url_for("admin.users"))
