"""A small registry of API operations: one declaration per operation drives
authentication, role checks, validation of path, query and body, and the
OpenAPI 3.1 document (see ``openapi.py``), so the document describes exactly
what is validated.

    @operation("GET", "/msmes/<external_id>", summary="Read an MSME", tag="msmes",
               roles=STAFF + ("msme",), response=MsmeRecord)
    def read_msme(call: Call, external_id: str): ...

A view receives a ``Call`` (user, validated query, validated body, parsed
JSON) and returns a JSON-able value, or ``(value, status)``.

The wrapper is the API's edge: it commits the view's writes once after the
view returns (setting ``call.dry_run`` rolls them back instead), rolls back on
any error, and answers a service's ``DomainError`` (in English) or
``DocumentRejected`` in the one error shape. Views never commit.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import Blueprint, Response, current_app, request
from flask_babel import force_locale
from pydantic import BaseModel, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from ..edge import transaction
from ..models import User
from ..rate_limits import count_for_account
from ..services.errors import DomainError
from ..services.exchange import DocumentRejected
from . import errors
from .errors import ApiError, invalid
from .token_auth import authenticate

bp = Blueprint("api", __name__, url_prefix="/api/v1")
errors.attach(bp)

STAFF = ("consultant", "admin")
EVERYONE = ("consultant", "admin", "partner", "msme")
INT_MAX = 2**31 - 1
_RULE_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass
class Call:
    """What a view gets: the caller and the validated input."""

    user: User | None
    query: Any = None
    body: Any = None
    json: Any = None
    dry_run: bool = False  # set by the view: roll its writes back instead of committing


@dataclass
class Operation:
    method: str
    rule: str
    endpoint: str
    summary: str
    description: str
    tag: str
    roles: tuple[str, ...] | None
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    errors: tuple[int, ...]
    prevalidate: Callable[[Any], None] | None
    large_body: bool
    path_params: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The OpenAPI path: ``/api/v1/msmes/{external_id}``."""
        return bp.url_prefix + _RULE_PARAM.sub(r"{\2}", self.rule)

    def error_statuses(self) -> list[int]:
        statuses = set(self.errors) | {429}  # every operation is rate-limited
        if self.roles is not None:
            statuses.add(401)
            if set(self.roles) != set(EVERYONE):
                statuses.add(403)
        if self.path_params:
            statuses.add(404)
        if self.query is not None:
            statuses.add(422)
        if self.body is not None:
            statuses.update((400, 413, 422))
        return sorted(statuses)


OPERATIONS: list[Operation] = []


def operation(
    method: str,
    rule: str,
    *,
    summary: str,
    tag: str,
    roles: tuple[str, ...] | None = EVERYONE,
    query: type[BaseModel] | None = None,
    body: type[BaseModel] | None = None,
    response: type[BaseModel] | None = None,
    status: int = 200,
    errors: tuple[int, ...] = (),
    prevalidate: Callable[[Any], None] | None = None,
    large_body: bool = False,
):
    """Declare an API operation; ``roles=None`` makes it public (no token)."""

    def decorator(view):
        op = Operation(
            method=method,
            rule=rule,
            endpoint=view.__name__,
            summary=summary,
            description=inspect.cleandoc(view.__doc__ or "").replace("``", "`"),
            tag=tag,
            roles=roles,
            query=query,
            body=body,
            response=response,
            status=status,
            errors=errors,
            prevalidate=prevalidate,
            large_body=large_body,
            path_params={name: conv or "string" for conv, name in _RULE_PARAM.findall(rule)},
        )
        OPERATIONS.append(op)

        @wraps(view)
        def wrapped(**path_args):
            call = Call(user=None)
            if op.roles is not None:
                call.user = authenticate()
                # counted per token already; now per account, across its tokens
                count_for_account(call.user.id)
                if call.user.role not in op.roles:
                    raise ApiError(403, "forbidden", "Your role may not use this operation.")
            for value in path_args.values():
                _check_path_value(value)
            if op.query is not None:
                call.query = parse_query(op.query)
            if op.body is not None:
                call.json, call.body = parse_body(op, large_body)
            result = run(view, call, path_args, writes=op.method != "GET")
            if isinstance(result, Response):
                return result
            value, code = result if isinstance(result, tuple) else (result, op.status)
            return json_response(value, code)

        bp.add_url_rule(rule, view.__name__, wrapped, methods=[method])
        return view

    return decorator


def run(view, call: Call, path_args: dict[str, Any], writes: bool) -> Any:
    """Run ``view`` as one unit of work: its writes are committed once when it
    returns (a GET writes nothing and commits nothing); a domain error or a
    rejected record rolls everything back and answers in the error shape."""
    try:
        if not writes:
            return view(call, **path_args)
        with transaction() as unit:
            result = view(call, **path_args)
            unit.dry_run = call.dry_run
        return result
    except DomainError as exc:
        with force_locale("en"):  # the API speaks English, whatever the caller's language
            raise ApiError(exc.status, exc.code, str(exc)) from exc
    except DocumentRejected as exc:
        raise errors.rejected(exc) from exc


def _check_path_value(value: Any) -> None:
    # Nothing stored can have such an id; answering 404 keeps the database
    # from ever seeing a NUL byte or an integer wider than its column.
    if isinstance(value, int):
        if not 1 <= value <= INT_MAX:
            raise errors.not_found()
    elif not value or len(value) > 64 or _bad_text(value):
        raise errors.not_found()


def _bad_text(value: str) -> bool:
    """NUL and lone surrogates cannot be stored (PostgreSQL, UTF-8)."""
    return "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value)


def _unstorable(obj: Any, path: str = "$") -> list[tuple[str, str]]:
    """Paths of strings (keys or values) in parsed JSON that cannot be stored."""
    found = []
    if isinstance(obj, str):
        if _bad_text(obj):
            found.append((path, "contains a NUL character or an unpaired surrogate"))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            found += _unstorable(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            sub = f"{path}.{key}" if path != "$" else key
            found += _unstorable(key, sub) + _unstorable(item, sub)
    return found


def problem_path(loc: tuple, data: Any, prefix: str = "") -> str:
    """``("needs", 0, "field")`` as ``needs[0].field``, following the input so
    that union labels pydantic adds to a location are left out."""
    parts: list[str] = []
    node = data
    for i, step in enumerate(loc):
        if isinstance(node, list) and isinstance(step, int):
            parts.append(f"[{step}]")
            node = node[step] if 0 <= step < len(node) else None
        elif isinstance(node, dict) and (step in node or i == len(loc) - 1):
            parts.append(("." if parts else "") + str(step))
            node = node.get(step)
        # anything else is a union member's label, not a place in the input
    path = "".join(parts)
    if prefix:
        return f"{prefix}.{path}" if path else prefix
    return path or "$"


def _messages(exc: ValidationError, data: Any, prefix: str = "") -> list[tuple[str, str]]:
    problems = []
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if err["type"] == "extra_forbidden":
            message = f"unknown key {str(loc[-1])!r}"
        elif err["type"] == "missing":
            message = "is required"
        else:
            message = err["msg"]
        problems.append((problem_path(loc, data, prefix), message))
    return problems


def parse_query(model: type[BaseModel]) -> BaseModel:
    """Validate the query string against ``model`` (repeated keys: first wins)."""
    data = {name: request.args.get(name) for name in request.args}
    bad = [
        (f"query.{k}", "contains a NUL character")
        for k, v in data.items()
        if "\x00" in k or "\x00" in v
    ]
    if bad:
        raise invalid(bad, "The query string is not valid.")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise invalid(_messages(exc, data, "query"), "The query string is not valid.") from exc


def read_body(limit: int | None) -> bytes:
    """The request body, read at most ``limit`` bytes far. A chunked body (no
    Content-Length) that goes on past the limit answers 413: Werkzeug's stream
    stops quietly at the limit, which left a truncated body to fail as JSON."""
    raw = request.get_data(cache=True)
    if (
        limit is not None
        and request.content_length is None
        and len(raw) >= limit
        and request.environ["wsgi.input"].read(1)
    ):
        raise RequestEntityTooLarge()
    return raw


def parse_body(op: Operation, large: bool) -> tuple[Any, BaseModel]:
    """Read, parse and validate a JSON body: 413, 400 or 422 with paths."""
    request.max_content_length = (
        current_app.config["MAX_CONTENT_LENGTH"]
        if large
        else current_app.config["API_MAX_BODY_BYTES"]
    )
    raw = read_body(request.max_content_length)
    if not raw.strip():
        raise ApiError(400, "bad_request", "A JSON body is required.")
    try:
        data = json.loads(raw)
        bad = _unstorable(data)
    except RecursionError as exc:
        raise ApiError(400, "bad_request", "The JSON body is nested too deeply.") from exc
    except ValueError as exc:  # JSONDecodeError, bad UTF-8, too many digits
        raise ApiError(400, "bad_request", f"The body is not valid JSON: {exc}") from exc
    if bad:
        raise errors.rejected(bad)
    # An exchange-format body is checked by the exchange validator alone, the
    # one the command line uses (its messages, its paths); the body's schema is
    # the same records (``services.exchange_schema``) and only describes it.
    if op.prevalidate is not None:
        try:
            op.prevalidate(data)
        except DocumentRejected as exc:
            raise errors.rejected(exc) from exc
        return data, None
    try:
        return data, op.body.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        problems: dict[str, str] = {}
        for path, message in _messages(exc, data):
            problems.setdefault(path, message)  # one problem per path
        raise errors.rejected(list(problems.items())) from exc


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot serialise {type(value).__name__}")


def iso(value: dt.datetime | None) -> str | None:
    """RFC 3339 time; SQLite hands back naive datetimes, which are UTC here."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat()


def json_response(value: Any, status: int = 200) -> Response:
    return Response(
        json.dumps(value, ensure_ascii=False, default=_default),
        status=status,
        mimetype="application/json",
    )


def paginate(select_query, query, serialise: Callable[[Any], Any]) -> dict[str, Any]:
    """A page of a ``select()`` (which must have a total order) as the API's page body."""
    from ..extensions import db

    result = db.paginate(
        select_query, page=query.page, per_page=query.per_page, error_out=False, count=True
    )
    total = result.total or 0
    return {
        "items": [serialise(item) for item in result.items],
        "page": query.page,
        "per_page": query.per_page,
        "total": total,
        "pages": (total + query.per_page - 1) // query.per_page,
    }


def page_from_list(items: list, query) -> dict[str, Any]:
    """A page of an in-memory list, in the same shape as ``paginate``."""
    start = (query.page - 1) * query.per_page
    total = len(items)
    return {
        "items": items[start : start + query.per_page],
        "page": query.page,
        "per_page": query.per_page,
        "total": total,
        "pages": (total + query.per_page - 1) // query.per_page,
    }
