"""Saving exchange-format records sent to the API.

Every write goes through the importer, so a record sent to the API obeys
exactly the rules of an import (codes, regencies, NIB, phones, scale
derivation) and lands in the audit log. Problems name paths relative to the
body (``needs[1].field``, ``contact.phone``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from matcher import codes

from ..extensions import db
from ..models import Msme, Offering, Partner, User
from ..services.accounts import new_external_id
from ..services.exchange import DocumentRejected, Problem, validate_document
from ..services.exporter import partner_record
from ..services.importer import ImportSummary, import_document
from .errors import ApiError, invalid, rejected

_PLACEHOLDER_PARTNER = {"external_id": "check", "name": "check", "type": "other"}


def _object(data: Any) -> dict:
    if not isinstance(data, dict):
        raise DocumentRejected([Problem("$", "must be an object")])
    return data


def _checked(data: Any) -> dict:
    """The record with a stand-in id when it has none (one is generated then)."""
    record = dict(_object(data))
    if record.get("external_id") is None:
        record["external_id"] = "check"
    return record


def _relative(exc: DocumentRejected, prefix: str) -> DocumentRejected:
    def strip(path: str) -> str:
        if path == prefix:
            return "$"
        return path[len(prefix) + 1:] if path.startswith(prefix + ".") else path

    return DocumentRejected([Problem(strip(p.path), p.message) for p in exc.problems])


def _validate(document: dict, prefix: str) -> None:
    try:
        validate_document(document)
    except DocumentRejected as exc:
        raise _relative(exc, prefix) from exc


# -- checks run before the schema, so their messages match the CLI's --------------
def check_msme(data: Any) -> None:
    _validate({"format": codes.FORMAT_VERSION, "msmes": [_checked(data)]}, "msmes[0]")


def check_partner(data: Any) -> None:
    record = _checked(data)
    _validate({"format": codes.FORMAT_VERSION, "partners": [record]}, "partners[0]")


def check_partner_profile(data: Any) -> None:
    record = _checked(data)
    if "offerings" in record:
        raise DocumentRejected([Problem("offerings", "offerings are changed through "
                                        "/offerings/{external_id}, not with the partner")])
    _validate({"format": codes.FORMAT_VERSION, "partners": [record]}, "partners[0]")


def check_offering(data: Any) -> None:
    holder = dict(_PLACEHOLDER_PARTNER, offerings=[_checked(data)])
    _validate({"format": codes.FORMAT_VERSION, "partners": [holder]},
              "partners[0].offerings[0]")


def check_document(data: Any) -> None:
    validate_document(data)


# -- writes (the caller commits) ---------------------------------------------------
def _run(document: dict, actor: User, prefix: str, approve: bool = False) -> ImportSummary:
    try:
        return import_document(document, actor_id=actor.id, actor_label=actor.email,
                               approve_partners=approve)
    except DocumentRejected as exc:
        raise rejected(_relative(exc, prefix)) from exc


def _exists(model, external_id: str) -> bool:
    return db.session.scalar(select(model.id).where(model.external_id == external_id)) \
        is not None


def _external_id(record: dict, model, prefix: str, existing=None) -> str:
    """The id to save under: the stored one, the body's, or a fresh one."""
    given = record.get("external_id")
    if existing is not None:
        if given is not None and given.strip() != existing.external_id:
            raise invalid([("external_id", "must match the external_id in the URL")])
        return existing.external_id
    if given is None:
        return new_external_id(model, prefix)
    given = given.strip()
    if _exists(model, given):
        raise ApiError(409, "conflict", f"external_id {given!r} is already taken.")
    return given


def save_msme(record: dict, actor: User, existing: Msme | None = None) -> str:
    """Create or replace an MSME from its record; returns its external id."""
    record = dict(record, external_id=_external_id(record, Msme, "UMKM", existing))
    _run({"format": codes.FORMAT_VERSION, "msmes": [record]}, actor, "msmes[0]")
    return record["external_id"]


def create_partner(record: dict, actor: User) -> str:
    """Create a partner (approved: staff made it), with any offerings it lists."""
    record = dict(record, external_id=_external_id(record, Partner, "MTR"))
    for i, offering in enumerate(record.get("offerings") or []):
        if _exists(Offering, offering["external_id"].strip()):
            raise ApiError(409, "conflict", f"offerings[{i}].external_id "
                           f"{offering['external_id']!r} is already taken.")
    _run({"format": codes.FORMAT_VERSION, "partners": [record]}, actor, "partners[0]",
         approve=True)
    return record["external_id"]


def update_partner(record: dict, partner: Partner, actor: User) -> None:
    """Replace a partner's profile; its offerings are left alone."""
    record = dict(record, external_id=_external_id(record, Partner, "MTR", partner))
    _run({"format": codes.FORMAT_VERSION, "partners": [record]}, actor, "partners[0]")


def save_offering(record: dict, partner: Partner, actor: User,
                  existing: Offering | None = None) -> str:
    """Create or replace one offering of ``partner``; returns its external id.

    An id a partner's own account chooses must start with the partner's id and
    ``-``: a partner cannot take another partner's (or an MSME's) look."""
    given = record.get("external_id")
    if existing is None and given is not None and actor.role == "partner" \
            and not given.strip().startswith(partner.external_id + "-"):
        raise invalid([("external_id", f"an offering id you choose must start with your "
                        f"partner id followed by '-' ({partner.external_id + '-'!r}); leave "
                        f"it out to have one generated")])
    record = dict(record, external_id=_external_id(record, Offering, partner.external_id,
                                                   existing))
    holder = partner_record(partner)
    holder["offerings"] = [record]
    _run({"format": codes.FORMAT_VERSION, "partners": [holder]}, actor,
         "partners[0].offerings[0]")
    return record["external_id"]
