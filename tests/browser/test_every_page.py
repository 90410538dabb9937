"""Every page of every role, at 360 px and 1280 px, in both languages: no page
scrolls sideways and axe-core finds no serious or critical WCAG 2.2 AA violation.

The pages are not listed by hand: they are the app's GET routes (its url_map),
with the ids filled in from the demo data, less the few that are not HTML pages
(the JSON API, static files, downloads). Each role walks the ones that answer it
200; every page must be walked by at least one role, so a new route cannot slip
past. One browser context per role, logged in once; the language is switched
with the header's button and the width by resizing the viewport.

axe-core is vendored (tests/browser/vendor/axe.min.js, MPL-2.0, version in
vendor/README.md) and injected by Playwright; the test contexts bypass the
app's Content-Security-Policy for that one script (the app forbids inline
script, which is how Playwright injects it). Moderate violations are reported
in docs/accessibility.md, not failed on.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from itsdangerous import URLSafeSerializer

from .conftest import _OVERFLOWING, DESKTOP, PHONE, SCREENSHOTS, SECRET_KEY

pytestmark = [
    pytest.mark.browser,
    # The browser server always runs on SQLite (conftest.py), so CI's second pass of the
    # suite on PostgreSQL would walk the very same pages again: about two minutes saved.
    pytest.mark.skipif(
        os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"),
        reason="the same walk already ran on the SQLite pass of the suite",
    ),
]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

ACCOUNTS = {
    "anonymous": None,
    "msme": ("umkm.satu@jejaring.example", "demo-umkm-2026"),
    "partner": ("mitra.bank@jejaring.example", "demo-mitra-2026"),
    "consultant": ("konsultan.pembiayaan@jejaring.example", "demo-konsultan-2026"),
    "admin": ("admin@jejaring.example", "demo-admin-2026!"),
}
MSME_ID, PARTNER_ID = "UMKM-0001", "MTR-001"  # umkm.satu's business, mitra.bank's lembaga
# Not HTML pages: the JSON API and its schema, static files, a download, the JSON of
# the commodity field, the quarterly report's and lists' files, the second login step (only
# reachable mid-login), opening a notification (it marks it read and redirects to the page
# where the user acts), and the HTML part of a kept e-mail (the message as a mail program
# shows it, not a site page).
SKIPPED = re.compile(
    r"^(static|api\.(?!docs_page$).*|personal\.download|"
    r"consultant\.programme_report|consultant\.milestone_export|"
    r"consultant\.msme_export|consultant\.introduction_export|consultant\.outcome_export|"
    r"main\.commodity_suggestions|auth\.login_code|notifications\.open_entry|"
    r"admin\.mailbox_html)$"
)
# What people type that has no spaces to break at: it must wrap, not widen the page.
LONG_WORD = "Pontianak" * 40
LONG_URL = "https://contoh.jejaring.example/" + "katalog-amplang-" * 20

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return {rules: result.passes.length + result.violations.length + result.incomplete.length,
    violations: result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' '))}))};
}"""
# Moderate and minor findings, for docs/accessibility.md (written on every run).
LESSER = SCREENSHOTS.parent / "axe-lesser-findings.txt"


@pytest.fixture(scope="module")
def walk(server_database):
    """The URLs to try, the demo data's ids filled in; adds one introduction with
    long words and a long URL in its message (and a recorded agreement) to show."""
    from sqlalchemy import select

    from web import create_app
    from web.extensions import db
    from web.models import Msme, Offering, Partner, User
    from web.services import introductions

    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": server_database,
            "SECRET_KEY": "walk-every-page",
            "TESTING": True,
        }
    )
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == MSME_ID))
        partner = db.session.scalar(select(Partner).where(Partner.external_id == PARTNER_ID))
        offering = partner.offerings[0]
        intro = introductions.existing(msme, offering)
        if intro is None:
            consultant = db.session.scalar(
                select(User).where(User.email == ACCOUNTS["consultant"][0])
            )
            partner_user = db.session.scalar(
                select(User).where(User.email == ACCOUNTS["partner"][0])
            )
            intro = introductions.start(
                msme,
                offering,
                consultant,
                f"Katalog: {LONG_URL} {LONG_WORD}",
                pitch=f"Usaha amplang; {LONG_WORD}",
            )
            introductions.advance(intro, "accepted", partner_user, note=LONG_WORD)
            introductions.advance(intro, "met", consultant, note="Bertemu di PLUT.")
            introductions.advance(
                intro,
                "agreement",
                consultant,
                note=LONG_URL,
                outcome_kind="loan",
                outcome_value_idr=25_000_000,
            )
            db.session.commit()
        # The proposal's e-mails, into the development mailbox (for its pages).
        from web.models import DevMail, Milestone
        from web.services import mail
        from web.worker import one_pass

        with app.test_request_context():
            one_pass(mail.transport())
        partner_user = db.session.scalar(select(User).where(User.email == ACCOUNTS["partner"][0]))
        values = {
            "external_id": {},
            "intro_id": intro.id,
            "milestone_id": db.session.scalar(select(Milestone.id).order_by(Milestone.id)),
            "message_id": db.session.scalar(select(DevMail.id).order_by(DevMail.id)),
            "token": {
                "auth.set_password": "tautan-tidak-berlaku",
                # signed with the server's key: the unsubscribe page of a real link
                "notifications.unsubscribe": URLSafeSerializer(
                    SECRET_KEY, salt=mail.UNSUBSCRIBE_SALT
                ).dumps([partner_user.id, "introduction_proposed_partner"]),
            },
        }
        for endpoint in ("consultant.msme_detail", "consultant.msme_edit"):
            values["external_id"][endpoint] = MSME_ID
        values["external_id"]["consultant.partner_detail"] = PARTNER_ID
        for endpoint in ("partner.offering_edit", "partner.offering_suggestions"):
            values["external_id"][endpoint] = offering.external_id
        assert db.session.get(Offering, offering.id) is not None

        urls = {}
        with app.test_request_context():
            from flask import url_for

            for rule in app.url_map.iter_rules():
                if "GET" not in rule.methods or SKIPPED.match(rule.endpoint):
                    continue
                args = {}
                for name in rule.arguments:
                    value = values[name]
                    args[name] = value[rule.endpoint] if isinstance(value, dict) else value
                urls[rule.endpoint] = url_for(rule.endpoint, **args)
            # the tabs of the consultant's MSME page are pages of their own (?tab=)
            from web.consultant.views import MSME_TABS

            for tab, *_rest in MSME_TABS[1:]:
                urls[f"consultant.msme_detail?tab={tab}"] = url_for(
                    "consultant.msme_detail", external_id=MSME_ID, tab=tab
                )
    return urls


def _log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/logout']")).to_have_count(1)


def _switch_language(page: Page, lang: str) -> None:
    if page.locator("html").get_attribute("lang") != lang:
        page.locator(f"form.lang-switch button[value={lang}]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def _pages_of(page: Page, urls: dict[str, str]) -> dict[str, str]:
    """The pages that answer this role 200 (without following redirects)."""
    return {
        endpoint: url
        for endpoint, url in sorted(urls.items())
        if page.request.get(url, max_redirects=0).status == 200
    }


WALKED: dict[str, set[str]] = {}


@pytest.mark.parametrize("role", list(ACCOUNTS))
def test_every_page_fits_a_phone_and_passes_axe(browser, live_server, walk, role) -> None:
    context = browser.new_context(
        base_url=live_server,
        viewport=DESKTOP,
        locale="id-ID",
        timezone_id="Asia/Pontianak",
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    context.set_default_navigation_timeout(15_000)
    try:
        page = context.new_page()
        if ACCOUNTS[role]:
            _log_in(page, *ACCOUNTS[role])
        pages = _pages_of(page, walk)
        WALKED[role] = set(pages)
        if role == "anonymous":  # error pages are pages too
            pages["not-found"] = "/tidak-ada-halaman-ini"
        elif role == "msme":
            pages["forbidden"] = walk["consultant.dashboard"]
        assert len(pages) >= 3, f"{role} reaches only {pages}"
        problems = _walk(page, role, pages)
    finally:
        context.close()
    assert not problems, f"{len(problems)} problem(s) for {role}:\n" + "\n".join(problems)


def test_every_page_was_walked() -> None:
    """Every HTML page of the url_map answered 200 to at least one role."""
    if len(WALKED) < len(ACCOUNTS):
        pytest.skip("runs after the walks of every role")
    from web import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    endpoints = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and not SKIPPED.match(rule.endpoint)
    }
    walked = set().union(*WALKED.values())
    # the set-password page of an unknown link answers 404: walked as an error page
    assert endpoints - walked <= {"auth.set_password"}, sorted(endpoints - walked)


def _walk(page: Page, role: str, pages: dict[str, str]) -> list[str]:
    problems: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("id", "en"):
        page.goto("/")
        _switch_language(page, lang)
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            for name, url in pages.items():
                page.goto(url)
                where = f"{name} {url} [{lang}, {size['width']} px]"
                if lang == "id":
                    page.screenshot(
                        path=str(SCREENSHOTS / f"walk-{role}-{name}-{size['width']}.png"),
                        full_page=True,
                        timeout=30_000,
                    )
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > size["width"]:
                    culprits = page.evaluate(_OVERFLOWING, 3)
                    problems.append(
                        f"{where}: {width} px wide; "
                        + "; ".join(f"{c['path']} (right {c['right']})" for c in culprits)
                    )
                page.add_script_tag(path=str(AXE))
                result = page.evaluate(_AXE_RUN, WCAG_TAGS)
                assert result["rules"] > 10, f"axe did not run on {where}"
                for violation in result["violations"]:
                    line = (
                        f"{where}: axe {violation['impact']} {violation['id']} "
                        f"({violation['help']}) at {violation['nodes']}"
                    )
                    if violation["impact"] in FAILING_IMPACTS:
                        problems.append(line)
                    else:
                        with LESSER.open("a") as lesser:
                            lesser.write(f"{role} {line}\n")
    return problems


def test_axe_reports_what_it_should(browser) -> None:
    """The check above can fail: axe, as injected, finds a missing alt text and a
    field without a label."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.set_content(
            '<html lang="id"><head><title>t</title></head><body><main>'
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            '<input type="text"></main></body></html>'
        )
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(_AXE_RUN, WCAG_TAGS)
    finally:
        context.close()
    found = {(v["id"], v["impact"]) for v in result["violations"]}
    assert {("image-alt", "critical"), ("label", "critical")} <= found, found
