"""Issue 16: the derived-product data file is consistent with the taxonomy and
says what the centre's consultants know."""

from __future__ import annotations

import json

import pytest

from matcher.commodities import default_taxonomy
from matcher.derived import DEFAULT_PATH, DerivedProducts, default_derived


def key(text: str) -> str:
    return default_taxonomy().resolve(text).commodity.key


@pytest.mark.parametrize(
    ("material", "product"),
    [
        ("keladi", "keripik keladi"),
        ("ikan tenggiri", "amplang"),
        ("lidah buaya", "minuman lidah buaya"),
        ("lidah buaya", "dodol"),  # manisan
        ("kelapa", "minyak kelapa"),
        ("kelapa", "VCO"),
        ("sagu", "kerupuk"),
        ("rumput laut", "dodol rumput laut"),
        ("durian", "lempok"),
        ("singkong", "tepung tapioka"),
        ("tepung tapioka", "amplang"),
        ("rotan", "anyaman rotan"),
    ],
)
def test_known_links_of_kalimantan_barat(material, product):
    derived = default_derived()
    assert key(product) in derived.products_of(key(material))
    assert key(material) in derived.materials_of(key(product))


def test_processed_forms_the_taxonomy_files_under_the_material():
    derived = default_derived()
    assert "bokar" in derived.forms_of(key("getah karet"))
    assert "kopra" in derived.forms_of("kelapa")
    assert "tepung sagu" in derived.forms_of("sagu")


def test_every_link_names_a_described_source_and_many_materials_are_covered():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert len(data["links"]) >= 40
    assert all(link["source"] in data["sources"] for link in data["links"])
    assert len({link["material"] for link in data["links"]}) == len(data["links"])


def test_a_link_to_an_unknown_key_is_refused_by_name(tmp_path):
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    data["links"].append({"material": "keladi", "products": ["unobtainium"], "source": "recipe"})
    path = tmp_path / "derived.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="'unobtainium' is not a commodity key"):
        DerivedProducts.load(path)
    data["links"][-1] = {"material": "keladi", "products": [], "source": "hearsay"}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="source 'hearsay' is not described"):
        DerivedProducts.load(path)
