"""Saving MSMEs, partners and offerings edited in the pages.

Pages build an exchange-format record and save it through the importer, so a
form obeys exactly the rules of an import (codes, regencies, NIB, phones,
scale derivation) and every change lands in the audit log. Problems come back
as ``DocumentRejected`` with paths relative to the record (``nib``,
``needs[1].description``, ``contact.phone``) for the form to show next to
its fields.
"""

from __future__ import annotations

import re
from typing import Any

from ..models import Msme, Offering, Partner, User
from .accounts import new_external_id
from .exchange import DocumentRejected, Problem, validate_document
from .exporter import partner_record
from .importer import import_document

_PREFIX = re.compile(r"^(msmes\[0\]|partners\[0\](\.offerings\[0\])?)\.?")


def _relative(exc: DocumentRejected) -> DocumentRejected:
    return DocumentRejected([Problem(_PREFIX.sub("", p.path), p.message) for p in exc.problems])


def _run(document: dict, actor: User | None) -> None:
    try:
        import_document(document, actor_id=actor.id if actor else None,
                        actor_label=actor.email if actor else "web", approve_partners=False)
    except DocumentRejected as exc:
        raise _relative(exc) from exc


def check_msme(record: dict[str, Any]) -> None:
    """Validate an MSME record without saving it; raises ``DocumentRejected``."""
    try:
        validate_document({"format": "jejaring/1",
                           "msmes": [dict(record, external_id="check")]})
    except DocumentRejected as exc:
        raise _relative(exc) from exc


def check_offering(record: dict[str, Any], partner: Partner) -> None:
    """Validate an offering record of ``partner`` without saving it."""
    holder = partner_record(partner)
    holder["offerings"] = [dict(record, external_id="check")]
    try:
        validate_document({"format": "jejaring/1", "partners": [holder]})
    except DocumentRejected as exc:
        raise _relative(exc) from exc


def save_msme(record: dict[str, Any], actor: User | None, existing: Msme | None = None) -> str:
    """Create or update an MSME from an exchange-format record; returns its external id."""
    record = dict(record)
    record["external_id"] = existing.external_id if existing else new_external_id(Msme, "UMKM")
    _run({"format": "jejaring/1", "msmes": [record]}, actor)
    return record["external_id"]


def save_partner(record: dict[str, Any], partner: Partner, actor: User | None) -> None:
    """Update a partner's profile (not its offerings) from an exchange-format record."""
    record = dict(record, external_id=partner.external_id)
    record.pop("offerings", None)
    _run({"format": "jejaring/1", "partners": [record]}, actor)


def save_offering(record: dict[str, Any], partner: Partner, actor: User | None,
                  existing: Offering | None = None) -> str:
    """Create or update one offering of ``partner``; returns its external id."""
    record = dict(record)
    record["external_id"] = existing.external_id if existing else new_external_id(
        Offering, partner.external_id)
    holder = partner_record(partner)
    holder["offerings"] = [record]
    _run({"format": "jejaring/1", "partners": [holder]}, actor)
    return record["external_id"]
