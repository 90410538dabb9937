"""Figures about the whole network for the home page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from matcher import codes

from ..extensions import db
from ..models import Msme, Offering, Partner


@dataclass
class NetworkStats:
    msmes: int
    partners: int
    offerings: int
    msmes_by_regency: list[tuple[str, int]]
    offerings_by_field: list[tuple[str, int]]


def network_stats() -> NetworkStats:
    """Counts of MSMEs, partners and offerings, by regency and by field."""
    by_regency = dict(
        db.session.execute(select(Msme.regency, func.count()).group_by(Msme.regency)).all()
    )
    by_field = dict(
        db.session.execute(select(Offering.field, func.count()).group_by(Offering.field)).all()
    )
    return NetworkStats(
        msmes=sum(by_regency.values()),
        partners=db.session.scalar(select(func.count()).select_from(Partner)) or 0,
        offerings=sum(by_field.values()),
        msmes_by_regency=[(code, by_regency.get(code, 0)) for code in codes.REGENCIES],
        offerings_by_field=[(code, by_field.get(code, 0)) for code in codes.FIELDS],
    )
