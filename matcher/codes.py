"""Controlled vocabularies of the exchange format (jejaring/1) and forgiving
look-ups for regency names.

Every code list maps a code to its label in Bahasa Indonesia and English.
Regions are stored as strings: a four-digit BPS regency code (``"6101"``),
``PROVINCE`` for the whole of Kalimantan Barat, or ``NATIONAL`` for Indonesia.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

FORMAT_VERSION = "jejaring/1"

# code -> (Bahasa Indonesia, English)
FIELDS: dict[str, tuple[str, str]] = {
    "marketing": ("pemasaran", "marketing"),
    "institutional": ("kelembagaan", "institutional"),
    "production": ("produksi", "production"),
    "hr": ("sumber daya manusia", "human resources"),
    "it": ("teknologi informasi", "information technology"),
    "financing": ("pembiayaan", "financing"),
    "networking": ("jaringan kerja sama", "networking"),
}

SECTORS: dict[str, tuple[str, str]] = {
    "agriculture": ("pertanian", "agriculture"),
    "livestock": ("peternakan", "livestock"),
    "plantation": ("perkebunan", "plantation"),
    "forestry": ("kehutanan", "forestry"),
    "fishery": ("perikanan", "fishery"),
    "home_industry": ("industri rumahan", "home industry"),
    "craft": ("kerajinan", "craft"),
    "trade": ("perdagangan", "trade"),
    "services": ("jasa", "services"),
    "tourism": ("pariwisata", "tourism"),
}

LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "individual": ("usaha perorangan", "sole proprietorship"),
    "group": ("kelompok usaha bersama", "business group"),
    "cv": ("CV", "limited partnership (CV)"),
    "pt": ("PT", "limited company (PT)"),
    "pt_perorangan": ("PT perorangan", "single-owner company"),
    "cooperative": ("koperasi", "cooperative"),
    "bumdes": ("BUMDes", "village-owned enterprise"),
}

PARTNER_TYPES: dict[str, tuple[str, str]] = {
    "bank": ("bank", "bank"),
    "microfinance": ("lembaga keuangan mikro", "microfinance"),
    "venture_capital": ("modal ventura", "venture capital"),
    "state_enterprise": ("BUMN/BUMD (CSR)", "state enterprise (CSR)"),
    "buyer": ("pembeli/offtaker", "buyer"),
    "exporter": ("eksportir", "exporter"),
    "ecommerce": ("e-commerce", "e-commerce"),
    "university": ("perguruan tinggi", "university"),
    "research": ("lembaga riset", "research institute"),
    "government": ("instansi pemerintah", "government agency"),
    "training": ("lembaga pelatihan/inkubator", "training institute"),
    "certification": ("lembaga sertifikasi", "certification body"),
    "logistics": ("logistik", "logistics"),
    "association": ("asosiasi", "association"),
    "ngo": ("LSM", "NGO"),
    "other": ("lainnya", "other"),
}

CERTIFICATIONS: dict[str, tuple[str, str]] = {
    "pirt": ("SPP-IRT", "SPP-IRT home-industry food permit"),
    "halal": ("sertifikat halal", "halal certificate"),
    "bpom": ("izin edar BPOM", "BPOM registration"),
    "sni": ("SNI", "SNI standard"),
    "haccp": ("HACCP", "HACCP"),
    "organic": ("sertifikat organik", "organic certificate"),
    "iso9001": ("ISO 9001", "ISO 9001"),
    "svlk": ("SVLK", "SVLK timber legality"),
    "trademark": ("merek terdaftar", "registered trademark"),
}

SCALES: dict[str, tuple[str, str]] = {
    "micro": ("mikro", "micro"),
    "small": ("kecil", "small"),
    "medium": ("menengah", "medium"),
}

# BPS code -> official name
REGENCIES: dict[str, str] = {
    "6101": "Kabupaten Sambas",
    "6102": "Kabupaten Bengkayang",
    "6103": "Kabupaten Landak",
    "6104": "Kabupaten Mempawah",
    "6105": "Kabupaten Sanggau",
    "6106": "Kabupaten Ketapang",
    "6107": "Kabupaten Sintang",
    "6108": "Kabupaten Kapuas Hulu",
    "6109": "Kabupaten Sekadau",
    "6110": "Kabupaten Melawi",
    "6111": "Kabupaten Kayong Utara",
    "6112": "Kabupaten Kubu Raya",
    "6171": "Kota Pontianak",
    "6172": "Kota Singkawang",
}

PROVINCE = "61"
NATIONAL = "ID"
PROVINCE_NAME = "Kalimantan Barat"
NATIONAL_NAME = "Indonesia"

# PP 7/2021 thresholds in Rupiah: (scale, max annual sales, max capital
# excluding land and buildings).
SCALE_THRESHOLDS: tuple[tuple[str, int, int], ...] = (
    ("micro", 2_000_000_000, 1_000_000_000),
    ("small", 15_000_000_000, 5_000_000_000),
    ("medium", 50_000_000_000, 10_000_000_000),
)

_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|kodya|kotamadya)\s+", re.IGNORECASE)
_ALIASES = {
    # Short forms people write; "Pontianak" alone means the city.
    "pontianak": "6171",
    "singkawang": "6172",
    "kalbar": PROVINCE,
    "kalimantan barat": PROVINCE,
    "west kalimantan": PROVINCE,
    "indonesia": NATIONAL,
    "nasional": NATIONAL,
    "national": NATIONAL,
}
REGENCY_MIN_SCORE = 80


def _normalise(text: str) -> str:
    text = re.sub(r"[\s_]+", " ", text.strip().lower())
    return _PREFIX.sub("", text).strip()


# Words many regencies' names share ("Kayong Utara", "Luwu Utara", "Kapuas Hulu",
# "Hulu Sungai Utara"): a typed name is compared by the rest, so that another
# province's "Toraja Utara" is not taken for Kayong Utara.
_GENERIC_WORDS = frozenset(
    {"utara", "selatan", "barat", "timur", "tengah", "hulu", "hilir", "raya", "laut", "pesisir"}
)


def _distinctive(text: str) -> str:
    return " ".join(w for w in _normalise(text).split() if w not in _GENERIC_WORDS)


@lru_cache(maxsize=1)
def _regency_choices() -> dict[str, str]:
    """Each regency's distinctive name ("kayong", "kapuas", "kubu") to its code."""
    return {_distinctive(name): code for code, name in REGENCIES.items()}


@lru_cache(maxsize=4096)
def resolve_region(text: str | int, allow_wide: bool = True) -> str | None:
    """Resolve a regency name, BPS code, or province/nation word to a region code.

    ``text`` is what a person typed: ``"Pontianak"``, ``"kab. sambas"``,
    ``"KUBU RAYA"``, ``"6172"``. Returns a BPS code, ``PROVINCE``, ``NATIONAL``
    (only when ``allow_wide``), or ``None`` when nothing is close enough.
    """
    raw = str(text).strip()
    if not raw:
        return None
    if raw in REGENCIES:
        return raw
    if allow_wide and raw in (PROVINCE, NATIONAL):
        return raw
    lowered = re.sub(r"\s+", " ", raw.lower())
    norm = _normalise(raw)
    for key in (lowered, norm):
        if key in _ALIASES:
            code = _ALIASES[key]
            if code in (PROVINCE, NATIONAL) and not allow_wide:
                return None
            return code
    if allow_wide:
        wide = process.extractOne(
            lowered,
            ["kalimantan barat", "indonesia"],
            scorer=fuzz.ratio,
            score_cutoff=88,
        )
        if wide:
            return PROVINCE if wide[0] == "kalimantan barat" else NATIONAL
    choices = _regency_choices()
    distinctive = _distinctive(raw)
    if not distinctive:
        return None
    best = process.extractOne(
        distinctive, list(choices), scorer=fuzz.WRatio, score_cutoff=REGENCY_MIN_SCORE
    )
    if best is None:
        return None
    return choices[best[0]]


def resolve_regency(text: str | int) -> str | None:
    """Resolve text to one of the fourteen BPS regency codes, or ``None``."""
    return resolve_region(text, allow_wide=False)


def region_name(code: str) -> str:
    """Canonical name of a region code, as written on export."""
    if code == PROVINCE:
        return PROVINCE_NAME
    if code == NATIONAL:
        return NATIONAL_NAME
    return REGENCIES[code]


def derive_scale(annual_turnover_idr: int | None, business_capital_idr: int | None) -> str | None:
    """Scale by PP 7/2021: annual sales decide when given, else capital.

    Returns ``"micro"``, ``"small"``, ``"medium"``, ``None`` when neither figure
    is known. Raises ``ValueError`` when the figures are above medium.
    """
    if annual_turnover_idr is not None:
        for scale, max_sales, _ in SCALE_THRESHOLDS:
            if annual_turnover_idr <= max_sales:
                return scale
        raise ValueError("annual_turnover_idr above the medium-enterprise limit (Rp50 miliar)")
    if business_capital_idr is not None:
        for scale, _, max_capital in SCALE_THRESHOLDS:
            if business_capital_idr <= max_capital:
                return scale
        raise ValueError("business_capital_idr above the medium-enterprise limit (Rp10 miliar)")
    return None


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "id") -> str:
    """Human label of ``code`` in ``lang`` (``"id"`` or ``"en"``)."""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[1] if lang == "en" else pair[0]
