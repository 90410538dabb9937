"""Everything staff do from the command line they can do from pages (issue 15):
admins create staff accounts, consultants invite partner users (and MSME
owners: test_web_accounts), refuse a partner with a reason the partner reads,
and issue reset links from the partner's page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.test_web_accounts import issued_link
from tests.world import login
from web.extensions import db
from web.models import AuditLog, Partner, User
from web.services import accounts

NEW_PASSWORD = "kalimat-sandi-baru-saya"


def _set_password(app, page: str) -> None:
    path = issued_link(page).replace("http://localhost", "")
    done = app.test_client().post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert done.headers["Location"] == "/login"


def _register_partner(client) -> str:
    client.post(
        "/register",
        data={
            "organisation": "Koperasi Uji Tolak",
            "type": "microfinance",
            "regions": ["6101"],
            "person": "Bu Ani",
            "phone": "081270004444",
            "email": "ani@ksp.example",
            "password": "sandi-koperasi-uji",
            "confirm": "sandi-koperasi-uji",
        },
    )
    return "ani@ksp.example"


def test_admin_creates_a_consultant_account_from_a_page(app, world, login_as):
    admin = login_as("admin")
    assert 'href="/admin/users/new"' in admin.get("/admin/users").text
    form = admin.get("/admin/users/new").text
    assert "Konsultan" in form or "konsultan" in form
    page = admin.post(
        "/admin/users/new",
        data={
            "email": "Konsultan.Baru@PLUT.example",
            "name": "Bu Sari",
            "role": "consultant",
            "fields": ["financing", "marketing"],
        },
    )
    assert page.status_code == 200
    assert "dibuat dengan peran konsultan" in page.text
    _set_password(app, page.text)
    staff = app.test_client()
    assert login(staff, "konsultan.baru@plut.example", NEW_PASSWORD).headers["Location"] == (
        "/consultant/"
    )
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "konsultan.baru@plut.example"))
        assert (user.role, user.name, user.fields) == (
            "consultant",
            "Bu Sari",
            ["financing", "marketing"],
        )
        created = db.session.scalar(
            select(AuditLog).where(AuditLog.entity_type == "user", AuditLog.entity_id == user.email)
        )
        assert created.after == {"email": user.email, "role": "consultant"}
        assert created.actor_label == world["admin"]


def test_a_taken_or_bad_address_is_said_and_nothing_is_created(app, world, login_as):
    admin = login_as("admin")
    taken = admin.post(
        "/admin/users/new", data={"email": world["consultant"].upper(), "role": "admin"}
    )
    assert "Sudah ada akun untuk" in taken.text and 'class="link-box"' not in taken.text
    bad = admin.post("/admin/users/new", data={"email": "bukan-alamat", "role": "admin"})
    assert "Alamat e-mail tidak valid." in bad.text
    unknown_role = admin.post("/admin/users/new", data={"email": "a@b.example", "role": "msme"})
    assert 'class="link-box"' not in unknown_role.text
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "a@b.example")) is None


def test_who_may_create_which_account(app, world):
    with app.app_context():
        consultant = accounts.find_user(world["consultant"])
        admin = accounts.find_user(world["admin"])
        partner = accounts.find_user(world["partner_a"])
        assert [
            r for r in ("consultant", "admin", "partner", "msme") if accounts.may_create(admin, r)
        ] == [
            "consultant",
            "admin",
            "partner",
            "msme",
        ]
        assert not accounts.may_create(consultant, "consultant")
        assert not accounts.may_create(consultant, "admin")
        assert accounts.may_create(consultant, "partner") and accounts.may_create(
            consultant, "msme"
        )
        assert not any(accounts.may_create(partner, r) for r in ("partner", "msme"))
        with pytest.raises(accounts.AccountError):
            accounts.invite(consultant, role="admin", email="x@y.example")
        assert accounts.find_user("x@y.example") is None


def test_consultant_invites_a_partner_user_who_then_sees_their_partner(app, login_as):
    consultant = login_as("consultant")
    page = consultant.get("/consultant/partners/P-A").text
    assert "Undang pengguna mitra" in page
    invalid = consultant.post("/consultant/partners/P-A/invite", data={"email": "salah"})
    assert invalid.status_code == 422 and "Alamat e-mail tidak valid." in invalid.text
    issued = consultant.post(
        "/consultant/partners/P-A/invite", data={"email": "staf@bank.example", "name": "Pak Dedi"}
    )
    _set_password(app, issued.text)
    user = app.test_client()
    assert login(user, "staf@bank.example", NEW_PASSWORD).headers["Location"] == "/partner/"
    assert "Bank Perkreditan Kapuas Sejahtera" in user.get("/partner/").text
    # listed on the partner's page, with a reset link
    listed = consultant.get("/consultant/partners/P-A").text
    assert "staf@bank.example" in listed and "Buat tautan atur ulang kata sandi" in listed


def test_refusing_a_partner_needs_a_reason_that_the_partner_reads(app, client, login_as):
    email = _register_partner(client)
    with app.app_context():
        external_id = db.session.scalar(
            select(Partner.external_id).where(Partner.name == "Koperasi Uji Tolak")
        )
    consultant = login_as("consultant")
    detail = f"/consultant/partners/{external_id}"
    assert "Tolak dengan alasan" in consultant.get(detail).text
    no_reason = consultant.post(f"{detail}/refuse", data={"reason": "  "}, follow_redirects=True)
    assert "Tulis alasan penolakan" in no_reason.text
    too_long = consultant.post(
        f"{detail}/refuse", data={"reason": "x" * 1001}, follow_redirects=True
    )
    assert "terlalu panjang" in too_long.text
    with app.app_context():
        assert (
            db.session.scalar(
                select(Partner.refusal_reason).where(Partner.external_id == external_id)
            )
            is None
        )
    reason = "Lampirkan izin usaha simpan pinjam dari dinas koperasi."
    consultant.post(f"{detail}/refuse", data={"reason": reason})
    assert reason in consultant.get(detail).text
    partner = app.test_client()
    login(partner, email, "sandi-koperasi-uji")
    dashboard = partner.get("/partner/").text
    assert "belum dapat menyetujui" in dashboard and reason in dashboard
    with app.app_context():
        entry = db.session.scalar(
            select(AuditLog).where(AuditLog.entity_id == external_id).order_by(AuditLog.id.desc())
        )
        assert entry.after == {"approved": False, "refusal_reason": reason}
    # approving later clears the reason
    consultant.post(f"{detail}/approve")
    dashboard = partner.get("/partner/").text
    assert reason not in dashboard and "belum dapat menyetujui" not in dashboard
    with app.app_context():
        stored = db.session.scalar(select(Partner).where(Partner.external_id == external_id))
        assert stored.approved is True and stored.refusal_reason is None
