"""Geometry of the server-rendered SVG bar charts (no script: the CSP stays strict)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WIDTH = 400
ROW = 42
BAR_TOP = 16
BAR_HEIGHT = 14
VALUE_ROOM = 130  # right of the longest bar, for its figure


@dataclass
class Bar:
    label: Any
    value: float
    y: int
    width: float


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int


def bar_chart(rows: list[tuple]) -> Chart:
    """Horizontal bars for ``(label, value, ...)`` rows, scaled to the largest value."""
    top = max((r[1] or 0 for r in rows), default=0) or 1
    room = WIDTH - VALUE_ROOM
    bars = [
        Bar(r[0], r[1] or 0, i * ROW, round((r[1] or 0) / top * room, 1))
        for i, r in enumerate(rows)
    ]
    return Chart(bars, WIDTH, max(len(rows), 1) * ROW)
