"""Security headers, rate limits on login, and a database that goes away."""

from __future__ import annotations

import re
from pathlib import Path

from tests.world import PASSWORD
from web import create_app
from web.extensions import db

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


def test_every_page_carries_the_security_headers(client, login_as):
    for response in (
        client.get("/"),
        client.get("/login"),
        login_as("consultant").get("/consultant/msmes/M-A"),
    ):
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_script_or_handlers():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), template
        assert not re.search(r"\son[a-z]+\s*=", text), template
        # E-mail (templates/mail/) needs inline styles: mail programs drop style sheets.
        # It is never a page of the site; an admin sees it under a sandboxing CSP.
        if template.parent.name != "mail":
            assert "style=" not in text, template


def test_login_attempts_are_rate_limited_with_a_clear_message(app, world):
    limited = create_app(dict(app.config, RATELIMIT_ENABLED=True))
    client = limited.test_client()
    for _ in range(10):
        response = client.post(
            "/login", data={"email": world["consultant"], "password": "salah-sekali-123"}
        )
        assert response.status_code == 200
    blocked = client.post("/login", data={"email": world["consultant"], "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.text
    assert client.get("/login").status_code == 200  # reading the page is not limited


def test_database_unavailable_gives_503_and_recovers(tmp_path, monkeypatch, caplog):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'j.db'}",
        }
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    assert client.get("/").status_code == 200
    with app.app_context():
        db.engine.dispose()
    folder.rename(tmp_path / "gone")
    down = client.get("/")
    assert down.status_code == 503 and down.headers["Retry-After"] == "30"
    assert "Basis data sedang tidak dapat dihubungi" in down.text
    # the log says why, for whoever runs the service
    logged = [r for r in caplog.records if r.getMessage().startswith("database error on GET /")]
    assert logged and logged[0].exc_info is not None
    api = client.get("/", headers={"Accept": "application/json"})
    assert api.status_code == 503 and api.json["error"]["code"] == "service_unavailable"
    (tmp_path / "gone").rename(folder)
    assert client.get("/").status_code == 200


def test_idle_and_absolute_session_timeouts(app, login_as):
    client = login_as("consultant")
    assert client.get("/consultant/").status_code == 200
    with client.session_transaction() as session:
        session["seen_at"] -= app.config["SESSION_IDLE_SECONDS"] + 1
    expired = client.get("/consultant/")
    assert expired.status_code == 302 and expired.headers["Location"].startswith("/login")
    assert "Sesi Anda berakhir" in client.get("/login").text
    assert client.get("/consultant/").status_code == 302  # really logged out
    client = login_as("consultant")
    with client.session_transaction() as session:
        session["login_at"] -= app.config["SESSION_ABSOLUTE_SECONDS"] + 1
    assert client.get("/consultant/").headers["Location"].startswith("/login")


def test_login_starts_a_new_session(app, world):
    client = app.test_client()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["lang"] = "en"
    client.post("/login", data={"email": world["consultant"], "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session and session["lang"] == "en"


def test_forms_without_csrf_token_are_refused(app, world):
    protected = create_app(dict(app.config, WTF_CSRF_ENABLED=True))
    client = protected.test_client()
    response = client.post("/login", data={"email": world["consultant"], "password": PASSWORD})
    assert response.status_code == 400 and "Formulir kedaluwarsa" in response.text
    assert client.post("/lang", data={"lang": "en"}).status_code == 400
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    ok = client.post(
        "/login", data={"email": world["consultant"], "password": PASSWORD, "csrf_token": token}
    )
    assert ok.status_code == 302


def test_oversize_request_gets_a_clear_413(app, login_as):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client = login_as("consultant")
    response = client.post("/consultant/msmes/new", data={"description": "x" * (1024 * 1024 + 1)})
    assert response.status_code == 413 and "terlalu besar (maksimal 1 MB)" in response.text


def test_session_cookie_flags(app, world, monkeypatch):
    response = app.test_client().post(
        "/login", data={"email": world["consultant"], "password": PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    monkeypatch.setenv("JEJARING_ENV", "production")
    settings = {
        k: v
        for k, v in app.config.items()
        if k
        in (
            "TESTING",
            "SECRET_KEY",
            "SQLALCHEMY_DATABASE_URI",
            "WTF_CSRF_ENABLED",
            "RATELIMIT_ENABLED",
        )
    }
    production = create_app(settings)  # cookie flags come from the environment
    assert production.config["SESSION_COOKIE_SECURE"] is True
    secure = production.test_client().post(
        "/login",
        data={"email": world["consultant"], "password": PASSWORD},
        base_url="https://jejaring.example",
    )
    assert "Secure" in secure.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in secure.headers


def test_no_state_changes_through_get(app, world, login_as):
    from sqlalchemy import func, select

    from tests.test_authorization_matrix import MATRIX
    from web.models import AuditLog
    from web.services.exporter import export_document

    login_as("consultant").post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "x"})
    with app.app_context():
        before = (export_document(), db.session.scalar(select(func.count(AuditLog.id))))
    clients = [app.test_client()] + [
        login_as(name) for name in ("consultant", "admin", "partner_a", "msme_a")
    ]
    for method, template, _ in MATRIX:
        if method == "GET" and not template.startswith("/api/"):
            for client in clients:
                client.get(
                    template.format(intro=1, user=1, milestone=1, token=1, notification=1, mail=1)
                )
    with app.app_context():
        after = (export_document(), db.session.scalar(select(func.count(AuditLog.id))))
    assert after == before
