"""Export of the stored MSMEs and partners as spreadsheets (XLSX or CSV).

The sheets are the import templates' (``spreadsheets.COLUMNS``), so an export
imports back unchanged, and export, import, export gives the same bytes
(the workbook's timestamps are fixed). Text cells that a spreadsheet program
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) and text that itself starts with an apostrophe are written
with one more leading apostrophe; the importer removes exactly one again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from .spreadsheets import COLUMNS, ESCAPED_STARTS, LIST_COLUMNS

# Every workbook says it was made and changed at this moment, and every file
# inside it carries this date, so that the same data gives the same bytes.
_FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def escape_formula(value: Any) -> Any:
    """A cell value that no spreadsheet program will evaluate as a formula, and
    from which import gets the text back exactly (see ``ESCAPED_STARTS``)."""
    if isinstance(value, str) and value.startswith(ESCAPED_STARTS):
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
        record = {
            k: v for k, v in msme.items() if k not in ("needs", "contact", "supplies", "sources")
        }
        for key, value in (msme.get("contact") or {}).items():
            record[f"contact_{key}"] = value
        rows["msmes"].append(record)
        for need in msme.get("needs", []):
            rows["needs"].append({"msme_external_id": msme["external_id"], **need})
        for direction in ("supplies", "sources"):
            for flow in msme.get(direction, []):
                rows["flows"].append(
                    {"msme_external_id": msme["external_id"], "direction": direction, **flow}
                )
    for partner in document.get("partners", []):
        record = {k: v for k, v in partner.items() if k not in ("offerings", "contact")}
        for key, value in (partner.get("contact") or {}).items():
            record[f"contact_{key}"] = value
        rows["partners"].append(record)
        for offering in partner.get("offerings", []):
            flat = {k: v for k, v in offering.items() if k not in ("eligibility", "volume")}
            for key, value in (offering.get("eligibility") or {}).items():
                flat[f"eligible_{key}"] = value
            for key, value in (offering.get("volume") or {}).items():
                flat[f"volume_{key}"] = value
            rows["offerings"].append({"partner_external_id": partner["external_id"], **flat})
    return rows


def _table(name: str, records: list[dict[str, Any]]) -> list[list[Any]]:
    columns = COLUMNS[name]
    return [list(columns)] + [[_cell(r.get(c), c) for c in columns] for r in records]


def write_xlsx(document: dict, path: Path) -> None:
    """Write an exchange-format document as one workbook with the five sheets."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.created = _FIXED_TIME
    for name, records in _rows(document).items():
        sheet = workbook.create_sheet(name)
        for row in _table(name, records):
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_reproducible(buffer.getvalue()))


def _reproducible(xlsx: bytes) -> bytes:
    """The workbook with its save time and the zip's file dates fixed."""
    out = io.BytesIO()
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            info = zipfile.ZipInfo(member.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = member.external_attr
            target.writestr(info, data)
    return out.getvalue()


def write_csv(document: dict, folder: Path) -> list[Path]:
    """Write an exchange-format document as five CSV files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, records in _rows(document).items():
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(_table(name, records))
        written.append(path)
    return written
