"""Import of exchange-format documents into the database.

One document is one transaction: ``import_document`` validates everything,
checks the document against what is stored, and only then adds its changes to
the session; the caller (a CLI command or a view) commits or rolls back.
Records are upserted by ``external_id``, so importing the same file twice
changes nothing, and nothing is written to the audit log the second time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import JSON, Connection, String, Table, any_, bindparam, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import AuditLog, Msme, Need, Offering, Partner, ProfileHistory, name_key, utcnow
from . import audit, growth, versions
from .commodity_keys import commodity_keys
from .exchange import OFFERINGS_MAX, DocumentRejected, Problem, validate_document

MSME_COLUMNS = (
    "name",
    "legal_form",
    "nib",
    "regency",
    "sector",
    "commodities",
    "commodity_keys",
    "scale",
    "business_capital_idr",
    "annual_turnover_idr",
    "employees",
    "founded_year",
    "certifications",
    "description",
    "contact_person",
    "contact_phone",
    "contact_email",
    "supplies",
    "sources",
)
# Lists of FLOWs: absent from a record means "leave the stored ones", as for needs.
FLOW_KEYS = ("supplies", "sources")
PARTNER_COLUMNS = (
    "name",
    "type",
    "regions",
    "description",
    "contact_person",
    "contact_phone",
    "contact_email",
)
OFFERING_COLUMNS = (
    "field",
    "title",
    "description",
    "commodities",
    "commodity_keys",
    "sectors",
    "regions",
    "eligible_scales",
    "eligible_legal_forms",
    "eligible_certifications",
    "capacity",
    "valid_until",
    "volume_quantity",
    "volume_unit",
    "volume_period",
)
NEED_COLUMNS = ("field", "description", "priority")
MSME_JSON_COLUMNS = frozenset(
    col for col in MSME_COLUMNS if isinstance(Msme.__table__.c[col].type, JSON)
)
AUDIT_COLUMNS = (
    "created_at",
    "action",
    "entity_type",
    "entity_id",
    "before",
    "after",
    "actor_id",
    "actor_label",
)
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
            parts.append(
                f"{kind}s: {self.created[kind]} created, {self.updated[kind]} updated, "
                f"{self.unchanged[kind]} unchanged"
            )
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


def _by_external_id(model, ids: list[str], *options) -> dict[str, Any]:
    found = {}
    postgresql = db.session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        # On PostgreSQL one array parameter: an IN list of hundreds of parameters
        # is a long statement that psycopg parses again in Python on every call.
        where = (
            model.external_id == any_(bindparam("ids", chunk, type_=ARRAY(String)))
            if postgresql
            else model.external_id.in_(chunk)
        )
        for obj in db.session.scalars(select(model).where(where).options(*options)):
            found[obj.external_id] = obj
    return found


def id_prefixes(external_id: str) -> list[str]:
    """The partner ids an offering id could be read as belonging to: every part
    before a ``-`` (``MTR-001-2`` gives ``MTR`` and ``MTR-001``)."""
    parts = external_id.split("-")
    return ["-".join(parts[:k]) for k in range(1, len(parts))]


def other_partner_prefix(offering_id: str, partner_id: str, partner_ids: set[str]) -> str | None:
    """The id of another partner that ``offering_id`` starts with (followed by
    ``-``) when it does not start with its own partner's id; else ``None``."""
    if offering_id.startswith(partner_id + "-"):
        return None
    return next(
        (p for p in reversed(id_prefixes(offering_id)) if p in partner_ids and p != partner_id),
        None,
    )


def _stored_offering_counts(partner_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for start in range(0, len(partner_ids), CHUNK):
        rows = db.session.execute(
            select(Partner.external_id, Offering.external_id)
            .join(Offering.partner)
            .where(Partner.external_id.in_(partner_ids[start : start + CHUNK]))
        )
        for partner_id, offering_id in rows:
            found.setdefault(partner_id, set()).add(offering_id)
    return found


def _check_against_store(doc, stored_offerings: dict[str, Offering]) -> None:
    problems = []
    with_offerings = [p for p in doc.partners if p["offerings"]]
    offering_ids = [o["external_id"] for p in with_offerings for o in p["offerings"]]
    # Partners (stored or in the file) whose id an offering id starts with.
    candidates = sorted({prefix for oid in offering_ids for prefix in id_prefixes(oid)})
    partner_ids = {p["external_id"] for p in doc.partners}
    partner_ids |= set(_by_external_id(Partner, [c for c in candidates if c not in partner_ids]))
    stored = _stored_offering_counts([p["external_id"] for p in with_offerings])
    for partner in with_offerings:
        for off in partner["offerings"]:
            existing = stored_offerings.get(off["external_id"])
            if existing is not None and existing.partner.external_id != partner["external_id"]:
                problems.append(
                    Problem(
                        f"{off['_path']}.external_id",
                        f"offering id {off['external_id']!r} is reused across partners: it already "
                        f"belongs to partner {existing.partner.external_id!r}",
                    )
                )
                continue
            other = other_partner_prefix(off["external_id"], partner["external_id"], partner_ids)
            if other is not None:
                problems.append(
                    Problem(
                        f"{off['_path']}.external_id",
                        f"offering id {off['external_id']!r} starts with the id of another partner "
                        f"({other!r}); an offering's id may start with its own partner's id "
                        f"{partner['external_id'] + '-'!r}",
                    )
                )
        total = stored.get(partner["external_id"], set()) | {
            o["external_id"] for o in partner["offerings"]
        }
        if len(total) > OFFERINGS_MAX:
            path = partner["offerings"][0]["_path"].rsplit(".", 1)[0]
            problems.append(
                Problem(
                    f"{path}.offerings",
                    f"partner {partner['external_id']!r} would have {len(total)} offerings, at "
                    "most "
                    f"{OFFERINGS_MAX} (stored ones included)",
                )
            )
    if problems:
        raise DocumentRejected(problems)


def _apply(obj, values: dict[str, Any], columns: tuple[str, ...]) -> None:
    for col in columns:
        setattr(obj, col, values[col])


def import_document(
    raw: Any,
    *,
    actor_id: int | None = None,
    actor_label: str = "import",
    approve_partners: bool = True,
    effective_date: dt.date | None = None,
) -> ImportSummary:
    """Validate ``raw`` (a parsed JSON document) and upsert it into the session.

    Raises ``DocumentRejected`` listing every problem; in that case nothing
    has been added to the session. Partners created by an import are approved
    (staff imported them) unless ``approve_partners`` is false. Changes to an
    MSME's scale, turnover, capital, employees, legal form, NIB or
    certifications enter its growth history as of ``effective_date`` (today).
    """
    doc = validate_document(raw)
    # each typed commodity is stored with its taxonomy key beside it
    for rec in [*doc.msmes, *(o for p in doc.partners for o in p["offerings"] or [])]:
        rec["commodity_keys"] = commodity_keys(rec["commodities"])
    # Every stored MSME's needs are compared: load them with the MSMEs, not one by one.
    msmes = _by_external_id(Msme, [m["external_id"] for m in doc.msmes], selectinload(Msme.needs))
    partners = _by_external_id(Partner, [p["external_id"] for p in doc.partners])
    offering_ids = [o["external_id"] for p in doc.partners for o in p["offerings"] or []]
    offerings = _by_external_id(Offering, offering_ids)
    _check_against_store(doc, offerings)

    summary = ImportSummary()
    log = {"actor_id": actor_id, "actor_label": actor_label}
    on = effective_date or dt.date.today()
    new_msmes = []
    for rec in doc.msmes:
        _keep_stored_flows(rec, msmes.get(rec["external_id"]))
        if rec["external_id"] in msmes:
            _upsert_msme(rec, msmes[rec["external_id"]], summary, log, on)
        else:
            new_msmes.append(rec)
    _insert_msmes(new_msmes, summary, log, on)
    for rec in doc.partners:
        _upsert_partner(
            rec, partners.get(rec["external_id"]), offerings, summary, log, approve_partners
        )
    db.session.flush()
    return summary


def _keep_stored_flows(rec: dict, msme: Msme | None) -> None:
    """A record without ``supplies``/``sources`` keeps the stored ones (none for
    a new MSME), so that files older than these keys import as before."""
    for key in FLOW_KEYS:
        if rec[key] is None:
            rec[key] = list(getattr(msme, key) or []) if msme is not None else []


def _insert_msmes(records: list[dict], summary: ImportSummary, log: dict, on: dt.date) -> None:
    """Create new MSMEs in bulk: the ORM's unit of work made a first import of
    a whole province's MSMEs take minutes."""
    if not records:
        return
    now = utcnow()
    if db.session.get_bind().dialect.name == "postgresql":
        _copy_msmes(records, now, log, on)
    else:
        for start in range(0, len(records), BULK):
            _insert_msme_chunk(records[start : start + BULK], now, log, on)
    summary.created["msme"] += len(records)
    # Core INSERTs and COPY bypass the flush listener that keeps the version stamps.
    versions.bump(versions.MSMES)


def _msme_after(rec: dict) -> dict[str, Any]:
    """A new MSME's snapshot for the audit log. A validated MSME record holds
    only JSON values (no dates), so it needs no ``audit.jsonable`` pass."""
    after = {col: rec[col] for col in MSME_COLUMNS}
    after["needs"] = rec["needs"] or []
    return after


def _insert_msme_chunk(chunk: list[dict], now, log: dict, on: dt.date) -> None:
    """Multi-row INSERTs of MSMEs, their needs and audit rows (SQLite)."""
    rows = [
        {
            "external_id": r["external_id"],
            "created_at": now,
            "updated_at": now,
            "name_key": name_key(r["name"]),
            **{col: r[col] for col in MSME_COLUMNS},
        }
        for r in chunk
    ]
    ids = dict(
        db.session.execute(
            insert(Msme).returning(Msme.external_id, Msme.id, sort_by_parameter_order=True), rows
        ).all()
    )
    needs = [
        {"msme_id": ids[r["external_id"]], "position": i, **n}
        for r in chunk
        for i, n in enumerate(r["needs"] or [])
    ]
    # RETURNING makes SQLAlchemy batch the rows into multi-row VALUES statements.
    if needs:
        db.session.execute(insert(Need).returning(Need.id), needs)
    history = growth.history_rows(
        [(ids[r["external_id"]], r) for r in chunk], on, log["actor_label"]
    )
    db.session.execute(insert(ProfileHistory).returning(ProfileHistory.id), history)
    entries = [
        {
            "created_at": now,
            "action": "create",
            "entity_type": "msme",
            "entity_id": r["external_id"],
            "before": None,
            "after": _msme_after(r),
            **log,
        }
        for r in chunk
    ]
    db.session.execute(insert(AuditLog).returning(AuditLog.id), entries)


def _copy_msmes(records: list[dict], now, log: dict, on: dt.date) -> None:
    """PostgreSQL: COPY the new MSMEs, their needs and audit rows.

    Long multi-row INSERTs cost more to build than to run there (psycopg parses
    every statement over 4 KB again in Python); COPY streams plain rows. The
    MSMEs' ids are drawn from their sequence first so that the needs can name
    them; sorted, they follow the document's order as inserted ids would.
    """
    conn = db.session.connection()
    ids = sorted(
        conn.scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence('msme', 'id')) FROM generate_series(1, :n)"
            ),
            {"n": len(records)},
        )
    )
    _copy_rows(
        conn,
        Msme.__table__,
        ("id", "external_id", "created_at", "updated_at", "name_key", *MSME_COLUMNS),
        (
            (
                msme_id,
                r["external_id"],
                now,
                now,
                name_key(r["name"]),
                *(
                    json.dumps(r[col]) if col in MSME_JSON_COLUMNS else r[col]
                    for col in MSME_COLUMNS
                ),
            )
            for msme_id, r in zip(ids, records, strict=True)
        ),
    )
    _copy_rows(
        conn,
        Need.__table__,
        ("msme_id", "position", *NEED_COLUMNS),
        (
            (msme_id, i, *(n[col] for col in NEED_COLUMNS))
            for msme_id, r in zip(ids, records, strict=True)
            for i, n in enumerate(r["needs"] or [])
        ),
    )
    history = growth.history_rows(list(zip(ids, records, strict=True)), on, log["actor_label"])
    columns = tuple(history[0])
    _copy_rows(
        conn,
        ProfileHistory.__table__,
        (*columns, "recorded_at"),
        (
            (
                *(json.dumps(h[c]) if c == "certifications" else h[c] for c in columns),
                now,
            )
            for h in history
        ),
    )
    # "before" is the JSON null that an INSERT of None stores, not SQL NULL.
    _copy_rows(
        conn,
        AuditLog.__table__,
        AUDIT_COLUMNS,
        (
            (
                now,
                "create",
                "msme",
                r["external_id"],
                "null",
                json.dumps(_msme_after(r)),
                log["actor_id"],
                log["actor_label"],
            )
            for r in records
        ),
    )


def _copy_rows(
    conn: Connection, table: Table, columns: tuple[str, ...], rows: Iterable[tuple]
) -> None:
    """Stream ``rows`` into ``table`` with COPY (text format: the server parses
    each value as its column's type, JSON columns from JSON text) inside the
    session's transaction. Driver errors are raised as SQLAlchemy's, as any
    statement's would be, so callers and error pages treat them alike."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    driver = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as err:
        invalidated = conn.dialect.is_disconnect(err, driver, None)
        if invalidated:
            conn.invalidate(err)
        raise DBAPIError.instance(
            statement.as_string(driver),
            None,
            err,
            psycopg.Error,
            connection_invalidated=invalidated,
            dialect=conn.dialect,
        ) from err


def _upsert_msme(
    rec: dict, msme: Msme | None, summary: ImportSummary, log: dict, on: dt.date
) -> None:
    needs = rec["needs"]
    if msme is None:
        msme = Msme(external_id=rec["external_id"])
        _apply(msme, rec, MSME_COLUMNS)
        msme.needs = [Need(position=i, **n) for i, n in enumerate(needs or [])]
        db.session.add(msme)
        db.session.flush()
        growth.record(msme.id, rec, on, log["actor_label"])
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
    growth.record(msme.id, rec, on, log["actor_label"])
    audit.record("update", "msme", rec["external_id"], before=before, after=after, **log)
    summary.updated["msme"] += 1


def _upsert_partner(
    rec: dict,
    partner: Partner | None,
    offerings: dict[str, Offering],
    summary: ImportSummary,
    log: dict,
    approve: bool,
) -> None:
    if partner is None:
        partner = Partner(external_id=rec["external_id"], approved=approve)
        _apply(partner, rec, PARTNER_COLUMNS)
        db.session.add(partner)
        audit.record(
            "create", "partner", rec["external_id"], after=partner_snapshot(partner), **log
        )
        summary.created["partner"] += 1
    else:
        before = partner_snapshot(partner)
        after = {col: rec[col] for col in PARTNER_COLUMNS}
        if before == after:
            summary.unchanged["partner"] += 1
        else:
            _apply(partner, rec, PARTNER_COLUMNS)
            audit.record("update", "partner", rec["external_id"], before=before, after=after, **log)
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
            audit.record(
                "create", "offering", off["external_id"], after=offering_snapshot(new), **log
            )
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
