"""Tests of the commodity taxonomy (matcher/commodities.py and its data file)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matcher.codes import SECTORS
from matcher.commodities import (
    DEFAULT_PATH,
    Commodity,
    Taxonomy,
    _fold_text,
    default_taxonomy,
)


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return default_taxonomy()


def key_of(tax: Taxonomy, text: str) -> str | None:
    match = tax.resolve(text)
    return match.commodity.key if match else None


# ---------------------------------------------------------------- data file


def test_size_and_every_sector_present(tax):
    assert len(tax) >= 170
    assert {c.sector for c in tax} == set(SECTORS)


def test_default_file_validates():
    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert len(Taxonomy.load(DEFAULT_PATH)) == len(data)
    for entry in data:
        assert set(entry) == {"key", "name", "name_en", "sector", "synonyms", "related"}
        assert entry["key"] == entry["key"].strip().lower()


def test_no_term_names_two_commodities(tax):
    owners: dict[str, set[str]] = defaultdict(set)
    for c in tax:
        for term in c.terms():
            owners[_fold_text(term)].add(c.key)
    clashes = {t: k for t, k in owners.items() if len(k) > 1}
    assert not clashes


def test_every_name_resolves_to_itself(tax):
    for c in tax:
        for term in (c.name, c.name_en, *c.synonyms):
            assert key_of(tax, term) == c.key, term


def test_get_and_names(tax):
    assert tax.get("lidah_buaya").name_en == "aloe vera"
    with pytest.raises(KeyError):
        tax.get("no_such_commodity")
    names = tax.names()
    assert "lidah buaya" in names and names == sorted(names)


# ---------------------------------------------------------------- resolution


@pytest.mark.parametrize(
    "text, key",
    [
        ("aloe vera", "lidah_buaya"),
        ("Aloe Vera", "lidah_buaya"),
        ("  LIDAH   BUAYA ", "lidah_buaya"),
        ("madu trigona", "madu_kelulut"),
        ("stingless bee honey", "madu_kelulut"),
        ("merica putih", "lada"),
        ("sahang", "lada"),
        ("white pepper", "lada"),
        ("kopi liberica", "kopi_liberika"),
        ("kopi libérica", "kopi_liberika"),
        ("seaweed", "rumput_laut"),
        ("getah karet", "karet"),
        ("lateks", "karet"),
        ("jeruk siam", "jeruk"),
        ("citrus", "jeruk"),
        ("manik-manik", "manik_manik"),
        ("manik_manik", "manik_manik"),
        ("beads", "manik_manik"),
        ("Beadwork", "manik_manik"),
        ("keripik talas", "keripik_keladi"),
        ("songket", "tenun_songket"),
        ("sawit", "kelapa_sawit"),
        ("catfish", "ikan_lele"),
    ],
)
def test_synonyms_and_english_names(tax, text, key):
    match = tax.resolve(text)
    assert match is not None and match.commodity.key == key
    assert match.text == text


def test_exact_flag_and_score(tax):
    match = tax.resolve("aloe vera")
    assert match.exact and match.score == 100
    fuzzy = tax.resolve("lidah buayaa")
    assert not fuzzy.exact and 0 <= fuzzy.score < 100


@pytest.mark.parametrize(
    "text, key",
    [
        ("lidah buayaa", "lidah_buaya"),
        ("lidha buaya", "lidah_buaya"),
        ("amplangg", "amplang"),
        ("kopi liberca", "kopi_liberika"),
        ("kopi liberrika", "kopi_liberika"),
        ("madu kelulutt", "madu_kelulut"),
        ("rumput lau", "rumput_laut"),
        ("tenun songkt", "tenun_songket"),
        ("anyaman rottan", "anyaman_rotan"),
        ("kelapa sawitt", "kelapa_sawit"),
        ("tengkawng", "tengkawang"),
        ("pineaple", "nanas"),
    ],
)
def test_typos_resolve(tax, text, key):
    match = tax.resolve(text)
    assert match is not None and match.commodity.key == key
    assert not match.exact


@pytest.mark.parametrize(
    "text, key",
    [
        ("aloe vera segar", "lidah_buaya"),
        ("kerupuk ikan tenggiri", "kerupuk_ikan"),
        ("kerupuk ikan tengiri", "kerupuk_ikan"),
        ("kopi liberika bubuk", "kopi_liberika"),
        ("bubuk kopi liberca", "kopi_liberika"),
        ("jual madu kelulut asli", "madu_kelulut"),
        ("budidaya ikan lele", "ikan_lele"),
        ("olahan rumput laut", "rumput_laut"),
        ("anyaman rotan dayak", "anyaman_rotan"),
        ("keripik keladi pedas manis", "keripik_keladi"),
    ],
)
def test_phrases_resolve_to_contained_commodity(tax, text, key):
    assert key_of(tax, text) == key


def test_phrase_prefers_most_specific_term(tax):
    # "minuman aloe vera" is the processed drink, which is related to the plant
    drink = tax.resolve("minuman aloe vera").commodity
    assert drink.key == "minuman_lidah_buaya"
    assert tax.are_related(drink.key, "lidah_buaya")


@pytest.mark.parametrize(
    "text",
    [
        "laptop",
        "sepatu",
        "handphone",
        "komputer",
        "asuransi",
        "karpet",
        "perak",
        "kredit usaha rakyat",
        "pemasaran",
        "sertifikasi halal",
        "jam tangan",
        "xyzzy",
        "",
        "   ",
        "-",
        "a",
        "ab",
    ],
)
def test_unrelated_words_do_not_resolve(tax, text):
    assert tax.resolve(text) is None


def test_services_are_not_confused_with_food(tax):
    match = tax.resolve("jasa servis motor")
    assert match is None or match.commodity.sector == "services"


def test_resolve_is_cached(tax):
    assert tax.resolve("madu trigona") is tax.resolve("madu trigona")


def test_resolve_all_skips_unresolved(tax):
    matches = tax.resolve_all(["aloe vera", "laptop", "amplank"])
    assert [m.commodity.key for m in matches] == ["lidah_buaya", "amplang"]


# ---------------------------------------------------------------- relations


def test_relations(tax):
    assert tax.are_related("amplang", "kerupuk_ikan")
    assert tax.are_related("kerupuk_ikan", "amplang")
    assert tax.are_related("kopi_liberika", "kopi_robusta")
    assert tax.are_related("madu_kelulut", "madu_hutan")
    assert tax.are_related("karet", "karet")
    assert not tax.are_related("lidah_buaya", "karet")
    assert not tax.are_related("unknown", "karet")


def test_relations_are_symmetric(tax):
    for c in tax:
        for other in c.related:
            assert c.key in tax.get(other).related
            assert other != c.key


# ---------------------------------------------------------------- find, suggest, sector


def test_find_in_text(tax):
    text = (
        "Kami produksi Madu Kelulut dari Kapuas Hulu, juga kerupuk-kerupuk ikan "
        "tenggiri dan manik-manik."
    )
    keys = [c.key for c in tax.find_in_text(text)]
    assert keys == ["madu_kelulut", "kerupuk_ikan", "manik_manik"]


def test_find_in_text_is_not_fuzzy_over_words(tax):
    assert tax.find_in_text("Kami belum tahu cara memasarkan produk, buka 24 jam.") == []
    assert tax.find_in_text("") == []
    assert [c.key for c in tax.find_in_text("jual tahu dan tempe")] == ["tahu", "tempe"]


def test_suggest(tax):
    assert "lidah_buaya" in [c.key for c in tax.suggest("lid")]
    assert tax.suggest("lidah")[0].key == "lidah_buaya"
    assert "madu_kelulut" in [c.key for c in tax.suggest("kelul")]
    assert "lidah_buaya" in [c.key for c in tax.suggest("lidha")]
    assert len(tax.suggest("k", limit=5)) == 5
    assert tax.suggest("") == []


def test_derive_sector(tax):
    assert tax.derive_sector(["amplang", "kerupuk udang", "lada"]) == "home_industry"
    assert tax.derive_sector(["lada", "amplang"]) == "plantation"  # tie: first seen
    assert tax.derive_sector(["laptop", "seaweed"]) == "fishery"
    assert tax.derive_sector(["laptop"]) is None
    assert tax.derive_sector([]) is None


# ---------------------------------------------------------------- loading errors


def _entry(key: str, **kw) -> dict:
    entry = {
        "key": key,
        "name": key,
        "name_en": key,
        "sector": "agriculture",
        "synonyms": [],
        "related": [],
    }
    entry.update(kw)
    return entry


@pytest.mark.parametrize(
    "entries, fragment",
    [
        ([_entry("aa"), _entry("bb", sector="mining")], "'bb'"),
        ([_entry("aa"), _entry("aa")], "'aa'"),
        ([_entry("aa"), _entry("bb", related=["zz"])], "'zz'"),
        ([_entry("aa"), _entry("bb", colour="red")], "'bb'"),
        ([_entry("aa"), {"key": "bb", "name": "bb"}], "'bb'"),
        ([_entry("aa"), _entry("bb", synonyms="oops")], "'bb'"),
    ],
)
def test_load_rejects_broken_file(tmp_path, entries, fragment):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(entries), encoding="utf-8")
    with pytest.raises(ValueError, match=fragment):
        Taxonomy.load(path)


def test_load_small_file_and_symmetric_related(tmp_path):
    path = tmp_path / "small.json"
    entries = [_entry("aa", synonyms=["alpha"], related=["bb"]), _entry("bb", sector="craft")]
    path.write_text(json.dumps(entries), encoding="utf-8")
    tax = Taxonomy.load(str(path))
    assert len(tax) == 2
    assert tax.are_related("bb", "aa")
    assert key_of(tax, "Alpha") == "aa"


def test_constructor_validates():
    with pytest.raises(ValueError, match="'x'"):
        Taxonomy([Commodity("x", "x", "x", "nope", (), frozenset())])


def test_default_taxonomy_is_cached():
    assert default_taxonomy() is default_taxonomy()


# ---------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_resolve_never_raises(text):
    tax = default_taxonomy()
    match = tax.resolve(text)
    if match is not None:
        assert 0 <= match.score <= 100
        assert match.text == text
    tax.find_in_text(text)
    tax.suggest(text)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(sorted(c.key for c in default_taxonomy())),
    st.sampled_from(["", " ", "  ", "\t"]),
    st.booleans(),
)
def test_names_resolve_with_noise(key, pad, upper):
    name = default_taxonomy().get(key).name
    text = pad + (name.upper() if upper else name) + pad
    assert key_of(default_taxonomy(), text) == key
