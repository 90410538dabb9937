"""TOTP two-factor login for staff accounts (RFC 6238 codes from an authenticator app).

A password that checks out for a user with two-factor login only marks the
session as pending (and the server keeps a record of it); the login finishes
when a current code, not used before, is entered.
Admins can require two-factor login for every consultant and admin.

For a lost phone, each user gets ``RECOVERY_CODES`` one-time recovery codes when
two-factor login is turned on (shown once, stored as SHA-256 hashes, regenerable
with a current code); one of them stands in for the app's code at the second
step, once, and its use is audited.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets

import pyotp
import pyotp.utils
import segno
from flask import session
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..models import AuthAttempt, RecoveryCode, SystemState, User, utcnow
from . import audit, throttle
from .errors import DomainError

PENDING_SECONDS = 300
RECOVERY_CODES = 10
# Lower-case letters and digits without the look-alikes (0/o, 1/l/i): 31 symbols,
# 10 of them per code, about 49 bits: out of reach of the five guesses a pending
# login allows (and of the account's throttle beyond).
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_RECOVERY_LENGTH = 10
MAX_CODE_FAILURES = 5
REQUIRE_KEY = "require_staff_2fa"
ISSUER = "Jejaring PLUT-KUMKM"


class TwoFactorError(DomainError):
    """Two-factor login could not be turned on or off; the message says why."""


WRONG_CODE = _l("Kode salah atau sudah kedaluwarsa. Coba kode yang sedang tampil.")


def _pending_key(pending_id: str) -> str:
    return throttle.hashed_key("2fa", pending_id)


def begin(user: User, target: str) -> None:
    """Remember, in a fresh session, that ``user`` passed the password step.

    The pending login is also a row on the server (its id hashed): wrong codes
    are counted there, so replaying an older cookie or switching address does
    not give fresh attempts, and the login dies after ``MAX_CODE_FAILURES``.
    """
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    pending_id = secrets.token_urlsafe(24)
    db.session.add(AuthAttempt(key=_pending_key(pending_id), failures=0, created_at=throttle.now()))
    session["2fa"] = {"id": pending_id, "user": user.id, "st": user.session_token, "next": target}


def _pending_row(state: dict) -> AuthAttempt | None:
    if not state.get("id"):
        return None
    row = db.session.scalar(
        select(AuthAttempt)
        .where(AuthAttempt.key == _pending_key(state["id"]))
        .execution_options(populate_existing=True)
    )
    if row is None or row.failures >= MAX_CODE_FAILURES:
        return None
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=dt.UTC)
    if (throttle.now() - created).total_seconds() > PENDING_SECONDS:
        return None
    return row


def pending() -> tuple[User | None, str]:
    """The user of this session's live pending login and where to go after, or ``None``.

    A pending login dies when it expires, after too many wrong codes, and when
    the user's sessions are ended (logout everywhere, a new password, disabling).
    """
    state = session.get("2fa") or {}
    if not state or _pending_row(state) is None:
        session.pop("2fa", None)
        return None, ""
    user = db.session.get(User, state.get("user"))
    if (
        user is None
        or not user.active
        or not user.totp_secret
        or user.session_token != state.get("st")
    ):
        session.pop("2fa", None)
        return None, ""
    return user, state.get("next") or "/"


def code_failed() -> bool:
    """Count a wrong code against this session's pending login; True when it is now dead."""
    state = session.get("2fa") or {}
    key = _pending_key(state.get("id") or "")
    db.session.execute(
        update(AuthAttempt)
        .where(AuthAttempt.key == key)
        .values(failures=AuthAttempt.failures + 1, last_failure_at=throttle.now())
        .execution_options(synchronize_session=False)
    )
    if _pending_row(state) is None:
        session.pop("2fa", None)
        return True
    return False


def finish() -> bool:
    """End this session's pending login after a right code; False if it already ended
    (a concurrent request used it first)."""
    state = session.pop("2fa", None) or {}
    key = _pending_key(state.get("id") or "")
    done = db.session.execute(
        delete(AuthAttempt)
        .where(AuthAttempt.key == key, AuthAttempt.failures < MAX_CODE_FAILURES)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose code ``code`` is (one step of clock drift allowed), or ``None``."""
    totp = pyotp.TOTP(secret)
    current = totp.timecode(dt.datetime.now(dt.UTC))
    for step in (current - 1, current, current + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def accept(user: User, secret: str | None, code: str | None) -> bool:
    """Whether ``code`` is a current code of ``secret`` not used before by ``user``.

    A code is accepted once: its time step is stored on the user (atomically,
    so two workers cannot both accept it) and codes at or before it are refused.
    """
    code = (code or "").replace(" ", "")
    if not secret or not code.isdigit():
        return False
    step = _matching_step(secret, code)
    if step is None:
        return False
    taken = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        return False
    set_committed_value(user, "totp_last_step", step)
    return True


def _recovery_hash(user_id: int, code: str) -> str:
    return hashlib.sha256(f"{user_id}:{code}".encode()).hexdigest()


def normalise_recovery_code(raw: str | None) -> str:
    """A recovery code as typed (any case, spaces, dashes) in its stored form."""
    return "".join(ch for ch in (raw or "").lower() if ch.isalnum())


def looks_like_recovery_code(raw: str | None) -> bool:
    code = normalise_recovery_code(raw)
    return len(code) == _RECOVERY_LENGTH and not code.isdigit()


def new_recovery_codes(user: User) -> list[str]:
    """Replace ``user``'s recovery codes with ``RECOVERY_CODES`` fresh ones.

    Returns them as shown to the user (``abcde-fghjk``); only hashes are stored,
    so this is the only time anyone sees them. Older codes stop working.
    """
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        for _ in range(RECOVERY_CODES)
    ]
    db.session.add_all(
        RecoveryCode(user_id=user.id, code_hash=_recovery_hash(user.id, code)) for code in codes
    )
    audit.record(
        "create", "recovery_codes", user.email, after={"count": len(codes)}, actor_id=user.id
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )


def use_recovery_code(user: User, raw: str | None) -> bool:
    """Whether ``raw`` is an unused recovery code of ``user``; marks it used (once:
    a conditional update, so two requests cannot both use it) and audits it."""
    if not looks_like_recovery_code(raw):
        return False
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _recovery_hash(user.id, normalise_recovery_code(raw)),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:
        return False
    audit.record(
        "update",
        "user",
        user.email,
        after={"recovery_code": "used", "recovery_codes_left": recovery_codes_left(user)},
        actor_id=user.id,
    )
    return True


def new_secret() -> str:
    return pyotp.random_base32()


def setup_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The setup QR code as an SVG data URI (no script, allowed by the CSP).

    The SVG carries its namespace (an image without it does not render) and a white
    background with the quiet zone, so it scans on any page colour."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, border=4, light="#fff")
    if "xmlns=" not in svg:
        svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
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


def enable(user: User, secret: str | None, code: str | None) -> list[str]:
    """Turn two-factor login on with the ``secret`` being set up, once ``code`` proves
    the user's app has it; returns the new recovery codes; raises ``TwoFactorError``."""
    if not secret or not accept(user, secret, code):
        raise TwoFactorError(WRONG_CODE)
    user.totp_secret = secret
    audit.record("update", "user", user.email, after={"two_factor": True}, actor_id=user.id)
    return new_recovery_codes(user)


def regenerate_recovery_codes(user: User, code: str | None) -> list[str]:
    """New recovery codes for a user with two-factor login on, with a current ``code``
    of their app; raises ``TwoFactorError``."""
    if not user.totp_secret or not accept(user, user.totp_secret, code):
        raise TwoFactorError(WRONG_CODE)
    return new_recovery_codes(user)


def disable(user: User, code: str | None) -> None:
    """Turn two-factor login off with a current ``code``, unless admins require it;
    raises ``TwoFactorError``."""
    if staff_must_use_2fa():
        raise TwoFactorError(_l("Login dua langkah diwajibkan admin dan tidak dapat dimatikan."))
    if not accept(user, user.totp_secret, code):
        raise TwoFactorError(WRONG_CODE)
    user.totp_secret = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    audit.record("update", "user", user.email, after={"two_factor": False}, actor_id=user.id)


def needs_setup(user: User) -> bool:
    """A staff user who must turn two-factor login on before doing anything else."""
    return user.role in ("consultant", "admin") and not user.totp_secret and staff_must_use_2fa()
