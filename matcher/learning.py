"""Learning feature weights from judged outcomes (pure functions).

A *group* is one MSME: ``(features, labels)`` where ``features`` is the
[n, n_features] matrix of its eligible offerings (see
:meth:`matcher.engine.Matcher.features_for`) and ``labels`` the outcome
grade of each row (0 = not useful; higher is better, e.g. 0-3 or an accepted
introduction = 1).

Weights are learned with a pairwise logistic regression (RankNet-style, linear):
for every two offerings of one MSME with different labels, the difference
of their feature vectors should predict which one is better. Scores are
compared only within an MSME, so no intercept is fitted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from matcher.scoring import FEATURES

Group = tuple[np.ndarray, np.ndarray]


def ndcg_at_k(ranked_grades: Sequence[float], ideal_grades: Sequence[float], k: int = 5) -> float:
    """NDCG@k with exponential gain ``2**grade - 1`` and ``log2(rank + 1)`` discount.

    ``ranked_grades`` are the grades of the ranking as shown, best first;
    ``ideal_grades`` all grades known for the query (any order), from which the
    ideal DCG is built. Returns a value in [0, 1]; 0 when no grade is positive.
    """

    def dcg(grades) -> float:
        g = np.asarray(list(grades)[:k], dtype=float)
        if g.size == 0:
            return 0.0
        return float(((2.0**g - 1.0) / np.log2(np.arange(2, g.size + 2))).sum())

    ideal = dcg(sorted(ideal_grades, reverse=True))
    return dcg(ranked_grades) / ideal if ideal > 0 else 0.0


def pairwise_differences(groups: Sequence[Group]) -> tuple[np.ndarray, np.ndarray]:
    """Feature differences of all within-group pairs with different labels.

    Each pair appears in both orders (``x_i - x_j`` labelled 1 when ``i`` is
    better, its negation labelled 0), so the classes are balanced.
    """
    diffs = []
    for features, labels in groups:
        x = np.asarray(features, dtype=float)
        y = np.asarray(labels, dtype=float)
        i, j = np.nonzero(y[:, None] > y[None, :])
        if i.size:
            diffs.append(x[i] - x[j])
    if not diffs:
        return np.zeros((0, 0)), np.zeros(0)
    d = np.vstack(diffs)
    return np.vstack([d, -d]), np.concatenate([np.ones(len(d)), np.zeros(len(d))])


def fit_weights(
    groups: Sequence[Group], C: float = 1.0, feature_names: Sequence[str] = FEATURES
) -> dict[str, float]:
    """Non-negative feature weights summing to 1, learned from judged groups.

    ``C`` is the inverse L2 regularisation strength of scikit-learn's
    :class:`~sklearn.linear_model.LogisticRegression`. Negative coefficients
    are clipped to 0 (a feature never counts against a match); if nothing
    positive remains, or no group has two different labels, the weights are
    uniform.
    """
    x, y = pairwise_differences(groups)
    n = len(feature_names)
    if x.size == 0:
        return dict.fromkeys(feature_names, 1.0 / n)
    if x.shape[1] != n:
        raise ValueError(f"feature matrices have {x.shape[1]} columns, expected {n}")
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=1000)
    model.fit(x, y)
    coef = np.clip(model.coef_.ravel(), 0.0, None)
    if coef.sum() <= 0:
        coef = np.ones(n)
    coef = coef / coef.sum()
    return {name: float(c) for name, c in zip(feature_names, coef, strict=True)}


def evaluate_weights(
    groups: Sequence[Group],
    weights: Mapping[str, float],
    k: int = 5,
    feature_names: Sequence[str] = FEATURES,
) -> float:
    """Mean NDCG@k over the groups that have a positive label, ranking each
    group by the weighted feature sum (ties: row order)."""
    w = np.array([float(weights.get(name, 0.0)) for name in feature_names])
    values = []
    for features, labels in groups:
        y = np.asarray(labels, dtype=float)
        if not (y > 0).any():
            continue
        x = np.asarray(features, dtype=float).reshape(len(y), len(w))
        scores = x @ w
        order = np.lexsort((np.arange(len(y)), -scores))
        values.append(ndcg_at_k(y[order], y, k))
    return float(np.mean(values)) if values else 0.0
