"""The machinery of fast ranking: worker processes, sparse query rows, the
text model's row cache. Each must give exactly what the plain way gives."""

from __future__ import annotations

import datetime
import multiprocessing
import os
import time

import numpy as np
import pytest
import scipy.sparse as sp

from matcher import parallel, sparse, text
from matcher.engine import Matcher
from matcher.sparse import SparseRows, dense_product
from matcher.text import TextModel


# -- worker processes ------------------------------------------------------------------
def test_ordered_map_keeps_task_order_across_worker_processes():
    results = list(parallel.ordered_map(lambda i: (os.getpid(), i * i), range(7), 3))
    assert [square for _, square in results] == [i * i for i in range(7)]
    pids = {pid for pid, _ in results}
    assert len(pids) == 3 and os.getpid() not in pids
    assert multiprocessing.active_children() == []


def test_ordered_map_works_here_with_one_worker_or_without_fork(monkeypatch):
    assert {pid for pid in parallel.ordered_map(lambda _: os.getpid(), range(4), 1)} == {
        os.getpid()
    }
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert list(parallel.ordered_map(lambda i: (os.getpid(), i), range(4), 2)) == [
        (os.getpid(), i) for i in range(4)
    ]


def test_ordered_map_works_here_when_no_process_can_be_started(monkeypatch):
    def refuse(*args):
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(parallel, "_start", refuse)
    assert list(parallel.ordered_map(lambda i: (os.getpid(), i), range(3), 2)) == [
        (os.getpid(), i) for i in range(3)
    ]


def test_an_exception_in_a_worker_is_raised_with_its_traceback():
    def task(i):
        if i == 4:
            raise KeyError(f"task {i}")
        return i

    done = []
    with pytest.raises(KeyError, match="task 4") as failure:
        for value in parallel.ordered_map(task, range(8), 2):
            done.append(value)
    assert done == [0, 1, 2, 3]
    assert "in task" in failure.value.__notes__[0]  # the worker's frames
    assert multiprocessing.active_children() == []


def test_an_exception_that_cannot_be_pickled_arrives_as_runtime_error():
    class Local(Exception):  # not importable, so not picklable
        pass

    def task(i):
        raise Local("local trouble")

    with pytest.raises(RuntimeError, match="local trouble"):
        list(parallel.ordered_map(task, range(4), 2))


def test_a_worker_that_dies_is_reported():
    def task(i):
        if i == 1:
            os._exit(3)
        return i

    with pytest.raises(RuntimeError, match="exit code 3"):
        list(parallel.ordered_map(task, range(4), 2))
    assert multiprocessing.active_children() == []


def test_closing_the_map_early_ends_the_workers():
    def slow(i):
        time.sleep(0.05)
        return i

    results = parallel.ordered_map(slow, range(50), 2)
    assert next(results) == 0
    results.close()
    assert multiprocessing.active_children() == []


# -- sparse query rows -------------------------------------------------------------------
def random_csr(rng, shape, density) -> sp.csr_matrix:
    matrix = sp.random(*shape, density=density, format="csr", dtype=np.float32, random_state=rng)
    matrix.sort_indices()
    return matrix


@pytest.mark.parametrize("threshold", [0, 10**9])  # scipy's product, then the array one
def test_dense_product_equals_scipy_to_the_last_bit(monkeypatch, threshold):
    monkeypatch.setattr(sparse, "SCIPY_PRODUCT_FLOPS", threshold)
    rng = np.random.default_rng(5)
    catalogue = random_csr(rng, (300, 400), 0.05)
    queries = random_csr(rng, (6, 300), 0.1)
    rows = SparseRows(queries.indptr, queries.indices, queries.data, 300)
    assert np.array_equal(dense_product(rows, catalogue), (queries @ catalogue).toarray())
    empty = SparseRows(np.zeros(3, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float32), 300)
    assert np.array_equal(dense_product(empty, catalogue), np.zeros((2, 400), np.float32))


def test_sparse_rows_slice_take_and_csr_match_scipy():
    rng = np.random.default_rng(6)
    matrix = random_csr(rng, (8, 50), 0.2)
    rows = SparseRows(matrix.indptr, matrix.indices, matrix.data, 50)
    assert (rows.csr() != matrix).nnz == 0 and rows.nnz == matrix.nnz and len(rows) == 8
    assert (rows.slice(2, 5).csr() != matrix[2:5]).nnz == 0
    assert (rows.take([6, 1, 1]).csr() != matrix[[6, 1, 1]]).nnz == 0
    assert rows.take([]).shape == (0, 50)


# -- the text model's row cache ------------------------------------------------------------
DOCS = [
    "Pinjaman modal kerja usaha mikro",
    "Pelatihan pemasaran online produk kopi",
    "Sertifikasi halal dan PIRT",
    "Pameran produk unggulan daerah",
]
QUERIES = [
    "butuh modal kerja",
    "ingin jual kopi liberika online",
    "",
    "modal kerja",
    "butuh modal kerja",
    "urus sertifikat halal",
]


def test_cached_rows_equal_freshly_computed_rows(monkeypatch):
    monkeypatch.setattr(text, "ROW_CACHE_SIZE", 3)
    model = TextModel()
    model.fit(DOCS)
    first = model.transform(QUERIES)
    again = model.transform(QUERIES[::-1])
    fresh = TextModel()
    fresh.fit(DOCS)
    assert (first != fresh.transform(QUERIES)).nnz == 0
    assert (again != fresh.transform(QUERIES[::-1])).nnz == 0
    assert len(model._row_cache) <= 3


def test_refitting_forgets_the_rows_of_the_earlier_fit():
    model = TextModel()
    model.fit(DOCS)
    model.transform(QUERIES)
    model.fit(DOCS[:2])
    other = TextModel()
    other.fit(DOCS[:2])
    assert (model.transform(QUERIES) != other.transform(QUERIES)).nnz == 0


def test_prepared_msmes_rank_exactly_as_unprepared_ones_for_every_offering():
    """Partner-side ranking over a kept encoding (each need's reference
    similarity computed once, then only the asked offering compared) gives
    the same MSMEs, scores and reasons, across batch boundaries."""
    from bench.generate import generate
    from matcher.profiles import profiles_from_document

    msmes, offerings = profiles_from_document(generate(1100, 150, seed=5))
    matcher = Matcher(today=datetime.date(2026, 11, 28)).fit(offerings)
    prepared = matcher.prepare_msmes(msmes)
    assert len(prepared) == 2
    for oid in matcher.offering_ids_[::15]:
        for lang in ("id", "en"):
            kept = matcher.rank_msmes_for(oid, msmes, limit=15, lang=lang, prepared=prepared)
            fresh = matcher.rank_msmes_for(oid, msmes, limit=15, lang=lang)
            assert kept == fresh
            assert all(m.reasons for m in kept)
