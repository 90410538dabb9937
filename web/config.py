"""Configuration from the environment.

``DATABASE_URL`` selects the database (default: SQLite in the instance folder);
``SECRET_KEY`` signs sessions (default: a random key generated once into the
instance folder, for local use only).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def normalise_database_url(url: str) -> str:
    """Accept the usual spellings of a PostgreSQL URL and use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: str) -> str:
    """Read, or create once, a random secret key kept in the instance folder."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Created with owner-only permissions: it signs every session cookie.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def from_environment(instance_path: str, generate_secret: bool = True) -> dict:
    """Settings read from the environment, with local defaults."""
    default_db = "sqlite:///" + str(Path(instance_path) / "jejaring.db")
    production = os.environ.get("JEJARING_ENV", "development") == "production"
    return {
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(
            os.environ.get("DATABASE_URL", default_db)
        ),
        # Optional read replica of DATABASE_URL for ranking's catalogue and MSME reads.
        "DATABASE_REPLICA_URL": normalise_database_url(os.environ.get("DATABASE_REPLICA_URL", ""))
        or None,
        "SECRET_KEY": os.environ.get("SECRET_KEY")
        or (instance_secret_key(instance_path) if generate_secret else None),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SECURE": production,
        "BABEL_DEFAULT_LOCALE": "id",
        "BABEL_SUPPORTED_LOCALES": ["id", "en"],
        "MAX_CONTENT_LENGTH": int(os.environ.get("JEJARING_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Rate limits (web/rate_limits.py, which reads the limits per class): a
        # shared store (redis://…) so that every worker counts together.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": flag("JEJARING_RATELIMIT_ENABLED"),
        # Trusted reverse proxies in front of the app (X-Forwarded-For/-Proto).
        "PROXY_HOPS": int(os.environ.get("JEJARING_PROXY_HOPS", "0")),
        # Serve MSMEs' default match lists from the precomputed table while fresh
        # (services.match_cache); off, every request ranks live.
        "PRECOMPUTED_MATCHES": flag("JEJARING_PRECOMPUTED_MATCHES"),
        # The centre's name as printed on the quarterly report (services.report).
        "CENTRE_NAME": os.environ.get("JEJARING_CENTRE_NAME", "PLUT-KUMKM Kalimantan Barat"),
    }


def flag(name: str, default: bool = True) -> bool:
    """A yes/no setting from the environment: 0, false, no or off mean no."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")
