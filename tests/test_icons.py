"""The vendored icon set: its licence is kept, its sprite is built from its files,
and every icon a template or view names exists (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

from web import icons
from web.consultant.views import MSME_TABS

TEMPLATES = Path(icons.__file__).resolve().parent / "templates"


def test_the_licence_and_the_source_are_vendored_with_the_icons():
    licence = (icons.ICONS / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("ISC License")
    assert "lucide-static" in (icons.ICONS / "README.md").read_text(encoding="utf-8")
    for name in icons.names():
        assert "@license lucide-static" in (icons.ICONS / f"{name}.svg").read_text()


def test_the_sprite_is_built_from_the_icon_files():
    assert icons.SPRITE.read_text(encoding="utf-8") == icons.sprite_text(), (
        "run `python -m web.icons`"
    )
    symbols = re.findall(r'<symbol id="([^"]+)"', icons.sprite_text())
    assert symbols == icons.names() and len(symbols) >= 10


def test_every_icon_used_exists():
    used = {glyph for *_rest, glyph in MSME_TABS}
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"icon\('([a-z0-9-]+)'\)", template.read_text(encoding="utf-8")))
    assert used, "no template uses an icon"
    assert used <= set(icons.names()), sorted(used - set(icons.names()))


def test_a_page_shows_the_icon_hidden_from_screen_readers(login_as):
    page = login_as("consultant").get("/consultant/msmes/M-A").text
    assert re.search(
        r'<svg class="icon" aria-hidden="true" focusable="false"[^>]*>'
        r'<use href="/static/icons/lucide/sprite.svg#lightbulb">',
        page,
    )
