"""Entries of the commodity taxonomy that ranking depends on."""

from __future__ import annotations

from matcher.commodities import default_taxonomy


def test_a_welding_workshop_is_not_a_motorcycle_workshop():
    tax = default_taxonomy()
    for text in ("bengkel las", "jasa las", "las listrik", "welding", "tukang las"):
        match = tax.resolve(text)
        assert match is not None and match.commodity.name == "bengkel las", text
        assert match.commodity.sector == "services"
    for text in ("bengkel motor", "servis motor", "bengkel"):
        assert tax.resolve(text).commodity.key == "bengkel_motor", text
    welding = tax.resolve("bengkel las").commodity
    assert "bengkel_motor" not in welding.related
    assert welding.key not in tax.resolve("bengkel motor").commodity.related
