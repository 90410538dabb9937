"""Partner pages: the organisation, its offerings, suggested MSMEs, and the inbox."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..edge import unit_of_work
from ..extensions import db
from ..forms_base import BaseForm as FlaskForm
from ..forms_common import (
    ContactMixin,
    MultiCheckboxField,
    OfferingForm,
    choices,
    contact_from,
    opts,
    region_choices,
    show_problems,
    validate_all,
)
from ..i18n import current_lang
from ..models import Introduction, Msme, Offering
from ..permissions import role_required
from ..services import introductions as intro_service
from ..services import matching, pool_introductions, privacy, queries, ratings, records, supply

bp = Blueprint("partner", __name__, url_prefix="/partner")


class PartnerProfileForm(ContactMixin, FlaskForm):
    name = StringField(_l("Nama lembaga"), validators=[DataRequired(), Length(max=200)])
    type = SelectField(_l("Jenis lembaga"))
    regions = MultiCheckboxField(_l("Wilayah kerja"))
    description = TextAreaField(_l("Tentang lembaga"), validators=[Optional()])


@bp.before_request
@role_required("partner")
def _partner_only():
    if current_user.partner is None:
        abort(403)


def _own_offering(external_id: str) -> Offering:
    offering = db.session.scalar(select(Offering).where(Offering.external_id == external_id))
    if offering is None or offering.partner_id != current_user.partner_id:
        abort(404)  # another partner's offering does not exist for this user
    return offering


def _own_introduction(intro_id: int) -> Introduction:
    intro = db.session.get(Introduction, intro_id)
    if intro is None or intro.offering.partner_id != current_user.partner_id:
        abort(404)
    return intro


@bp.get("/")
def dashboard():
    partner = current_user.partner
    waiting = queries.introductions_of_partner(partner, ("proposed",))
    return render_template(
        "partner/dashboard.html",
        partner=partner,
        waiting=waiting,
        to_rate=ratings.pending(current_user),
        received=ratings.received_by_partner(partner.id),
    )


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    partner = current_user.partner
    form = PartnerProfileForm(obj=partner if request.method == "GET" else None)
    form.type.choices = opts(choices("partner_type"))
    form.regions.choices = opts(region_choices())
    leftovers = []
    if form.validate_on_submit():
        record = {
            "name": form.name.data or "",
            "type": form.type.data,
            "regions": form.regions.data or [],
            "description": form.description.data,
            "contact": contact_from(form),
        }
        record = {k: v for k, v in record.items() if v not in (None, "", {})}
        with unit_of_work(_("Profil lembaga tersimpan."), flash_error=False) as work:
            records.save_partner(record, partner, current_user)
        if work.ok:
            return redirect(url_for("partner.dashboard"))
        leftovers = show_problems(form, work.error)
    return render_template("partner/profile.html", form=form, leftovers=leftovers)


@bp.route("/offerings/new", methods=["GET", "POST"])
def offering_new():
    return _offering_form(None)


@bp.route("/offerings/<external_id>/edit", methods=["GET", "POST"])
def offering_edit(external_id: str):
    return _offering_form(_own_offering(external_id))


def _offering_form(offering: Offering | None):
    form = OfferingForm()
    if offering is not None and request.method == "GET":
        form.fill(offering)
    form.set_choices()
    leftovers = []
    valid = False
    if form.is_submitted():
        valid, leftovers = validate_all(
            form, lambda record: records.check_offering(record, current_user.partner)
        )
    if valid:
        with unit_of_work(_("Layanan tersimpan."), flash_error=False) as work:
            records.save_offering(
                form.to_record(), current_user.partner, current_user, existing=offering
            )
        if work.ok:
            return redirect(url_for("partner.dashboard"))
        leftovers = show_problems(form, work.error)
    return render_template(
        "partner/offering_form.html", form=form, offering=offering, leftovers=leftovers
    )


@bp.post("/offerings/<external_id>/close")
def offering_close(external_id: str):
    offering = _own_offering(external_id)
    reopen = offering.closed
    with unit_of_work(
        _("Layanan dibuka kembali.") if reopen else _("Layanan ditutup; tidak lagi disarankan.")
    ):
        records.set_closed(offering, not reopen, current_user)
    return redirect(url_for("partner.dashboard"))


@bp.get("/offerings/<external_id>/suggestions")
def offering_suggestions(external_id: str):
    """Suggested MSMEs for an offering, through the allow-list until an
    introduction with the MSME is accepted (``privacy.partner_view``)."""
    offering = _own_offering(external_id)
    lang = current_lang()
    matches, fitting = [], 0
    if current_user.partner.approved and not offering.closed:
        matches, fitting = matching.fitting_msmes_for(external_id, limit=20, lang=lang)
    ids = [m.msme_external_id for m in matches]
    rows = {
        m.external_id: m
        for m in db.session.scalars(
            select(Msme).where(Msme.external_id.in_(ids)).options(selectinload(Msme.needs))
        )
    }
    asked = set(
        db.session.scalars(
            select(Introduction.msme_id).where(
                Introduction.offering_id == offering.id,
                Introduction.status.not_in(intro_service.REOPENABLE),
            )
        )
    )
    shown = []
    for match in matches:
        msme = rows[match.msme_external_id]
        visible = intro_service.contacts_visible(msme, current_user.partner_id)
        view = privacy.partner_view(msme, offering=offering, lang=lang)
        shown.append(
            {
                "score": match.score,
                "visible": visible,
                "view": view,
                "reasons": list(match.reasons) if visible else list(view.reasons),
                "msme": msme if visible else None,
                "asked": msme.id in asked,
                # An opaque, signed reference: the page never shows the MSME's own id.
                "ref": _broker_refs().dumps([msme.id, offering.id]),
            }
        )
    pools = None
    if current_user.partner.approved and not offering.closed and offering.volume_quantity:
        pools = supply.pool_view(supply.pools_for(external_id), lang=lang)
    return render_template(
        "partner/suggestions.html",
        pools=pools,
        groups=pool_introductions.groups_of(offering) if pools is not None else [],
        volume=supply.volume_label(offering, lang),
        offering=offering,
        shown=shown,
        fitting=fitting,
        bound=matching.FIT_BOUND,
        approved=current_user.partner.approved,
        lang=lang,
    )


def _broker_refs() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="partner-broker-request")


@bp.post("/offerings/<external_id>/broker")
def broker(external_id: str):
    """Ask the centre to broker an introduction to a suggested (anonymous) MSME;
    the consultants decide (propose it with a pitch, or decline)."""
    offering = _own_offering(external_id)
    try:
        msme_id, offering_id = _broker_refs().loads(request.form.get("ref", ""))
    except (BadSignature, TypeError, ValueError):
        msme_id, offering_id = None, None
    msme = db.session.get(Msme, msme_id) if offering_id == offering.id else None
    if msme is None:
        flash(_("UMKM itu tidak lagi ada di saran layanan ini."), "error")
        return redirect(url_for("partner.offering_suggestions", external_id=external_id))
    message = (request.form.get("message") or "").strip()[:2000]
    with unit_of_work(
        _("Permintaan terkirim: konsultan PLUT akan memutuskan dan menjembatani perkenalan.")
    ):
        intro_service.start(msme, offering, current_user, message)
    return redirect(url_for("partner.offering_suggestions", external_id=external_id))


@bp.post("/offerings/<external_id>/groups/<group>/accept")
def accept_group(external_id: str, group: str):
    """Accept every waiting member of a pooled group at once (issue 16)."""
    offering = _own_offering(external_id)
    with unit_of_work(_("Seluruh kelompok diterima.")):
        pool_introductions.accept_group(offering, group, current_user)
    return redirect(url_for("partner.offering_suggestions", external_id=external_id) + "#pools")


@bp.get("/inbox")
def inbox():
    intros = queries.introductions_of_partner(current_user.partner)
    lang = current_lang()
    return render_template(
        "partner/inbox.html",
        intros=[privacy.partner_introduction(i, current_user.partner_id, lang) for i in intros],
    )


@bp.get("/introductions/<int:intro_id>")
def introduction(intro_id: int):
    intro = _own_introduction(intro_id)
    lang = current_lang()
    return render_template(
        "partner/introduction.html",
        intro=intro,
        lang=lang,
        seen=privacy.partner_introduction(intro, current_user.partner_id, lang),
        next_statuses=intro_service.allowed_next(intro, current_user),
        can_note=intro.accepted_at is not None and intro.status in intro_service.ACCEPTED_STATUSES,
        can_withdraw=intro_service.can_withdraw(intro, current_user),
    )


@bp.post("/introductions/<int:intro_id>/withdraw")
def withdraw(intro_id: int):
    """The partner takes back its own broker request before a consultant decides."""
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Permintaan ditarik.")):
        intro_service.withdraw(
            intro, current_user, note=(request.form.get("note") or "").strip()[:2000] or None
        )
    return redirect(url_for("partner.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/answer")
def answer(intro_id: int):
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Jawaban tersimpan.")):
        intro_service.advance(
            intro,
            request.form.get("status", ""),
            current_user,
            note=(request.form.get("note") or "").strip()[:2000],
        )
    return redirect(url_for("partner.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/note")
def note(intro_id: int):
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Catatan tersimpan.")):
        intro_service.add_note(intro, current_user, (request.form.get("note") or "")[:2000])
    return redirect(url_for("partner.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/rate")
def rate(intro_id: int):
    """The partner rates the MSME's readiness once the introduction closed."""
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Terima kasih atas penilaian Anda.")):
        ratings.rate(
            intro,
            current_user,
            {"msme": request.form.get("score_msme")},
            {"msme": request.form.get("comment_msme")},
        )
    return redirect(url_for("partner.dashboard") + "#rate")
