"""Cross-cutting protections: security headers, rate limits, and answers for
when the database is unreachable.

- Every response carries a Content-Security-Policy without inline script,
  ``frame-ancestors 'none'``, ``X-Content-Type-Options`` and a Referrer-Policy.
- Login and password-setting attempts are rate-limited per client address
  (Flask-Limiter; memory storage by default, ``RATELIMIT_STORAGE_URI`` for a
  shared store such as Redis when several workers run).
- A database that cannot be reached gives a 503 with a clear message instead
  of a 500; ``pool_pre_ping`` makes the next request reconnect by itself.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
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
    return render_template("errors/429.html", message=message), 429


def _is_connection_error(error: Exception) -> bool:
    # OperationalError covers "connection refused" and "unable to open database";
    # a DBAPIError with connection_invalidated is a connection that died mid-way.
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated)


def init_app(app: Flask) -> None:
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
