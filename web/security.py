"""Cross-cutting protections: security headers, rate limits, and answers for
when the database is unreachable.

- Every response carries a Content-Security-Policy without inline script,
  ``frame-ancestors 'none'``, ``X-Content-Type-Options`` and a Referrer-Policy.
- Login and password-setting attempts are rate-limited per client address
  (Flask-Limiter; memory storage by default, ``RATELIMIT_STORAGE_URI`` for a
  shared store such as Redis when several workers run).
- Sessions end after 30 minutes without activity and 12 hours after login
  (``SESSION_IDLE_SECONDS``, ``SESSION_ABSOLUTE_SECONDS``).
- A database that cannot be reached gives a 503 with a clear message instead
  of a 500; ``pool_pre_ping`` makes the next request reconnect by itself.
"""

from __future__ import annotations

import time

from flask import (
    Flask,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError

from .extensions import db, limiter

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
))
AUTH_LIMIT = "10 per minute; 50 per hour"


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == \
        "application/json"


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security",
                                    "max-age=31536000; includeSubDomains")
    return response


def _database_unavailable(error):
    db.session.rollback()
    message = _("Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.")
    if _wants_json():
        return jsonify(error={"code": "service_unavailable", "message": message,
                              "details": None}), 503, {"Retry-After": "30"}
    return render_template("errors/503.html", message=message), 503, {"Retry-After": "30"}


def _too_many_requests(error):
    message = _("Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.")
    if _wants_json():
        return jsonify(error={"code": "too_many_requests", "message": message,
                              "details": str(error.description)}), 429
    return render_template("errors/message.html", message=message), 429


def _csrf_failed(error):
    message = _("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi.")
    return render_template("errors/message.html", message=message), 400


def _too_large(error):
    limit_mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
    message = _("Berkas atau isian terlalu besar (maksimal %(mb)s MB).", mb=limit_mb)
    if _wants_json():
        return jsonify(error={"code": "payload_too_large", "message": message,
                              "details": {"max_bytes": current_app.config.get(
                                  "MAX_CONTENT_LENGTH")}}), 413
    return render_template("errors/message.html", message=message), 413


def _is_connection_error(error: Exception) -> bool:
    # OperationalError covers "connection refused" and "unable to open database";
    # a DBAPIError with connection_invalidated is a connection that died mid-way.
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


class SessionTimes:
    """Idle and absolute session lifetimes, kept in the signed session cookie."""

    def stamp_login(self) -> None:
        now = int(time.time())
        session["login_at"] = now
        session["seen_at"] = now

    def check(self):
        if not current_user.is_authenticated:
            return None
        now = int(time.time())
        config = current_app.config
        login_at = session.get("login_at", 0)
        seen_at = session.get("seen_at", 0)
        if now - seen_at > config["SESSION_IDLE_SECONDS"] or \
                now - login_at > config["SESSION_ABSOLUTE_SECONDS"]:
            lang = session.get("lang")
            logout_user()
            session.clear()
            if lang:
                session["lang"] = lang
            if _wants_json():
                return None  # the API authenticates each request by token
            flash(_("Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk lagi."),
                  "info")
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        session["seen_at"] = now
        return None


session_times = SessionTimes()


def init_app(app: Flask) -> None:
    app.config.setdefault("SESSION_IDLE_SECONDS", 30 * 60)
    app.config.setdefault("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
    app.before_request(session_times.check)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    app.after_request(_headers)

    @app.errorhandler(DBAPIError)
    def _dbapi_error(error):
        if _is_connection_error(error):
            return _database_unavailable(error)
        raise error

    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_error_handler(413, _too_large)
