"""Every programme dashboard figure against the hand-computed history of
tests/programme_world.py (quarter 2026-Q3, today 2026-11-29)."""

from __future__ import annotations

import pytest

from tests import programme_world as pw
from web.services import monitoring


@pytest.fixture
def ids(app):
    with app.app_context():
        return pw.build()


def _figures(app, **filters):
    start, end = monitoring.parse_quarter(pw.QUARTER)
    with app.test_request_context():
        return monitoring.figures(
            monitoring.Filters(start=start, end=end, **filters), today=pw.TODAY
        )


def _values(table):
    return [row[1] for row in table.rows]


def test_every_figure_without_filters(app, ids):
    fig = _figures(app)
    ind = {i.key: (i.value, i.base) for i in fig.indicators}
    # assisted in Q3: A (I1, I3), B (I2, I4), D (milestone); C only in Q1
    assert ind["assisted"] == (3, 3)
    assert ind["assisted_new"] == (2, 3)  # B and D; A had I6 in March
    # turnover at 1 Jul: A 300M + B 1,000M + D 100M = 1,400M; at 30 Sep:
    # 600M + 2,500M + 100M = 3,200M -> +128.6%
    assert ind["turnover_growth"] == (128.6, 3)
    # partnerships (an agreement): A and B: 1,300M -> 3,100M = +138.5%
    assert ind["turnover_growth_partnership"] == (138.5, 2)
    # MSME ratings in Q3: 5, 3, 4 (the partner's 2 on the MSME is not one) -> 2 of 3
    assert ind["satisfaction"] == (66.7, 3)
    assert ind["formalisation"] == (1, 3)  # A's NIB on 15 Aug
    assert ind["first_credit"] == (1, 3)  # A's loan on 1 Aug
    # needs of A (financing, marketing), B (marketing), D (production), in the
    # order of the fields: marketing, institutional, production, hr, it, financing, networking
    assert _values(fig.table("needs")) == [2, 0, 1, 0, 0, 1, 0]
    assert _values(fig.table("funnel")) == [4, 2, 2, 2]  # I1-I4 started in Q3
    outcomes = {str(r[0]): (r[1], r[2]) for r in fig.table("outcomes").rows}
    assert outcomes["pinjaman/kredit"] == (50_000_000, 1)
    assert outcomes["kontrak pembelian"] == (120_000_000, 1)
    assert outcomes["hibah/bantuan CSR"] == (0, 0)
    assert fig.table("outcomes").total == 170_000_000
    # scale B, legal form B, halal A, NIB A, first financing A, first buyer B
    assert _values(fig.table("class_ups")) == [1, 1, 1, 1, 1, 1]
    certs = fig.table("certifications")
    assert certs.total == 1 and certs.value("sertifikat halal") == 1
    # due in Q3: D on time, A's late, B's overdue; B's December one and the cancelled not
    assert _values(fig.table("milestones")) == [1, 1, 1, 0]
    # answers after 2 (I1), 10 (I2), 3 (I3) days; I4 waits
    assert _values(fig.table("response_times")) == [1, 1, 1, 0, 1]
    assert "Median: 3 hari" in str(fig.table("response_times").definition)


def test_msme_filters(app, ids):
    sambas = _figures(app, regency="6101")  # A (C is not assisted in Q3)
    assert sambas.indicator("assisted").value == 1
    assert _values(sambas.table("funnel")) == [2, 1, 1, 1]  # I1, I3
    assert sambas.indicator("turnover_growth").value == 100.0  # 300M -> 600M
    kopi = _figures(app, commodity="kopi liberika")
    assert kopi.indicator("assisted").value == 1
    assert kopi.indicator("turnover_growth").value == 150.0  # B: 1,000M -> 2,500M
    # typed as people type it: another spelling finds the same MSMEs
    assert _figures(app, commodity="Kopi Liberica").indicator("assisted").value == 1
    assert _figures(app, sector="plantation").indicator("assisted").value == 1
    assert _figures(app, regency="6110").indicator("assisted").value == 0


def test_consultant_and_field_filters(app, ids):
    x = _figures(app, consultant_id=ids["x"])
    assert x.indicator("assisted").value == 2  # A (I1, I3, M2) and B (I4, M3)
    assert _values(x.table("funnel")) == [3, 1, 1, 1]  # I1, I3, I4
    assert _values(x.table("milestones")) == [0, 1, 1, 0]
    assert x.indicator("satisfaction").value == 50.0  # ratings of I1: 5 and 3
    y = _figures(app, consultant_id=ids["y"])
    assert y.indicator("assisted").value == 2  # B (I2) and D (M1)
    assert _values(y.table("milestones")) == [1, 0, 0, 0]
    marketing = _figures(app, field="marketing")
    assert marketing.indicator("assisted").value == 2  # A (I3, M2), B (I2, M4)
    assert _values(marketing.table("funnel")) == [2, 1, 1, 1]  # I2, I3
    assert marketing.table("needs").total == 2


def test_a_note_is_a_step_but_not_a_second_agreement(app, ids):
    """A note on an agreed introduction is kept as a step of its status: the MSME
    counts as assisted in the note's quarter, but the agreement and its value stay
    in the quarter it was reached (the funnel reads the first steps)."""
    import datetime as dt

    from sqlalchemy import select

    from web.extensions import db
    from web.models import Introduction, Msme, Offering, User
    from web.services import introductions

    today = dt.date.today()
    start, end = monitoring.parse_quarter(monitoring.quarter_of(today))

    def this_quarter():
        with app.test_request_context():
            return monitoring.figures(monitoring.Filters(start=start, end=end), today=today)

    before = this_quarter()
    with app.test_request_context():
        i1 = db.session.scalar(
            select(Introduction)
            .join(Msme, Msme.id == Introduction.msme_id)
            .join(Offering, Offering.id == Introduction.offering_id)
            .where(Msme.external_id == "A", Offering.external_id == "P-1")
        )
        agreed = i1.agreed_at
        introductions.add_note(i1, db.session.get(User, ids["x"]), "Pencairan tahap dua")
        db.session.commit()
        assert i1.agreed_at == agreed and [e.status for e in i1.events][-2:] == ["agreement"] * 2
    after = this_quarter()
    # A, by the note (A has nothing else after Q3)
    assert after.indicator("assisted").value == before.indicator("assisted").value + 1
    assert after.table("outcomes").total == before.table("outcomes").total == 0
    assert after.table("funnel").total == before.table("funnel").total
    q3 = _figures(app)
    assert q3.table("outcomes").total == 170_000_000  # as before the note


def test_the_service_keeps_each_first_step_on_the_introduction(app, ids):
    from sqlalchemy import select

    from web.extensions import db
    from web.models import Msme, MsmeProgress, Offering, User, aware
    from web.services import introductions

    with app.test_request_context():
        consultant = db.session.get(User, ids["x"])
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "C"))
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-1"))
        intro = introductions.start(msme, offering, consultant, "Usulan")
        assert intro.proposed_at is not None and intro.answered_at is None
        introductions.advance(intro, "accepted", consultant)
        introductions.advance(intro, "met", consultant)
        assert intro.accepted_at == intro.answered_at and intro.met_at >= intro.answered_at
        assert intro.agreed_at is None
        introductions.advance(intro, "agreement", consultant, outcome_kind="loan")
        assert intro.agreed_at >= intro.met_at
        assert {e.msme_id for e in intro.events} == {msme.id}
        # C's progress: its first step stays the one of February, its first
        # agreement, credit and financing are this one, no buyer contract yet
        progress = db.session.get(MsmeProgress, msme.id)
        assert progress.first_step_at.date().isoformat() == "2026-02-01"
        agreed = aware(intro.agreed_at)
        assert aware(progress.first_agreed_at) == aware(progress.first_credit_at) == agreed
        assert aware(progress.first_financing_at) == agreed
        assert progress.first_buyer_at is None
        db.session.rollback()


@pytest.mark.parametrize("quarter", ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
def test_progress_gives_what_the_introductions_give(app, ids, quarter):
    """Unfiltered, new MSMEs and partnerships are read from each MSME's progress;
    filtered by field or consultant, from the introductions themselves. Over all
    introductions the two must agree."""
    from sqlalchemy import select

    start, end = monitoring.parse_quarter(quarter)
    with app.test_request_context():
        f = monitoring.Filters(start=start, end=end)
        f.scope = None
        assisted = monitoring.assisted_query(f)
        ids = monitoring.IdSet(select(assisted.c.msme_id), "assisted", unique=True)
        fast = monitoring._progress(ids, f)["new"]
        assert fast == monitoring._new_by_introductions(ids, f)
        assert monitoring._turnover_growth(ids, f, None) == monitoring._turnover_growth(
            ids, f, monitoring._partnered(ids, f).has
        )
        if quarter == pw.QUARTER:
            assert fast == 2  # B and D, as the figures above


def test_the_dashboard_page_shows_the_figures_with_charts_and_tables(app, ids, login_as):
    page = login_as("consultant").get("/consultant/programme?quarter=2026-Q3").text
    assert "Dasbor program" in page
    assert page.index("Pertumbuhan omzet UMKM dampingan") < page.index("Corong perkenalan")
    assert "128,6%" in page and "138,5%" in page and "66,7%" in page
    assert page.count('<svg class="chart"') == 7 and page.count('<table class="data">') == 7
    assert "Rp120.000.000" in page and "Rp50.000.000" in page
    assert "style=" not in page  # the CSP forbids inline styles
    assert "<script>" not in page


def test_a_malformed_period_falls_back_to_the_current_quarter(app, ids, login_as):
    page = login_as("consultant").get("/consultant/programme?quarter=2026-Q9")
    assert page.status_code == 200
    assert monitoring.quarter_of(__import__("datetime").date.today()) in page.text


def test_parse_quarter():
    assert monitoring.parse_quarter("2026-Q3") == (
        __import__("datetime").date(2026, 7, 1),
        __import__("datetime").date(2026, 9, 30),
    )
    assert monitoring.parse_quarter("2026-Q4")[1].isoformat() == "2026-12-31"
    for bad in ("2026-Q5", "2026Q3", "Q3-2026", ""):
        with pytest.raises(monitoring.BadPeriod):
            monitoring.parse_quarter(bad)
