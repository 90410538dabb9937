"""Offline evaluation of the ranking on a judged exchange-format file.

    python -m matcher.evaluate PATH [PATH ...] [--k 5] [--today YYYY-MM-DD] [--per-msme]

Prints NDCG@k of the engine and of three baselines on the same data with
the same hard filters (need-field overlap; TF-IDF text; both summed), and the
number of hard-filter violations in the engine's top-10 lists, checked by
:func:`hard_filter_failures`, a plain per-offering check that shares no code
with the engine's vectorised filters.

Graded NDCG: gain ``2**grade - 1``, discount ``log2(rank + 1)``; the ideal
DCG of each MSME comes from its own judged grades; the mean is taken over the
MSMEs that have judgements.
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.codes import NATIONAL, PROVINCE
from matcher.engine import Matcher
from matcher.learning import ndcg_at_k
from matcher.profiles import MsmeProfile, OfferingProfile, profiles_from_document

TOP_N = 10
BASELINES = ("need_field", "text", "field_plus_text")
LABELS = {
    "engine": "engine (Matcher)",
    "need_field": "baseline: need-field overlap",
    "text": "baseline: TF-IDF text",
    "field_plus_text": "baseline: field overlap + text",
}


def hard_filter_failures(
    msme: MsmeProfile, offering: OfferingProfile, today: datetime.date
) -> list[str]:
    """Names of the hard filters ``offering`` fails for ``msme`` (empty = eligible)."""
    failures = []
    regions = set(offering.regions)
    if not (NATIONAL in regions or PROVINCE in regions or msme.regency in regions):
        failures.append("region")
    if offering.eligible_scales and msme.scale not in offering.eligible_scales:
        failures.append("scale")
    if offering.eligible_legal_forms and msme.legal_form not in offering.eligible_legal_forms:
        failures.append("legal_form")
    if set(offering.eligible_certifications) - set(msme.certifications):
        failures.append("certifications")
    if offering.capacity is not None and offering.capacity <= 0:
        failures.append("full")
    if offering.valid_until is not None and offering.valid_until < today:
        failures.append("expired")
    return failures


def _offering_text(o: OfferingProfile) -> str:
    return " ".join([o.title, o.description, o.partner_description, " ".join(o.commodities)])


def _msme_text(m: MsmeProfile) -> str:
    return " ".join(
        [m.description, " ".join(m.commodities), " ".join(n.description for n in m.needs)]
    )


def baseline_scores(msmes, offerings) -> dict[str, np.ndarray]:
    """[n_msmes, n_offerings] scores of each baseline.

    ``need_field``: share of the MSME's needs in the offering's field;
    ``text``: cosine of plain scikit-learn TF-IDF vectors (fitted on the
    offerings); ``field_plus_text``: their sum.
    """
    fields = np.array([o.field for o in offerings])
    overlap = np.array(
        [
            [sum(n.field == f for n in m.needs) / max(1, len(m.needs)) for f in fields]
            for m in msmes
        ],
        dtype=float,
    )
    vectorizer = TfidfVectorizer(sublinear_tf=True).fit([_offering_text(o) for o in offerings])
    text = (
        vectorizer.transform([_msme_text(m) for m in msmes])
        @ vectorizer.transform([_offering_text(o) for o in offerings]).T
    ).toarray()
    return {"need_field": overlap, "text": text, "field_plus_text": overlap + text}


def evaluate_document(doc: dict, k: int = 5, today: datetime.date | None = None) -> dict:
    """Evaluate on a parsed document with ``judgements``; see :func:`evaluate_file`."""
    today = today or datetime.date.today()
    judgements: dict[str, dict[str, int]] = doc.get("judgements") or {}
    msmes, offerings = profiles_from_document(doc)
    offerings = sorted(offerings, key=lambda o: o.external_id)
    matcher = Matcher(today=today).fit(offerings)
    eligible = np.array(
        [[not hard_filter_failures(m, o, today) for o in offerings] for m in msmes], dtype=bool
    )
    baselines = baseline_scores(msmes, offerings)
    ids = [o.external_id for o in offerings]
    per_msme: dict[str, dict[str, float]] = {}
    violations = 0
    by_id = {o.external_id: o for o in offerings}
    for r, msme in enumerate(msmes):
        top = [
            m.offering_external_id for m in matcher.rank_offerings_for(msme, limit=TOP_N).matches
        ]
        violations += sum(bool(hard_filter_failures(msme, by_id[oid], today)) for oid in top)
        grades = judgements.get(msme.external_id)
        if not grades:
            continue
        ideal = list(grades.values())
        row = {"engine": ndcg_at_k([grades.get(oid, 0) for oid in top], ideal, k)}
        for name, scores in baselines.items():
            cand = np.flatnonzero(eligible[r])
            order = cand[np.lexsort((cand, -scores[r, cand]))][:k]
            row[name] = ndcg_at_k([grades.get(ids[i], 0) for i in order], ideal, k)
        per_msme[msme.external_id] = row
    reverse = _reverse_ndcg(matcher, msmes, judgements, k)
    methods = ("engine", *BASELINES)
    mean = {
        name: float(np.mean([row[name] for row in per_msme.values()])) if per_msme else 0.0
        for name in methods
    }
    return {
        "k": k,
        "today": today.isoformat(),
        "n_msmes": len(per_msme),
        "engine": mean["engine"],
        "baselines": {b: mean[b] for b in BASELINES},
        "best_baseline": max(mean[b] for b in BASELINES),
        "violations": violations,
        "per_msme": per_msme,
        "gain": "2**grade - 1",
        "reverse": reverse["mean"],
        "n_offerings": reverse["n"],
    }


def _reverse_ndcg(matcher: Matcher, msmes, judgements: dict, k: int) -> dict:
    """The reverse direction: for each offering with judged MSMEs, NDCG@k of
    :meth:`Matcher.rank_msmes_for` against the same grades, read by offering."""
    by_offering: dict[str, dict[str, int]] = {}
    for mid, grades in judgements.items():
        for oid, grade in grades.items():
            by_offering.setdefault(oid, {})[mid] = grade
    prepared = matcher.prepare_msmes(msmes)
    values = []
    for oid in sorted(by_offering):
        grades = by_offering[oid]
        if oid not in set(matcher.index_.ids) or not any(g > 0 for g in grades.values()):
            continue
        top = [
            m.msme_external_id
            for m in matcher.rank_msmes_for(oid, msmes, limit=TOP_N, prepared=prepared)
        ]
        values.append(ndcg_at_k([grades.get(mid, 0) for mid in top], list(grades.values()), k))
    return {"mean": float(np.mean(values)) if values else 0.0, "n": len(values)}


def evaluate_file(path: str | Path, k: int = 5, today: datetime.date | None = None) -> dict:
    """NDCG@k of the engine and baselines on a judged exchange-format file.

    Returns a dict with ``engine`` (mean NDCG@k), ``baselines`` (name ->
    mean NDCG@k), ``best_baseline``, ``violations`` (hard-filter failures in
    the engine's top-10 lists, over all MSMEs), ``n_msmes``, ``per_msme``,
    and ``reverse``: mean NDCG@k of the MSMEs ranked for each offering that
    has a positive grade (``n_offerings`` of them), against the same grades.
    ``today`` defaults to the current date.
    """
    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    return evaluate_document(doc, k=k, today=today)


def format_report(result: dict) -> str:
    """The printed table of :func:`evaluate_file`'s result."""
    k = result["k"]
    lines = [f"{'method':<34} NDCG@{k}", "-" * 42, f"{LABELS['engine']:<34} {result['engine']:.3f}"]
    for name in BASELINES:
        lines.append(f"{LABELS[name]:<34} {result['baselines'][name]:.3f}")
    best = result["best_baseline"]
    gain = result["engine"] / best - 1 if best > 0 else float("inf")
    lines += [
        "-" * 42,
        f"engine vs best baseline: {gain:+.1%}",
        f"hard-filter violations in top-{TOP_N} lists: {result['violations']}",
        f"MSMEs judged: {result['n_msmes']}; gain {result['gain']}; today {result['today']}",
        f"reverse direction (MSMEs for each judged offering, "
        f"{result['n_offerings']} offerings): NDCG@{k} {result['reverse']:.3f}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m matcher.evaluate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="path",
        help="exchange-format JSON with judgements (one or more)",
    )
    parser.add_argument("--k", type=int, default=5, help="cut-off of NDCG (default 5)")
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=None,
        help="date for validity checks, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--per-msme", action="store_true", help="also print each MSME")
    args = parser.parse_args(argv)
    results = []
    for number, path in enumerate(args.paths):
        result = evaluate_file(path, k=args.k, today=args.today)
        results.append((path, result))
        if len(args.paths) > 1:
            print(("\n" if number else "") + f"== {path}")
        print(format_report(result))
        if args.per_msme:
            for mid, row in result["per_msme"].items():
                print(f"  {mid:<10} " + "  ".join(f"{n}={v:.2f}" for n, v in row.items()))
    if len(results) > 1:
        print(f"\n{'file':<44} engine  best baseline  violations  reverse")
        for path, result in results:
            print(
                f"{str(path)[-44:]:<44} {result['engine']:.3f}  {result['best_baseline']:.3f}"
                f"          {result['violations']:<10}  {result['reverse']:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
