"""Pooling speed (issue 16): a proposal among 5,000 candidates in under a second.

    .venv/bin/python -m bench.pooling [--candidates 5000] [--repeat 5]

"uniform": candidates spread over the fourteen regencies with monthly supplies
of 20 to 800 kg (seeded, reproducible), for 2 tons a month, then 8 tons (a share
under 5% of the volume is not meaningful, so 8 tons leaves only suppliers of
400 kg or more). "spread": the same number of tiny producers plus two large ones
per regency, for 6 tons, so that the best groups span several regencies.
Prints the median and worst time of ``propose_pools`` (three disjoint groups)
and the size of the search (sets of regencies compared).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from matcher import flows
from matcher.pooling import Candidate, propose_pools

TARGET_SECONDS = 1.0


def candidates(n: int, seed: int = 16) -> list[Candidate]:
    rng = random.Random(seed)
    regencies = sorted(flows.REGENCY_SEATS)
    return [
        Candidate(f"UMKM-{i:05d}", rng.choice(regencies), round(rng.uniform(20, 800), 1))
        for i in range(n)
    ]


def spread_candidates(n: int, seed: int = 3) -> list[Candidate]:
    """``n`` tiny producers (under the 5% share) and two large ones per regency,
    so that the best group has to span regencies: the search compares many sets."""
    rng = random.Random(seed)
    regencies = sorted(flows.REGENCY_SEATS)
    tiny = [
        Candidate(f"UMKM-{i:05d}", rng.choice(regencies), round(rng.uniform(5, 90), 1))
        for i in range(n)
    ]
    large = [
        Candidate(f"BIG-{r}-{k}", r, round(rng.uniform(400, 700), 1))
        for r in regencies
        for k in range(2)
    ]
    return tiny + large


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    worst_overall = 0.0
    scenarios = [
        ("uniform", candidates(args.candidates), 2_000.0),
        ("uniform", candidates(args.candidates), 8_000.0),
        ("spread", spread_candidates(args.candidates), 6_000.0),
    ]
    for label, pool_of, volume in scenarios:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            pools = propose_pools(pool_of, volume, limit=3)
            times.append(time.perf_counter() - start)
        worst_overall = max(worst_overall, max(times))
        sizes = [len(p.members) for p in pools]
        print(
            f"{label}: {len(pool_of)} candidates, volume {volume:,.0f} kg/month: "
            f"median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms "
            f"(target < {TARGET_SECONDS * 1000:.0f} ms); groups of {sizes} members, "
            f"covers {[round(p.covers, 2) for p in pools]}, max km "
            f"{[round(p.max_km) for p in pools]}, regency sets compared "
            f"{[p.regencies_tried for p in pools]}"
        )
    return 0 if worst_overall < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
