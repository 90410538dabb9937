"""Export of the stored MSMEs and partners as spreadsheets (XLSX or CSV).

The sheets are the import templates' (``spreadsheets.COLUMNS``), so an export
imports back unchanged. Text cells that a spreadsheet program would run as a
formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return) are
written with a leading apostrophe; the importer removes it again.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .spreadsheets import COLUMNS, FORMULA_STARTS, LIST_COLUMNS


def escape_formula(value: Any) -> Any:
    """A cell value that no spreadsheet program will evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value: Any, column: str) -> Any:
    if value is None:
        return ""
    if column in LIST_COLUMNS and isinstance(value, list):
        value = "; ".join(value)
    return escape_formula(value)


def _rows(document: dict) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for msme in document.get("msmes", []):
        record = {k: v for k, v in msme.items() if k not in ("needs", "contact")}
        for key, value in (msme.get("contact") or {}).items():
            record[f"contact_{key}"] = value
        rows["msmes"].append(record)
        for need in msme.get("needs", []):
            rows["needs"].append({"msme_external_id": msme["external_id"], **need})
    for partner in document.get("partners", []):
        record = {k: v for k, v in partner.items() if k not in ("offerings", "contact")}
        for key, value in (partner.get("contact") or {}).items():
            record[f"contact_{key}"] = value
        rows["partners"].append(record)
        for offering in partner.get("offerings", []):
            flat = {k: v for k, v in offering.items() if k != "eligibility"}
            for key, value in (offering.get("eligibility") or {}).items():
                flat[f"eligible_{key}"] = value
            rows["offerings"].append({"partner_external_id": partner["external_id"], **flat})
    return rows


def _table(name: str, records: list[dict[str, Any]]) -> list[list[Any]]:
    columns = COLUMNS[name]
    return [list(columns)] + [[_cell(r.get(c), c) for c in columns] for r in records]


def write_xlsx(document: dict, path: Path) -> None:
    """Write an exchange-format document as one workbook with the four sheets."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, records in _rows(document).items():
        sheet = workbook.create_sheet(name)
        for row in _table(name, records):
            sheet.append(row)
    workbook.save(path)


def write_csv(document: dict, folder: Path) -> list[Path]:
    """Write an exchange-format document as four CSV files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, records in _rows(document).items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(_table(name, records))
        written.append(path)
    return written
