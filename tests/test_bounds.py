"""Costly input is bounded: long lists, huge or hostile spreadsheets, deeply
nested JSON and endless request bodies are refused with the usual report (or
413), never with a traceback or gigabytes of memory."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from tests import factories as f
from tests.test_api_auth import api_fixtures, error_of
from web.extensions import db
from web.models import Msme, Offering
from web.services import spreadsheets
from web.services.exchange import COMMODITIES_MAX, OFFERINGS_MAX, PROBLEMS_SHOWN

tokens, api = api_fixtures()

MANY = 55_000  # the commodities an outside probe saved on one offering


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


# -- the exchange format -----------------------------------------------------------
def test_an_offering_with_55000_commodities_is_refused_by_the_api(app, api):
    before = _count(app, Offering)
    body = {
        "field": "marketing",
        "title": "Borong segala hasil bumi",
        "commodities": [f"komoditas {i}" for i in range(MANY)],
    }
    error = error_of(api.as_("partner_a").post("/partners/P-A/offerings", json=body), 422)
    problem = next(p for p in error["details"] if p["path"] == "commodities")
    assert f"{MANY} entries, at most {COMMODITIES_MAX}" in problem["message"]
    assert len(error["details"]) == 1  # one problem for the list, not one per entry
    assert _count(app, Offering) == before


def test_an_offering_with_55000_commodities_is_refused_next_to_the_field(app, login_as):
    partner = login_as("partner_a")
    page = partner.post(
        "/partner/offerings/new",
        data={
            "field": "marketing",
            "title": "Borong segala hasil bumi",
            "commodities": "; ".join(f"k{i}" for i in range(MANY)),
        },
    ).text
    assert 'id="commodities-error"' in page and f"{COMMODITIES_MAX}" in page
    with app.app_context():
        assert db.session.scalar(select(Offering).where(Offering.title.like("Borong%"))) is None


def test_text_over_its_bound_is_refused_next_to_the_field(app, login_as):
    page = (
        login_as("partner_a")
        .post(
            "/partner/offerings/new",
            data={"field": "marketing", "title": "Etalase", "description": "x" * 5001},
        )
        .text
    )
    assert 'id="description-error"' in page


def test_needs_and_offerings_per_record_are_bounded(runner, write_json):
    msme = f.msme(needs=[{"field": "financing"}] * 11)
    partner = f.partner(offerings=[f.offering(f"P1-{i}") for i in range(OFFERINGS_MAX + 1)])
    result = runner.invoke(args=["import", str(write_json(f.document([msme], [partner])))])
    assert result.exit_code == 1
    assert "msmes[0].needs: has 11 entries, at most 10" in result.output
    assert (
        f"partners[0].offerings: has {OFFERINGS_MAX + 1} entries, at most "
        f"{OFFERINGS_MAX}" in result.output
    )


def test_offerings_stored_and_sent_together_are_bounded(app, runner, write_json):
    first = f.partner(offerings=[f.offering(f"P1-{i}") for i in range(30)])
    assert runner.invoke(args=["import", str(write_json(f.document([], [first])))]).exit_code == 0
    more = f.partner(offerings=[f.offering(f"P1-{i}") for i in range(30, 60)])
    result = runner.invoke(args=["import", str(write_json(f.document([], [more])))])
    assert result.exit_code == 1
    assert f"would have 60 offerings, at most {OFFERINGS_MAX}" in result.output
    assert _count(app, Offering) == 30


def test_the_report_lists_200_problems_and_counts_the_rest(runner, write_json):
    msmes = [f.msme(f"M{i}", regency="Mars") for i in range(PROBLEMS_SHOWN + 50)]
    result = runner.invoke(args=["import", str(write_json(f.document(msmes, [])))])
    assert result.exit_code == 1
    assert f"{PROBLEMS_SHOWN + 50} problem(s) found" in result.output
    assert result.output.count("  - msmes[") == PROBLEMS_SHOWN
    assert "... and 50 more problem(s)" in result.output


def test_a_huge_bad_value_is_quoted_short(runner, write_json):
    result = runner.invoke(
        args=["import", str(write_json(f.document([f.msme(legal_form="x" * 100_000)], [])))]
    )
    assert result.exit_code == 1 and "unknown legal form" in result.output
    assert len(result.output) < 2000


# -- JSON nesting ----------------------------------------------------------------------
@pytest.mark.parametrize("depth", [30, 100_000])
def test_deeply_nested_json_on_the_command_line_is_reported(runner, tmp_path, depth):
    path = tmp_path / "deep.json"
    path.write_text(
        '{"format": "jejaring/1", "judgements": ' + "[" * depth + "]" * depth + "}",
        encoding="utf-8",
    )
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1, result.output
    assert "rejected" in result.output and "nested more than 20 levels deep" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_deeply_nested_json_in_the_api_is_refused(api):
    for depth in (50, 100_000):
        body = '{"format": "jejaring/1", "judgements": ' + "[" * depth + "]" * depth + "}"
        response = api.post("/import", data=body, content_type="application/json")
        assert response.status_code in (400, 422), response.text
        assert "nested" in response.text


# -- spreadsheets ----------------------------------------------------------------------
def _csv(folder, rows: int):
    folder.mkdir()
    lines = ["external_id,name,regency"] + [f"M{i},Usaha {i},Landak" for i in range(rows)]
    (folder / "msmes.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_csv_over_the_row_cap_is_refused_naming_the_cap(app, runner, tmp_path):
    folder = _csv(tmp_path / "big", spreadsheets.ROWS_MAX + 1)
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1
    assert f"msmes.csv: has more than {spreadsheets.ROWS_MAX} rows" in result.output
    assert _count(app, Msme) == 0


def test_a_csv_over_the_byte_cap_is_refused(app, runner, tmp_path, monkeypatch):
    monkeypatch.setattr(spreadsheets, "FILE_MAX_BYTES", 1000)
    folder = _csv(tmp_path / "wide", 100)
    result = runner.invoke(args=["import", str(folder)])
    assert result.exit_code == 1 and "at most 1000 are read" in result.output


def _template_xlsx(runner, tmp_path):
    assert runner.invoke(args=["templates", str(tmp_path / "t")]).exit_code == 0
    return (tmp_path / "t" / "jejaring-template.xlsx").read_bytes()


def _rewrite(xlsx: bytes, replace: dict[str, bytes | callable]) -> bytes:
    """The workbook with some members' content replaced (a callable writes it)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            new = replace.get(member.filename)
            if callable(new):
                with target.open(member.filename, "w") as stream:
                    new(stream, source.read(member))
            else:
                target.writestr(member.filename, new if new is not None else source.read(member))
    return out.getvalue()


def test_an_xlsx_whose_xml_expands_hugely_is_refused_quickly(app, runner, tmp_path):
    def padded(stream, original: bytes) -> None:
        stream.write(b'<?xml version="1.0" encoding="UTF-8"?>')
        blank = b" " * (1 << 20)
        for _ in range(spreadsheets.XML_MAX_BYTES // len(blank) + 1):
            stream.write(blank)  # compresses to almost nothing
        stream.write(original.split(b"?>", 1)[-1])

    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(
        _rewrite(_template_xlsx(runner, tmp_path), {"xl/worksheets/sheet1.xml": padded})
    )
    assert bomb.stat().st_size < 1_000_000
    result = runner.invoke(args=["import", str(bomb)])
    assert result.exit_code == 1
    assert "the workbook expands to" in result.output
    assert f"at most {spreadsheets.XML_MAX_BYTES}" in result.output
    assert _count(app, Msme) == 0


LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
)


def test_an_xlsx_with_xml_entities_is_refused_with_the_report(app, runner, tmp_path):
    def laughing(stream, original: bytes) -> None:
        rest = original.split(b"?>", 1)[-1]
        stream.write(LAUGHS + rest.replace(b"UD Contoh Amplang Sambas", b"&lol3;"))

    shared = "xl/sharedStrings.xml"
    xlsx = _template_xlsx(runner, tmp_path)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        target = shared if shared in archive.namelist() else "xl/worksheets/sheet1.xml"
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(_rewrite(xlsx, {target: laughing}))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1, result.output
    assert "declares a DTD or XML entities" in result.output
    assert "Traceback" not in result.output
    assert _count(app, Msme) == 0


def test_xlsx_rows_over_the_cap_are_refused(app, runner, tmp_path, monkeypatch):
    from openpyxl import Workbook

    monkeypatch.setattr(spreadsheets, "ROWS_MAX", 3)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "msmes"
    sheet.append(["external_id", "name", "regency"])
    for i in range(4):
        sheet.append([f"M{i}", f"Usaha {i}", "Landak"])
    sheet.cell(row=1_000_000, column=1, value="M-far")  # far below: still counted
    workbook.save(tmp_path / "rows.xlsx")
    result = runner.invoke(args=["import", str(tmp_path / "rows.xlsx")])
    assert result.exit_code == 1 and "msmes: has more than 3 rows" in result.output


def test_a_value_beyond_the_column_cap_is_refused(app, runner, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "msmes"
    sheet.append(["external_id", "name", "regency"])
    sheet.append(["M1", "Usaha", "Landak"])
    sheet.cell(row=2, column=16_000, value="jauh")
    workbook.save(tmp_path / "wide.xlsx")
    result = runner.invoke(args=["import", str(tmp_path / "wide.xlsx")])
    assert result.exit_code == 1
    assert f"has values beyond column {spreadsheets.COLUMNS_MAX}" in result.output


# -- request bodies ----------------------------------------------------------------------
def test_a_chunked_body_over_the_limit_answers_413(app, api):
    app.config["MAX_CONTENT_LENGTH"] = 100_000
    document = json.dumps(f.document(msmes=[f.msme(f"M{i}") for i in range(400)]))
    assert len(document) > 200_000
    response = api.post(
        "/import",
        input_stream=io.BytesIO(document.encode()),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    error = error_of(response, 413)
    assert error["details"] == {"max_bytes": 100_000}
    assert _count(app, Msme) == 2  # the world's, nothing more


def test_a_chunked_body_under_the_limit_is_read_whole(app, api):
    document = json.dumps(f.document(msmes=[f.msme("M-CHUNK")], partners=[]))
    response = api.post(
        "/import?dry_run=true",
        input_stream=io.BytesIO(document.encode()),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 200, response.text
    assert response.get_json()["created"]["msme"] == 1


def test_the_api_lists_200_problems_and_counts_the_rest(app, api):
    msmes = [f.msme(f"M{i}", regency="Mars") for i in range(PROBLEMS_SHOWN + 50)]
    error = error_of(api.post("/import", json=f.document(msmes, [])), 422)
    assert len(error["details"]) == PROBLEMS_SHOWN
    assert error["message"].startswith(f"{PROBLEMS_SHOWN + 50} problem(s) found")
