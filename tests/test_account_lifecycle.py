"""Account lifecycle: one-time links never re-enable an account and end what the
old password let in; only admins issue links for staff; registration does not
tell whether an e-mail has an account."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from tests.test_web_accounts import issued_link
from tests.world import PASSWORD, login
from web.extensions import db
from web.models import ApiToken, Partner, User
from web.services.api_tokens import issue as issue_api_token

NEW_PASSWORD = "kalimat-baru-saya-2026"


def user_id(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def api_token_for(app, email: str) -> str:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        _token, raw = issue_api_token(user, "integrasi")
        db.session.commit()
        return raw


def api_status(app, raw: str) -> int:
    return (
        app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code
    )


def reset_link(staff_client, uid: int) -> str:
    response = staff_client.post(f"/consultant/users/{uid}/reset-link")
    assert response.status_code == 200, response.status_code
    return issued_link(response.text).replace("http://localhost", "")


def set_password(client, path: str, **extra):
    return client.post(
        path, data=dict({"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, **extra)
    )


def test_a_disabled_account_stays_disabled_whatever_link_was_issued(app, world, login_as):
    consultant, admin = login_as("consultant"), login_as("admin")
    uid = user_id(app, world["msme_a"])
    token = api_token_for(app, world["msme_a"])
    first, second = reset_link(consultant, uid), reset_link(consultant, uid)
    assert api_status(app, token) == 200
    admin.post(f"/admin/users/{uid}/active")  # disabled

    anonymous = app.test_client()
    for path in (first, second):
        page = anonymous.get(path)
        assert page.status_code == 404 and "tidak berlaku lagi" in page.text
        assert set_password(anonymous, path).status_code == 404
    with app.app_context():
        assert db.session.get(User, uid).active is False
    assert api_status(app, token) == 401
    assert login(anonymous, world["msme_a"], NEW_PASSWORD).status_code == 200  # refused
    # No new link for a disabled account, and enabling it again does not revive the old ones.
    refused = consultant.post(f"/consultant/users/{uid}/reset-link")
    assert refused.status_code == 409 and "dinonaktifkan" in refused.text
    admin.post(f"/admin/users/{uid}/active")  # enabled again by the admin
    assert anonymous.get(second).status_code == 404
    assert login(anonymous, world["msme_a"], PASSWORD).status_code == 302


def test_using_a_link_leaves_active_alone_and_voids_the_other_links(app, world, login_as):
    consultant = login_as("consultant")
    uid = user_id(app, world["partner_a"])
    first, second = reset_link(consultant, uid), reset_link(consultant, uid)
    anonymous = app.test_client()
    assert set_password(anonymous, first).headers["Location"] == "/login"
    assert anonymous.get(second).status_code == 404
    assert (
        set_password(
            anonymous, second, password="lain-lagi-sandinya", confirm="lain-lagi-sandinya"
        ).status_code
        == 404
    )
    assert login(anonymous, world["partner_a"], NEW_PASSWORD).status_code == 302


def test_setting_a_password_ends_sessions_and_revokes_api_tokens(app, world, login_as):
    owner = login_as("msme_a")
    assert owner.get("/msme/").status_code == 200
    token = api_token_for(app, world["msme_a"])
    path = reset_link(login_as("consultant"), user_id(app, world["msme_a"]))
    form = app.test_client().get(path).text
    assert "Biarkan token API saya tetap berlaku" in form  # the choice is offered, unticked
    assert 'name="keep_api_tokens" type="checkbox" value="y">' in form
    set_password(app.test_client(), path)
    assert owner.get("/msme/").headers["Location"].startswith("/login")
    assert api_status(app, token) == 401
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(ApiToken).where(ApiToken.revoked_at.is_(None))
            )
            == 0
        )


def test_api_tokens_are_kept_only_when_the_user_chooses(app, world, login_as):
    owner = login_as("partner_b")
    token = api_token_for(app, world["partner_b"])
    path = reset_link(login_as("consultant"), user_id(app, world["partner_b"]))
    set_password(app.test_client(), path, keep_api_tokens="y")
    assert api_status(app, token) == 200
    assert owner.get("/partner/").headers["Location"].startswith("/login")  # browser: ended


def test_only_admins_issue_links_for_staff_accounts(app, world, login_as):
    with app.app_context():
        other = User(email="konsultan2@plut.example", role="consultant", password_hash="x")
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    consultant, admin = login_as("consultant"), login_as("admin")
    assert consultant.post(f"/consultant/users/{other_id}/reset-link").status_code == 403
    assert (
        consultant.post(f"/consultant/users/{user_id(app, world['admin'])}/reset-link").status_code
        == 403
    )
    assert (
        consultant.post(
            f"/consultant/users/{user_id(app, world['partner_a'])}/reset-link"
        ).status_code
        == 200
    )
    assert f"/consultant/users/{other_id}/reset-link" in admin.get("/admin/users").text
    assert reset_link(admin, other_id).startswith("/password/")


REGISTRATION = {
    "organisation": "Lembaga Pelatihan Khatulistiwa",
    "type": "training",
    "regions": ["61"],
    "person": "Pak Yusuf",
    "phone": "0812 7000 3333",
    "password": "sandi-lembaga-baru",
    "confirm": "sandi-lembaga-baru",
}


def _answer(app, email: str) -> tuple[int, str, str]:
    client = app.test_client()
    response = client.post("/register", data=dict(REGISTRATION, email=email))
    page = client.get(response.headers.get("Location", "/register")).text
    page = re.sub(r'name="csrf_token"[^>]*>', "", page)
    return response.status_code, response.headers.get("Location", ""), page


def test_registration_does_not_tell_whether_an_email_has_an_account(app, world):
    known = _answer(app, world["partner_a"].upper())
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Partner)) == 2  # none new
        assert db.session.scalar(select(func.count()).select_from(User)) == 6
        user = db.session.scalar(select(User).where(User.email == world["partner_a"]))
        assert check_password_hash(user.password_hash, PASSWORD)  # untouched
    fresh = _answer(app, "baru@lpk.example")
    assert known == fresh
    assert known[0] == 302 and "Pendaftaran diterima" in known[2]
    assert "sudah terdaftar sebelumnya" in known[2]  # what a returning user should do
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Partner)) == 3
    assert (
        login(app.test_client(), "baru@lpk.example", "sandi-lembaga-baru").headers["Location"]
        == "/partner/"
    )


def test_login_answers_alike_for_unknown_wrong_and_disabled(app, world):
    with app.app_context():
        db.session.scalar(select(User).where(User.email == world["msme_b"])).active = False
        db.session.commit()

    def answer(email: str, password: str) -> tuple[int, str]:
        response = login(app.test_client(), email, password)
        page = re.sub(r'name="csrf_token"[^>]*>', "", response.text)
        return response.status_code, page.replace(email, "EMAIL")

    unknown = answer("tidak.ada@plut.example", PASSWORD)
    assert unknown[0] == 200 and "E-mail atau kata sandi salah" in unknown[1]
    assert answer(world["msme_a"], "salah-sekali-123") == unknown
    assert answer(world["msme_b"], PASSWORD) == unknown  # disabled
