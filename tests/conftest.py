"""Shared fixtures: an app on a fresh database per test.

The suite runs on SQLite by default and on PostgreSQL when
``TEST_DATABASE_URL`` points at one (CI runs both).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from web import create_app
from web.config import normalise_database_url
from web.extensions import db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_SET = SHARED / "eval" / "dev-set.json"
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")

_pg_schema_ready = False


def _reset_postgres() -> None:
    """Create the schema once per session, then empty every table per test."""
    global _pg_schema_ready
    if not _pg_schema_ready:
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        db.create_all()
        _pg_schema_ready = True
    tables = ", ".join(t.name for t in db.metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_url(tmp_path) -> str:
    if TEST_DATABASE_URL:
        return normalise_database_url(TEST_DATABASE_URL)
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def app(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "WTF_CSRF_ENABLED": False,
            # The centre's name comes from the environment; the tests name the first centre.
            "CENTRE_NAME": "PLUT-KUMKM Kalimantan Barat",
            "RATELIMIT_ENABLED": False,
            # The per-account login back-off (web.services.throttle); its tests turn it on.
            "LOGIN_THROTTLE_ENABLED": False,
        }
    )
    with app.app_context():
        if database_url.startswith("postgresql"):
            _reset_postgres()
        else:
            db.create_all()
    # The per-process matcher and MSME caches are keyed by database URL and
    # version stamps; on PostgreSQL every test has the same URL and restarts the
    # stamps, so a cache from an earlier test would look current.
    from web.services import matching

    matching.cache.clear()
    matching.msme_cache.clear()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def dev_set() -> dict:
    if not DEV_SET.exists():
        pytest.skip(f"evaluation set not found at {DEV_SET}")
    return json.loads(DEV_SET.read_text(encoding="utf-8"))


@pytest.fixture
def write_json(tmp_path):
    """Write a document to a JSON file and return its path."""
    counter = iter(range(1000))

    def write(document) -> Path:
        path = tmp_path / f"doc{next(counter)}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    return write


@pytest.fixture
def world(app):
    """The small page-test world; returns the users' e-mails by role name."""
    from tests import world as world_module

    with app.app_context():
        users = world_module.build()
        return {name: user.email for name, user in users.items()}


@pytest.fixture
def login_as(app, world):
    """A logged-in test client for one of the world's users."""
    from tests.world import login

    def make(name: str):
        client = app.test_client()
        response = login(client, world[name])
        assert response.status_code == 302, response.text
        return client

    return make
