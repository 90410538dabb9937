"""Filtered lists as XLSX or CSV downloads (a header row, then one row per item).

A text cell that a spreadsheet would read as a formula is escaped as in the
exchange-format export (``spreadsheet_export.escape_formula``).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from .spreadsheet_export import escape_formula

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ROWS_MAX = 100_000  # rows in one download; a longer list is cut (filter it first)


def render(title: str, columns: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    """The list as ``fmt`` (``csv`` or ``xlsx``) bytes."""
    cells = [[escape_formula(v) for v in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(cells)
        return out.getvalue().encode("utf-8-sig")  # a BOM so spreadsheets read UTF-8
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = title[:31]
        sheet.append(columns)
        for row in cells:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    raise ValueError(f"unknown list format {fmt!r}")


def download(title: str, filename: str, columns: list[str], rows: list[list[Any]], fmt: str):
    """The list as a download response named ``filename.fmt``."""
    from flask import Response

    return Response(
        render(title, columns, rows, fmt),
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )
