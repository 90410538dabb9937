"""Rate limits on the API and the pages, and a fair share of the workers.

Every request belongs to one class, each with its own limit (config keys,
overridable from the environment of the same name, see ``DEFAULTS``):

- ``import``: ``/api/v1/import`` and ``/api/v1/export`` (whole documents);
- ``write``: any other request that is not GET, HEAD or OPTIONS;
- ``ranking``: requests that rank (``RANKING_ENDPOINTS``: the matches API and
  the pages that show suggestions);
- ``read``: everything else (static files are never limited).

A request counts against its own principal: its API token (a hash of it, so
no database look-up before the count), else the logged-in account of the
session, else the client address. An API request counts against its token's
account as well, once the token is known (``count_for_account``), so one
account's tokens and pages share the account's budget. Every request also
counts against a ceiling for its address (``RATELIMIT_ADDRESS``), whatever its
class and key. Counters live in ``RATELIMIT_STORAGE_URI`` (Redis in
production, so that every worker counts together).

Limits on counts alone do not stop one client from taking every worker
thread at once with many concurrent requests; so each worker also lets at
most ``RATELIMIT_CONCURRENT`` requests of one token or account be in flight
at a time. Both answer 429 with ``Retry-After``; a caller that goes on sending
after a 429 is refused from the worker's memory until the window ends.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time

from flask import Flask, current_app, g, request, session
from flask_limiter import ApplicationLimit
from flask_limiter.util import get_remote_address
from limits import parse_many

log = logging.getLogger(__name__)

# Config key -> default; each is read from the environment variable of the same name.
DEFAULTS = {
    # One window each: every window is one more round trip to the store per
    # request; bursts are bounded by RATELIMIT_CONCURRENT instead.
    "RATELIMIT_READ": "600 per minute",
    "RATELIMIT_RANKING": "300 per minute",
    "RATELIMIT_WRITE": "120 per minute",
    "RATELIMIT_IMPORT": "10 per minute; 60 per hour",
    "RATELIMIT_ADDRESS": "3000 per minute",
    "RATELIMIT_CONCURRENT": "2",
    # Keys in a shared store start with this (Flask-Limiter's own setting).
    "RATELIMIT_KEY_PREFIX": "jejaring",
}
CLASSES = ("read", "ranking", "write", "import")
IMPORT_ENDPOINTS = frozenset({"api.import_exchange", "api.export_exchange"})
RANKING_ENDPOINTS = frozenset(
    {
        "api.msme_matches",
        "api.offering_matches",
        "consultant.msme_detail",
        "msme.suggestions",
        "partner.offering_suggestions",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CONCURRENCY_RETRY_AFTER = 1  # seconds: an in-flight request of the same caller ends soon


def from_environment() -> dict[str, str | int]:
    """The limit settings, each from its environment variable or its default."""
    settings: dict[str, str | int] = {
        key: os.environ.get(key, default) for key, default in DEFAULTS.items()
    }
    settings["RATELIMIT_CONCURRENT"] = int(settings["RATELIMIT_CONCURRENT"])
    # X-RateLimit-* on every answer costs two more round trips per request.
    settings["RATELIMIT_HEADERS_ENABLED"] = os.environ.get(
        "RATELIMIT_HEADERS_ENABLED", "false"
    ).strip().lower() in ("1", "true", "yes", "on")
    return settings


def request_class() -> str:
    """The class of the current request: ``import``, ``write``, ``ranking`` or ``read``."""
    endpoint = request.endpoint or ""
    if endpoint in IMPORT_ENDPOINTS:
        return "import"
    if request.method not in SAFE_METHODS:
        return "write"
    if endpoint in RANKING_ENDPOINTS:
        return "ranking"
    return "read"


def class_limit() -> str:
    """The limit string of the current request's class, e.g. ``300 per minute``."""
    return current_app.config[f"RATELIMIT_{request_class().upper()}"]


def _class_scope(endpoint: str) -> str:
    return "class:" + request_class()


def token_key(header: str) -> str | None:
    """``token:<hash>`` for an ``Authorization: Bearer`` header, else ``None``."""
    scheme, _, raw = header.partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not raw:
        return None
    return "token:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def principal_key() -> str:
    """Who a request counts against: its API token, its session's account, or its address."""
    if request.path.startswith("/api/"):
        key = token_key(request.headers.get("Authorization", ""))
        if key:
            return key
    else:
        user_id = session.get("_user_id")  # Flask-Login's; no database look-up
        if user_id:
            return f"user:{user_id}"
    return "addr:" + (get_remote_address() or "unknown")


def address_key() -> str:
    return "addr:" + (get_remote_address() or "unknown")


def application_limits() -> list[ApplicationLimit]:
    """The limits Flask-Limiter applies to every request (bound in ``extensions``)."""
    return [
        ApplicationLimit(
            class_limit, key_function=principal_key, scope=_class_scope, on_breach=_remember_breach
        ),
        ApplicationLimit(
            lambda: current_app.config["RATELIMIT_ADDRESS"],
            key_function=address_key,
            scope="address",
            on_breach=_remember_breach,
        ),
    ]


class TooManyRequests(Exception):
    """A limit checked outside Flask-Limiter's own hook was reached."""

    def __init__(self, limit: str, retry_after: int):
        super().__init__(limit)
        self.limit = limit
        self.retry_after = max(1, retry_after)


def count_for_account(user_id: int) -> None:
    """Count the current API request against its account too, under its class
    limit; raises ``TooManyRequests`` when the account has used it up. Pages
    count logged-in requests against the same key, so the account's pages and
    all its tokens share one budget per class."""
    from .extensions import limiter

    if not _active(current_app):
        return
    args = [f"user:{user_id}", _class_scope("")]
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    if prefix:
        args.insert(0, prefix)
    try:
        for item in parse_many(class_limit()):
            if not limiter.limiter.hit(item, *args):
                reset = limiter.limiter.get_window_stats(item, *args).reset_time
                raise TooManyRequests(str(item), int(reset - time.time()) + 1)
    except TooManyRequests:
        raise
    except Exception:  # noqa: BLE001 - storage down: Flask-Limiter falls back; so do we
        log.exception("rate-limit storage failed; the account limit was not counted")


class Refused:
    """Limits this worker has seen reached, until their window ends: a caller
    that goes on sending after a 429 is refused again from memory, without a
    round trip to the store or the rest of the request's work."""

    MAX_ENTRIES = 10_000

    def __init__(self) -> None:
        self._until: dict[tuple[str, str], tuple[float, str]] = {}

    def remember(self, key: str, scope: str, until: float, limit: str) -> None:
        if len(self._until) >= self.MAX_ENTRIES:
            now = time.time()
            for stale in [k for k, (end, _) in list(self._until.items()) if end <= now]:
                self._until.pop(stale, None)
        self._until[(key, scope)] = (until, limit)

    def check(self, key: str, scope: str) -> None:
        found = self._until.get((key, scope))
        if found is None:
            return
        until, limit = found
        left = until - time.time()
        if left <= 0:
            self._until.pop((key, scope), None)
            return
        raise TooManyRequests(limit, int(left) + 1)

    def clear(self) -> None:
        self._until.clear()


refused = Refused()


def _remember_breach(limit) -> None:
    """Flask-Limiter's callback when a limit of ``application_limits`` is reached."""
    try:
        key, scope = limit.request_args[-2:]
        refused.remember(key, scope, limit.reset_at, str(limit.limit))
    except Exception:  # noqa: BLE001 - the store went away; it will refuse by itself
        log.exception("could not note a reached rate limit")


class InFlight:
    """Requests in flight per token or account in this worker process; at
    most ``RATELIMIT_CONCURRENT`` of one at a time (0 turns it off)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def enter(self) -> None:
        if request.endpoint == "static":
            return
        key = principal_key()
        refused.check(key, _class_scope(""))
        refused.check(address_key(), "address")
        cap = current_app.config["RATELIMIT_CONCURRENT"]
        if cap <= 0 or key.startswith("addr:"):
            # Not per address: one office behind one address may well log in
            # twice at once; anonymous requests have the address's counts.
            return
        with self._lock:
            count = self._counts.get(key, 0)
            if count >= cap:
                raise TooManyRequests(f"{cap} concurrent requests", CONCURRENCY_RETRY_AFTER)
            self._counts[key] = count + 1
        g.rate_limit_in_flight = key

    def leave(self, error: BaseException | None = None) -> None:
        key = g.pop("rate_limit_in_flight", None)
        if key is None:
            return
        with self._lock:
            count = self._counts.get(key, 1) - 1
            if count > 0:
                self._counts[key] = count
            else:
                self._counts.pop(key, None)

    def count(self, key: str) -> int:
        return self._counts.get(key, 0)


in_flight = InFlight()


def _active(app: Flask) -> bool:
    return bool(app.config.get("RATELIMIT_ENABLED", True))


def init_app(app: Flask) -> None:
    """Settings, and the in-flight cap as the very first before-request step
    (so a refused request costs no database or storage round trip). Call it
    before binding the limiter, which registers its own hooks."""
    for key, value in from_environment().items():
        app.config.setdefault(key, value)
    app.config["RATELIMIT_CONCURRENT"] = int(app.config["RATELIMIT_CONCURRENT"])
    if not _active(app):
        return
    if app.config.get("SESSION_COOKIE_SECURE") and str(
        app.config.get("RATELIMIT_STORAGE_URI", "")
    ).startswith("memory://"):
        # Production (JEJARING_ENV=production) with more than one worker would
        # count every limit once per worker: say so where operators look.
        logging.getLogger(__name__).warning(
            "RATELIMIT_STORAGE_URI is memory://: each worker counts rate limits alone; "
            "set it to redis://… so that every worker counts together"
        )
    refused.clear()  # a new app (tests) starts with fresh counts
    app.before_request_funcs.setdefault(None, []).insert(0, in_flight.enter)
    app.teardown_request(in_flight.leave)
