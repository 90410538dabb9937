"""Consultant pages: the agreements introductions reached, with the dashboard's
period and filters, and their downloads."""

from __future__ import annotations

from flask import abort, render_template, request
from flask_babel import gettext as _

from ..extensions import db
from ..services import list_export, monitoring, outcomes
from ..services.introductions import OUTCOME_KINDS
from .programme import filter_args, filters_from, quarters
from .views import bp


def _filters(args):
    """The dashboard's filters, the kind (an unknown one is ignored) and the query
    string that gives them back."""
    filters, quarter = filters_from(args)
    kind = args.get("kind") if args.get("kind") in OUTCOME_KINDS else None
    return filters, quarter, kind, dict(filter_args(filters, quarter), kind=kind)


@bp.get("/outcomes")
def outcomes_list():
    """The agreements of the period, newest first, with their totals per kind."""
    filters, quarter, kind, args = _filters(request.args)
    found = outcomes.totals(filters, kind)
    kinds = [k for k in OUTCOME_KINDS if k in found] + [k for k in found if k not in OUTCOME_KINDS]
    return render_template(
        "consultant/outcomes.html",
        filters=filters,
        quarter=quarter,
        kind=kind,
        args=args,
        quarters=quarters(),
        kinds=OUTCOME_KINDS,
        choices=monitoring.filter_choices(),
        totals=[(k, *found[k]) for k in kinds],
        total=(sum(n for n, _ in found.values()), sum(v for _, v in found.values())),
        pagination=outcomes.agreements(filters, kind, request.args.get("page", 1, type=int)),
    )


@bp.get("/outcomes/export/<fmt>")
def outcome_export(fmt: str):
    """The agreements as filtered on the page (all pages), as XLSX or CSV."""
    if fmt not in list_export.FORMATS:
        abort(404)
    filters, _quarter, kind, _args = _filters(request.args)
    columns = [
        _("Tanggal kesepakatan"),
        _("ID UMKM"),
        _("UMKM"),
        _("Kabupaten/kota"),
        _("Mitra"),
        _("Layanan mitra"),
        _("Bidang"),
        _("Jenis hasil"),
        _("Nilai hasil (Rp)"),
    ]
    query = outcomes.agreement_list(filters, kind).limit(list_export.ROWS_MAX)
    rows = [
        [
            i.agreed_at.date().isoformat(),
            i.msme.external_id,
            i.msme.name,
            i.msme.regency,
            i.offering.partner.name,
            i.offering.title,
            i.offering.field,
            i.outcome_kind,
            i.outcome_value_idr,
        ]
        for i in db.session.scalars(query)
    ]
    return list_export.download(_("Hasil kesepakatan"), "hasil-kesepakatan", columns, rows, fmt)
