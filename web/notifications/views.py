"""Notifications in the app (every role): the list, opening an entry, marking all
read, the preferences, and one-click unsubscribe from an e-mail (no login)."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..edge import unit_of_work
from ..extensions import csrf, db
from ..forms_base import BaseForm
from ..models import User
from ..services import mail, notifications
from ..services.notifications import render

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
PAGE_SIZE = 30
CHANNEL_LABELS = {
    "in_app": _l("Hanya di aplikasi"),
    "email": _l("E-mail segera"),
    "daily": _l("Ringkasan harian"),
    "weekly": _l("Ringkasan mingguan"),
    "off": _l("Mati"),
}


class EmptyForm(BaseForm):
    """Only its CSRF token."""


@bp.get("")
@login_required
def index():
    page = max(1, min(request.args.get("page", 1, type=int), 10_000))
    rows = notifications.listed_for(current_user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    total = notifications.count_for(current_user)
    locale = notifications.locale_of(current_user)
    entries = [(row, render(row, locale)) for row in rows]
    return render_template(
        "notifications/index.html",
        entries=entries,
        page=page,
        more=page * PAGE_SIZE < total,
        unread=notifications.unread_count(current_user),
        form=EmptyForm(),
    )


@bp.get("/<int:notification_id>")
@login_required
def open_entry(notification_id: int):
    """Opening an entry marks it read and goes where the user acts on it."""
    if notification_id > 2**31 - 1:
        abort(404)
    with unit_of_work():
        row = notifications.open_for(current_user, notification_id)
        path = render(row, notifications.locale_of(current_user)).path if row else None
    if row is None:
        abort(404)
    return redirect(path)


@bp.post("/read-all")
@login_required
def read_all():
    if not EmptyForm().validate_on_submit():
        abort(400)
    with unit_of_work(_("Semua pemberitahuan ditandai sudah dibaca.")):
        notifications.mark_read(current_user)
    return redirect(url_for("notifications.index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    kinds = notifications.kinds_for(current_user)
    form = EmptyForm()
    status = 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        # A kind missing from the form keeps its setting; an unknown channel is refused.
        chosen = {
            kind.name: request.form[f"kind-{kind.name}"]
            for kind in kinds
            if kind.optional and f"kind-{kind.name}" in request.form
        }
        with unit_of_work(_("Pilihan pemberitahuan tersimpan.")) as work:
            for name, channel in chosen.items():
                notifications.set_preference(current_user, name, channel)
        if work.ok:
            return redirect(url_for("notifications.preferences"))
        status = 400
    locale = notifications.locale_of(current_user)
    return render_template(
        "notifications/preferences.html",
        kinds=kinds,
        current=notifications.preferences_of(current_user),
        labels=CHANNEL_LABELS,
        describe=lambda kind: notifications.describe(kind, locale),
        form=form,
    ), status


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: the mail client POSTs with no session and no CSRF token
def unsubscribe(token: str):
    """One-click unsubscribe: POST (from the mail client or the button) stops the
    e-mails of that kind; GET only shows the button."""
    found = mail.read_unsubscribe_token(token)
    if found is None:
        return render_template(
            "errors/message.html", message=_("Tautan berhenti berlangganan ini tidak berlaku.")
        ), 404
    user_id, target = found
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    description = notifications.describe_target(target, notifications.locale_of(user))
    if description is None:
        abort(404)
    if request.method == "POST":
        with unit_of_work() as work:
            notifications.stop_email(user, target)
        if not work.ok:
            abort(404)
        return render_template("notifications/unsubscribe.html", done=True, description=description)
    return render_template("notifications/unsubscribe.html", done=False, description=description)
