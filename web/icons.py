"""The vendored icon set (web/static/icons/lucide/): builds its sprite, one
``<symbol>`` per SVG file, so pages can use any icon with ``<use href="#name">``.

``python -m web.icons`` writes sprite.svg; tests/test_icons.py keeps it in step.
"""

from __future__ import annotations

import re
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "static" / "icons" / "lucide"
SPRITE = ICONS / "sprite.svg"
_BODY = re.compile(r"<svg\b[^>]*>(.*)</svg>", re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="([^"]+)"')
# Lucide's drawing settings, on each symbol: a <use> does not inherit the sprite's root.
STROKE = (
    'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
    'stroke-linejoin="round"'
)


def names() -> list[str]:
    return sorted(p.stem for p in ICONS.glob("*.svg") if p.name != SPRITE.name)


def sprite_text() -> str:
    """The sprite: each icon's drawing as a symbol with the icon's own stroke settings."""
    symbols = []
    for name in names():
        svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8")
        body = " ".join(line.strip() for line in _BODY.search(svg).group(1).splitlines())
        view_box = _VIEWBOX.search(svg).group(1)
        symbols.append(f'<symbol id="{name}" viewBox="{view_box}" {STROKE}>{body.strip()}</symbol>')
    return (
        "<!-- Lucide icons (ISC licence, see LICENSE), built by `python -m web.icons` -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


if __name__ == "__main__":
    SPRITE.write_text(sprite_text(), encoding="utf-8")
    print(f"wrote {SPRITE} with {len(names())} icons")
