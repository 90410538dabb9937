"""One screenshot per component of the design system (docs/design.md), cut from the
pages where each is used: written to artifacts/screenshots/components/ and copied
into docs/screenshots/components/ by ``make screenshots`` (tests/screenshots.py)."""

from __future__ import annotations

import os

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from .conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

OUT = SCREENSHOTS / "components"
CONSULTANT = ("konsultan.kelembagaan@jejaring.example", "demo-konsultan-2026")
ADMIN = ("admin@jejaring.example", "demo-admin-2026!")
MSME_PAGE = "/consultant/msmes/UMKM-0001"
MID = {"width": 760, "height": 900}


def _log_in(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Kata sandi").fill(password)
    page.press("input[name=password]", "Enter")
    expect(page.locator("form[action$='/logout']")).to_have_count(1)


def _shot(page: Page, selector: str, name: str) -> None:
    element = page.locator(selector).first
    expect(element).to_be_visible()
    element.screenshot(path=str(OUT / f"{name}.png"))


def test_a_screenshot_of_each_component(new_context) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_context().new_page()
    page.set_viewport_size(MID)
    page.goto("/login")
    page.get_by_role("button", name="Masuk", exact=True).click()  # empty: errors shown
    _shot(page, "main form", "form-row")
    page.goto("/tidak-ada-halaman-ini")
    _shot(page, "main", "error-page")

    _log_in(page, *CONSULTANT)
    page.goto(MSME_PAGE)
    _shot(page, "#suggestions article.match", "card")
    _shot(page, "nav.tabs", "tabs")
    _shot(page, "section[aria-labelledby=profile-heading] dl.facts", "facts")
    _shot(page, "ol.needs > li", "badge")
    _shot(page, ".page-head .actions", "icons")
    page.goto("/consultant/partners?q=tidak-ada-mitra-seperti-ini")
    _shot(page, "main p.empty", "empty-state")
    page.goto(MSME_PAGE + "?tab=history")
    _shot(page, "ol.history", "timeline")
    page.goto("/consultant/msmes")
    _shot(page, "main a.button.primary >> xpath=..", "button")

    page.set_viewport_size(PHONE)
    page.locator("details.menu > summary").click()
    page.screenshot(path=str(OUT / "menu.png"), clip={"x": 0, "y": 0, "width": 360, "height": 420})
    page.set_viewport_size(MID)
    page.get_by_role("button", name="Keluar").click()
    _shot(page, "main > p.flash", "flash")

    _log_in(page, *ADMIN)
    page.goto("/admin/users")
    box = page.locator("table.stacked").bounding_box()
    page.screenshot(
        path=str(OUT / "table.png"),
        full_page=True,
        clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": 330},
    )


def test_the_msme_profile_prints_cleanly(new_context) -> None:
    """Printed, the consultant's MSME page is the profile, its needs and the open tab:
    no menu, tabs, buttons or forms; the closed description prints open."""
    OUT.mkdir(parents=True, exist_ok=True)
    page = new_context().new_page()
    _log_in(page, *CONSULTANT)
    page.goto(MSME_PAGE)
    page.emulate_media(media="print")
    for hidden in ("header.site-header", "nav.tabs", ".page-head .actions", "details.propose"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("ol.needs")).to_be_visible()
    expect(page.locator("dl.facts").first).to_be_visible()
    expect(page.locator("details.more > p")).to_be_visible()
    expect(page.locator("#suggestions article.match").first).to_be_visible()
    page.pdf(path=str(OUT.parent / "msme-profile-print.pdf"))
