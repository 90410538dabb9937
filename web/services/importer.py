"""Import of exchange-format documents into the database.

One document is one transaction: ``import_document`` validates everything,
checks the document against what is stored, and only then adds its changes to
the session; the caller (a CLI command or a view) commits or rolls back.
Records are upserted by ``external_id``, so importing the same file twice
changes nothing, and nothing is written to the audit log the second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select

from ..extensions import db
from ..models import AuditLog, Msme, Need, Offering, Partner, utcnow
from . import audit, versions
from .exchange import DocumentRejected, Problem, validate_document

MSME_COLUMNS = (
    "name", "legal_form", "nib", "regency", "sector", "commodities", "scale",
    "business_capital_idr", "annual_turnover_idr", "employees", "founded_year",
    "certifications", "description", "contact_person", "contact_phone", "contact_email",
)
PARTNER_COLUMNS = (
    "name", "type", "regions", "description", "contact_person", "contact_phone",
    "contact_email",
)
OFFERING_COLUMNS = (
    "field", "title", "description", "commodities", "sectors", "regions", "eligible_scales",
    "eligible_legal_forms", "eligible_certifications", "capacity", "valid_until",
)
NEED_COLUMNS = ("field", "description", "priority")
CHUNK = 500
BULK = 1000


@dataclass
class ImportSummary:
    """Counts of what an import did, per kind of record."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        parts = []
        for kind in ("msme", "partner", "offering"):
            parts.append(f"{kind}s: {self.created[kind]} created, {self.updated[kind]} updated, "
                         f"{self.unchanged[kind]} unchanged")
        return "; ".join(parts)


def msme_snapshot(msme: Msme) -> dict[str, Any]:
    """An MSME's stored values, as compared on import and kept in the audit log."""
    snap = {col: getattr(msme, col) for col in MSME_COLUMNS}
    snap["needs"] = [{col: getattr(n, col) for col in NEED_COLUMNS} for n in msme.needs]
    return snap


def partner_snapshot(partner: Partner) -> dict[str, Any]:
    return {col: getattr(partner, col) for col in PARTNER_COLUMNS}


def offering_snapshot(offering: Offering) -> dict[str, Any]:
    return {col: getattr(offering, col) for col in OFFERING_COLUMNS}


def _by_external_id(model, ids: list[str]) -> dict[str, Any]:
    found = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        for obj in db.session.scalars(select(model).where(model.external_id.in_(chunk))):
            found[obj.external_id] = obj
    return found


def _check_against_store(doc, stored_offerings: dict[str, Offering]) -> None:
    problems = []
    for partner in doc.partners:
        for off in partner["offerings"] or []:
            existing = stored_offerings.get(off["external_id"])
            if existing is not None and existing.partner.external_id != partner["external_id"]:
                problems.append(Problem(
                    f"{off['_path']}.external_id",
                    f"offering id {off['external_id']!r} is reused across partners: it already "
                    f"belongs to partner {existing.partner.external_id!r}",
                ))
    if problems:
        raise DocumentRejected(problems)


def _apply(obj, values: dict[str, Any], columns: tuple[str, ...]) -> None:
    for col in columns:
        setattr(obj, col, values[col])


def import_document(raw: Any, *, actor_id: int | None = None, actor_label: str = "import",
                    approve_partners: bool = True) -> ImportSummary:
    """Validate ``raw`` (a parsed JSON document) and upsert it into the session.

    Raises ``DocumentRejected`` listing every problem; in that case nothing
    has been added to the session. Partners created by an import are approved
    (staff imported them) unless ``approve_partners`` is false.
    """
    doc = validate_document(raw)
    msmes = _by_external_id(Msme, [m["external_id"] for m in doc.msmes])
    partners = _by_external_id(Partner, [p["external_id"] for p in doc.partners])
    offering_ids = [o["external_id"] for p in doc.partners for o in p["offerings"] or []]
    offerings = _by_external_id(Offering, offering_ids)
    _check_against_store(doc, offerings)

    summary = ImportSummary()
    log = {"actor_id": actor_id, "actor_label": actor_label}
    new_msmes = []
    for rec in doc.msmes:
        if rec["external_id"] in msmes:
            _upsert_msme(rec, msmes[rec["external_id"]], summary, log)
        else:
            new_msmes.append(rec)
    _insert_msmes(new_msmes, summary, log)
    for rec in doc.partners:
        _upsert_partner(rec, partners.get(rec["external_id"]), offerings, summary, log,
                        approve_partners)
    db.session.flush()
    return summary


def _insert_msmes(records: list[dict], summary: ImportSummary, log: dict) -> None:
    """Create new MSMEs with bulk INSERTs: the ORM's unit of work made a first
    import of a whole province's MSMEs take minutes."""
    if not records:
        return
    now = utcnow()
    for start in range(0, len(records), BULK):
        chunk = records[start:start + BULK]
        rows = [{"external_id": r["external_id"], "created_at": now, "updated_at": now,
                 **{col: r[col] for col in MSME_COLUMNS}} for r in chunk]
        ids = dict(db.session.execute(
            insert(Msme).returning(Msme.external_id, Msme.id, sort_by_parameter_order=True),
            rows).all())
        needs = [{"msme_id": ids[r["external_id"]], "position": i, **n}
                 for r in chunk for i, n in enumerate(r["needs"] or [])]
        # RETURNING makes SQLAlchemy batch the rows into multi-row VALUES
        # statements on every driver (psycopg would otherwise send one per row).
        if needs:
            db.session.execute(insert(Need).returning(Need.id), needs)
        entries = []
        for r in chunk:
            after = {col: r[col] for col in MSME_COLUMNS}
            after["needs"] = list(r["needs"] or [])
            entries.append({"created_at": now, "action": "create", "entity_type": "msme",
                            "entity_id": r["external_id"], "before": None,
                            "after": audit.jsonable(after), **log})
        db.session.execute(insert(AuditLog).returning(AuditLog.id), entries)
    summary.created["msme"] += len(records)
    # Core INSERTs bypass the flush listener that keeps the version stamps.
    versions.bump(versions.MSMES)


def _upsert_msme(rec: dict, msme: Msme | None, summary: ImportSummary, log: dict) -> None:
    needs = rec["needs"]
    if msme is None:
        msme = Msme(external_id=rec["external_id"])
        _apply(msme, rec, MSME_COLUMNS)
        msme.needs = [Need(position=i, **n) for i, n in enumerate(needs or [])]
        db.session.add(msme)
        audit.record("create", "msme", rec["external_id"], after=msme_snapshot(msme), **log)
        summary.created["msme"] += 1
        return
    before = msme_snapshot(msme)
    after = {col: rec[col] for col in MSME_COLUMNS}
    after["needs"] = before["needs"] if needs is None else needs
    if after == before:
        summary.unchanged["msme"] += 1
        return
    _apply(msme, rec, MSME_COLUMNS)
    if needs is not None and needs != before["needs"]:
        msme.needs = [Need(position=i, **n) for i, n in enumerate(needs)]
    audit.record("update", "msme", rec["external_id"], before=before, after=after, **log)
    summary.updated["msme"] += 1


def _upsert_partner(rec: dict, partner: Partner | None, offerings: dict[str, Offering],
                    summary: ImportSummary, log: dict, approve: bool) -> None:
    if partner is None:
        partner = Partner(external_id=rec["external_id"], approved=approve)
        _apply(partner, rec, PARTNER_COLUMNS)
        db.session.add(partner)
        audit.record("create", "partner", rec["external_id"], after=partner_snapshot(partner),
                     **log)
        summary.created["partner"] += 1
    else:
        before = partner_snapshot(partner)
        after = {col: rec[col] for col in PARTNER_COLUMNS}
        if before == after:
            summary.unchanged["partner"] += 1
        else:
            _apply(partner, rec, PARTNER_COLUMNS)
            audit.record("update", "partner", rec["external_id"], before=before, after=after,
                         **log)
            summary.updated["partner"] += 1
    # Offerings absent from the file are left alone: they may carry
    # introductions, and a partial file must not silently close them.
    next_position = max((o.position for o in partner.offerings), default=-1) + 1
    for off in rec["offerings"] or []:
        existing = offerings.get(off["external_id"])
        if existing is None:
            new = Offering(external_id=off["external_id"], position=next_position)
            next_position += 1
            _apply(new, off, OFFERING_COLUMNS)
            partner.offerings.append(new)
            audit.record("create", "offering", off["external_id"],
                         after=offering_snapshot(new), **log)
            summary.created["offering"] += 1
            continue
        before = offering_snapshot(existing)
        after = {col: off[col] for col in OFFERING_COLUMNS}
        if before == after:
            summary.unchanged["offering"] += 1
            continue
        _apply(existing, off, OFFERING_COLUMNS)
        audit.record("update", "offering", off["external_id"], before=before, after=after, **log)
        summary.updated["offering"] += 1
