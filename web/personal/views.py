"""Personal data pages for MSME and partner users: download, and deletion."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from werkzeug.security import check_password_hash

from ..edge import unit_of_work
from ..permissions import role_required
from ..services import personal_data

bp = Blueprint("personal", __name__, url_prefix="/data-saya")


@bp.before_request
@role_required("msme", "partner")
def _owners_only():
    return None


@bp.get("/")
def overview():
    return render_template("personal/overview.html")


@bp.get("/unduh")
def download():
    body = json.dumps(personal_data.download(current_user), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="data-saya-jejaring.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.post("/hapus")
def delete():
    if request.form.get("confirm") != "HAPUS" or not check_password_hash(
        current_user.password_hash, request.form.get("password", "")
    ):
        flash(_("Data belum dihapus: ketik HAPUS dan kata sandi Anda untuk memastikan."), "error")
        return redirect(url_for("personal.overview"))
    with unit_of_work():
        personal_data.delete(current_user)
    lang = session.get("lang")
    logout_user()
    session.clear()
    if lang:
        session["lang"] = lang
    flash(
        _(
            "Data pribadi Anda sudah dihapus dan akun Anda ditutup. Terima kasih telah "
            "memakai Jejaring."
        ),
        "info",
    )
    return redirect(url_for("main.index"))
