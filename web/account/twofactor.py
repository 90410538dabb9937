"""Two-factor login settings for staff, and the admin's requirement to use it."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..edge import unit_of_work
from ..services import twofactor
from .views import bp

ALLOWED_WHILE_SETTING_UP = {
    "account.twofactor",
    "account.twofactor_enable",
    "auth.logout",
    "static",
    "main.set_language",
}


@bp.before_app_request
def _require_setup():
    """Send staff who must use two-factor login to its setup page until it is on."""
    if request.path.startswith("/api/") or not current_user.is_authenticated:
        return None
    if request.endpoint in ALLOWED_WHILE_SETTING_UP or not twofactor.needs_setup(current_user):
        return None
    flash(
        _("Admin mewajibkan login dua langkah untuk staf. Aktifkan dulu untuk melanjutkan."), "info"
    )
    return redirect(url_for("account.twofactor"))


def _staff_only() -> None:
    if current_user.role not in ("consultant", "admin"):
        abort(403)


def twofactor_page():
    _staff_only()
    context = {
        "enabled": bool(current_user.totp_secret),
        "required": twofactor.staff_must_use_2fa(),
        "codes_left": twofactor.recovery_codes_left(current_user),
    }
    if not current_user.totp_secret:
        secret = session.setdefault("2fa_setup", twofactor.new_secret())
        uri = twofactor.setup_uri(current_user, secret)
        context.update(secret=secret, qr=twofactor.qr_data_uri(uri))
    return render_template("account/twofactor.html", **context)


bp.add_url_rule("/2fa", endpoint="twofactor", view_func=twofactor_page)


@bp.post("/2fa/enable")
def twofactor_enable():
    """Turn two-factor login on; the answer shows the recovery codes, this once."""
    _staff_only()
    with unit_of_work(
        _("Login dua langkah aktif. Mulai sekarang Jejaring meminta kode setiap kali masuk.")
    ) as work:
        codes = twofactor.enable(current_user, session.get("2fa_setup"), request.form.get("code"))
    if not work.ok:
        return redirect(url_for("account.twofactor"))
    session.pop("2fa_setup", None)
    return _show_recovery_codes(codes)


@bp.post("/2fa/recovery-codes")
def twofactor_recovery_codes():
    """New recovery codes (the old ones stop working), with a current code of the app."""
    _staff_only()
    with unit_of_work(_("Kode pemulihan baru dibuat; kode lama tidak berlaku lagi.")) as work:
        codes = twofactor.regenerate_recovery_codes(current_user, request.form.get("code"))
    if not work.ok:
        return redirect(url_for("account.twofactor"))
    return _show_recovery_codes(codes)


def _show_recovery_codes(codes: list[str]):
    """The codes in the answer to the POST, never stored in the session or re-shown."""
    response = make_response(render_template("account/recovery_codes.html", codes=codes))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/2fa/disable")
def twofactor_disable():
    _staff_only()
    with unit_of_work(_("Login dua langkah dimatikan.")):
        twofactor.disable(current_user, request.form.get("code"))
    return redirect(url_for("account.twofactor"))
