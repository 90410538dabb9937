"""Behaviour of the matching engine, one block per requirement of the issue."""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from matcher.commodities import Commodity, Taxonomy
from matcher.engine import DEFAULT_WEIGHTS, Matcher, diversify
from matcher.profiles import MsmeProfile, Need, OfferingProfile
from matcher.reasons import explain, missing_requirements

TODAY = datetime.date(2026, 11, 28)


def taxonomy() -> Taxonomy:
    """A small fixed taxonomy, so these tests do not move with the data file."""
    return Taxonomy(
        [
            Commodity(
                "amplang",
                "amplang",
                "fish crackers",
                "home_industry",
                related=frozenset({"kerupuk_ikan"}),
            ),
            Commodity(
                "kerupuk_ikan",
                "kerupuk ikan",
                "fish crackers",
                "home_industry",
                synonyms=("kerupuk tenggiri",),
            ),
            Commodity("keripik_keladi", "keripik keladi", "taro chips", "home_industry"),
            Commodity(
                "lidah_buaya", "lidah buaya", "aloe vera", "agriculture", synonyms=("aloe vera",)
            ),
            Commodity("padi", "padi", "rice", "agriculture"),
            Commodity("lada", "lada", "pepper", "plantation", synonyms=("merica",)),
        ]
    )


def offering(
    oid: str, field: str = "financing", partner: str | None = None, **kw
) -> OfferingProfile:
    kw.setdefault("title", "Layanan usaha")
    kw.setdefault("description", "Layanan untuk usaha mikro dan kecil di Kalimantan Barat.")
    return OfferingProfile(
        external_id=oid, partner_external_id=partner or f"P-{oid}", field=field, **kw
    )


def msme(mid: str = "M1", regency: str = "6101", **kw) -> MsmeProfile:
    kw.setdefault("scale", "micro")
    kw.setdefault("sector", "home_industry")
    kw.setdefault("needs", (Need("financing", "Butuh modal usaha", 1),))
    return MsmeProfile(external_id=mid, regency=regency, **kw)


def fit(offerings, **kw) -> Matcher:
    return Matcher(today=TODAY, taxonomy=taxonomy(), **kw).fit(offerings)


def ranked_ids(matcher: Matcher, profile: MsmeProfile, **kw) -> list[str]:
    return [m.offering_external_id for m in matcher.rank_offerings_for(profile, **kw).matches]


# -- estimator habits ------------------------------------------------------------
def test_unfitted_matcher_fails_clearly():
    with pytest.raises(NotFittedError, match="fit"):
        Matcher().rank_offerings_for(msme())


def test_init_stores_params_and_fit_returns_self():
    weights = {"need": 2.0, "region": 2.0}
    matcher = Matcher(weights=weights, today=TODAY, taxonomy=taxonomy())
    assert matcher.weights is weights and not hasattr(matcher, "weights_")
    assert matcher.fit([offering("A")]) is matcher
    assert matcher.weights_ == {"need": 0.5, "commodity": 0.0, "text": 0.0, "region": 0.5}
    assert Matcher.feature_names == tuple(DEFAULT_WEIGHTS)


@pytest.mark.parametrize("weights", [{"nope": 1.0}, {"need": -1.0}, {"need": 0.0}])
def test_invalid_weights_rejected_at_fit(weights):
    with pytest.raises(ValueError):
        Matcher(weights=weights, taxonomy=taxonomy()).fit([offering("A")])


def test_a_fitted_matcher_returns_the_profile_of_each_offering():
    kredit = offering("A", title="Kredit Usaha Rakyat", partner_name="Bank Kalbar")
    matcher = fit([kredit, offering("B")])
    assert matcher.offering("A") == kredit
    with pytest.raises(KeyError):
        matcher.offering("nope")
    with pytest.raises(NotFittedError):
        Matcher().offering("A")


def test_duplicate_offering_ids_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        fit([offering("A"), offering("A")])


# -- 1. hard filters ---------------------------------------------------------------
@pytest.mark.parametrize(
    "kw, profile_kw, ranked",
    [
        ({"regions": ("6102",)}, {}, False),
        ({"regions": ("6101",)}, {}, True),
        ({"regions": ("61",)}, {}, True),
        ({"regions": ("ID",)}, {}, True),
        ({"eligible_scales": ("small", "medium")}, {}, False),
        ({"eligible_scales": ("small", "medium")}, {"scale": "small"}, True),
        ({"eligible_scales": ("micro",)}, {"scale": None}, False),
        ({"eligible_legal_forms": ("cooperative",)}, {"legal_form": "group"}, False),
        ({"eligible_legal_forms": ("cooperative",)}, {"legal_form": "cooperative"}, True),
        (
            {"eligible_certifications": ("halal", "pirt")},
            {"certifications": frozenset({"pirt"})},
            False,
        ),
        (
            {"eligible_certifications": ("halal", "pirt")},
            {"certifications": frozenset({"pirt", "halal"})},
            True,
        ),
        ({"capacity": 0}, {}, False),
        ({"capacity": 3}, {}, True),
        ({"valid_until": TODAY - datetime.timedelta(days=1)}, {}, False),
        ({"valid_until": TODAY}, {}, True),
    ],
)
def test_hard_filters(kw, profile_kw, ranked):
    matcher = fit([offering("X", **kw), offering("OPEN")])
    ids = ranked_ids(matcher, msme(**profile_kw))
    assert ("X" in ids) is ranked
    assert "OPEN" in ids


def test_include_filtered_lists_nearly_fitting_offerings_with_their_gaps():
    matcher = fit(
        [
            offering("HALAL", eligible_certifications=("halal",)),
            offering("COOP", eligible_legal_forms=("cooperative",)),
            offering("BIGGER", eligible_scales=("small", "medium")),
            offering("ELSEWHERE", regions=("6171",)),
            offering("FULL", capacity=0),
            offering("OVER", valid_until=TODAY - datetime.timedelta(days=1)),
            offering(
                "MANY", regions=("6171",), eligible_scales=("medium",), eligible_legal_forms=("pt",)
            ),
            # another field and another substance (an offering of another field
            # whose words do what the need asks now serves it: issue 13)
            offering(
                "UNRELATED",
                field="hr",
                eligible_certifications=("halal",),
                title="Pelatihan karyawan",
                description="Kursus keselamatan kerja pabrik.",
            ),
            offering("FINE"),
        ]
    )
    ranking = matcher.rank_offerings_for(msme(), include_filtered=True)
    assert [m.offering_external_id for m in ranking.matches] == ["FINE"]
    missing = {f.offering_external_id: f.missing for f in ranking.filtered}
    assert missing == {
        "HALAL": ["perlu sertifikat halal"],
        "COOP": ["hanya untuk koperasi"],
        "BIGGER": ["hanya untuk usaha kecil/menengah"],
        "ELSEWHERE": ["di luar wilayah layanan"],
    }
    assert all(0.0 <= f.score <= 1.0 for f in ranking.filtered)
    english = matcher.rank_offerings_for(msme(), include_filtered=True, lang="en")
    assert {f.offering_external_id: f.missing for f in english.filtered}["HALAL"] == [
        "requires halal certificate"
    ]
    assert matcher.rank_offerings_for(msme()).filtered == []


def test_missing_requirements_names_full_and_expired():
    o = offering("X", capacity=0)
    passes = {
        "region": True,
        "scale": True,
        "legal_form": True,
        "certifications": True,
        "full": False,
        "expired": False,
    }
    assert missing_requirements(o, msme(), passes) == ["kuota penuh", "sudah berakhir"]
    assert missing_requirements(o, msme(), passes, "en") == ["no places left", "has ended"]


# -- 2. needs, fields and priorities -----------------------------------------------
def test_offering_for_the_most_urgent_need_ranks_first():
    same = {"title": "Program pendampingan", "description": "Pendampingan usaha mikro."}
    matcher = fit([offering("FIN", "financing", **same), offering("MKT", "marketing", **same)])
    profile = msme(needs=(Need("marketing", "", 3), Need("financing", "", 1)))
    assert ranked_ids(matcher, profile) == ["FIN", "MKT"]
    profile = msme(needs=(Need("marketing", "", 1), Need("financing", "", 3)))
    assert ranked_ids(matcher, profile) == ["MKT", "FIN"]


def test_need_field_beats_word_overlap():
    matcher = fit(
        [
            offering(
                "LOAN",
                "financing",
                title="Kredit usaha mikro",
                description="Pinjaman modal kerja untuk usaha mikro.",
            ),
            offering(
                "TRAP",
                "hr",
                title="Pelatihan sopir truk pengangkut kopi dan modal",
                description="Kursus mengemudi untuk sopir.",
            ),
        ]
    )
    profile = msme(needs=(Need("financing", "Butuh modal kerja untuk beli mesin sangrai kopi", 1),))
    assert ranked_ids(matcher, profile)[0] == "LOAN"


# -- 3. commodities ------------------------------------------------------------------
def test_commodity_fit_levels_order_the_ranking():
    common = {
        "field": "marketing",
        "title": "Pembelian produk",
        "description": "Pembelian rutin produk UMKM.",
    }
    matcher = fit(
        [
            offering("EXACT", commodities=("amplang",), **common),
            offering("RELATED", commodities=("kerupuk ikan",), **common),
            offering("SECTOR", sectors=("home_industry",), **common),
            offering("OPEN", **common),
            offering("OTHER", commodities=("padi",), **common),
        ]
    )
    profile = msme(commodities=("amplang",), needs=(Need("marketing", "", 1),))
    ranking = matcher.rank_offerings_for(profile)
    assert [m.offering_external_id for m in ranking.matches] == [
        "EXACT",
        "RELATED",
        "SECTOR",
        "OPEN",
        "OTHER",
    ]
    level = {m.offering_external_id: m.features["commodity"] for m in ranking.matches}
    assert level["RELATED"] >= 0.9 * level["EXACT"]


def test_synonyms_match_exactly():
    matcher = fit(
        [offering("SYN", "marketing", commodities=("aloe vera",)), offering("OPEN", "marketing")]
    )
    ranking = matcher.rank_offerings_for(msme(commodities=("lidah buaya",)))
    assert ranking.matches[0].offering_external_id == "SYN"
    assert ranking.matches[0].features["commodity"] == 1.0


def test_unknown_commodities_count_through_text_and_general_terms():
    common = {"field": "marketing", "title": "Pembelian hasil hutan"}
    matcher = fit(
        [
            offering("NAMED", description="Membeli biji tengkawang kering.", **common),
            offering("PLAIN", description="Membeli hasil kebun.", **common),
            offering(
                "GENERAL",
                commodities=("keripik",),
                description="Titip jual camilan.",
                field="marketing",
                title="Titip jual",
            ),
        ]
    )
    forest = msme(
        commodities=("tengkawang",),
        sector=None,
        needs=(Need("marketing", "Mencari pembeli tetap", 1),),
    )
    ids = ranked_ids(matcher, forest)
    assert ids.index("NAMED") < ids.index("PLAIN")
    chips = msme(commodities=("keripik pisang",), needs=(Need("marketing", "", 1),))
    first = matcher.rank_offerings_for(chips).matches[0]
    assert first.offering_external_id == "GENERAL" and first.features["commodity"] == 1.0


# -- 4. text ----------------------------------------------------------------------------
def test_text_handles_indonesian_morphology():
    matcher = fit(
        [
            offering(
                "SELL",
                "marketing",
                title="Pemasaran produk ke toko oleh-oleh",
                description="Kami memasarkan camilan UMKM.",
            ),
            offering(
                "RENT",
                "marketing",
                title="Penyewaan tenda dan kursi pesta",
                description="Sewa perlengkapan acara.",
            ),
        ]
    )
    profile = msme(needs=(Need("marketing", "Ingin produk dipasarkan di toko oleh-oleh", 1),))
    ranking = matcher.rank_offerings_for(profile)
    assert [m.offering_external_id for m in ranking.matches] == ["SELL", "RENT"]
    assert ranking.matches[0].features["need"] > 2 * ranking.matches[1].features["need"]


def test_vocabulary_is_fitted_on_the_offerings():
    matcher = fit([offering("A", title="Pelatihan pembukuan", description="Kelas pembukuan.")])
    vocabulary = matcher.index_.text_model.words_.vocabulary_
    assert "buku" in vocabulary and "latih" in vocabulary
    matcher.rank_offerings_for(msme(description="Menjual durian segar"))
    assert "durian" not in matcher.index_.text_model.words_.vocabulary_


# -- 5. region -----------------------------------------------------------------------
def test_region_preference_regency_then_province_then_nation():
    matcher = fit(
        [
            offering("NAT", regions=("ID",)),
            offering("PROV", regions=("61",)),
            offering("HERE", regions=("6101", "6102")),
        ]
    )
    assert ranked_ids(matcher, msme()) == ["HERE", "PROV", "NAT"]


# -- 6. reasons ---------------------------------------------------------------------
def test_reasons_name_what_matched_in_both_languages():
    matcher = fit(
        [
            offering(
                "KUR",
                "financing",
                title="Kredit modal usaha mikro",
                regions=("6101",),
                commodities=("kerupuk ikan",),
            )
        ]
    )
    profile = msme(
        commodities=("amplang",),
        needs=(Need("financing", "Butuh modal usaha", 1), Need("marketing", "Perluas pasar", 2)),
    )
    reasons = matcher.rank_offerings_for(profile).matches[0].reasons
    assert 1 <= len(reasons) <= 4
    # need and offering both name working capital: the reason says that help
    assert reasons[0] == "Menyediakan modal usaha — kebutuhan pembiayaan Anda (prioritas 1)"
    assert "Komoditas: kerupuk ikan ≈ amplang (industri rumahan)" in reasons
    assert "Melayani Kabupaten Sambas" in reasons
    english = matcher.rank_offerings_for(profile, lang="en").matches[0].reasons
    assert english[0] == "Provides working capital — your financing need (priority 1)"
    assert "Serves Kabupaten Sambas" in english


def test_every_match_has_one_to_four_short_reasons():
    matcher = fit(
        [
            offering(f"O{i}", field)
            for i, field in enumerate(["financing", "marketing", "hr", "it", "production"])
        ]
    )
    profile = msme(needs=(Need("marketing", "", 2),), description="")
    for match in matcher.rank_offerings_for(profile).matches:
        assert 1 <= len(match.reasons) <= 4
        assert all(0 < len(r) <= 120 for r in match.reasons)


# -- 7. both directions -------------------------------------------------------------
def test_rank_msmes_for_uses_the_reciprocal_score():
    matcher = fit(
        [
            offering(
                "BUY",
                "marketing",
                commodities=("amplang",),
                title="Beli amplang",
                description="Membeli amplang dan kerupuk.",
            )
        ]
    )
    exact = msme("EXACT", commodities=("amplang",), needs=(Need("hr", "", 1),))
    urgent = msme(
        "URGENT",
        commodities=("lada",),
        sector="plantation",
        needs=(Need("marketing", "Menjual amplang", 1),),
    )
    silent = msme("SILENT", commodities=("amplang",), needs=())
    far = msme(
        "FAR",
        regency="6171",
        scale="medium",
        commodities=("amplang",),
        needs=(Need("marketing", "", 1),),
    )
    matcher2 = fit([offering("BUY", "marketing", commodities=("amplang",), regions=("6101",))])
    results = matcher.rank_msmes_for("BUY", [exact, urgent, silent, far])
    by_id = {r.msme_external_id: r for r in results}
    for r in results:
        fit_score = 0.0 if r.msme_external_id == "URGENT" else 1.0  # amplang or not
        if r.msme_external_id == "SILENT":
            assert r.score == pytest.approx(r.one_way)
        else:
            expected = (
                2 * r.one_way * fit_score / (r.one_way + fit_score)
                if r.one_way + fit_score
                else 0.0
            )
            assert r.score == pytest.approx(expected, abs=1e-6)
        assert 0.0 <= r.score <= 1.0 and r.reasons
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert by_id["URGENT"].score == 0.0 < by_id["URGENT"].one_way
    assert "FAR" not in [r.msme_external_id for r in matcher2.rank_msmes_for("BUY", [far])]
    with pytest.raises(KeyError):
        matcher.rank_msmes_for("NOPE", [exact])


# -- 8. diversity --------------------------------------------------------------------
def test_at_most_two_offerings_of_one_partner_in_the_top_five():
    strong = {
        "field": "financing",
        "title": "Kredit modal usaha mikro",
        "description": "Pinjaman modal usaha mikro.",
        "regions": ("6101",),
    }
    offers = [offering(f"BIG-{i}", partner="BIG", **strong) for i in range(5)]
    offers += [offering(f"S{i}", partner=f"SMALL{i}", field="financing") for i in range(3)]
    matcher = fit(offers)
    top = matcher.rank_offerings_for(msme(), limit=8).matches
    partners = [m.partner_external_id for m in top[:5]]
    assert partners.count("BIG") == 2
    assert [m.partner_external_id for m in top].count("BIG") == 5


def test_diversity_relaxes_when_too_few_partners():
    order = [0, 1, 2, 3, 4, 5]
    partners = ["A", "A", "A", "A", "B", "A"]
    assert diversify(order, partners, 10) == [0, 1, 4, 2, 3, 5]


# -- 10. vectorised batch ranking -------------------------------------------------------
def test_rank_many_equals_single_rankings_and_features_for(monkeypatch):
    monkeypatch.setattr("matcher.engine.CHUNK", 3)  # several chunks, one partial
    offers = [
        offering(
            f"O{i}",
            ["financing", "marketing", "hr"][i % 3],
            commodities=(("amplang",), (), ("padi",))[i % 3],
            regions=(("6101",), ("61",), ("6102",))[i % 3],
        )
        for i in range(12)
    ]
    matcher = fit(offers)
    profiles = [
        msme(
            f"M{i}",
            regency=["6101", "6102"][i % 2],
            commodities=("amplang",),
            needs=(Need(["financing", "marketing"][i % 2], "modal pasar", 1),),
        )
        for i in range(7)
    ]
    batch = list(matcher.rank_many(profiles, limit=5))
    assert [p for p, _ in batch] == profiles
    for profile, matches in batch:
        single = matcher.rank_offerings_for(profile, limit=5).matches
        assert [(m.offering_external_id, m.score, m.reasons) for m in matches] == [
            (m.offering_external_id, m.score, m.reasons) for m in single
        ]
    rows, matrix = matcher.features_for(profiles[0])
    assert matrix.shape == (len(rows), len(Matcher.feature_names))
    eligible = {
        m.offering_external_id for m in matcher.rank_offerings_for(profiles[0], limit=100).matches
    }
    assert {matcher.offering_ids_[r] for r in rows} == eligible
    weights = np.array([matcher.weights_[k] for k in Matcher.feature_names])
    best = matcher.offering_ids_[rows[np.argmax(matrix @ weights)]]
    assert best == matcher.rank_offerings_for(profiles[0]).matches[0].offering_external_id
    no_reasons = next(matcher.rank_many(profiles[:1], with_reasons=False))[1]
    assert all(m.reasons == [] for m in no_reasons)


def batch_case() -> tuple[Matcher, list[MsmeProfile]]:
    """A catalogue and 20 MSMEs with one to three needs: several chunks of 3."""
    offers = [
        offering(
            f"O{i:02d}",
            ["financing", "marketing", "hr", "networking"][i % 4],
            partner=f"P{i % 5}",
            commodities=(("amplang",), (), ("padi",))[i % 3],
            regions=(("6101",), ("61",), ("6102",))[i % 3],
            description=["modal kerja", "pasar online", "pelatihan"][i % 3],
        )
        for i in range(24)
    ]
    fields = ["financing", "marketing", "hr"]
    profiles = [
        msme(
            f"M{i:02d}",
            regency=["6101", "6102"][i % 2],
            commodities=(("amplang",), ("padi",), ())[i % 3],
            needs=tuple(
                Need(fields[(i + j) % 3], ["modal", "", "pasar online"][j], j + 1)
                for j in range(1 + i % 3)
            ),
        )
        for i in range(20)
    ]
    return fit(offers), profiles


@pytest.mark.parametrize("with_reasons", [True, False])
def test_rank_many_in_worker_processes_equals_ranking_in_process(monkeypatch, with_reasons):
    monkeypatch.setattr("matcher.engine.CHUNK", 3)
    matcher, profiles = batch_case()
    here = list(matcher.rank_many(profiles, limit=6, with_reasons=with_reasons, workers=1))
    forked = list(matcher.rank_many(profiles, limit=6, with_reasons=with_reasons, workers=2))
    assert all(p is q for (p, _), q in zip(forked, profiles, strict=True))
    assert forked == here
    assert any(len(matches) == 6 for _, matches in forked)


def test_an_error_in_a_worker_process_reaches_the_caller(monkeypatch):
    monkeypatch.setattr("matcher.engine.CHUNK", 3)
    matcher, profiles = batch_case()

    def explain_but_not_m07(index, batch, row, *args):
        if batch.msmes[row].external_id == "M07":
            raise ValueError("cannot explain M07")
        return explain(index, batch, row, *args)

    monkeypatch.setattr("matcher.engine.explain", explain_but_not_m07)
    received = []
    with pytest.raises(ValueError, match="cannot explain M07") as failure:
        for profile, _ in matcher.rank_many(profiles, workers=2):
            received.append(profile.external_id)
    assert received == [p.external_id for p in profiles[:6]]  # the chunks before M07's
    assert any("worker process" in note for note in failure.value.__notes__)


# -- 11. scores and stability ------------------------------------------------------------
def test_scores_in_unit_interval_and_ties_broken_by_external_id():
    matcher = fit([offering(oid) for oid in ["C", "A", "B"]])
    ranking = matcher.rank_offerings_for(msme())
    assert [m.offering_external_id for m in ranking.matches] == ["A", "B", "C"]
    assert all(0.0 <= m.score <= 1.0 for m in ranking.matches)


def test_today_defaults_to_the_current_date():
    o = offering("OLD", valid_until=datetime.date(2000, 1, 1))
    matcher = Matcher(taxonomy=taxonomy()).fit([o, offering("NEW")])
    assert ranked_ids(matcher, msme()) == ["NEW"]


def test_empty_catalogue_and_silent_msme():
    matcher = fit([])
    assert matcher.rank_offerings_for(msme(), include_filtered=True).matches == []
    rows, matrix = matcher.features_for(msme())
    assert rows.size == 0 and matrix.shape == (0, len(Matcher.feature_names))
    matcher = fit([offering("A", "it", title="", description="")])
    silent = MsmeProfile("S", "6101")
    match = matcher.rank_offerings_for(silent).matches[0]
    assert match.reasons == ["Melayani seluruh Kalimantan Barat"]
