"""The faults issue 13 found on the demo data, each on a small hand-made
catalogue written like the demo's (not taken from any evaluation file)."""

from __future__ import annotations

import datetime

from matcher.commodities import default_taxonomy
from matcher.engine import Matcher
from matcher.profiles import MsmeProfile, Need, OfferingProfile, profiles_from_document
from tests import factories as f
from web.services.exchange import validate_document

TODAY = datetime.date(2026, 11, 29)


def offering(oid: str, field: str, title: str, description: str = "", **kw) -> OfferingProfile:
    return OfferingProfile(
        external_id=oid,
        partner_external_id=f"P-{oid}",
        field=field,
        title=title,
        description=description,
        **kw,
    )


def ranking(catalogue, profile: MsmeProfile, limit: int = 10):
    return Matcher(today=TODAY).fit(catalogue).rank_offerings_for(profile, limit=limit).matches


# Programmes a centre's catalogue holds besides the ones a test is about.
BACKGROUND = [
    offering(
        "KUR",
        "financing",
        "KUR Mikro untuk Modal Kerja",
        "Kredit usaha rakyat sampai Rp100 juta untuk modal kerja dan investasi usaha mikro.",
    ),
    offering(
        "VEHICLE",
        "financing",
        "Kredit Kendaraan Niaga",
        "Cicilan pikap dan motor roda tiga untuk pedagang.",
    ),
    offering(
        "ORGANIC",
        "institutional",
        "Sertifikasi Organik dan Legalitas Kayu",
        "Sertifikasi organik hasil hutan dan SVLK untuk kelompok pengelola hutan.",
        sectors=("forestry",),
    ),
    offering(
        "PACK",
        "production",
        "Klinik Kemasan Pangan",
        "Desain label dan kemasan standing pouch untuk produk pangan olahan.",
    ),
    offering(
        "MARKET",
        "marketing",
        "Buka Toko Daring di Marketplace",
        "Pendampingan foto produk, judul dan iklan untuk penjual baru.",
    ),
    offering(
        "HR",
        "hr",
        "Pelatihan Pembukuan Sederhana",
        "Mencatat kas, menghitung harga pokok dan laba usaha.",
    ),
]


def test_a_halal_need_filed_under_financing_finds_the_free_halal_programme_on_top():
    halal = offering(
        "HALAL",
        "institutional",
        "Sertifikat Halal Gratis Jalur Self Declare",
        "Pendampingan pernyataan pelaku usaha untuk usaha mikro pangan, tanpa biaya.",
    )
    maker = MsmeProfile(
        external_id="M1",
        regency="6171",
        sector="home_industry",
        scale="micro",
        commodities=("keripik pisang",),
        needs=(
            Need(
                "financing",
                "Perlu biaya untuk urus sertifikat halal, pembeli minimarket minta logo halal.",
                1,
            ),
        ),
    )
    ids = [m.offering_external_id for m in ranking([*BACKGROUND, halal], maker)]
    assert ids.index("HALAL") < 2, ids
    assert ids.index("HALAL") < ids.index("ORGANIC")


def test_a_rubber_bumdes_gets_no_pepper_or_coffee_buyer_for_shared_words():
    buyers = [
        offering(
            "PEPPER",
            "marketing",
            "Pembelian Lada Putih Kering",
            "Membeli lada putih dengan kadar air di bawah 13 persen langsung dari petani.",
            commodities=("lada",),
        ),
        offering(
            "COFFEE",
            "marketing",
            "Kontrak Biji Kopi Robusta",
            "Membeli biji kopi petik merah, kadar air 12 persen, dari kelompok tani.",
            commodities=("kopi robusta",),
        ),
        offering(
            "RUBBER",
            "marketing",
            "Lelang Bokar Bersih ke Pabrik",
            "Lelang bersama bahan olah karet langsung ke pabrik karet remah.",
            commodities=("karet",),
        ),
    ]
    bumdes = MsmeProfile(
        external_id="M1",
        regency="6103",
        legal_form="bumdes",
        sector="plantation",
        scale="micro",
        commodities=("karet alam",),
        needs=(
            Need(
                "marketing",
                "Harga karet petani rendah karena kadar air tinggi; ingin jual langsung ke pabrik.",
                1,
            ),
        ),
    )
    matches = {m.offering_external_id: m for m in ranking([*BACKGROUND, *buyers], bumdes, 20)}
    assert [m for m in matches][0] == "RUBBER"
    for other in ("PEPPER", "COFFEE"):
        assert matches[other].features["need"] == 0.0
        assert matches[other].score < 0.3, (other, matches[other].score)


def test_reasons_keep_a_phrase_and_name_no_generic_word_or_place():
    clinic = offering(
        "SHELF",
        "production",
        "Uji Umur Simpan Minuman Lidah Buaya",
        "Kerja sama laboratorium di Pontianak untuk memperpanjang umur simpan minuman "
        "lidah buaya dan produk pangan lain di Kubu Raya.",
    )
    maker = MsmeProfile(
        external_id="M1",
        regency="6171",
        sector="home_industry",
        scale="micro",
        commodities=("minuman lidah buaya",),
        needs=(
            Need(
                "production",
                "Minuman lidah buaya kami cepat basi, perlu kerja sama uji di Pontianak Kubu Raya.",
                1,
            ),
        ),
    )
    match = next(
        m for m in ranking([*BACKGROUND, clinic], maker) if m.offering_external_id == "SHELF"
    )
    keywords = next(r for r in match.reasons if r.startswith("Kata kunci"))
    named = [w.strip() for w in keywords.split(":", 1)[1].split(",")]
    assert "lidah buaya" in named, keywords
    for word in ("lidah", "buaya", "kerja", "pontianak", "kubu", "raya"):
        assert word not in named, keywords


def test_vehicle_accessories_are_not_the_craft_commodity_accessories():
    taxonomy = default_taxonomy()
    assert taxonomy.resolve("aksesoris kendaraan").commodity.sector == "trade"
    assert taxonomy.resolve("aksesoris manik").commodity.sector == "craft"
    beads = offering(
        "BEADS",
        "marketing",
        "Pameran Aksesoris Kerajinan",
        "Stan pameran untuk perajin gelang dan kalung.",
        commodities=("aksesoris",),
    )
    shop = MsmeProfile(
        external_id="M1",
        regency="6172",
        scale="small",
        commodities=("aksesoris kendaraan",),
        needs=(Need("marketing", "Mau menambah pelanggan toko.", 1),),
    )
    match = next(m for m in ranking([beads], shop) if m.offering_external_id == "BEADS")
    assert match.features["commodity"] < 0.9


def test_a_drinks_maker_from_aloe_vera_is_home_industry():
    record = {
        "external_id": "M1",
        "name": "Minuman Lidah Buaya Bu Ani",
        "regency": "Pontianak",
        "commodities": ["lidah buaya"],
        "description": "Buat minuman lidah buaya dalam cup dan dodol, pelepah beli dari petani.",
    }
    msmes, _ = profiles_from_document({"msmes": [record], "partners": []})[:2]
    assert msmes[0].sector == "home_industry"
    grower = dict(record, description="Kebun lidah buaya dua hektare, jual pelepah segar.")
    msmes, _ = profiles_from_document({"msmes": [grower], "partners": []})[:2]
    assert msmes[0].sector == "agriculture"
    # the importer stores the same derived sector
    imported = f.msme(commodities=record["commodities"], description=record["description"])
    del imported["sector"]
    assert validate_document(f.document(msmes=[imported])).msmes[0]["sector"] == "home_industry"
