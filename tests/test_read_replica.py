"""Ranking reads the catalogue and the MSME list from a read replica
(``DATABASE_REPLICA_URL``) while the replica is up to date, and from the
primary when it lags, so a just-made change is never ranked away.

The replica here is a second SQLite file that "replicates" when the test
copies the primary into it (SQLite's online backup), which is what a
streaming replica does continuously; the logic under test is the same for
PostgreSQL replicas.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, select

from bench.generate import generate
from web import create_app
from web.extensions import db
from web.models import Offering
from web.services import matching
from web.services.importer import import_document


@pytest.fixture
def replicated(tmp_path, monkeypatch):
    primary, replica = tmp_path / "primary.db", tmp_path / "replica.db"
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{primary}",
            "DATABASE_REPLICA_URL": f"sqlite:///{replica}",
        }
    )
    doc = generate(12, 80, seed=4)
    with app.app_context():
        db.create_all()
        import_document(doc, actor_label="test")
        db.session.commit()
    matching.cache.clear()

    def replicate() -> None:
        with sqlite3.connect(primary) as src, sqlite3.connect(replica) as dst:
            src.backup(dst)

    replicate()
    statements: list[str] = []
    with app.app_context():
        engine = matching.replica_engine()
    event.listen(
        engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *args: statements.append(statement),
    )
    yield app, replicate, statements, [m["external_id"] for m in doc["msmes"]]
    engine.dispose()
    matching.cache.clear()


def _top(app, msme_id: str) -> list[str]:
    with app.app_context():
        ranking = matching.rank_offerings_for(msme_id, limit=5)
        return [m.offering_external_id for m in ranking.matches]


def _catalogue_reads(statements: list[str]) -> int:
    return sum("FROM offering" in s for s in statements)


def test_the_catalogue_is_read_from_an_up_to_date_replica(replicated):
    app, _, statements, msmes = replicated
    top = _top(app, msmes[0])
    assert top
    assert _catalogue_reads(statements) == 1  # the fit read the replica
    assert _top(app, msmes[1])  # cached index: no second read
    assert _catalogue_reads(statements) == 1


def test_a_lagging_replica_is_bypassed_and_used_again_once_it_catches_up(replicated):
    app, replicate, statements, msmes = replicated
    first = _top(app, msmes[0])[0]
    with app.app_context():  # a consultant closes the top offering on the primary
        offering = db.session.scalar(select(Offering).where(Offering.external_id == first))
        offering.closed = True
        db.session.commit()
    reads = _catalogue_reads(statements)
    assert first not in _top(app, msmes[0])  # the change shows at once ...
    assert _catalogue_reads(statements) == reads  # ... read from the primary
    matching.cache.clear()
    replicate()  # the replica replays the change
    assert first not in _top(app, msmes[0])
    assert _catalogue_reads(statements) == reads + 1


def test_partner_side_msme_lists_come_from_the_replica_too(replicated):
    app, replicate, statements, msmes = replicated
    with app.app_context():
        offering_id = db.session.scalar(select(Offering.external_id).order_by(Offering.id))
        ranked = matching.rank_msmes_for(offering_id, limit=50)
    assert any("FROM msme" in s for s in statements)
    assert {m.msme_external_id for m in ranked} <= set(msmes)


def test_a_replica_of_the_suites_database_serves_ranking_reads(app, world):
    """On the suite's own database (PostgreSQL in CI: one snapshot per read,
    REPEATABLE READ), a replica URL naming the same, fully caught-up database."""
    app.config["DATABASE_REPLICA_URL"] = app.config["SQLALCHEMY_DATABASE_URI"]
    matching.cache.clear()
    statements: list[str] = []
    with app.app_context():
        engine = matching.replica_engine()
        event.listen(
            engine,
            "before_cursor_execute",
            lambda conn, cursor, statement, *args: statements.append(statement),
        )
        ranking = matching.rank_offerings_for("M-A", limit=3)
    engine.dispose()
    matching.cache.clear()
    assert ranking.matches[0].offering_external_id == "P-A-1"
    assert _catalogue_reads(statements) == 1
