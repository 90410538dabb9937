"""The screenshots in the README and in docs/design.md: where each comes from and
which templates it shows.

The browser tests write fresh screenshots into ``artifacts/screenshots/`` on every
run (not committed). ``make screenshots`` runs the tests that take the ones listed
here, copies them into ``docs/screenshots/`` and records in ``templates.json``
there a fingerprint of the templates each one shows; tests/test_screenshots_fresh.py
fails when a template changed since its screenshot was taken.

Run as ``python -m tests.screenshots`` to copy the artifacts (after the browser tests).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "screenshots"
TEMPLATES = ROOT / "web" / "templates"
MANIFEST = ROOT / "docs" / "screenshots" / "templates.json"


@dataclass(frozen=True)
class Shot:
    source: str  # file name in artifacts/screenshots/
    templates: tuple[str, ...]  # the page's own templates; what they use is found below


SHOTS: dict[str, Shot] = {
    # README
    "docs/screenshots/consultant-msme-desktop.png": Shot(
        "consultant-msme-1280-top.png",
        ("consultant/msme_detail.html", "consultant/msme_tabs/suggestions.html"),
    ),
    "docs/screenshots/msme-suggestions-phone.png": Shot(
        "msme-suggestions-360-top.png", ("msme/suggestions.html",)
    ),
    # docs/design.md, one per component (tests/browser/test_components.py)
    "docs/screenshots/components/card.png": Shot(
        "components/card.png", ("consultant/msme_tabs/suggestions.html",)
    ),
    "docs/screenshots/components/tabs.png": Shot(
        "components/tabs.png", ("consultant/msme_detail.html",)
    ),
    "docs/screenshots/components/facts.png": Shot(
        "components/facts.png", ("consultant/msme_detail.html",)
    ),
    "docs/screenshots/components/badge.png": Shot(
        "components/badge.png", ("consultant/msme_detail.html",)
    ),
    "docs/screenshots/components/button.png": Shot(
        "components/button.png", ("consultant/msmes.html",)
    ),
    "docs/screenshots/components/table.png": Shot("components/table.png", ("admin/users.html",)),
    "docs/screenshots/components/form-row.png": Shot(
        "components/form-row.png", ("auth/login.html",)
    ),
    "docs/screenshots/components/empty-state.png": Shot(
        "components/empty-state.png", ("consultant/partners.html",)
    ),
    "docs/screenshots/components/timeline.png": Shot(
        "components/timeline.png", ("consultant/msme_tabs/history.html",)
    ),
    "docs/screenshots/components/flash.png": Shot("components/flash.png", ("base.html",)),
    "docs/screenshots/components/menu.png": Shot("components/menu.png", ("base.html",)),
    "docs/screenshots/components/error-page.png": Shot(
        "components/error-page.png", ("errors/message.html",)
    ),
    "docs/screenshots/components/icons.png": Shot(
        "components/icons.png", ("consultant/msme_detail.html",)
    ),
}

_USES = re.compile(r"""{%-?\s*(?:extends|include|import|from)\s+["']([^"']+)["']""")


def templates_shown(shot: Shot) -> set[str]:
    """The shot's templates and every template they extend, include or import (static
    names only: a computed name such as a tab's is listed in ``Shot.templates``)."""
    seen: set[str] = set()
    todo = list(shot.templates)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        uses = _USES.findall((TEMPLATES / name).read_text(encoding="utf-8"))
        todo.extend(used for used in uses if used.endswith(".html"))  # not "dir/" ~ name
    return seen


def fingerprint(shot: Shot) -> str:
    """SHA-256 over the names and contents of the templates a shot shows."""
    digest = hashlib.sha256()
    for name in sorted(templates_shown(shot)):
        digest.update(name.encode() + b"\0" + (TEMPLATES / name).read_bytes() + b"\0")
    return digest.hexdigest()


def recorded() -> dict[str, str]:
    """The fingerprints recorded when the screenshots were last taken."""
    return json.loads(MANIFEST.read_text(encoding="utf-8")) if MANIFEST.exists() else {}


def copy_from_artifacts() -> list[str]:
    """Copy every listed screenshot from artifacts/screenshots/ into docs/; the missing."""
    missing = []
    for target, shot in SHOTS.items():
        source = ARTIFACTS / shot.source
        if not source.exists():
            missing.append(shot.source)
            continue
        (ROOT / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, ROOT / target)
    if not missing:
        prints = {target: fingerprint(shot) for target, shot in sorted(SHOTS.items())}
        MANIFEST.write_text(json.dumps(prints, indent=1) + "\n", encoding="utf-8")
    return missing


if __name__ == "__main__":
    absent = copy_from_artifacts()
    if absent:
        sys.exit("not in artifacts/screenshots/ (run the browser tests): " + ", ".join(absent))
    print(f"copied {len(SHOTS)} screenshots into docs/screenshots/")
