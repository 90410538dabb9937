"""Offline evaluation: the dev-set floor, the held-out set and the CLI."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from matcher.evaluate import evaluate_file, hard_filter_failures, main
from matcher.profiles import MsmeProfile, OfferingProfile

TODAY = datetime.date(2026, 11, 28)  # the judgements assume a date before 2028
ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "eval" / "dev-set.json"
HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout-eval.json"


@pytest.fixture(scope="module")
def dev_result():
    if not DEV_SET.is_file():
        pytest.skip(f"dev set not found at {DEV_SET} (shared/eval is laid beside the repo)")
    return evaluate_file(DEV_SET, k=5, today=TODAY)


def test_dev_set_floor(dev_result):
    assert dev_result["n_msmes"] == 12
    assert dev_result["engine"] >= 0.92
    assert dev_result["engine"] >= 1.10 * dev_result["best_baseline"]
    assert dev_result["violations"] == 0


def test_holdout_set_written_before_tuning():
    result = evaluate_file(HOLDOUT, k=5, today=TODAY)
    assert result["n_msmes"] == 8
    assert result["violations"] == 0
    assert result["engine"] >= 0.9
    assert result["engine"] > result["best_baseline"]


def test_hard_filter_check_is_independent_and_complete():
    m = MsmeProfile(
        "M", "6101", scale="micro", legal_form="group", certifications=frozenset({"pirt"})
    )
    ok = OfferingProfile("O", "P", "financing", "t", regions=("6101",))
    assert hard_filter_failures(m, ok, TODAY) == []
    bad = OfferingProfile(
        "O",
        "P",
        "financing",
        "t",
        regions=("6102",),
        eligible_scales=("small",),
        eligible_legal_forms=("cooperative",),
        eligible_certifications=("pirt", "halal"),
        capacity=0,
        valid_until=TODAY - datetime.timedelta(days=1),
    )
    assert hard_filter_failures(m, bad, TODAY) == [
        "region",
        "scale",
        "legal_form",
        "certifications",
        "full",
        "expired",
    ]
    national = OfferingProfile("O", "P", "financing", "t", regions=("ID",))
    assert hard_filter_failures(m, national, TODAY) == []


def test_violations_are_counted_in_every_top_ten(tmp_path):
    doc = {
        "format": "jejaring/1",
        "msmes": [
            {
                "external_id": "M1",
                "name": "A",
                "regency": "Sambas",
                "scale": "micro",
                "needs": [{"field": "financing", "description": "modal", "priority": 1}],
            }
        ],
        "partners": [
            {
                "external_id": "P1",
                "name": "B",
                "type": "bank",
                "offerings": [
                    {"external_id": "P1-1", "field": "financing", "title": "Kredit modal"},
                    {
                        "external_id": "P1-2",
                        "field": "financing",
                        "title": "Kredit modal besar",
                        "eligibility": {"scales": ["medium"]},
                    },
                ],
            }
        ],
        "judgements": {"M1": {"P1-1": 3}},
    }
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = evaluate_file(path, k=5, today=TODAY)
    assert result["violations"] == 0 and result["engine"] == pytest.approx(1.0)
    assert set(result["baselines"]) == {"need_field", "text", "field_plus_text"}
    # the reverse direction: the MSME ranked for the one judged offering
    assert result["n_offerings"] == 1 and result["reverse"] == pytest.approx(1.0)


def test_cli_prints_the_table(capsys):
    if not DEV_SET.is_file():
        pytest.skip(f"dev set not found at {DEV_SET}")
    assert main([str(DEV_SET), "--k", "5", "--today", "2026-11-28"]) == 0
    out = capsys.readouterr().out
    for label in (
        "engine (Matcher)",
        "need-field overlap",
        "TF-IDF text",
        "field overlap + text",
        "hard-filter violations in top-10 lists: 0",
    ):
        assert label in out


def test_cli_reports_every_file_given_with_per_msme_scores(tmp_path, capsys):
    doc = {
        "format": "jejaring/1",
        "msmes": [
            {
                "external_id": "M1",
                "name": "A",
                "regency": "Sambas",
                "scale": "micro",
                "needs": [{"field": "financing", "description": "modal", "priority": 1}],
            }
        ],
        "partners": [
            {
                "external_id": "P1",
                "name": "B",
                "type": "bank",
                "offerings": [
                    {"external_id": "P1-1", "field": "financing", "title": "Kredit modal"}
                ],
            }
        ],
        "judgements": {"M1": {"P1-1": 3}},
    }
    paths = []
    for name in ("one.json", "two.json"):
        paths.append(tmp_path / name)
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    assert main([str(p) for p in paths] + ["--today", "2026-11-28", "--per-msme"]) == 0
    out = capsys.readouterr().out
    assert out.count("engine (Matcher)") == 2
    assert out.count("  M1 ") == 2
    assert out.count("reverse direction (MSMEs for each judged offering, 1 offerings)") == 2
    assert "one.json" in out and "two.json" in out
