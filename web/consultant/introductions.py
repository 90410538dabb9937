"""Consultant pages: introductions and their status flow."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..edge import unit_of_work
from ..extensions import db
from ..models import INTRODUCTION_STATUSES, Introduction
from ..services import introductions as intro_service
from ..services import privacy, queries
from .views import bp


@bp.get("/introductions")
def introductions():
    status = request.args.get("status", "")
    if status not in INTRODUCTION_STATUSES:
        status = ""
    page = request.args.get("page", 1, type=int)
    return render_template(
        "consultant/introductions.html",
        status=status,
        statuses=INTRODUCTION_STATUSES,
        pagination=queries.introductions(status, page),
    )


@bp.get("/introductions/export/<fmt>")
def introduction_export(fmt: str):
    """The introductions as filtered on the page (all pages), with their outcomes,
    as XLSX or CSV."""
    from ..services import list_export

    status = request.args.get("status", "")
    if fmt not in list_export.FORMATS or status not in ("", *INTRODUCTION_STATUSES):
        abort(404)
    columns = [
        _("Diubah"),
        _("Status"),
        _("UMKM"),
        _("Mitra"),
        _("Layanan mitra"),
        _("Bidang"),
        _("Jenis hasil"),
        _("Nilai hasil (Rp)"),
    ]
    query = queries.introduction_list(status).limit(list_export.ROWS_MAX)
    rows = [
        [
            i.updated_at.date().isoformat() if i.updated_at else None,
            i.status,
            i.msme.name,
            i.offering.partner.name,
            i.offering.title,
            i.offering.field,
            i.outcome_kind,
            i.outcome_value_idr,
        ]
        for i in db.session.scalars(query)
    ]
    return list_export.download(_("Perkenalan"), "perkenalan", columns, rows, fmt)


@bp.get("/introductions/<int:intro_id>")
def introduction_detail(intro_id: int):
    intro = db.get_or_404(Introduction, intro_id)
    return render_template(
        "consultant/introduction_detail.html",
        intro=intro,
        next_statuses=intro_service.allowed_next(intro, current_user),
        draft_pitch=intro.pitch or privacy.draft_pitch(intro.msme),
        outcome_kinds=intro_service.OUTCOME_KINDS,
        can_note=intro.accepted_at is not None and intro.status in intro_service.ACCEPTED_STATUSES,
        partner_request=intro_service.hidden_from_msme(intro),
    )


@bp.post("/introductions/<int:intro_id>/status")
def introduction_advance(intro_id: int):
    intro = db.get_or_404(Introduction, intro_id)
    value = (request.form.get("outcome_value_idr") or "").replace(".", "").strip()
    try:
        outcome_value = int(value) if value else None
    except ValueError:
        outcome_value = -1  # reported as invalid below
    status = request.form.get("status", "")
    with unit_of_work(_("Status perkenalan diperbarui.")):
        intro_service.advance(
            intro,
            status,
            current_user,
            note=(request.form.get("note") or "").strip()[:2000],
            outcome_kind=request.form.get("outcome_kind") or None,
            outcome_value_idr=outcome_value,
            pitch=request.form.get("pitch") if status == "proposed" else None,
        )
    return redirect(url_for("consultant.introduction_detail", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/note")
def introduction_note(intro_id: int):
    intro = db.get_or_404(Introduction, intro_id)
    with unit_of_work(_("Catatan tersimpan.")):
        intro_service.add_note(intro, current_user, (request.form.get("note") or "")[:2000])
    return redirect(url_for("consultant.introduction_detail", intro_id=intro_id))
