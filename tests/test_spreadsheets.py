"""Spreadsheet templates: CSV and XLSX go through the same validation, and errors
name sheet, row and column."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from web.extensions import db
from web.models import Msme, Offering
from web.services.exporter import export_document

TEMPLATES = Path(__file__).resolve().parent.parent / "docs" / "templates"


def write_csv(folder: Path, name: str, rows: list[list], delimiter: str = ",") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def test_shipped_templates_import_the_same_from_csv_and_xlsx(app, runner, tmp_path):
    result = runner.invoke(args=["import", str(TEMPLATES)])
    assert result.exit_code == 0, result.output
    assert "msmes: 1 created" in result.output
    with app.app_context():
        from_csv = export_document()
        msme = db.session.scalar(select(Msme))
        assert msme.commodities == ["amplang", "kerupuk ikan"]
        assert [n.priority for n in msme.needs] == [1, 2]
        assert msme.scale == "micro"  # derived from the turnover
        assert db.session.scalar(select(Offering.regions)) == ["6101", "6172"]
    result = runner.invoke(args=["import", str(TEMPLATES / "jejaring-template.xlsx")])
    assert result.exit_code == 0, result.output
    assert "msmes: 0 created, 0 updated, 1 unchanged" in result.output
    with app.app_context():
        assert export_document() == from_csv


def test_templates_command_writes_importable_templates(runner, tmp_path):
    result = runner.invoke(args=["templates", str(tmp_path / "tpl")])
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "tpl").iterdir())
    assert names == [
        "flows.csv",
        "jejaring-template.xlsx",
        "msmes.csv",
        "needs.csv",
        "offerings.csv",
        "partners.csv",
    ]
    assert load_workbook(tmp_path / "tpl" / "jejaring-template.xlsx").sheetnames == [
        "msmes",
        "needs",
        "flows",
        "partners",
        "offerings",
    ]


def test_csv_errors_name_sheet_row_and_column(app, runner, tmp_path):
    folder = tmp_path / "sheets"
    write_csv(
        folder,
        "msmes",
        [
            ["external_id", "name", "regency", "nib", "employees"],
            ["M1", "Usaha Satu", "Sambas", "9120000000001", "3"],
            ["M2", "Usaha Dua", "Atlantis", "123", "-2"],
        ],
    )
    write_csv(
        folder,
        "needs",
        [
            ["msme_external_id", "field", "priority"],
            ["M1", "pemasaran", "1"],
            ["M9", "marketing", "2"],
        ],
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1
    # Rows of other MSMEs are read first; the unknown owner stops before validation.
    assert (
        "needs.csv row 3, column msme_external_id: MSME 'M9' is not in the msmes sheet"
        in result.output
    )
    write_csv(
        folder, "needs", [["msme_external_id", "field", "priority"], ["M1", "pemasaran", "1"]]
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1
    assert "msmes.csv row 3, column regency: 'Atlantis'" in result.output
    assert "msmes.csv row 3, column nib" in result.output
    assert "msmes.csv row 3, column employees: must not be negative" in result.output
    assert "needs.csv row 2, column field: unknown field 'pemasaran'" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Msme)) == 0


def test_xlsx_errors_name_sheet_row_and_column(app, runner, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "partners"
    sheet.append(["external_id", "name", "type", "regions"])
    sheet.append(["P1", "Mitra Satu", "bank", "Kalimantan Barat"])
    offerings = workbook.create_sheet("offerings")
    offerings.append(
        [
            "partner_external_id",
            "external_id",
            "field",
            "title",
            "capacity",
            "eligible_certifications",
        ]
    )
    offerings.append(["P1", "P1-1", "financing", "Kredit", 5, "halal"])
    offerings.append(["P1", "P1-2", "financing", "Kredit 2", "lima", "halal; kosher"])
    path = tmp_path / "mitra.xlsx"
    workbook.save(path)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "offerings row 3, column capacity: must be a whole number (got 'lima')" in result.output
    offerings["E3"] = 3
    workbook.save(path)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert (
        "offerings row 3, column eligible_certifications: unknown certification 'kosher'"
        in result.output
    )
    offerings["F3"] = "halal; pirt"
    workbook.save(path)
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(
            select(Offering.eligible_certifications).where(Offering.external_id == "P1-2")
        ) == ["halal", "pirt"]


def test_semicolon_csv_with_rupiah_amounts(app, runner, tmp_path):
    folder = tmp_path / "excel-id"
    write_csv(
        folder,
        "msmes",
        [
            ["external_id", "name", "regency", "commodities", "annual_turnover_idr"],
            ["M1", "Usaha Lada", "6102", "lada; merica putih", "Rp 2.500.000.000"],
        ],
        delimiter=";",
    )
    result = runner.invoke(args=["import", str(folder / "msmes.csv")])
    assert result.exit_code == 0, result.output
    with app.app_context():
        msme = db.session.scalar(select(Msme))
        assert msme.annual_turnover_idr == 2_500_000_000 and msme.scale == "small"
        assert msme.commodities == ["lada", "merica putih"] and msme.regency == "6102"


@pytest.mark.parametrize(
    "name, message",
    [
        ("pelanggan.csv", "a CSV file must be named"),
    ],
)
def test_unknown_sheet_names_are_rejected(runner, tmp_path, name, message):
    path = tmp_path / name
    path.write_text("external_id,name\nM1,X\n")
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1 and message in result.output


def test_unknown_column_and_broken_workbook_are_rejected(runner, tmp_path):
    folder = tmp_path / "cols"
    write_csv(
        folder,
        "msmes",
        [["external_id", "name", "regency", "warna"], ["M1", "X", "Landak", "merah"]],
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1
    assert "msmes.csv column warna: unknown column (column 4)" in result.output
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a zip file")
    result = runner.invoke(args=["import", str(broken)])
    assert result.exit_code == 1 and "not a readable XLSX workbook" in result.output


def test_windows_encoded_csv(app, runner, tmp_path):
    folder = tmp_path / "win"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "msmes.csv").write_bytes(
        "external_id,name,regency\nM1,Kue Bingké Ibu,Pontianak\n".encode("cp1252")
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.scalar(select(Msme.name)) == "Kue Bingké Ibu"


def test_spreadsheet_exports_round_trip_and_defuse_formulas(app, runner, write_json, tmp_path):
    from tests import factories as f

    sneaky = f.msme(
        "M-X",
        name='=HYPERLINK("http://evil.example","klik")',
        description="@SUM(A1:A2) -2+3",
        commodities=["+amplang"],
    )
    assert (
        runner.invoke(args=["import", str(write_json(f.document(msmes=[sneaky])))]).exit_code == 0
    )
    with app.app_context():
        original = export_document()
    workbook = tmp_path / "export.xlsx"
    assert runner.invoke(args=["export", str(workbook)]).exit_code == 0
    sheet = load_workbook(workbook)["msmes"]
    header = [c.value for c in sheet[1]]
    row = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert row["name"].startswith("'=HYPERLINK")
    assert row["description"].startswith("'@SUM")
    assert row["contact_phone"] == "'+6281250001111"
    assert row["commodities"] == "'+amplang"
    folder = tmp_path / "csv"
    assert runner.invoke(args=["export", str(folder) + "/"]).exit_code == 0
    assert "'=HYPERLINK" in (folder / "msmes.csv").read_text(encoding="utf-8")
    for source in (workbook, folder):
        with app.app_context():  # empty the database, then import the export
            for model in (Offering, Msme):
                db.session.execute(model.__table__.delete())
            db.session.commit()
        result = runner.invoke(args=["import", str(source)])
        assert result.exit_code == 0, result.output
        with app.app_context():
            assert export_document() == original
