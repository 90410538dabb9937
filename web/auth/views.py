"""Logging in and out, one-time password links, and partner self-registration."""

from __future__ import annotations

import secrets

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from matcher import codes

from ..edge import unit_of_work
from ..extensions import limiter
from ..forms_common import opts, region_choices
from ..i18n import code_label
from ..models import User
from ..redirects import safe_target
from ..security import AUTH_LIMIT, session_times
from ..services import accounts, api_tokens, onetime_links, throttle, twofactor
from ..services import partners as partner_service
from ..services.exchange import normalise_phone
from .forms import (
    CodeForm,
    ForgotPasswordForm,
    LinkPasswordForm,
    LoginForm,
    PartnerRegistrationForm,
)

bp = Blueprint("auth", __name__)

# Verified against when the e-mail is unknown, so both cases take as long.
_DUMMY_HASH = generate_password_hash(secrets.token_hex(8))


def home_for(user: User) -> str:
    return {
        "consultant": url_for("consultant.dashboard"),
        "admin": url_for("consultant.dashboard"),
        "partner": url_for("partner.dashboard"),
        "msme": url_for("msme.dashboard"),
    }[user.role]


def finish_login(user: User, key: str, target: str):
    """The password (and code) checked out: forget the account's failures, log in on
    a fresh session (no fixation) keeping only the language choice, and go on."""
    with unit_of_work():
        throttle.forget(key)
        if not user.session_token:
            user.end_all_sessions()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    session_times.stamp_login()
    return redirect(target)


def _safe_next(target: str | None) -> str | None:
    return safe_target(target)


def _throttled(template: str, form, wait: int):
    """The answer while an account must wait: the same page, a 429 and how long to wait."""
    amount, unit = throttle.describe_wait(wait)
    if unit == "seconds":
        message = _(
            "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Tunggu %(n)s "
            "detik, lalu coba lagi.",
            n=amount,
        )
    else:
        message = _(
            "Terlalu banyak percobaan masuk yang gagal untuk akun ini. Tunggu %(n)s "
            "menit, lalu coba lagi.",
            n=amount,
        )
    flash(message, "error")
    return render_template(template, form=form), 429, {"Retry-After": str(wait)}


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        key = throttle.account_key(form.email.data)
        wait = throttle.wait_seconds(key)
        if wait:
            return _throttled("auth/login.html", form, wait)
        user = accounts.find_user(form.email.data)
        hashed = user.password_hash if user is not None else _DUMMY_HASH
        if check_password_hash(hashed, form.password.data) and user is not None and user.active:
            target = _safe_next(request.args.get("next")) or home_for(user)
            if user.totp_secret:
                # The account's failures are forgotten only once the code is right too.
                with unit_of_work():
                    twofactor.begin(user, target)
                return redirect(url_for("auth.login_code"))
            return finish_login(user, key, target)
        # The failed login's answer commits the failure: counting it is the point.
        with unit_of_work():
            throttle.record_failure(key)
        flash(_("E-mail atau kata sandi salah."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    lang = session.get("lang")
    with unit_of_work():
        current_user.end_all_sessions()  # every device of this user is logged out
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("main.index"))


@bp.route("/login/kode", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login_code():
    """Second step for users with two-factor login: the code from their app, or one
    of their recovery codes when the phone is lost (each works once)."""
    user, target = twofactor.pending()
    if user is None:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        key = throttle.account_key(user.email)
        wait = throttle.wait_seconds(key)
        if wait:
            return _throttled("auth/code.html", form, wait)
        if twofactor.accept(user, user.totp_secret, form.code.data) or (
            twofactor.use_recovery_code(user, form.code.data)
        ):
            if not twofactor.finish():  # a concurrent request finished this login first
                return redirect(url_for("auth.login"))  # nothing of it is committed
            return finish_login(user, key, target)
        with unit_of_work():  # the failure counts, as after a wrong password
            throttle.record_failure(key)
            dead = twofactor.code_failed()
        if dead:
            flash(_("Terlalu banyak kode salah. Masuk lagi dengan e-mail dan kata sandi."), "error")
            return redirect(url_for("auth.login"))
        form.code.errors.append(_("Kode salah, sudah dipakai, atau sudah kedaluwarsa."))
    return render_template("auth/code.html", form=form)


def _link_not_valid():
    return render_template("errors/message.html", message=onetime_links.NOT_VALID), 404


@bp.route("/password/<token>", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def set_password(token: str):
    """Set a password through a one-time link (reset or invitation).

    Every session of the user ends, and their API tokens are revoked unless
    they ticked the box to keep them; whether the account is active is left alone.
    """
    found = onetime_links.find_valid(token)
    if found is None:
        return _link_not_valid()
    user = found.user
    form = LinkPasswordForm()
    if form.validate_on_submit():
        with unit_of_work(
            _("Kata sandi tersimpan dan semua sesi lama akun ini diakhiri. Silakan masuk."),
            flash_error=False,
        ) as work:
            onetime_links.set_password(
                found,
                generate_password_hash(form.password.data),
                keep_api_tokens=bool(form.keep_api_tokens.data),
            )
            throttle.forget(throttle.account_key(user.email))
        if not work.ok:
            return _link_not_valid()
        return redirect(url_for("auth.login"))
    return render_template(
        "auth/set_password.html", form=form, user=user, has_api_tokens=api_tokens.has_active(user)
    )


@bp.route("/lupa-kata-sandi", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def forgot_password():
    """Ask for a password-reset link by e-mail. The answer is the same whether or
    not the address has an account (see ``onetime_links.request_reset``)."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with unit_of_work(flash_error=False):
            onetime_links.request_reset(form.email.data)
        flash(
            _(
                "Jika alamat ini terdaftar pada akun yang aktif, tautan untuk mengatur ulang "
                "kata sandi sudah dikirim ke sana. Tautan berlaku 72 jam dan hanya sekali "
                "pakai. Tidak menerima e-mail? Periksa folder spam atau hubungi konsultan PLUT."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def register_partner():
    """A partner organisation registers itself and its first user; a consultant approves it.

    The answer is the same whether or not the e-mail already has an account, so
    the form cannot be used to find out who has one: a new e-mail gets the
    partner and its user (who then logs in), a known one gets nothing created,
    and the shared message tells a returning user to log in or ask for a link.
    """
    form = PartnerRegistrationForm()
    form.type.choices = opts([(c, code_label(c, "partner_type")) for c in codes.PARTNER_TYPES])
    form.regions.choices = opts(region_choices())
    if form.validate_on_submit():
        phone = normalise_phone(form.phone.data)
        if phone is None:
            form.phone.errors.append(_("Nomor telepon tidak dikenali."))
        elif accounts.password_problem(form.password.data, form.email.data):
            form.password.errors.append(_("Kata sandi tidak boleh sama dengan alamat e-mail."))
        else:
            try:
                with unit_of_work():
                    if accounts.find_user(form.email.data) is None:
                        _register(form, phone)
                    else:
                        generate_password_hash(form.password.data)  # the same work and time
            except IntegrityError:  # registered at the same moment by another request
                pass  # rolled back; the answer is the same
            flash(
                _(
                    "Pendaftaran diterima. Masuk dengan e-mail dan kata sandi yang baru Anda "
                    "buat; layanan Anda akan disarankan ke UMKM setelah disetujui konsultan "
                    "PLUT. Jika e-mail ini sudah terdaftar sebelumnya, tidak ada akun baru yang "
                    "dibuat: masuk dengan kata sandi lama Anda atau minta tautan atur ulang "
                    "kata sandi ke konsultan PLUT."
                ),
                "info",
            )
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


def _register(form: PartnerRegistrationForm, phone: str) -> None:
    partner_service.register(
        name=form.organisation.data.strip(),
        type=form.type.data,
        regions=form.regions.data,
        description=form.description.data or None,
        person=form.person.data.strip(),
        phone=phone,
        email=form.email.data,
        password=form.password.data,
    )
