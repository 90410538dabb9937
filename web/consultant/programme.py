"""Consultant pages: the programme dashboard and its quarterly report."""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, render_template, request
from flask_babel import force_locale

from ..i18n import current_lang
from ..services import charts, monitoring, ratings, report
from .views import bp


def filters_from(args) -> tuple[monitoring.Filters, str]:
    """The dashboard's filters from the query string; a period that cannot be read
    falls back to the current quarter, a field, regency or sector that is not one
    of the codes is ignored."""
    from matcher import codes

    quarter = args.get("quarter") or monitoring.quarter_of(dt.date.today())
    try:
        start, end = monitoring.parse_quarter(quarter)
    except monitoring.BadPeriod:
        quarter = monitoring.quarter_of(dt.date.today())
        start, end = monitoring.parse_quarter(quarter)
    custom_from, custom_to = _date(args.get("from")), _date(args.get("to"))
    if custom_from and custom_to and custom_from <= custom_to:
        start, end, quarter = custom_from, custom_to, ""
    return (
        monitoring.Filters(
            start=start,
            end=end,
            field=_code(args.get("field"), codes.FIELDS),
            consultant_id=args.get("consultant", type=int),
            regency=_code(args.get("regency"), codes.REGENCIES),
            sector=_code(args.get("sector"), codes.SECTORS),
            commodity=(args.get("commodity") or "").strip()[:100] or None,
        ),
        quarter,
    )


def filter_args(filters: monitoring.Filters, quarter: str) -> dict:
    """The query string of ``filters_from`` that gives back ``filters``: for links
    from one page of the figures to another with the same period and filters."""
    custom = not quarter
    return {
        "quarter": quarter or None,
        "from": filters.start.isoformat() if custom else None,
        "to": filters.end.isoformat() if custom else None,
        "field": filters.field,
        "consultant": filters.consultant_id,
        "regency": filters.regency,
        "sector": filters.sector,
        "commodity": filters.commodity,
    }


def _code(value: str | None, known) -> str | None:
    return value if value and value in known else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def quarters(today: dt.date | None = None, count: int = 12) -> list[str]:
    """The latest quarters, newest first, for the period filter."""
    today = today or dt.date.today()
    year, q = today.year, (today.month - 1) // 3 + 1
    out = []
    for _ in range(count):
        out.append(f"{year}-Q{q}")
        year, q = (year - 1, 4) if q == 1 else (year, q - 1)
    return out


@bp.get("/programme")
def programme():
    filters, quarter = filters_from(request.args)
    figures = monitoring.figures(filters)
    return render_template(
        "consultant/programme.html",
        figures=figures,
        charts={t.key: charts.bar_chart(t.rows) for t in figures.tables},
        quarter=quarter,
        quarters=quarters(),
        choices=monitoring.filter_choices(),
        args=request.args,
        outcomes_args=filter_args(filters, quarter),
    )


MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@bp.get("/programme/report/<fmt>")
def programme_report(fmt: str):
    """The dashboard's figures, for the same filters, as the quarterly report."""
    if fmt not in MIMETYPES:
        abort(404)
    filters, quarter = filters_from(request.args)
    lang = request.args.get("lang") if request.args.get("lang") in ("id", "en") else current_lang()
    with force_locale(lang):
        figures = monitoring.figures(filters)
    body = report.render(figures, "." + fmt, lang)
    name = f"laporan-{quarter or filters.start.isoformat()}-{lang}.{fmt}"
    return Response(
        body,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/scorecards")
def scorecards():
    """Partner and consultant scorecards: aggregates only, never who rated."""
    return render_template(
        "consultant/scorecards.html",
        partners=ratings.partner_scorecards(),
        consultants=ratings.consultant_scorecards(),
    )
