"""Per-account login throttling shared by every worker, and two-step codes that
cannot be guessed from many addresses or used twice."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from sqlalchemy import func, select

from tests.test_account_lifecycle import reset_link, set_password, user_id
from tests.test_sessions_2fa import enable_2fa, next_code
from tests.world import PASSWORD
from web import create_app
from web.extensions import db
from web.models import AuthAttempt
from web.services import throttle

WRONG = "salah-sekali-123"


@pytest.fixture
def worker(app, world):
    """Another app on the same database, with both rate limits on: one gunicorn worker."""

    def make():
        return create_app(dict(app.config, RATELIMIT_ENABLED=True, LOGIN_THROTTLE_ENABLED=True))

    return make


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand instead of sleeping."""
    state = {"now": dt.datetime(2026, 11, 29, 8, 0, tzinfo=dt.UTC)}
    monkeypatch.setattr(throttle, "now", lambda: state["now"])

    def advance(seconds: float) -> None:
        state["now"] += dt.timedelta(seconds=seconds)

    return advance


def attempt(app, email: str, password: str, address: str):
    return app.test_client().post(
        "/login", data={"email": email, "password": password}, environ_base={"REMOTE_ADDR": address}
    )


def test_wrong_passwords_from_many_addresses_count_against_the_account(worker, world, clock):
    app = worker()
    for n in range(throttle.FREE_FAILURES + 1):  # 5 free, the 6th one asks for 1 s
        assert attempt(app, world["consultant"], WRONG, f"10.0.0.{n}").status_code == 200
    blocked = attempt(app, world["consultant"], PASSWORD, "10.0.1.1")
    # Retry-After: at least the account's wait (the address limit may add to it).
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) >= 1
    assert "Tunggu 1 detik" in blocked.text and 'name="password"' in blocked.text
    # An address that never failed counts for nothing: the account is what is throttled.
    assert attempt(app, world["consultant"], PASSWORD, "10.0.2.2").status_code == 429
    # An e-mail without an account is throttled the same way: nothing to learn from it.
    for n in range(throttle.FREE_FAILURES + 1):
        attempt(app, "tidak.ada@plut.example", WRONG, f"10.1.0.{n}")
    unknown = attempt(app, "tidak.ada@plut.example", WRONG, "10.1.1.1")
    assert unknown.status_code == 429 and "Tunggu 1 detik" in unknown.text


def test_two_workers_count_together(worker, world, clock):
    first, second = worker(), worker()  # separate apps, separate engines, one database
    for n in range(3):
        assert attempt(first, world["partner_a"], WRONG, f"10.0.0.{n}").status_code == 200
        assert attempt(second, world["partner_a"], WRONG, f"10.0.1.{n}").status_code == 200
    assert attempt(first, world["partner_a"], PASSWORD, "10.0.2.1").status_code == 429
    assert attempt(second, world["partner_a"], PASSWORD, "10.0.2.2").status_code == 429


def test_the_owner_gets_in_after_the_back_off(worker, world, clock):
    app = worker()
    for n in range(throttle.FREE_FAILURES + 3):  # waits of 1, 2, then 4 s
        assert attempt(app, world["msme_a"], WRONG, f"10.0.0.{n}").status_code == 200
        clock(4)
    clock(-4 + 3)
    blocked = attempt(app, world["msme_a"], PASSWORD, "10.0.0.1")
    assert blocked.status_code == 429 and "Tunggu 1 detik" in blocked.text
    clock(1)
    assert attempt(app, world["msme_a"], PASSWORD, "10.0.0.1").headers["Location"] == "/msme/"
    # A complete login forgets the failures: one slip afterwards costs no wait.
    assert attempt(app, world["msme_a"], WRONG, "10.0.0.1").status_code == 200
    assert attempt(app, world["msme_a"], PASSWORD, "10.0.0.1").status_code == 302


def test_the_back_off_doubles_and_stops_at_fifteen_minutes(worker, world, clock):
    app = worker()
    for n in range(throttle.FREE_FAILURES + 30):
        clock(15 * 60)  # always past the wait, so every attempt counts
        assert attempt(app, world["msme_b"], WRONG, f"10.0.0.{n}").status_code == 200
    blocked = attempt(app, world["msme_b"], PASSWORD, "10.9.9.9")
    assert blocked.status_code == 429 and "Tunggu 15 menit" in blocked.text
    clock(15 * 60)
    assert attempt(app, world["msme_b"], PASSWORD, "10.9.9.9").status_code == 302


def _password_step(app, email: str, address: str):
    client = app.test_client()
    response = client.post(
        "/login", data={"email": email, "password": PASSWORD}, environ_base={"REMOTE_ADDR": address}
    )
    assert response.headers["Location"] == "/login/kode"
    return client


def test_five_wrong_codes_end_the_pending_login_even_from_new_addresses(app, world, login_as):
    secret = enable_2fa(login_as("consultant"))
    limited = create_app(dict(app.config, RATELIMIT_ENABLED=True))
    first = _password_step(limited, world["consultant"], "10.0.0.1")
    cookie = first.get_cookie("session").value
    for _ in range(3):
        wrong = first.post(
            "/login/kode", data={"code": "000000"}, environ_base={"REMOTE_ADDR": "10.0.0.1"}
        )
        assert "Kode salah" in wrong.text
    # The same pending login replayed from another address gets no fresh attempts.
    second = limited.test_client()
    second.set_cookie("session", cookie)
    for _ in range(2):
        second.post(
            "/login/kode", data={"code": "000000"}, environ_base={"REMOTE_ADDR": "10.0.0.2"}
        )
    for client in (second, first):
        late = client.post(
            "/login/kode",
            data={"code": next_code(secret)},
            environ_base={"REMOTE_ADDR": "10.0.0.3"},
        )
        assert late.headers["Location"] == "/login"
        assert client.get("/consultant/").headers["Location"].startswith("/login")
    # Starting again with the password works.
    again = _password_step(limited, world["consultant"], "10.0.0.4")
    assert (
        again.post("/login/kode", data={"code": next_code(secret)}).headers["Location"]
        == "/consultant/"
    )


def test_a_code_is_accepted_once(app, world, login_as):
    secret = enable_2fa(login_as("consultant"))
    code = next_code(secret)
    first = _password_step(app, world["consultant"], "10.0.0.1")
    second = _password_step(app, world["consultant"], "10.0.0.2")
    assert first.post("/login/kode", data={"code": code}).headers["Location"] == "/consultant/"
    replay = second.post("/login/kode", data={"code": code})
    assert replay.status_code == 200 and "Kode salah, sudah dipakai" in replay.text
    assert second.get("/consultant/").headers["Location"].startswith("/login")


def test_the_code_that_turned_two_step_login_on_cannot_turn_it_off(app, login_as):
    client = login_as("consultant")
    client.get("/account/2fa")
    with client.session_transaction() as session:
        secret = session["2fa_setup"]
    code = pyotp.TOTP(secret).now()
    client.post("/account/2fa/enable", data={"code": code})
    refused = client.post("/account/2fa/disable", data={"code": code}, follow_redirects=True)
    assert "Kode salah" in refused.text
    assert "Aktif: setiap kali masuk" in client.get("/account/2fa").text
    client.post("/account/2fa/disable", data={"code": next_code(secret)})
    assert "Aktif: setiap kali masuk" not in client.get("/account/2fa").text


def test_a_new_password_ends_a_pending_two_step_login(app, world, login_as):
    secret = enable_2fa(login_as("consultant"))
    pending = _password_step(app, world["consultant"], "10.0.0.1")
    path = reset_link(login_as("admin"), user_id(app, world["consultant"]))
    set_password(app.test_client(), path)
    late = pending.post("/login/kode", data={"code": next_code(secret)})
    assert late.headers["Location"] == "/login"
    assert pending.get("/consultant/").headers["Location"].startswith("/login")


def test_a_day_without_failures_forgets_them(worker, app, world, clock):
    limited = worker()
    for n in range(throttle.FREE_FAILURES + 3):
        clock(10)
        attempt(limited, world["partner_b"], WRONG, f"10.0.0.{n}")
    clock(24 * 60 * 60 + 1)
    # Counting starts afresh: five failures in a row cost no wait again.
    for n in range(throttle.FREE_FAILURES):
        assert attempt(limited, world["partner_b"], WRONG, f"10.0.1.{n}").status_code == 200
    clock(24 * 60 * 60 + 1)
    attempt(limited, "ander@plut.example", WRONG, "10.0.2.1")  # a failure elsewhere tidies up
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuthAttempt)) == 1
