"""Ranking leaves its inputs alone: the fitted index and the encoded MSMEs are
only read, so one process may rank for several requests at once on them."""

from __future__ import annotations

import datetime
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import scipy.sparse as sp

from bench.generate import generate
from matcher.engine import Matcher
from matcher.features import MsmeBatch
from matcher.profiles import profiles_from_document
from matcher.scoring import SMALL_BATCH, compute
from tests.concurrency import meet_before_explaining

TODAY = datetime.date(2026, 11, 28)
SKIP = {"text_model", "taxonomy"}  # memo caches of text rows, not ranking state


@pytest.fixture(scope="module")
def fitted():
    msmes, offerings = profiles_from_document(generate(300, 120, seed=31))
    return Matcher(today=TODAY).fit(offerings), msmes


def snapshot(value):
    """``value`` as plain, comparable data: arrays by dtype, shape and bytes."""
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if sp.issparse(value) or type(value).__name__ == "SparseRows":
        return (
            "sparse",
            value.shape,
            *(snapshot(np.asarray(a)) for a in (value.indptr, value.indices, value.data)),
        )
    if isinstance(value, (list, tuple)):
        return [snapshot(v) for v in value]
    if isinstance(value, dict):
        return {k: snapshot(v) for k, v in value.items()}
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return {k: snapshot(v) for k, v in vars(value).items() if k not in SKIP}
    return repr(value)


def test_scoring_writes_neither_the_index_nor_the_batch(fitted):
    matcher, msmes = fitted
    index = matcher.index_
    small = MsmeBatch(index, msmes[:3])  # one product for all text
    large = MsmeBatch(index, msmes[: SMALL_BATCH + 40])  # field by field
    prepared = matcher.prepare_msmes(msmes)[0]  # references known
    before = {
        "index": snapshot(index),
        "small": snapshot(small),
        "large": snapshot(large),
        "prepared": snapshot(prepared),
    }
    assert any(len(p.needs) for p in small.msmes)
    compute(index, small, TODAY.toordinal())
    compute(index, large, TODAY.toordinal())
    for i in (0, 17, 64):
        compute(index, prepared, TODAY.toordinal(), cols=[i])
        compute(index, large, TODAY.toordinal(), cols=[i, i + 1])
    after = {
        "index": snapshot(index),
        "small": snapshot(small),
        "large": snapshot(large),
        "prepared": snapshot(prepared),
    }
    for name in before:
        assert after[name] == before[name], f"scoring changed the {name} input"


def test_whole_rankings_leave_the_kept_encoding_and_the_index_as_they_were(fitted):
    matcher, msmes = fitted
    prepared = matcher.prepare_msmes(msmes)
    before = snapshot([matcher.index_, prepared])
    for oid in matcher.offering_ids_[::20]:
        assert matcher.rank_msmes_for(
            oid, msmes, limit=10, prepared=prepared
        ) == matcher.rank_msmes_for(oid, msmes, limit=10)
    matcher.rank_offerings_for(msmes[0], include_filtered=True)
    list(matcher.rank_many(msmes[:50], workers=1))
    assert snapshot([matcher.index_, prepared]) == before


def test_partner_side_rankings_from_several_threads_at_once_equal_sequential_ones(
    fitted, monkeypatch
):
    """Four threads rank MSMEs for different offerings over one kept encoding;
    each waits, after scoring and before explaining, until all four have
    scored: were scoring leaving anything on the shared batches, each would
    explain with the others' results."""
    matcher, msmes = fitted
    prepared = matcher.prepare_msmes(msmes)
    offerings = [
        oid
        for oid in matcher.offering_ids_
        if matcher.rank_msmes_for(oid, msmes, limit=1, prepared=prepared)
    ][:8]
    assert len(offerings) == 8
    sequential = {
        (oid, lang): matcher.rank_msmes_for(oid, msmes, limit=10, lang=lang, prepared=prepared)
        for oid in offerings
        for lang in ("id", "en")
    }

    begin_ranking = meet_before_explaining(monkeypatch, 4, timeout=60)

    def rank(job):
        oid, lang = job
        begin_ranking()
        return matcher.rank_msmes_for(oid, msmes, limit=10, lang=lang, prepared=prepared)

    jobs = list(sequential)
    with ThreadPoolExecutor(4) as pool:
        for start in range(0, len(jobs), 4):
            together = jobs[start : start + 4]
            results = list(pool.map(rank, together))
            for job, result in zip(together, results, strict=True):
                assert result == sequential[job], job
                assert result and all(m.reasons for m in result)
