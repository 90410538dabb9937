"""Every ranking of a data set, written out exactly, to compare two versions.

    .venv/bin/python -m bench.exactness OUT.json              # dev set and synthetic data
    .venv/bin/python -m bench.exactness OUT.json --compare OLD.json

Written for changes that must leave every ranking bit-identical (issue 11,
item 4): run it before the change, keep the file, run it after with
``--compare``. Scores and feature values are written with ``float.hex``, so
equal files mean equal bits. Covers both sides of the ranking on the judged
dev set and on synthetic data (:mod:`bench.generate`): offerings for each
MSME (one at a time with nearly-fitting ones, and in batch), and MSMEs for
offerings (encoded anew and over a kept encoding), with reasons in both
languages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bench.generate import generate
from matcher.engine import Matcher
from matcher.profiles import profiles_from_document

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT.parent / "shared" / "eval" / "dev-set.json"
TODAY = dt.date(2026, 11, 28)


def _h(value: float) -> str:
    return float(value).hex()


def rankings(doc: dict, msme_sample: int, offering_step: int) -> dict:
    """Every ranking the engine gives for ``doc``, as exact plain data."""
    msmes, offerings = profiles_from_document(doc)
    matcher = Matcher(today=TODAY).fit(offerings)
    out: dict = {"single": {}, "batch": {}, "partner": {}, "partner_prepared": {}}
    for lang in ("id", "en"):
        for msme in msmes[:msme_sample]:
            ranking = matcher.rank_offerings_for(msme, limit=10, include_filtered=True, lang=lang)
            out["single"][f"{lang}:{msme.external_id}"] = {
                "matches": [
                    [
                        m.offering_external_id,
                        _h(m.score),
                        m.reasons,
                        {k: _h(v) for k, v in m.features.items()},
                    ]
                    for m in ranking.matches
                ],
                "filtered": [
                    [f.offering_external_id, _h(f.score), f.missing] for f in ranking.filtered
                ],
            }
        for msme, matches in matcher.rank_many(msmes, limit=10, lang=lang, workers=1):
            out["batch"][f"{lang}:{msme.external_id}"] = [
                [m.offering_external_id, _h(m.score), m.reasons] for m in matches
            ]
        prepared = matcher.prepare_msmes(msmes)
        for oid in matcher.offering_ids_[::offering_step]:
            for key, kept in (("partner", None), ("partner_prepared", prepared)):
                ranked = matcher.rank_msmes_for(oid, msmes, limit=15, lang=lang, prepared=kept)
                out[key][f"{lang}:{oid}"] = [
                    [m.msme_external_id, _h(m.score), _h(m.one_way), m.reasons] for m in ranked
                ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--compare", type=Path, help="an earlier run's file")
    args = parser.parse_args(argv)
    data = {
        "dev-set": rankings(json.loads(DEV_SET.read_text(encoding="utf-8")), 10_000, 1),
        "synthetic": rankings(generate(1500, 400, seed=11), 300, 7),
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    counts = {name: {part: len(v) for part, v in d.items()} for name, d in data.items()}
    print(f"rankings written to {args.out}: {counts}")
    if args.compare is None:
        return 0
    old = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = [
        (name, part, key)
        for name, d in old.items()
        for part, v in d.items()
        for key in v
        if data[name][part].get(key) != v[key]
    ]
    differ += [
        (name, part, key)
        for name, d in data.items()
        for part, v in d.items()
        for key in v
        if key not in old[name][part]
    ]
    if differ:
        print(f"{len(differ)} rankings differ, e.g. {differ[:5]}")
        return 1
    print(f"identical to {args.compare}: every score, feature value and reason")
    return 0


if __name__ == "__main__":
    sys.exit(main())
