"""The README's and docs/design.md's screenshots show the templates as they are now
(issue 15).

``make screenshots`` takes every listed screenshot again and records, beside the
images in ``docs/screenshots/templates.json``, a fingerprint of the templates each
one shows (the page's own and every template they extend, include or import). A
template edited since then changes its fingerprint and fails this test until the
screenshots are taken again and committed with it. Fingerprints, not times: a
fresh clone gives every file the same time, and a screenshot taken again that
comes out byte for byte the same cannot be committed anew, so neither file times
nor commit times can tell a fresh screenshot from a stale one.
"""

from __future__ import annotations

import re

import pytest

from tests.screenshots import ROOT, SHOTS, Shot, fingerprint, recorded, templates_shown


def test_every_image_of_the_readme_and_the_design_doc_is_listed():
    used = set()
    for doc in ("README.md", "docs/design.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        base = "" if doc == "README.md" else "docs/"
        for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", text):
            used.add(base + link if not link.startswith("docs/") else link)
    assert used == set(SHOTS), "list each screenshot in tests/screenshots.py (and use it)"
    for target in SHOTS:
        assert (ROOT / target).exists(), f"{target} is missing: run make screenshots"


@pytest.mark.parametrize("target", sorted(SHOTS))
def test_screenshot_shows_its_templates_as_they_are(target):
    assert recorded().get(target) == fingerprint(SHOTS[target]), (
        f"{target} was taken before a change to one of "
        f"{sorted(templates_shown(SHOTS[target]))}: run `make screenshots` and commit "
        "the new images with docs/screenshots/templates.json"
    )


def test_an_edited_template_changes_the_fingerprint(tmp_path, monkeypatch):
    """The check can fail: editing any template a shot uses, even one it only
    includes, gives another fingerprint."""
    import tests.screenshots as screenshots

    (tmp_path / "page.html").write_text('{% include "part.html" %}', encoding="utf-8")
    (tmp_path / "part.html").write_text("<p>before</p>", encoding="utf-8")
    monkeypatch.setattr(screenshots, "TEMPLATES", tmp_path)
    shot = Shot("page.png", ("page.html",))
    before = screenshots.fingerprint(shot)
    (tmp_path / "part.html").write_text("<p>after</p>", encoding="utf-8")
    assert screenshots.fingerprint(shot) != before
