"""Issue 16, data: MSMEs' ``supplies``/``sources`` (FLOWs) and offerings'
``volume`` go through validation, import, export (JSON, XLSX, CSV) and back;
files without these keys import exactly as before."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select

from tests import factories as f
from web.extensions import db
from web.models import AuditLog, Msme, Offering, Partner
from web.services.exchange import DocumentRejected, validate_document

KELADI = {"commodity": "keladi", "quantity": 800, "unit": "kg", "period": "month"}
CHIPS = {"commodity": "keripik keladi", "quantity": 120.5, "unit": "kg", "period": "week"}
VOLUME = {"quantity": 2, "unit": "ton", "period": "month"}


def _flow_document() -> dict:
    farmer = f.msme("M1", supplies=[dict(KELADI, note="Keladi Bogor, panen tiap minggu")])
    maker = f.msme("M2", commodities=["keripik keladi"], sources=[KELADI], supplies=[CHIPS])
    buyer = f.partner(
        "P1",
        type="buyer",
        offerings=[f.offering("P1-1", commodities=["rumput laut"], volume=VOLUME)],
    )
    return f.document([farmer, maker], [buyer])


def _problems(doc) -> dict[str, str]:
    with pytest.raises(DocumentRejected) as caught:
        validate_document(doc)
    return {p.path: str(p.message) for p in caught.value.problems}


def test_flows_and_volume_are_stored_and_exported_as_written(app, runner, write_json, tmp_path):
    result = runner.invoke(args=["import", str(write_json(_flow_document()))])
    assert result.exit_code == 0, result.output
    with app.app_context():
        maker = db.session.scalar(select(Msme).where(Msme.external_id == "M2"))
        assert maker.sources == [KELADI]
        assert maker.supplies == [CHIPS]
        offering = db.session.scalar(select(Offering))
        assert (offering.volume_quantity, offering.volume_unit, offering.volume_period) == (
            2,
            "ton",
            "month",
        )
    assert runner.invoke(args=["export", str(tmp_path / "out.json")]).exit_code == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    by_id = {m["external_id"]: m for m in out["msmes"]}
    assert by_id["M1"]["supplies"][0]["note"] == "Keladi Bogor, panen tiap minggu"
    assert by_id["M2"]["sources"] == [KELADI]
    assert "sources" not in by_id["M1"]  # empty lists are left out, as other keys
    assert out["partners"][0]["offerings"][0]["volume"] == VOLUME


@pytest.mark.parametrize("target", ["out.json", "out.xlsx", "csv/"])
def test_flows_round_trip_through_every_export(app, runner, write_json, tmp_path, target):
    assert runner.invoke(args=["import", str(write_json(_flow_document()))]).exit_code == 0
    first = tmp_path / "1" / target
    first.parent.mkdir()
    path = str(first) + ("/" if target.endswith("/") else "")
    assert runner.invoke(args=["export", path]).exit_code == 0
    assert runner.invoke(args=["export", str(tmp_path / "before.json")]).exit_code == 0
    with app.app_context():
        for model in (Offering, Partner, Msme, AuditLog):
            db.session.execute(delete(model))
        db.session.commit()
    result = runner.invoke(args=["import", str(first)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["export", str(tmp_path / "after.json")]).exit_code == 0
    before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    assert after == before
    assert after["msmes"][1]["supplies"] == [CHIPS]


def test_a_file_without_the_new_keys_keeps_stored_flows(app, runner, write_json):
    assert runner.invoke(args=["import", str(write_json(_flow_document()))]).exit_code == 0
    old_style = f.document([f.msme("M2", commodities=["keripik keladi"])], [])
    result = runner.invoke(args=["import", str(write_json(old_style))])
    assert result.exit_code == 0, result.output
    assert "0 updated, 1 unchanged" in result.output
    with app.app_context():
        maker = db.session.scalar(select(Msme).where(Msme.external_id == "M2"))
        assert maker.sources == [KELADI]


def test_old_files_import_unchanged(app, runner, write_json):
    doc = f.document([f.msme("M9")], [f.partner("P9", offerings=[f.offering("P9-1")])])
    result = runner.invoke(args=["import", str(write_json(doc))])
    assert result.exit_code == 0, result.output
    with app.app_context():
        msme = db.session.scalar(select(Msme))
        assert msme.supplies == [] and msme.sources == []
        assert db.session.scalar(select(Offering.volume_quantity)) is None


def test_commodities_of_flows_are_resolved_with_typos_forgiven():
    doc = f.document([f.msme("M1", sources=[{"commodity": "tengiri"}, {"commodity": "keladii"}])])
    sources = validate_document(doc).msmes[0]["sources"]
    assert sources == [{"commodity": "ikan tenggiri"}, {"commodity": "keladi"}]


def test_bad_flows_and_volumes_are_reported_where_they_are():
    doc = f.document(
        [
            f.msme(
                "M1",
                supplies=[
                    {"commodity": "qwxzzy"},
                    {"commodity": "keladi", "quantity": 0, "unit": "kg"},
                    {"commodity": "keladi", "quantity": 5, "unit": "gram"},
                    {"commodity": "keladi", "quantity": 5},
                    {"commodity": "keladi", "quantity": "lima", "unit": "kg", "period": "day"},
                    {"quantity": 5, "unit": "kg", "colour": "red"},
                ],
            )
        ],
        [f.partner("P1", offerings=[f.offering("P1-1", volume={"quantity": -2, "unit": "ton"})])],
    )
    problems = _problems(doc)
    assert "not close to any commodity" in problems["msmes[0].supplies[0].commodity"]
    assert "more than 0" in problems["msmes[0].supplies[1].quantity"]
    assert "unknown unit 'gram'" in problems["msmes[0].supplies[2].unit"]
    assert "required with a quantity" in problems["msmes[0].supplies[3].unit"]
    assert "must be a number" in problems["msmes[0].supplies[4].quantity"]
    assert "unknown period 'day'" in problems["msmes[0].supplies[4].period"]
    assert problems["msmes[0].supplies[5].commodity"] == "is required"
    assert "unknown key 'colour'" in problems["msmes[0].supplies[5].colour"]
    assert "more than 0" in problems["partners[0].offerings[0].volume.quantity"]
    assert problems["partners[0].offerings[0].volume.period"] == "is required"


def test_too_many_flows_are_refused_whole():
    doc = f.document([f.msme("M1", supplies=[{"commodity": "keladi"}] * 21)])
    assert "at most 20" in _problems(doc)["msmes[0].supplies"]


def test_flow_sheet_errors_name_sheet_row_and_column(runner, tmp_path):
    from tests.test_spreadsheets import write_csv

    folder = tmp_path / "sheets"
    write_csv(folder, "msmes", [["external_id", "name", "regency"], ["M1", "Usaha", "Sambas"]])
    write_csv(
        folder,
        "flows",
        [
            ["msme_external_id", "direction", "commodity", "quantity", "unit"],
            ["M1", "supplies", "keladi", "banyak", "kg"],
            ["M1", "sideways", "keladi", "5", "kg"],
        ],
    )
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code != 0
    assert "flows.csv row 2, column quantity: must be a number" in result.output
    assert "flows.csv row 3, column direction" in result.output
    write_csv(
        folder,
        "flows",
        [
            ["msme_external_id", "direction", "commodity", "quantity", "unit"],
            ["M1", "sources", "keladi", "5", "kg"],
            ["M1", "sources", "keladi", "-5", "kg"],
        ],
    )
    result = runner.invoke(args=["import", str(folder)])
    assert "flows.csv row 3, column quantity: must be more than 0" in result.output
