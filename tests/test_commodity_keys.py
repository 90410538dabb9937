"""Commodities are stored with their taxonomy entry beside the typed text (issue 13):
the one import path fills ``commodity_keys``, the search and the commodity filter
use it, pages show the taxonomy's name, and the exchange format is unchanged."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests import factories as f
from web.extensions import db
from web.models import Msme, Offering


def _import(runner, write_json, msmes, partners=()):
    result = runner.invoke(args=["import", str(write_json(f.document(msmes, list(partners))))])
    assert result.exit_code == 0, result.output


def _world(runner, write_json):
    record = f.msme(
        "CK-1",
        name="KUB Hutan Sungai Jaya",
        commodities=["tengkawan", "Barang Buatan Sendiri"],
        description="Usaha kelompok.",
    )
    record.pop("nib")
    partner = f.partner(
        "CKP",
        name="Pengolah Minuman Katulistiwa",
        description="Mitra usaha.",
        offerings=[
            f.offering(
                "CKP-1",
                field="marketing",
                title="Kontrak pembelian rutin",
                description="Membeli dari kelompok.",
                commodities=["lidah buayah"],
                eligibility={},
            )
        ],
    )
    _import(runner, write_json, [record], [partner])
    return record, partner


def test_the_import_stores_each_commodity_with_its_taxonomy_key(app, runner, write_json):
    _world(runner, write_json)
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "CK-1"))
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "CKP-1"))
        # typed text kept as typed; the key beside it, None where the taxonomy has none
        assert msme.commodities == ["tengkawan", "Barang Buatan Sendiri"]
        assert msme.commodity_keys == ["tengkawang", None]
        assert offering.commodity_keys == ["lidah_buaya"]
    # a record saved again with other commodities gets their keys
    record = f.msme("CK-1", name="KUB Hutan Sungai Jaya", commodities=["amplangg"])
    record.pop("nib")
    _import(runner, write_json, [record])
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "CK-1"))
        assert msme.commodity_keys == ["amplang"]


def test_a_commodity_stored_with_a_typo_is_found_by_its_right_name(runner, write_json, login_as):
    _world(runner, write_json)
    consultant = login_as("consultant")
    # neither typo is one of the taxonomy's ways of writing it: only the stored
    # key finds them
    assert "KUB Hutan Sungai Jaya" in consultant.get("/consultant/msmes?q=tengkawang").text
    for url in ("/consultant/partners?commodity=lidah+buaya", "/consultant/partners?q=lidah+buaya"):
        assert "Pengolah Minuman Katulistiwa" in consultant.get(url).text, url
    # and the pages show the taxonomy's name of what was typed
    detail = consultant.get("/consultant/msmes/CK-1").text
    assert "tengkawang" in detail and "tengkawan," not in detail
    assert "Barang Buatan Sendiri" in detail


def test_the_exchange_format_carries_the_typed_text_only(runner, write_json, tmp_path):
    record, partner = _world(runner, write_json)
    out = tmp_path / "out.json"
    assert runner.invoke(args=["export", str(out)]).exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert "commodity_keys" not in json.dumps(exported)
    (msme,) = [m for m in exported["msmes"] if m["external_id"] == "CK-1"]
    assert msme["commodities"] == ["tengkawan", "Barang Buatan Sendiri"]
    (offering,) = [o for p in exported["partners"] for o in p["offerings"]]
    assert offering["commodities"] == ["lidah buayah"]
