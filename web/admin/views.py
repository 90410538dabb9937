"""Admin pages: the audit log, users, failed e-mail and the development mailbox."""

from __future__ import annotations

from email import message_from_string, policy

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import StaffAccountForm, choices, opts
from ..i18n import role_label
from ..models import AuditLog, DevMail, User, name_key, utcnow
from ..permissions import STAFF, role_required
from ..services import accounts, delivery, onetime_links, twofactor
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


EMAIL_STATES = {
    "none": _l("hanya di aplikasi"),
    "digest": _l("menunggu ringkasan"),
    "pending": _l("menunggu dikirim"),
    "sent": _l("terkirim"),
    "dead": _l("mati"),
}


@bp.get("/mail")
def mail():
    """E-mails that failed: retrying ones and dead ones, with the last error."""
    return render_template(
        "admin/mail.html",
        rows=delivery.failed(),
        counts=delivery.outbox_counts(),
        states=EMAIL_STATES,
        mailbox=not current_app.config.get("MAIL_URL"),
    )


@bp.post("/mail/<int:notification_id>/retry")
def mail_retry(notification_id: int):
    if notification_id > 2**31 - 1:
        abort(404)
    with unit_of_work() as work:
        retried = delivery.retry(notification_id, current_user, utcnow())
    if work.ok and retried:
        flash(_("Pesan dijadwalkan untuk dikirim ulang sekarang."), "info")
    else:
        flash(_("Pesan ini tidak dapat dikirim ulang."), "error")
    return redirect(url_for("admin.mail"))


@bp.get("/mailbox")
def mailbox():
    """The development mailbox: messages kept as they would have been sent."""
    page = db.paginate(
        select(DevMail).order_by(DevMail.id.desc()),
        page=request.args.get("page", 1, type=int),
        per_page=PAGE_SIZE,
        error_out=False,
    )
    return render_template(
        "admin/mailbox.html", page=page, sending=bool(current_app.config.get("MAIL_URL"))
    )


SHOWN_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "Content-Language",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
)


# The HTML part of a kept message, shown as the recipient's mail client would: no
# script, no request anywhere (inline styles and data: images only), sandboxed.
MAIL_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


def _parsed(message_id: int):
    if message_id > 2**31 - 1:
        abort(404)
    stored = db.get_or_404(DevMail, message_id)
    return stored, message_from_string(stored.raw, policy=policy.default)


@bp.get("/mailbox/<int:message_id>/html")
def mailbox_html(message_id: int):
    _, parsed = _parsed(message_id)
    part = parsed.get_body(preferencelist=("html",))
    if part is None:
        abort(404)
    return (
        part.get_content(),
        200,
        {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": MAIL_HTML_CSP,
        },
    )


@bp.get("/mailbox/<int:message_id>")
def mailbox_message(message_id: int):
    stored, parsed = _parsed(message_id)
    headers = [(name, str(parsed[name])) for name in SHOWN_HEADERS if parsed[name] is not None]
    parts = [
        {"type": part.get_content_type(), "body": part.get_content()}
        for part in parsed.walk()
        if not part.is_multipart()
    ]
    return render_template(
        "admin/mailbox_message.html", message=stored, headers=headers, parts=parts
    )
