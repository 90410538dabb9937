"""Import from a page as a consultant sees it: a rejected file lists every problem
where it is, a good one shows what would be created before anything is written.
Screenshots at 360 px and 1280 px (import-rejected-*.png, import-preview-*.png)."""

from __future__ import annotations

import json
import os

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from tests import factories as f

from .test_journeys import CONSULTANT, heading, log_in

pytestmark = pytest.mark.browser


def _upload(page: Page, document: dict) -> None:
    page.get_by_label("Berkas", exact=True).set_input_files(
        files=[
            {
                "name": "impor.json",
                "mimeType": "application/json",
                "buffer": json.dumps(document).encode(),
            }
        ]
    )
    page.get_by_role("button", name="Pratinjau").click()


def test_consultant_previews_an_import(page: Page, screenshots) -> None:
    log_in(page, *CONSULTANT)
    page.goto("/consultant/msmes")
    page.get_by_role("link", name="Impor data dari berkas").click()
    expect(heading(page)).to_have_text("Impor data")

    bad = f.document(msmes=[f.msme("UMKM-IMPOR-1", employees="banyak")], partners=[])
    _upload(page, bad)
    problems = page.locator("section.problems")
    expect(problems).to_contain_text("msmes[0].employees")
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_have_count(0)
    screenshots.take(page, "import-rejected")

    _upload(page, f.document(msmes=[f.msme("UMKM-IMPOR-1")], partners=[]))
    expect(page.get_by_role("heading", name="Pratinjau: impor.json")).to_be_visible()
    expect(page.locator("td[data-label=Dibuat]").first).to_have_text("1")
    expect(page.get_by_role("button", name="Konfirmasi impor")).to_be_visible()
    screenshots.take(page, "import-preview")
    screenshots.assert_no_overflow()
