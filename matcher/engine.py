"""The matching engine: rank offerings for MSMEs and MSMEs for offerings.

Usage::

    matcher = Matcher().fit(offerings)
    ranking = matcher.rank_offerings_for(msme, limit=10)

Hard filters (region, scale, legal form, certifications, capacity, validity)
come first: a filtered offering never appears among the matches. The score of
an eligible pair is a weighted sum of the four features of
:mod:`matcher.scoring` (weights non-negative, summing to 1), so it lies in
[0, 1]. Ties are broken by ``external_id``; a diversity pass then keeps one
partner to at most two of the first five places.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.exceptions import NotFittedError

from matcher.features import OPEN, MsmeBatch, OfferingIndex
from matcher.parallel import default_workers, ordered_map
from matcher.profiles import MsmeProfile, OfferingProfile
from matcher.reasons import explain, missing_requirements
from matcher.scoring import FEATURES, Columns, compute, need_references

# Serving a stated need decides (the need feature already folds in field,
# urgency, the need's words and commodity fit); commodity/sector fit, the
# business description and regional specificity order what is left. The
# pairwise learner of matcher.learning, fitted on judged data, lands near
# these values (need about 0.6, region small), which is a check, not a source.
DEFAULT_WEIGHTS: dict[str, float] = {"need": 0.6, "commodity": 0.2, "text": 0.1, "region": 0.1}

TOP = 5  # diversity applies to this many first places ...
PER_PARTNER = 2  # ... where one partner holds at most this many
MAX_GAPS = 2  # a filtered offering with more gaps is not "nearly fitting"
CHUNK = 128  # MSMEs scored together in batch ranking
_GAP_FILTERS = ("region", "scale", "legal_form", "certifications")


@dataclass
class Match:
    """One ranked offering for an MSME; ``score`` in [0, 1]."""

    offering_external_id: str
    partner_external_id: str
    score: float
    reasons: list[str] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class FilteredOffering:
    """An offering that would fit but for a few gaps, named in ``missing``."""

    offering_external_id: str
    partner_external_id: str
    score: float
    missing: list[str] = field(default_factory=list)


@dataclass
class Ranking:
    matches: list[Match]
    filtered: list[FilteredOffering] = field(default_factory=list)


@dataclass
class MsmeMatch:
    """One ranked MSME for an offering, in [0, 1]: ``score`` is the reciprocal
    score that orders them, ``one_way`` the MSME->offering score alone (see
    :meth:`Matcher.rank_msmes_for`)."""

    msme_external_id: str
    score: float
    reasons: list[str]
    one_way: float
    # The feature values behind ``score`` (need, commodity, text, region).
    features: dict[str, float] = field(default_factory=dict)

    @property
    def real_fit(self) -> bool:
        """Whether the offering answers one of the MSME's needs or names its
        commodities or sector: being in its region, sharing words, or an offering
        open to any commodity (``features.OPEN``) alone is no fit."""
        # Features are float32: compare with a margin well below any step of the scale.
        return (
            self.features.get("need", 0.0) > 1e-6
            or self.features.get("commodity", 0.0) > OPEN + 1e-6
        )


def diversify(
    order: Sequence[int], partners, limit: int, top: int = TOP, per_partner: int = PER_PARTNER
) -> list[int]:
    """Re-order ``order`` (best first) so that no partner holds more than
    ``per_partner`` of the first ``top`` places, unless too few partners are
    left to fill them. Returns at most ``limit`` items."""
    first = [partners[i] for i in order[:top]]
    if max(map(first.count, first), default=0) <= per_partner:
        return list(order[:limit])  # already diverse
    head: list[int] = []
    deferred: list[int] = []
    counts: dict[str, int] = {}
    for i in order:
        if len(head) >= top:
            break
        p = partners[i]
        if counts.get(p, 0) >= per_partner:
            deferred.append(i)
            continue
        head.append(i)
        counts[p] = counts.get(p, 0) + 1
    head.extend(deferred[: max(0, top - len(head))])
    chosen = set(head)
    rest = [i for i in order if i not in chosen]
    return (head + rest)[:limit]


def harmonic_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise harmonic mean, 0 where both are 0."""
    total = a + b
    return np.where(total > 0, 2 * a * b / np.where(total > 0, total, 1), 0.0)


class Matcher:
    """Ranks partner offerings for MSMEs (and MSMEs for an offering).

    Parameters
    ----------
    weights : mapping of feature name to a non-negative weight, optional
        Over :attr:`feature_names`; missing names weigh 0; normalised to sum 1.
        Default :data:`DEFAULT_WEIGHTS`.
    today : date, optional
        The day against which ``valid_until`` is checked; default the current
        date at ranking time.
    taxonomy : matcher.commodities.Taxonomy, optional
        Default :func:`matcher.commodities.default_taxonomy`.
    """

    feature_names: tuple[str, ...] = FEATURES

    def __init__(
        self,
        weights: Mapping[str, float] | None = None,
        today: datetime.date | None = None,
        taxonomy=None,
    ):
        self.weights = weights
        self.today = today
        self.taxonomy = taxonomy

    # -- fitting --------------------------------------------------------------
    def fit(self, offerings: Sequence[OfferingProfile]) -> Matcher:
        """Index the catalogue: encodings, eligibility tables and TF-IDF."""
        weights = dict(DEFAULT_WEIGHTS if self.weights is None else self.weights)
        unknown = set(weights) - set(self.feature_names)
        if unknown:
            raise ValueError(
                f"unknown feature weight(s) {sorted(unknown)}; known: {list(self.feature_names)}"
            )
        w = np.array([float(weights.get(k, 0.0)) for k in self.feature_names])
        if (w < 0).any() or not np.isfinite(w).all() or w.sum() <= 0:
            raise ValueError("weights must be finite, non-negative and not all zero")
        self.weights_ = dict(zip(self.feature_names, (w / w.sum()).tolist(), strict=True))
        self._w = (w / w.sum()).astype(np.float32)
        if self.taxonomy is None:
            from matcher.commodities import default_taxonomy

            self.taxonomy_ = default_taxonomy()
        else:
            self.taxonomy_ = self.taxonomy
        self.index_ = OfferingIndex(offerings, self.taxonomy_)
        self.offering_ids_ = tuple(self.index_.ids.tolist())
        self._ids, self._partners = list(self.offering_ids_), self.index_.partner_ids.tolist()
        self._row = {oid: i for i, oid in enumerate(self.offering_ids_)}
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "index_"):
            raise NotFittedError("This Matcher is not fitted yet: call fit(offerings) first.")

    def _today_ord(self) -> int:
        return (self.today or datetime.date.today()).toordinal()

    def _score(self, features: dict, eligible: np.ndarray | None = None) -> np.ndarray:
        """The weighted sum of ``features`` in [0, 1]; 0 where not ``eligible``
        (when given), which is how :meth:`_ranked` and :meth:`_cuts` want it."""
        names = self.feature_names
        total = np.multiply(self._w[0], features[names[0]])
        term = np.empty_like(total)
        for weight, name in zip(self._w[1:], names[1:], strict=True):
            total += np.multiply(weight, features[name], out=term)
        np.clip(total, 0.0, 1.0, out=total)
        if eligible is not None:
            total *= eligible
        return total

    def _ranked(
        self, ranked: np.ndarray, eligible: np.ndarray, limit: int, cut: float | None = None
    ) -> list[int]:
        """Eligible rows best first (ties by external_id), diversified, ``limit`` long.

        ``ranked`` holds the eligible offerings' scores and 0 elsewhere.
        ``cut``, when known, is a score that at least the pool of candidates
        reaches (see :meth:`_cuts`); otherwise it is found here.
        """
        pool = max(limit, TOP) + 4 * TOP
        if cut is None:
            cut = self._cuts(ranked[None, :], pool)[0]
        # every tie at the cut; at 0 the eligible offerings of score 0 too
        idx = np.flatnonzero(ranked >= cut) if cut > 0 else np.flatnonzero(eligible)
        if idx.size == 0 or limit <= 0:
            return []
        order = idx[np.lexsort((idx, -ranked[idx]))].tolist()
        partners = self._partners
        chosen = diversify(order, partners, limit)
        head = [partners[i] for i in chosen[:TOP]]
        if (
            head
            and max(map(head.count, head)) > PER_PARTNER
            and idx.size < np.count_nonzero(eligible)
        ):
            full = np.flatnonzero(eligible)  # the pool was too narrow: use all
            chosen = diversify(full[np.lexsort((full, -ranked[full]))].tolist(), partners, limit)
        return chosen

    @staticmethod
    def _cuts(ranked: np.ndarray, pool: int) -> np.ndarray:
        """Per row of ``ranked`` (eligible offerings' scores, 0 elsewhere), a
        score that at least ``pool`` eligible offerings reach, or 0: never
        above the ``pool``-th best, which is all :meth:`_ranked` needs. The
        row is cut into about ``4 * pool`` blocks; their maxima are distinct
        entries, so the ``pool``-th best block maximum is such a score when
        positive (and a cheap one: no partition of the whole row)."""
        m, n = ranked.shape
        if n <= pool:
            return np.zeros(m, dtype=np.float32)
        width = -(-n // (4 * pool))
        whole = n // width  # blocks of full width; then the rest
        tops = np.empty((m, -(-n // width)), dtype=np.float32)
        tops[:, :whole] = ranked[:, : whole * width].reshape(m, whole, width).max(axis=2)
        if whole < tops.shape[1]:
            tops[:, whole] = ranked[:, whole * width :].max(axis=1)
        k = tops.shape[1] - pool
        return np.partition(tops, k, axis=1)[:, k]

    def _select(
        self, scored, chosen: list[list[int]], features, scores, lang: str, with_reasons: bool
    ) -> tuple:
        """The matches of each MSME of the ``scored`` batch (from
        :func:`~matcher.scoring.compute`), catalogue rows ``chosen[row]``, in
        the compact form that :meth:`_matches` turns into objects (and that a
        worker process sends cheaply): ``(rows, counts, scores, values,
        reasons)``, the matches of all MSMEs one after the other, ``counts``
        per MSME, ``values`` the [matches, features] feature values rounded
        to 6 decimals, ``reasons`` a list per match or None."""
        counts = np.array([len(c) for c in chosen], dtype=np.int64)
        rows = np.repeat(np.arange(len(chosen)), counts)
        cols = np.fromiter(itertools.chain.from_iterable(chosen), dtype=np.intp, count=rows.size)
        table = np.stack([features[k][rows, cols] for k in self.feature_names], axis=1)
        # rounded as round(value, 6) would: a float32 value times 10**6 is
        # exact in float64, so rint rounds the exact product, half to even
        values = np.rint(table.astype(np.float64) * 1e6) / 1e6
        reasons = None
        if with_reasons:
            dicts = [dict(zip(self.feature_names, v, strict=True)) for v in values.tolist()]
            reasons, start = [], 0
            for row, offerings in enumerate(chosen):
                end = start + len(offerings)
                reasons.extend(explain(self.index_, scored, row, offerings, dicts[start:end], lang))
                start = end
        return cols.astype(np.int32), counts, scores[rows, cols], values, reasons

    def _matches(self, rows, counts, scores, values, reasons) -> list[list[Match]]:
        """Match objects, a list per MSME, from :meth:`_select`'s output."""
        names = self.feature_names
        ids, partners = self._ids, self._partners
        if reasons is None:
            reasons = [[] for _ in range(len(rows))]
        flat = [
            Match(ids[i], partners[i], score, r, dict(zip(names, v, strict=False)))
            for i, score, v, r in zip(
                rows.tolist(), scores.tolist(), values.tolist(), reasons, strict=True
            )
        ]
        out, start = [], 0
        for count in counts.tolist():
            out.append(flat[start : start + count])
            start += count
        return out

    # -- ranking --------------------------------------------------------------
    def rank_offerings_for(
        self, msme: MsmeProfile, limit: int = 10, include_filtered: bool = False, lang: str = "id"
    ) -> Ranking:
        """The best ``limit`` eligible offerings for one MSME, best first.

        With ``include_filtered``, also up to ``limit`` nearly-fitting
        offerings that the hard filters removed for at most two fixable gaps
        (region, scale, legal form, certifications) and that would have made
        the list otherwise; full or expired offerings are never suggested.
        """
        self._check_fitted()
        batch = MsmeBatch(self.index_, [msme])
        features, masks, scored = compute(self.index_, batch, self._today_ord())
        scores = self._score(features)
        eligible = masks["eligible"]
        chosen = self._ranked(scores[0] * eligible[0], eligible[0], limit)
        matches = self._matches(*self._select(scored, [chosen], features, scores, lang, True))[0]
        filtered = []
        if include_filtered:
            filtered = self._nearly_fitting(batch, features, masks, scores, matches, limit, lang)
        return Ranking(matches=matches, filtered=filtered)

    def _nearly_fitting(self, batch, features, masks, scores, matches, limit, lang):
        gaps = sum((~masks[name][0]).astype(int) for name in _GAP_FILTERS)
        cut = matches[-1].score if len(matches) >= limit else 0.0
        relevant = features["need"][0] > 0 if batch.msmes[0].needs else scores[0] > 0
        candidates = np.flatnonzero(
            ~masks["eligible"][0]
            & masks["open"][0]
            & (gaps <= MAX_GAPS)
            & relevant
            & (scores[0] >= cut)
        )
        order = candidates[np.lexsort((candidates, -scores[0][candidates]))][:limit]
        out = []
        for i in order:
            passes = {name: bool(masks[name][0, i]) for name in (*_GAP_FILTERS, "full", "expired")}
            out.append(
                FilteredOffering(
                    offering_external_id=self.index_.ids[i],
                    partner_external_id=self.index_.partner_ids[i],
                    score=float(scores[0, i]),
                    missing=missing_requirements(
                        self.index_.offerings[i], batch.msmes[0], passes, lang
                    ),
                )
            )
        return out

    def prepare_msmes(self, msmes: Sequence[MsmeProfile]) -> list[MsmeBatch]:
        """The MSMEs encoded against this fitted catalogue, once, for any number
        of :meth:`rank_msmes_for` calls (``prepared=``) while neither changes,
        each need's reference similarity included. The batches are read-only:
        calls from several threads may share them."""
        self._check_fitted()
        batches = (
            MsmeBatch(self.index_, msmes[start : start + CHUNK * 8])
            for start in range(0, len(msmes), CHUNK * 8)
        )
        return [batch.with_need_best(need_references(self.index_, batch)) for batch in batches]

    def rank_msmes_for(
        self,
        offering_external_id: str,
        msmes: Sequence[MsmeProfile],
        limit: int = 10,
        lang: str = "id",
        prepared: Sequence[MsmeBatch] | None = None,
    ) -> list[MsmeMatch]:
        """The best ``limit`` eligible MSMEs for one offering, best first.

        ``one_way`` is the MSME->offering score. Where both sides state
        preferences (the offering names commodities or sectors, the MSME has
        needs), ``score``, which orders the list, is the reciprocal score: the
        harmonic mean of ``one_way`` and the offering->MSME fit (its
        commodity/sector fit); otherwise it equals ``one_way``. Ties by MSME
        external_id. ``prepared``, from :meth:`prepare_msmes` of this matcher
        and the same ``msmes``, skips encoding them again (and is only read).
        """
        self._check_fitted()
        i = self._row.get(offering_external_id)
        if i is None:
            raise KeyError(f"unknown offering {offering_external_id!r}")
        states_pref = not self.index_.is_open[i]
        parts, eligible_scores = [], []
        columns, today = Columns(self.index_, [i]), self._today_ord()
        for batch in prepared if prepared is not None else self.prepare_msmes(msmes):
            features, masks, scored = compute(self.index_, batch, today, cols=columns)
            one_way = self._score(features)[:, 0]
            fit = features["commodity"][:, 0]
            has_needs = np.bincount(batch.need_owner, minlength=len(batch)) > 0
            recip = np.where(states_pref & has_needs, harmonic_mean(one_way, fit), one_way)
            rows = np.flatnonzero(masks["eligible"][:, 0])
            parts.append((batch, scored, features, rows, one_way, recip))
            eligible_scores.append(recip[rows])
        # Only MSMEs that reach the limit-th best score can make the list: the
        # rest need no Python objects (most of a request's time, and under the
        # interpreter lock, when every MSME had one).
        every = np.concatenate(eligible_scores) if eligible_scores else np.zeros(0)
        cut = -np.inf
        if 0 < limit < every.size:
            cut = np.partition(every, every.size - limit)[every.size - limit]
        rows = []
        for batch, scored, features, eligible, one_way, recip in parts:
            for r in eligible[recip[eligible] >= cut].tolist():
                rows.append(
                    (
                        -float(recip[r]),
                        batch.msmes[r].external_id,
                        scored,
                        r,
                        float(one_way[r]),
                        float(recip[r]),
                        features,
                    )
                )
        rows.sort(key=lambda t: (t[0], t[1]))
        out = []
        for _, mid, scored, r, one, rec, features in rows[:limit]:
            values = {k: float(features[k][r, 0]) for k in self.feature_names}
            reasons = explain(self.index_, scored, r, [i], [values], lang)[0]
            out.append(
                MsmeMatch(
                    msme_external_id=mid, score=rec, reasons=reasons, one_way=one, features=values
                )
            )
        return out

    def rank_many(
        self,
        msmes: Sequence[MsmeProfile],
        limit: int = 10,
        lang: str = "id",
        with_reasons: bool = True,
        workers: int | None = None,
    ) -> Iterator[tuple[MsmeProfile, list[Match]]]:
        """Rank offerings for many MSMEs, scoring chunks of :data:`CHUNK` MSMEs
        against the whole catalogue at once.

        Yields ``(msme, matches)`` in input order; the same matches as
        :meth:`rank_offerings_for` would give each MSME (``reasons`` empty when
        ``with_reasons`` is false). ``workers`` processes (default
        :func:`matcher.parallel.default_workers`: one per CPU, at most four)
        rank chunks side by side; forked from this one, they share the fitted
        index without copying it (see :mod:`matcher.parallel`, also for where
        the ranking stays in this process, as with ``workers=1``). An
        exception in a worker is raised here. Memory grows with ``CHUNK`` x
        catalogue size x ``workers``, not with the number of MSMEs; forking
        is not safe in a process where other threads may hold locks (a
        threaded web server), so call this from a command or a job.
        """
        self._check_fitted()
        today = self._today_ord()
        starts = range(0, len(msmes), CHUNK)

        def rank(start: int) -> tuple:
            return self._rank_chunk(msmes[start : start + CHUNK], limit, lang, with_reasons, today)

        workers = default_workers() if workers is None else workers
        for start, chunk in zip(starts, ordered_map(rank, starts, workers), strict=True):
            yield from zip(msmes[start : start + CHUNK], self._matches(*chunk), strict=True)

    def _rank_chunk(self, msmes, limit, lang, with_reasons, today) -> tuple:
        """The matches of ``msmes`` in :meth:`_select`'s compact form."""
        batch = MsmeBatch(self.index_, msmes)
        features, masks, scored = compute(self.index_, batch, today)
        eligible = masks["eligible"]
        scores = self._score(features, eligible)
        cuts = self._cuts(scores, max(limit, TOP) + 4 * TOP)
        chosen = [
            self._ranked(scores[row], eligible[row], limit, cuts[row]) for row in range(len(batch))
        ]
        return self._select(scored, chosen, features, scores, lang, with_reasons)

    def offering(self, external_id: str) -> OfferingProfile:
        """The fitted catalogue's profile of one offering (``KeyError`` if absent)."""
        self._check_fitted()
        return self.index_.offerings[self._row[external_id]]

    def features_for(self, msme: MsmeProfile) -> tuple[np.ndarray, np.ndarray]:
        """``(rows, matrix)`` for weight learning: catalogue rows of the
        offerings eligible for ``msme`` (see ``offering_ids_``) and their
        [n, len(feature_names)] feature matrix."""
        self._check_fitted()
        batch = MsmeBatch(self.index_, [msme])
        features, masks, _ = compute(self.index_, batch, self._today_ord())
        rows = np.flatnonzero(masks["eligible"][0])
        matrix = np.column_stack([features[k][0, rows] for k in self.feature_names])
        return rows, matrix.reshape(len(rows), len(self.feature_names))
