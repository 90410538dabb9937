"""The outcomes page (the agreements introductions reached) against the
hand-computed history of tests/programme_world.py: in 2026-Q3, I1 (MSME A,
Sambas, offering P-1 financing, consultant X) agreed a loan of Rp50.000.000 on
1 August, and I2 (MSME B, Bengkayang, offering P-2 marketing, admin Y) a
purchase contract of Rp120.000.000 on 10 September. Its totals are the
dashboard's outcomes table for the same filters."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests import programme_world as pw
from web.extensions import db
from web.models import Introduction, Msme
from web.services import monitoring, outcomes

Q3 = f"quarter={pw.QUARTER}"


@pytest.fixture
def ids(app):
    with app.app_context():
        users = pw.build()
        intros = dict(
            db.session.execute(
                select(Msme.external_id, Introduction.id)
                .join(Msme, Msme.id == Introduction.msme_id)
                .where(Introduction.agreed_at.is_not(None))
            ).all()
        )
        return {**users, "I1": intros["A"], "I2": intros["B"]}


@pytest.fixture
def consultant(login_as, ids):
    return login_as("consultant")


def _listed(page: str) -> list[int]:
    """The introductions the list links to, in order."""
    listed = page[page.index('id="outcome-list"') :]
    return [int(i) for i in re.findall(r'href="/consultant/introductions/(\d+)"', listed)]


def _filters(**kw) -> monitoring.Filters:
    start, end = monitoring.parse_quarter(pw.QUARTER)
    return monitoring.Filters(start=start, end=end, **kw)


def test_the_page_lists_the_quarters_agreements_newest_first(consultant, ids):
    answer = consultant.get(f"/consultant/outcomes?{Q3}")
    assert answer.status_code == 200
    page = answer.text
    assert _listed(page) == [ids["I2"], ids["I1"]]
    assert "Rp120.000.000" in page and "Rp50.000.000" in page
    assert "Rp170.000.000" in page  # the total
    assert "kontrak pembelian" in page and "pinjaman/kredit" in page
    assert 'href="/consultant/msmes/A"' in page and 'href="/consultant/msmes/B"' in page
    assert "style=" not in page and "<script>" not in page
    # another quarter has none
    assert (
        _listed(consultant.get("/consultant/outcomes?quarter=2026-Q1").text + 'id="outcome-list"')
        == []
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kind=loan", ["I1"]),
        ("kind=purchase_contract", ["I2"]),
        ("kind=grant", []),
        ("field=financing", ["I1"]),
        ("field=marketing", ["I2"]),
        ("field=it", []),
        ("consultant={x}", ["I1"]),
        ("consultant={y}", ["I2"]),
        ("regency=6101", ["I1"]),
        ("regency=6102", ["I2"]),
        ("regency=6103", []),
        ("sector=plantation", ["I2"]),
        ("from=2026-08-01&to=2026-08-31", ["I1"]),
        ("from=2026-09-01&to=2026-12-31", ["I2"]),
        ("kind=loan&field=marketing", []),
        ("consultant={y}&field=marketing&regency=6102", ["I2"]),
    ],
)
def test_the_filters_narrow_the_list(consultant, ids, query, expected):
    page = consultant.get(f"/consultant/outcomes?{Q3}&" + query.format(**ids)).text
    assert _listed(page + 'id="outcome-list"') == [ids[name] for name in expected]
    if not expected:
        assert "Tidak ada kesepakatan" in page


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"field": "marketing"},
        {"field": "financing"},
        {"consultant": "x"},
        {"consultant": "y"},
        {"regency": "6101"},
        {"regency": "6102", "field": "marketing"},
        {"commodity": "kopi liberika"},
    ],
)
def test_the_totals_are_the_dashboards(app, consultant, ids, filters):
    kw = {("consultant_id" if k == "consultant" else k): v for k, v in filters.items()}
    if "consultant_id" in kw:
        kw["consultant_id"] = ids[kw["consultant_id"]]
    with app.test_request_context():
        table = monitoring.figures(_filters(**kw), today=pw.TODAY).table("outcomes")
        totals = outcomes.totals(_filters(**kw))
        from web.i18n import outcome_label

        dashboard = {str(label): (value, n) for label, value, n in table.rows if n}
        page_totals = {outcome_label(k): (v, n) for k, (n, v) in totals.items()}
    assert page_totals == dashboard
    query = "&".join(f"{k}={v}" for k, v in kw.items()).replace("consultant_id", "consultant")
    page = consultant.get(f"/consultant/outcomes?{Q3}&{query}").text
    totals_table = page[page.index('id="outcome-totals"') : page.index("</table>")]
    for label, (value, _n) in dashboard.items():
        assert label in totals_table and f"Rp{value:,}".replace(",", ".") in totals_table
    assert f"Rp{table.total:,}".replace(",", ".") in totals_table  # the footer's sum


def test_the_dashboard_links_to_its_agreements_with_the_same_filters(consultant, ids):
    page = consultant.get(f"/consultant/programme?{Q3}&field=marketing&regency=6102").text
    link = re.search(r'href="(/consultant/outcomes\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert "quarter=2026-Q3" in link and "field=marketing" in link and "regency=6102" in link
    assert _listed(consultant.get(link).text) == [ids["I2"]]
    # a custom period goes along as dates
    page = consultant.get("/consultant/programme?from=2026-08-01&to=2026-08-31").text
    link = re.search(r'href="(/consultant/outcomes\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert "from=2026-08-01" in link and "to=2026-08-31" in link
    assert _listed(consultant.get(link).text) == [ids["I1"]]
    # and the consultant dashboard's monitoring links lead to the page
    assert 'href="/consultant/outcomes"' in consultant.get("/consultant/").text


def _csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_exports_hold_the_same_rows(consultant, ids):
    expected = [
        ["2026-09-10", "B", "UD Amplang Tenggiri Jaya", "6102"],
        ["2026-08-01", "A", "UD Amplang Tenggiri Jaya", "6101"],
    ]
    answer = consultant.get(f"/consultant/outcomes/export/csv?{Q3}")
    assert answer.status_code == 200
    assert 'filename="hasil-kesepakatan.csv"' in answer.headers["Content-Disposition"]
    header, *rows = _csv_rows(answer.data)
    assert header[0] == "Tanggal kesepakatan" and header[-1] == "Nilai hasil (Rp)"
    assert len(header) == 9
    assert [r[:4] for r in rows] == expected
    assert [r[6:] for r in rows] == [
        ["marketing", "purchase_contract", "120000000"],
        ["financing", "loan", "50000000"],
    ]
    answer = consultant.get(f"/consultant/outcomes/export/xlsx?{Q3}")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.data)).active
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == header
    assert [[str(v) for v in r] for r in cells[1:]] == rows
    # the filters apply to the downloads as to the page
    one = _csv_rows(consultant.get(f"/consultant/outcomes/export/csv?{Q3}&kind=loan").data)
    assert [r[1] for r in one[1:]] == ["A"]
    assert consultant.get(f"/consultant/outcomes/export/pdf?{Q3}").status_code == 404


def test_bad_filter_values_are_ignored_not_a_500(consultant, ids):
    page = consultant.get("/consultant/outcomes?quarter=2026-Q9")
    assert page.status_code == 200  # the current quarter, as the dashboard
    page = consultant.get(
        f"/consultant/outcomes?{Q3}&kind=bogus&field=bogus&consultant=abc&regency=99"
        "&sector=x&from=2026-13-01&to=nope&page=-3"
    )
    assert page.status_code == 200
    assert _listed(page.text) == [ids["I2"], ids["I1"]]
    answer = consultant.get(f"/consultant/outcomes/export/csv?{Q3}&kind=bogus&consultant=x")
    assert answer.status_code == 200 and len(_csv_rows(answer.data)) == 3


@pytest.mark.parametrize("path", ["/consultant/outcomes", "/consultant/outcomes/export/csv"])
def test_only_staff_see_the_outcomes(app, login_as, ids, path):
    assert login_as("msme_a").get(path).status_code == 403
    assert login_as("partner_a").get(path).status_code == 403
    anonymous = app.test_client().get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert login_as("admin").get(path).status_code == 200


def test_the_form_shows_the_filters_in_use(consultant, ids):
    page = consultant.get(
        "/consultant/outcomes?kind=loan&field=financing&from=2026-08-01&to=2026-08-31"
    ).text
    assert '<option value="loan" selected>' in page
    assert '<option value="financing" selected>' in page
    assert 'value="2026-08-01"' in page and 'value="2026-08-31"' in page
    assert "None" not in page
    # back to the dashboard with the same period and filters, less the kind
    back = re.search(r'href="(/consultant/programme\?[^"]+)"', page).group(1)
    assert "from=2026-08-01" in back and "field=financing" in back and "kind" not in back
    # the dashboard's form has no kind of outcome
    assert 'name="kind"' not in consultant.get(f"/consultant/programme?{Q3}").text
