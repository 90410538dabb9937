"""Consultant pages: the partner directory and partner approval."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import choices, region_choices
from ..models import Partner
from ..services import partners as partner_service
from ..services import queries
from .views import bp


@bp.get("/partners")
def partners():
    filters = {
        key: request.args.get(key, "").strip()
        for key in ("q", "field", "commodity", "regency", "type")
    }
    page = request.args.get("page", 1, type=int)
    pagination = queries.search_partners(
        filters["q"],
        filters["field"],
        filters["commodity"],
        filters["regency"],
        filters["type"],
        page,
    )
    return render_template(
        "consultant/partners.html",
        filters=filters,
        pagination=pagination,
        fields=choices("field"),
        types=choices("partner_type"),
        regencies=region_choices(wide=False),
    )


@bp.get("/partners/<external_id>")
def partner_detail(external_id: str):
    partner = db.first_or_404(select(Partner).where(Partner.external_id == external_id))
    return render_template(
        "consultant/partner_detail.html",
        partner=partner,
        introductions=queries.introductions_of_partner(partner),
    )


@bp.post("/partners/<external_id>/approve")
def partner_approve(external_id: str):
    partner = db.first_or_404(select(Partner).where(Partner.external_id == external_id))
    with unit_of_work(
        _("Mitra %(name)s disetujui; layanannya kini disarankan ke UMKM.", name=partner.name)
    ):
        partner_service.approve(partner, actor_id=current_user.id, actor_label=current_user.email)
    if request.form.get("next") == "dashboard":
        return redirect(url_for("consultant.dashboard"))
    return redirect(url_for("consultant.partner_detail", external_id=external_id))


@bp.post("/partners/<external_id>/refuse")
def partner_refuse(external_id: str):
    """Refuse a registration, with a reason the partner's users are told."""
    partner = db.first_or_404(select(Partner).where(Partner.external_id == external_id))
    with unit_of_work(_("Pendaftaran %(name)s ditolak; mitra diberi tahu.", name=partner.name)):
        partner_service.refuse(partner, (request.form.get("reason") or "")[:2000], current_user)
    return redirect(url_for("consultant.partner_detail", external_id=external_id))
