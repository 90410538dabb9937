"""Pooling small producers to meet a buyer's volume (issue 16). Pure library.

A buyer takes ``volume`` a month; no micro producer supplies that alone, but
several together can. :func:`propose_pools` proposes disjoint groups of
candidates whose combined monthly supply covers the volume (``covers`` >= 1).

The objective of one group (lower is better), stated once:

    cost = members + max_km / KM_PER_MEMBER

so one more member is worth ``KM_PER_MEMBER`` km of spread between the two
members farthest apart (regency seats). Ties go to the larger total, then to
the smaller sorted member ids. A candidate whose supply is under
``MIN_SHARE`` of the volume is left out: its share would not be meaningful.

Exact search: the members of the best group lie in some set S of regencies,
and among groups inside S the fewest members that cover are the largest
suppliers of S (taken largest first), with a spread no larger than S's. So
trying every set of the regencies present (at most 2^14 in one province) and
taking the largest suppliers of each finds the optimum, however many
candidates there are. Further groups are found the same way among the
candidates not yet used, so no member is in two groups of one proposal.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from matcher import flows

KM_PER_MEMBER = 100.0
MIN_SHARE = 0.05
REGENCIES_MAX = 16  # sets of regencies tried: 2^16 at most


@dataclass(frozen=True)
class Candidate:
    """A producer that could join a pool: its monthly supply in the volume's base unit."""

    external_id: str
    regency: str
    monthly: float


@dataclass(frozen=True)
class Pool:
    """One proposed group."""

    members: tuple[Candidate, ...]  # largest supply first
    total: float  # per month, base unit
    covers: float  # total / volume
    max_km: float
    cost: float
    score: float  # 1 / cost, in (0, 1]
    regencies_tried: int  # how many sets of regencies the search compared


def group_cost(members: Sequence[Candidate]) -> tuple[float, float]:
    """(cost, max_km) of a group as the objective defines it."""
    regencies = sorted({m.regency for m in members})
    max_km = max(
        (flows.distance_km(a, b) or 0.0 for a, b in itertools.combinations(regencies, 2)),
        default=0.0,
    )
    return len(members) + max_km / KM_PER_MEMBER, max_km


def _key(cost: float, members: Sequence[Candidate]):
    return (
        round(cost, 9),
        -round(sum(m.monthly for m in members), 9),
        tuple(sorted(m.external_id for m in members)),
    )


def best_pool(candidates: Sequence[Candidate], volume: float) -> Pool | None:
    """The best group by the objective among ``candidates`` (exact), or ``None``
    when all of them together do not cover ``volume`` (per month, base unit)."""
    usable = [c for c in candidates if c.monthly >= MIN_SHARE * volume and c.monthly > 0]
    if volume <= 0 or sum(c.monthly for c in usable) < volume:
        return None
    by_regency: dict[str, list[Candidate]] = {}
    for c in sorted(usable, key=lambda c: (-c.monthly, c.external_id)):
        by_regency.setdefault(c.regency, []).append(c)
    regencies = sorted(by_regency)
    if len(regencies) > REGENCIES_MAX:
        raise ValueError(f"{len(regencies)} regencies: at most {REGENCIES_MAX}")
    n = len(regencies)
    km = [[flows.distance_km(a, b) or 0.0 for b in regencies] for a in regencies]
    spread = [0.0] * (1 << n)  # largest distance inside each set of regencies
    for mask in range(1, 1 << n):
        low = (mask & -mask).bit_length() - 1
        rest = mask & (mask - 1)
        spread[mask] = max(
            spread[rest], max((km[low][j] for j in range(n) if rest >> j & 1), default=0.0)
        )
    # No group has fewer members than the largest suppliers of all regencies
    # need: with sets tried from the tightest out, the search stops as soon as
    # that many members at a set's spread already cost more than the best found.
    fewest, running = 0, 0.0
    for c in sorted(usable, key=lambda c: -c.monthly):
        fewest, running = fewest + 1, running + c.monthly
        if running >= volume:
            break
    best, best_key, tried = None, None, 0
    for mask in sorted(range(1, 1 << n), key=lambda m: (spread[m], m)):
        if best_key is not None and fewest + spread[mask] / KM_PER_MEMBER > best_key[0]:
            break
        tried += 1
        lists = [by_regency[regencies[j]] for j in range(n) if mask >> j & 1]
        group, total = [], 0.0
        for c in heapq.merge(*lists, key=lambda c: (-c.monthly, c.external_id)):
            group.append(c)
            total += c.monthly
            if total >= volume or (best_key is not None and len(group) >= best_key[0]):
                break  # covered, or one more member alone would cost more than the best
        if total < volume:
            continue
        cost, max_km = group_cost(group)
        key = _key(cost, group)
        if best_key is None or key < best_key:
            best, best_key = (group, total, cost, max_km), key
    if best is None:
        return None
    group, total, cost, max_km = best
    return Pool(tuple(group), total, total / volume, max_km, cost, 1 / cost, tried)


def propose_pools(candidates: Sequence[Candidate], volume: float, limit: int = 3) -> list[Pool]:
    """Up to ``limit`` disjoint groups, best first; each is the best group among
    the candidates the earlier groups left."""
    left = list(candidates)
    pools = []
    while len(pools) < limit:
        pool = best_pool(left, volume)
        if pool is None:
            break
        pools.append(pool)
        used = {m.external_id for m in pool.members}
        left = [c for c in left if c.external_id not in used]
    return pools


_TEXT = {
    "covers": (
        "{n} produsen bersama memasok {pct}% dari volume",
        "{n} producer(s) together supply {pct}% of the volume",
    ),
    "spread": (
        "Paling jauh {km} km satu sama lain ({regencies} kabupaten/kota)",
        "At most {km} km apart ({regencies} regency/regencies)",
    ),
    "share": (
        "Masing-masing memasok sedikitnya {pct}% dari volume",
        "Each supplies at least {pct}% of the volume",
    ),
    "rule": (
        "Dipilih yang anggotanya paling sedikit, lalu yang paling berdekatan "
        "(satu anggota tambahan setara {km} km)",
        "Fewest members first, then closest together (one more member weighs as much as {km} km)",
    ),
}


def pool_reasons(pool: Pool, lang: str = "id") -> list[str]:
    """How the group was chosen, in plain words."""
    i = 1 if lang == "en" else 0
    volume = pool.total / pool.covers
    smallest = min(m.monthly for m in pool.members) / volume
    return [
        _TEXT["covers"][i].format(n=len(pool.members), pct=round(pool.covers * 100)),
        _TEXT["spread"][i].format(
            km=f"{pool.max_km:.0f}", regencies=len({m.regency for m in pool.members})
        ),
        _TEXT["share"][i].format(pct=round(smallest * 100)),
        _TEXT["rule"][i].format(km=f"{KM_PER_MEMBER:.0f}"),
    ]
