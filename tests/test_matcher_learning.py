"""Weight learning: pairwise logistic regression and NDCG."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.learning import evaluate_weights, fit_weights, ndcg_at_k, pairwise_differences
from matcher.scoring import FEATURES


def test_ndcg_at_k():
    assert ndcg_at_k([3, 2, 1], [1, 2, 3], k=5) == pytest.approx(1.0)
    assert ndcg_at_k([0, 0, 0], [3], k=5) == 0.0
    assert ndcg_at_k([], [], k=5) == 0.0
    # gain 2**g - 1, discount log2(rank + 1)
    expected = (1 / np.log2(2) + 7 / np.log2(3)) / (7 / np.log2(2) + 1 / np.log2(3))
    assert ndcg_at_k([1, 3], [3, 1], k=5) == pytest.approx(expected)
    assert ndcg_at_k([0, 3], [3], k=1) == 0.0


def _groups(rng, n_groups=30, n=12, true=(0.7, 0.0, 0.0, 0.3)):
    groups = []
    for _ in range(n_groups):
        x = rng.random((n, len(FEATURES)))
        utility = x @ np.array(true)
        labels = np.zeros(n)
        labels[np.argsort(-utility)[:3]] = [3, 2, 1]
        groups.append((x, labels))
    return groups


def test_fit_weights_recovers_the_features_that_matter():
    groups = _groups(np.random.default_rng(0))
    weights = fit_weights(groups, C=10.0)
    assert set(weights) == set(FEATURES)
    assert sum(weights.values()) == pytest.approx(1.0)
    assert all(w >= 0 for w in weights.values())
    assert weights["need"] > weights["region"] > max(weights["commodity"], weights["text"])
    uniform = dict.fromkeys(FEATURES, 0.25)
    assert evaluate_weights(groups, weights) > evaluate_weights(groups, uniform)
    assert evaluate_weights(groups, {"need": 0.7, "region": 0.3}) == pytest.approx(1.0)


def test_stronger_regularisation_shrinks_towards_uniform():
    groups = _groups(np.random.default_rng(1))
    spread = [np.ptp(list(fit_weights(groups, C=c).values())) for c in (10.0, 1e-4)]
    assert spread[1] < spread[0]


def test_degenerate_groups():
    x = np.ones((3, len(FEATURES)))
    assert fit_weights([(x, np.zeros(3))]) == dict.fromkeys(FEATURES, 0.25)
    assert pairwise_differences([(x, np.zeros(3))])[0].size == 0
    assert evaluate_weights([(x, np.zeros(3))], dict.fromkeys(FEATURES, 0.25)) == 0.0
    with pytest.raises(ValueError):
        fit_weights([(np.ones((2, 2)), np.array([0, 1]))])
    d, y = pairwise_differences([(np.eye(len(FEATURES))[:2], np.array([1, 0]))])
    assert d.shape == (2, len(FEATURES)) and list(y) == [1, 0]
