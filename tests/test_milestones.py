"""Milestones with the ten traits: warnings next to the field, progress kept,
the per-MSME timeline across fields and the per-consultant list by due date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from web.extensions import db
from web.models import Milestone, MilestoneUpdate, User
from web.services import milestones

START = dt.date(2026, 7, 1)
GOOD = {
    "field": "marketing",
    "title": "Masuk tiga toko oleh-oleh di Pontianak",
    "indicator": "toko yang menjual rutin",
    "unit": "toko",
    "baseline": "0",
    "target_value": "3",
    "start_date": START.isoformat(),
    "due_date": "2026-10-31",
    "consultant_id": "1",
    "counterpart": "Ibu Rahmawati",
    "status": "planned",
}


def _consultant_id(app) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(User.role == "consultant"))


def _count(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(Milestone)).all())


def _warning(page: str, field: str) -> str | None:
    found = re.search(rf'<p class="warning" id="{field}-warning">([^<]*)</p>', page)
    return found.group(1) if found else None


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"target_value": ""}, "target_value", "Tidak ada angka untuk diukur"),
        ({"indicator": ""}, "target_value", "Measurable"),
        ({"consultant_id": ""}, "consultant_id", "Tidak ada yang bertanggung jawab"),
        ({"counterpart": ""}, "counterpart", "Siapa di UMKM"),
        ({"due_date": "2027-08-01"}, "due_date", "Lebih dari setahun"),
        ({"due_date": "2026-07-04"}, "due_date", "Kurang dari seminggu"),
        ({"start_date": ""}, "start_date", "Tanpa tanggal mulai"),
        ({"title": "Pemasaran"}, "title", "Judul terlalu umum"),
    ],
)
def test_each_missing_trait_is_warned_next_to_its_field(app, login_as, change, field, words):
    consultant = login_as("consultant")
    data = {**GOOD, "consultant_id": str(_consultant_id(app)), **change}
    page = consultant.post("/consultant/msmes/M-A/milestones", data=data)
    assert page.status_code == 200
    assert words in (_warning(page.text, field) or "")
    # the other fields carry no warning
    others = [f for f in ("title", "target_value", "consultant_id", "counterpart", "due_date")]
    assert [f for f in others if f != field and _warning(page.text, f)] == []
    assert 'value="' + data["title"] + '"' in page.text  # what was typed is kept
    assert "Tonggak tersimpan" not in page.text
    assert _count(app) == 0
    # saved once the consultant accepts the warning
    saved = consultant.post(
        "/consultant/msmes/M-A/milestones", data=dict(data, accept_warnings="y")
    )
    assert saved.status_code == 302 and _count(app) == 1


def test_end_before_start_is_an_error_and_nothing_is_saved(app, login_as):
    consultant = login_as("consultant")
    data = dict(GOOD, consultant_id=str(_consultant_id(app)), due_date="2026-06-01")
    page = consultant.post("/consultant/msmes/M-A/milestones", data=dict(data, accept_warnings="y"))
    assert page.status_code == 422
    assert 'id="due_date-error">Tenggat sebelum tanggal mulai' in page.text
    assert _count(app) == 0


def test_a_good_milestone_saves_at_once_and_progress_is_kept(app, login_as):
    consultant = login_as("consultant")
    data = dict(GOOD, consultant_id=str(_consultant_id(app)))
    saved = consultant.post("/consultant/msmes/M-A/milestones", data=data)
    assert saved.status_code == 302
    detail = saved.headers["Location"]
    milestone_id = int(detail.rsplit("/", 1)[1])
    for on, value, note in (("2026-08-01", "1", "Toko pertama"), ("2026-09-01", "2", "Kedua")):
        done = consultant.post(
            f"/consultant/milestones/{milestone_id}/updates",
            data={"on_date": on, "value": value, "note": note},
        )
        assert done.status_code == 302
    page = consultant.get(detail).text
    assert "Toko pertama" in page and "Kedua" in page
    with app.app_context():
        m = db.session.get(Milestone, milestone_id)
        assert m.current_value == 2
        assert [u.note for u in m.updates] == ["Toko pertama", "Kedua"]
    # a second milestone follows the first (progressive), in another field
    second = dict(
        data,
        field="financing",
        title="Ajukan kredit mesin vakum ke bank",
        follows_id=str(milestone_id),
        start_date="2026-11-01",
        due_date="2027-01-31",
    )
    assert consultant.post("/consultant/msmes/M-A/milestones", data=second).status_code == 302
    msme_page = consultant.get("/consultant/msmes/M-A?tab=milestones").text
    section = msme_page[msme_page.index('id="milestones"') :]
    # one row of the timeline per field
    assert "<h3>pembiayaan</h3>" in section and "<h3>pemasaran</h3>" in section
    assert "melanjutkan: Masuk tiga toko oleh-oleh di Pontianak" in section
    assert "toko yang menjual rutin: 2 / 3 toko" in section


def test_consultant_list_is_by_due_date_and_marks_late(app, login_as):
    consultant = login_as("consultant")
    cid = str(_consultant_id(app))
    for title, start, due in (
        ("Tonggak lambat sudah lewat tenggat", "2025-01-01", "2025-03-01"),
        ("Tonggak berikut di tahun depan", "2026-12-01", "2027-02-01"),
        ("Tonggak yang paling awal nanti", "2026-11-01", "2026-12-20"),
    ):
        data = dict(GOOD, consultant_id=cid, title=title, start_date=start, due_date=due)
        assert consultant.post("/consultant/msmes/M-B/milestones", data=data).status_code == 302
    page = consultant.get("/consultant/milestones").text
    order = [page.index(t) for t in ("Tonggak lambat", "Tonggak yang paling", "Tonggak berikut")]
    assert order == sorted(order)
    late_row = page[page.index("2025") : page.index("Tonggak lambat")]
    assert "Terlambat" in late_row
    assert page.count("Terlambat") == 1


def test_on_time_and_late_follow_the_completion_date(app, world):
    m = Milestone(due_date=dt.date(2026, 5, 1), status="done", completed_on=dt.date(2026, 4, 30))
    assert not milestones.is_late(m)
    m.completed_on = dt.date(2026, 5, 2)
    assert milestones.is_late(m)
    open_one = Milestone(due_date=dt.date(2026, 5, 1), status="in_progress")
    assert milestones.is_late(open_one, today=dt.date(2026, 5, 2))
    assert not milestones.is_late(open_one, today=dt.date(2026, 5, 1))
    assert MilestoneUpdate  # the model progress is kept in


def test_the_filtered_list_exports_to_csv_and_xlsx(app, login_as):
    import csv
    import io

    from openpyxl import load_workbook

    consultant = login_as("consultant")
    cid = str(_consultant_id(app))
    for title, start, due in (
        ("=HYPERLINK(1) bukan rumus di sel", "2026-12-01", "2027-02-01"),
        ("Tonggak lambat sudah lewat tenggat", "2025-01-01", "2025-03-01"),
    ):
        data = dict(GOOD, consultant_id=cid, title=title, start_date=start, due_date=due)
        assert consultant.post("/consultant/msmes/M-B/milestones", data=data).status_code == 302
    assert "/consultant/milestones/export/csv" in consultant.get("/consultant/milestones").text
    answer = consultant.get("/consultant/milestones/export/csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Tenggat", "Tonggak", "UMKM"]
    assert [r[1] for r in rows[1:]] == [
        "Tonggak lambat sudah lewat tenggat",
        "'=HYPERLINK(1) bukan rumus di sel",  # not read as a formula
    ]
    assert rows[1][5] == "True" and rows[2][5] == "False"  # late, not late
    book = load_workbook(io.BytesIO(consultant.get("/consultant/milestones/export/xlsx").data))
    values = list(book.active.iter_rows(values_only=True))
    assert values[1][0] == "2025-03-01" and values[1][2] == "Kopi Liberika Kayong Makmur"
    # another consultant's list is empty unless everyone's is asked for
    assert (
        len(
            list(
                csv.reader(
                    io.StringIO(
                        login_as("admin")
                        .get("/consultant/milestones/export/csv")
                        .data.decode("utf-8-sig")
                    )
                )
            )
        )
        == 1
    )
    everyone = login_as("admin").get("/consultant/milestones/export/csv?consultant=all")
    assert len(everyone.data.decode("utf-8-sig").strip().splitlines()) == 3
    assert consultant.get("/consultant/milestones/export/pdf").status_code == 404
