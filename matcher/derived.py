"""Derived-product knowledge: which products are made from which materials.

Read from ``matcher/data/derived_products.json`` (each link names its source).
Keys are those of the commodity taxonomy (``matcher.commodities``), so a
keripik keladi maker's materials are found from its commodities and a keladi
farmer's buyers from the products made of keladi. Pure: no Flask, no database.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from matcher.commodities import Taxonomy, default_taxonomy

DEFAULT_PATH = Path(__file__).parent / "data" / "derived_products.json"


class DerivedProducts:
    """Material -> products links between taxonomy keys, in both directions."""

    def __init__(self, links: dict[str, set[str]], forms: dict[str, list[str]], sources: dict):
        self._products = {m: frozenset(p) for m, p in links.items()}
        materials: dict[str, set[str]] = {}
        for material, products in links.items():
            for product in products:
                materials.setdefault(product, set()).add(material)
        self._materials = {p: frozenset(m) for p, m in materials.items()}
        self._forms = forms
        self.sources = sources

    @classmethod
    def load(cls, path: str | Path | None = None, taxonomy: Taxonomy | None = None):
        """Load and check the data file: every key must be a taxonomy key, every
        form must resolve to its material, every source must be described.
        Raises ``ValueError`` naming the entry."""
        path = Path(path) if path is not None else DEFAULT_PATH
        taxonomy = taxonomy or default_taxonomy()
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = data["sources"]
        links: dict[str, set[str]] = {}
        forms: dict[str, list[str]] = {}
        for i, entry in enumerate(data["links"]):
            where = f"{path.name}: links[{i}] ({entry.get('material')!r})"
            keys = [entry["material"], *entry.get("products", [])]
            for key in keys:
                try:
                    taxonomy.get(key)
                except KeyError:
                    raise ValueError(f"{where}: {key!r} is not a commodity key") from None
            if entry.get("source") not in sources:
                raise ValueError(f"{where}: source {entry.get('source')!r} is not described")
            for form in entry.get("forms", []):
                found = taxonomy.resolve(form)
                if found is None or found.commodity.key != entry["material"]:
                    raise ValueError(f"{where}: form {form!r} does not resolve to the material")
            links.setdefault(entry["material"], set()).update(entry.get("products", []))
            forms.setdefault(entry["material"], []).extend(entry.get("forms", []))
        return cls(links, forms, sources)

    def products_of(self, material: str) -> frozenset[str]:
        """Keys of the products made from ``material`` (a taxonomy key)."""
        return self._products.get(material, frozenset())

    def materials_of(self, product: str) -> frozenset[str]:
        """Keys of the materials ``product`` (a taxonomy key) is made from."""
        return self._materials.get(product, frozenset())

    def forms_of(self, material: str) -> list[str]:
        """Processed forms the taxonomy counts as the material itself (kopra, bokar)."""
        return list(self._forms.get(material, []))


@lru_cache(maxsize=1)
def default_derived() -> DerivedProducts:
    """The links of the default data file, loaded once."""
    return DerivedProducts.load()
