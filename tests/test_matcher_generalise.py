"""Matching that generalises (issue 13): one block per kind of error, each on
small hand-made catalogues (not taken from any evaluation file)."""

from __future__ import annotations

import datetime

from matcher.commodities import Commodity, Taxonomy
from matcher.engine import Matcher
from matcher.profiles import MsmeProfile, Need, OfferingProfile

TODAY = datetime.date(2026, 11, 28)


def taxonomy() -> Taxonomy:
    return Taxonomy(
        [
            Commodity("kakao", "kakao", "cocoa", "plantation", synonyms=("coklat", "biji kakao")),
            Commodity("lada", "lada", "pepper", "plantation", synonyms=("merica",)),
            Commodity("karet", "karet", "rubber", "plantation"),
            Commodity("jagung", "jagung", "maize", "agriculture"),
        ]
    )


def offering(oid: str, field: str, title: str, description: str = "", **kw) -> OfferingProfile:
    return OfferingProfile(
        external_id=oid,
        partner_external_id=f"P-{oid}",
        field=field,
        title=title,
        description=description,
        regions=("61",),
        **kw,
    )


def msme(needs, regency: str = "6101", **kw) -> MsmeProfile:
    kw.setdefault("scale", "micro")
    return MsmeProfile(external_id="M1", regency=regency, needs=tuple(needs), **kw)


def fit(offerings) -> Matcher:
    return Matcher(today=TODAY, taxonomy=taxonomy()).fit(offerings)


def ranked_ids(matcher: Matcher, profile: MsmeProfile) -> list[str]:
    return [m.offering_external_id for m in matcher.rank_offerings_for(profile).matches]


# -- what an offering is for ------------------------------------------------------
def test_a_buyer_of_another_commodity_of_the_same_sector_is_worth_nothing():
    catalogue = [
        offering(
            "PEPPER",
            "marketing",
            "Pembeli lada petani",
            "Kami membeli hasil kebun petani secara rutin dengan harga pasar.",
            commodities=("lada",),
        ),
        offering(
            "ESTATE",
            "marketing",
            "Temu bisnis hasil perkebunan",
            "Forum mempertemukan petani kebun dengan pembeli besar.",
            sectors=("plantation",),
        ),
    ]
    matcher = fit(catalogue)
    grower = msme(
        [Need("marketing", "Cari pembeli hasil kebun", 1)],
        sector="plantation",
        commodities=("kakao",),
    )
    assert ranked_ids(matcher, grower)[0] == "ESTATE"
    rows, features = matcher.features_for(grower)
    at = list(matcher.feature_names).index("commodity")
    by_id = dict(zip(matcher.index_.ids[rows], features[:, at], strict=True))
    assert by_id["PEPPER"] == 0.0 and by_id["ESTATE"] > 0.0
    # the pepper buyer is still the first choice of a pepper grower
    pepper = msme(
        [Need("marketing", "Cari pembeli hasil kebun", 1)],
        sector="plantation",
        commodities=("merica",),
    )
    assert ranked_ids(matcher, pepper)[0] == "PEPPER"


# -- need substance over field label ------------------------------------------------
def test_an_offering_of_another_field_that_does_what_the_need_asks_outranks_one_that_does_not():
    catalogue = [
        offering(
            "TILL",
            "production",
            "Mesin penggiling tepung",
            "Hibah mesin giling untuk perajin makanan olahan.",
        ),
        offering(
            "LABEL",
            "institutional",
            "Pendaftaran merek dagang",
            "Pendampingan mengurus sertifikat merek dagang di DJKI sampai terbit.",
        ),
        offering("COURSE", "hr", "Kursus menjahit", "Kursus menjahit bagi pencari kerja."),
    ]
    matcher = fit(catalogue)
    # a trademark need filed under production (as intake notes often do)
    filed_elsewhere = msme([Need("production", "Mengurus sertifikat merek dagang", 1)])
    assert ranked_ids(matcher, filed_elsewhere)[0] == "LABEL"
    # an offering of another field that shares no substance gets no need credit
    rows, features = matcher.features_for(filed_elsewhere)
    at = list(matcher.feature_names).index("need")
    by_id = dict(zip(matcher.index_.ids[rows], features[:, at], strict=True))
    assert by_id["COURSE"] < 0.01


# -- false friends: what reasons name ---------------------------------------------------
def test_reasons_name_distinctive_words_never_a_place_or_a_generic_word():
    catalogue = [
        offering(
            "LOAN",
            "financing",
            "Kredit modal usaha Sintang",
            "Pinjaman modal usaha bagi produsen di Kabupaten Sintang.",
        ),
        offering("TRAIN", "hr", "Pelatihan kerja", "Pelatihan kerja untuk warga Sintang."),
    ]
    matcher = fit(catalogue)
    owner = msme(
        [Need("financing", "Butuh pinjaman modal usaha untuk produksi di Sintang", 1)],
        regency="6107",
    )
    top = matcher.rank_offerings_for(owner).matches[0]
    assert top.offering_external_id == "LOAN"
    keywords = [r for r in top.reasons if r.startswith("Kata kunci")]
    assert keywords and "pinjaman" in keywords[0] and "modal" in keywords[0]
    assert "Sintang" not in keywords[0] and "sintang" not in keywords[0]
    assert "usaha" not in keywords[0]


def test_a_place_name_alone_does_not_make_text_alike():
    from matcher.text import TextModel

    model = TextModel()
    docs = model.fit_transform(["Pembeli rotan di Sintang", "Pelatihan menenun kain"])
    q = model.transform(["Pelatihan tenun di Sintang"])
    sims = (q @ docs.T).toarray().ravel()
    assert sims[0] == 0.0 and sims[1] > 0.0


def test_phrases_are_units_when_asked_for():
    from matcher.text import TextModel

    model = TextModel(phrases=True)
    model.fit(["Pembeli lidah buaya segar", "Lidah kucing dan kue kering"])
    assert "lidah_buaya" in model.terms("jual lidah buaya")
    assert model.shared_terms("jual lidah buaya", 0) == ["lidah buaya"]


# -- maturity fit ------------------------------------------------------------------
def test_a_programme_for_beginners_suits_a_beginner_not_an_established_firm():
    catalogue = [
        offering(
            "INCUBATOR",
            "marketing",
            "Inkubator bisnis untuk wirausaha pemula",
            "Pendampingan jualan online selama enam bulan.",
        ),
        offering(
            "CLINIC", "marketing", "Klinik pemasaran", "Konsultasi strategi pemasaran dan jualan."
        ),
    ]
    matcher = fit(catalogue)
    need = [Need("marketing", "Belajar jualan online", 1)]
    beginner = msme(need, scale="micro", legal_form="individual")
    established = msme(
        need, scale="medium", legal_form="cv", certifications=frozenset({"pirt", "halal"})
    )
    assert ranked_ids(matcher, beginner)[0] == "INCUBATOR"
    assert ranked_ids(matcher, established)[0] == "CLINIC"


def test_the_reason_of_a_cross_field_match_says_it_is_the_content_that_answers():
    catalogue = [
        offering(
            "LABEL",
            "institutional",
            "Pendaftaran merek dagang",
            "Pendampingan mengurus sertifikat merek dagang di DJKI sampai terbit.",
        ),
    ]
    matcher = fit(catalogue)
    owner = msme([Need("production", "Mengurus sertifikat merek dagang", 1)])
    reasons = matcher.rank_offerings_for(owner).matches[0].reasons
    # the service concept both name says what the help is
    assert reasons[0] == (
        "Membantu mendaftarkan merek — kebutuhan produksi Anda (prioritas 1), "
        "meski tercatat di bidang kelembagaan"
    )
    # without a shared concept, the reason says it is the content that answers
    cooler = fit(
        [
            offering(
                "COLD",
                "institutional",
                "Pendampingan ruang pendingin",
                "Pendampingan memasang ruang pendingin hasil tangkapan nelayan.",
            )
        ]
    )
    fisher = msme([Need("production", "Memasang ruang pendingin hasil tangkapan", 1)])
    reasons = cooler.rank_offerings_for(fisher).matches[0].reasons
    assert reasons[0] == (
        "Isinya menjawab kebutuhan produksi (prioritas 1), meski tercatat di bidang kelembagaan"
    )
    assert any(r.startswith("Kata kunci") and "pendingin" in r for r in reasons)


def test_a_reason_names_the_help_that_links_need_and_offering_in_both_languages():
    catalogue = [
        offering(
            "SHOP",
            "marketing",
            "Pendampingan buka toko online",
            "Kami mendampingi pelaku usaha membuka lapak di Shopee dan Tokopedia.",
        ),
        offering(
            "TILL",
            "it",
            "Aplikasi kasir gratis",
            "Aplikasi kasir untuk mencatat penjualan harian di warung.",
        ),
    ]
    matcher = fit(catalogue)
    seller = msme([Need("it", "Belajar jualan di marketplace", 1)], regency="6171")
    matches = matcher.rank_offerings_for(seller).matches
    assert matches[0].offering_external_id == "SHOP"
    assert matches[0].reasons[0] == (
        "Membantu menjual lewat marketplace — kebutuhan teknologi informasi Anda "
        "(prioritas 1), meski tercatat di bidang pemasaran"
    )
    english = matcher.rank_offerings_for(seller, lang="en").matches[0].reasons
    assert english[0] == (
        "Helps you sell on marketplaces — your information technology need (priority 1), "
        "though filed under marketing"
    )
    # pages group it with the needs it answers, in either language
    from matcher.reasons import reason_kind

    assert reason_kind(matches[0].reasons[0]) == reason_kind(english[0]) == "need"
    # the cashier app shares no concept with the need: no such reason, and no
    # place name ("Pontianak") is ever a keyword
    till = next(m for m in matches if m.offering_external_id == "TILL")
    assert not any("—" in r for r in till.reasons)
    assert not any("pontianak" in r.lower() for m in matches for r in m.reasons)


def test_every_service_concept_has_plain_words_in_both_languages():
    from matcher.text import concept_labels, service_concepts

    labels = concept_labels()
    keys = {key for forms in service_concepts()[0].values() for _, key in forms}
    assert keys <= set(labels)
    assert all(ind and en and ind != en for ind, en in labels.values())


# -- what a need does not want ------------------------------------------------------
def test_a_need_that_refuses_a_kind_of_help_does_not_get_it():
    catalogue = [
        offering("KUR", "financing", "KUR Mikro", "Kredit modal kerja untuk usaha mikro."),
        offering(
            "VEHICLE",
            "financing",
            "Cicilan Pikap dan Motor Roda Tiga",
            "Kredit kendaraan niaga untuk modal usaha pedagang.",
        ),
    ]
    matcher = fit(catalogue)
    refusing = msme([Need("financing", "Modal usaha untuk stok, bukan untuk beli kendaraan.", 1)])
    wanting = msme([Need("financing", "Modal usaha untuk beli kendaraan pikap.", 1)])
    assert ranked_ids(matcher, wanting)[0] == "VEHICLE"
    scores = {m.offering_external_id: m for m in matcher.rank_offerings_for(refusing).matches}
    assert scores["KUR"].score > scores["VEHICLE"].score
    assert scores["VEHICLE"].features["need"] <= 0.25


def test_help_for_one_purpose_only_does_not_serve_another_need_of_its_field():
    catalogue = [
        offering(
            "MACHINE",
            "financing",
            "Kredit Investasi Usaha Kecil",
            "Pinjaman untuk peralatan dan modal kerja usaha kecil.",
        ),
        offering(
            "VEHICLE",
            "financing",
            "Kredit Kendaraan Bermotor",
            "Kredit mobil dan motor untuk pelaku usaha, modal ringan.",
        ),
        offering(
            "FRANCHISE",
            "marketing",
            "Kemitraan Waralaba Minuman Jahe",
            "Jadi mitra waralaba booth minuman jahe, paket investasi termasuk bahan.",
        ),
        offering(
            "BUYER",
            "marketing",
            "Penampungan Jahe Segar",
            "Menampung jahe dari kelompok tani dengan kontrak.",
        ),
    ]
    matcher = fit(catalogue)
    printer = msme([Need("financing", "Kredit untuk mesin cetak dan modal usaha.", 1)])
    matches = {m.offering_external_id: m for m in matcher.rank_offerings_for(printer).matches}
    assert matches["MACHINE"].features["need"] > 2 * matches["VEHICLE"].features["need"]
    grower = msme([Need("marketing", "Cari penampung tetap jahe, kontrak dengan pabrik.", 1)])
    assert ranked_ids(matcher, grower)[0] == "BUYER"
    matches = {m.offering_external_id: m for m in matcher.rank_offerings_for(grower).matches}
    assert matches["FRANCHISE"].features["need"] <= 0.5


def test_an_offering_whose_text_excludes_the_msme_product_is_worth_little_to_it():
    catalogue = [
        offering(
            "SELF",
            "institutional",
            "Sertifikat Halal Gratis Jalur Self Declare",
            "Untuk usaha mikro dengan produk tidak memakai daging, kulit atau bahan hewan "
            "sembelihan.",
        ),
        offering(
            "REGULAR",
            "institutional",
            "Sertifikasi Halal Reguler Bersubsidi",
            "Audit halal reguler dengan subsidi biaya untuk usaha mikro.",
        ),
    ]
    matcher = fit(catalogue)
    need = [Need("institutional", "Mau sertifikat halal gratis untuk produk kami.", 1)]
    crackers = msme(need, commodities=("kerupuk kulit sapi",))
    chips = msme(need, commodities=("keripik pisang",))
    assert ranked_ids(matcher, chips)[0] == "SELF"
    assert ranked_ids(matcher, crackers)[0] == "REGULAR"


# -- derived products ---------------------------------------------------------------
def commodity_levels(matcher: Matcher, profile: MsmeProfile) -> dict[str, float]:
    rows, features = matcher.features_for(profile)
    at = list(matcher.feature_names).index("commodity")
    return dict(zip(matcher.index_.ids[rows], features[:, at].tolist(), strict=True))


def test_a_buyer_of_the_raw_fruit_is_no_commodity_fit_for_a_maker_of_its_dodol():
    # default taxonomy: "nanas" relates to "dodol"; matcher/data/derived_products.json
    # says dodol is made from nanas
    catalogue = [
        offering(
            "FRUIT",
            "marketing",
            "Pembeli buah segar",
            "Kami membeli hasil panen kebun petani setiap pekan untuk pasar induk.",
            commodities=("nanas",),
        ),
        offering(
            "SNACKS",
            "marketing",
            "Pembeli makanan olahan rumahan",
            "Toko oleh-oleh membeli produk olahan usaha rumahan setiap pekan.",
            sectors=("home_industry",),
        ),
    ]
    matcher = Matcher(today=TODAY).fit(catalogue)
    maker = msme(
        [Need("marketing", "Cari pembeli tetap untuk produk olahan", 1)],
        sector="home_industry",
        commodities=("dodol nanas",),
    )
    levels = commodity_levels(matcher, maker)
    assert levels["FRUIT"] < levels["SNACKS"] < 1.0
    assert ranked_ids(matcher, maker)[0] == "SNACKS"


def test_a_processor_that_makes_products_of_the_material_fits_its_producer():
    catalogue = [
        offering(
            "JAM",
            "marketing",
            "Pabrik selai menampung hasil panen",
            "Pabrik selai buah membeli bahan baku dari kelompok tani setiap pekan.",
            commodities=("selai",),
        ),
        offering(
            "CRAFT",
            "marketing",
            "Pembeli anyaman",
            "Galeri membeli anyaman dari perajin setiap pekan.",
            sectors=("craft",),
        ),
    ]
    matcher = Matcher(today=TODAY).fit(catalogue)
    farmer = msme(
        [Need("marketing", "Cari pembeli hasil panen", 1)],
        sector="agriculture",
        commodities=("nanas",),
    )
    levels = commodity_levels(matcher, farmer)
    assert levels["JAM"] > 0.89 and levels["CRAFT"] == 0.0
    top = matcher.rank_offerings_for(farmer).matches[0]
    assert top.offering_external_id == "JAM"
    assert "Mengolah bahan Anda: selai dibuat dari nanas" in top.reasons
    english = matcher.rank_offerings_for(farmer, lang="en").matches[0].reasons
    assert "Processes your material: selai is made from nanas" in english
