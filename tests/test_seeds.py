"""The demo data: seeds/demo.json and seeds/accounts.json are built from seeds/material/."""

from __future__ import annotations

import json
import shutil

import pytest

from seeds import build_demo, check_demo
from tests.conftest import ROOT
from web.services.exchange import DocumentRejected, validate_document

SEEDS = ROOT / "seeds"
MATERIAL = SEEDS / "material"


def build(tmp_path, *extra: str) -> tuple[dict, list]:
    demo, accounts = tmp_path / "demo.json", tmp_path / "accounts.json"
    history = tmp_path / "history.json"
    args = ["--out", str(demo), "--accounts", str(accounts), "--history", str(history)]
    assert build_demo.main([*args, *extra]) == 0
    return (
        json.loads(demo.read_text(encoding="utf-8")),
        json.loads(accounts.read_text(encoding="utf-8")),
    )


def test_building_from_the_material_gives_the_committed_demo_files(tmp_path):
    build(tmp_path)
    for name in ("demo.json", "accounts.json", "history.json"):
        assert (tmp_path / name).read_bytes() == (SEEDS / name).read_bytes(), (
            f"seeds/{name} is not what seeds/material/ builds: "
            "run .venv/bin/python seeds/build_demo.py and commit the result"
        )


def test_the_builder_takes_partners_msme_material_and_accounts_from_the_files(tmp_path):
    material = tmp_path / "material"
    shutil.copytree(MATERIAL, material)
    partners = json.loads((material / "partners.json").read_text(encoding="utf-8"))
    partners["partners"][0]["offerings"][0]["title"] = "Kredit Uji Coba"
    (material / "partners.json").write_text(json.dumps(partners), encoding="utf-8")
    msmes = json.loads((material / "msmes.json").read_text(encoding="utf-8"))
    msmes["email_domains"] = ["contoh.example"]
    (material / "msmes.json").write_text(json.dumps(msmes), encoding="utf-8")
    accounts = json.loads((material / "accounts.json").read_text(encoding="utf-8"))
    accounts[0]["email"] = "admin.uji@jejaring.example"
    (material / "accounts.json").write_text(json.dumps(accounts), encoding="utf-8")

    demo, built_accounts = build(tmp_path, "--material", str(material))

    first = demo["partners"][0]
    assert first["offerings"][0] == {
        **partners["partners"][0]["offerings"][0],
        "title": "Kredit Uji Coba",
    }
    emails = [m["contact"]["email"] for m in demo["msmes"] if "email" in m.get("contact", {})]
    assert emails and all(e.endswith("@contoh.example") for e in emails)
    assert built_accounts[0]["email"] == "admin.uji@jejaring.example"


def test_the_partner_material_is_a_valid_exchange_document_without_phones():
    doc = json.loads((MATERIAL / "partners.json").read_text(encoding="utf-8"))
    try:
        valid = validate_document(doc)
    except DocumentRejected as rejected:  # pragma: no cover - shows what is wrong
        pytest.fail("\n".join(f"{p.path}: {p.message}" for p in rejected.problems))
    assert len(valid.partners) == 40
    assert sum(len(p["offerings"]) for p in valid.partners) == 106
    assert not any("phone" in p["contact"] for p in doc["partners"])


def test_the_demo_partners_are_the_material_with_a_phone_number_added():
    material = json.loads((MATERIAL / "partners.json").read_text(encoding="utf-8"))["partners"]
    demo = json.loads((SEEDS / "demo.json").read_text(encoding="utf-8"))["partners"]
    assert [p["external_id"] for p in demo] == [p["external_id"] for p in material]
    for built, written in zip(demo, material, strict=True):
        assert built["contact"].pop("phone")
        assert built == written


def test_check_demo_accepts_the_committed_demo_files(capsys):
    assert check_demo.main([]) == 0
    assert "OK: no problems found" in capsys.readouterr().out


def test_check_demo_reports_format_problems_as_the_import_does(tmp_path, capsys):
    doc = json.loads((SEEDS / "demo.json").read_text(encoding="utf-8"))
    doc["msmes"][0]["colour"] = "red"
    doc["partners"][0]["offerings"][0]["capacity"] = -1
    with pytest.raises(DocumentRejected) as rejected:
        validate_document(doc)
    demo = tmp_path / "demo.json"
    demo.write_text(json.dumps(doc), encoding="utf-8")

    assert check_demo.main([str(demo), "--accounts", str(SEEDS / "accounts.json")]) == 1

    reported = capsys.readouterr().err
    for problem in rejected.value.problems:
        assert f"  {problem.path}: {problem.message}\n" in reported


def test_the_history_covers_two_years_of_every_kind_of_event(tmp_path):
    build(tmp_path)
    history = json.loads((tmp_path / "history.json").read_text(encoding="utf-8"))
    demo = json.loads((tmp_path / "demo.json").read_text(encoding="utf-8"))
    ids = {m["external_id"] for m in demo["msmes"]}
    offerings = {o["external_id"] for p in demo["partners"] for o in p["offerings"]}
    last = {i["steps"][-1][0] for i in history["introductions"]}
    assert last >= {"proposed", "accepted", "declined", "met", "agreement", "closed"}
    assert all(i["msme"] in ids and i["offering"] in offerings for i in history["introductions"])
    every = [s[1][:10] for i in history["introductions"] for s in i["steps"]]
    assert min(every) >= history["start"] and max(every) <= history["end"]
    assert {m["status"] for m in history["milestones"]} >= {"done", "in_progress", "cancelled"}
    late = [m for m in history["milestones"] if m["completed_on"] and m["completed_on"] > m["due"]]
    on_time = [
        m for m in history["milestones"] if m["completed_on"] and m["completed_on"] <= m["due"]
    ]
    assert late and on_time
    assert {r[1] for r in history["ratings"]} == {"partner", "consultant", "msme"}
    kinds = {k for p in history["profiles"] for s in p["states"] for k in s["set"]}
    assert {"scale", "annual_turnover_idr", "certifications", "nib", "legal_form"} <= kinds
