"""The JSON API, ``/api/v1``: token-authenticated, exempt from CSRF for that
reason alone, described by an OpenAPI 3.1 document generated from the same
pydantic models that validate its requests (``/api/v1/openapi.json``, and a
page at ``/api/v1/docs``)."""

from __future__ import annotations

from flask import Flask

DEFAULT_MAX_BODY = 1024 * 1024  # one record needs a few kB; /import may use MAX_CONTENT_LENGTH


def init_app(app: Flask) -> None:
    """Register the API blueprint, its JSON errors and its CSRF exemption."""
    from ..extensions import csrf
    from . import errors, introductions, meta, msmes, offerings, openapi, partners, supply  # noqa: F401
    from .registry import bp

    app.config.setdefault("API_MAX_BODY_BYTES", DEFAULT_MAX_BODY)
    app.register_blueprint(bp)
    csrf.exempt(bp)
    errors.register(app)
