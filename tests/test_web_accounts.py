"""Logging in and out, one-time password links, and partner self-registration."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select
from werkzeug.security import check_password_hash

from tests.world import PASSWORD, login
from web.extensions import db
from web.models import OneTimeToken, Partner, User


def issued_link(html: str) -> str:
    match = re.search(r'class="link-box" readonly value="([^"]+)"', html)
    assert match, "no one-time link on the page"
    return match.group(1)


def test_each_role_lands_on_its_own_home(app, world):
    homes = {
        "consultant": "/consultant/",
        "admin": "/consultant/",
        "partner_a": "/partner/",
        "msme_a": "/msme/",
    }
    for name, home in homes.items():
        response = login(app.test_client(), world[name])
        assert response.headers["Location"] == home


def test_wrong_password_and_disabled_account_are_refused(app, world, client):
    response = login(client, world["consultant"], "salah-sekali-123")
    assert response.status_code == 200 and "E-mail atau kata sandi salah" in response.text
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == world["msme_a"]))
        user.active = False
        db.session.commit()
    assert login(client, world["msme_a"]).status_code == 200
    assert client.get("/msme/").status_code == 302  # still anonymous: sent to log in


def test_logout_is_a_post_and_ends_the_session(login_as):
    client = login_as("consultant")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/consultant/").headers["Location"].startswith("/login")


def test_login_ignores_an_outside_next(app, world, client):
    response = client.post(
        "/login?next=https://evil.example/",
        data={"email": world["consultant"], "password": PASSWORD},
    )
    assert response.headers["Location"] == "/consultant/"


def test_pages_of_other_roles_are_forbidden(login_as):
    assert login_as("partner_a").get("/consultant/").status_code == 403
    assert login_as("msme_a").get("/partner/").status_code == 403
    assert login_as("consultant").get("/msme/").status_code == 403


def test_staff_issue_a_one_time_reset_link(app, world, login_as):
    consultant = login_as("consultant")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == world["msme_a"]))
    link = issued_link(consultant.post(f"/consultant/users/{user_id}/reset-link").text)
    path = link.replace("http://localhost", "")
    assert path.startswith("/password/")
    anonymous = app.test_client()
    short = anonymous.post(path, data={"password": "pendek", "confirm": "pendek"})
    assert "Panjang harus 10 sampai 128 karakter." in short.text
    done = anonymous.post(
        path, data={"password": "kalimat-baru-saya", "confirm": "kalimat-baru-saya"}
    )
    assert done.headers["Location"] == "/login"
    assert anonymous.get(path).status_code == 404  # used once
    assert login(anonymous, world["msme_a"], "kalimat-baru-saya").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(OneTimeToken.token_hash)) not in link


def test_an_expired_link_does_not_work(app, world, login_as):
    consultant = login_as("consultant")
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == world["partner_a"]))
    path = issued_link(consultant.post(f"/consultant/users/{user_id}/reset-link").text).replace(
        "http://localhost", ""
    )
    with app.app_context():
        token = db.session.scalar(select(OneTimeToken))
        token.expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
        db.session.commit()
    assert app.test_client().get(path).status_code == 404


def test_consultant_invites_an_msme_owner(app, login_as, world):
    consultant = login_as("consultant")
    with app.app_context():  # M-A already has an owner; make the MSME anew without one
        db.session.delete(db.session.scalar(select(User).where(User.email == world["msme_a"])))
        db.session.commit()
    page = consultant.post(
        "/consultant/msmes/M-A/invite", data={"email": "pemilik.baru@amplang.example"}
    ).text
    path = issued_link(page).replace("http://localhost", "")
    owner = app.test_client()
    owner.post(path, data={"password": "sandi-pemilik-baru", "confirm": "sandi-pemilik-baru"})
    assert (
        login(owner, "pemilik.baru@amplang.example", "sandi-pemilik-baru").headers["Location"]
        == "/msme/"
    )
    assert "UD Amplang Tenggiri Jaya" in owner.get("/msme/").text


def test_partner_registers_and_is_matched_only_after_approval(app, client, login_as, runner):
    form = {
        "organisation": "Lembaga Pelatihan Khatulistiwa",
        "type": "training",
        "regions": ["61"],
        "description": "Pelatihan pemasaran digital.",
        "person": "Pak Yusuf",
        "phone": "0812 7000 3333",
        "email": "yusuf@lpk.example",
        "password": "sandi-lembaga-baru",
        "confirm": "sandi-lembaga-baru",
    }
    bad_email = client.post("/register", data=dict(form, email="x"))
    assert "Alamat e-mail tidak valid." in bad_email.text
    bad_phone = client.post("/register", data=dict(form, phone="bukan nomor"))
    assert "Nomor telepon tidak dikenali" in bad_phone.text
    with app.app_context():
        assert db.session.scalar(select(Partner).where(Partner.name.like("Lembaga%"))) is None
    response = client.post("/register", data=form)
    assert response.headers["Location"] == "/login"  # then the partner logs in
    assert (
        login(client, "yusuf@lpk.example", "sandi-lembaga-baru").headers["Location"] == "/partner/"
    )
    assert "sedang diperiksa konsultan PLUT" in client.get("/partner/").text
    client.post(
        "/partner/offerings/new",
        data={
            "field": "marketing",
            "title": "Kelas foto produk untuk marketplace",
            "description": "Pelatihan foto produk dan pemasaran online untuk UMKM pangan.",
        },
    )
    with app.app_context():
        partner = db.session.scalar(select(Partner).where(Partner.name.like("Lembaga Pel%")))
        assert partner.approved is False and partner.contact_phone == "+6281270003333"
        external_id = partner.external_id
        offering_id = partner.offerings[0].external_id
    consultant = login_as("consultant")
    assert "Lembaga Pelatihan Khatulistiwa" in consultant.get("/consultant/").text
    assert offering_id not in consultant.get("/consultant/msmes/M-B").text
    result = runner.invoke(args=["approve-partner", external_id])
    assert result.exit_code == 0 and "approved" in result.output
    assert "Kelas foto produk" in consultant.get("/consultant/msmes/M-B").text
    assert "already approved" in runner.invoke(args=["approve-partner", external_id]).output
    assert runner.invoke(args=["approve-partner", "NOPE"]).exit_code != 0


def test_consultant_approves_in_the_pages(app, client, login_as):
    client.post(
        "/register",
        data={
            "organisation": "Koperasi Uji",
            "type": "microfinance",
            "regions": ["6101"],
            "person": "Bu Ani",
            "phone": "081270004444",
            "email": "ani@ksp.example",
            "password": "sandi-koperasi-uji",
            "confirm": "sandi-koperasi-uji",
        },
    )
    with app.app_context():
        external_id = db.session.scalar(
            select(Partner.external_id).where(Partner.approved.is_(False))
        )
        user = db.session.scalar(select(User).where(User.email == "ani@ksp.example"))
        assert check_password_hash(user.password_hash, "sandi-koperasi-uji")
    consultant = login_as("consultant")
    consultant.post(f"/consultant/partners/{external_id}/approve")
    with app.app_context():
        assert (
            db.session.scalar(select(Partner.approved).where(Partner.external_id == external_id))
            is True
        )


def test_every_demo_account_in_the_readme_logs_in_and_reaches_its_home(app, runner):
    import json

    from tests.conftest import ROOT

    assert runner.invoke(args=["seed"]).exit_code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    homes = {
        "admin": "/consultant/",
        "consultant": "/consultant/",
        "partner": "/partner/",
        "msme": "/msme/",
    }
    for account in json.loads((ROOT / "seeds" / "accounts.json").read_text(encoding="utf-8")):
        assert f"`{account['email']}` | `{account['password']}`" in readme
        client = app.test_client()
        response = login(client, account["email"], account["password"])
        assert response.headers["Location"] == homes[account["role"]], account["email"]
        assert client.get(homes[account["role"]]).status_code == 200


def test_common_passwords_are_refused_without_composition_rules(app, client, runner):
    form = {
        "organisation": "Lembaga Uji Sandi",
        "type": "ngo",
        "regions": ["61"],
        "person": "Bu Uji",
        "phone": "081270005555",
        "email": "uji@sandi.example",
    }
    for common in ("bismillah123", "Password123", "1234567890", "aaaaaaaaaaaa"):
        page = client.post("/register", data=dict(form, password=common, confirm=common)).text
        assert "terlalu umum" in page, common
    # A long sentence without digits or symbols is fine.
    done = client.post(
        "/register",
        data=dict(form, password="kopi liberika pagi hari", confirm="kopi liberika pagi hari"),
    )
    assert done.status_code == 302
    result = runner.invoke(
        args=[
            "create-user",
            "--role",
            "admin",
            "--email",
            "x@y.example",
            "--password",
            "indonesia123",
        ]
    )
    assert result.exit_code != 0 and "too common" in result.output
    result = runner.invoke(
        args=[
            "create-user",
            "--role",
            "admin",
            "--email",
            "panjangsekali@y.example",
            "--password",
            "panjangsekali",
        ]
    )
    assert result.exit_code != 0 and "must not be the e-mail address" in result.output
