"""Logging in and out, one-time password links, and partner self-registration."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

from matcher import codes

from ..extensions import db, limiter
from ..forms_common import opts, region_choices
from ..i18n import code_label
from ..models import Partner, User
from ..redirects import safe_target
from ..security import AUTH_LIMIT, session_times
from ..services import accounts, audit, tokens, twofactor
from ..services.exchange import normalise_phone
from .forms import CodeForm, LoginForm, PartnerRegistrationForm, SetPasswordForm

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


def start_session(user: User) -> None:
    """Log in on a fresh session (no fixation), keeping only the language choice."""
    if not user.session_token:
        user.end_all_sessions()
        db.session.commit()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    login_user(user)
    session_times.stamp_login()


def _safe_next(target: str | None) -> str | None:
    return safe_target(target)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.email.data)
        hashed = user.password_hash if user is not None else _DUMMY_HASH
        if check_password_hash(hashed, form.password.data) and user is not None \
                and user.active:
            target = _safe_next(request.args.get("next")) or home_for(user)
            if user.totp_secret:
                twofactor.begin(user, target)
                return redirect(url_for("auth.login_code"))
            start_session(user)
            return redirect(target)
        flash(_("E-mail atau kata sandi salah."), "error")
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    lang = session.get("lang")
    current_user.end_all_sessions()  # every device of this user is logged out
    db.session.commit()
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("Anda sudah keluar."), "info")
    return redirect(url_for("main.index"))


@bp.route("/login/kode", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def login_code():
    """Second step for users with two-factor login: the code from their app."""
    user, target = twofactor.pending()
    if user is None:
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if twofactor.verify(user.totp_secret, form.code.data):
            start_session(user)
            return redirect(target)
        form.code.errors.append(_("Kode salah atau sudah kedaluwarsa."))
    return render_template("auth/code.html", form=form)


@bp.route("/password/<token>", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def set_password(token: str):
    """Set a password through a one-time link (reset or invitation)."""
    found = tokens.find_valid(token)
    if found is None:
        abort(404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        user = found.user
        user.password_hash = generate_password_hash(form.password.data)
        user.active = True
        tokens.consume(found)
        audit.record("update", "user", user.email, after={"password": "changed"},
                     actor_id=user.id)
        db.session.commit()
        flash(_("Kata sandi tersimpan. Silakan masuk."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, user=found.user)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(AUTH_LIMIT, methods=["POST"])
def register_partner():
    """A partner organisation registers itself and its first user; a consultant approves it."""
    form = PartnerRegistrationForm()
    form.type.choices = opts([(c, code_label(c, "partner_type")) for c in codes.PARTNER_TYPES])
    form.regions.choices = opts(region_choices())
    if form.validate_on_submit():
        phone = normalise_phone(form.phone.data)
        if phone is None:
            form.phone.errors.append(_("Nomor telepon tidak dikenali."))
        else:
            partner = Partner(
                external_id=accounts.new_external_id(Partner, "MTR"),
                name=form.organisation.data.strip(), type=form.type.data,
                regions=form.regions.data, description=form.description.data or None,
                contact_person=form.person.data.strip(), contact_phone=phone,
                contact_email=form.email.data.strip().lower(), approved=False)
            db.session.add(partner)
            db.session.flush()
            audit.record("create", "partner", partner.external_id,
                         after={"name": partner.name, "approved": False},
                         actor_label="self-registration")
            user = accounts.create_user(
                role="partner", email=form.email.data, password=form.password.data,
                name=form.person.data.strip(), partner_external_id=partner.external_id,
                actor_label="self-registration")
            db.session.commit()
            start_session(user)
            flash(_("Pendaftaran diterima. Layanan Anda akan disarankan ke UMKM setelah "
                    "disetujui konsultan PLUT."), "info")
            return redirect(url_for("partner.dashboard"))
    return render_template("auth/register.html", form=form)
