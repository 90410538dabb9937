"""Keyboard-only journeys, one per role (issue 15): Tab, Shift+Tab, Enter and typing
only. Each logs in, reaches the role's main task and completes it, and at every
stop on the way the element with the focus must show it (an outline or a ring).

The tests share the seeded server with the other browser tests, so each works on
data the others do not touch: the second MSME owner, the second partner, a
consultant who proposes for an MSME no other journey uses, a fresh staff e-mail.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest

try:
    from playwright.sync_api import Locator, Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from .conftest import PHONE, SCREENSHOTS

pytestmark = pytest.mark.browser

MSME_OWNER = ("umkm.dua@jejaring.example", "demo-umkm-2026")
PARTNER = ("mitra.oleholeh@jejaring.example", "demo-mitra-2026")
CONSULTANT = ("konsultan.pemasaran@jejaring.example", "demo-konsultan-2026")
ADMIN = ("admin@jejaring.example", "demo-admin-2026!")
# An MSME of the demo data that no other journey proposes for (seeds/demo.json).
QUIET_MSME = "Ayam Mandiri Sutera"

# What has the focus, and whether it shows: an outline of some width, or a box shadow.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {
    name: (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.id
           || el.tagName).trim().slice(0, 60),
    tag: el.tagName.toLowerCase(),
    shown: outline || s.boxShadow !== 'none',
  };
}"""


class Keys:
    """Drives one page with the keyboard and checks the focus is visible at every stop."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.stops: list[str] = []

    def tab_to(self, target: Locator, limit: int = 120) -> None:
        for _ in range(limit):
            if target.evaluate("el => el === document.activeElement"):
                return
            self.page.keyboard.press("Tab")
            focus = self.page.evaluate(_FOCUS)
            if focus is None:
                continue
            self.stops.append(focus["name"])
            assert focus["shown"], f"the focus on <{focus['tag']}> {focus['name']!r} is not visible"
        pytest.fail(f"{target} not reached in {limit} presses of Tab: {self.stops[-15:]}")

    def enter(self) -> None:
        self.page.keyboard.press("Enter")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def log_in(self, email: str, password: str) -> None:
        self.page.goto("/login")
        field = self.page.get_by_label("E-mail")
        expect(field).to_be_focused()  # autofocus: ready to type
        self.type(email)
        self.page.keyboard.press("Tab")
        expect(self.page.get_by_label("Kata sandi")).to_be_focused()
        self.type(password)
        self.enter()
        expect(self.page.locator("form[action$='/logout']")).to_have_count(1)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def menu_link(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Menu utama").get_by_role(
        "link", name=name, exact=True
    )


def flash(page: Page) -> Locator:
    return page.locator("main > p.flash")


def test_msme_owner_asks_for_an_introduction_on_a_phone(new_context) -> None:
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    keys = Keys(page)
    keys.log_in(*MSME_OWNER)
    expect(page).to_have_url(re.compile(r"/msme/$"))
    # On a phone the menu is a button; it opens with Enter.
    keys.tab_to(page.locator("details.menu > summary"))
    keys.enter()
    keys.tab_to(menu_link(page, "Saran mitra"))
    keys.enter()
    expect(heading(page)).to_have_text("Saran mitra untuk usaha Anda")
    button = page.get_by_role("button", name="Minta diperkenalkan").first
    title = (
        page.locator("article.match")
        .filter(has=page.get_by_role("button", name="Minta diperkenalkan"))
        .first.locator("h3")
        .inner_text()
        .strip()
    )
    keys.tab_to(button)
    page.screenshot(path=str(SCREENSHOTS / "keyboard-msme-360-top.png"))
    keys.enter()
    expect(flash(page)).to_contain_text("Permintaan perkenalan terkirim")
    # The request lands on its own page, which says what happens next.
    expect(heading(page)).to_have_text(title)
    expect(page.get_by_role("heading", level=2, name="Apa yang terjadi sekarang")).to_be_visible()
    expect(page.get_by_role("button", name="Tarik permintaan")).to_be_visible()


def test_consultant_proposes_an_introduction_with_the_keyboard(page: Page) -> None:
    keys = Keys(page)
    keys.log_in(*CONSULTANT)
    # The skip link comes first and takes the focus past the menu.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Langsung ke isi")).to_be_focused()
    keys.tab_to(menu_link(page, "UMKM"))
    keys.enter()
    expect(heading(page)).to_have_text("UMKM")
    keys.tab_to(page.get_by_label("Cari", exact=True))
    keys.type(QUIET_MSME)
    keys.enter()
    keys.tab_to(page.locator("main li.card-row").get_by_role("link", name=QUIET_MSME))
    keys.enter()
    expect(heading(page)).to_have_text(QUIET_MSME)
    card = page.locator("#suggestions article.match").first
    title = card.locator("h3").inner_text().strip()
    keys.tab_to(card.locator("summary", has_text="Usulkan perkenalan"))
    keys.enter()
    keys.tab_to(card.get_by_label("Pesan untuk mitra"))
    keys.type("Mohon dihubungi untuk penjajakan kerja sama.")
    keys.tab_to(card.get_by_role("button", name="Kirim usulan perkenalan"))
    page.screenshot(path=str(SCREENSHOTS / "keyboard-consultant-1280-top.png"))
    keys.enter()
    expect(page).to_have_url(re.compile(r"/consultant/introductions/\d+$"))
    expect(flash(page)).to_have_text("Perkenalan diusulkan ke mitra.")
    expect(heading(page)).to_have_text(f"{QUIET_MSME} → {title}")
    # Every tab of the MSME page is one Tab-and-Enter away from the page before.
    page.go_back()
    tabs = page.get_by_role("navigation", name="Bagian halaman UMKM")
    keys.tab_to(tabs.get_by_role("link", name=re.compile(r"^Perkenalan")))
    keys.enter()
    expect(page.locator("#introductions")).to_contain_text(title)


def test_partner_adds_an_offering_with_the_keyboard(page: Page) -> None:
    keys = Keys(page)
    keys.log_in(*PARTNER)
    expect(page).to_have_url(re.compile(r"/partner/$"))
    keys.tab_to(page.get_by_role("link", name="Tambah layanan"))
    keys.enter()
    title = f"Kurasi produk keripik {uuid.uuid4().hex[:6]}"
    keys.tab_to(page.get_by_label("Judul layanan"))
    keys.type(title)
    keys.tab_to(page.get_by_label("Kalimantan Barat", exact=True))
    page.keyboard.press("Space")  # a checkbox: Space ticks it
    keys.tab_to(page.get_by_role("button", name="Simpan layanan"))
    keys.enter()
    expect(flash(page)).to_have_text("Layanan tersimpan.")
    expect(page.get_by_role("heading", level=3, name=title)).to_be_visible()


def test_admin_creates_a_staff_account_with_the_keyboard(page: Page) -> None:
    keys = Keys(page)
    keys.log_in(*ADMIN)
    keys.tab_to(menu_link(page, "Pengguna"))
    keys.enter()
    keys.tab_to(page.get_by_role("link", name="Buat akun staf"))
    keys.enter()
    expect(heading(page)).to_have_text("Buat akun staf")
    email = f"konsultan.{uuid.uuid4().hex[:8]}@jejaring.example"
    keys.tab_to(page.get_by_label("E-mail"))
    keys.type(email)
    keys.tab_to(page.get_by_label("Nama"))
    keys.type("Konsultan Baru")
    keys.tab_to(page.get_by_role("button", name="Buat akun dan tautan"))
    keys.enter()
    expect(heading(page)).to_have_text(f"Tautan sekali pakai untuk {email}")
    link = page.get_by_role("textbox", name="Tautan")
    expect(link).to_have_value(re.compile(r"/password/"))
