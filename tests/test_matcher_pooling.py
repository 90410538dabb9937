"""Issue 16: pooling finds the best group exactly (checked against brute force)
and never puts a member in two groups of one proposal."""

from __future__ import annotations

import itertools
import random

import pytest

from matcher import flows
from matcher.pooling import MIN_SHARE, Candidate, _key, best_pool, group_cost, propose_pools

REGENCIES = sorted(flows.REGENCY_SEATS)


def brute_force(candidates, volume):
    usable = [c for c in candidates if c.monthly >= MIN_SHARE * volume]
    best = None
    for size in range(1, len(usable) + 1):
        if best is not None and size > best[0]:
            break  # every group this large costs more than the best (cost >= members)
        for group in itertools.combinations(usable, size):
            if sum(c.monthly for c in group) < volume:
                continue
            cost, _ = group_cost(group)
            key = _key(cost, group)
            if best is None or key < best:
                best = key
    return best


@pytest.mark.parametrize("seed", range(25))
def test_the_best_group_is_the_brute_force_optimum(seed):
    rng = random.Random(seed)
    n = rng.randint(3, 14)
    candidates = [
        Candidate(f"M{i:02d}", rng.choice(REGENCIES[: rng.randint(2, 14)]), rng.uniform(50, 800))
        for i in range(n)
    ]
    volume = rng.uniform(200, 0.8 * sum(c.monthly for c in candidates))
    pool = best_pool(candidates, volume)
    expected = brute_force(candidates, volume)
    if expected is None:
        assert pool is None
        return
    assert _key(pool.cost, pool.members) == expected
    assert pool.covers >= 1


def test_twenty_candidates_exact_too():
    rng = random.Random(7)
    candidates = [
        Candidate(f"M{i:02d}", rng.choice(REGENCIES), rng.uniform(100, 400)) for i in range(20)
    ]
    pool = best_pool(candidates, 1500)
    assert _key(pool.cost, pool.members) == brute_force(candidates, 1500)


def test_five_coastal_groups_meet_two_tons_and_the_far_one_is_left_out():
    coast = [Candidate(f"S{i}", r, 450) for i, r in enumerate(["6101", "6101", "6172", "6172"])]
    far = Candidate("FAR", "6108", 1500)  # Putussibau: big but 400 km away
    near = Candidate("NEAR", "6101", 300)
    pool = best_pool([*coast, far, near], 2000)
    assert {m.external_id for m in pool.members} == {"S0", "S1", "S2", "S3", "NEAR"}
    assert pool.covers == pytest.approx(2100 / 2000)
    assert pool.max_km == pytest.approx(flows.distance_km("6101", "6172"))


def test_tiny_shares_are_not_meaningful_and_groups_are_disjoint():
    candidates = [Candidate(f"M{i}", "6112", 600) for i in range(7)]
    candidates.append(Candidate("TINY", "6112", 10))
    pools = propose_pools(candidates, 1000, limit=5)
    assert [len(p.members) for p in pools] == [2, 2, 2]
    members = [m.external_id for p in pools for m in p.members]
    assert len(members) == len(set(members)) and "TINY" not in members


def test_nothing_is_proposed_when_all_together_fall_short():
    assert best_pool([Candidate("A", "6101", 100), Candidate("B", "6102", 100)], 500) is None
