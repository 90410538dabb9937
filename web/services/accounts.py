"""User accounts: creation with role checks and password rules, and invitations.

Who creates which account (README, "Accounts"): admins create staff accounts
(consultant, admin) and may invite anyone; consultants invite MSME owners and
partner users; a partner organisation may register itself (its user waits for
a consultant's approval of the partner); an MSME owner never registers alone:
a consultant invites them from the MSME's page once the profile exists.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from ..extensions import db
from ..models import ROLES, Msme, Partner, User
from . import audit, onetime_links
from .errors import DomainError
from .exchange import EMAIL_RE

PASSWORD_MIN = 10
PASSWORD_MAX = 128


class AccountError(DomainError, ValueError):
    """An account could not be created; the message says why."""


COMMON_PASSWORDS = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


def is_common(password: str) -> bool:
    """A password from the common-password list, or one of one or two repeated characters."""
    lowered = password.strip().lower()
    return lowered in _common_passwords() or len(set(lowered)) <= 2


def password_problem(password: str, email: str | None = None) -> str | None:
    """Why a password is not acceptable, or ``None``.

    Length (10 to 128), not a common password, not the e-mail address; no
    composition rules (ASVS 2.1).
    """
    if len(password) < PASSWORD_MIN:
        return f"password must have at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"password must have at most {PASSWORD_MAX} characters"
    lowered = password.strip().lower()
    if is_common(password):
        return "this password is too common; choose another (a short sentence works well)"
    if email and lowered in (email.lower(), email.lower().split("@")[0]):
        return "the password must not be the e-mail address"
    return None


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    *,
    role: str,
    email: str,
    password: str,
    name: str = "",
    partner_external_id: str | None = None,
    msme_external_id: str | None = None,
    fields: list[str] | None = None,
    actor_label: str = "cli",
) -> User:
    """Create a user; a partner user belongs to a partner, an MSME user to an MSME."""
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; expected one of: {', '.join(ROLES)}")
    if not EMAIL_RE.match(email):
        raise AccountError(f"{email!r} is not an e-mail address")
    if find_user(email) is not None:
        raise AccountError(f"an account for {email} already exists")
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem)
    user = User(
        email=email,
        name=name,
        role=role,
        fields=list(fields or []),
        password_hash=generate_password_hash(password),
    )
    if role == "partner":
        if not partner_external_id:
            raise AccountError("a partner account needs --partner EXTERNAL_ID")
        user.partner = db.session.scalar(
            select(Partner).where(Partner.external_id == partner_external_id)
        )
        if user.partner is None:
            raise AccountError(f"no partner with external id {partner_external_id!r}")
    elif partner_external_id:
        raise AccountError("--partner is only for role partner")
    if role == "msme":
        if not msme_external_id:
            raise AccountError("an MSME account needs --msme EXTERNAL_ID")
        user.msme = db.session.scalar(select(Msme).where(Msme.external_id == msme_external_id))
        if user.msme is None:
            raise AccountError(f"no MSME with external id {msme_external_id!r}")
    elif msme_external_id:
        raise AccountError("--msme is only for role msme")
    db.session.add(user)
    audit.record(
        "create", "user", email, after={"email": email, "role": role}, actor_label=actor_label
    )
    return user


def ensure_demo_accounts(entries: list[dict]) -> int:
    """Create the demo accounts that do not exist yet; returns how many were created."""
    created = 0
    for entry in entries:
        if find_user(entry["email"]) is not None:
            continue
        create_user(
            role=entry["role"],
            email=entry["email"],
            password=entry["password"],
            name=entry.get("name", ""),
            partner_external_id=entry.get("partner"),
            msme_external_id=entry.get("msme"),
            fields=entry.get("fields"),
            actor_label="seed",
        )
        created += 1
    return created


def new_external_id(model, prefix: str) -> str:
    """A fresh, readable external id such as ``UMKM-7F3K2Q`` for records made in the app."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        candidate = f"{prefix}-" + "".join(secrets.choice(alphabet) for _ in range(6))
        if db.session.scalar(select(model.id).where(model.external_id == candidate)) is None:
            return candidate


def unusable() -> str:
    """A random password nobody knows, for accounts that get a set-password link."""
    return secrets.token_urlsafe(48)


# The roles each staff role may create accounts for (by invitation).
MAY_CREATE = {
    "admin": ("consultant", "admin", "partner", "msme"),
    "consultant": ("partner", "msme"),
}


def may_create(issuer: User, role: str) -> bool:
    return role in MAY_CREATE.get(issuer.role, ())


def invite(
    issuer: User,
    *,
    role: str,
    email: str,
    name: str = "",
    partner_external_id: str | None = None,
    msme_external_id: str | None = None,
    fields: list[str] | None = None,
) -> tuple[User, str]:
    """Create an account nobody can log in to yet and a one-time invitation link
    (72 hours) with which its owner sets a password; returns the user and the raw
    token of the link. Raises ``AccountError`` (translated) for a role ``issuer``
    may not create, an address that is not one, or one that already has an account."""
    if not may_create(issuer, role):
        raise AccountError(_l("Anda tidak dapat membuat akun dengan peran ini."))
    email = (email or "").strip().lower()
    if not EMAIL_RE.match(email):
        raise AccountError(_l("%(email)s bukan alamat e-mail.", email=email or "–"))
    if find_user(email) is not None:
        raise AccountError(_l("Sudah ada akun untuk %(email)s.", email=email))
    user = create_user(
        role=role,
        email=email,
        password=unusable(),
        name=(name or "").strip(),
        partner_external_id=partner_external_id,
        msme_external_id=msme_external_id,
        fields=fields,
        actor_label=issuer.email,
    )
    db.session.flush()
    return user, onetime_links.issue_link(user, "invite", issuer)
