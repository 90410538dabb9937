"""Saved searches: save a search from its page, list and delete them
(consultants, admins and partners; ``services.saved_searches``)."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..edge import unit_of_work
from ..services import saved_searches
from .views import bp

ROLES = ("consultant", "admin", "partner")


def _allowed() -> None:
    if current_user.role not in ROLES:
        abort(403)


@bp.get("/searches")
def searches():
    _allowed()
    return render_template(
        "account/searches.html",
        searches=[(s, saved_searches.link(s)) for s in saved_searches.searches_of(current_user)],
    )


@bp.post("/searches")
def search_save():
    _allowed()
    form = request.form
    with unit_of_work(_("Pencarian tersimpan. Anda akan diberi tahu bila ada hasil baru.")):
        saved_searches.save(
            current_user,
            form.get("kind", ""),
            {key: form.get(key, "") for key in form if key not in ("kind", "name", "csrf_token")},
            form.get("name", "")[: saved_searches.NAME_MAX],
        )
    return redirect(url_for("account.searches"))  # the list, with the message


@bp.post("/searches/<int:search_id>/delete")
def search_delete(search_id: int):
    _allowed()
    with unit_of_work(_("Pencarian tersimpan dihapus.")) as work:
        saved_searches.delete(current_user, search_id)
    if not work.ok and work.error.code == "not_found":
        abort(404)
    return redirect(url_for("account.searches"))
