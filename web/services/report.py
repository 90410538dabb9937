"""The quarterly report for the provincial office: XLSX and PDF, id or en.

Both print exactly the dashboard's figures (``services.monitoring.figures``)
for the same filters: the indicators with their definitions, then one table
per chart. The XLSX has a sheet per table; the PDF has the tables with their
charts, the centre's name, the period and page numbers.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, BinaryIO

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from . import monitoring

FORMATS = (".xlsx", ".pdf")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


class BadReport(ValueError):
    """A report that cannot be made as asked (period, format)."""


def figures_for(quarter: str, lang: str, **filters: Any) -> monitoring.Figures:
    start, end = monitoring.parse_quarter(quarter)
    with force_locale(lang):
        return monitoring.figures(monitoring.Filters(start=start, end=end, **filters))


def _text(value: Any) -> str:
    return str(value)


def _value(indicator: monitoring.Indicator) -> Any:
    return indicator.value if indicator.value is not None else "–"


def _unit(indicator: monitoring.Indicator) -> str:
    return "%" if indicator.unit == "%" else _("UMKM")


def _period(figures: monitoring.Figures) -> str:
    from ..i18n import local_date

    f = figures.filters
    return f"{local_date(f.start)} – {local_date(f.end)}"


def _title() -> str:
    return _("Laporan triwulanan program")


# -- XLSX ---------------------------------------------------------------------------
def write_xlsx(figures: monitoring.Figures, out: BinaryIO, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    with force_locale(lang):
        book = Workbook()
        summary = book.active
        summary.title = _sheet_name(_("Indikator"))
        summary.append([_title()])
        summary["A1"].font = Font(bold=True, size=14)
        summary.append([_("Pusat layanan"), current_app.config["CENTRE_NAME"]])
        summary.append([_("Periode"), _period(figures)])
        summary.append([])
        summary.append([_("Indikator"), _("Nilai"), _("Satuan"), _("Dasar"), _("Definisi")])
        for cell in summary[5]:
            cell.font = Font(bold=True)
        for i in figures.indicators:
            summary.append([_text(i.label), _value(i), _unit(i), i.base, _text(i.definition)])
        summary.column_dimensions["A"].width = 42
        summary.column_dimensions["E"].width = 90
        for row in summary.iter_rows(min_row=6):
            row[4].alignment = Alignment(wrap_text=True, vertical="top")
        for table in figures.tables:
            sheet = book.create_sheet(_sheet_name(_text(table.title)))
            sheet.append([_text(table.title)])
            sheet["A1"].font = Font(bold=True, size=12)
            sheet.append([_("Periode"), _period(figures)])
            sheet.append([])
            sheet.append([_text(c) for c in table.columns])
            for cell in sheet[4]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_text(row[0]), *row[1:]])
            sheet.append([])
            sheet.append([_("Definisi"), _text(table.definition)])
            sheet.column_dimensions["A"].width = 36
            sheet.column_dimensions["B"].width = 18
            if table.money:
                for row in sheet.iter_rows(min_row=5, max_row=4 + len(table.rows), min_col=2):
                    row[0].number_format = "#,##0"
        book.save(out)


def _sheet_name(title: str) -> str:
    for ch in "[]:*?/\\":
        title = title.replace(ch, " ")
    return title[:31]


# -- PDF ----------------------------------------------------------------------------
_FALLBACK = {"≤": "<=", "Σ": "sum ", "−": "-", "÷": "/", "→": "->", "–": "-"}


def _fonts() -> tuple[str, str, bool]:
    """A font with the report's symbols (DejaVu) when installed, else reportlab's own Vera."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdfmetrics.registerFont(TTFont("Report", str(regular)))
        pdfmetrics.registerFont(TTFont("Report-Bold", str(bold)))
        return "Report", "Report-Bold", True
    pdfmetrics.registerFont(TTFont("Report", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("Report-Bold", "VeraBd.ttf"))
    return "Report", "Report-Bold", False


def write_pdf(figures: monitoring.Figures, out: BinaryIO, lang: str) -> None:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from ..i18n import number, rupiah

    font, bold, full = _fonts()

    def clean(text: Any) -> str:
        text = str(text)
        if not full:
            for a, b in _FALLBACK.items():
                text = text.replace(a, b)
        return text

    def para(text: Any, style) -> Paragraph:
        return Paragraph(escape(clean(text)), style)

    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.grey)
    h1 = ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=10, spaceAfter=4)
    grid = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), font, 8.5),
            ("FONT", (0, 0), (-1, 0), bold, 8.5),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]
    )
    width = A4[0] - 36 * mm

    with force_locale(lang):
        centre = current_app.config["CENTRE_NAME"]
        period = _period(figures)
        page_label = _("Halaman %(n)s", n="{n}")

        def fmt(value: Any, money: bool = False) -> str:
            if value is None or value == "–":
                return "–"
            return clean(rupiah(value) if money else number(value))

        story: list = [
            para(_title(), h1),
            para(centre, body),
            para(_("Periode: %(period)s", period=period), body),
            para(_("Dibuat: %(day)s", day=dt.date.today().isoformat()), small),
            para(_("Indikator kementerian"), h2),
        ]
        rows = [[_("Indikator"), _("Nilai"), _("Dasar")]]
        for i in figures.indicators:
            value = f"{fmt(i.value)}%" if i.unit == "%" and i.value is not None else fmt(i.value)
            rows.append(
                [
                    [para(i.label, body), para(i.definition, small)],
                    value,
                    number(i.base),
                ]
            )
        table = Table(rows, colWidths=[width - 50 * mm, 28 * mm, 22 * mm], repeatRows=1)
        table.setStyle(grid)
        story.append(table)
        for t in figures.tables:
            drawing = _pdf_chart(t, width, font, clean, fmt)
            data = [[clean(c) for c in t.columns]] + [
                [clean(r[0]), fmt(r[1], t.money), *(fmt(v) for v in r[2:])] for r in t.rows
            ]
            cols = len(t.columns)
            data_table = Table(
                data,
                colWidths=[width - 35 * mm * (cols - 1)] + [35 * mm] * (cols - 1),
                repeatRows=1,
            )
            data_table.setStyle(grid)
            story.append(
                KeepTogether(
                    [
                        para(t.title, h2),
                        drawing,
                        Spacer(1, 4),
                        data_table,
                        Spacer(1, 3),
                        para(t.definition, small),
                    ]
                )
            )

        def footer(canvas, doc) -> None:
            canvas.saveState()
            canvas.setFont(font, 8)
            canvas.drawString(18 * mm, 10 * mm, clean(f"{centre} · {period}"))
            canvas.drawRightString(
                A4[0] - 18 * mm, 10 * mm, page_label.replace("{n}", str(doc.page))
            )
            canvas.restoreState()

        doc = SimpleDocTemplate(
            out,
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=16 * mm,
            bottomMargin=18 * mm,
            title=clean(f"{_title()} {period}"),
            author=clean(centre),
        )
        doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _pdf_chart(table: monitoring.Table, width: float, font: str, clean, fmt):
    """The table's bar chart as a compact drawing: label, bar, figure on one line."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    row, label_width, value_room = 13, 58 * mm, 32 * mm
    room = width - label_width - value_room
    top = max((r[1] or 0 for r in table.rows), default=0) or 1
    drawing = Drawing(width, row * len(table.rows) + 2)
    for index, r in enumerate(table.rows):
        value = r[1] or 0
        y = row * (len(table.rows) - index - 1) + 2
        bar = room * value / top
        drawing.add(String(0, y + 2, clean(r[0])[:40], fontName=font, fontSize=8))
        drawing.add(
            Rect(
                label_width,
                y,
                max(bar, 1),
                9,
                fillColor=colors.HexColor("#1f6f8b" if value else "#b8c4cc"),
                strokeColor=None,
            )
        )
        drawing.add(
            String(label_width + bar + 4, y + 2, fmt(value, table.money), fontName=font, fontSize=8)
        )
    return drawing


def render(figures: monitoring.Figures, suffix: str, lang: str) -> bytes:
    """The report as XLSX or PDF bytes (``suffix``: ``.xlsx`` or ``.pdf``)."""
    buffer = io.BytesIO()
    if suffix == ".xlsx":
        write_xlsx(figures, buffer, lang)
    elif suffix == ".pdf":
        write_pdf(figures, buffer, lang)
    else:
        raise BadReport(f"unknown report format {suffix!r}: use .xlsx or .pdf")
    return buffer.getvalue()
