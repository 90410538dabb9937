"""A small programme history whose dashboard figures are computed by hand
(tests/test_programme_dashboard.py lists them) for the quarter 2026-Q3.

MSMEs: A (Sambas, home industry, amplang), B (Bengkayang, plantation, kopi
liberika), C (Sambas, only active in Q1), D (Landak, only a milestone in Q3).
Consultant X proposed I1, I3, I4 and I6; admin Y proposed I2.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from tests import factories as f
from web.extensions import db
from web.models import Introduction, Milestone, Msme, Offering, Rating, User
from web.services.importer import import_document
from web.services.introductions import record_step

TODAY = dt.date(2026, 11, 29)
QUARTER = "2026-Q3"


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day + "T10:00:00+00:00")


def _msme(external_id, **kw):
    base = dict(
        nib=None,
        certifications=[],
        legal_form="individual",
        scale="micro",
        business_capital_idr=None,
        employees=None,
    )
    return f.msme(external_id, **{**base, **kw})


def _msmes(a_turnover, a_nib, a_certs, b_turnover, b_scale, b_form):
    return [
        _msme(
            "A",
            regency="6101",
            sector="home_industry",
            commodities=["amplang"],
            annual_turnover_idr=a_turnover,
            nib=a_nib,
            certifications=a_certs,
            needs=[
                {"field": "financing", "description": "Modal mesin", "priority": 1},
                {"field": "marketing", "description": "Pembeli", "priority": 2},
            ],
        ),
        _msme(
            "B",
            regency="6102",
            sector="plantation",
            commodities=["kopi liberika"],
            annual_turnover_idr=b_turnover,
            scale=b_scale,
            legal_form=b_form,
            needs=[{"field": "marketing", "description": "Pasar kopi", "priority": 1}],
        ),
    ]


def build() -> dict[str, int]:
    partners = [
        f.partner(
            "P",
            offerings=[
                f.offering("P-1", field="financing", capacity=None),
                f.offering("P-2", field="marketing", capacity=None, eligibility={}),
            ],
        )
    ]
    first = _msmes(300_000_000, None, ["pirt"], 1_000_000_000, "micro", "group")
    first += [
        _msme(
            "C",
            regency="6101",
            sector="home_industry",
            annual_turnover_idr=200_000_000,
            needs=[{"field": "it", "description": "Toko daring", "priority": 1}],
        ),
    ]
    import_document(f.document(msmes=first, partners=partners), effective_date=dt.date(2026, 1, 1))
    import_document(
        f.document(
            msmes=[
                _msme(
                    "D",
                    regency="6103",
                    sector="agriculture",
                    annual_turnover_idr=100_000_000,
                    needs=[{"field": "production", "description": "Alat", "priority": 1}],
                )
            ],
            partners=[],
        ),
        effective_date=dt.date(2026, 6, 1),
    )
    # A: NIB and halal from 15 August; B: small cooperative from 1 September.
    import_document(
        f.document(
            msmes=_msmes(
                600_000_000, "9120105473216", ["pirt", "halal"], 1_000_000_000, "micro", "group"
            )[:1],
            partners=[],
        ),
        effective_date=dt.date(2026, 8, 15),
    )
    import_document(
        f.document(
            msmes=_msmes(
                600_000_000,
                "9120105473216",
                ["pirt", "halal"],
                2_500_000_000,
                "small",
                "cooperative",
            )[1:],
            partners=[],
        ),
        effective_date=dt.date(2026, 9, 1),
    )
    x = User(email="x@plut.example", role="consultant", name="Konsultan X", password_hash="x")
    y = User(email="y@plut.example", role="admin", name="Admin Y", password_hash="x")
    db.session.add_all([x, y])
    db.session.flush()
    msmes = {m.external_id: m for m in db.session.scalars(select(Msme))}
    offerings = {o.external_id: o for o in db.session.scalars(select(Offering))}

    def intro(name, msme, offering, by, steps, outcome=None):
        i = Introduction(
            msme=msmes[msme],
            offering=offerings[offering],
            status=steps[-1][0],
            created_by_id=by.id,
            created_at=at(steps[0][1]),
            outcome_kind=outcome[0] if outcome else None,
            outcome_value_idr=outcome[1] if outcome else None,
        )
        for s, d in steps:
            record_step(i, s, at=at(d))
        db.session.add(i)
        return i

    i1 = intro(
        "I1",
        "A",
        "P-1",
        x,
        [
            ("proposed", "2026-07-05"),
            ("accepted", "2026-07-07"),
            ("met", "2026-07-20"),
            ("agreement", "2026-08-01"),
        ],
        ("loan", 50_000_000),
    )
    i2 = intro(
        "I2",
        "B",
        "P-2",
        y,
        [
            ("proposed", "2026-07-10"),
            ("accepted", "2026-07-20"),
            ("met", "2026-08-01"),
            ("agreement", "2026-09-10"),
        ],
        ("purchase_contract", 120_000_000),
    )
    intro("I3", "A", "P-2", x, [("proposed", "2026-08-01"), ("declined", "2026-08-04")])
    intro("I4", "B", "P-1", x, [("proposed", "2026-09-20")])
    intro("I5", "C", "P-2", x, [("proposed", "2026-02-01"), ("accepted", "2026-02-03")])
    # A was assisted before the quarter (not new); declined, another offering
    i6 = Introduction(
        msme=msmes["A"],
        offering=offerings["P-1"],
        status="declined",
        created_by_id=x.id,
        created_at=at("2026-03-01"),
    )
    # (A and P-1 already have I1: the pair is unique, so I6 goes to a third offering)
    extra = Offering(
        external_id="P-3", partner=offerings["P-1"].partner, field="training", title="Pelatihan"
    )
    db.session.add(extra)
    i6.offering = extra
    record_step(i6, "proposed", at=at("2026-03-01"))
    record_step(i6, "declined", at=at("2026-03-30"))
    db.session.add(i6)

    def milestone(msme, field, start, due, status, completed=None, by=x):
        db.session.add(
            Milestone(
                msme=msmes[msme],
                field=field,
                title=f"Tonggak {msme} {field}",
                start_date=dt.date.fromisoformat(start),
                due_date=dt.date.fromisoformat(due),
                status=status,
                completed_on=dt.date.fromisoformat(completed) if completed else None,
                consultant_id=by.id,
            )
        )

    milestone("D", "production", "2026-07-10", "2026-08-10", "done", "2026-08-05", by=y)
    milestone("A", "marketing", "2026-06-01", "2026-07-31", "done", "2026-08-10")
    milestone("B", "financing", "2026-07-01", "2026-09-15", "in_progress")
    milestone("B", "marketing", "2026-09-01", "2026-12-31", "planned")
    milestone("A", "marketing", "2026-07-01", "2026-08-01", "cancelled")
    db.session.flush()
    for introduction, subject, score, day in (
        (i1, "partner", 5, "2026-08-05"),
        (i1, "consultant", 3, "2026-08-05"),
        (i2, "partner", 4, "2026-09-15"),
        (i2, "msme", 2, "2026-09-16"),  # the partner rates the MSME: not satisfaction
    ):
        db.session.add(
            Rating(
                introduction=introduction,
                subject=subject,
                score=score,
                created_at=at(day),
                consultant_id=introduction.created_by_id if subject == "consultant" else None,
            )
        )
    db.session.commit()
    return {"x": x.id, "y": y.id}
