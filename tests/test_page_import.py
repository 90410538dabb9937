"""Import from a page (issue 14 item 6): the preview writes nothing, names every
problem where it is, and only the confirmation imports the file."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import load_workbook
from sqlalchemy import func, select

from tests import factories as f
from web.extensions import db
from web.models import AuditLog, Introduction, Msme, Offering, Partner
from web.services.spreadsheet_export import write_xlsx


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Msme, Partner, Offering, AuditLog)
        }


def upload(client, name: str, data: bytes):
    return client.post(
        "/consultant/import",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def new_document() -> bytes:
    return json.dumps(f.document(msmes=[f.msme("M-NEW-1"), f.msme("M-NEW-2")])).encode()


def test_preview_changes_nothing_and_confirm_imports_it(app, login_as):
    consultant = login_as("consultant")
    assert "/consultant/import" in consultant.get("/consultant/msmes").text
    before = counts(app)
    answer = upload(consultant, "data.json", new_document())
    assert answer.status_code == 200
    assert counts(app) == before
    preview = answer.text
    assert "Konfirmasi impor" in preview
    # two MSMEs and one partner (with its offering) would be created
    assert '<td data-label="Dibuat">2</td>' in preview
    token = preview.split('name="token" value="')[1].split('"')[0]

    answer = consultant.post("/consultant/import/confirm", data={"token": token})
    assert answer.status_code == 302
    after = counts(app)
    assert after["Msme"] == before["Msme"] + 2
    assert after["Partner"] == before["Partner"] + 1
    assert "Impor selesai: 4 dibuat" in consultant.get("/consultant/import").text

    # the kept file is gone: confirming again imports nothing twice
    consultant.post("/consultant/import/confirm", data={"token": token})
    assert counts(app) == after
    # the preview of the same file again: all unchanged
    assert (
        '<td data-label="Tidak berubah">2</td>'
        in upload(consultant, "data.json", new_document()).text
    )


def test_a_file_that_became_invalid_since_its_preview_is_shown_again_with_its_problems(
    app, login_as
):
    """Between preview and confirmation another import stored the same offering id
    under another partner: the confirmation imports nothing and shows the problem
    where it is, on the page in the reader's language (not a raw report)."""
    from web.services.importer import import_document

    mine = f.document(msmes=[], partners=[f.partner("Q-A", [f.offering("X-1")])])
    consultant = login_as("consultant")
    preview = upload(consultant, "mitra.json", json.dumps(mine).encode()).text
    token = preview.split('name="token" value="')[1].split('"')[0]
    with app.app_context():
        import_document(f.document(msmes=[], partners=[f.partner("Q-B", [f.offering("X-1")])]))
        db.session.commit()
    before = counts(app)

    answer = consultant.post("/consultant/import/confirm", data={"token": token})
    assert answer.status_code == 422
    page = answer.text
    assert "Berkas ditolak: 1 masalah, tidak ada yang diimpor" in page
    assert "berubah sejak pratinjau" in page
    assert "partners[0].offerings[0].external_id" in page and "Q-B" in page
    assert "problem(s) found" not in page  # the CLI's report is not pasted in
    assert counts(app) == before
    with app.app_context():
        assert db.session.scalar(select(Partner).where(Partner.external_id == "Q-A")) is None
    # the kept file is gone: confirming again asks for a new upload
    again = consultant.post("/consultant/import/confirm", data={"token": token})
    assert again.status_code == 302 and counts(app) == before


def test_confirm_needs_the_token_of_this_session(app, login_as):
    consultant = login_as("consultant")
    preview = upload(consultant, "data.json", new_document()).text
    token = preview.split('name="token" value="')[1].split('"')[0]
    before = counts(app)
    other = login_as("admin")
    answer = other.post("/consultant/import/confirm", data={"token": token}, follow_redirects=True)
    assert "kedaluwarsa" in answer.text
    assert counts(app) == before


def test_bad_json_names_the_path_and_imports_nothing(app, login_as):
    consultant = login_as("consultant")
    doc = f.document(msmes=[f.msme("M-BAD", employees="banyak")])
    before = counts(app)
    answer = upload(consultant, "data.json", json.dumps(doc).encode())
    assert counts(app) == before
    assert "Berkas ditolak" in answer.text
    assert "msmes[0].employees" in answer.text
    assert "Konfirmasi impor" not in answer.text
    # malformed JSON: line and column, never the server's folder
    answer = upload(consultant, "data.json", b'{"format": ')
    assert "malformed JSON at line 1" in answer.text
    assert "instance" not in answer.text.split("Berkas ditolak")[1]


def test_bad_xlsx_names_sheet_row_and_column(app, login_as, tmp_path):
    consultant = login_as("consultant")
    path = tmp_path / "templates.xlsx"
    write_xlsx(f.document(msmes=[f.msme("M-X1"), f.msme("M-X2")]), path)
    book = load_workbook(path)
    sheet = book["msmes"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("employees") + 1, value="banyak")
    book.save(path)
    before = counts(app)
    answer = upload(consultant, "templates.xlsx", path.read_bytes())
    assert counts(app) == before
    assert "msmes row 3, column employees" in answer.text


def test_refuses_other_kinds_of_file(app, login_as):
    consultant = login_as("consultant")
    answer = upload(consultant, "data.exe", b"MZ")
    assert "Berkas harus berupa .json, .xlsx atau .csv." in answer.text
    assert "Konfirmasi impor" not in answer.text


def test_partners_and_msmes_may_not_import(app, login_as):
    for name in ("partner_a", "msme_a"):
        client = login_as(name)
        assert client.get("/consultant/import").status_code == 403
        assert upload(client, "data.json", new_document()).status_code == 403


def rows_of(answer) -> list[list[str]]:
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))


def test_msme_list_exports_the_filtered_rows(app, login_as):
    consultant = login_as("consultant")
    page = consultant.get("/consultant/msmes?q=kopi").text
    assert "/consultant/msmes/export/csv?q=kopi" in page
    rows = rows_of(consultant.get("/consultant/msmes/export/csv?q=kopi"))
    assert rows[0][:2] == ["ID", "Nama"]
    assert [r[:2] for r in rows[1:]] == [["M-B", "Kopi Liberika Kayong Makmur"]]
    assert rows[1][7] == "kopi liberika"
    everyone = rows_of(consultant.get("/consultant/msmes/export/csv"))
    assert {"M-A", "M-B"} <= {r[0] for r in everyone[1:]}
    book = load_workbook(io.BytesIO(consultant.get("/consultant/msmes/export/xlsx?q=kopi").data))
    values = list(book.active.iter_rows(values_only=True))
    assert [v[0] for v in values[1:]] == ["M-B"]
    assert consultant.get("/consultant/msmes/export/pdf").status_code == 404


def test_introduction_list_exports_status_and_outcome(app, login_as):
    consultant = login_as("consultant")
    for msme in ("M-A", "M-B"):
        answer = consultant.post(f"/consultant/msmes/{msme}/introduce/P-A-1", data={"message": "x"})
        assert answer.status_code == 302
    with app.app_context():
        intro = db.session.scalar(select(Introduction).join(Msme).where(Msme.external_id == "M-B"))
        intro.status, intro.outcome_kind, intro.outcome_value_idr = (
            "agreement",
            "financing",
            50_000_000,
        )
        db.session.commit()
    assert (
        "/consultant/introductions/export/xlsx" in consultant.get("/consultant/introductions").text
    )
    rows = rows_of(consultant.get("/consultant/introductions/export/csv?status=agreement"))
    assert rows[0][-2:] == ["Jenis hasil", "Nilai hasil (Rp)"]
    assert [(r[1], r[2], r[6], r[7]) for r in rows[1:]] == [
        ("agreement", "Kopi Liberika Kayong Makmur", "financing", "50000000")
    ]
    assert len(rows_of(consultant.get("/consultant/introductions/export/csv"))) == 3
    assert consultant.get("/consultant/introductions/export/csv?status=nope").status_code == 404
