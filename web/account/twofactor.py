"""Two-factor login settings for staff, and the admin's requirement to use it."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..services import audit, twofactor
from .views import bp

ALLOWED_WHILE_SETTING_UP = {"account.twofactor", "account.twofactor_enable", "auth.logout",
                            "static", "main.set_language"}


@bp.before_app_request
def _require_setup():
    """Send staff who must use two-factor login to its setup page until it is on."""
    if request.path.startswith("/api/") or not current_user.is_authenticated:
        return None
    if request.endpoint in ALLOWED_WHILE_SETTING_UP or not twofactor.needs_setup(current_user):
        return None
    flash(_("Admin mewajibkan login dua langkah untuk staf. Aktifkan dulu untuk melanjutkan."),
          "info")
    return redirect(url_for("account.twofactor"))


def _staff_only() -> None:
    if current_user.role not in ("consultant", "admin"):
        abort(403)


def twofactor_page():
    _staff_only()
    context = {"enabled": bool(current_user.totp_secret),
               "required": twofactor.staff_must_use_2fa()}
    if not current_user.totp_secret:
        secret = session.setdefault("2fa_setup", twofactor.new_secret())
        uri = twofactor.setup_uri(current_user, secret)
        context.update(secret=secret, qr=twofactor.qr_data_uri(uri))
    return render_template("account/twofactor.html", **context)


bp.add_url_rule("/2fa", endpoint="twofactor", view_func=twofactor_page)


@bp.post("/2fa/enable")
def twofactor_enable():
    _staff_only()
    secret = session.get("2fa_setup")
    if not secret or not twofactor.accept(current_user, secret, request.form.get("code")):
        db.session.rollback()
        flash(_("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil."), "error")
        return redirect(url_for("account.twofactor"))
    current_user.totp_secret = secret
    session.pop("2fa_setup", None)
    audit.record("update", "user", current_user.email, after={"two_factor": True},
                 actor_id=current_user.id)
    db.session.commit()
    flash(_("Login dua langkah aktif. Mulai sekarang Jejaring meminta kode setiap kali masuk."),
          "info")
    return redirect(url_for("account.twofactor"))


@bp.post("/2fa/disable")
def twofactor_disable():
    _staff_only()
    if twofactor.staff_must_use_2fa():
        flash(_("Login dua langkah diwajibkan admin dan tidak dapat dimatikan."), "error")
        return redirect(url_for("account.twofactor"))
    if not twofactor.accept(current_user, current_user.totp_secret, request.form.get("code")):
        db.session.rollback()
        flash(_("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil."), "error")
        return redirect(url_for("account.twofactor"))
    current_user.totp_secret = None
    audit.record("update", "user", current_user.email, after={"two_factor": False},
                 actor_id=current_user.id)
    db.session.commit()
    flash(_("Login dua langkah dimatikan."), "info")
    return redirect(url_for("account.twofactor"))
