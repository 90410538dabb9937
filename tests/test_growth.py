"""Growth history ("naik kelas"): every path that changes an MSME keeps its
history with an effective date, and class-ups are derived from it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from sqlalchemy import select, update

from tests import factories as f
from web.extensions import db
from web.models import GrowthEvent, Introduction, Msme, Offering, ProfileHistory, User
from web.services import growth, introductions
from web.services.importer import import_document

D1, D2, D3 = dt.date(2025, 1, 10), dt.date(2025, 9, 1), dt.date(2026, 3, 1)


def _row(on, scale="micro", legal_form="individual", nib=None, certifications=()):
    return SimpleNamespace(
        effective_date=on,
        scale=scale,
        legal_form=legal_form,
        nib=nib,
        certifications=list(certifications),
    )


def test_derive_counts_only_real_class_ups():
    rows = [
        _row(D1, "micro", "group", None, ["pirt"]),
        _row(D2, "small", "cooperative", "9120105473216", ["pirt", "halal"]),
        # down again, back to informal, a certificate dropped: none is a class-up
        _row(D3, "micro", "individual", "9120105473216", ["halal"]),
    ]
    events = growth.derive(rows)
    assert [(e.effective_date, e.kind, e.value, e.previous) for e in events] == [
        (D2, "scale", "small", "micro"),
        (D2, "legal_form", "cooperative", "group"),
        (D2, "certification", "halal", None),
        (D2, "nib", "nib", None),  # the fact, not the number
    ]
    assert growth.derive(rows[:1]) == []  # where the record starts is not a class-up


def _events(app, external_id="M1"):
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == external_id))
        return [
            (e.effective_date, e.kind, e.value)
            for e in db.session.scalars(
                select(GrowthEvent)
                .where(GrowthEvent.msme_id == msme.id)
                .order_by(GrowthEvent.effective_date, GrowthEvent.kind, GrowthEvent.value)
            )
        ]


def _history(app, external_id="M1"):
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == external_id))
        return [(h.effective_date, h.scale, h.annual_turnover_idr) for h in growth.history(msme.id)]


def test_imports_that_change_scale_give_class_ups_with_their_dates(app):
    first = f.document(msmes=[f.msme("M1")], partners=[])
    # A year later: turnover over Rp2 billion without a stated scale (derived: small),
    # a CV, and a halal certificate on top of PIRT.
    later = f.document(
        msmes=[
            f.msme(
                "M1",
                scale=None,
                annual_turnover_idr=2_500_000_000,
                legal_form="cv",
                certifications=["pirt", "halal"],
            )
        ],
        partners=[],
    )
    with app.app_context():
        import_document(first, effective_date=D1)
        db.session.commit()
        import_document(later, effective_date=D3)
        db.session.commit()
        # the same file again changes nothing
        import_document(later, effective_date=dt.date(2026, 4, 1))
        db.session.commit()
    assert _history(app) == [(D1, "micro", 300_000_000), (D3, "small", 2_500_000_000)]
    assert _events(app) == [
        (D3, "certification", "halal"),
        (D3, "legal_form", "cv"),
        (D3, "scale", "small"),
    ]


def test_a_backdated_import_is_placed_in_order(app):
    with app.app_context():
        import_document(f.document(msmes=[f.msme("M1")], partners=[]), effective_date=D1)
        import_document(
            f.document(msmes=[f.msme("M1", scale="medium")], partners=[]), effective_date=D3
        )
        # what happened in between, recorded later
        import_document(
            f.document(msmes=[f.msme("M1", scale="small")], partners=[]), effective_date=D2
        )
        db.session.commit()
    assert [h[:2] for h in _history(app)] == [(D1, "micro"), (D2, "small"), (D3, "medium")]
    assert _events(app) == [(D2, "scale", "small"), (D3, "scale", "medium")]
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M1"))
        # each row is in effect until the next one, the back-dated one included
        spans = [(h.effective_date, h.valid_until) for h in growth.history(msme.id)]
        assert spans == [(D1, D2), (D2, D3), (D3, None)]

        def scale_on(day):
            return db.session.scalars(
                select(ProfileHistory.scale).where(
                    ProfileHistory.msme_id == msme.id, growth.in_effect_on(day)
                )
            ).all()

        assert scale_on(D1 - dt.timedelta(days=1)) == []  # before the record starts
        assert scale_on(D2 - dt.timedelta(days=1)) == ["micro"]
        assert scale_on(D2) == ["small"]
        assert scale_on(dt.date(2030, 1, 1)) == ["medium"]


def test_cli_import_takes_the_effective_date(app, runner, write_json):
    first = write_json(f.document(msmes=[f.msme("M1")], partners=[]))
    assert runner.invoke(args=["import", "--as-of", "2025-01-01", str(first)]).exit_code == 0
    grown = write_json(f.document(msmes=[f.msme("M1", scale="small")], partners=[]))
    result = runner.invoke(args=["import", "--as-of", "2026-02-03", str(grown)])
    assert result.exit_code == 0, result.output
    assert _events(app) == [(dt.date(2026, 2, 3), "scale", "small")]


def test_a_page_edit_and_the_api_fill_the_same_history(app, login_as):
    with app.app_context():  # the world was recorded last year
        db.session.execute(update(ProfileHistory).values(effective_date=D1))
        db.session.commit()
    consultant = login_as("consultant")
    form = {
        "name": "UD Amplang Tenggiri Jaya",
        "legal_form": "cooperative",
        "nib": "9120105473216",
        "regency": "6101",
        "sector": "home_industry",
        "commodities": "amplang",
        "scale": "small",
        "business_capital_idr": "50000000",
        "annual_turnover_idr": "2500000000",
        "employees": "9",
        "founded_year": "2018",
        "certifications": ["pirt", "halal"],
        "description": "",
        "needs-0-field": "financing",
        "needs-0-priority": "1",
        "needs-0-description": "Modal",
        "contact_person": "Ibu Rahma",
        "contact_phone": "0812-5000-1111",
        "contact_email": "rahma@amplang.example",
    }
    response = consultant.post("/consultant/msmes/M-A/edit", data=form)
    assert response.status_code == 302, response.text
    today = dt.date.today()
    assert (today, "scale", "small") in _events(app, "M-A")
    page = consultant.get("/consultant/msmes/M-A?tab=growth").text
    assert "Riwayat naik kelas" in page
    assert "Naik skala: mikro → kecil" in page
    assert "Sertifikat baru: sertifikat halal" in page
    assert "Berbadan usaha: usaha perorangan → koperasi" in page
    # the MSME sees its own timeline
    assert "Naik skala: mikro → kecil" in login_as("msme_a").get("/msme/").text
    # the other MSME's page shows no class-up
    assert "Naik skala" not in login_as("msme_b").get("/msme/").text

    from web.services import api_tokens

    with app.app_context():
        user = db.session.scalar(select(User).where(User.role == "consultant"))
        _, token = api_tokens.issue(user, "uji")
        db.session.commit()
    body = {k: v for k, v in f.msme("M-B", scale="medium").items() if k != "external_id"}
    answer = app.test_client().put(
        "/api/v1/msmes/M-B", json=body, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200, answer.text
    assert (today, "scale", "medium") in _events(app, "M-B")
    with app.app_context():
        msme_b = db.session.scalar(select(Msme).where(Msme.external_id == "M-B"))
        rows = db.session.scalars(
            select(ProfileHistory).where(ProfileHistory.msme_id == msme_b.id)
        ).all()
        assert rows[-1].recorded_by == "konsultan@plut.example"


def test_first_financing_and_first_buyer_contract_come_from_outcomes(app, world):
    with app.app_context():
        consultant = db.session.scalar(select(User).where(User.role == "consultant"))
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        offerings = {o.external_id: o for o in db.session.scalars(select(Offering))}
        for offering_id, kind in (("P-A-1", "loan"), ("P-A-2", "purchase_contract")):
            intro = introductions.start(msme, offerings[offering_id], consultant, "")
            for status in ("accepted", "met"):
                introductions.advance(intro, status, consultant)
            introductions.advance(
                intro, "agreement", consultant, outcome_kind=kind, outcome_value_idr=10
            )
        db.session.commit()
        kinds = [(e.kind, e.value) for e in growth.timeline(msme.id)]
        assert ("financing", "loan") in kinds and ("buyer_contract", "purchase_contract") in kinds
        assert db.session.scalar(select(Introduction.id).limit(1)) is not None


def test_deleting_personal_data_removes_the_nib_and_comments_but_keeps_the_statistics(app, world):
    from web.models import Rating
    from web.services import personal_data

    with app.app_context():
        import_document(f.document(msmes=[f.msme("M-A", nib=None)], partners=[]), effective_date=D1)
        import_document(f.document(msmes=[f.msme("M-A")], partners=[]), effective_date=D2)
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        intro = introductions.start(
            msme, db.session.scalar(select(Offering)), db.session.scalar(select(User)), ""
        )
        owner = db.session.scalar(select(User).where(User.msme_id == msme.id))
        db.session.add(
            Rating(introduction=intro, subject="partner", score=4, comment="Bu Rahma puas")
        )
        db.session.flush()
        db.session.scalar(select(Rating)).rater_id = owner.id
        db.session.commit()
        download = personal_data.download(owner)
        assert [h["nib"] for h in download["growth_history"]][-1] == "9120105473216"
        assert download["ratings_given"][0]["comment"] == "Bu Rahma puas"
        personal_data.delete(owner)
        db.session.commit()
        nibs = [h.nib for h in growth.history(msme.id)]
        assert "9120105473216" not in nibs
        assert db.session.scalar(select(Rating)).comment is None
        assert db.session.scalar(select(Rating)).score == 4
        # the NIB class-up still counts for the centre
        assert [e.kind for e in growth.timeline(msme.id)].count("nib") == 1
