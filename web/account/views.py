"""Personal API tokens: create (shown once), list and revoke, for any logged-in user."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from ..edge import unit_of_work
from ..extensions import db
from ..forms_base import BaseForm
from ..models import ApiToken
from ..services import api_tokens

bp = Blueprint("account", __name__, url_prefix="/account")


class TokenForm(BaseForm):
    name = StringField(
        _l("Nama token"), validators=[DataRequired(), Length(max=api_tokens.NAME_MAX)]
    )


class RevokeForm(BaseForm):
    """An empty form: only its CSRF token."""


@bp.before_request
@login_required
def _logged_in_only():
    return None


def _page(form: TokenForm, new_token: str | None = None, status: int = 200):
    return render_template(
        "account/tokens.html",
        form=form,
        revoke_form=RevokeForm(),
        tokens=api_tokens.active_tokens(current_user),
        new_token=new_token,
        api_docs=url_for("api.docs_page"),
    ), status


@bp.get("/tokens")
def token_list():
    return _page(TokenForm(formdata=None))


@bp.post("/tokens")
def token_create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    with unit_of_work(
        failure=lambda reason: _(
            "Token tidak dibuat: paling banyak %(n)s token aktif per akun. Cabut token yang "
            "tidak dipakai lagi.",
            n=api_tokens.TOKENS_PER_USER,
        )
    ) as work:
        _token, raw = api_tokens.issue(current_user, form.name.data)
    if not work.ok:
        return redirect(url_for("account.token_list"))
    # The raw token is in this one answer only: it is not stored anywhere.
    response = _page(TokenForm(formdata=None), new_token=raw)
    return response[0], 200, {"Cache-Control": "no-store"}


@bp.post("/tokens/<int:token_id>/revoke")
def token_revoke(token_id: int):
    if not RevokeForm().validate_on_submit():
        abort(400)
    token = db.session.get(ApiToken, token_id) if token_id <= 2**31 - 1 else None
    if token is None or token.user_id != current_user.id:
        abort(404)
    with unit_of_work(
        _(
            "Token %(name)s dicabut; aplikasi yang memakainya tidak dapat masuk lagi.",
            name=token.name,
        )
    ):
        api_tokens.revoke(token, current_user)
    return redirect(url_for("account.token_list"))
