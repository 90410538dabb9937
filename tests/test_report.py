"""The quarterly report (XLSX and PDF, id and en) prints the dashboard's figures."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from tests import programme_world as pw
from web.services import monitoring, report


@pytest.fixture
def built(app):
    with app.app_context():
        return pw.build()


def _dashboard(app, lang="id", **filters):
    """The dashboard's figures for these filters, with every label read in ``lang``."""
    with app.test_request_context(), force_locale(lang):
        figures = report.figures_for(pw.QUARTER, lang, **filters)
        for item in [*figures.indicators, *figures.tables]:
            for name in ("label", "title", "definition"):
                if hasattr(item, name):
                    setattr(item, name, str(getattr(item, name)))
        for table in figures.tables:
            table.columns = [str(c) for c in table.columns]
            table.rows = [(str(r[0]), *r[1:]) for r in table.rows]
        return figures, monitoring.parse_quarter(pw.QUARTER)


def _check_workbook(book, figures):
    summary = book.worksheets[0]
    rows = list(summary.iter_rows(values_only=True))
    assert rows[1][1] == "PLUT-KUMKM Kalimantan Barat"
    printed = {r[0]: r[1] for r in rows[5:] if r and r[0]}
    for indicator in figures.indicators:
        expected = indicator.value if indicator.value is not None else "–"
        assert printed[str(indicator.label)] == expected, indicator.key
        assert str(indicator.definition) in [r[4] for r in rows[5:] if r and r[0]]
    assert len(book.worksheets) == 1 + len(figures.tables)  # a sheet per table
    for sheet, table in zip(book.worksheets[1:], figures.tables, strict=True):
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][0] == str(table.title)
        body = [tuple(v for v in r if v is not None) for r in values[4 : 4 + len(table.rows)]]
        assert body == [(str(r[0]), *r[1:]) for r in table.rows]
        assert values[-1][1] == str(table.definition)


def test_cli_xlsx_equals_the_dashboard_in_both_languages(app, runner, built, tmp_path):
    for lang in ("id", "en"):
        out = tmp_path / f"q3-{lang}.xlsx"
        args = ["report", "--quarter", "2026-Q3", "--output", str(out)]
        result = runner.invoke(args=args + (["--lang", lang] if lang == "en" else []))
        assert result.exit_code == 0, result.output
        figures, _ = _dashboard(app, lang)
        _check_workbook(load_workbook(out), figures)
    english = load_workbook(tmp_path / "q3-en.xlsx").worksheets[0]
    assert english["A6"].value == "Turnover growth of assisted MSMEs"
    assert english["B6"].value == 128.6


def test_the_page_download_follows_the_filters(app, built, login_as):
    consultant = login_as("consultant")
    answer = consultant.get("/consultant/programme/report/xlsx?quarter=2026-Q3&regency=6101")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"].endswith('laporan-2026-Q3-id.xlsx"')
    figures, _ = _dashboard(app, regency="6101")
    assert figures.indicator("assisted").value == 1
    _check_workbook(load_workbook(io.BytesIO(answer.data)), figures)
    pdf = consultant.get("/consultant/programme/report/pdf?quarter=2026-Q3&lang=en")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert consultant.get("/consultant/programme/report/doc").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed")
def test_the_pdf_prints_the_figures_centre_period_and_page_numbers(app, runner, built, tmp_path):
    out = tmp_path / "q3.pdf"
    args = ["report", "--quarter", "2026-Q3", "--lang", "en", "--output", str(out)]
    assert runner.invoke(args=args).exit_code == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "PLUT-KUMKM Kalimantan Barat" in text
    assert "Jul 1, 2026 – Sep 30, 2026" in text
    assert "Page 1" in text and "Page 2" in text
    figures, _ = _dashboard(app, "en")
    assert "128.6%" in text and "138.5%" in text and "66.7%" in text
    for table in figures.tables:
        assert str(table.title) in text
    assert "Rp120,000,000" in text and "Rp50,000,000" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--quarter", "2026-Q5", "--output", "r.pdf"], "'2026-Q5' is not a quarter like 2026-Q3"),
        (["--quarter", "Q3", "--output", "r.xlsx"], "is not a quarter"),
        (["--quarter", "2026-Q3", "--output", "r.docx"], "written as .xlsx or .pdf, not '.docx'"),
        (["--quarter", "2026-Q3", "--output", "report"], "not 'no extension'"),
    ],
)
def test_malformed_quarter_or_extension_exits_2(app, runner, tmp_path, args, message):
    out = tmp_path / "out"
    out.mkdir()
    args = [a if not a.startswith("r") else str(out / a) for a in args]
    result = runner.invoke(args=["report", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert list(out.iterdir()) == []  # nothing written
