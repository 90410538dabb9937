"""Consultant pages: the partner directory, partner approval or refusal, and
inviting a partner's users."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import InviteForm, choices, region_choices
from ..i18n import current_lang
from ..models import Offering, Partner, User
from ..services import accounts, pool_introductions, queries, supply
from ..services import partners as partner_service
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
    return _partner_page(_partner_or_404(external_id), InviteForm(formdata=None))


def _partner_or_404(external_id: str) -> Partner:
    return db.first_or_404(select(Partner).where(Partner.external_id == external_id))


def _partner_page(partner: Partner, invite_form: InviteForm, status: int = 200):
    users = db.session.scalars(
        select(User).where(User.partner_id == partner.id).order_by(User.email)
    ).all()
    lang = current_lang()
    with_volume = [o for o in partner.offerings if o.volume_quantity and not o.closed]
    return render_template(
        "consultant/partner_detail.html",
        pools={
            o.external_id: supply.pool_view(supply.pools_for(o.external_id), lang, names=True)
            for o in with_volume
        },
        volumes={o.external_id: supply.volume_label(o, lang) for o in with_volume},
        groups={o.external_id: pool_introductions.groups_of(o) for o in with_volume},
        partner=partner,
        users=users,
        invite_form=invite_form,
        reason_max=partner_service.REASON_MAX,
        introductions=queries.introductions_of_partner(partner),
    ), status


@bp.post("/partners/<external_id>/invite")
def partner_invite(external_id: str):
    """Invite a user of this partner: an account and a one-time link to set a password."""
    partner = _partner_or_404(external_id)
    form = InviteForm()
    if form.validate_on_submit():
        with unit_of_work(flash_error=False) as work:
            user, raw = accounts.invite(
                current_user,
                role="partner",
                email=form.email.data,
                name=form.name.data,
                partner_external_id=partner.external_id,
            )
        if work.ok:
            return render_template(
                "consultant/link_issued.html",
                user=user,
                link=url_for("auth.set_password", token=raw, _external=True),
                invited=True,
            )
        form.email.errors.append(str(work.error))
    return _partner_page(partner, form, 422)


@bp.post("/partners/<external_id>/refuse")
def partner_refuse(external_id: str):
    """Refuse a partner (or withdraw its approval) with a reason shown to the partner."""
    partner = _partner_or_404(external_id)
    with unit_of_work(
        _("Mitra %(name)s ditolak; alasannya tampil di dasbor mitra.", name=partner.name)
    ):
        partner_service.refuse(partner, request.form.get("reason"), current_user)
    return redirect(url_for("consultant.partner_detail", external_id=external_id))


@bp.post("/offerings/<external_id>/pools/<int:rank>/introduce")
def introduce_pool(external_id: str, rank: int):
    """Turn group ``rank`` of an offering's pool proposal into group introductions."""
    offering = db.first_or_404(select(Offering).where(Offering.external_id == external_id))
    with unit_of_work(_("Perkenalan kelompok diusulkan: satu perkenalan per anggota.")):
        pool_introductions.propose_group(offering, rank, current_user, current_lang())
    return redirect(url_for("consultant.partner_detail", external_id=offering.partner.external_id))


@bp.post("/partners/<external_id>/approve")
def partner_approve(external_id: str):
    partner = _partner_or_404(external_id)
    with unit_of_work(
        _("Mitra %(name)s disetujui; layanannya kini disarankan ke UMKM.", name=partner.name)
    ):
        partner_service.approve(partner, actor_id=current_user.id, actor_label=current_user.email)
    if request.form.get("next") == "dashboard":
        return redirect(url_for("consultant.dashboard"))
    return redirect(url_for("consultant.partner_detail", external_id=external_id))
