"""One unit of work per request or command, committed at the edge (``web.edge``):
a domain error leaves nothing written and says why in the reader's language,
success commits once, and side-writes never commit the request's session."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest
from flask import get_flashed_messages
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from tests.test_api_auth import api_fixtures, error_of
from web.edge import command_unit, side_session, unit_of_work
from web.extensions import db
from web.models import AuditLog, MatchCache, Offering
from web.services import audit, matching
from web.services.introductions import IntroductionError

tokens, api = api_fixtures()
WEB = Path(__file__).resolve().parent.parent / "web"
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
            "This offering is full; the introduction cannot be accepted."
        ]


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


def test_a_side_write_keeps_the_request_session_uncommitted(app):
    with app.test_request_context("/"):
        # pending, not flushed: on SQLite a flushed write would lock out the side session
        audit.record("create", "thing", "pending", actor_label="test")
        with side_session() as session:
            session.add(
                AuditLog(action="create", entity_type="thing", entity_id="side", actor_label="test")
            )
        db.session.rollback()
        assert db.session.scalars(select(AuditLog.entity_id)).all() == ["side"]


def test_storing_a_ranked_list_does_not_commit_the_pages_session(app, world):
    """A GET page that ranks live writes the match list on its own; whatever the
    page's session holds is not committed by it."""
    with app.test_request_context("/"):
        external_id = "M-A"
        with db.session.no_autoflush:
            audit.record("create", "thing", "pending", actor_label="test")
            matching.top_offerings(external_id, limit=3)
        db.session.rollback()
        assert db.session.scalar(select(func.count()).select_from(MatchCache)) == 1
        assert (
            db.session.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.entity_id == "pending")
            )
            == 0
        )


def test_the_api_answers_a_domain_error_in_english_and_keeps_nothing(app, api):
    with app.app_context():
        db.session.scalar(select(Offering).where(Offering.external_id == "P-A-2")).capacity = 1
        db.session.commit()
    ids = [
        api.post(
            "/introductions", json={"msme_external_id": m, "offering_external_id": "P-A-2"}
        ).get_json()["id"]
        for m in ("M-A", "M-B")
    ]
    partner = api.as_("partner_a")
    assert (
        partner.post(f"/introductions/{ids[0]}/status", json={"status": "accepted"}).status_code
        == 200
    )
    with app.app_context():
        before = _audit_rows()
    lost = error_of(
        partner.post(f"/introductions/{ids[1]}/status", json={"status": "accepted"}), 409
    )
    assert lost["code"] == "capacity_full"
    assert lost["message"] == "This offering is full; the introduction cannot be accepted."
    with app.app_context():
        assert _audit_rows() == before


def _commits(path: Path) -> list[tuple[str, int]]:
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            name = (
                child.name
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                else function
            )
            if (
                isinstance(child, ast.Call)
                and isinstance(child.func, ast.Attribute)
                and child.func.attr in ("commit", "rollback")
            ):
                found.append((function, child.lineno))
            visit(child, name)

    visit(ast.parse(path.read_text(encoding="utf-8")), "<module>")
    return found


def test_only_the_edge_commits_or_rolls_back():
    """Services, models, helpers and views leave the transaction to ``web.edge``
    (and the error handler that answers an unreachable database)."""
    allowed = {"edge.py", "security.py"}
    offenders = []
    for path in sorted(WEB.rglob("*.py")):
        rel = path.relative_to(WEB).as_posix()
        if rel in allowed or rel.startswith("migrations/"):
            continue
        offenders += [f"{rel}:{line} in {function}" for function, line in _commits(path)]
    assert offenders == []


def test_pages_and_services_do_not_reach_into_the_api_package():
    """API tokens are a service (``services.api_tokens``) the account pages use;
    one-time links are ``services.onetime_links``: no page imports from ``web.api``."""
    reaching = []
    for path in sorted(WEB.rglob("*.py")):
        rel = path.relative_to(WEB).as_posix()
        if rel.startswith("api/") or rel == "__init__.py":  # the factory registers it
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.level
                and (node.module or "").split(".")[0] == "api"
                or isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("web.api")
            ):
                reaching.append(f"{rel}:{node.lineno}")
    assert reaching == []
