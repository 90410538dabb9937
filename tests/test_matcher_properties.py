"""Properties of the ranking that must hold for any catalogue and MSME."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matcher.codes import FIELDS, LEGAL_FORMS, REGENCIES, SCALES, SECTORS
from matcher.commodities import Commodity, Taxonomy
from matcher.engine import Matcher
from matcher.evaluate import hard_filter_failures
from matcher.profiles import MsmeProfile, Need, OfferingProfile

TODAY = datetime.date(2026, 11, 28)
TAXONOMY = Taxonomy(
    [
        Commodity(
            "amplang",
            "amplang",
            "fish crackers",
            "home_industry",
            related=frozenset({"kerupuk_ikan"}),
        ),
        Commodity("kerupuk_ikan", "kerupuk ikan", "fish crackers", "home_industry"),
        Commodity("lada", "lada", "pepper", "plantation", synonyms=("merica",)),
        Commodity("karet", "karet", "rubber", "plantation"),
        Commodity("songket", "tenun songket", "songket", "craft"),
    ]
)
WORDS = [
    "modal",
    "kredit",
    "pinjaman",
    "pemasaran",
    "dipasarkan",
    "toko",
    "oleh-oleh",
    "pelatihan",
    "menenun",
    "sertifikat",
    "halal",
    "kemasan",
    "label",
    "ekspor",
    "pembeli",
    "kontrak",
    "koperasi",
    "pembukuan",
    "aplikasi",
    "pameran",
    "jakarta",
    "produksi",
    "mesin",
    "usaha",
    "mikro",
    "kecil",
]
COMMODITIES = ["amplang", "kerupuk ikan", "merica", "karet", "tenun songket", "tengkawang"]
REGIONS = [*REGENCIES, "61", "ID"]

texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
fields = st.sampled_from(list(FIELDS))


@st.composite
def offerings(draw, oid: str) -> OfferingProfile:
    return OfferingProfile(
        external_id=oid,
        partner_external_id=draw(st.sampled_from(["P1", "P2", "P3", "P4"])),
        field=draw(fields),
        title=draw(texts),
        description=draw(texts),
        commodities=tuple(draw(st.lists(st.sampled_from(COMMODITIES), max_size=2))),
        sectors=tuple(draw(st.lists(st.sampled_from(list(SECTORS)), max_size=1))),
        regions=tuple(
            draw(st.lists(st.sampled_from(REGIONS), min_size=1, max_size=3, unique=True))
        ),
        eligible_scales=tuple(
            draw(st.lists(st.sampled_from(list(SCALES)), max_size=2, unique=True))
        ),
        eligible_legal_forms=tuple(
            draw(st.lists(st.sampled_from(list(LEGAL_FORMS)), max_size=2, unique=True))
        ),
        eligible_certifications=tuple(
            draw(st.lists(st.sampled_from(["pirt", "halal"]), max_size=1))
        ),
        capacity=draw(st.sampled_from([None, None, 0, 5])),
        valid_until=draw(st.sampled_from([None, TODAY, TODAY - datetime.timedelta(days=1)])),
    )


catalogues = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(*[offerings(f"O{i}") for i in range(n)]).map(list)
)
needs = st.builds(Need, field=fields, description=texts, priority=st.integers(1, 3))
msmes = st.builds(
    MsmeProfile,
    external_id=st.just("M"),
    regency=st.sampled_from([*REGENCIES, "9999"]),
    sector=st.one_of(st.none(), st.sampled_from(list(SECTORS))),
    scale=st.one_of(st.none(), st.sampled_from(list(SCALES))),
    legal_form=st.sampled_from(list(LEGAL_FORMS)),
    certifications=st.frozensets(st.sampled_from(["pirt", "halal"])),
    commodities=st.lists(st.sampled_from(COMMODITIES), max_size=2).map(tuple),
    description=texts,
    needs=st.lists(needs, max_size=3).map(tuple),
)

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    # filter_too_much: a random catalogue is sometimes filtered out whole for a random
    # MSME (region, scale, validity), and then `assume` skips it; on some seeds that is
    # most draws, which made the suite fail at random without any property failing.
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


def rank(catalogue, msme, **kw):
    matcher = Matcher(today=TODAY, taxonomy=TAXONOMY).fit(catalogue)
    return matcher.rank_offerings_for(msme, limit=len(catalogue), **kw)


@SETTINGS
@given(catalogues, msmes)
def test_scores_and_features_lie_in_the_unit_interval(catalogue, msme):
    ranking = rank(catalogue, msme, include_filtered=True)
    for m in ranking.matches:
        assert 0.0 <= m.score <= 1.0
        assert all(0.0 <= v <= 1.0 for v in m.features.values())
        assert 1 <= len(m.reasons) <= 4
    assert all(0.0 <= f.score <= 1.0 for f in ranking.filtered)


@SETTINGS
@given(catalogues, msmes)
def test_same_input_same_ranking(catalogue, msme):
    first = rank(catalogue, msme)
    second = rank(catalogue, msme)
    assert first == second


@SETTINGS
@given(catalogues, msmes, st.randoms(use_true_random=False))
def test_offering_order_does_not_change_the_ranking(catalogue, msme, random):
    shuffled = list(catalogue)
    random.shuffle(shuffled)
    a = rank(catalogue, msme).matches
    b = rank(shuffled, msme).matches
    assert [m.offering_external_id for m in a] == [m.offering_external_id for m in b]
    assert [m.score for m in a] == [m.score for m in b]


@SETTINGS
@given(catalogues, msmes, texts, st.integers(1, 3), st.data())
def test_adding_a_served_need_never_lowers_that_offering(catalogue, msme, text, priority, data):
    matcher = Matcher(today=TODAY, taxonomy=TAXONOMY).fit(catalogue)
    before = {
        m.offering_external_id: m.score
        for m in matcher.rank_offerings_for(msme, limit=len(catalogue)).matches
    }
    assume(before)  # an offering to add a need for
    target = data.draw(st.sampled_from(sorted(before)))
    field = next(o.field for o in catalogue if o.external_id == target)
    richer = MsmeProfile(**{**msme.__dict__, "needs": (*msme.needs, Need(field, text, priority))})
    after = {
        m.offering_external_id: m.score
        for m in matcher.rank_offerings_for(richer, limit=len(catalogue)).matches
    }
    assert after[target] >= before[target]


@SETTINGS
@given(catalogues, st.lists(msmes, min_size=1, max_size=3))
def test_a_filtered_offering_never_appears(catalogue, profiles):
    profiles = [
        MsmeProfile(**{**p.__dict__, "external_id": f"M{i}"}) for i, p in enumerate(profiles)
    ]
    matcher = Matcher(today=TODAY, taxonomy=TAXONOMY).fit(catalogue)
    by_id = {o.external_id: o for o in catalogue}
    for profile in profiles:
        for m in matcher.rank_offerings_for(profile, limit=len(catalogue)).matches:
            assert hard_filter_failures(profile, by_id[m.offering_external_id], TODAY) == []
    for profile, matches in matcher.rank_many(profiles, limit=len(catalogue)):
        for m in matches:
            assert hard_filter_failures(profile, by_id[m.offering_external_id], TODAY) == []
    for o in catalogue:
        for r in matcher.rank_msmes_for(o.external_id, profiles):
            profile = next(p for p in profiles if p.external_id == r.msme_external_id)
            assert hard_filter_failures(profile, o, TODAY) == []
