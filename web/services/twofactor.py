"""TOTP two-factor login for staff accounts (RFC 6238 codes from an authenticator app).

A password that checks out for a user with two-factor login only marks the
session as pending; the login finishes when a current code is entered.
Admins can require two-factor login for every consultant and admin.
"""

from __future__ import annotations

import base64
import time

import pyotp
import segno
from flask import session

from ..extensions import db
from ..models import SystemState, User

PENDING_SECONDS = 300
REQUIRE_KEY = "require_staff_2fa"
ISSUER = "Jejaring PLUT-KUMKM"


def begin(user: User, target: str) -> None:
    """Remember, in a fresh session, that ``user`` passed the password step."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    session["2fa"] = {"user": user.id, "at": int(time.time()), "next": target}


def pending() -> tuple[User | None, str]:
    state = session.get("2fa") or {}
    if not state or int(time.time()) - state.get("at", 0) > PENDING_SECONDS:
        session.pop("2fa", None)
        return None, ""
    user = db.session.get(User, state["user"])
    if user is None or not user.active or not user.totp_secret:
        return None, ""
    return user, state.get("next") or "/"


def verify(secret: str | None, code: str | None) -> bool:
    """Whether ``code`` is the current code (one step of clock drift allowed)."""
    code = (code or "").replace(" ", "")
    return bool(secret) and code.isdigit() and pyotp.TOTP(secret).verify(code, valid_window=1)


def new_secret() -> str:
    return pyotp.random_base32()


def setup_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The setup QR code as an SVG data URI (no script, allowed by the CSP)."""
    svg = segno.make(uri, error="m").svg_inline(scale=4)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def staff_must_use_2fa() -> bool:
    state = db.session.get(SystemState, REQUIRE_KEY)
    return bool(state and state.value)


def set_required(required: bool) -> None:
    state = db.session.get(SystemState, REQUIRE_KEY)
    if state is None:
        db.session.add(SystemState(key=REQUIRE_KEY, value=required))
    else:
        state.value = required


def needs_setup(user: User) -> bool:
    """A staff user who must turn two-factor login on before doing anything else."""
    return user.role in ("consultant", "admin") and not user.totp_secret \
        and staff_must_use_2fa()
