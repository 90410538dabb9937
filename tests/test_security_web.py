"""Security headers, rate limits on login, and a database that goes away."""

from __future__ import annotations

import re
from pathlib import Path

from tests.world import PASSWORD
from web import create_app
from web.extensions import db

TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"


def test_every_page_carries_the_security_headers(client, login_as):
    for response in (client.get("/"), client.get("/login"),
                     login_as("consultant").get("/consultant/msmes/M-A")):
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
        assert "style=" not in text, template


def test_login_attempts_are_rate_limited_with_a_clear_message(app, world):
    limited = create_app(dict(app.config, RATELIMIT_ENABLED=True))
    client = limited.test_client()
    for _ in range(10):
        response = client.post("/login", data={"email": world["consultant"],
                                               "password": "salah-sekali-123"})
        assert response.status_code == 200
    blocked = client.post("/login", data={"email": world["consultant"], "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.text
    assert client.get("/login").status_code == 200  # reading the page is not limited


def test_database_unavailable_gives_503_and_recovers(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"TESTING": True, "SECRET_KEY": "x",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'j.db'}"})
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
    api = client.get("/", headers={"Accept": "application/json"})
    assert api.status_code == 503 and api.json["error"]["code"] == "service_unavailable"
    (tmp_path / "gone").rename(folder)
    assert client.get("/").status_code == 200
