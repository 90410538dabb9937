"""Saving exchange-format records sent to the API.

Checking and saving go through the records service (``services.records``),
the same as the pages: a record sent to the API obeys exactly the rules of an
import (codes, regencies, NIB, phones, scale derivation) and lands in the
audit log, and problems name paths relative to the body (``needs[1].field``,
``contact.phone``). What is the API's own is here: who may choose which
external id (409 for one taken) and the answer listing the problems.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..models import Msme, Offering, Partner, User
from ..services import records
from ..services.exchange import DocumentRejected, Problem, validate_document
from .errors import ApiError, invalid, rejected

# -- checks run before the schema, so their messages match the CLI's --------------
check_msme = records.check_msme
check_partner = records.check_partner
check_offering = records.check_offering


def check_partner_profile(data: Any) -> None:
    if isinstance(data, dict) and "offerings" in data:
        raise DocumentRejected(
            [
                Problem(
                    "offerings",
                    "offerings are changed through /offerings/{external_id}, not with the partner",
                )
            ]
        )
    records.check_partner(data)


def check_document(data: Any) -> None:
    validate_document(data)


# -- writes (the caller commits) ---------------------------------------------------
def _exists(model, external_id: str) -> bool:
    return db.session.scalar(select(model.id).where(model.external_id == external_id)) is not None


def _chosen_id(record: dict, model, existing=None) -> str | None:
    """The id the body chose, when it may: it matches the stored one and is not
    another record's; ``None`` to have one generated."""
    given = record.get("external_id")
    if existing is not None:
        if given is not None and given.strip() != existing.external_id:
            raise invalid([("external_id", "must match the external_id in the URL")])
        return existing.external_id
    if given is None:
        return None
    given = given.strip()
    if _exists(model, given):
        raise ApiError(409, "conflict", f"external_id {given!r} is already taken.")
    return given


def save_msme(record: dict, actor: User, existing: Msme | None = None) -> str:
    """Create or replace an MSME from its record; returns its external id."""
    external_id = _chosen_id(record, Msme, existing)
    try:
        return records.save_msme(record, actor, existing, external_id=external_id)
    except DocumentRejected as exc:
        raise rejected(exc) from exc


def create_partner(record: dict, actor: User) -> str:
    """Create a partner (approved: staff made it), with any offerings it lists."""
    external_id = _chosen_id(record, Partner)
    for i, offering in enumerate(record.get("offerings") or []):
        if _exists(Offering, offering["external_id"].strip()):
            raise ApiError(
                409,
                "conflict",
                f"offerings[{i}].external_id {offering['external_id']!r} is already taken.",
            )
    try:
        return records.save_partner(record, None, actor, external_id=external_id, approve=True)
    except DocumentRejected as exc:
        raise rejected(exc) from exc


def update_partner(record: dict, partner: Partner, actor: User) -> None:
    """Replace a partner's profile; its offerings are left alone."""
    _chosen_id(record, Partner, partner)
    try:
        records.save_partner(record, partner, actor)
    except DocumentRejected as exc:
        raise rejected(exc) from exc


def save_offering(
    record: dict, partner: Partner, actor: User, existing: Offering | None = None
) -> str:
    """Create or replace one offering of ``partner``; returns its external id.

    An id a partner's own account chooses must start with the partner's id and
    ``-``: a partner cannot take another partner's (or an MSME's) look."""
    given = record.get("external_id")
    if (
        existing is None
        and given is not None
        and actor.role == "partner"
        and not given.strip().startswith(partner.external_id + "-")
    ):
        raise invalid(
            [
                (
                    "external_id",
                    f"an offering id you choose must start with your "
                    f"partner id followed by '-' ({partner.external_id + '-'!r}); leave "
                    f"it out to have one generated",
                )
            ]
        )
    external_id = _chosen_id(record, Offering, existing)
    try:
        return records.save_offering(record, partner, actor, existing, external_id=external_id)
    except DocumentRejected as exc:
        raise rejected(exc) from exc
