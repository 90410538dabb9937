"""External ids that break today's rules, found and renamed.

Data stored before the rules existed may hold ids that the exchange format now
refuses (``a/b``, ``<script>``, longer than 64 characters), partner or
offering ids that start like an MSME's (``UMKM-``), or offering ids that start
with another partner's id instead of their own. ``find_bad_ids`` lists them
(``flask --app wsgi init-db`` prints the list); ``fix_bad_ids`` renames each
to a valid id derived from the old one, deterministically, with an audit
entry (``flask --app wsgi fix-ids``). Introductions, accounts and follows
point at rows, not at ids, so a rename breaks none of them; the audit log
keeps the old id in its history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Msme, Offering, Partner
from . import audit
from .exchange import ID_MAX, ID_RE, MSME_ID_PREFIX
from .importer import other_partner_prefix

_OUTSIDE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class BadId:
    """One stored record whose external id breaks a rule, and why."""

    kind: str  # "msme", "partner" or "offering"
    external_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id!r}: {self.reason}"


def _pattern_problem(external_id: str) -> str | None:
    if not 1 <= len(external_id) <= ID_MAX:
        return f"longer than {ID_MAX} characters" if external_id else "empty"
    if not ID_RE.match(external_id):
        return "holds characters other than letters, digits, '-', '_' and '.', or only dots"
    return None


def _msme_like(external_id: str) -> bool:
    return external_id.upper().startswith(MSME_ID_PREFIX)


def find_bad_ids() -> list[BadId]:
    """Every stored MSME, partner and offering whose id breaks a rule."""
    found = []
    for (external_id,) in db.session.execute(select(Msme.external_id).order_by(Msme.id)):
        if (reason := _pattern_problem(external_id)) is not None:
            found.append(BadId("msme", external_id, reason))
    partners = list(
        db.session.scalars(
            select(Partner).options(selectinload(Partner.offerings)).order_by(Partner.id)
        )
    )
    partner_ids = {p.external_id for p in partners}
    for partner in partners:
        reason = _pattern_problem(partner.external_id)
        if reason is None and _msme_like(partner.external_id):
            reason = f"starts with {MSME_ID_PREFIX!r}, the prefix of MSME ids"
        if reason is not None:
            found.append(BadId("partner", partner.external_id, reason))
    for partner in partners:
        for offering in partner.offerings:
            reason = _pattern_problem(offering.external_id)
            if reason is None and _msme_like(offering.external_id):
                reason = f"starts with {MSME_ID_PREFIX!r}, the prefix of MSME ids"
            other = other_partner_prefix(offering.external_id, partner.external_id, partner_ids)
            if reason is None and other is not None:
                reason = (
                    f"starts with the id of another partner ({other!r}), not with its "
                    f"own partner's ({partner.external_id!r})"
                )
            if reason is not None:
                found.append(BadId("offering", offering.external_id, reason))
    return found


def _cleaned(external_id: str) -> str:
    text = _OUTSIDE.sub("-", external_id).strip("-")
    return text if text and ID_RE.match(text) else "ID"


def _unique(base: str, taken: set[str]) -> str:
    candidate = base[:ID_MAX]
    n = 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate = base[: ID_MAX - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _rename(obj, kind: str, new_id: str, actor_label: str, renamed: list) -> None:
    old = obj.external_id
    audit.record(
        "update",
        kind,
        new_id,
        before={"external_id": old},
        after={"external_id": new_id},
        actor_label=actor_label,
    )
    obj.external_id = new_id
    renamed.append((kind, old, new_id))


def fix_bad_ids(actor_label: str = "cli:fix-ids") -> list[tuple[str, str, str]]:
    """Rename every record ``find_bad_ids`` lists; returns (kind, old, new) in order.

    New ids keep what was valid of the old one: characters outside the pattern
    become ``-``; a partner that looked like an MSME gets ``MTR-`` in front;
    an offering gets its own partner's id and ``-`` in front; ``-2``, ``-3`` …
    keep them unique. Partners are renamed first, so offerings follow their
    partner's new id. The caller commits.
    """
    renamed: list[tuple[str, str, str]] = []
    for _ in range(3):  # a partner's new id can make one of its offerings' ids stray
        bad = {(b.kind, b.external_id) for b in find_bad_ids()}
        if not bad:
            break
        _fix_once(bad, actor_label, renamed)
    return renamed


def _fix_once(bad: set[tuple[str, str]], actor_label: str, renamed: list) -> None:
    taken = set(db.session.scalars(select(Msme.external_id)))
    for msme in db.session.scalars(select(Msme).order_by(Msme.id)):
        if ("msme", msme.external_id) in bad:
            _rename(msme, "msme", _unique(_cleaned(msme.external_id), taken), actor_label, renamed)
    taken = set(db.session.scalars(select(Partner.external_id)))
    partners = list(
        db.session.scalars(
            select(Partner).options(selectinload(Partner.offerings)).order_by(Partner.id)
        )
    )
    for partner in partners:
        if ("partner", partner.external_id) in bad:
            base = _cleaned(partner.external_id)
            if _msme_like(base):
                base = "MTR-" + base
            _rename(partner, "partner", _unique(base, taken), actor_label, renamed)
    db.session.flush()
    taken = set(db.session.scalars(select(Offering.external_id)))
    for partner in partners:
        for offering in partner.offerings:
            if ("offering", offering.external_id) in bad:
                base = f"{partner.external_id}-{_cleaned(offering.external_id)}"
                _rename(offering, "offering", _unique(base, taken), actor_label, renamed)
    db.session.flush()
