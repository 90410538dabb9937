"""Checking and saving one MSME, partner or offering: the one records service
of the pages and the API.

A record (exchange format) is wrapped into a one-record document and goes
through the exchange validator and the importer, so that a form or an API
body obeys exactly the rules of an import (codes, regencies, NIB, phones,
scale derivation) and every change lands in the audit log. Problems come back
as ``DocumentRejected`` with paths relative to the record (``nib``,
``needs[1].description``, ``contact.phone``; ``$`` for the record itself),
for a form to show next to its fields and for the API to list.

Closing and reopening an offering lives here too. Services never commit: the
view does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from matcher import codes

from ..models import Msme, Offering, Partner, User
from . import audit
from .accounts import new_external_id
from .exchange import DocumentRejected, Problem, _t, validate_document
from .exporter import partner_record
from .importer import ImportSummary, import_document

# Where the one record sits in the document it is wrapped in.
MSME_AT, PARTNER_AT, OFFERING_AT = "msmes[0]", "partners[0]", "partners[0].offerings[0]"
# Stands in for an id not chosen yet (one is generated on saving), and for the
# partner of an offering checked on its own.
_STAND_IN = "check"
_STAND_IN_PARTNER = {"external_id": _STAND_IN, "name": _STAND_IN, "type": "other"}


def relative(exc: DocumentRejected, prefix: str) -> DocumentRejected:
    """``exc`` with paths relative to the record at ``prefix`` (``$`` for itself)."""

    def strip(path: str) -> str:
        if path == prefix:
            return "$"
        return path[len(prefix) + 1 :] if path.startswith(prefix + ".") else path

    return DocumentRejected([Problem(strip(p.path), p.message) for p in exc.problems])


def document(msmes: list | None = None, partners: list | None = None) -> dict[str, Any]:
    """An exchange-format document of these records."""
    doc: dict[str, Any] = {"format": codes.FORMAT_VERSION}
    if msmes is not None:
        doc["msmes"] = msmes
    if partners is not None:
        doc["partners"] = partners
    return doc


def _object(data: Any) -> dict:
    if not isinstance(data, dict):
        raise DocumentRejected([Problem("$", _t("must be an object"))])
    return data


def _with_id(data: Any, external_id: str | None = None) -> dict:
    """A copy of the record under ``external_id``, or its own, or a stand-in."""
    record = dict(_object(data))
    if external_id is not None:
        record["external_id"] = external_id
    elif record.get("external_id") is None:
        record["external_id"] = _STAND_IN
    return record


def _holder(record: dict, partner: Partner | None) -> dict:
    """A partner holding just ``record`` as its offering."""
    holder = partner_record(partner) if partner is not None else dict(_STAND_IN_PARTNER)
    holder["offerings"] = [record]
    return holder


def _validate(doc: dict, prefix: str) -> None:
    try:
        validate_document(doc)
    except DocumentRejected as exc:
        raise relative(exc, prefix) from exc


def _import(
    doc: dict, prefix: str, actor: User | None, approve: bool = False, effective_date=None
) -> ImportSummary:
    try:
        return import_document(
            doc,
            actor_id=actor.id if actor else None,
            actor_label=actor.email if actor else "web",
            approve_partners=approve,
            effective_date=effective_date,
        )
    except DocumentRejected as exc:
        raise relative(exc, prefix) from exc


# -- checks: raise DocumentRejected, save nothing -----------------------------------
def check_msme(record: Any) -> None:
    """Validate an MSME record without saving it."""
    _validate(document(msmes=[_with_id(record)]), MSME_AT)


def check_partner(record: Any) -> None:
    """Validate a partner record (with any offerings) without saving it."""
    _validate(document(partners=[_with_id(record)]), PARTNER_AT)


def check_offering(record: Any, partner: Partner | None = None) -> None:
    """Validate an offering record (of ``partner``, when given) without saving it."""
    _validate(document(partners=[_holder(_with_id(record), partner)]), OFFERING_AT)


# -- writes (the caller commits) -----------------------------------------------------
def save_msme(
    record: dict[str, Any],
    actor: User | None,
    existing: Msme | None = None,
    external_id: str | None = None,
    effective_date: dt.date | None = None,
) -> str:
    """Create or replace an MSME; returns its external id: the stored one, else
    ``external_id``, else a fresh one. Changes to its growth figures enter its
    history as of ``effective_date`` (today)."""
    external_id = existing.external_id if existing else external_id or new_external_id(Msme, "UMKM")
    doc = document(msmes=[dict(record, external_id=external_id)])
    _import(doc, MSME_AT, actor, effective_date=effective_date)
    return external_id


def save_partner(
    record: dict[str, Any],
    partner: Partner | None,
    actor: User | None,
    external_id: str | None = None,
    approve: bool = False,
) -> str:
    """Replace the profile of ``partner`` (its offerings are left alone), or
    create a partner under ``external_id`` with any offerings the record lists
    (``approve``: staff made it). Returns its external id."""
    if partner is not None:
        external_id = partner.external_id
        record = {k: v for k, v in record.items() if k != "offerings"}
    record = dict(record, external_id=external_id or new_external_id(Partner, "MTR"))
    _import(document(partners=[record]), PARTNER_AT, actor, approve=approve)
    return record["external_id"]


def save_offering(
    record: dict[str, Any],
    partner: Partner,
    actor: User | None,
    existing: Offering | None = None,
    external_id: str | None = None,
) -> str:
    """Create or replace one offering of ``partner``; returns its external id
    (the stored one, else ``external_id``, else a fresh one)."""
    external_id = (
        existing.external_id
        if existing
        else external_id or new_external_id(Offering, partner.external_id)
    )
    holder = _holder(dict(record, external_id=external_id), partner)
    _import(document(partners=[holder]), OFFERING_AT, actor)
    return external_id


def set_closed(offering: Offering, closed: bool, actor: User | None) -> bool:
    """Close (no longer suggested) or reopen an offering, with its audit entry;
    returns whether anything changed (closing twice is harmless)."""
    if offering.closed == closed:
        return False
    audit.record(
        "update",
        "offering",
        offering.external_id,
        actor_id=actor.id if actor else None,
        actor_label=actor.email if actor else "web",
        before={"closed": offering.closed},
        after={"closed": closed},
    )
    offering.closed = closed
    return True
