"""API authentication with personal tokens, and the token page.

The ``tokens`` and ``api`` fixtures made here are installed by the other API
tests too (``api_fixtures``).
"""

from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from web.extensions import db
from web.models import ApiToken, AuditLog, User


class Api:
    """The test client speaking to /api/v1 with one world user's token."""

    def __init__(self, client, tokens: dict[str, str], who: str | None = "consultant"):
        self.client, self.tokens, self.who = client, tokens, who

    def as_(self, who: str | None) -> Api:
        return Api(self.client, self.tokens, who)

    def call(self, method: str, path: str, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if self.who is not None:
            headers.setdefault("Authorization", f"Bearer {self.tokens[self.who]}")
        return self.client.open("/api/v1" + path, method=method, headers=headers, **kwargs)

    def get(self, path, **kw):
        return self.call("GET", path, **kw)

    def post(self, path, **kw):
        return self.call("POST", path, **kw)

    def put(self, path, **kw):
        return self.call("PUT", path, **kw)


def api_fixtures():
    """The ``tokens`` and ``api`` fixtures, for each API test module to install
    with ``tokens, api = api_fixtures()``."""

    @pytest.fixture
    def tokens(app, world) -> dict[str, str]:
        """A raw API token for each user of the page-test world, by name."""
        from web.services.accounts import find_user
        from web.services.api_tokens import issue

        raw = {}
        with app.app_context():
            for name, email in world.items():
                _, raw[name] = issue(find_user(email), f"test {name}")
            db.session.commit()
        return raw

    @pytest.fixture
    def api(client, tokens) -> Api:
        return Api(client, tokens)

    return tokens, api


tokens, api = api_fixtures()


def error_of(response, status: int) -> dict:
    """The error body of ``response``, after checking its status and shape."""
    assert response.status_code == status, response.text
    assert response.content_type == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def test_no_token_bad_token_and_wrong_scheme_are_401(api):
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer jjr_nope"},
        {"Authorization": "Basic " + api.tokens["consultant"]},
        {"Authorization": "Bearer " + "x" * 5000},
    ):
        response = api.as_(None).get("/msmes", headers=headers)
        error = error_of(response, 401)
        assert error["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_each_role_acts_with_its_users_rights(api):
    me = {who: api.as_(who).get("/me").get_json() for who in api.tokens}
    assert me["consultant"]["role"] == "consultant" and me["admin"]["role"] == "admin"
    assert me["partner_a"]["partner_external_id"] == "P-A"
    assert me["msme_b"]["msme_external_id"] == "M-B"
    assert api.as_("admin").get("/msmes").status_code == 200
    assert error_of(api.as_("partner_a").get("/msmes"), 403)["code"] == "forbidden"
    assert error_of(api.as_("msme_a").get("/partners"), 403)["code"] == "forbidden"
    assert error_of(api.as_("partner_a").post("/import", json={"format": "jejaring/1"}), 403)
    assert error_of(api.as_("msme_a").get("/export"), 403)


def test_revoked_token_and_disabled_user_are_401(app, api):
    assert api.as_("partner_a").get("/me").status_code == 200
    with app.app_context():
        from web.services.api_tokens import revoke

        token = db.session.scalar(select(ApiToken).where(ApiToken.name == "test partner_a"))
        revoke(token, token.user)
        db.session.scalar(select(User).where(User.email == "owner@kopi.example")).active = False
        db.session.commit()
    assert error_of(api.as_("partner_a").get("/me"), 401)["code"] == "unauthorized"
    assert error_of(api.as_("msme_b").get("/me"), 401)
    assert api.as_("msme_a").get("/me").status_code == 200


def test_only_a_hash_is_stored_and_use_is_noted(app, api):
    raw = api.tokens["consultant"]
    with app.app_context():
        token = db.session.scalar(select(ApiToken).where(ApiToken.name == "test consultant"))
        assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
        assert raw not in (token.prefix, token.token_hash) and raw.startswith(token.prefix)
        assert token.last_used_at is None
    api.get("/me")
    with app.app_context():
        token = db.session.scalar(select(ApiToken).where(ApiToken.name == "test consultant"))
        assert token.last_used_at is not None


def test_token_page_creates_shows_once_lists_and_revokes(app, client, login_as):
    assert client.get("/account/tokens").status_code == 302  # login first
    page = login_as("partner_b")
    assert "Belum ada token aktif" in page.get("/account/tokens").text
    created = page.post("/account/tokens", data={"name": "Sistem gudang"})
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    raw = re.search(r'value="(jjr_[^"]+)"', created.text).group(1)
    listing = page.get("/account/tokens").text
    assert "<td>Sistem gudang</td>" in listing and raw not in listing and raw[:12] in listing
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/me", headers=headers).get_json()["role"] == "partner"
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.name == "Sistem gudang"))
    # another user cannot revoke it; its owner can
    assert login_as("partner_a").post(f"/account/tokens/{token_id}/revoke").status_code == 404
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    revoked = page.post(f"/account/tokens/{token_id}/revoke")
    assert revoked.status_code == 302
    after = page.get("/account/tokens").text
    assert "Token Sistem gudang dicabut" in after and "<td>Sistem gudang</td>" not in after
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    with app.app_context():
        actions = [
            a.action
            for a in db.session.scalars(
                select(AuditLog).where(
                    AuditLog.entity_type == "api_token", AuditLog.entity_id == str(token_id)
                )
            )
        ]
        assert actions == ["create", "update"]


def test_token_needs_a_name(login_as):
    page = login_as("consultant")
    response = page.post("/account/tokens", data={"name": ""})
    assert response.status_code == 400 and 'id="name-error"' in response.text
    assert "jjr_" not in response.text


def test_token_page_keeps_csrf_protection_while_the_api_is_exempt(app, world, tokens):
    from tests.world import PASSWORD

    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    login_page = client.get("/login").text
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
    assert csrf, "the login form carries a CSRF token"
    response = client.post(
        "/login",
        data={"email": world["consultant"], "password": PASSWORD, "csrf_token": csrf.group(1)},
    )
    assert response.status_code == 302
    assert client.post("/account/tokens", data={"name": "tanpa csrf"}).status_code == 400
    # the API needs no CSRF token: it authenticates every request by its token
    answer = client.post(
        "/api/v1/offerings/P-A-1/close", headers={"Authorization": f"Bearer {tokens['consultant']}"}
    )
    assert answer.status_code == 200 and answer.get_json()["closed"] is True
    # and a logged-in browser session alone does not authenticate an API call
    assert client.post("/api/v1/offerings/P-A-1/reopen").status_code == 401


def test_an_account_without_its_partner_or_msme_is_refused(app, api):
    with app.app_context():
        for email in ("a@bank.example", "owner@amplang.example"):
            user = db.session.scalar(select(User).where(User.email == email))
            user.partner_id = user.msme_id = None
        db.session.commit()
    for who, path in (
        ("partner_a", "/offerings"),
        ("partner_a", "/introductions"),
        ("msme_a", "/msmes"),
        ("msme_a", "/introductions"),
    ):
        assert error_of(api.as_(who).get(path), 403)["code"] == "forbidden"
