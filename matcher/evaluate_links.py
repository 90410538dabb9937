"""Offline evaluation of supply links on a judged file (issue 16).

    python -m matcher.evaluate_links PATH [--k 5]

The file is an exchange-format document whose ``judgements`` grade other MSMEs
for a query MSME (``{QUERY: {OTHER: grade}}``, see
``tests/data/README-supply-links.md``). Prints NDCG@k (the gain and discount
of :func:`matcher.learning.ndcg_at_k`) of :func:`matcher.links.rank_links`,
suppliers and buyers merged by score, and of two baselines on the same
candidates: commodity fit alone (ties by id), and commodity fit with quantity
but without distance.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from matcher.learning import ndcg_at_k
from matcher.links import W_COMMODITY, W_QUANTITY, WEIGHTS, Party, party_from, rank_links

VARIANTS = {
    "links (commodity + quantity + distance)": WEIGHTS,
    "baseline: commodity only": (W_COMMODITY, 0.0, 0.0),
    "without distance": (W_COMMODITY, W_QUANTITY, 0.0),
}


def parties_of(document: dict) -> dict[str, Party]:
    return {
        m["external_id"]: party_from(
            m["external_id"],
            _regency(m["regency"]),
            m.get("commodities", []),
            m.get("supplies", []),
            m.get("sources", []),
        )
        for m in document["msmes"]
    }


def _regency(text: str) -> str:
    from matcher.codes import resolve_regency

    return resolve_regency(text) or ""


def evaluate(document: dict, k: int = 5) -> dict[str, dict[str, float]]:
    """NDCG@k of each variant for each judged query MSME (``"mean"`` too)."""
    parties = parties_of(document)
    results = {}
    for name, weights in VARIANTS.items():
        per_query = {}
        for query, grades in document["judgements"].items():
            ranked = rank_links(parties[query], list(parties.values()), limit=50, weights=weights)
            ranked.sort(key=lambda link: (-link.score, link.msme_external_id))
            seen, order = set(), []
            for link in ranked:  # one entry per other MSME, its best direction
                if link.msme_external_id not in seen:
                    seen.add(link.msme_external_id)
                    order.append(grades.get(link.msme_external_id, 0))
            per_query[query] = ndcg_at_k(order, list(grades.values()), k)
        per_query["mean"] = sum(per_query.values()) / len(per_query)
        results[name] = per_query
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args(argv)
    document = json.loads(args.path.read_text(encoding="utf-8"))
    print(f"{args.path.name}: {len(document['judgements'])} judged MSMEs")
    for name, per_query in evaluate(document, args.k).items():
        worst = sorted((v, q) for q, v in per_query.items() if q != "mean")[:2]
        print(
            f"  NDCG@{args.k} {name}: {per_query['mean']:.3f} "
            f"(lowest: {', '.join(f'{q} {v:.2f}' for v, q in worst)})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
