"""Vectorised hard filters and features of (MSME, offering) pairs.

:func:`compute` scores a :class:`~matcher.features.MsmeBatch` against all
(or some) offerings of an :class:`~matcher.features.OfferingIndex` with array
and sparse-matrix operations only. Every feature lies in [0, 1]:

``need``
    max over the MSME's needs of ``urgency * field affinity * serves``, where
    ``serves = 1 - (1 - text) * (1 - COMMODITY_EVIDENCE * commodity evidence)``
    is a noisy-or of two independent signs that the offering addresses the
    need: the need's own words in the offering's text (TF-IDF cosine relative
    to the best offering of the need's field, see :func:`relative`), and, worth
    half as much, an offering aimed at the MSME's commodity. An offering aimed
    at another sector serves nobody here.
    Urgency is 1, 2/3, 1/3 for priorities 1-3; field affinity is 1 for the
    need's field, 1/2 for an adjacent one. Being a max, adding a need can
    never lower it.
``commodity``
    exact/synonym 1 > related 0.9 > same sector 0.6 > open to any 0.4 >
    other sector 0 (0.4 as well when the MSME gives nothing to compare).
``text``
    TF-IDF cosine of the MSME's description and commodities with the offering.
``region``
    how specifically the offering serves the MSME's regency: named regency 1,
    whole province 2/3, national 1/3.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from matcher.features import (
    COMMODITY_EVIDENCE,
    CONCEPT_MISS,
    CROSS_FIELD,
    CROSS_FLOOR,
    EARLY,
    ESTABLISHED,
    EXACT,
    EXCLUDED,
    FIELD_CODES,
    MATERIAL_OF_PRODUCT,
    MISMATCH,
    NARROW_MISS,
    OPEN,
    OTHER_COMMODITY,
    PRODUCT_OF_MATERIAL,
    REFUSED,
    RELATED,
    SECTOR,
    STAGE_MISFIT,
    SUBSTANCE_REFERENCE,
    MsmeBatch,
    OfferingIndex,
    cross_affinity,
    nonzero_pairs,
)
from matcher.sparse import dense_product

FEATURES = ("need", "commodity", "text", "region")
SMALL_BATCH = 16  # up to this many MSMEs, all text is compared in one product


def calibrate(cosine, out=None):
    """Map a TF-IDF cosine to [0, 1] evidence; concave, so that a few shared
    informative words already count while near-duplicates saturate.
    ``out=cosine`` works in place."""
    return np.sqrt(np.clip(cosine, 0.0, 1.0, out=out), out=out)


def _take(array: np.ndarray, cols, axis: int = -1) -> np.ndarray:
    return array if cols is None else np.take(array, cols, axis=axis)


class Columns:
    """Some catalogue offerings (rows ``cols``) and what scoring needs of them
    alone: their transposed TF-IDF and commodity blocks, and per need field
    which of them it affects. Built once for any number of batches scored
    against the same offerings (the partner side scores every kept batch
    against one), instead of once per batch; only read while scoring."""

    def __init__(self, index: OfferingIndex, cols):
        self.cols = np.asarray(cols, dtype=np.int64)
        self.XT = sp.csr_matrix(index.X[self.cols].T)
        self.commodity_t = sp.csr_matrix(index.commodity_t[:, self.cols])
        # per need field: positions (in cols) of affine offerings, their places
        # among the field's targets, their affinity, and their TF-IDF block
        self.fields = []
        for f in range(len(FIELD_CODES)):
            pos = np.flatnonzero(index.field_aff[f][self.cols] > 0)
            at = np.searchsorted(index.field_targets[f], self.cols[pos])
            block = sp.csr_matrix(index.X[index.field_targets[f][at]].T) if pos.size else None
            self.fields.append((pos, at, index.field_aff[f][self.cols[pos]], block))
        # per need field: positions of the offerings only substance reaches, and
        # their TF-IDF block (see CROSS_FIELD)
        self.cross = []
        for f in range(len(FIELD_CODES)):
            pos = np.flatnonzero(np.isin(self.cols, index.field_cross[f]))
            self.cross.append((pos, sp.csr_matrix(index.X[self.cols[pos]].T)))


def eligibility(index: OfferingIndex, batch: MsmeBatch, cols, today_ord: int) -> dict:
    """Hard-filter masks, each [m, n_cols] bool (True = passes), plus the
    ``region_level`` of each pair. ``cols`` None means the whole catalogue."""
    region = _take(index.region_level_t, cols)[batch.regency]
    shape = region.shape
    required = _take(index.cert_required_t, cols)
    lacking = batch.lacking @ required if required.any() else np.zeros(shape, np.float32)
    full = _take(index.full, cols)
    expired = _take(index.valid_until, cols) < today_ord
    return {
        "region_level": region,
        "region": region > 0,
        "scale": _take(index.scale_ok_t, cols)[batch.scale],
        "legal_form": _take(index.legal_ok_t, cols)[batch.legal],
        "certifications": lacking == 0,
        "full": np.broadcast_to(~full, shape),
        "expired": np.broadcast_to(~expired, shape),
        "open": np.broadcast_to(~(full | expired), shape),
    }


def commodity_level(index: OfferingIndex, batch: MsmeBatch, columns: Columns | None) -> np.ndarray:
    """[m, n_cols] ``float32`` commodity fit level (see module docstring);
    ``columns`` None means the whole catalogue."""
    cols = None if columns is None else columns.cols
    # nothing shared: an open offering, or an MSME that says nothing to compare,
    # is neutral; otherwise the offering is aimed at someone else
    # by group of offerings alike in sectors and openness, then spread out
    level = np.where(
        index.group_open[None, :] | ~batch.informed[:, None], np.float32(OPEN), np.float32(MISMATCH)
    )
    level[(batch.sectors @ index.group_sectors_t) > 0] = np.float32(SECTOR)
    level[:, index.group_open] = np.float32(OPEN)
    # a commodity-specific offering is no sector fit for an MSME with other
    # known commodities: only an exact or related hit below lifts it
    if batch.specific.any() and index.group_specific.any():
        other = index.group_specific[None, :] & batch.specific[:, None]
        other &= level == np.float32(SECTOR)
        level[other] = np.float32(OTHER_COMMODITY)
    level = np.take(level, _take(index.sector_group, cols), axis=1)
    # an open offering has neither sectors nor commodities: no hit below
    # changes its OPEN level
    offered = index.commodity_t if columns is None else columns.commodity_t
    for rows, value in (
        (batch.material_of, MATERIAL_OF_PRODUCT),
        (batch.product_of, PRODUCT_OF_MATERIAL),
        (batch.related, RELATED),
        (batch.commodity, EXACT),
    ):
        if rows.nnz:
            pairs = nonzero_pairs(rows, offered)
            level[pairs] = np.maximum(level[pairs], np.float32(value))
    return level


# Smoothing of the relative text evidence: when even the best offering of a
# need's field shares next to nothing with it (cosine << TEXT_SMOOTHING), the
# text cannot tell the field's offerings apart and the field alone decides.
TEXT_SMOOTHING = 0.05


def relative(cos, best):
    """Text evidence for a need: its cosine relative to the best in the
    catalogue for that need, smoothed; in [0, 1], 1 for the best."""
    out = np.add(cos, TEXT_SMOOTHING)
    out /= best + TEXT_SMOOTHING
    return np.minimum(out, 1.0, out=out)


def serving(sims, levels):
    """How well offerings serve needs, given the text evidence ``sims`` and
    the commodity ``levels`` (one shape; ``sims`` is overwritten): the
    noisy-or ``serves`` of the module docstring, 0 where the offering is
    aimed at another sector."""
    evidence = np.subtract(levels, OPEN)
    evidence /= 1.0 - OPEN
    np.clip(evidence, 0.0, 1.0, out=evidence)
    evidence *= COMMODITY_EVIDENCE
    serves = np.subtract(1.0, sims, out=sims)
    serves *= np.subtract(1.0, evidence, out=evidence)
    np.subtract(1.0, serves, out=serves)
    gate = np.divide(levels, OPEN)
    np.minimum(gate, 1.0, out=gate)
    gate *= serves
    return gate


def need_feature(
    index: OfferingIndex,
    batch: MsmeBatch,
    columns: Columns | None,
    level,
    text,
    need_cos: np.ndarray | None = None,
) -> tuple[np.ndarray, ScoredBatch]:
    """The [m, n_cols] ``need`` feature (see module docstring), and the batch
    as scored: each need's reference cosine and its cosines per field, for
    :func:`need_contributions`. Neither ``batch`` nor ``index`` is written.

    ``need_cos``, when given, holds each batch need row's cosine with every
    catalogue offering (small batches compute it in one product); otherwise
    each field's needs are compared with the offerings of affine fields only.

    A need's text evidence for an offering is its TF-IDF cosine relative to the
    best cosine any offering of the need's field reaches in the catalogue, so
    that needs written at any length weigh alike and urgency decides between
    them. The reference is the whole catalogue, eligible or not, so it does
    not depend on which columns are asked for.
    """
    # A batch whose references are known (Matcher.prepare_msmes), asked about a
    # few offerings: compare its needs with those offerings only (bit-identical
    # cosines: the same sparse products, fewer columns).
    reuse = columns is not None and batch.need_best is not None
    need_best = batch.need_best if reuse else np.zeros(len(batch.need_owner), np.float32)
    if reuse:
        need_best = need_best.copy()  # (only read, but passed on as a plain array)
    cosines: list = [None] * len(FIELD_CODES)
    need = np.zeros(text.shape, dtype=np.float32)
    flat_need = need.reshape(-1)
    flat_level = level.reshape(-1)
    width = need.shape[1]
    for f in range(len(FIELD_CODES)):
        rows = batch.field_rows[f]
        if rows.stop == rows.start:
            continue
        targets = index.field_targets[f]  # catalogue rows, sorted
        if columns is None:
            pos, at, aff = targets, slice(None), index.field_target_aff[f]
        else:
            pos, at, aff, block = columns.fields[f]
        owner = batch.need_owner[rows]
        if reuse:
            if pos.size:
                cos = _need_cosines(index, batch, rows, owner, block)
                cosines[f] = ColumnSubset(cos, at)
                raw = cos
        else:
            if need_cos is not None:
                cos = need_cos[rows][:, targets]
            else:
                cos = _need_cosines(index, batch, rows, owner, index.field_XT[f])
            cosines[f] = cos
            need_best[rows] = _field_best(index, f, cos)
            if pos.size:
                raw = cos[:, at]
        crossing = _cross_pairs(index, batch, columns, f, rows, owner, need_cos)
        if not reuse:
            _raise_reference(need_best, rows, crossing)
        _cross_field(batch, rows, owner, need_best, crossing, flat_need, flat_level, width)
        if pos.size == 0:
            continue
        sims = relative(raw, need_best[rows][:, None])
        cells = (owner * width)[:, None] + pos  # flat positions in need and level
        if (aff == 1).all():  # the field's own offerings only: nothing to raise
            contrib = np.repeat(batch.need_urgency[rows][:, None], sims.shape[1], axis=1)
        else:
            contrib = cross_affinity(aff[None, :], sims, raw)
            contrib *= batch.need_urgency[rows][:, None]
        contrib *= serving(sims, flat_level.take(cells))
        starts = np.flatnonzero(np.diff(owner, prepend=-1))
        if starts.size < owner.size:  # an MSME with several needs of this field
            contrib = np.maximum.reduceat(contrib, starts, axis=0)
            owner, cells = owner[starts], cells[starts]
        np.maximum(contrib, flat_need.take(cells), out=contrib)
        flat_need.put(cells, contrib)
    return need, ScoredBatch(batch, need_best, tuple(cosines), need_cos)


def _cross_pairs(
    index: OfferingIndex,
    batch: MsmeBatch,
    columns: Columns | None,
    f: int,
    rows: slice,
    owner: np.ndarray,
    need_cos,
):
    """The (need row in ``rows``, column, cosine) triples of the field-``f``
    needs in ``rows`` with the offerings of other, non-affine fields above
    CROSS_FLOOR (see CROSS_FIELD): only they can contribute, so only they are
    visited (a sparse product). None when nothing crosses."""
    if CROSS_FIELD <= 0:
        return None
    if columns is None:
        pos, block = index.field_cross[f], index.field_cross_XT[f]
    else:
        pos, block = columns.cross[f]
    if pos.size == 0:
        return None
    if need_cos is not None:  # the whole catalogue is compared already
        cos = need_cos[rows]
        r, c = np.nonzero(cos > CROSS_FLOOR)
        keep = index.field_aff[f].take(c) == 0
        r, c = r[keep], c[keep]
        values, at = cos[r, c], c  # (columns is None: c is the catalogue row)
    else:
        product = sp.coo_matrix(_need_queries(batch, rows, owner).csr() @ block)
        keep = product.data > CROSS_FLOOR
        r, c, values = product.row[keep], product.col[keep], product.data[keep]
        at = pos[c]
    if r.size == 0:
        return None
    values = values.astype(np.float32)
    if CONCEPT_MISS < 1 and index.concepts.any():
        # a need that names service concepts crosses only to offerings naming one
        asked = batch.need_concepts[rows][r]
        offered = index.concepts[at if columns is None else columns.cols[at]]
        miss = (asked != 0) & ((asked & offered) == 0)
        values = np.where(miss, values * np.float32(CONCEPT_MISS), values)
        keep = values > CROSS_FLOOR
        r, at, values = r[keep], at[keep], values[keep]
        if r.size == 0:
            return None
    return r, at, values


def _raise_reference(need_best: np.ndarray, rows: slice, crossing) -> None:
    """Raise the references of the needs in ``rows`` (in place) to the
    closest offering of another field, weighed by SUBSTANCE_REFERENCE."""
    if crossing is None or SUBSTANCE_REFERENCE <= 0:
        return
    r, _, values = crossing
    best = need_best[rows]  # a view: raised in place
    raised = best.copy()
    np.maximum.at(raised, r, values * np.float32(SUBSTANCE_REFERENCE))
    # a need whose own (and adjacent) fields share no word with it keeps its
    # crossing offerings measured as before: alike, by the field-less text
    np.copyto(best, raised, where=best > 0)


def _cross_field(
    batch: MsmeBatch,
    rows: slice,
    owner: np.ndarray,
    need_best: np.ndarray,
    crossing,
    flat_need,
    flat_level,
    width: int,
) -> None:
    """Raise ``flat_need`` (the flat need feature, in place) by the field-``f``
    needs in ``rows`` through the offerings of other, non-affine fields whose
    words do what the need asks (CROSS_FIELD), given their ``crossing`` pairs
    of :func:`_cross_pairs`."""
    if crossing is None:
        return
    r, at, values = crossing
    sims = relative(values, need_best[rows][r])
    contrib = cross_affinity(np.float32(0.0), sims, values)
    contrib *= batch.need_urgency[rows][r]
    cells = owner[r] * width + at
    contrib *= serving(sims, flat_level.take(cells))
    np.maximum.at(flat_need, cells, contrib)


def _need_queries(batch: MsmeBatch, rows: slice, owner: np.ndarray):
    """The text rows of the needs in ``rows`` (the description's for a need
    without words), as :class:`~matcher.sparse.SparseRows`."""
    at = np.arange(rows.start, rows.stop) + len(batch)
    blank = ~batch.need_has_text[rows]
    at[blank] = owner[blank]
    return batch.text_rows.take(at)


def need_references(index: OfferingIndex, batch: MsmeBatch) -> np.ndarray:
    """Each batch need's reference cosine (see :func:`need_feature`): the best
    its field's offerings reach in the whole catalogue, [needs] ``float32``.
    Known beforehand, it spares a batch kept for many calls about a few
    offerings (:meth:`matcher.engine.Matcher.prepare_msmes`) comparing every
    need with the catalogue again; equal to the last bit to what
    :func:`need_feature` finds itself."""
    best = np.zeros(len(batch.need_owner), dtype=np.float32)
    for f in range(len(FIELD_CODES)):
        rows = batch.field_rows[f]
        if rows.stop == rows.start:
            continue
        owner = batch.need_owner[rows]
        cos = _need_cosines(index, batch, rows, owner, index.field_XT[f])
        best[rows] = _field_best(index, f, cos)
        _raise_reference(best, rows, _cross_pairs(index, batch, None, f, rows, owner, None))
    return best


def _field_best(index: OfferingIndex, f: int, cos: np.ndarray) -> np.ndarray:
    """Per need row of ``cos`` (cosines with field ``f``'s targets), the best
    cosine an offering of field ``f`` itself reaches, or one of an adjacent
    field weighed by SUBSTANCE_REFERENCE (see :func:`_raise_reference`)."""
    best = cos[:, index.field_own[f]].max(axis=1, initial=0.0)
    if SUBSTANCE_REFERENCE > 0:
        others = cos.max(axis=1, initial=0.0) * np.float32(SUBSTANCE_REFERENCE)
        np.maximum(best, others, out=best)
    return best


def _need_cosines(
    index: OfferingIndex, batch: MsmeBatch, rows: slice, owner: np.ndarray, XT
) -> np.ndarray:
    """Cosines of the needs in ``rows`` with the catalogue columns of ``XT``."""
    cos = dense_product(batch.need_text.slice(rows.start, rows.stop), XT)
    blank = ~batch.need_has_text[rows]
    if blank.any():  # a need without words: the business description stands in
        cos[blank] = dense_product(batch.profile.take(owner[blank]), XT)
    return cos


class ColumnSubset:
    """Need cosines with only some of a field's target offerings, indexed as
    the whole [needs, targets] matrix would be (``[row, positions]``), for
    :func:`need_contributions` after a call about those offerings."""

    def __init__(self, values: np.ndarray, positions: np.ndarray):
        self.values = values
        self.column = {int(p): j for j, p in enumerate(np.asarray(positions).tolist())}

    def __getitem__(self, key):
        row, positions = key
        return self.values[row, [self.column[int(p)] for p in np.asarray(positions).tolist()]]


class ScoredBatch:
    """A batch as :func:`compute` scored it: the batch itself (unchanged), and
    what explaining the results needs besides the features, ``need_best``
    (each need's reference cosine) and ``need_cos`` (per field, the needs'
    cosines with the offerings asked about). One per call, so calls on one
    kept batch from several threads do not meet. It reads as the batch
    (``msmes``, ``resolved``, ...: other attributes are the batch's), which is
    what :func:`matcher.reasons.explain` takes."""

    __slots__ = ("batch", "need_best", "need_cos", "all_cos")

    def __init__(
        self,
        batch: MsmeBatch,
        need_best: np.ndarray,
        need_cos: tuple,
        all_cos: np.ndarray | None = None,
    ):
        self.batch = batch
        self.need_best = need_best
        self.need_cos = need_cos
        self.all_cos = all_cos  # every need with the whole catalogue, when compared

    def __getattr__(self, name: str):
        if name in ScoredBatch.__slots__:  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.batch, name)

    def __len__(self) -> int:
        return len(self.batch)


def need_contributions(
    index: OfferingIndex, scored: ScoredBatch, row: int, offerings, levels
) -> np.ndarray:
    """[len(offerings), len(msme.needs)] contribution of each need of batch MSME
    ``row`` to the ``need`` feature of each catalogue offering (the feature is
    the row maximum); ``levels`` are the pairs' commodity levels. ``scored``
    is :func:`compute`'s, whose cosines it reuses, and ``offerings`` among
    those that call was about. For explaining shown results."""
    batch = scored.batch
    offerings = np.asarray(offerings, dtype=np.int64)
    levels = np.asarray(levels, dtype=np.float32)
    needs = np.flatnonzero(batch.need_owner == row)
    out = np.zeros((offerings.size, len(batch.msmes[row].needs)), dtype=np.float32)
    if needs.size == 0 or offerings.size == 0:
        return out
    # each need's cosine and field affinity with the offerings of affine fields
    cos = np.zeros((needs.size, offerings.size), dtype=np.float32)
    aff = np.zeros((needs.size, offerings.size), dtype=np.float32)
    reach = np.zeros((needs.size, offerings.size), dtype=bool)
    crossed = None
    for j, r in enumerate(needs.tolist()):
        f = batch.need_field[r]
        if f < 0:
            continue
        targets = index.field_targets[f]
        at = np.searchsorted(targets, offerings)
        served = at < targets.size
        served[served] = targets[at[served]] == offerings[served]
        if served.any():  # (else the call may not have compared field f)
            cos[j, served] = scored.need_cos[f][r - batch.field_rows[f].start, at[served]]
            aff[j, served] = index.field_target_aff[f][at[served]]
            reach[j] = served
        crossing = index.field_aff[f][offerings] == 0
        if CROSS_FIELD > 0 and crossing.any():  # offerings only substance reaches
            if scored.all_cos is not None:
                found = scored.all_cos[r, offerings[crossing]]
            else:
                if crossed is None:  # every need against every offering asked about
                    query = batch.text_rows.take(
                        np.where(batch.need_has_text[needs], needs + len(batch), row)
                    )
                    crossed = _few_cosines(query, index.X, offerings)
                found = crossed[j, crossing]
            asked = int(batch.need_concepts[r])
            if CONCEPT_MISS < 1 and asked:  # as _cross_pairs
                miss = (index.concepts[offerings[crossing]] & asked) == 0
                found = np.where(miss, found * np.float32(CONCEPT_MISS), found)
            cos[j, crossing] = np.where(found > CROSS_FLOOR, found, 0.0)
            reach[j, crossing] = True
    sims = relative(cos, scored.need_best[needs][:, None])
    contrib = cross_affinity(aff, sims, cos)
    contrib *= reach
    contrib *= batch.need_urgency[needs][:, None]
    contrib *= serving(sims, np.broadcast_to(levels, sims.shape))
    out[:, batch.need_index[needs]] = contrib.T
    return out


def _few_cosines(query, X: sp.csr_matrix, offerings: np.ndarray) -> np.ndarray:
    """[len(query), len(offerings)] cosines of a few query rows with a few
    catalogue rows, without slicing the catalogue matrix (for explaining)."""
    starts, stops = X.indptr[offerings], X.indptr[offerings + 1]
    lens = stops - starts
    at = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
    cols, values = X.indices[at], X.data[at]
    owner = np.repeat(np.arange(offerings.size), lens)
    out = np.zeros((len(query), offerings.size), dtype=np.float32)
    for q in range(len(query)):
        a, b = query.indptr[q], query.indptr[q + 1]
        q_cols, q_values = query.indices[a:b], query.data[a:b]
        if q_cols.size == 0:
            continue
        where = np.minimum(np.searchsorted(q_cols, cols), q_cols.size - 1)
        hit = q_cols[where] == cols
        out[q] = np.bincount(
            owner[hit], values[hit] * q_values[where[hit]], minlength=offerings.size
        )
    return out


def compute(index: OfferingIndex, batch: MsmeBatch, today_ord: int, cols=None):
    """Features and hard-filter masks of every (MSME, offering) pair of a batch.

    ``cols`` selects offerings (catalogue rows, default all; a
    :class:`Columns` of them when scoring several batches). Returns
    ``(features, masks, scored)``: ``features`` maps each name of
    :data:`FEATURES` to a [m, n_cols] ``float32`` array in [0, 1]; ``masks``
    is :func:`eligibility`'s dict plus ``"eligible"``; ``scored`` the
    :class:`ScoredBatch` that explaining the results needs. The inputs are
    only read (some returned masks are read-only broadcasts), so one fitted
    index and one kept batch may serve calls from several threads at once.
    """
    columns = cols if cols is None or isinstance(cols, Columns) else Columns(index, cols)
    cols = None if columns is None else columns.cols
    masks = eligibility(index, batch, cols, today_ord)
    masks["eligible"] = (
        masks["region"]
        & masks["scale"]
        & masks["legal_form"]
        & masks["certifications"]
        & masks["open"]
    )
    level = commodity_level(index, batch, columns)
    need_cos = None
    if cols is None and len(batch) <= SMALL_BATCH:
        # few MSMEs (one ranking call): one product for profiles and needs
        m = len(batch)
        cos = dense_product(batch.text_rows, index.XT)
        need_cos = cos[m:]
        blank = ~batch.need_has_text
        need_cos[blank] = cos[batch.need_owner[blank]]  # the description stands in
        text = calibrate(cos[:m], out=cos[:m])
    else:
        XT = index.XT if columns is None else columns.XT
        cos = dense_product(batch.profile, XT)
        text = calibrate(cos, out=cos)
    need, scored = need_feature(index, batch, columns, level, text, need_cos)
    # maturity fit: an offering for beginners serves an established firm less
    early = _take(index.stage, cols) == EARLY
    established = batch.stage == ESTABLISHED
    if STAGE_MISFIT < 1 and early.any() and established.any():
        need[np.ix_(established, early)] *= np.float32(STAGE_MISFIT)
    # help for one purpose only, which none of the MSME's needs names
    narrow = _take(index.narrow, cols)
    at = np.flatnonzero(narrow)
    if NARROW_MISS < 1 and at.size:
        unasked = (batch.asked[:, None] & narrow[None, at]) == 0
        need[:, at] *= np.where(unasked, np.float32(NARROW_MISS), np.float32(1.0))
    # offerings whose own text excludes the MSME's product
    if EXCLUDED < 1 and batch.excluded:
        if cols is None:
            for r, rows in batch.excluded:
                need[r, rows] *= np.float32(EXCLUDED)
        else:
            for r, rows in batch.excluded:
                need[r, np.isin(cols, rows)] *= np.float32(EXCLUDED)
    # what a need says it does not want: offerings naming a refused concept
    refusing = np.flatnonzero(batch.refused)
    if REFUSED < 1 and refusing.size:
        offered = _take(index.concepts, cols)
        for r in refusing.tolist():
            need[r, (offered & batch.refused[r]) != 0] *= np.float32(REFUSED)
    features = {"need": need, "commodity": level, "text": text, "region": masks["region_level"]}
    return features, masks, scored
