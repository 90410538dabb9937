"""The consultant's MSME page (issue 15): profile summary and needs first, then one
tab at a time, each a plain link; scores as a bar with the percentage; reasons
grouped by kind; empty states that say what to do next; lists sorted as people
expect."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from matcher.reasons import _TEXT, KINDS, group_reasons, reason_kind
from tests import factories as f
from web.extensions import db
from web.models import Msme, Partner, name_key
from web.services.importer import import_document

TABS = ("suggestions", "nearly", "introductions", "supply", "growth", "milestones", "history")


def _tabs(page: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each tab link, in order."""
    nav = re.search(r'<nav class="tabs" id="tabs".*?</nav>', page, re.DOTALL).group(0)
    tabs = []
    for m in re.finditer(r'<a href="([^"]+)"([^>]*)>(.*?)</a>', nav, re.DOTALL):
        label = re.sub(r'<span class="count">.*?</span>|<[^>]+>', "", m.group(3)).strip()
        tabs.append((label, m.group(1), 'aria-current="page"' in m.group(2)))
    return tabs


def _tab_links(page: str) -> dict[str, str]:
    return {label: href for label, href, _current in _tabs(page)}


def test_the_page_opens_with_needs_and_profile_then_tabs(login_as):
    page = login_as("consultant").get("/consultant/msmes/M-A").text
    needs = page.index("Kebutuhan</h2>")
    profile = page.index("Profil</h2>")
    tabs = page.index('<nav class="tabs"')
    first_suggestion = page.index('<article class="match">')
    assert needs < tabs and profile < tabs < first_suggestion
    assert "Modal kerja untuk beli mesin vakum" in page[needs:tabs]
    links = _tab_links(page)
    assert list(links) == [
        "Saran mitra",
        "Hampir cocok",
        "Perkenalan",
        "Pemasok & pembeli",
        "Naik kelas",
        "Tonggak",
        "Riwayat",
    ]
    assert all(href.endswith("#tabs") for href in links.values())
    assert [label for label, _href, current in _tabs(page) if current] == ["Saran mitra"]


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_is_one_link_away_and_marked_current(login_as, tab):
    consultant = login_as("consultant")
    href = _tab_links(consultant.get("/consultant/msmes/M-A").text)
    label = dict(zip(TABS, href, strict=True))[tab]
    answer = consultant.get(href[label].split("#")[0])
    assert answer.status_code == 200
    current = [name for name, _href, now in _tabs(answer.text) if now]
    assert current == [label]
    assert 'id="tab-heading"' in answer.text


def test_an_unknown_tab_is_not_found(login_as):
    assert login_as("consultant").get("/consultant/msmes/M-A?tab=rahasia").status_code == 404


def test_scores_are_a_bar_and_a_percentage_and_reasons_are_grouped(login_as):
    page = login_as("consultant").get("/consultant/msmes/M-A").text
    meters = re.findall(r'<meter min="0" max="100" value="(\d+)"', page)
    percentages = re.findall(r"</span>(\d+)%</span>", page)
    assert meters and meters == percentages
    groups = re.findall(r'<div class="reason-group reason-(\w+)"><dt>([^<]+)</dt>', page)
    assert ("need", "Kebutuhan") in groups and ("area", "Wilayah") in groups


def test_every_reason_template_has_its_kind_in_both_languages():
    filled = {
        key: [t.format_map({k: "x" for k in re.findall(r"\{(\w+)\}", t)}) for t in pair]
        for key, pair in _TEXT.items()
    }
    expected = {"main_need": "need", "need": "need", "near_need": "need", "cross_need": "need"}
    expected |= dict.fromkeys(("commodity", "related", "sector", "keywords"), "product")
    expected |= dict.fromkeys(("regency", "province", "national"), "area")
    for key, kind in expected.items():
        for text in filled[key]:
            assert reason_kind(text) == kind, (key, text)
    assert [
        kind for kind, _ in group_reasons(["Melayani Sambas", "Menjawab kebutuhan utama: x"])
    ] == [
        "need",
        "area",
    ]
    assert set(KINDS) == {"need", "product", "area"}


def test_milestones_tab_after_adding_one(app, login_as):
    consultant = login_as("consultant")
    empty = consultant.get("/consultant/msmes/M-A?tab=milestones").text
    assert "Belum ada tonggak" in empty and "Rencanakan langkah" in empty
    answer = consultant.post(
        "/consultant/msmes/M-A/milestones",
        data={
            "field": "marketing",
            "title": "Ikut pameran produk di Pontianak",
            "indicator": "Pembeli baru dari pameran",
            "unit": "pembeli",
            "baseline": "0",
            "target_value": "3",
            "start_date": "2027-01-15",
            "due_date": "2027-03-01",
            "status": "planned",
            "consultant_id": "1",
            "counterpart": "Ibu Rahmawati",
        },
    )
    assert answer.status_code == 302 and "/consultant/milestones/" in answer.headers["Location"]
    page = consultant.get("/consultant/msmes/M-A?tab=milestones").text
    assert "Ikut pameran produk di Pontianak" in page
    assert re.search(r'Tonggak <span class="count">1</span>', page)
    assert "Tonggak" in _tab_links(page)


def test_history_tab_lists_profile_changes_and_introduction_steps(login_as):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "Halo"})
    page = consultant.get("/consultant/msmes/M-A?tab=history").text
    assert "Kredit mesin pengolahan pangan" in page and "diusulkan" in page.lower()
    assert '<ol class="history">' in page


def test_empty_states_say_what_to_do_next(app, login_as):
    with app.app_context():
        import_document(
            f.document(msmes=[f.msme("M-EMPTY", needs=[], commodities=[])], partners=[]),
            actor_label="test",
        )
        db.session.commit()
    consultant = login_as("consultant")
    page = consultant.get("/consultant/msmes/M-EMPTY").text
    assert "Tambahkan kebutuhan lewat" in page
    assert (
        "Usulkan dari tab Saran mitra"
        in consultant.get("/consultant/msmes/M-EMPTY?tab=introductions").text
    )
    assert "Belum ada riwayat" not in consultant.get("/consultant/msmes/M-EMPTY?tab=history").text


def test_lists_sort_without_regard_to_case_or_accents(app, login_as):
    names = ["zebra Kopi", "Ábaca Tenun", "apel Malang", "Bumi Rotan"]
    with app.app_context():
        import_document(
            f.document(msmes=[f.msme(f"M-S{i}", name=n) for i, n in enumerate(names)], partners=[]),
            actor_label="test",
        )
        db.session.commit()
        stored = db.session.scalars(select(Msme.name_key).where(Msme.external_id == "M-S1"))
        assert list(stored) == ["abaca tenun"]
    page = login_as("consultant").get("/consultant/msmes?q=").text
    shown = [n for n in re.findall(r"<strong>([^<>]+)</strong>", page) if n in names]
    assert shown == ["Ábaca Tenun", "apel Malang", "Bumi Rotan", "zebra Kopi"]


def test_a_renamed_partner_sorts_by_its_new_name(app, world):
    with app.app_context():
        partner = db.session.scalar(select(Partner).where(Partner.external_id == "P-A"))
        partner.name = "Éka Bank"
        db.session.commit()
        assert partner.name_key == "eka bank" == name_key("  ÉKA   bank ")
