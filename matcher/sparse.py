"""Sparse query rows without scipy's per-matrix overhead.

A ranking call handles a few query rows (an MSME's profile text, its needs,
its commodities). Building, slicing and multiplying scipy matrices for those
costs tens of microseconds each in input validation alone, more than the
arithmetic. :class:`SparseRows` holds the same CSR arrays and does those
steps with plain array operations; :func:`dense_product` gives the dense
product with a catalogue matrix, equal to scipy's to the last bit.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

# Above this many multiply-adds scipy's product (then densified) is faster
# than the array-operation one: its fixed cost is paid back.
SCIPY_PRODUCT_FLOPS = 50_000


class SparseRows:
    """Rows of a sparse ``float32`` matrix in CSR layout: ``indptr`` (from 0),
    ``indices`` (sorted within each row) and ``data``, ``width`` columns."""

    __slots__ = ("indptr", "indices", "data", "shape")

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, width: int):
        self.indptr = indptr
        self.indices = indices
        self.data = data
        self.shape = (len(indptr) - 1, width)

    @property
    def nnz(self) -> int:
        return int(self.indptr[-1])

    def __len__(self) -> int:
        return self.shape[0]

    def slice(self, start: int, stop: int) -> SparseRows:
        """Rows ``start:stop`` (sharing this object's arrays)."""
        a, b = self.indptr[start], self.indptr[stop]
        return SparseRows(
            self.indptr[start : stop + 1] - a, self.indices[a:b], self.data[a:b], self.shape[1]
        )

    def take(self, rows) -> SparseRows:
        """Rows ``rows`` (any order, repeats allowed)."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lens = ends - starts
        at = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
        indptr = np.zeros(len(rows) + 1, dtype=self.indptr.dtype)
        np.cumsum(lens, out=indptr[1:])
        return SparseRows(indptr, self.indices[at], self.data[at], self.shape[1])

    def csr(self) -> sp.csr_matrix:
        """The same rows as a scipy CSR matrix."""
        return sp.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def dense_product(rows: SparseRows, matrix: sp.csr_matrix) -> np.ndarray:
    """``(rows @ matrix).toarray()``, [len(rows), matrix.shape[1]] ``float32``.

    For few multiply-adds the product is summed here: each output entry adds
    ``row value * matrix value`` over the row's columns in order, as scipy's
    sparse product does, so both give the same bits.
    """
    cols = rows.indices
    starts = matrix.indptr[cols]
    lens = matrix.indptr[cols + 1] - starts
    flops = int(lens.sum())
    if flops > SCIPY_PRODUCT_FLOPS:
        return (rows.csr() @ matrix).toarray()
    n = matrix.shape[1]
    at = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(flops)
    owner = np.repeat(np.arange(len(rows)) * n, np.diff(rows.indptr))
    target = np.repeat(owner, lens) + matrix.indices[at]
    out = np.zeros(len(rows) * n, dtype=np.float32)
    np.add.at(out, target, matrix.data[at] * np.repeat(rows.data, lens))
    return out.reshape(len(rows), n)
