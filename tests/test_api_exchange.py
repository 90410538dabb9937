"""Import and export through the API, the code lists, the description of the
API, and bad input of every kind answered with the one error shape."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from tests import factories as f
from tests.test_api_auth import api_fixtures, error_of
from web.extensions import db
from web.models import AuditLog, Msme, Partner

tokens, api = api_fixtures()


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_import_is_atomic_and_names_every_bad_record(app, api):
    audit_before = count(app, AuditLog)
    document = f.document(
        msmes=[
            f.msme("N-1"),
            f.msme("N-2", regency="Mars"),
            f.msme("N-3", needs=[{"field": "cooking"}], employees=10**9),
        ],
        partners=[f.partner("NP-1", offerings=[f.offering("NP-1-1", capacity=-2)])],
    )
    error = error_of(api.post("/import", json=document), 422)
    assert [d["path"] for d in error["details"]] == [
        "msmes[1].regency",
        "msmes[2].employees",
        "msmes[2].needs[0].field",
        "partners[0].offerings[0].capacity",
    ]
    assert error["message"].startswith("4 problem(s) found")
    assert count(app, Msme) == 2 and count(app, Partner) == 2  # only the world
    assert count(app, AuditLog) == audit_before


def test_import_reports_what_the_command_line_reports(app, api, runner, write_json):
    document = f.document(msmes=[f.msme("N-1", nib="12", legal_form="llc")], partners=[])
    cli = runner.invoke(args=["import", str(write_json(document))])
    assert cli.exit_code == 1
    error = error_of(api.post("/import", json=document), 422)
    for problem in error["details"]:
        assert f"{problem['path']}: {problem['message']}" in cli.output


def test_import_is_idempotent_and_can_be_a_dry_run(app, api):
    document = f.document(
        msmes=[f.msme("N-1"), f.msme("N-2")],
        partners=[f.partner("NP-1", offerings=[f.offering("NP-1-1")])],
    )
    dry = api.post("/import?dry_run=true", json=document).get_json()
    assert dry["dry_run"] is True and dry["created"] == {"msme": 2, "partner": 1, "offering": 1}
    assert count(app, Msme) == 2
    first = api.post("/import", json=document).get_json()
    assert first["created"] == {"msme": 2, "partner": 1, "offering": 1}
    audit_after_first = count(app, AuditLog)
    second = api.post("/import", json=document).get_json()
    assert second["created"] == {"msme": 0, "partner": 0, "offering": 0}
    assert second["unchanged"] == {"msme": 2, "partner": 1, "offering": 1}
    assert count(app, AuditLog) == audit_after_first
    assert count(app, Msme) == 4


def test_export_round_trips_through_import(app, api):
    exported = api.get("/export")
    assert exported.status_code == 200
    document = exported.get_json()
    assert document["format"] == "jejaring/1"
    assert [m["external_id"] for m in document["msmes"]] == ["M-A", "M-B"]
    again = api.post("/import", json=document).get_json()
    assert again["created"] == again["updated"] == {"msme": 0, "partner": 0, "offering": 0}
    assert api.get("/export").get_json() == document


def test_bodies_that_are_too_large_are_413(app, api):
    big = json.dumps(dict(f.msme(), description="x" * (1024 * 1024)))
    error = error_of(api.post("/msmes", data=big, content_type="application/json"), 413)
    assert error["code"] == "body_too_large"
    assert error["details"] == {"max_bytes": app.config["API_MAX_BODY_BYTES"]}
    # the import may be larger (up to the upload limit) ...
    many = f.document(
        msmes=[f.msme(f"B-{i:04d}", description="kata " * 200) for i in range(1200)], partners=[]
    )
    raw = json.dumps(many)
    assert len(raw) > app.config["API_MAX_BODY_BYTES"]
    assert (
        api.post("/import?dry_run=true", data=raw, content_type="application/json").get_json()[
            "created"
        ]["msme"]
        == 1200
    )
    # ... but not larger than that
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    huge = json.dumps(dict(many, padding="y" * 2 * 1024 * 1024))
    assert error_of(api.post("/import", data=huge, content_type="application/json"), 413)


def test_bad_input_is_never_a_server_error(api):
    bodies = [
        "",
        "   ",
        "{",
        "[",
        "nul",
        '{"name": NaN, "regency": "Sambas"}',
        "[" * 100_000,
        "1" * 10_000,
        b"\xff\xfe\x00",
        '"just a string"',
        "[]",
        "null",
        "1e999",
        '{"name": "a\\u0000b", "regency": "Sambas"}',
        '{"name": "\\ud800", "regency": "x"}',
        '{"name": 12, "regency": ["Sambas"]}',
        '{"name": "Toko", "regency": "Sambas", "employees": 1e400}',
        '{"name": "Toko", "regency": "Sambas", "business_capital_idr": ' + "9" * 5000 + "}",
    ]
    for body in bodies:
        response = api.post("/msmes", data=body, content_type="application/json")
        assert response.status_code in (400, 422), (body[:40], response.text)
        error_of(response, response.status_code)
    for body in (
        '{"status": 5}',
        '{"status": "accepted", "outcome_value_idr": -1}',
        '{"status": "accepted", "outcome_value_idr": ' + "9" * 40 + "}",
        '{"status": "accepted", "zz": 1}',
    ):
        response = api.post("/introductions/1/status", data=body, content_type="application/json")
        assert response.status_code in (404, 422), response.text
    unicode_name = dict(f.msme(), name="Kopi Ñusantara ☕ 咖啡", external_id="U-1")
    created = api.post("/msmes", json=unicode_name)
    assert created.status_code == 201 and created.get_json()["name"] == unicode_name["name"]
    for path in (
        "/msmes/a%00b",
        "/msmes/" + "x" * 65,
        "/introductions/0",
        "/introductions/99999999999999999999",
        "/msmes/%F0%9F%98%80/matches",
    ):
        assert error_of(api.get(path), 404)["code"] == "not_found"
    assert error_of(api.get("/msmes?q=a%00b"), 422)["details"][0]["path"] == "query.q"


def test_unknown_paths_and_methods_answer_in_the_error_shape(api):
    assert error_of(api.get("/nothing-here"), 404)["code"] == "not_found"
    wrong = api.call("DELETE", "/msmes/M-A")
    assert error_of(wrong, 405)["code"] == "method_not_allowed"
    assert "PUT" in wrong.headers["Allow"]
    # pages keep their HTML error pages
    assert api.client.get("/no-such-page").content_type.startswith("text/html")


def test_taxonomy_and_commodities(api):
    taxonomy = api.get("/taxonomy").get_json()
    fields = {c["code"]: c for c in taxonomy["fields"]}
    assert fields["financing"] == {
        "code": "financing",
        "label_id": "pembiayaan",
        "label_en": "financing",
    }
    assert len(taxonomy["regencies"]) == 14 and {"6171", "6101"} <= {
        r["code"] for r in taxonomy["regencies"]
    }
    for key in ("sectors", "legal_forms", "partner_types", "certifications", "scales"):
        assert taxonomy[key] and all(c["label_id"] and c["label_en"] for c in taxonomy[key])
    assert api.as_("msme_b").get("/taxonomy").status_code == 200
    suggestions = api.get("/commodities?q=madu").get_json()
    assert any(c["name"] == "madu kelulut" for c in suggestions["items"])
    everything = api.get("/commodities?per_page=100").get_json()
    assert everything["total"] > 100 and len(everything["items"]) == 100
    resolved = api.get("/commodities/resolve?text=kopi%20liberca").get_json()
    assert resolved["match"]["key"] == "kopi_liberika" and resolved["exact"] is False
    nothing = api.get("/commodities/resolve?text=zzzzqqq").get_json()
    assert nothing["match"] is None
    assert error_of(api.get("/commodities/resolve"), 422)["details"][0]["path"] == "query.text"


def test_the_description_and_its_page(api):
    document = api.as_(None).get("/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    operations = {
        (method.upper(), path) for path, methods in document["paths"].items() for method in methods
    }
    assert ("GET", "/api/v1/msmes/{external_id}/matches") in operations
    assert ("POST", "/api/v1/import") in operations and len(operations) >= 20
    msme_input = document["components"]["schemas"]["MsmeInput"]
    assert msme_input["additionalProperties"] is False and "name" in msme_input["required"]
    page = api.as_(None).get("/docs")
    assert page.status_code == 200 and page.content_type.startswith("text/html")
    # served by the app alone: no script, nothing loaded from another host
    assert "<script" not in page.text
    assert 'src="http' not in page.text and 'href="http' not in page.text
    for method, path in operations:
        assert f"{method} {path}" in page.text


def test_the_demo_data_imports_through_the_api_as_through_the_command_line(app, api):
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds" / "demo.json"
    answer = api.post("/import", data=seeds.read_bytes(), content_type="application/json")
    assert answer.status_code == 200, answer.text
    assert answer.get_json()["created"] == {"msme": 172, "partner": 40, "offering": 106}
    listing = api.get("/msmes?per_page=100&page=2").get_json()
    assert listing["total"] == 174 and len(listing["items"]) == 74
