"""Flows of goods between MSMEs: units, periods and distances (no I/O, no Flask).

A FLOW of the exchange format (``supplies`` and ``sources`` of an MSME) is a
commodity with an optional quantity per period. Quantities are compared only
when their units convert (``kg`` and ``ton``); periods are brought to a month
(a week is 7/30.4 of a month, a year 12 months), as ``docs/exchange-format.md``
says. Distances are great-circle kilometres between regency seats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# unit -> (Bahasa Indonesia, English); the order is the format's.
UNITS: dict[str, tuple[str, str]] = {
    "kg": ("kg", "kg"),
    "ton": ("ton", "ton"),
    "liter": ("liter", "litre"),
    "pcs": ("buah", "pieces"),
    "pack": ("bungkus", "packs"),
}
PERIODS: dict[str, tuple[str, str]] = {
    "week": ("minggu", "week"),
    "month": ("bulan", "month"),
    "year": ("tahun", "year"),
}
# Units that convert into one another: unit -> (base unit, factor to the base).
_BASE = {"kg": ("kg", 1.0), "ton": ("kg", 1000.0)}
_PER_MONTH = {"week": 30.4 / 7, "month": 1.0, "year": 1.0 / 12}

# Regency seats (approximate latitude, longitude), from the exchange format's
# contract (docs/exchange-format.md, "pool"), which takes them from the BPS
# regency capitals: 6101 Sambas, 6102 Bengkayang, 6103 Ngabang, 6104 Mempawah,
# 6105 Sanggau, 6106 Ketapang, 6107 Sintang, 6108 Putussibau, 6109 Sekadau,
# 6110 Nanga Pinoh, 6111 Sukadana, 6112 Sungai Raya, 6171 Pontianak, 6172 Singkawang.
REGENCY_SEATS: dict[str, tuple[float, float]] = {
    "6101": (1.36, 109.30),
    "6102": (0.83, 109.48),
    "6103": (0.38, 109.95),
    "6104": (0.37, 108.96),
    "6105": (0.12, 110.59),
    "6106": (-1.83, 109.98),
    "6107": (0.07, 111.50),
    "6108": (0.84, 112.93),
    "6109": (0.03, 110.95),
    "6110": (-0.33, 111.74),
    "6111": (-1.25, 109.96),
    "6112": (-0.08, 109.37),
    "6171": (-0.03, 109.33),
    "6172": (0.91, 108.98),
}
_EARTH_KM = 6371.0


@dataclass(frozen=True)
class Amount:
    """A quantity per month in a base unit (``kg`` for kg and ton)."""

    quantity: float
    unit: str


def monthly(quantity: float | None, unit: str | None, period: str | None) -> Amount | None:
    """``quantity`` ``unit`` per ``period`` as an amount per month in the base
    unit (tons become kg); ``None`` when the quantity or unit is missing. A
    flow without a period is read as per month."""
    if quantity is None or unit is None or unit not in UNITS:
        return None
    base, factor = _BASE.get(unit, (unit, 1.0))
    return Amount(quantity * factor * _PER_MONTH.get(period or "month", 1.0), base)


def base_unit(unit: str) -> str:
    """The unit that quantities in ``unit`` are compared in (``kg`` for ton)."""
    return _BASE.get(unit, (unit, 1.0))[0]


def in_unit(amount: Amount, unit: str, period: str) -> float | None:
    """``amount`` (per month, base unit) expressed in ``unit`` per ``period``;
    ``None`` when the units do not convert."""
    base, factor = _BASE.get(unit, (unit, 1.0))
    if base != amount.unit:
        return None
    return amount.quantity / factor / _PER_MONTH[period]


def distance_km(a: str, b: str) -> float | None:
    """Great-circle distance in km between the seats of regencies ``a`` and ``b``
    (BPS codes); ``None`` when either is unknown."""
    pa, pb = REGENCY_SEATS.get(a), REGENCY_SEATS.get(b)
    if pa is None or pb is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*pa, *pb))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))
