"""The command-line contract: init-db, seed, create-user, and configuration."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from werkzeug.security import check_password_hash

from tests import factories as f
from tests.conftest import ROOT
from web import create_app
from web.config import normalise_database_url
from web.extensions import db
from web.models import (
    AuditLog,
    GrowthEvent,
    Introduction,
    Milestone,
    Msme,
    Offering,
    Partner,
    Rating,
    User,
)


@pytest.fixture
def empty_app(tmp_path, monkeypatch, database_url):
    """An app on a database without any tables."""
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "instance"))
    url = database_url
    if url.startswith("postgresql"):
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS jj_migrate CASCADE"))
            conn.execute(text("CREATE SCHEMA jj_migrate"))
        engine.dispose()
        url += "?options=-csearch_path%3Djj_migrate"
    else:
        url = f"sqlite:///{tmp_path / 'empty.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": url})
    yield app
    with app.app_context():
        db.engine.dispose()


def test_init_db_creates_schema_and_is_safe_to_run_twice(empty_app):
    runner = empty_app.test_cli_runner()
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["init-db"])
    assert second.exit_code == 0 and "up to date" in second.output
    with empty_app.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert {
            "msme",
            "need",
            "partner",
            "offering",
            "user_account",
            "introduction",
            "introduction_event",
            "audit_log",
            "alembic_version",
        } <= tables
        # The migrations describe exactly the models: nothing left to autogenerate.
        from web.migrate import check

        check()


def test_migration_0014_stores_the_taxonomy_keys_of_stored_commodities(empty_app):
    """The data step of 0014 fills ``commodity_keys`` of the rows already stored."""
    import datetime as dt

    import sqlalchemy as sa

    from web.migrate import upgrade

    now = dt.datetime(2026, 11, 29, tzinfo=dt.UTC)
    with empty_app.app_context():
        upgrade("0013")
        columns = ("external_id", "name", "legal_form", "regency", "created_at", "updated_at")
        msme = sa.table(
            "msme",
            *(sa.column(c) for c in columns),
            sa.column("commodities", sa.JSON),
            sa.column("certifications", sa.JSON),
        )
        with db.engine.begin() as conn:
            conn.execute(
                msme.insert().values(
                    external_id="MIG-1",
                    name="Lama",
                    legal_form="individual",
                    regency="6101",
                    commodities=["tengkawan", "barang lain"],
                    certifications=[],
                    created_at=now,
                    updated_at=now,
                )
            )
        upgrade("0014")
        with db.engine.connect() as conn:
            keys = conn.execute(sa.text("SELECT commodity_keys FROM msme")).scalar_one()
        keys = json.loads(keys) if isinstance(keys, str) else keys
        assert keys == ["tengkawang", None]


def test_migration_0015_keeps_the_first_steps_of_stored_introductions(empty_app):
    """The data step of 0015 fills the funnel columns of the introductions already
    stored from their first steps, puts the MSME on each step, ends each history
    row where the MSME's next one starts, and keeps each MSME's first step."""
    import sqlalchemy as sa

    from web.migrate import upgrade

    now = "2026-01-01 00:00:00+00:00"
    rows = [
        "INSERT INTO msme (id, external_id, name, legal_form, regency, commodities,"
        " certifications, supplies, sources, created_at, updated_at) VALUES (7, 'MIG-1', 'Lama',"
        f" 'individual', '6101', '[]', '[]', '[]', '[]', '{now}', '{now}')",
        "INSERT INTO partner (id, external_id, name, type, regions, approved, created_at,"
        f" updated_at) VALUES (1, 'P-MIG', 'Bank', 'bank', '[]', true, '{now}', '{now}')",
        "INSERT INTO offering (id, external_id, partner_id, position, field, title, commodities,"
        " sectors, regions, eligible_scales, eligible_legal_forms, eligible_certifications,"
        " closed, created_at, updated_at) VALUES (1, 'P-MIG-1', 1, 0, 'financing', 'KUR', '[]',"
        f" '[]', '[]', '[]', '[]', '[]', false, '{now}', '{now}')",
        "INSERT INTO introduction (id, msme_id, offering_id, status, created_at, updated_at)"
        f" VALUES (1, 7, 1, 'met', '{now}', '{now}')",
        *(
            "INSERT INTO msme_profile_history (msme_id, effective_date, legal_form,"
            f" annual_turnover_idr, certifications, recorded_at, recorded_by) VALUES (7, '{day}',"
            f" 'individual', {turnover}, '[]', '{now}', 'test')"
            for day, turnover in (("2025-06-01", 200), ("2025-01-01", 100), ("2026-01-01", 300))
        ),
    ]
    steps = [
        ("proposed", "2026-01-02"),
        ("accepted", "2026-01-05"),
        ("accepted", "2026-01-06"),  # a note after acceptance: not a new answer
        ("met", "2026-01-20"),
    ]
    with empty_app.app_context():
        upgrade("0014")
        with db.engine.begin() as conn:
            for row in rows:
                conn.execute(sa.text(row))
            for status, day in steps:
                conn.execute(
                    sa.text(
                        "INSERT INTO introduction_event (introduction_id, status, created_at)"
                        " VALUES (1, :status, :at)"
                    ),
                    {"status": status, "at": f"{day} 08:00:00+00:00"},
                )
        upgrade("0015")
        with empty_app.test_request_context():
            intro = db.session.get(Introduction, 1)
            days = {
                name: getattr(intro, name) and getattr(intro, name).date().isoformat()
                for name in ("proposed_at", "answered_at", "met_at", "agreed_at")
            }
            assert days == {
                "proposed_at": "2026-01-02",
                "answered_at": "2026-01-05",
                "met_at": "2026-01-20",
                "agreed_at": None,
            }
            assert {e.msme_id for e in intro.events} == {7}
            spans = db.session.execute(
                sa.text(
                    "SELECT effective_date, valid_until FROM msme_profile_history"
                    " ORDER BY effective_date"
                )
            ).all()
            progress = db.session.execute(
                sa.text("SELECT msme_id, first_step_at, first_agreed_at FROM msme_progress")
            ).one()
            assert progress[0] == 7 and str(progress[1]).startswith("2026-01-02")
            assert progress[2] is None  # no agreement yet
            assert [tuple(str(d) if d else None for d in row) for row in spans] == [
                ("2025-01-01", "2025-06-01"),
                ("2025-06-01", "2026-01-01"),
                ("2026-01-01", None),
            ]


def test_seed_loads_demo_data_and_is_idempotent(app, runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        counts = {
            m.__name__: db.session.scalar(select(func.count()).select_from(m))
            for m in (Msme, Partner, Offering, User)
        }
        audit = db.session.scalar(select(func.count()).select_from(AuditLog))
        regencies = set(db.session.scalars(select(Msme.regency)))
        sectors = set(db.session.scalars(select(Msme.sector)))
        fields = set(db.session.scalars(select(Offering.field)))
        types = set(db.session.scalars(select(Partner.type)))
        roles = set(db.session.scalars(select(User.role)))
    assert counts["Msme"] >= 150 and counts["Partner"] >= 40 and counts["Offering"] >= 100
    assert len(regencies) == 14 and len(fields) == 7 and len(types) == 16
    assert len(sectors - {None}) == 10
    assert roles == {"admin", "consultant", "partner", "msme"}
    assert "Demo history:" in result.output
    with app.app_context():
        from web.services import monitoring

        for model in (Introduction, Milestone, Rating, GrowthEvent):
            assert db.session.scalar(select(func.count()).select_from(model)) > 20, model
        start, end = monitoring.parse_quarter("2026-Q3")
        with app.test_request_context():
            q3 = monitoring.figures(monitoring.Filters(start=start, end=end))
        # the dashboard shows real figures on a fresh database
        assert all(q3.table(key).total > 0 for key in ("funnel", "outcomes", "class_ups"))
        assert q3.indicator("turnover_growth").value is not None
    again = runner.invoke(args=["seed"])
    assert again.exit_code == 0 and "already there" in again.output
    assert "Demo history:" not in again.output  # loaded once
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditLog)) == audit
    skipped = runner.invoke(args=["seed", "--if-empty"])
    assert "not seeding" in skipped.output


def test_the_demo_waits_now_so_the_first_worker_pass_expires_nothing(app, runner):
    """make run seeds and starts the worker: the demo's waiting introductions are
    recent, so the partners still find them to answer and nobody is reminded."""
    from web.models import Notification
    from web.services.introductions import WAITING_STATUSES

    assert runner.invoke(args=["seed"]).exit_code == 0
    with app.app_context():
        waiting = db.session.scalar(
            select(func.count()).where(Introduction.status.in_(WAITING_STATUSES))
        )
    assert waiting > 10
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        statuses = dict(
            db.session.execute(
                select(Introduction.status, func.count()).group_by(Introduction.status)
            ).all()
        )
        kinds = set(db.session.scalars(select(Notification.kind)))
    assert "expired" not in statuses
    assert sum(statuses.get(s, 0) for s in WAITING_STATUSES) == waiting
    assert not kinds & {
        "introduction_reminder",
        "introduction_reminder_partner",
        "introduction_escalated",
        "introduction_ended",
    }


def test_demo_accounts_log_in_with_documented_passwords(app, runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    accounts = json.loads((ROOT / "seeds" / "accounts.json").read_text(encoding="utf-8"))
    with app.app_context():
        for entry in accounts:
            user = db.session.scalar(select(User).where(User.email == entry["email"]))
            assert check_password_hash(user.password_hash, entry["password"])
            if entry["role"] == "partner":
                assert user.partner.external_id == entry["partner"]
            if entry["role"] == "msme":
                assert user.msme.external_id == entry["msme"]


def test_create_user_for_each_role(app, runner, write_json):
    assert runner.invoke(args=["import", str(write_json(f.document()))]).exit_code == 0
    cases = [
        ["--role", "consultant", "--email", "Konsultan@PLUT.example"],
        ["--role", "admin", "--email", "admin@plut.example"],
        ["--role", "partner", "--email", "mitra@bank.example", "--partner", "P1"],
        ["--role", "msme", "--email", "umkm@mail.example", "--msme", "M1"],
    ]
    for args in cases:
        result = runner.invoke(args=["create-user", *args, "--password", "rahasia-panjang-1"])
        assert result.exit_code == 0, result.output
    with app.app_context():
        users = {u.email: u for u in db.session.scalars(select(User))}
        assert set(users) == {
            "konsultan@plut.example",
            "admin@plut.example",
            "mitra@bank.example",
            "umkm@mail.example",
        }
        assert users["mitra@bank.example"].partner.external_id == "P1"
        assert users["umkm@mail.example"].msme.external_id == "M1"
        assert users["admin@plut.example"].password_hash.startswith("scrypt:")
        assert check_password_hash(users["admin@plut.example"].password_hash, "rahasia-panjang-1")


def test_create_user_prompts_for_the_password(app, runner):
    result = runner.invoke(
        args=["create-user", "--role", "consultant", "--email", "a@b.example"],
        input="kata-sandi-baru\nkata-sandi-baru\n",
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert check_password_hash(user.password_hash, "kata-sandi-baru")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "partner", "--email", "p@x.example"], "needs --partner"),
        (["--role", "partner", "--email", "p@x.example", "--partner", "NOPE"], "no partner"),
        (["--role", "msme", "--email", "m@x.example", "--msme", "NOPE"], "no MSME"),
        (["--role", "consultant", "--email", "c@x.example", "--msme", "M1"], "only for role msme"),
        (["--role", "consultant", "--email", "not-an-email"], "not an e-mail address"),
        (["--role", "king", "--email", "k@x.example"], "Invalid value for '--role'"),
    ],
)
def test_create_user_errors(runner, args, message):
    result = runner.invoke(args=["create-user", *args, "--password", "rahasia-panjang-1"])
    assert result.exit_code != 0 and message in result.output


def test_create_user_rejects_short_password_and_duplicates(app, runner):
    short = runner.invoke(
        args=["create-user", "--role", "admin", "--email", "a@x.example", "--password", "pendek"]
    )
    assert short.exit_code != 0 and "at least 10 characters" in short.output
    args = [
        "create-user",
        "--role",
        "admin",
        "--email",
        "a@x.example",
        "--password",
        "cukup-panjang-1",
    ]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0 and "already exists" in again.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "inst"))
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    key_file = tmp_path / "inst" / "secret_key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) == 64


def test_configuration_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JEJARING_INSTANCE_PATH", str(tmp_path / "inst"))
    monkeypatch.setenv("SECRET_KEY", "from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@db.example/jejaring")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example/jejaring"
    assert not (tmp_path / "inst" / "secret_key").exists()
    monkeypatch.delenv("DATABASE_URL")
    assert (
        create_app().config["SQLALCHEMY_DATABASE_URI"]
        == f"sqlite:///{tmp_path / 'inst' / 'jejaring.db'}"
    )


def test_normalise_database_url():
    assert normalise_database_url("postgres://a/b") == "postgresql+psycopg://a/b"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_issue_token_prints_a_token_that_the_api_accepts(app, runner, client):
    args = ["create-user", "--role", "consultant", "--email", "k@x.example"]
    assert runner.invoke(args=[*args, "--password", "cukup-panjang-1"]).exit_code == 0
    result = runner.invoke(args=["issue-token", "--email", "K@x.example", "--name", "skrip"])
    assert result.exit_code == 0, result.output
    raw = result.output.strip()
    answer = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 200 and answer.get_json()["email"] == "k@x.example"
    unknown = runner.invoke(args=["issue-token", "--email", "nobody@x.example"])
    assert unknown.exit_code != 0 and "no active account for nobody@x.example" in unknown.output
