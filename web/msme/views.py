"""MSME pages: the owner's profile and needs, suggested contacts, introductions."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.engine import Ranking

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import msme_form_record, show_problems
from ..i18n import current_lang
from ..models import Introduction
from ..permissions import role_required
from ..services import growth, matching, queries, ratings, records, supply, supply_introductions
from ..services import introductions as intro_service
from ..services.introductions import start as start_introduction

bp = Blueprint("msme", __name__, url_prefix="/msme")


@bp.before_request
@role_required("msme")
def _msme_only():
    if current_user.msme is None:
        abort(403)


@bp.get("/")
def dashboard():
    msme = current_user.msme
    return render_template(
        "msme/dashboard.html",
        msme=msme,
        introductions=queries.introductions_of_msme(msme, as_owner=True),
        supply_links=supply.links_for(msme.external_id, limit=5, lang=current_lang()),
        supply_intros=supply_introductions.of_msme(msme),
        growth=growth.timeline(msme.id),
        growth_history=growth.history(msme.id),
        to_rate=ratings.pending(current_user),
    )


@bp.post("/supply-introductions/<int:intro_id>/answer")
def answer_supply_introduction(intro_id: int):
    """Accept or decline an introduction to another MSME (issue 16)."""
    intro = supply_introductions.get(intro_id)
    if intro is None or current_user.msme_id not in (intro.supplier_id, intro.buyer_id):
        abort(404)
    accept = request.form.get("answer") == "accept"
    with unit_of_work(_("Jawaban Anda tersimpan.")):
        supply_introductions.answer(intro, current_user, accept)
    return redirect(url_for("msme.dashboard") + "#supply-links")


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    msme = current_user.msme
    form, record, leftovers = msme_form_record(msme)
    if record is not None:
        with unit_of_work(_("Profil usaha tersimpan."), flash_error=False) as work:
            records.save_msme(record, current_user, existing=msme)
        if work.ok:
            return redirect(url_for("msme.dashboard"))
        leftovers = show_problems(form, work.error)
    return render_template("consultant/msme_form.html", form=form, msme=msme, leftovers=leftovers)


@bp.get("/suggestions")
def suggestions():
    msme = current_user.msme
    ranking = Ranking(
        matches=[
            c.match for c in matching.top_offerings(msme.external_id, limit=10, lang=current_lang())
        ]
    )
    requested = {i.offering.external_id for i in queries.introductions_of_msme(msme, as_owner=True)}
    return render_template(
        "msme/suggestions.html",
        ranking=ranking,
        requested=requested,
        offerings=matching.offerings_by_id([m.offering_external_id for m in ranking.matches]),
    )


@bp.post("/request/<offering_id>")
def request_introduction(offering_id: str):
    try:
        offering = matching.get_offering(offering_id)
    except matching.NotFound:
        abort(404)
    if not matching.is_eligible(current_user.msme, offering.external_id):
        flash(
            _(
                "Layanan ini belum dapat Anda gunakan (wilayah, syarat, kuota atau masa "
                "berlaku). Hubungi konsultan PLUT untuk mengetahui apa yang perlu dipenuhi."
            ),
            "error",
        )
        return redirect(url_for("msme.suggestions"))
    message = (request.form.get("message") or "").strip()[:2000]
    with unit_of_work(
        _("Permintaan perkenalan terkirim. Konsultan PLUT akan menghubungkan Anda dengan mitra.")
    ) as work:
        start_introduction(current_user.msme, offering, current_user, message)
    if not work.ok:
        return redirect(url_for("msme.suggestions"))
    intro = intro_service.existing(current_user.msme, offering)
    return redirect(url_for("msme.introduction", intro_id=intro.id))


def _own_introduction(intro_id: int) -> Introduction:
    intro = db.session.get(Introduction, intro_id)
    if (
        intro is None
        or intro.msme_id != current_user.msme_id
        or intro_service.hidden_from_msme(intro)
    ):
        abort(404)  # another MSME's introduction does not exist for this user
    return intro


def _note() -> str:
    return (request.form.get("note") or "").strip()[:2000]


@bp.get("/introductions/<int:intro_id>")
def introduction(intro_id: int):
    """One introduction: its history, the partner's answer, and what to do next."""
    intro = _own_introduction(intro_id)
    return render_template(
        "msme/introduction.html",
        intro=intro,
        can_withdraw=intro_service.can_withdraw(intro, current_user),
        can_note=intro.accepted_at is not None and intro.status in intro_service.ACCEPTED_STATUSES,
    )


@bp.post("/introductions/<int:intro_id>/withdraw")
def withdraw(intro_id: int):
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Permintaan perkenalan ditarik.")):
        intro_service.withdraw(intro, current_user, note=_note())
    return redirect(url_for("msme.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/another")
def ask_another(intro_id: int):
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Permintaan terkirim: konsultan PLUT akan mencarikan mitra lain.")):
        intro_service.ask_for_another(intro, current_user, note=_note())
    return redirect(url_for("msme.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/note")
def note(intro_id: int):
    intro = _own_introduction(intro_id)
    with unit_of_work(_("Catatan tersimpan.")):
        intro_service.add_note(intro, current_user, _note())
    return redirect(url_for("msme.introduction", intro_id=intro_id))


@bp.post("/introductions/<int:intro_id>/rate")
def rate(intro_id: int):
    """The MSME rates the partner's help and the consultant's assistance."""
    intro = _own_introduction(intro_id)
    form = request.form
    with unit_of_work(_("Terima kasih atas penilaian Anda.")):
        ratings.rate(
            intro,
            current_user,
            {s: form.get(f"score_{s}") for s in ratings.BY_MSME},
            {s: form.get(f"comment_{s}") for s in ratings.BY_MSME},
        )
    return redirect(url_for("msme.dashboard") + "#rate")
