"""E-mail: the message a notification becomes, and how it leaves.

``MAIL_URL`` chooses the transport:

- ``smtp://user:pass@host:587?starttls=1`` - SMTP, upgraded with STARTTLS when
  ``starttls=1`` (port 25 by default);
- ``smtps://user:pass@host:465`` - SMTP over TLS from the first byte;
- empty (the default) - nothing leaves: every message is kept, exactly as it
  would have been sent, in the development mailbox (``DevMail``), which an
  admin reads on a page.

A message has a plain-text and an HTML part in the recipient's language, the
centre's name, an absolute link to where the recipient acts and, for kinds a
user may turn off, ``List-Unsubscribe`` with one-click unsubscribe (RFC 8058).
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from ..models import DevMail, User, utcnow
from .notifications import path_for

UNSUBSCRIBE_SALT = "jejaring-unsubscribe"
SMTP_TIMEOUT = 30  # seconds
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


class MailError(Exception):
    """A message the transport could not hand over (retried later)."""


@dataclass(frozen=True)
class Section:
    """One thing the message tells: a heading, its paragraphs, and where to act."""

    subject: str
    paragraphs: list[str]
    action: str
    url: str


def public_url(path: str) -> str:
    return current_app.config["PUBLIC_URL"] + path


def new_message_id() -> str:
    """A Message-ID for a message about to be sent the first time (stored, so a
    resend keeps it)."""
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "jejaring.local"
    return make_msgid(domain=host)


# --- one-click unsubscribe ----------------------------------------------------------------


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User, kind: str) -> str:
    """A signed token naming the user and the kind: no login is needed to use it."""
    return _serializer().dumps([user.id, kind])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    if len(token) > 500:
        return None
    try:
        user_id, kind = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind


# --- building the message -----------------------------------------------------------------


def build(
    user: User,
    locale: str,
    message_id: str,
    subject: str,
    sections: list[Section],
    unsubscribe_kind: str | None = None,
) -> EmailMessage:
    """The whole message for ``user``, with a plain-text and an HTML part."""
    centre = current_app.config["CENTRE_NAME"]
    unsubscribe = None
    if unsubscribe_kind is not None:
        token = unsubscribe_token(user, unsubscribe_kind)
        unsubscribe = public_url(path_for("notifications.unsubscribe", {"token": token}))
    preferences = public_url(path_for("notifications.preferences", {}))
    with force_locale(locale):
        context = dict(
            subject=subject,
            sections=sections,
            centre=centre,
            user=user,
            unsubscribe=unsubscribe,
            preferences=preferences,
            lang=locale,
        )
        # The template's block tags leave blank lines: at most one between paragraphs.
        text = re.sub(r"\n{3,}", "\n\n", render_template("mail/message.txt", **context))
        html = render_template("mail/message.html", **context)
        sender_name = _("Jejaring %(centre)s", centre=centre)
    # The SMTP policy: CRLF line ends, as the message travels (and is kept in the
    # mailbox); lines up to RFC 5322's limit, so that a long link in a header stays
    # one plain token (folding would have to encode it, and clients could not use it).
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = subject
    msg["From"] = Address(sender_name, addr_spec=current_app.config["MAIL_FROM"])
    msg["To"] = Address(user.name or "", addr_spec=user.email)
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = message_id
    msg["Auto-Submitted"] = "auto-generated"
    if unsubscribe:
        msg["List-Unsubscribe"] = f"<{unsubscribe}>"
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    msg["Content-Language"] = locale  # after the parts: they take the Content-* headers set before
    return msg


# --- transports ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str  # "none", "starttls" or "ssl"
    username: str | None
    password: str | None


def parse_mail_url(url: str) -> SmtpSettings:
    """Read ``MAIL_URL``; raises ``ValueError`` naming what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps"):
        raise ValueError(f"MAIL_URL must start with smtp:// or smtps://, not {parts.scheme!r}")
    if not parts.hostname:
        raise ValueError("MAIL_URL has no host")
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes", "on")
    tls = "ssl" if parts.scheme == "smtps" else ("starttls" if starttls else "none")
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or (465 if tls == "ssl" else 25),
        tls=tls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


class SmtpTransport:
    """Sends through one SMTP connection, opened on first use and reused by a pass."""

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self._conn: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.tls == "ssl":
            conn: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=SMTP_TIMEOUT, context=ssl.create_default_context()
            )
        else:
            conn = smtplib.SMTP(s.host, s.port, timeout=SMTP_TIMEOUT)
            if s.tls == "starttls":
                conn.starttls(context=ssl.create_default_context())
        if s.username:
            conn.login(s.username, s.password or "")
        return conn

    def send(self, msg: EmailMessage) -> None:
        try:
            if self._conn is None:
                self._conn = self._connect()
            self._conn.send_message(msg)
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailError(f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._conn.quit()
            self._conn = None


class DevMailbox:
    """Keeps each message in the development mailbox, in the caller's unit of work."""

    def send(self, msg: EmailMessage) -> None:
        db.session.add(
            DevMail(
                recipient=str(msg["To"].addresses[0].addr_spec),
                subject=str(msg["Subject"])[:500],
                message_id=str(msg["Message-ID"]),
                raw=msg.as_string(),
            )
        )

    def close(self) -> None:
        pass


def transport() -> SmtpTransport | DevMailbox:
    url = current_app.config.get("MAIL_URL") or ""
    return SmtpTransport(parse_mail_url(url)) if url else DevMailbox()
