"""The OpenAPI 3.1 document, generated from the registered operations and the
pydantic models that validate them, and a server-rendered page listing it."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

from flask import Response, render_template
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from .registry import OPERATIONS, Call, Operation, json_response, operation
from .schemas import Error

REF = "#/components/schemas/{model}"
ERROR_TEXT = {
    400: "Malformed JSON, or no body.",
    401: "No token, or an unknown or revoked token, or a disabled account.",
    403: "Your role may not use this operation, or your account is not linked to a "
    "partner or MSME.",
    404: "No such object, or one that is not yours.",
    409: "Conflict with stored data (a duplicate, a status change not allowed now, "
    "no places left).",
    413: "The body is too large.",
    422: "Invalid input; details list each problem with its path.",
    429: "Too many requests from this token, account or address, or too many at once; "
    "`Retry-After` gives the seconds to wait.",
}
PATH_SCHEMAS = {
    "string": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[^/]+$"},
    "int": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
}
DESCRIPTION = (
    "JSON API of Jejaring. Authenticate with a personal API token "
    "(`Authorization: Bearer <token>`, created at /account/tokens). Errors have one "
    'shape: `{"error": {"code", "message", "details"}}`. Records follow the '
    "exchange format jejaring/1. Lists are paginated with `page` and `per_page`."
)


def _models() -> list[tuple[type[BaseModel], str]]:
    wanted: list[tuple[type[BaseModel], str]] = [(Error, "serialization")]
    for op in OPERATIONS:
        if op.body is not None:
            wanted.append((op.body, "validation"))
        if op.response is not None:
            wanted.append((op.response, "serialization"))
    seen, unique = set(), []
    for item in wanted:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """A query parameter is absent or a value: ``X | None`` is documented as ``X``."""
    options = [o for o in prop.get("anyOf", ()) if o != {"type": "null"}]
    if "anyOf" in prop and len(options) == 1:
        prop = {**{k: v for k, v in prop.items() if k != "anyOf"}, **options[0]}
    if prop.get("default", 0) is None:
        del prop["default"]
    return prop


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", ()))
    params = []
    for name, prop in schema["properties"].items():
        prop = _without_null({k: v for k, v in prop.items() if k != "title"})
        description = prop.pop("description", None)
        param = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            param["description"] = description
        params.append(param)
    return params


def _operation(op: Operation, refs: dict) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "operationId": op.endpoint,
        "summary": op.summary,
        "tags": [op.tag],
        "parameters": [
            {
                "name": name,
                "in": "path",
                "required": True,
                "schema": PATH_SCHEMAS["int" if conv == "int" else "string"],
            }
            for name, conv in op.path_params.items()
        ],
        "responses": {},
    }
    if op.description:
        doc["description"] = op.description
    if op.query is not None:
        doc["parameters"] += _query_parameters(op.query)
    if op.body is not None:
        doc["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": refs[(op.body, "validation")]}},
        }
    if op.roles is None:
        doc["security"] = []
    else:
        doc["x-roles"] = list(op.roles)
    if op.response is not None:
        doc["responses"][str(op.status)] = {
            "description": "Success.",
            "content": {"application/json": {"schema": refs[(op.response, "serialization")]}},
        }
    error_ref = refs[(Error, "serialization")]
    for status in op.error_statuses():
        doc["responses"][str(status)] = {
            "description": ERROR_TEXT[status],
            "content": {"application/json": {"schema": error_ref}},
        }
        if status == 429:
            doc["responses"]["429"]["headers"] = {
                "Retry-After": {
                    "description": "seconds to wait before trying again",
                    "schema": {"type": "integer", "minimum": 1},
                }
            }
    return doc


@lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    refs, defs = models_json_schema(_models(), ref_template=REF)
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        if op.response is None and op.tag == "meta":
            continue  # the document and its page describe themselves
        paths.setdefault(op.path, {})[op.method.lower()] = _operation(op, refs)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Jejaring API", "version": "1.0.0", "description": DESCRIPTION},
        "paths": paths,
        "components": {
            "schemas": defs.get("$defs", {}),
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "a personal API token",
                }
            },
        },
        "security": [{"bearerAuth": []}],
    }


def document() -> dict[str, Any]:
    """The OpenAPI document (a fresh copy; it is built once per process)."""
    return copy.deepcopy(_document())


@operation(
    "GET", "/openapi.json", summary="This API's OpenAPI 3.1 document", tag="meta", roles=None
)
def openapi_json(call: Call):
    """The machine-readable description of every operation."""
    return json_response(document())


def _schema_name(schema: dict | None) -> str | None:
    ref = (schema or {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else None


@operation("GET", "/docs", summary="This API's documentation page", tag="meta", roles=None)
def docs_page(call: Call):
    """A page listing every operation, rendered on the server from the document."""
    doc = document()
    operations = []
    for path, methods in doc["paths"].items():
        for method, spec in methods.items():
            body = spec.get("requestBody", {}).get("content", {}).get("application/json", {})
            responses = [
                (
                    status,
                    r["description"],
                    _schema_name(r.get("content", {}).get("application/json", {}).get("schema")),
                )
                for status, r in spec["responses"].items()
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "spec": spec,
                    "body": _schema_name(body.get("schema")),
                    "responses": responses,
                }
            )
    schemas = {
        name: json.dumps(schema, indent=2, ensure_ascii=False)
        for name, schema in sorted(doc["components"]["schemas"].items())
    }
    return Response(
        render_template("api/docs.html", doc=doc, operations=operations, schemas=schemas),
        mimetype="text/html",
    )
