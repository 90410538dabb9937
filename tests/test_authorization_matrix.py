"""The authorisation matrix: every page route and API endpoint against every actor.

Each cell is the answer the actor gets: 200 (or another success), ``login``
(sent to the login page), 401, 403, 404 (an object that is not theirs looks
like one that does not exist), or ``allowed`` for a write that passed the
access checks (its effect is tested elsewhere; here it runs with empty input
and must not be refused). Every route of the app must appear here: a new
route without a row fails the test. ``docs/security.md`` is generated from
this table (``make security-doc``) and a test keeps the two identical.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.world import login
from web.extensions import db
from web.models import (
    ApiToken,
    DevMail,
    Introduction,
    Milestone,
    Msme,
    Notification,
    Offering,
    SavedSearch,
    SupplyIntroduction,
    User,
)
from web.services import mail
from web.services.api_tokens import issue
from web.worker import one_pass

ACTORS = ("anonymous", "consultant", "admin", "partner_a", "partner_b", "msme_a", "msme_b")
DOC = Path(__file__).resolve().parent.parent / "docs" / "security.md"
# Everything after this line of docs/security.md is written by hand: the generator keeps it.
HAND_WRITTEN = "<!-- Hand-written below this line; `make security-doc` keeps it as it is. -->"

L, A = "login", "allowed"
STAFF_ONLY = {
    "anonymous": L,
    "consultant": 200,
    "admin": 200,
    "partner_a": 403,
    "partner_b": 403,
    "msme_a": 403,
    "msme_b": 403,
}
STAFF_WRITE = dict(STAFF_ONLY, consultant=A, admin=A)
ADMIN_ONLY = dict(STAFF_ONLY, consultant=403)
ADMIN_WRITE = dict(ADMIN_ONLY, admin=A)
PARTNERS = {
    "anonymous": L,
    "consultant": 403,
    "admin": 403,
    "partner_a": 200,
    "partner_b": 200,
    "msme_a": 403,
    "msme_b": 403,
}
PARTNER_WRITE = dict(PARTNERS, partner_a=A, partner_b=A)
PARTNER_A_OBJECT = dict(PARTNERS, partner_b=404)
PARTNER_A_WRITE = dict(PARTNER_A_OBJECT, partner_a=A)
MSMES = {
    "anonymous": L,
    "consultant": 403,
    "admin": 403,
    "partner_a": 403,
    "partner_b": 403,
    "msme_a": 200,
    "msme_b": 200,
}
MSME_WRITE = dict(MSMES, msme_a=A, msme_b=A)
OWNERS = dict(PARTNERS, msme_a=200, msme_b=200)
OWNERS_WRITE = {k: (A if v == 200 else v) for k, v in OWNERS.items()}
LOGGED_IN = {actor: (L if actor == "anonymous" else 200) for actor in ACTORS}
LOGGED_IN_WRITE = {actor: (L if actor == "anonymous" else A) for actor in ACTORS}
STAFF_2FA = dict(STAFF_ONLY)
EVERYONE = dict.fromkeys(ACTORS, 200)
NOT_FOUND_LOGGED_IN = {actor: (L if actor == "anonymous" else 404) for actor in ACTORS}
EVERYONE_WRITE = dict.fromkeys(ACTORS, A)

# API: no token is 401; a role that may never use an operation 403; an object
# that is not the caller's 404.
API_ANY = {actor: (401 if actor == "anonymous" else 200) for actor in ACTORS}
API_STAFF = dict(API_ANY, partner_a=403, partner_b=403, msme_a=403, msme_b=403)
API_STAFF_WRITE = {k: (A if v == 200 else v) for k, v in API_STAFF.items()}
API_MSME_A = dict(API_ANY, partner_a=403, partner_b=403, msme_b=404)
API_MSME_A_WRITE = {k: (A if v == 200 else v) for k, v in API_MSME_A.items()}
API_NOT_MSME = dict(API_ANY, msme_a=403, msme_b=403)
API_PARTNER_A = dict(API_ANY, partner_b=404, msme_a=403, msme_b=403)
API_PARTNER_A_WRITE = {k: (A if v == 200 else v) for k, v in API_PARTNER_A.items()}
API_INTRO = dict(API_ANY, partner_b=404, msme_b=404)
API_INTRO_WRITE = dict(API_INTRO, consultant=A, admin=A, partner_a=A, msme_a=403, msme_b=403)
# MSME B naming MSME A gets the same 422 as for an unknown MSME: nothing is revealed.
API_INTRO_CREATE = dict(
    API_ANY, consultant=A, admin=A, partner_a=403, partner_b=403, msme_a=A, msme_b=422
)
PUBLIC = EVERYONE

# (method, path, expected per actor). {intro}, {user}, {staff}, {milestone}, {token},
# {search} are filled in.
MATRIX: list[tuple[str, str, dict]] = [
    ("GET", "/", PUBLIC),
    ("GET", "/commodities?q=lidah", PUBLIC),
    ("GET", "/login", {a: (200 if a == "anonymous" else 302) for a in ACTORS}),
    ("GET", "/login/kode", dict.fromkeys(ACTORS, 302)),
    ("GET", "/register", PUBLIC),
    ("GET", "/password/not-a-real-token", dict.fromkeys(ACTORS, 404)),
    ("POST", "/lang", dict.fromkeys(ACTORS, 302)),
    ("POST", "/login", {a: (A if a == "anonymous" else 302) for a in ACTORS}),
    ("POST", "/login/kode", dict.fromkeys(ACTORS, 302)),
    ("POST", "/register", EVERYONE_WRITE),
    ("POST", "/password/not-a-real-token", dict.fromkeys(ACTORS, 404)),
    ("GET", "/lupa-kata-sandi", PUBLIC),
    ("POST", "/lupa-kata-sandi", EVERYONE_WRITE),
    ("GET", "/notifications", LOGGED_IN),
    # Partner A's notification of {intro}: opening it leads to the introduction.
    ("GET", "/notifications/{notification}", dict(NOT_FOUND_LOGGED_IN, partner_a=302)),
    ("POST", "/notifications/read-all", LOGGED_IN_WRITE),
    ("GET", "/notifications/preferences", LOGGED_IN),
    ("POST", "/notifications/preferences", LOGGED_IN_WRITE),
    # One-click unsubscribe needs no login: a signed token; a bad one is 404 for anyone.
    ("GET", "/notifications/unsubscribe/not-a-real-token", dict.fromkeys(ACTORS, 404)),
    ("POST", "/notifications/unsubscribe/not-a-real-token", dict.fromkeys(ACTORS, 404)),
    ("GET", "/admin/mail", ADMIN_ONLY),
    ("POST", "/admin/mail/{notification}/retry", ADMIN_WRITE),
    ("GET", "/admin/mailbox", ADMIN_ONLY),
    ("GET", "/admin/mailbox/{mail}", ADMIN_ONLY),
    ("GET", "/admin/mailbox/{mail}/html", ADMIN_ONLY),
    ("GET", "/account/tokens", LOGGED_IN),
    ("POST", "/account/tokens", LOGGED_IN_WRITE),
    ("GET", "/account/2fa", STAFF_2FA),
    ("POST", "/account/2fa/enable", dict(STAFF_WRITE)),
    ("POST", "/account/2fa/disable", dict(STAFF_WRITE)),
    ("POST", "/account/2fa/recovery-codes", dict(STAFF_WRITE)),
    ("GET", "/admin/audit", ADMIN_ONLY),
    ("GET", "/admin/users", ADMIN_ONLY),
    ("GET", "/admin/users/new", ADMIN_ONLY),
    ("POST", "/admin/users/new", ADMIN_WRITE),
    ("POST", "/admin/settings/2fa", ADMIN_WRITE),
    ("GET", "/consultant/", STAFF_ONLY),
    ("GET", "/consultant/msmes", STAFF_ONLY),
    ("GET", "/consultant/msmes/new", STAFF_ONLY),
    ("POST", "/consultant/msmes/new", STAFF_WRITE),
    ("GET", "/consultant/msmes/M-A", STAFF_ONLY),
    ("GET", "/consultant/msmes/M-A/edit", STAFF_ONLY),
    ("POST", "/consultant/msmes/M-A/edit", STAFF_WRITE),
    ("POST", "/consultant/msmes/M-A/follow", STAFF_WRITE),
    ("POST", "/consultant/msmes/M-B/introduce/P-B-1", STAFF_WRITE),
    ("POST", "/consultant/msmes/M-A/invite", STAFF_WRITE),
    ("POST", "/consultant/msmes/M-A/supply-introductions", STAFF_WRITE),
    ("POST", "/consultant/offerings/P-A-2/pools/1/introduce", STAFF_WRITE),
    ("POST", "/consultant/msmes/M-A/milestones", STAFF_WRITE),
    ("POST", "/consultant/milestones/{milestone}/status", STAFF_WRITE),
    ("GET", "/consultant/milestones", STAFF_ONLY),
    ("GET", "/consultant/milestones/export/csv", STAFF_ONLY),
    ("GET", "/consultant/import", STAFF_ONLY),
    ("GET", "/consultant/msmes/export/csv", STAFF_ONLY),
    ("GET", "/consultant/introductions/export/xlsx", STAFF_ONLY),
    ("POST", "/consultant/import", STAFF_WRITE),
    ("POST", "/consultant/import/confirm", STAFF_WRITE),
    ("GET", "/consultant/programme", STAFF_ONLY),
    ("GET", "/consultant/outcomes", STAFF_ONLY),
    ("GET", "/consultant/outcomes/export/xlsx", STAFF_ONLY),
    ("GET", "/consultant/scorecards", STAFF_ONLY),
    ("POST", "/msme/introductions/{intro}/rate", dict(MSMES, msme_a=A, msme_b=404)),
    ("POST", "/partner/introductions/{intro}/rate", PARTNER_A_WRITE),
    ("GET", "/consultant/programme/report/xlsx", STAFF_ONLY),
    ("GET", "/consultant/milestones/{milestone}", STAFF_ONLY),
    ("POST", "/consultant/milestones/{milestone}/edit", STAFF_WRITE),
    ("POST", "/consultant/milestones/{milestone}/updates", STAFF_WRITE),
    ("GET", "/consultant/partners", STAFF_ONLY),
    ("GET", "/consultant/partners/P-A", STAFF_ONLY),
    ("POST", "/consultant/partners/P-A/approve", STAFF_WRITE),
    ("POST", "/consultant/partners/P-A/refuse", STAFF_WRITE),
    ("POST", "/consultant/partners/P-A/invite", STAFF_WRITE),
    ("GET", "/consultant/introductions", STAFF_ONLY),
    ("GET", "/consultant/introductions/{intro}", STAFF_ONLY),
    ("POST", "/consultant/introductions/{intro}/status", STAFF_WRITE),
    ("POST", "/consultant/introductions/{intro}/note", STAFF_WRITE),
    ("POST", "/consultant/users/{user}/reset-link", STAFF_WRITE),
    # A link for another staff account: admins only.
    ("POST", "/consultant/users/{staff}/reset-link", dict(STAFF_WRITE, consultant=403)),
    ("GET", "/partner/", PARTNERS),
    ("GET", "/partner/profile", PARTNERS),
    ("POST", "/partner/profile", PARTNER_WRITE),
    ("GET", "/partner/inbox", PARTNERS),
    ("GET", "/partner/offerings/new", PARTNERS),
    ("POST", "/partner/offerings/new", PARTNER_WRITE),
    ("GET", "/partner/offerings/P-A-1/edit", PARTNER_A_OBJECT),
    ("POST", "/partner/offerings/P-A-1/edit", PARTNER_A_WRITE),
    ("GET", "/partner/offerings/P-A-1/suggestions", PARTNER_A_OBJECT),
    ("POST", "/partner/offerings/P-A-2/groups/no-such-group/accept", PARTNER_A_WRITE),
    ("POST", "/partner/offerings/P-A-2/close", PARTNER_A_WRITE),
    ("POST", "/partner/offerings/P-A-1/broker", PARTNER_A_WRITE),
    ("GET", "/partner/introductions/{intro}", PARTNER_A_OBJECT),
    ("POST", "/partner/introductions/{intro}/answer", PARTNER_A_WRITE),
    ("POST", "/partner/introductions/{intro}/note", PARTNER_A_WRITE),
    ("POST", "/partner/introductions/{intro}/withdraw", PARTNER_A_WRITE),
    ("GET", "/msme/", MSMES),
    ("GET", "/msme/profile", MSMES),
    ("POST", "/msme/profile", MSME_WRITE),
    ("GET", "/msme/suggestions", MSMES),
    ("POST", "/msme/request/P-A-2", MSME_WRITE),
    ("GET", "/msme/introductions/{intro}", dict(MSMES, msme_b=404)),
    ("POST", "/msme/introductions/{intro}/another", dict(MSME_WRITE, msme_b=404)),
    ("POST", "/msme/introductions/{intro}/note", dict(MSME_WRITE, msme_b=404)),
    ("GET", "/account/searches", dict(LOGGED_IN, msme_a=403, msme_b=403)),
    ("POST", "/account/searches", dict(LOGGED_IN_WRITE, msme_a=403, msme_b=403)),
    # The consultant's own saved search: the others do not see it.
    (
        "POST",
        "/account/searches/{search}/delete",
        dict(LOGGED_IN_WRITE, admin=404, partner_a=404, partner_b=404, msme_a=403, msme_b=403),
    ),
    ("POST", "/msme/supply-introductions/{supply_intro}/answer", MSME_WRITE),
    ("GET", "/data-saya/", OWNERS),
    ("GET", "/data-saya/unduh", OWNERS),
    ("POST", "/data-saya/hapus", OWNERS_WRITE),
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/docs", PUBLIC),
    ("GET", "/api/v1/me", API_ANY),
    ("GET", "/api/v1/taxonomy", API_ANY),
    ("GET", "/api/v1/commodities?q=lada", API_ANY),
    ("GET", "/api/v1/commodities/resolve?text=lidah%20buya", API_ANY),
    ("GET", "/api/v1/msmes", dict(API_ANY, partner_a=403, partner_b=403)),
    ("POST", "/api/v1/msmes", API_STAFF_WRITE),
    ("GET", "/api/v1/msmes/M-A", API_MSME_A),
    ("PUT", "/api/v1/msmes/M-A", API_MSME_A_WRITE),
    ("GET", "/api/v1/msmes/M-A/matches", API_MSME_A),
    ("GET", "/api/v1/msmes/M-A/links", API_MSME_A),
    ("GET", "/api/v1/partners", API_NOT_MSME),
    ("POST", "/api/v1/partners", API_STAFF_WRITE),
    ("GET", "/api/v1/partners/P-A", API_PARTNER_A),
    ("PUT", "/api/v1/partners/P-A", API_PARTNER_A_WRITE),
    ("POST", "/api/v1/partners/P-A/offerings", API_PARTNER_A_WRITE),
    ("GET", "/api/v1/offerings", API_NOT_MSME),
    ("GET", "/api/v1/offerings/P-A-1", API_PARTNER_A),
    ("PUT", "/api/v1/offerings/P-A-1", API_PARTNER_A_WRITE),
    ("POST", "/api/v1/offerings/P-A-2/close", API_PARTNER_A_WRITE),
    ("POST", "/api/v1/offerings/P-A-2/reopen", API_PARTNER_A_WRITE),
    ("GET", "/api/v1/offerings/P-A-1/matches", API_PARTNER_A),
    ("GET", "/api/v1/offerings/P-A-2/pools", API_PARTNER_A),
    ("GET", "/api/v1/introductions", API_ANY),
    ("POST", "/api/v1/introductions", API_INTRO_CREATE),
    ("GET", "/api/v1/introductions/{intro}", API_INTRO),
    ("POST", "/api/v1/introductions/{intro}/status", API_INTRO_WRITE),
    ("GET", "/api/v1/export", API_STAFF),
    ("POST", "/api/v1/import", API_STAFF_WRITE),
    # Ends the introduction (withdrawn): after every other row that uses it.
    ("POST", "/msme/introductions/{intro}/withdraw", dict(MSME_WRITE, msme_b=404)),
    # Last: these end a token, an extra user's sessions, and everyone's sessions.
    (
        "POST",
        "/account/tokens/{token}/revoke",
        dict(LOGGED_IN_WRITE, consultant=404, partner_a=404, partner_b=404, msme_a=404, msme_b=404),
    ),
    ("POST", "/admin/users/{user}/active", ADMIN_WRITE),
    ("POST", "/logout", LOGGED_IN_WRITE),
]
# Valid bodies for API writes, so that what is checked is access, not input.
API_BODIES = {
    ("POST", "/api/v1/msmes"): {k: v for k, v in f.msme("API-M").items() if k != "external_id"},
    ("PUT", "/api/v1/msmes/M-A"): {k: v for k, v in f.msme("M-A").items() if k != "external_id"},
    ("POST", "/api/v1/partners"): {
        k: v
        for k, v in f.partner("API-P", offerings=[]).items()
        if k not in ("external_id", "offerings")
    },
    ("PUT", "/api/v1/partners/P-A"): {
        k: v for k, v in f.partner("P-A").items() if k not in ("external_id", "offerings")
    },
    ("POST", "/api/v1/partners/P-A/offerings"): {
        k: v for k, v in f.offering("P-A-9").items() if k != "external_id"
    },
    ("PUT", "/api/v1/offerings/P-A-1"): {
        k: v for k, v in f.offering("P-A-1").items() if k != "external_id"
    },
    ("POST", "/api/v1/introductions"): {"msme_external_id": "M-A", "offering_external_id": "P-A-2"},
    ("POST", "/api/v1/introductions/{intro}/status"): {"status": "met"},
    ("POST", "/api/v1/import"): {"format": "jejaring/1", "msmes": [], "partners": []},
}
# Routes that are not checked per actor, and why.
NOT_IN_MATRIX = {"static": "public files (CSS, JavaScript)"}


def _classify(response, expected) -> object:
    """The observed cell, in the matrix's words."""
    status = response.status_code
    location = response.headers.get("Location", "")
    if status == 302 and "/login" in location and expected == L:
        return L
    if expected == A:
        refused = status in (401, 403, 404, 405) or (
            status == 302 and "/login" in location and "/login" not in response.request.path
        )
        return status if refused or status >= 500 else A
    return status


@pytest.fixture
def setting(app, world):
    """The world plus one introduction, one milestone, a user id and API tokens."""
    consultant = app.test_client()
    login(consultant, world["consultant"])
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "matrix"})
    consultant.post(
        "/consultant/msmes/M-A/supply-introductions",
        data={"other": "M-B", "direction": "supplier", "commodity": "kopi liberika"},
    )
    consultant.post(
        "/consultant/msmes/M-A/milestones",
        data={
            "field": "marketing",
            "title": "Tonggak",
            "due_date": "2027-01-31",
            "status": "planned",
            "consultant_id": "1",
            "accept_warnings": "y",
        },
    )
    with app.app_context():
        users = {u.email: u for u in db.session.scalars(select(User))}
        # A user who is none of the actors, for the admin to disable.
        extra = User(
            email="lain@umkm.example",
            role="msme",
            password_hash="x",
            msme=users[world["msme_b"]].msme,
        )
        db.session.add(extra)
        # A consultant who is none of the actors, for links for staff accounts.
        staff = User(email="konsultan.lain@plut.example", role="consultant", password_hash="x")
        db.session.add(staff)
        search = SavedSearch(user=users[world["consultant"]], kind="msmes", name="m", query={})
        db.session.add(search)
        tokens = {}
        for actor in ACTORS[1:]:
            _, tokens[actor] = issue(users[world[actor]], "matrix")
        db.session.commit()
        extra_id, staff_id, search_id = extra.id, staff.id, search.id
    with app.test_request_context("/"):
        one_pass(mail.transport())  # the proposal's e-mails, into the development mailbox
        partner_a = db.session.scalar(select(User.id).where(User.email == world["partner_a"]))
        values = {
            "notification": db.session.scalar(
                select(Notification.id).where(Notification.user_id == partner_a)
            ),
            "mail": db.session.scalar(select(DevMail.id)),
            "intro": db.session.scalar(select(Introduction.id)),
            "supply_intro": db.session.scalar(select(SupplyIntroduction.id)),
            "milestone": db.session.scalar(select(Milestone.id)),
            "user": extra_id,
            "staff": staff_id,
            "search": search_id,
            # The admin's own token: only the admin may revoke it.
            "token": db.session.scalar(
                select(ApiToken.id).join(User).where(User.email == world["admin"])
            ),
        }
        assert db.session.scalar(select(Msme.id).where(Msme.external_id == "M-A"))
        assert db.session.scalar(select(Offering.id).where(Offering.external_id == "P-A-1"))
    return values, tokens


def observe(app, world, setting) -> dict[tuple[str, str], dict[str, object]]:
    values, tokens = setting
    clients = {}
    for actor in ACTORS:
        client = app.test_client()
        if actor != "anonymous":
            assert login(client, world[actor]).status_code == 302
        clients[actor] = client
    observed = {}
    for method, template, expected in MATRIX:
        path = template.format(**values)
        row = {}
        for actor in ACTORS:
            client = clients[actor]
            headers = {}
            if path.startswith("/api/") and actor != "anonymous":
                headers["Authorization"] = f"Bearer {tokens[actor]}"
                client = app.test_client()  # the API never uses the session
            kwargs = {}
            if path.startswith("/api/") and method != "GET":
                kwargs["json"] = API_BODIES.get((method, template), {})
            response = client.open(path, method=method, headers=headers, **kwargs)
            row[actor] = _classify(response, expected[actor])
        observed[(method, template)] = row
    return observed


def render(observed) -> str:
    lines = [
        "# Security: who may do what",
        "",
        "Generated from `tests/test_authorization_matrix.py` (`make security-doc`); the test",
        "fails when this file and the observed answers differ. Actors: anonymous, a consultant,",
        "an admin, partner A and partner B (each a user of one partner organisation), MSME A and",
        "MSME B (each the owner of one MSME). Objects in paths belong to partner A (`P-A`,",
        "`P-A-1`, `P-A-2`) and MSME A (`M-A`); `{intro}` is an introduction between them that",
        "is not yet accepted.",
        "",
        "Cells: `200`/`302` the answer; `login` sent to the login page; `401` no or bad API",
        "token; `403` the role may not do this; `404` the object is not the actor's (answered",
        "as if it did not exist); `422` for MSME B creating an introduction for MSME A, the same",
        "answer as for an unknown MSME; `allowed` a write that passed the access checks (run",
        "here with minimal input; its effect is tested elsewhere).",
        "",
        "| method | path | " + " | ".join(ACTORS) + " |",
        "|---|---|" + "---|" * len(ACTORS),
    ]
    for (method, template), row in observed.items():
        lines.append(
            f"| {method} | `{template}` | " + " | ".join(str(row[a]) for a in ACTORS) + " |"
        )
    lines += [
        "",
        "Not in the matrix: " + "; ".join(f"`{k}` ({v})" for k, v in NOT_IN_MATRIX.items()) + ".",
        "",
        "Other protections (tests in brackets): CSRF tokens on every form and no state change",
        "through GET (test_security_web); login, set-password and registration rate-limited",
        "(test_security_web); every page and API request rate-limited per class and per token,",
        "account and address, with a cap on requests in flight per caller (test_rate_limits,",
        "below); new session at login, idle 30 min and absolute 12 h timeouts,",
        "logout and disabling end every session (test_security_web, test_sessions_2fa); TOTP",
        "for staff, which an admin can require (test_sessions_2fa); CSP without inline script,",
        "`frame-ancestors 'none'`, `nosniff`, Referrer-Policy (test_security_web); MSME contacts",
        "hidden from partners until acceptance (test_web_introductions, test_api_*); before",
        "acceptance every partner-visible view of an MSME, on every route, API operation and",
        "download, is built from one allow-list of structured fields plus the consultant's",
        "pitch (`partner_view` in `web/services/privacy.py`; test_partner_privacy); formula",
        "cells escaped in exports (test_spreadsheets); personal data download and deletion",
        "(test_personal_data).",
        "",
    ]
    return "\n".join(lines)


def test_every_route_has_a_row(app):
    covered = {
        (
            m,
            t.split("?")[0].format(
                intro="<int:intro_id>",
                supply_intro="<int:intro_id>",
                user="<int:user_id>",
                staff="<int:user_id>",
                milestone="<int:milestone_id>",
                token="<int:token_id>",
                search="<int:search_id>",
                notification="<int:notification_id>",
                mail="<int:message_id>",
            ),
        )
        for m, t, _ in MATRIX
    }
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in NOT_IN_MATRIX:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            generic = (method, rule.rule)
            concrete = any(m == method and _matches(rule.rule, t) for m, t in covered)
            if generic not in covered and not concrete:
                missing.append(f"{method} {rule.rule}")
    assert missing == [], "routes without a row in the authorisation matrix"


def _matches(rule: str, path: str) -> bool:
    rule_parts, path_parts = rule.strip("/").split("/"), path.strip("/").split("/")
    return len(rule_parts) == len(path_parts) and all(
        r == p or r.startswith("<") or p.startswith("<")
        for r, p in zip(rule_parts, path_parts, strict=True)
    )


def test_the_matrix_holds_and_documents_itself(app, world, setting):
    observed = observe(app, world, setting)
    mismatches = [
        f"{m} {t} as {a}: expected {expected[a]}, got {observed[(m, t)][a]}"
        for m, t, expected in MATRIX
        for a in ACTORS
        if observed[(m, t)][a] != expected[a]
    ]
    assert mismatches == [], "\n".join(mismatches)
    text = render(observed)
    generated, marker, hand = DOC.read_text(encoding="utf-8").partition(HAND_WRITTEN)
    if marker:
        text += "\n"  # a blank line before the hand-written part
    if os.environ.get("JEJARING_WRITE_SECURITY_DOC"):
        DOC.write_text(text + marker + hand, encoding="utf-8")
        generated = text
    assert generated == text, "docs/security.md is stale: make security-doc"


def test_the_hand_written_rules_name_tests_that_exist():
    """Each rule in the hand-written part of docs/security.md names the test that proves it."""
    hand = DOC.read_text(encoding="utf-8").partition(HAND_WRITTEN)[2]
    named = re.findall(r"`(tests/[\w/]+\.py)::(test_\w+)`", hand)
    assert named, "no tests named in the hand-written part of docs/security.md"
    root = DOC.parent.parent
    missing = [
        f"{path}::{name}"
        for path, name in named
        if f"def {name}(" not in (root / path).read_text(encoding="utf-8")
    ]
    assert missing == []
