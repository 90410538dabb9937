"""Public pages: the overview of the centre's network."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, session, url_for

from matcher.commodities import default_taxonomy

from ..redirects import safe_target
from ..services import overview

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    return render_template("main/index.html", stats=overview.network_stats())


@bp.post("/lang")
def set_language():
    """Remember the chosen language (Bahasa Indonesia or English) in the session."""
    lang = request.form.get("lang", "id")
    session["lang"] = lang if lang in ("id", "en") else "id"
    return redirect(safe_target(request.form.get("next")) or url_for("main.index"))


@bp.get("/commodities")
def commodity_suggestions():
    """Commodity names from the matcher's taxonomy that fit what is being typed."""
    q = request.args.get("q", "").strip()[:60]
    if not q:
        return jsonify([])
    return jsonify([c.name for c in default_taxonomy().suggest(q, limit=8)])
