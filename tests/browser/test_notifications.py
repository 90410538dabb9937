"""The notification list as a partner uses it: the unread count beside the menu
button on a phone, the list with the new entry marked, opening it leads to the
introduction and reads it, and marking everything read empties the count."""

from __future__ import annotations

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from .conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

PARTNER = ("mitra.oleholeh@jejaring.example", "demo-mitra-2026")  # MTR-011
CONSULTANT = "konsultan.pemasaran@jejaring.example"


@pytest.fixture(scope="module")
def proposal(server_database) -> int:
    """A consultant proposes UMKM-0002 to the partner's first offering."""
    from sqlalchemy import select

    from web import create_app
    from web.extensions import db
    from web.models import Msme, Partner, User
    from web.services import introductions

    app = create_app({"SQLALCHEMY_DATABASE_URI": server_database, "SECRET_KEY": "x"})
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "UMKM-0002"))
        partner = db.session.scalar(select(Partner).where(Partner.external_id == "MTR-011"))
        offering = partner.offerings[0]
        intro = introductions.existing(msme, offering)
        if intro is None:
            consultant = db.session.scalar(select(User).where(User.email == CONSULTANT))
            intro = introductions.start(msme, offering, consultant, None, pitch="Usaha kue.")
            db.session.commit()
        return intro.id


def test_the_partner_sees_the_count_opens_the_entry_and_reads_all(browser, live_server, proposal):
    context = browser.new_context(base_url=live_server, viewport=PHONE, locale="id-ID")
    try:
        page = context.new_page()
        page.goto("/login")
        page.locator("#email").fill(PARTNER[0])
        page.locator("#password").fill(PARTNER[1])
        page.press("input[name=password]", "Enter")
        # On a phone the count is in the header, beside the closed menu button.
        bell = page.locator("header a.notif-link")
        expect(bell).to_be_visible()
        expect(page.get_by_role("navigation", name="Menu utama")).to_be_hidden()
        unread = int(bell.locator(".notif-count").inner_text())
        assert unread >= 1
        expect(bell).to_have_accessible_name(f"Pemberitahuan {unread} belum dibaca")
        assert page.locator("header.site-header").bounding_box()["height"] <= 70

        bell.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Pemberitahuan")
        entry = page.locator("li.unread", has_text="Usulan perkenalan baru").first
        expect(entry.locator(".badge")).to_have_text("Baru")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "notifications-360.png"), full_page=True)

        entry.get_by_role("link").click()
        expect(page).to_have_url(re.compile(rf"/partner/introductions/{proposal}$"))
        expect(bell).to_have_accessible_name(
            f"Pemberitahuan {unread - 1} belum dibaca" if unread > 1 else "Pemberitahuan"
        )

        page.set_viewport_size(DESKTOP)
        page.goto("/notifications")
        page.screenshot(path=str(SCREENSHOTS / "notifications-1280.png"), full_page=True)
        if unread > 1:
            page.get_by_role("button", name="Tandai semua sudah dibaca").click()
        expect(page.locator("li.unread")).to_have_count(0)
        expect(bell).to_have_accessible_name("Pemberitahuan")
        expect(page.locator("main")).to_contain_text("Semua sudah dibaca.")
    finally:
        context.close()
