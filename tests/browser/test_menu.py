"""On a phone the header is one line and the main menu opens from a button that needs
no JavaScript; on a desktop the menu is always shown."""

from __future__ import annotations

import os

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from .conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

CONSULTANT = ("konsultan.pemasaran@jejaring.example", "demo-konsultan-2026")


def test_the_phone_menu_is_one_line_and_opens_without_javascript(browser, live_server):
    context = browser.new_context(
        base_url=live_server, viewport=PHONE, locale="id-ID", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/login")
        page.locator("#email").fill(CONSULTANT[0])
        page.locator("#password").fill(CONSULTANT[1])
        page.locator("main form button[type=submit]").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Selamat datang, Rahmawati Hasan")

        header = page.locator("header.site-header")
        height = header.bounding_box()["height"]
        assert height <= 70, f"the header takes {height} px of a 780 px screen"
        menu = page.get_by_role("navigation", name="Menu utama")
        dashboard = menu.get_by_role("link", name="Direktori mitra")
        expect(dashboard).to_be_hidden()
        expect(page.get_by_role("button", name="EN")).to_be_visible()

        page.locator("summary", has_text="Menu").click()
        expect(dashboard).to_be_visible()
        expect(menu.get_by_role("button", name="Keluar")).to_be_visible()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "menu-open-360-top.png"))
        dashboard.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Direktori mitra")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.set_viewport_size(DESKTOP)
        expect(page.locator("summary", has_text="Menu")).to_be_hidden()
        expect(menu.get_by_role("link", name="UMKM", exact=True)).to_be_visible()
        assert header.bounding_box()["height"] <= 70
    finally:
        context.close()


def test_the_phone_menu_works_with_the_keyboard(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport=PHONE, locale="id-ID")
    try:
        page = context.new_page()
        page.goto("/tidak-ada")  # a page without an autofocus field: Tab starts at the top
        summary = page.locator("summary", has_text="Menu")
        for _ in range(5):
            page.keyboard.press("Tab")
            if summary.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail("the menu button is not reached with Tab")
        assert summary.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
        # the next stop after the menu button is the language button, as it is shown
        menu_box, lang_box = (
            summary.bounding_box(),
            page.locator("form.lang-switch button").bounding_box(),
        )
        assert menu_box["x"] < lang_box["x"], "focus order differs from the visual order"
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.innerText.trim()")
        assert focused == "Masuk"
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Masuk ke Jejaring")
    finally:
        context.close()
