"""The agreements introductions reached (their outcomes), listed and totalled for
the dashboard's filters and a kind: the outcomes page and its downloads.

The period and filters are the dashboard's (``monitoring.agreed_in``), so that the
totals per kind here are the dashboard's outcomes table for the same filters.
"""

from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import Introduction
from .monitoring import Filters, agreed_in
from .queries import PAGE_SIZE, intro_query


def _conditions(f: Filters, kind: str | None) -> list:
    conds = agreed_in(f)
    if kind:
        conds.append(Introduction.outcome_kind == kind)
    return conds


def agreement_list(f: Filters, kind: str | None = None):
    """The agreements of the period and filters (of one kind), newest first."""
    return (
        intro_query()
        .where(*_conditions(f, kind))
        .order_by(Introduction.agreed_at.desc(), Introduction.id.desc())
    )


def agreements(f: Filters, kind: str | None = None, page: int = 1):
    return db.paginate(agreement_list(f, kind), page=page, per_page=PAGE_SIZE, error_out=False)


def totals(f: Filters, kind: str | None = None) -> dict[str | None, tuple[int, int]]:
    """Per kind of outcome: (agreements, Σ value in Rupiah), one SQL aggregate."""
    query = (
        select(
            Introduction.outcome_kind,
            func.count(),
            func.coalesce(func.sum(Introduction.outcome_value_idr), 0),
        )
        .where(*_conditions(f, kind))
        .group_by(Introduction.outcome_kind)
    )
    return {k: (int(n), int(v)) for k, n, v in db.session.execute(query).all()}
