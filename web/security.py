"""Cross-cutting protections: security headers, rate limits, and answers for
when the database is unreachable.

- Every response carries a Content-Security-Policy without inline script,
  ``frame-ancestors 'none'``, ``X-Content-Type-Options`` and a Referrer-Policy.
- Every request is rate-limited per class (read, ranking, write, import) and
  per API token, account or address, under a ceiling per address, with at most
  a few requests of one token or account in flight per worker (``rate_limits``); login
  and password-setting attempts have their own limit per address
  (``AUTH_LIMIT``). Flask-Limiter counts in memory by default and in
  ``RATELIMIT_STORAGE_URI`` (Redis) when several workers run. A limit reached
  answers 429 with ``Retry-After``: the API's JSON error, or a page.
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
    g,
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
from werkzeug.middleware.proxy_fix import ProxyFix

from . import rate_limits
from .extensions import db, limiter

CSP = "; ".join(
    (
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
    )
)
AUTH_LIMIT = "10 per minute; 50 per hour"


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault(
            "Strict-Transport-Security", "max-age=31536000; includeSubDomains"
        )
    return response


def _database_unavailable(error):
    db.session.rollback()
    # the reader gets a calm page; whoever runs the service needs the cause
    current_app.logger.error(
        "database error on %s %s: %s", request.method, request.path, error, exc_info=error
    )
    g.retry_after = 30
    message = _("Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi.")
    if _wants_json():
        return (
            jsonify(error={"code": "service_unavailable", "message": message, "details": None}),
            503,
            {"Retry-After": "30"},
        )
    return render_template("errors/503.html", message=message), 503, {"Retry-After": "30"}


def _retry_after(error) -> int:
    """Seconds until the limit that refused the request lets it through again."""
    if isinstance(error, rate_limits.TooManyRequests):
        return error.retry_after
    current = limiter.current_limit if limiter.initialized else None
    if current is not None:
        try:
            return max(1, int(current.reset_at - time.time()))
        except Exception:  # noqa: BLE001 - the store went away; a guess is enough
            pass
    return 60


def _too_many_requests(error):
    seconds = g.retry_after = _retry_after(error)
    limit = (
        error.limit if isinstance(error, rate_limits.TooManyRequests) else str(error.description)
    )
    headers = {"Retry-After": str(seconds)}
    if request.path.startswith("/api/"):
        return (
            jsonify(
                error={
                    "code": "too_many_requests",
                    "message": f"Too many requests; retry after {seconds} seconds.",
                    "details": {"limit": limit, "retry_after": seconds},
                }
            ),
            429,
            headers,
        )
    if request.blueprint == "auth":
        message = _("Terlalu banyak percobaan. Tunggu sebentar, lalu coba lagi.")
    else:
        message = _(
            "Terlalu banyak permintaan. Tunggu %(seconds)s detik, lalu coba lagi.", seconds=seconds
        )
    if _wants_json():
        return (
            jsonify(
                error={
                    "code": "too_many_requests",
                    "message": message,
                    "details": {"limit": limit, "retry_after": seconds},
                }
            ),
            429,
            headers,
        )
    return error_page(429, message, headers)


def _retry_after_only_when_refused(response):
    # Flask-Limiter writes Retry-After on every limited response; it means
    # something only on a refusal (429) or an outage (503), and there it says
    # what the handler said (the limiter would put its own window's end).
    if response.status_code not in (429, 503):
        response.headers.pop("Retry-After", None)
    elif "retry_after" in g:
        response.headers["Retry-After"] = str(g.retry_after)
    return response


def _error_titles() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Permintaan tidak dapat diproses"),
            _("Periksa tautan atau isian yang Anda kirim, lalu coba lagi."),
        ),
        403: (
            _("Anda tidak punya akses ke halaman ini"),
            _(
                "Halaman ini untuk peran lain. Jika menurut Anda seharusnya bisa dibuka, "
                "hubungi konsultan PLUT."
            ),
        ),
        404: (
            _("Halaman tidak ditemukan"),
            _("Alamatnya mungkin salah ketik, atau datanya sudah tidak ada."),
        ),
        405: (
            _("Halaman ini tidak dapat dibuka dengan cara itu"),
            _("Buka halaman ini lewat tautan atau tombol di Jejaring."),
        ),
        413: (_("Isian terlalu besar"), ""),
        429: (_("Terlalu banyak permintaan"), ""),
        500: (
            _("Terjadi kesalahan di server"),
            _(
                "Kesalahan ini sudah tercatat. Data yang sudah tersimpan tetap aman; "
                "coba lagi sebentar lagi."
            ),
        ),
    }


def error_page(status: int, message: str | None = None, headers=None):
    """A page for an error status inside the site's layout, in the reader's language,
    with a way back (the previous page of this site, if any, and the home page)."""
    if status >= 500:
        db.session.rollback()  # the layout may need the database after a failed request
    title, default = _error_titles().get(status, (_("Terjadi kesalahan"), ""))
    back = request.referrer
    if not back or not back.startswith(request.host_url) or back == request.url:
        back = None
    body = render_template(
        "errors/message.html",
        status=status,
        title=title,
        message=message or default,
        back=back,
        error_status=status,
    )
    return body, status, headers or {}


def _csrf_failed(error):
    return error_page(400, _("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."))


def _too_large(error):
    limit_mb = (current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024)
    message = _("Berkas atau isian terlalu besar (maksimal %(mb)s MB).", mb=limit_mb)
    if _wants_json():
        return jsonify(
            error={
                "code": "payload_too_large",
                "message": message,
                "details": {"max_bytes": current_app.config.get("MAX_CONTENT_LENGTH")},
            }
        ), 413
    return error_page(413, message)


def _is_connection_error(error: Exception) -> bool:
    # OperationalError covers "connection refused" and "unable to open database";
    # a DBAPIError with connection_invalidated is a connection that died mid-way.
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


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
        if (
            now - seen_at > config["SESSION_IDLE_SECONDS"]
            or now - login_at > config["SESSION_ABSOLUTE_SECONDS"]
        ):
            lang = session.get("lang")
            logout_user()
            session.clear()
            if lang:
                session["lang"] = lang
            if _wants_json():
                return None  # the API authenticates each request by token
            flash(
                _("Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk lagi."), "info"
            )
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        session["seen_at"] = now
        return None


session_times = SessionTimes()


def init_app(app: Flask) -> None:
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Behind that many trusted proxies: the client's own address (which
        # the address limits count) and scheme come from their headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    app.config.setdefault("SESSION_IDLE_SECONDS", 30 * 60)
    app.config.setdefault("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
    app.before_request(session_times.check)
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    # Redis unreachable: each worker goes on counting in memory until it is back.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    rate_limits.init_app(app)
    app.after_request(_retry_after_only_when_refused)  # runs after the limiter's own
    limiter.init_app(app)
    app.after_request(_headers)

    @app.errorhandler(DBAPIError)
    def _dbapi_error(error):
        if _is_connection_error(error):
            return _database_unavailable(error)
        raise error

    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(rate_limits.TooManyRequests, _too_many_requests)
    app.register_error_handler(CSRFError, _csrf_failed)
    app.register_error_handler(413, _too_large)
