"""Spreadsheet templates (CSV and XLSX) for consultants who keep records in Excel.

Five sheets: ``msmes``, ``needs``, ``flows``, ``partners``, ``offerings`` (an XLSX
workbook with sheets of those names, or CSV files ``msmes.csv`` … in one
folder). The first row holds column names; lists inside a cell are separated
by ``;``. ``read`` turns them into an exchange-format document that goes
through the very same validation as JSON, and every problem found is reported
by sheet, row and column.

Reading is bounded (``FILE_MAX_BYTES``, ``ROWS_MAX``, ``COLUMNS_MAX``,
``XML_MAX_BYTES``): a workbook whose XML would expand beyond the bound, that
declares a DTD or entities (billion laughs), or a sheet with too many rows is
rejected with the usual report before it costs time or memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from matcher import codes

from .exchange import DocumentRejected, Problem, column_kinds, flat_columns
from .exchange_schema import FlowRecord, MsmeRecord, NeedRecord, OfferingRecord, PartnerRecord

# The sheets' columns are the records' keys (``exchange_schema``), nested ones
# flat (``contact_phone``, ``eligible_scales``); needs and offerings name their owner,
# and each FLOW its MSME and whether it is one of its ``supplies`` or ``sources``.
_SHEETS = {
    "msmes": ((), MsmeRecord),
    "needs": (("msme_external_id",), NeedRecord),
    "flows": (("msme_external_id", "direction"), FlowRecord),
    "partners": ((), PartnerRecord),
    "offerings": (("partner_external_id",), OfferingRecord),
}
COLUMNS: dict[str, tuple[str, ...]] = {
    name: (*owner, *flat_columns(model)) for name, (owner, model) in _SHEETS.items()
}
_KINDS = {
    column: kind for _, model in _SHEETS.values() for column, kind in column_kinds(model).items()
}
LIST_COLUMNS = {column for column, kind in _KINDS.items() if kind == "list"}
INT_COLUMNS = {column for column, kind in _KINDS.items() if kind == "int"}
NUMBER_COLUMNS = {column for column, kind in _KINDS.items() if kind == "number"}
FLOW_DIRECTIONS = ("supplies", "sources")
CONTACT = {
    column: path[1] for column, path in flat_columns(MsmeRecord).items() if path[0] == "contact"
}
ELIGIBILITY = {
    column: path[1]
    for column, path in flat_columns(OfferingRecord).items()
    if path[0] == "eligibility"
}
VOLUME = {
    column: path[1] for column, path in flat_columns(OfferingRecord).items() if path[0] == "volume"
}
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Export writes a text that starts with one of these with one more apostrophe
# in front, and import removes exactly one leading apostrophe: a text that
# itself starts with "'" survives the round trip.
ESCAPED_STARTS = (*FORMULA_STARTS, "'")
_THOUSANDS = re.compile(r"^\d{1,3}([.,]\d{3})+$")

# Bounds of spreadsheet input (documented in docs/spreadsheets.md).
FILE_MAX_BYTES = 20 * 1024 * 1024  # one XLSX workbook or one CSV file
ROWS_MAX = 20_000  # non-empty rows under the header, per sheet
COLUMNS_MAX = 40  # columns read per row (a sheet has at most 17)
XML_MAX_BYTES = 50 * 1024 * 1024  # a workbook's content, expanded (the zip's members)
ZIP_MEMBERS_MAX = 500  # files inside one workbook
_EXCEL_ROWS = 1_048_576  # what Excel itself allows; rows past it are not read


def problem(where: str, message: str) -> Problem:
    return Problem(where, message)


class TabularDocument(dict):
    """An exchange-format document read from sheets, which remembers where
    each record came from so that problems can be reported by row and column."""

    def __init__(self, suffix: str) -> None:
        super().__init__(format=codes.FORMAT_VERSION, msmes=[], partners=[])
        self.suffix = suffix
        self.rows: dict[str, tuple[str, int]] = {}  # json path prefix -> (sheet, row)

    def locate(self, path: str) -> str:
        """Translate a JSON path (``msmes[3].needs[0].field``) into sheet, row, column."""
        match = re.match(
            r"^(msmes\[\d+\](?:\.(?:needs|supplies|sources)\[\d+\])?|partners\[\d+\]"
            r"(?:\.offerings\[\d+\])?)(?:\.(.*))?$",
            path,
        )
        if not match or match.group(1) not in self.rows:
            return path
        sheet, row = self.rows[match.group(1)]
        rest = match.group(2) or ""
        key = re.sub(r"\[\d+\]$", "", rest)
        column = (
            {f"contact.{v}": k for k, v in CONTACT.items()}.get(key)
            or {f"eligibility.{v}": k for k, v in ELIGIBILITY.items()}.get(key)
            or {f"volume.{v}": k for k, v in VOLUME.items()}.get(key)
            or key
        )
        where = f"{sheet}{self.suffix} row {row}"
        return f"{where}, column {column}" if column else where

    def translate(self, exc: DocumentRejected) -> DocumentRejected:
        return DocumentRejected([Problem(self.locate(p.path), p.message) for p in exc.problems])


def unescape_formula(value: Any) -> Any:
    """Undo the export's guard against spreadsheet formulas: remove exactly one
    leading apostrophe (see ``ESCAPED_STARTS``)."""
    if isinstance(value, str) and value.startswith("'"):
        return value[1:]
    return value


def _cell(value: Any, column: str, where: str, problems: list[Problem]) -> Any:
    value = unescape_formula(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column in LIST_COLUMNS:
        return [part.strip() for part in str(value).split(";") if part.strip()]
    if column in INT_COLUMNS:
        if isinstance(value, bool):
            problems.append(Problem(where, f"must be a whole number (got {value!r})"))
            return None
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int):
            return value
        text = re.sub(r"^rp\.?\s*", "", str(value).strip().lower()).replace(" ", "")
        if _THOUSANDS.match(text):
            text = re.sub(r"[.,]", "", text)
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        problems.append(Problem(where, f"must be a whole number (got {value!r})"))
        return None
    if column in NUMBER_COLUMNS:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        text = str(value).strip().replace(",", ".")
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return float(text) if "." in text else int(text)
        problems.append(Problem(where, f"must be a number (got {value!r})"))
        return None
    if column == "valid_until" and isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if column == "nib" and isinstance(value, int | float):
        return str(int(value))
    return str(value).strip()


# A sheet: its header row, then (row number, values) for each non-empty row.
Table = tuple[list[Any], list[tuple[int, list[Any]]]]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(rows: Iterable[Iterable[Any]], where: str) -> Table:
    """Keep the header and the non-empty rows, refusing more than ``ROWS_MAX``
    of them or a value beyond column ``COLUMNS_MAX``."""
    header: list[Any] | None = None
    kept: list[tuple[int, list[Any]]] = []
    for number, row in enumerate(rows, start=1):
        values = list(row)
        if len(values) > COLUMNS_MAX:
            if any(not _blank(v) for v in values[COLUMNS_MAX:]):
                raise DocumentRejected(
                    [
                        Problem(
                            f"{where} row {number}",
                            (
                                f"has values beyond column {COLUMNS_MAX}; a sheet has at most "
                                f"{COLUMNS_MAX} columns"
                            ),
                        )
                    ]
                )
            values = values[:COLUMNS_MAX]
        if header is None:
            header = values
        elif not all(_blank(v) for v in values):
            if len(kept) == ROWS_MAX:
                raise DocumentRejected(
                    [
                        Problem(
                            where,
                            (
                                f"has more than {ROWS_MAX} rows (at most {ROWS_MAX} filled rows "
                                "under "
                                f"the header); split the file or use the JSON exchange format"
                            ),
                        )
                    ]
                )
            kept.append((number, values))
        if number >= _EXCEL_ROWS:
            break
    return header or [], kept


def _too_big(path: Path) -> None:
    size = path.stat().st_size
    if size > FILE_MAX_BYTES:
        raise DocumentRejected(
            [Problem(path.name, (f"the file has {size} bytes, at most {FILE_MAX_BYTES} are read"))]
        )


def _read_csv(path: Path) -> Table:
    _too_big(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's plain "CSV" on Windows
    header = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    try:
        return _table(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), path.name)
    except csv.Error as exc:  # a NUL byte, a field over the csv module's limit
        raise DocumentRejected([Problem(path.name, f"not a readable CSV file: {exc}")]) from exc


_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY")


def _check_workbook_archive(path: Path) -> None:
    """Refuse a workbook whose XML would expand beyond ``XML_MAX_BYTES`` or that
    declares a DTD or entities, reading at most that much: the sizes are the
    zip's own (``zipfile`` never inflates a member past its declared size)."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > ZIP_MEMBERS_MAX:
                raise DocumentRejected(
                    [
                        Problem(
                            name,
                            (
                                f"not a plain XLSX workbook: it holds {len(members)} files, at "
                                "most "
                                f"{ZIP_MEMBERS_MAX}"
                            ),
                        )
                    ]
                )
            expanded = sum(member.file_size for member in members)
            if expanded > XML_MAX_BYTES:
                raise DocumentRejected(
                    [
                        Problem(
                            name,
                            (
                                f"the workbook expands to {expanded} bytes, at most "
                                f"{XML_MAX_BYTES}; "
                                f"split it or use CSV or the JSON exchange format"
                            ),
                        )
                    ]
                )
            for member in members:  # every member: openpyxl decides by the rels, not names
                _check_xml(archive, member, name)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as exc:
        raise DocumentRejected([Problem(name, f"not a readable XLSX workbook: {exc}")]) from exc


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    tail = b""
    with archive.open(member) as stream:
        first = True
        while chunk := stream.read(1 << 16):
            if (
                first
                and chunk.startswith((b"\xff\xfe", b"\xfe\xff"))
                and member.filename.lower().endswith((".xml", ".rels"))
            ):
                raise DocumentRejected(
                    [
                        Problem(
                            name,
                            (
                                f"{member.filename} is not UTF-8 XML; save the workbook again "
                                "from a "
                                f"spreadsheet program"
                            ),
                        )
                    ]
                )
            first = False
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                raise DocumentRejected(
                    [
                        Problem(
                            name,
                            (
                                f"{member.filename} declares a DTD or XML entities, which a "
                                "workbook "
                                f"never needs; refused for safety"
                            ),
                        )
                    ]
                )
            tail = window[-16:]


def _read_xlsx(path: Path) -> dict[str, Table]:
    from openpyxl import load_workbook

    _too_big(path)
    _check_workbook_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DocumentRejected(
            [Problem(path.name, f"not a readable XLSX workbook: {exc}")]
        ) from exc
    sheets = {}
    try:
        for sheet in workbook.worksheets:
            if (sheet.max_column or 0) > COLUMNS_MAX:  # the sheet's own "dimension"
                raise DocumentRejected(
                    [
                        Problem(
                            f"{path.name}, sheet {sheet.title}",
                            (
                                f"has values beyond column {COLUMNS_MAX} (it is {sheet.max_column} "
                                f"columns wide); a sheet has at most {COLUMNS_MAX} columns"
                            ),
                        )
                    ]
                )
            # Read-only streaming; max_col keeps a sheet without a dimension that
            # has a cell at column 16,384 from making every row that wide.
            rows = sheet.iter_rows(max_col=COLUMNS_MAX + 1, values_only=True)
            sheets[sheet.title.strip().lower()] = _table(rows, sheet.title.strip().lower())
    except DocumentRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - broken XML, CRC errors, forbidden entities
        raise DocumentRejected(
            [Problem(path.name, f"not a readable XLSX workbook: {exc}")]
        ) from exc
    finally:
        workbook.close()
    return sheets


def _collect(path: Path) -> tuple[dict[str, Table], str]:
    """The sheets of ``path`` by name, and the suffix used when naming them."""
    if path.is_dir():
        files = {p.stem.lower(): p for p in path.iterdir() if p.suffix.lower() == ".csv"}
        unknown = sorted(set(files) - set(COLUMNS))
        if unknown or not files:
            raise DocumentRejected(
                [
                    Problem(
                        str(path),
                        (
                            f"unknown CSV file(s): {', '.join(u + '.csv' for u in unknown)}; "
                            if unknown
                            else "no CSV files found; "
                        )
                        + "expected "
                        + ", ".join(f"{name}.csv" for name in COLUMNS),
                    )
                ]
            )
        return {name: _read_csv(p) for name, p in files.items()}, ".csv"
    if path.suffix.lower() == ".xlsx":
        sheets = _read_xlsx(path)
        unknown = sorted(set(sheets) - set(COLUMNS))
        if unknown:
            raise DocumentRejected(
                [
                    Problem(
                        path.name,
                        f"unknown sheet(s): {', '.join(unknown)}; expected {', '.join(COLUMNS)}",
                    )
                ]
            )
        return sheets, ""
    if path.stem.lower() not in COLUMNS:
        raise DocumentRejected(
            [
                Problem(
                    path.name, "a CSV file must be named " + ", ".join(f"{n}.csv" for n in COLUMNS)
                )
            ]
        )
    return {path.stem.lower(): _read_csv(path)}, ".csv"


def _rows(name: str, table: Table | None, suffix: str, problems: list[Problem]):
    """Yield (row number, {column: value}) for the non-empty rows of one sheet."""
    if not table or not table[0]:
        return
    header = [str(h).strip().lower() if h is not None else "" for h in table[0]]
    for index, column in enumerate(header):
        if column and column not in COLUMNS[name]:
            problems.append(
                Problem(
                    f"{name}{suffix} column {column}",
                    f"unknown column (column {index + 1}); expected: " + ", ".join(COLUMNS[name]),
                )
            )
    for number, row in table[1]:
        values = {}
        for column, value in zip(header, row, strict=False):
            if column in COLUMNS[name]:
                where = f"{name}{suffix} row {number}, column {column}"
                converted = _cell(value, column, where, problems)
                if converted is not None:
                    values[column] = converted
        yield number, values


def _nest(values: dict[str, Any], mapping: dict[str, str], key: str) -> None:
    nested = {mapping[k]: values.pop(k) for k in list(values) if k in mapping}
    if nested:
        values[key] = nested


def read(path: Path) -> TabularDocument:
    """Read spreadsheet templates at ``path`` into an exchange-format document.

    Raises ``DocumentRejected`` naming sheet, row and column for cells that
    cannot be read and for needs or offerings whose owner is not in the file.
    """
    sheets, suffix = _collect(path)
    doc = TabularDocument(suffix)
    problems: list[Problem] = []
    msme_index: dict[str, int] = {}
    for number, values in _rows("msmes", sheets.get("msmes"), suffix, problems):
        _nest(values, CONTACT, "contact")
        if "needs" in sheets:
            values["needs"] = []
        if "flows" in sheets:
            values.update({direction: [] for direction in FLOW_DIRECTIONS})
        msme_index.setdefault(str(values.get("external_id")), len(doc["msmes"]))
        doc.rows[f"msmes[{len(doc['msmes'])}]"] = ("msmes", number)
        doc["msmes"].append(values)
    for number, values in _rows("needs", sheets.get("needs"), suffix, problems):
        owner = values.pop("msme_external_id", None)
        if owner not in msme_index:
            problems.append(
                Problem(
                    f"needs{suffix} row {number}, column msme_external_id",
                    f"MSME {owner!r} is not in the msmes sheet",
                )
            )
            continue
        i = msme_index[owner]
        doc.rows[f"msmes[{i}].needs[{len(doc['msmes'][i]['needs'])}]"] = ("needs", number)
        doc["msmes"][i]["needs"].append(values)
    for number, values in _rows("flows", sheets.get("flows"), suffix, problems):
        owner = values.pop("msme_external_id", None)
        direction = values.pop("direction", None)
        where = f"flows{suffix} row {number}, column"
        if owner not in msme_index:
            problems.append(
                Problem(f"{where} msme_external_id", f"MSME {owner!r} is not in the msmes sheet")
            )
            continue
        if direction not in FLOW_DIRECTIONS:
            problems.append(
                Problem(
                    f"{where} direction",
                    f"must be {' or '.join(FLOW_DIRECTIONS)} (got {direction!r})",
                )
            )
            continue
        flows = doc["msmes"][msme_index[owner]][direction]
        doc.rows[f"msmes[{msme_index[owner]}].{direction}[{len(flows)}]"] = ("flows", number)
        flows.append(values)
    partner_index: dict[str, int] = {}
    for number, values in _rows("partners", sheets.get("partners"), suffix, problems):
        _nest(values, CONTACT, "contact")
        if "offerings" in sheets:
            values["offerings"] = []
        partner_index.setdefault(str(values.get("external_id")), len(doc["partners"]))
        doc.rows[f"partners[{len(doc['partners'])}]"] = ("partners", number)
        doc["partners"].append(values)
    for number, values in _rows("offerings", sheets.get("offerings"), suffix, problems):
        owner = values.pop("partner_external_id", None)
        if owner not in partner_index:
            problems.append(
                Problem(
                    f"offerings{suffix} row {number}, column partner_external_id",
                    f"partner {owner!r} is not in the partners sheet",
                )
            )
            continue
        _nest(values, ELIGIBILITY, "eligibility")
        _nest(values, VOLUME, "volume")
        i = partner_index[owner]
        offerings = doc["partners"][i]["offerings"]
        doc.rows[f"partners[{i}].offerings[{len(offerings)}]"] = ("offerings", number)
        offerings.append(values)
    if problems:
        raise DocumentRejected(problems)
    return doc


EXAMPLE_ROWS: dict[str, list[dict[str, Any]]] = {
    "msmes": [
        {
            "external_id": "UMKM-9001",
            "name": "UD Contoh Amplang Sambas",
            "legal_form": "individual",
            "nib": "9120000000001",
            "regency": "Kab. Sambas",
            "sector": "home_industry",
            "commodities": "amplang; kerupuk ikan",
            "scale": "",
            "business_capital_idr": 60000000,
            "annual_turnover_idr": 350000000,
            "employees": 4,
            "founded_year": 2019,
            "certifications": "pirt",
            "description": "Amplang ikan tenggiri, dijual ke toko oleh-oleh.",
            "contact_person": "Ibu Contoh",
            "contact_phone": "0812-0000-0001",
            "contact_email": "contoh@mail.example",
        }
    ],
    "needs": [
        {
            "msme_external_id": "UMKM-9001",
            "field": "institutional",
            "priority": 1,
            "description": "Mau urus sertifikat halal.",
        },
        {
            "msme_external_id": "UMKM-9001",
            "field": "marketing",
            "priority": 2,
            "description": "Cari pembeli tetap di Pontianak.",
        },
    ],
    "flows": [
        {
            "msme_external_id": "UMKM-9001",
            "direction": "sources",
            "commodity": "ikan tenggiri",
            "quantity": 300,
            "unit": "kg",
            "period": "month",
            "note": "Segar, dari nelayan Pemangkat.",
        },
        {
            "msme_external_id": "UMKM-9001",
            "direction": "supplies",
            "commodity": "amplang",
            "quantity": 1200,
            "unit": "pack",
            "period": "month",
            "note": "",
        },
    ],
    "partners": [
        {
            "external_id": "MTR-9001",
            "name": "Lembaga Contoh Halal Kalbar",
            "type": "certification",
            "regions": "Kalimantan Barat",
            "description": "Pendamping proses produk halal.",
            "contact_person": "Pak Contoh",
            "contact_phone": "0561-000001",
            "contact_email": "halal@lembaga.example",
        }
    ],
    "offerings": [
        {
            "partner_external_id": "MTR-9001",
            "external_id": "MTR-9001-1",
            "field": "institutional",
            "title": "Pendampingan sertifikasi halal gratis",
            "description": "Untuk usaha mikro pangan.",
            "commodities": "",
            "sectors": "home_industry",
            "regions": "Kab. Sambas; Singkawang",
            "eligible_scales": "micro",
            "eligible_legal_forms": "",
            "eligible_certifications": "pirt",
            "capacity": 20,
            "valid_until": "2027-12-31",
            "volume_quantity": "",
            "volume_unit": "",
            "volume_period": "",
        }
    ],
}


def write_templates(folder: Path) -> list[Path]:
    """Write the CSV templates and one XLSX workbook, each with example rows."""
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, columns in COLUMNS.items():
        rows = [[row.get(c, "") for c in columns] for row in EXAMPLE_ROWS[name]]
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            writer.writerows(rows)
        written.append(path)
        sheet = workbook.create_sheet(name)
        sheet.append(list(columns))
        for row in rows:
            sheet.append(row)
    xlsx = folder / "jejaring-template.xlsx"
    workbook.save(xlsx)
    written.append(xlsx)
    return written
