"""Personal data under Indonesia's UU 27/2022: a user can download what Jejaring
holds about them and ask for deletion.

Deletion anonymises: names, contact details, NIB, free texts and the login
are removed, also from the audit log's snapshots of those records, while what
counts for the centre's statistics stays (regency, sector, scale,
commodities, needs' fields, introductions and their outcomes).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

from ..extensions import db
from ..models import (
    AuditLog,
    Introduction,
    Msme,
    Offering,
    Partner,
    ProfileHistory,
    Rating,
    User,
)
from . import audit, privacy
from .exporter import msme_record, partner_record

REMOVED = "[dihapus]"
CONTACT_KEYS = ("contact_person", "contact_phone", "contact_email")
MSME_KEYS = ("name", "nib", "description", "needs", *CONTACT_KEYS)
USER_KEYS = ("email", "name")


def _user_record(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "created_at": user.created_at.isoformat() if user.created_at else None,
    }


def _msme_introductions(msme_id: int) -> list[dict[str, Any]]:
    """An MSME owner's introductions: everything, it is their business."""
    return [
        {
            "id": intro.id,
            "msme": intro.msme.external_id,
            "offering": intro.offering.external_id,
            "status": intro.status,
            "message": intro.message,
            "pitch": intro.pitch,
            "outcome_kind": intro.outcome_kind,
            "outcome_value_idr": intro.outcome_value_idr,
            "history": [
                {"status": e.status, "at": e.created_at.isoformat(), "note": e.note}
                for e in intro.events
            ],
        }
        for intro in db.session.scalars(
            select(Introduction).where(Introduction.msme_id == msme_id).order_by(Introduction.id)
        )
    ]


def _partner_introductions(partner_id: int) -> list[dict[str, Any]]:
    """A partner's introductions as its pages show them: the MSME through
    ``privacy.partner_introduction`` (structured profile and the consultant's
    pitch until the partner accepted; then its id, name, contact and message)."""
    out = []
    for intro in db.session.scalars(
        select(Introduction)
        .join(Offering)
        .where(Offering.partner_id == partner_id)
        .order_by(Introduction.id)
    ):
        seen = privacy.partner_introduction(intro, partner_id)
        msme = seen.msme  # None until accepted
        out.append(
            {
                "id": intro.id,
                "offering": intro.offering.external_id,
                "status": intro.status,
                "msme": msme.external_id if msme else None,
                "msme_name": msme.name if msme else None,
                "msme_profile": seen.view.as_dict(),
                "pitch": seen.view.pitch,
                "message": seen.message,
                "outcome_kind": intro.outcome_kind,
                "outcome_value_idr": intro.outcome_value_idr,
                "history": [
                    {"status": h.status, "at": h.at.isoformat(), "note": h.note}
                    for h in seen.history
                ],
            }
        )
    return out


def download(user: User) -> dict[str, Any]:
    """Everything Jejaring holds about this user and the business they own; for
    a partner, the MSMEs of its introductions only as its pages show them."""
    data: dict[str, Any] = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(),
        "account": _user_record(user),
    }
    if user.msme is not None:
        data["msme"] = msme_record(user.msme)
        data["introductions"] = _msme_introductions(user.msme_id)
        data["growth_history"] = _growth_history(user.msme_id)
    data["ratings_given"] = [
        {
            "introduction": r.introduction_id,
            "subject": r.subject,
            "score": r.score,
            "comment": r.comment,
            "at": r.created_at.isoformat(),
        }
        for r in db.session.scalars(select(Rating).where(Rating.rater_id == user.id))
    ]
    if user.partner is not None:
        data["partner"] = partner_record(user.partner)
        data["introductions"] = _partner_introductions(user.partner_id)
    return data


def _growth_history(msme_id: int) -> list[dict[str, Any]]:
    from .growth import TRACKED, history

    return [
        {"effective_date": h.effective_date.isoformat(), **{k: getattr(h, k) for k in TRACKED}}
        for h in history(msme_id)
    ]


def _scrub_audit(entity_type: str, entity_id: str, keys: tuple[str, ...]) -> None:
    for entry in db.session.scalars(
        select(AuditLog).where(AuditLog.entity_type == entity_type, AuditLog.entity_id == entity_id)
    ):
        for attr in ("before", "after"):
            snapshot = getattr(entry, attr)
            if snapshot:
                setattr(
                    entry,
                    attr,
                    {k: (REMOVED if k in keys and v else v) for k, v in snapshot.items()},
                )


def _anonymise_msme(msme: Msme) -> None:
    msme.name = f"UMKM {msme.external_id} ({REMOVED})"
    msme.nib = msme.description = None
    msme.contact_person = msme.contact_phone = msme.contact_email = None
    for need in msme.needs:
        need.description = ""
    # A FLOW's note is the MSME's own words (issue 16); commodity and amount stay.
    msme.supplies = [{k: v for k, v in f.items() if k != "note"} for f in msme.supplies or []]
    msme.sources = [{k: v for k, v in f.items() if k != "note"} for f in msme.sources or []]
    for intro in db.session.scalars(select(Introduction).where(Introduction.msme_id == msme.id)):
        intro.message = intro.pitch = None
        for event in intro.events:
            event.note = None
        _scrub_audit("introduction", str(intro.id), ("note", "message", "pitch"))
    _scrub_audit("msme", msme.external_id, (*MSME_KEYS, "supplies", "sources"))
    # The growth history keeps that a NIB was obtained (a statistic), not the number.
    db.session.execute(
        update(ProfileHistory)
        .where(ProfileHistory.msme_id == msme.id, ProfileHistory.nib.is_not(None))
        .values(nib=REMOVED)
    )


def _anonymise_user(user: User) -> None:
    old_email = user.email
    user.email = f"dihapus-{user.id}-{secrets.token_hex(4)}@invalid.example"
    user.name = ""
    user.password_hash = generate_password_hash(secrets.token_urlsafe(32))
    user.active = False
    _scrub_audit("user", old_email, USER_KEYS)


def delete(user: User) -> None:
    """Anonymise the user's account and the personal data of their business."""
    if user.msme is not None:
        _anonymise_msme(user.msme)
    if user.partner is not None:
        partner: Partner = user.partner
        if (
            partner.contact_email
            and partner.contact_email.lower() == user.email.lower()
            or partner.contact_person == user.name
        ):
            partner.contact_person = partner.contact_phone = partner.contact_email = None
            _scrub_audit("partner", partner.external_id, CONTACT_KEYS)
    audit.record(
        "delete",
        "personal_data",
        str(user.id),
        actor_id=user.id,
        after={"role": user.role, "anonymised": True},
    )
    # Ratings stay for the scorecards; the words the user wrote go.
    db.session.execute(update(Rating).where(Rating.rater_id == user.id).values(comment=None))
    _anonymise_user(user)
