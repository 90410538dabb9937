"""Sessions end everywhere at logout and when an account is disabled; staff can
turn on two-factor login and an admin can require it."""

from __future__ import annotations

import re
import time

import pyotp
from sqlalchemy import select

from tests.world import PASSWORD, login
from web.extensions import db
from web.models import AuditLog, RecoveryCode, User


def test_logout_ends_every_session_of_the_user(app, world):
    phone, laptop = app.test_client(), app.test_client()
    login(phone, world["consultant"])
    login(laptop, world["consultant"])
    assert laptop.get("/consultant/").status_code == 200
    phone.post("/logout")
    assert laptop.get("/consultant/").headers["Location"].startswith("/login")


def test_disabling_an_account_ends_its_sessions(app, world, login_as):
    owner = login_as("msme_a")
    assert owner.get("/msme/").status_code == 200
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == world["msme_a"]))
    admin = login_as("admin")
    assert "owner@amplang.example" in admin.get("/admin/users").text
    admin.post(f"/admin/users/{user_id}/active")
    assert owner.get("/msme/").headers["Location"].startswith("/login")
    assert login(app.test_client(), world["msme_a"]).status_code == 200  # refused
    assert login_as("consultant").post(f"/admin/users/{user_id}/active").status_code == 403
    admin.post(f"/admin/users/{user_id}/active")  # enabled again
    assert login(app.test_client(), world["msme_a"]).status_code == 302


def enable_2fa(client) -> str:
    assert client.get("/account/2fa").status_code == 200
    with client.session_transaction() as session:
        secret = session["2fa_setup"]
    wrong = client.post("/account/2fa/enable", data={"code": "000000"}, follow_redirects=True)
    assert "Kode salah" in wrong.text
    client.post("/account/2fa/enable", data={"code": pyotp.TOTP(secret).now()})
    return secret


def next_code(secret: str) -> str:
    """The authenticator's next code (accepted: one step of clock drift is allowed)."""
    return pyotp.TOTP(secret).at(time.time() + 30)


def test_staff_turn_on_two_factor_login(app, world, login_as):
    client = login_as("consultant")
    page = client.get("/account/2fa").text
    assert 'src="data:image/svg+xml;base64,' in page
    secret = enable_2fa(client)
    assert "Aktif: setiap kali masuk" in client.get("/account/2fa").text
    client.post("/logout")
    fresh = app.test_client()
    step = login(fresh, world["consultant"])
    assert step.headers["Location"] == "/login/kode"
    assert fresh.get("/consultant/").headers["Location"].startswith("/login")  # not yet in
    assert "Kode salah" in fresh.post("/login/kode", data={"code": "123456"}).text
    # A code is accepted once: the one that turned two-step login on is spent.
    done = fresh.post("/login/kode", data={"code": next_code(secret)})
    assert done.headers["Location"] == "/consultant/"
    assert fresh.get("/consultant/").status_code == 200
    with app.app_context():
        assert (
            db.session.scalar(select(User.totp_secret).where(User.email == world["consultant"]))
            == secret
        )


def test_admin_can_require_two_factor_login_for_staff(app, login_as):
    admin = login_as("admin")
    admin.post("/admin/settings/2fa", data={"required": "1"})
    # The admin too must set it up before anything else.
    assert admin.get("/admin/users").headers["Location"] == "/account/2fa"
    consultant = login_as("consultant")
    assert consultant.get("/consultant/").headers["Location"] == "/account/2fa"
    enable_2fa(consultant)
    assert consultant.get("/consultant/").status_code == 200
    refused = consultant.post(
        "/account/2fa/disable", data={"code": "000000"}, follow_redirects=True
    )
    assert "tidak dapat dimatikan" in refused.text
    # Partners and MSMEs are not staff: not affected, and have no 2FA page.
    partner = login_as("partner_a")
    assert partner.get("/partner/").status_code == 200
    assert partner.get("/account/2fa").status_code == 403


def test_wrong_password_never_reaches_the_code_step(app, world, login_as):
    enable_2fa(login_as("consultant"))
    client = app.test_client()
    assert login(client, world["consultant"], "salah-sekali-123").status_code == 200
    assert client.get("/login/kode").headers["Location"] == "/login"
    assert login(client, world["consultant"], PASSWORD).headers["Location"] == "/login/kode"


def _codes_from(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", page)


def _enable_with_codes(client) -> tuple[str, list[str]]:
    client.get("/account/2fa")
    with client.session_transaction() as session:
        secret = session["2fa_setup"]
    shown = client.post("/account/2fa/enable", data={"code": pyotp.TOTP(secret).now()})
    assert shown.status_code == 200
    assert shown.headers["Cache-Control"] == "no-store"
    assert "hanya ditampilkan sekarang" in shown.text
    return secret, _codes_from(shown.text)


def test_recovery_codes_are_shown_once_stored_hashed_and_each_works_once(app, world, login_as):
    consultant = login_as("consultant")
    secret, codes = _enable_with_codes(consultant)
    assert len(codes) == 10 and len(set(codes)) == 10
    # Shown once: the settings page tells how many are left, never the codes.
    settings = consultant.get("/account/2fa").text
    assert "belum dipakai: 10" in settings
    assert not any(code in settings for code in codes)
    with app.app_context():
        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(stored) == 10
        assert not any(code.replace("-", "") in h or code in h for h in stored for code in codes)
    consultant.post("/logout")

    lost_phone = app.test_client()
    assert login(lost_phone, world["consultant"]).headers["Location"] == "/login/kode"
    # typed as people type: upper case, a space instead of the dash
    typed = codes[3].upper().replace("-", " ")
    done = lost_phone.post("/login/kode", data={"code": typed})
    assert done.headers["Location"] == "/consultant/"
    assert lost_phone.get("/consultant/").status_code == 200
    lost_phone.post("/logout")

    again = app.test_client()
    login(again, world["consultant"])
    refused = again.post("/login/kode", data={"code": codes[3]})
    assert refused.status_code == 200 and "Kode salah, sudah dipakai" in refused.text
    assert again.get("/consultant/").headers["Location"].startswith("/login")
    assert again.post("/login/kode", data={"code": codes[4]}).headers["Location"] == "/consultant/"
    assert "belum dipakai: 8" in again.get("/account/2fa").text
    with app.app_context():
        entries = db.session.scalars(
            select(AuditLog).where(AuditLog.entity_id == world["consultant"])
        ).all()
        used = [e.after for e in entries if (e.after or {}).get("recovery_code") == "used"]
        assert [u["recovery_codes_left"] for u in used] == [9, 8]


def test_new_recovery_codes_replace_the_old_ones(app, world, login_as):
    consultant = login_as("consultant")
    secret, old = _enable_with_codes(consultant)
    wrong = consultant.post(
        "/account/2fa/recovery-codes", data={"code": "000000"}, follow_redirects=True
    )
    assert "Kode salah" in wrong.text and not _codes_from(wrong.text)
    fresh = consultant.post("/account/2fa/recovery-codes", data={"code": next_code(secret)})
    new = _codes_from(fresh.text)
    assert len(new) == 10 and not set(new) & set(old)
    consultant.post("/logout")
    client = app.test_client()
    login(client, world["consultant"])
    assert client.post("/login/kode", data={"code": old[0]}).status_code == 200  # refused
    assert client.post("/login/kode", data={"code": new[0]}).headers["Location"] == "/consultant/"


def test_a_recovery_code_of_another_user_does_not_work(app, world, login_as):
    _, consultant_codes = _enable_with_codes(login_as("consultant"))
    _enable_with_codes(login_as("admin"))
    client = app.test_client()
    login(client, world["admin"])
    assert client.post("/login/kode", data={"code": consultant_codes[0]}).status_code == 200
    assert client.get("/admin/users").headers["Location"].startswith("/login")
