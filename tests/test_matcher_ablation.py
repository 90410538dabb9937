"""The ablation tool switches a component off everywhere it is read, and back on."""

from __future__ import annotations

import pytest

from matcher import ablation, features, scoring


def test_a_constant_is_switched_off_where_scoring_reads_it_and_restored():
    before = scoring.OTHER_COMMODITY
    with ablation._constant("OTHER_COMMODITY", 0.6):
        # scoring imported the name: patching matcher.features alone would change nothing
        assert scoring.OTHER_COMMODITY == 0.6 and features.OTHER_COMMODITY == 0.6
    assert scoring.OTHER_COMMODITY == before == features.OTHER_COMMODITY


def test_an_unknown_component_is_refused():
    with pytest.raises(LookupError), ablation._constant("NO_SUCH_WEIGHT", 1.0):
        pass
