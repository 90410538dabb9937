"""Consultant pages: dashboard, MSME intake and profile with suggestions."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..edge import unit_of_work
from ..extensions import db
from ..forms_common import (
    MilestoneForm,
    MilestoneUpdateForm,
    choices,
    msme_form_record,
    opts,
    region_choices,
    show_problems,
)
from ..models import MILESTONE_STATUSES, Follow, Milestone, User
from ..permissions import STAFF, role_required
from ..services import (
    accounts,
    growth,
    matching,
    milestones,
    onetime_links,
    privacy,
    queries,
    records,
    supply,
    supply_introductions,
)
from ..services.introductions import start as start_introduction

bp = Blueprint("consultant", __name__, url_prefix="/consultant")


@bp.before_request
@role_required(*STAFF)
def _staff_only():
    return None


@bp.get("/")
def dashboard():
    return render_template(
        "consultant/dashboard.html", board=queries.consultant_dashboard(current_user)
    )


@bp.get("/msmes")
def msmes():
    q = request.args.get("q", "").strip()
    regency = request.args.get("regency", "")
    page = request.args.get("page", 1, type=int)
    return render_template(
        "consultant/msmes.html",
        q=q,
        regency=regency,
        regencies=region_choices(wide=False),
        pagination=queries.search_msmes(q, regency, page),
    )


@bp.route("/msmes/new", methods=["GET", "POST"])
def msme_new():
    return _msme_form(None)


@bp.route("/msmes/<external_id>/edit", methods=["GET", "POST"])
def msme_edit(external_id: str):
    return _msme_form(_msme_or_404(external_id))


def _msme_or_404(external_id: str):
    try:
        return matching.get_msme(external_id)
    except matching.NotFound:
        abort(404)


def _msme_form(msme):
    form, record, leftovers = msme_form_record(msme)
    if record is not None:
        with unit_of_work(_("Profil UMKM tersimpan."), flash_error=False) as work:
            external_id = records.save_msme(record, current_user, existing=msme)
            if msme is None:
                # the consultant who takes an MSME in follows it
                db.session.add(
                    Follow(user_id=current_user.id, msme_id=matching.get_msme(external_id).id)
                )
        if work.ok:
            return redirect(url_for("consultant.msme_detail", external_id=external_id))
        leftovers = show_problems(form, work.error)
    return render_template("consultant/msme_form.html", form=form, msme=msme, leftovers=leftovers)


# The tabs of the consultant's MSME page, in order: (key, label, icon). Each tab's panel
# is the template consultant/msme_tabs/<key>.html; a new tab is one entry here and
# one template, a new section inside a tab one include in its template.
MSME_TABS = (
    ("suggestions", _l("Saran mitra"), "lightbulb"),
    ("nearly", _l("Hampir cocok"), "list-checks"),
    ("introductions", _l("Perkenalan"), "handshake"),
    ("supply", _l("Pemasok & pembeli"), "link"),
    ("growth", _l("Naik kelas"), "star"),
    ("milestones", _l("Tonggak"), "flag"),
    ("history", _l("Riwayat"), "history"),
)
_TAB_KEYS = {key for key, *_rest in MSME_TABS}


@bp.get("/msmes/<external_id>")
def msme_detail(external_id: str):
    """The MSME's profile summary and needs, then one tab at a time (``?tab=``): plain
    links, so each is one tap away without JavaScript, and only its data is loaded."""
    msme = _msme_or_404(external_id)
    tab = request.args.get("tab", "suggestions")
    if tab not in _TAB_KEYS:
        abort(404)
    introductions = queries.introductions_of_msme(msme)
    milestone_list = queries.milestones_of(msme)
    context = {}
    if tab in ("suggestions", "nearly"):
        ranking = matching.rank_offerings_for(
            external_id, limit=10, include_filtered=True, lang=_lang()
        )
        context.update(
            ranking=ranking,
            offerings=matching.offerings_by_id(
                [m.offering_external_id for m in ranking.matches]
                + [f.offering_external_id for f in ranking.filtered]
            ),
            draft_pitch=privacy.draft_pitch(msme),
        )
    elif tab == "milestones":
        form = _milestone_form(msme=msme, formdata=None)
        form.consultant_id.data = current_user.id
        context.update(milestone_form=form, milestone_groups=milestones.by_field(milestone_list))
    elif tab == "growth":
        context.update(growth=growth.timeline(msme.id), growth_history=growth.history(msme.id))
    elif tab == "supply":
        context.update(
            supply_links=supply.links_for(external_id, limit=5, lang=_lang()),
            supply_intros=supply_introductions.of_msme(msme, staff=True),
        )
    elif tab == "history":
        context.update(history=queries.history_of(msme))
    return render_template(
        "consultant/msme_detail.html",
        msme=msme,
        tab=tab,
        tabs=MSME_TABS,
        counts={"introductions": len(introductions), "milestones": len(milestone_list)},
        introductions=introductions,
        milestones=milestone_list,
        following=queries.is_following(current_user, msme),
        owner=db.session.scalar(db.select(User).where(User.msme_id == msme.id)),
        **context,
    )


def _tab_url(external_id: str, tab: str) -> str:
    return url_for("consultant.msme_detail", external_id=external_id, tab=tab) + "#tabs"


def _lang() -> str:
    from ..i18n import current_lang

    return current_lang()


def _status_label(status: str) -> str:
    from ..i18n import status_label

    return status_label(status)


def _milestone_form(msme=None, exclude=None, **kwargs) -> MilestoneForm:
    form = MilestoneForm(**kwargs)
    form.field.choices = opts(choices("field"))
    form.status.choices = opts([(s, _status_label(s)) for s in MILESTONE_STATUSES])
    staff = db.session.scalars(
        db.select(User).where(User.role.in_(STAFF), User.active).order_by(User.name, User.email)
    )
    form.consultant_id.choices = opts(
        [("", _("(belum ada)"))] + [(u.id, u.name or u.email) for u in staff]
    )
    earlier = queries.milestones_of(msme) if msme is not None else []
    form.follows_id.choices = opts(
        [("", _("(tonggak pertama)"))]
        + [(m.id, f"{m.title} ({m.due_date.isoformat()})") for m in earlier if m is not exclude]
    )
    return form


@bp.post("/msmes/<external_id>/follow")
def msme_follow(external_id: str):
    msme = _msme_or_404(external_id)
    with unit_of_work():
        follow = db.session.get(Follow, (current_user.id, msme.id))
        if follow is None:
            db.session.add(Follow(user_id=current_user.id, msme_id=msme.id))
        else:
            db.session.delete(follow)
    return redirect(url_for("consultant.msme_detail", external_id=external_id))


@bp.post("/msmes/<external_id>/introduce/<offering_id>")
def propose_introduction(external_id: str, offering_id: str):
    msme = _msme_or_404(external_id)
    try:
        offering = matching.get_offering(offering_id)
    except matching.NotFound:
        abort(404)
    message = (request.form.get("message") or "").strip()[:2000]
    pitch = request.form.get("pitch")
    with unit_of_work(_("Perkenalan diusulkan ke mitra.")) as work:
        intro = start_introduction(msme, offering, current_user, message, pitch=pitch)
    if not work.ok:
        return redirect(url_for("consultant.msme_detail", external_id=external_id))
    return redirect(url_for("consultant.introduction_detail", intro_id=intro.id))


@bp.post("/msmes/<external_id>/supply-introductions")
def propose_supply_introduction(external_id: str):
    """Introduce this MSME to another as its supplier or buyer (issue 16)."""
    msme = _msme_or_404(external_id)
    back = _tab_url(external_id, "supply")
    try:
        other = matching.get_msme(request.form.get("other") or "")
    except matching.NotFound:
        flash(_("UMKM yang akan diperkenalkan tidak ditemukan."), "error")
        return redirect(back)
    supplier, buyer = (
        (other, msme) if request.form.get("direction") == "supplier" else (msme, other)
    )
    with unit_of_work(_("Perkenalan rantai pasok diusulkan ke kedua UMKM.")):
        supply_introductions.propose(
            supplier, buyer, request.form.get("commodity") or "", current_user
        )
    return redirect(back)


@bp.post("/msmes/<external_id>/invite")
def invite_owner(external_id: str):
    """Create the MSME owner's account and show a one-time link to set a password."""
    msme = _msme_or_404(external_id)
    email = (request.form.get("email") or msme.contact_email or "").strip()
    with unit_of_work(
        failure=lambda reason: _("Undangan gagal: %(reason)s", reason=reason)
    ) as work:
        user, raw = accounts.invite(
            current_user,
            role="msme",
            email=email,
            name=msme.contact_person or msme.name,
            msme_external_id=msme.external_id,
        )
    if not work.ok:
        return redirect(url_for("consultant.msme_detail", external_id=external_id))
    return render_template(
        "consultant/link_issued.html",
        user=user,
        link=url_for("auth.set_password", token=raw, _external=True),
        invited=True,
    )


@bp.post("/users/<int:user_id>/reset-link")
def reset_link(user_id: int):
    """Issue a one-time password reset link for a user and show it to the staff member."""
    user = db.get_or_404(User, user_id)
    if not onetime_links.may_issue(current_user, user):  # staff accounts: admins only
        abort(403)
    if not user.active:
        message = _(
            "Akun %(email)s dinonaktifkan; tautan kata sandi tidak dibuat. Admin dapat "
            "mengaktifkannya lagi lebih dulu.",
            email=user.email,
        )
        return render_template("errors/message.html", message=message), 409
    with unit_of_work():
        raw = onetime_links.issue_link(user, "reset", current_user)
    return render_template(
        "consultant/link_issued.html",
        user=user,
        link=url_for("auth.set_password", token=raw, _external=True),
    )


def _milestone_values(form: MilestoneForm) -> dict:
    return {name: form[name].data for name in milestones.FIELDS}


def _render_milestone(msme, form, milestone=None, warnings=None, status=200):
    return (
        render_template(
            "consultant/milestone.html",
            msme=msme,
            milestone=milestone,
            form=form,
            warnings=warnings or {},
            update_form=MilestoneUpdateForm(formdata=None, on_date=dt.date.today()),
            late=milestones.is_late(milestone) if milestone else False,
        ),
        status,
    )


def _save_milestone(msme, milestone=None):
    form = _milestone_form(msme=msme, exclude=milestone)
    if not form.validate():
        return _render_milestone(msme, form, milestone, status=422)
    values = _milestone_values(form)
    saved = warnings = None
    with unit_of_work(flash_error=False) as work:
        saved, warnings = milestones.save(
            msme, values, current_user, milestone, accept_warnings=form.accept_warnings.data
        )
    if not work.ok:
        form.due_date.errors = [str(work.error)]
        return _render_milestone(msme, form, milestone, status=422)
    if saved is None:  # nothing saved: warnings to show next to their fields
        return _render_milestone(msme, form, milestone, warnings)
    flash(_("Tonggak tersimpan."), "info")
    return redirect(url_for("consultant.milestone_detail", milestone_id=saved.id))


@bp.post("/msmes/<external_id>/milestones")
def milestone_add(external_id: str):
    return _save_milestone(_msme_or_404(external_id))


def _milestone_items(args) -> tuple[list, str, bool]:
    """The milestones a list shows for the query string: whose, and done ones or not."""
    who = args.get("consultant", "")
    user_id = None if who == "all" else args.get("consultant", current_user.id, type=int)
    include_done = args.get("done") == "1"
    items = [(m, milestones.is_late(m)) for m in milestones.of_consultant(user_id, include_done)]
    return items, who, include_done


@bp.get("/milestones")
def milestone_list():
    """A consultant's milestones by due date (``?consultant=all`` for everyone's)."""
    items, who, include_done = _milestone_items(request.args)
    return render_template(
        "consultant/milestones.html",
        items=items,
        who=who,
        include_done=include_done,
        args=request.args,
    )


@bp.get("/milestones/export/<fmt>")
def milestone_export(fmt: str):
    """The milestone list as filtered on the page, as XLSX or CSV."""
    from flask import Response

    from ..services import list_export

    if fmt not in list_export.FORMATS:
        abort(404)
    items = _milestone_items(request.args)[0]
    columns = [
        _("Tenggat"),
        _("Tonggak"),
        _("UMKM"),
        _("Bidang"),
        _("Status"),
        _("Terlambat"),
        _("Indikator"),
        _("Nilai awal"),
        _("Nilai target"),
        _("Nilai saat ini"),
        _("Satuan"),
        _("Konsultan penanggung jawab"),
        _("Penanggung jawab di UMKM"),
    ]
    rows = [
        [
            m.due_date.isoformat(),
            m.title,
            m.msme.name,
            m.field,
            m.status,
            late,
            m.indicator,
            m.baseline,
            m.target_value,
            m.current_value,
            m.unit,
            (m.consultant.name or m.consultant.email) if m.consultant else None,
            m.counterpart,
        ]
        for m, late in items
    ]
    body = list_export.render(_("Tonggak"), columns, rows, fmt)
    return Response(
        body,
        mimetype=list_export.FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="tonggak.{fmt}"'},
    )


@bp.get("/milestones/<int:milestone_id>")
def milestone_detail(milestone_id: int):
    milestone = db.get_or_404(Milestone, milestone_id)
    form = _milestone_form(obj=milestone, msme=milestone.msme, exclude=milestone)
    form.accept_warnings.data = False
    warnings = milestones.trait_warnings(_milestone_values(form))
    return _render_milestone(milestone.msme, form, milestone, warnings)


@bp.post("/milestones/<int:milestone_id>/edit")
def milestone_edit(milestone_id: int):
    milestone = db.get_or_404(Milestone, milestone_id)
    return _save_milestone(milestone.msme, milestone)


@bp.post("/milestones/<int:milestone_id>/updates")
def milestone_progress(milestone_id: int):
    milestone = db.get_or_404(Milestone, milestone_id)
    form = MilestoneUpdateForm()
    if not form.validate():
        flash(_("Kemajuan belum tersimpan: isi tanggal dan catatan."), "error")
    else:
        with unit_of_work(_("Kemajuan tersimpan.")):
            milestones.add_update(
                milestone, form.on_date.data, form.value.data, form.note.data, current_user
            )
    return redirect(url_for("consultant.milestone_detail", milestone_id=milestone.id))


@bp.post("/milestones/<int:milestone_id>/status")
def milestone_status(milestone_id: int):
    milestone = db.get_or_404(Milestone, milestone_id)
    status = request.form.get("status", "")
    if status not in MILESTONE_STATUSES:
        abort(400)
    with unit_of_work():
        milestones.set_status(milestone, status, current_user)
    return redirect(_tab_url(milestone.msme.external_id, "milestones"))


@bp.route("/import", methods=["GET", "POST"])
def import_page():
    """Upload spreadsheet templates or an exchange-format JSON file: preview
    what it would create, update and leave unchanged, or every problem."""
    from flask import current_app, session

    from ..edge import transaction
    from ..services import page_import
    from ..services.exchange import DocumentRejected

    instance = current_app.instance_path
    summary = problems = token = filename = None
    if request.method == "POST":
        upload = request.files.get("file")
        with unit_of_work():
            token = page_import.keep(
                instance, upload.filename if upload else "", upload.read() if upload else b""
            )
        if token:
            page_import.forget(instance, session.get("import_token", ""))  # an older preview's
            session["import_token"] = token
            filename = upload.filename
            try:
                with transaction(dry_run=True):
                    summary = page_import.run(
                        page_import.kept_file(instance, token),
                        actor_id=current_user.id,
                        label="page import",
                    )
            except DocumentRejected as exc:
                problems, token = exc.problems, None
                page_import.forget(instance, session.pop("import_token"))
    return render_template(
        "consultant/import.html",
        summary=summary,
        problems=problems,
        token=token,
        filename=filename,
        kinds=("msme", "partner", "offering"),
    )


@bp.post("/import/confirm")
def import_confirm():
    """Import the previewed file, all of it or nothing."""
    from flask import current_app, session

    from ..services import page_import
    from ..services.exchange import DocumentRejected

    instance = current_app.instance_path
    token = request.form.get("token", "")
    if not token or token != session.get("import_token"):
        flash(_("Unggahan tidak ditemukan atau kedaluwarsa; unggah berkasnya lagi."), "error")
        return redirect(url_for("consultant.import_page"))
    with unit_of_work(flash_error=False) as work:
        summary = page_import.run(
            page_import.kept_file(instance, token), actor_id=current_user.id, label="page import"
        )
    session.pop("import_token", None)
    page_import.forget(instance, token)
    if isinstance(work.error, DocumentRejected):
        # what was stored changed since the preview: every problem, where it is,
        # as the preview shows them (nothing was imported)
        return render_template(
            "consultant/import.html",
            problems=work.error.problems,
            changed_since_preview=True,
            kinds=("msme", "partner", "offering"),
        ), 422
    if work.error is not None:
        flash(str(work.error), "error")
    else:
        flash(
            _(
                "Impor selesai: %(created)d dibuat, %(updated)d diperbarui, "
                "%(unchanged)d tidak berubah.",
                created=sum(summary.created.values()),
                updated=sum(summary.updated.values()),
                unchanged=sum(summary.unchanged.values()),
            ),
            "info",
        )
    return redirect(url_for("consultant.import_page"))


@bp.get("/msmes/export/<fmt>")
def msme_export(fmt: str):
    """The MSME list as searched on the page (all pages), as XLSX or CSV."""
    from ..services import list_export

    if fmt not in list_export.FORMATS:
        abort(404)
    query = queries.msme_search(request.args.get("q", "").strip(), request.args.get("regency", ""))
    columns = [
        _("ID"),
        _("Nama"),
        _("Bentuk usaha"),
        _("NIB"),
        _("Kabupaten/kota"),
        _("Sektor"),
        _("Skala"),
        _("Komoditas"),
        _("Omzet tahunan (Rp)"),
        _("Modal usaha (Rp)"),
        _("Tenaga kerja"),
        _("Sertifikasi"),
    ]
    rows = [
        [
            m.external_id,
            m.name,
            m.legal_form,
            m.nib,
            m.regency,
            m.sector,
            m.scale,
            "; ".join(m.commodities or []),
            m.annual_turnover_idr,
            m.business_capital_idr,
            m.employees,
            "; ".join(m.certifications or []),
        ]
        for m in db.session.scalars(query.limit(list_export.ROWS_MAX))
    ]
    return list_export.download(_("UMKM"), "umkm", columns, rows, fmt)
