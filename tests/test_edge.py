"""One unit of work per request or command, committed at the edge (``web.edge``):
a domain error leaves nothing written and says why in the reader's language,
and success commits once."""

from __future__ import annotations

import click
import pytest
from flask import get_flashed_messages
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tests.test_api_auth import api_fixtures, error_of
from web.edge import command_unit, side_session, unit_of_work
from web.extensions import db
from web.models import AuditLog, Offering
from web.services import audit
from web.services.introductions import IntroductionError

tokens, api = api_fixtures()
FULL = "Kuota layanan ini sudah penuh; perkenalan tidak dapat diterima."


def _audit_rows() -> int:
    with side_session() as session:  # what another connection sees: only what is committed
        return session.scalar(select(func.count()).select_from(AuditLog))


def test_a_domain_error_leaves_nothing_written_and_says_why(app):
    with app.test_request_context("/"):
        with unit_of_work("saved") as work:
            audit.record("create", "thing", "1", actor_label="test")
            db.session.flush()
            raise IntroductionError(_l(FULL))
        assert not work.ok and _audit_rows() == 0
        assert get_flashed_messages(with_categories=True) == [("error", FULL)]


def test_the_message_is_in_the_readers_language(app):
    with app.test_request_context("/"), force_locale("en"):
        with unit_of_work():
            raise IntroductionError(_l(FULL))
        assert get_flashed_messages() == [
            "This offering is full; the introduction cannot be accepted."]


def test_success_commits_once_and_flashes_after(app, monkeypatch):
    commits = []
    real = db.session.commit
    monkeypatch.setattr(db.session, "commit", lambda: commits.append(1) or real())
    with app.test_request_context("/"):
        with unit_of_work("saved") as work:
            audit.record("create", "thing", "1", actor_label="test")
            audit.record("create", "thing", "2", actor_label="test")
        assert work.ok and commits == [1] and _audit_rows() == 2
        assert get_flashed_messages() == ["saved"]


def test_any_other_error_rolls_back_and_propagates(app):
    with app.test_request_context("/"):
        with pytest.raises(KeyError), unit_of_work():
            audit.record("create", "thing", "1", actor_label="test")
            raise KeyError("bug")
        assert _audit_rows() == 0 and not get_flashed_messages()


def test_a_command_fails_with_the_domain_error_and_keeps_nothing(app):
    with app.app_context():
        with pytest.raises(click.ClickException, match="full"), command_unit():
            audit.record("create", "thing", "1", actor_label="test")
            raise IntroductionError(_l(FULL))
        assert _audit_rows() == 0
        with command_unit(dry_run=True):
            audit.record("create", "thing", "2", actor_label="test")
        assert _audit_rows() == 0


def test_the_api_answers_a_domain_error_in_english_and_keeps_nothing(app, api):
    with app.app_context():
        db.session.scalar(select(Offering).where(Offering.external_id == "P-A-2")).capacity = 1
        db.session.commit()
    ids = [api.post("/introductions", json={"msme_external_id": m,
                                            "offering_external_id": "P-A-2"}).get_json()["id"]
           for m in ("M-A", "M-B")]
    partner = api.as_("partner_a")
    assert partner.post(f"/introductions/{ids[0]}/status",
                        json={"status": "accepted"}).status_code == 200
    with app.app_context():
        before = _audit_rows()
    lost = error_of(partner.post(f"/introductions/{ids[1]}/status",
                                 json={"status": "accepted"}), 409)
    assert lost["code"] == "capacity_full"
    assert lost["message"] == "This offering is full; the introduction cannot be accepted."
    with app.app_context():
        assert _audit_rows() == before
