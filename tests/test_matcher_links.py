"""Issue 16: supply links between MSMEs, ranked with nothing but Python objects."""

from __future__ import annotations

import pytest

from matcher import flows
from matcher.links import BUYER, SUPPLIER, party_from, rank_links


def kg(commodity: str, quantity: float, period: str = "month", unit: str = "kg") -> dict:
    return {"commodity": commodity, "quantity": quantity, "unit": unit, "period": period}


MAKER = party_from(
    "CHIPS", "6112", ["keripik keladi"], [kg("keripik keladi", 100)], [kg("keladi", 1000)]
)


def test_distances_between_regency_seats_are_about_right():
    assert flows.distance_km("6171", "6171") == 0
    assert flows.distance_km("6171", "6112") == pytest.approx(7, abs=2)
    assert flows.distance_km("6171", "6108") == pytest.approx(412, abs=10)  # as the crow flies
    assert flows.distance_km("6171", "9999") is None


def test_units_and_periods_convert_only_where_they_can():
    assert flows.monthly(2, "ton", "month").quantity == 2000
    assert flows.monthly(70, "kg", "week").quantity == pytest.approx(304)
    assert flows.monthly(12, "liter", "year").quantity == 1
    assert flows.monthly(5, "pcs", "month").unit == "pcs"


def test_the_nearer_farmer_who_grows_enough_comes_first_with_plain_reasons():
    near = party_from("NEAR", "6112", ["keladi"], [kg("keladi", 1200)])
    far = party_from("FAR", "6108", ["keladi"], [kg("keladi", 1200)])
    small = party_from("SMALL", "6171", ["keladi"], [kg("keladi", 300)])
    fisher = party_from("FISH", "6171", ["ikan tenggiri"], [kg("ikan tenggiri", 900)])
    links = rank_links(MAKER, [far, small, fisher, near], direction=SUPPLIER)
    assert [link.msme_external_id for link in links] == ["NEAR", "SMALL", "FAR"]
    assert (
        links[0].reasons[0] == "Menghasilkan 1.200 kg keladi per bulan, di kabupaten/kota yang sama"
    )
    assert links[1].reasons == (
        "Menghasilkan 300 kg keladi per bulan, 7 km dari Anda",
        "Sekitar 30% dari kebutuhan Anda",
    )
    assert all(0 <= link.score <= 1 for link in links)


def test_materials_come_from_the_products_when_no_sources_are_listed():
    maker = party_from("AMPLANG", "6101", ["amplang"])
    fisher = party_from("FISH", "6172", ["ikan tenggiri"], [kg("tenggiri", 500)])
    starch = party_from("STARCH", "6104", ["tepung tapioka"])
    links = rank_links(maker, [fisher, starch], direction=SUPPLIER, lang="en")
    assert {link.msme_external_id: link.commodity for link in links} == {
        "FISH": "ikan_tenggiri",
        "STARCH": "tepung_tapioka",
    }
    assert (
        links[0].reasons[0].startswith("Produces 500 kg spanish mackerel per month, 61 km from you")
    )


def test_buyers_are_those_who_source_it_or_make_a_product_of_it():
    farmer = party_from("FARM", "6103", ["keladi"], [kg("keladi", 800)])
    other_maker = party_from("K2", "6171", ["keripik keladi"])
    unrelated = party_from("SHOP", "6171", ["toko kelontong"], [], [kg("beras", 100)])
    links = rank_links(farmer, [unrelated, other_maker, MAKER], direction=BUYER)
    assert [link.msme_external_id for link in links] == ["CHIPS", "K2"]
    assert links[0].reasons == (
        "Membutuhkan 1.000 kg keladi per bulan, 82 km dari Anda",
        "Pasokan Anda memenuhi sekitar 80% kebutuhannya",
    )
    assert links[1].reasons == ("Mengolah keladi menjadi produknya, 83 km dari Anda",)


def test_an_msme_is_never_linked_to_itself_nor_across_unconvertible_units():
    twin = party_from("CHIPS", "6112", ["keladi"], [kg("keladi", 5000)])
    liters = party_from("L", "6112", ["keladi"], [kg("keladi", 5000, unit="liter")])
    links = rank_links(MAKER, [twin, liters], direction=SUPPLIER)
    assert [link.msme_external_id for link in links] == ["L"]
    assert len(links[0].reasons) == 1  # no share claimed for liters against kg


def test_one_link_per_msme_and_direction_and_limit_per_direction():
    farmers = [party_from(f"F{i}", "6112", ["keladi"], [kg("keladi", 10 * i)]) for i in range(1, 9)]
    links = rank_links(MAKER, farmers, direction=SUPPLIER, limit=3)
    assert [link.msme_external_id for link in links] == ["F8", "F7", "F6"]


def test_the_judged_set_ranks_well_and_beats_commodity_only():
    import json
    from pathlib import Path

    from matcher.evaluate_links import evaluate

    path = Path(__file__).parent / "data" / "supply-links-judged.json"
    results = evaluate(json.loads(path.read_text(encoding="utf-8")))
    links = results["links (commodity + quantity + distance)"]["mean"]
    assert links >= 0.9
    assert links > results["baseline: commodity only"]["mean"]
    assert links > results["without distance"]["mean"]
