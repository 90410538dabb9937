"""Authenticating an API request by its personal token (``Authorization: Bearer``).

The tokens themselves (issue, revoke, look up) are ``web.services.api_tokens``.
"""

from __future__ import annotations

from flask import request

from ..models import User
from ..services.api_tokens import PREFIX, user_for
from .errors import ApiError


def authenticate() -> User:
    """The user of the request's ``Authorization: Bearer`` token; 401 otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="jejaring"'}
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(
            401,
            "unauthorized",
            "Send a personal API token as 'Authorization: Bearer <token>'.",
            headers=challenge,
        )
    raw = raw.strip()
    user = user_for(raw) if raw.startswith(PREFIX) and len(raw) <= 200 else None
    if user is None:
        raise ApiError(
            401,
            "unauthorized",
            "The token is unknown, revoked, or its account is disabled.",
            headers=dict(
                challenge, **{"WWW-Authenticate": 'Bearer realm="jejaring", error="invalid_token"'}
            ),
        )
    return user
