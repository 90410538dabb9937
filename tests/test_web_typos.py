"""Typos do not hide anything (issue 13): a commodity written wrong finds on the
consultant's pages what its right spelling finds, and pages show the
taxonomy's name of what was typed."""

from __future__ import annotations

import pytest

from tests import factories as f

# (typo, right spelling) of commodities of the taxonomy
TYPOS = [("lidah buya", "lidah buaya"), ("amplank", "amplang"), ("tengkawan", "tengkawang")]
NAMES = {
    "lidah buaya": ("Minuman Aloe Ibu Sari", "Pengolah Aloe Khatulistiwa"),
    "amplang": ("Kerupuk Ikan Pak Darmin", "Toko Oleh-Oleh Pesisir"),
    "tengkawang": ("KUB Hutan Adat Sungai Utik", "Pembeli Illipe Borneo"),
}


@pytest.fixture
def catalogue(runner, write_json):
    msmes, partners = [], []
    for i, (commodity, (msme_name, partner_name)) in enumerate(NAMES.items()):
        msmes.append(
            f.msme(
                f"TY-{i}",
                name=msme_name,
                nib=None,
                commodities=[commodity],
                description="Usaha keluarga.",
            )
        )
        partners.append(
            f.partner(
                f"TYP{i}",
                name=partner_name,
                description="Mitra usaha.",
                offerings=[
                    f.offering(
                        f"TYP{i}-1",
                        field="marketing",
                        title="Kontrak pembelian rutin",
                        description="Membeli dari kelompok dan usaha kecil.",
                        commodities=[commodity],
                        eligibility={},
                    )
                ],
            )
        )
    for record in msmes:
        record.pop("nib")
    result = runner.invoke(args=["import", str(write_json(f.document(msmes, partners)))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("typo", "right"), TYPOS)
def test_a_typo_finds_what_the_right_spelling_finds(catalogue, login_as, typo, right):
    consultant = login_as("consultant")
    msme_name, partner_name = NAMES[right]
    for url in (
        "/consultant/msmes?q={}",
        "/consultant/partners?q={}",
        "/consultant/partners?commodity={}",
    ):
        found = consultant.get(url.format(right)).text
        assert (msme_name if "msmes" in url else partner_name) in found, url
        with_typo = consultant.get(url.format(typo)).text
        assert (msme_name if "msmes" in url else partner_name) in with_typo, (url, typo)
    # a commodity only part of the search text names does not widen the search
    assert partner_name not in consultant.get(f"/consultant/partners?q=toko+{right}").text


def test_pages_show_the_taxonomy_name_of_a_typed_commodity(runner, write_json, login_as):
    record = f.msme("TY-9", name="Minuman Lidah Buaya Kak Ros", commodities=["lidah buya"])
    record.pop("nib")
    result = runner.invoke(args=["import", str(write_json(f.document([record], [])))])
    assert result.exit_code == 0, result.output
    consultant = login_as("consultant")
    listing = consultant.get("/consultant/msmes?q=Kak+Ros").text
    detail = consultant.get("/consultant/msmes/TY-9").text
    for page in (listing, detail):
        assert "lidah buaya" in page and "lidah buya" not in page
