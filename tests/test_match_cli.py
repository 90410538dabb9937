"""The match and learn-weights commands on a real database, and index freshness."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests import world
from web.extensions import db
from web.models import Introduction, Msme, Offering, SystemState, User
from web.services import matching
from web.services.learning import MIN_MSMES


def test_match_json_follows_the_contract(app, runner, world):
    result = runner.invoke(args=["match", "--msme", "M-A", "--limit", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    matches = json.loads(result.output)
    assert matches and len(matches) <= 5
    for match in matches:
        assert set(match) == {"offering_external_id", "partner_external_id", "score", "reasons"}
        assert 0.0 <= match["score"] <= 1.0 and 1 <= len(match["reasons"]) <= 4
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    # M-A's most urgent need is financing: the bank's credit comes first.
    assert matches[0]["offering_external_id"] == "P-A-1"
    assert matches[0]["partner_external_id"] == "P-A"


def test_match_table_and_english_reasons(app, runner, world):
    table = runner.invoke(args=["match", "--msme", "M-A", "--include-filtered"])
    assert table.exit_code == 0 and " 1. " in table.output and "P-A-1" in table.output
    english = runner.invoke(args=["match", "--msme", "M-A", "--format", "json", "--lang", "en"])
    indonesian = runner.invoke(args=["match", "--msme", "M-A", "--format", "json"])
    assert json.loads(english.output)[0]["reasons"] != json.loads(indonesian.output)[0]["reasons"]


def test_match_for_an_offering_ranks_msmes(app, runner, world):
    result = runner.invoke(args=["match", "--offering", "P-B-1", "--format", "json"])
    assert result.exit_code == 0, result.output
    matches = json.loads(result.output)
    assert matches[0]["msme_external_id"] == "M-B"
    assert set(matches[0]) == {"msme_external_id", "score", "reasons"}


def test_match_all_writes_one_line_per_msme(app, runner, world, tmp_path):
    out = tmp_path / "all.jsonl"
    result = runner.invoke(
        args=["match", "--all", "--limit", "3", "--format", "jsonl", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["msme_external_id"] for line in lines] == ["M-A", "M-B"]
    assert all(len(line["matches"]) <= 3 for line in lines)
    assert lines[0]["matches"][0]["offering_external_id"] == "P-A-1"


def test_match_errors(app, runner, world):
    assert (
        "no MSME with external id 'NOPE'" in runner.invoke(args=["match", "--msme", "NOPE"]).output
    )
    assert runner.invoke(args=["match"]).exit_code == 2
    assert runner.invoke(args=["match", "--msme", "M-A", "--format", "jsonl"]).exit_code == 2


def test_a_changed_offering_is_reflected_at_the_next_request(app, runner, world):
    first = json.loads(runner.invoke(args=["match", "--msme", "M-A", "--format", "json"]).output)
    assert "P-A-1" in [m["offering_external_id"] for m in first]
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-1"))
        offering.capacity = 0
        db.session.commit()
    second = json.loads(runner.invoke(args=["match", "--msme", "M-A", "--format", "json"]).output)
    assert "P-A-1" not in [m["offering_external_id"] for m in second]
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-1"))
        offering.title = "Kredit pembelian mesin vakum dan modal kerja"
        offering.capacity = 3
        db.session.commit()
        matcher = matching.cache.get()
        assert "P-A-1" in matcher.offering_ids_


def test_learn_weights_with_too_few_outcomes_keeps_defaults(app, runner, world):
    result = runner.invoke(args=["learn-weights"])
    assert result.exit_code == 0
    assert "Too few outcomes" in result.output
    with app.app_context():
        assert db.session.get(SystemState, matching.WEIGHTS_KEY) is None


def _record_outcomes(count: int) -> None:
    """Amplang makers in Sambas whose outcomes contradict the default weights: the
    marketing offering for amplang (a weaker need match) led to agreements, the
    credit (their urgent need) only to meetings, the coffee buyer to declines."""
    from tests import factories as f
    from web.services.importer import import_document

    msmes = [f.msme(f"L{i:02d}", name=f"Usaha Amplang {i}", regency="Sambas") for i in range(count)]
    import_document(f.document(msmes=msmes, partners=[]), actor_label="test")
    db.session.flush()
    consultant = db.session.scalar(select(User).where(User.role == "consultant"))
    offerings = {o.external_id: o for o in db.session.scalars(select(Offering))}
    for msme in db.session.scalars(select(Msme).where(Msme.external_id.like("L%"))):
        for offering_id, status in (
            ("P-A-2", "agreement"),
            ("P-A-1", "met"),
            ("P-B-1", "declined"),
        ):
            db.session.add(
                Introduction(
                    msme=msme,
                    offering=offerings[offering_id],
                    status=status,
                    created_by_id=consultant.id,
                    outcome_kind="purchase_contract" if status == "agreement" else None,
                )
            )
    db.session.commit()


def test_learn_weights_compares_and_reports_both_figures(app, runner, world):
    with app.app_context():
        _record_outcomes(MIN_MSMES + 6)
    result = runner.invoke(args=["learn-weights"])
    assert result.exit_code == 0, result.output
    assert "Held-out NDCG@5 with current weights:" in result.output
    assert "Held-out NDCG@5 with learned weights:" in result.output
    assert "Learned weights adopted" in result.output
    with app.app_context():
        state = db.session.get(SystemState, matching.WEIGHTS_KEY)
        assert abs(sum(state.value["weights"].values()) - 1) < 1e-6
        assert state.value["heldout_ndcg"] > state.value["previous_ndcg"]
        # The adopted weights now rank for every MSME: the amplang offering first.
        ranking = matching.rank_offerings_for("L00", limit=3)
        assert ranking.matches[0].offering_external_id == "P-A-2"
    again = runner.invoke(args=["learn-weights"])
    assert "not better; keeping the current weights" in again.output


def test_world_module_is_importable():
    assert world.PASSWORD


def test_taking_the_last_place_removes_the_offering_from_rankings(app, world, login_as):
    consultant = login_as("consultant")
    with app.app_context():
        assert "P-A-1" in [
            m.offering_external_id for m in matching.rank_offerings_for("M-A").matches
        ]
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "x"})
    with app.app_context():
        intro_id = db.session.scalar(select(Introduction.id))
    login_as("partner_a").post(
        f"/partner/introductions/{intro_id}/answer", data={"status": "accepted"}
    )
    with app.app_context():  # capacity was 1: the offering is now full
        assert "P-A-1" not in [
            m.offering_external_id for m in matching.rank_offerings_for("M-B").matches
        ]
