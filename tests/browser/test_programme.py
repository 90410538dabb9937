"""The programme dashboard as a consultant sees it on the seeded demo: charts with
real figures, each with its table, filters, and the quarterly report's downloads.
Screenshots at 360 px and 1280 px (programme-dashboard-*.png)."""

from __future__ import annotations

import os
import re

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

from .test_journeys import CONSULTANT, heading, log_in

pytestmark = pytest.mark.browser


def test_consultant_reads_the_programme_dashboard(page: Page, screenshots) -> None:
    log_in(page, *CONSULTANT)
    page.get_by_role("link", name="Dasbor program").click()
    expect(heading(page)).to_have_text("Dasbor program")
    page.get_by_label("Triwulan").select_option("2026-Q3")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_text("Periode 1 Jul 2026 – 30 Sep 2026")).to_be_visible()
    indicators = page.locator("article.indicator")
    expect(indicators).to_have_count(7)
    expect(indicators.first.locator("h3")).to_have_text("Pertumbuhan omzet UMKM dampingan")
    expect(indicators.first.locator(".figure")).to_have_text(re.compile(r"^\d+(,\d)?%$"))
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(7)
    # a chart is labelled and followed by its data table with real figures
    funnel = page.locator("#table-funnel")
    expect(funnel.get_by_role("img", name="Corong perkenalan")).to_be_visible()
    first_stage = funnel.locator("table.data tbody tr").first.locator("td")
    expect(first_stage).not_to_have_text("0")
    expect(page.locator("#table-outcomes table.data")).to_contain_text("Rp")
    screenshots.take(page, "programme-dashboard")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename == "laporan-2026-Q3-id.pdf"

    page.get_by_label("Kabupaten/kota").select_option("6101")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_label("Kabupaten/kota")).to_have_value("6101")
    screenshots.take(page, "programme-dashboard-sambas")
    screenshots.assert_no_overflow()


def test_consultant_plans_a_milestone_and_sees_the_warnings(page: Page, screenshots) -> None:
    log_in(page, *CONSULTANT)
    page.goto("/consultant/msmes/UMKM-0003?tab=milestones")
    milestones = page.locator("#milestones")
    milestones.get_by_text("Tambah tonggak").first.click()
    milestones.get_by_label("Tonggak", exact=True).fill("Pemasaran")
    milestones.get_by_label("Tenggat").fill("2027-06-30")
    milestones.get_by_role("button", name="Tambah tonggak").click()
    expect(heading(page)).to_have_text("Tonggak baru")
    expect(page.locator("#target_value-warning")).to_contain_text("Measurable")
    expect(page.locator("#title-warning")).to_contain_text("Judul terlalu umum")
    expect(page.get_by_text("Tonggak tersimpan.")).to_have_count(0)  # nothing was saved
    screenshots.take(page, "milestone-warnings")
    screenshots.assert_no_overflow()
