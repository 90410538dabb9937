"""One error shape for everything under ``/api``:
``{"error": {"code": "...", "message": "...", "details": ...}}``.

Views raise ``ApiError``; the handlers registered by ``register`` turn it, and
any HTTP error Flask or Werkzeug raises on an API path (unknown URL, wrong
method, body too large), into that shape. Pages get the site's error page
(``security.error_page``).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, Response, request
from flask_babel import force_locale
from werkzeug.exceptions import HTTPException

from ..services.exchange import PROBLEMS_SHOWN, DocumentRejected

API_PREFIX = "/api/"

# Machine-readable codes for the statuses Werkzeug raises by itself.
HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}


class ApiError(Exception):
    """An error answer of the API; ``details`` is any JSON value or ``None``."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers or {}


def invalid(
    problems: list[tuple[str, str]], message: str = "The request is not valid.", status: int = 422
) -> ApiError:
    """A 422 (or 400) naming each bad value by its path."""
    return ApiError(
        status, "invalid", message, [{"path": path, "message": text} for path, text in problems]
    )


def problems_of(exc: DocumentRejected) -> list[tuple[str, str]]:
    """The exchange validator's problems as (path, message), in English as in
    the command-line report (the pages show them in the reader's language)."""
    with force_locale("en"):
        return [(p.path, str(p.message)) for p in exc.problems]


def rejected(exc: DocumentRejected | list[tuple[str, str]]) -> ApiError:
    """A 422 listing every problem as ``{path, message}``."""
    problems = problems_of(exc) if isinstance(exc, DocumentRejected) else exc
    if len(problems) > PROBLEMS_SHOWN:
        return invalid(
            problems[:PROBLEMS_SHOWN],
            f"{len(problems)} problem(s) found (the "
            f"first {PROBLEMS_SHOWN} are listed); nothing was saved.",
        )
    return invalid(problems, f"{len(problems)} problem(s) found; nothing was saved.")


def not_found(what: str = "resource") -> ApiError:
    return ApiError(404, "not_found", f"No such {what}.")


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> Response:
    body = {"error": {"code": code, "message": message, "details": details}}
    response = Response(
        json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json"
    )
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def _api_error(exc: ApiError) -> Response:
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def _http_error(exc: HTTPException):
    if not _is_api_request():
        from ..security import error_page  # pages: the site's own error page

        response = exc.get_response()  # keeps the headers Werkzeug sets (Allow on a 405)
        headers = {k: v for k, v in response.headers.items() if k in ("Allow", "Retry-After")}
        return error_page(status=exc.code or 500, headers=headers)
    status = exc.code or 500
    headers = {}
    if status == 405:
        headers["Allow"] = exc.get_response().headers.get("Allow", "")
    message = {
        404: "No such resource.",
        405: f"Method {request.method} is not allowed here.",
        413: "The request body is too large.",
    }.get(status, exc.description or exc.name)
    return error_response(status, HTTP_CODES.get(status, "error"), message, None, headers)


def _too_large(exc: HTTPException) -> Response:
    limit = request.max_content_length
    return error_response(
        413,
        "body_too_large",
        f"The request body is larger than the {limit} bytes this operation accepts.",
        {"max_bytes": limit},
    )


def attach(blueprint: Blueprint) -> None:
    """JSON errors raised inside the API's views (called once, at import). An
    unexpected exception is left to the app: the 503 of an unreachable
    database, or a 500 that ``_http_error`` answers in this shape."""
    blueprint.register_error_handler(ApiError, _api_error)
    # the limit is per operation, so the app-wide 413 answer would misstate it
    blueprint.register_error_handler(413, _too_large)


def register(app: Flask) -> None:
    """Routing errors (unknown URL, wrong method) happen before a blueprint is
    chosen, so the app gets a handler that answers JSON on API paths only."""
    app.register_error_handler(HTTPException, _http_error)
