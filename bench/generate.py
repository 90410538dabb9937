"""Synthetic exchange-format data at national scale, deterministic for a seed.

    python -m bench.generate --msmes 100000 --offerings 10000 --seed 1 out.json

MSMEs and offerings are assembled from Indonesian intake-note phrases,
commodities from the matcher's taxonomy, every consultancy field and every
regency of Kalimantan Barat, so the text and the filters behave as in real
catalogues (eligibility, capacity and validity included).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from matcher import codes
from matcher.commodities import default_taxonomy

NEED_PHRASES = {
    "marketing": [
        "butuh pembeli tetap untuk {c}",
        "ingin memasarkan {c} ke luar daerah",
        "mau jual {c} di marketplace tapi belum paham foto produk",
        "harga {c} di tingkat petani rendah, ingin jual bersama",
    ],
    "institutional": [
        "belum punya PIRT untuk {c}",
        "mau urus sertifikat halal produk {c}",
        "ingin mendaftarkan merek dagang {c}",
        "perlu NIB dan izin edar",
    ],
    "production": [
        "mesin pengolahan {c} sering rusak",
        "kualitas {c} belum seragam",
        "ingin menambah kapasitas produksi {c}",
        "kemasan {c} mudah rusak",
    ],
    "hr": [
        "karyawan belum terlatih pembukuan",
        "pekerja sering keluar masuk",
        "perlu pelatihan keterampilan pengolahan {c}",
    ],
    "it": [
        "pencatatan penjualan masih manual",
        "ingin punya toko online untuk {c}",
        "belum bisa memakai aplikasi kasir",
    ],
    "financing": [
        "modal kurang untuk beli mesin pengolah {c}",
        "butuh pinjaman modal kerja tanpa agunan",
        "ingin kredit usaha rakyat",
    ],
    "networking": [
        "ingin bergabung dengan asosiasi pengusaha {c}",
        "mencari mitra kemitraan dengan perusahaan besar",
        "ingin ikut pameran produk daerah",
    ],
}
OFFER_PHRASES = {
    "marketing": [
        "Pembelian {c} dari UMKM",
        "Pendampingan pemasaran online produk {c}",
        "Temu bisnis pembeli {c}",
    ],
    "institutional": [
        "Fasilitasi sertifikasi halal",
        "Pendampingan PIRT dan izin edar",
        "Pendaftaran merek dagang UMKM",
    ],
    "production": [
        "Klinik kemasan dan mutu {c}",
        "Bantuan mesin pengolahan {c}",
        "Pendampingan teknologi produksi {c}",
    ],
    "hr": ["Pelatihan pembukuan usaha kecil", "Pelatihan keterampilan karyawan UMKM"],
    "it": ["Pelatihan toko online dan aplikasi kasir", "Digitalisasi pencatatan penjualan"],
    "financing": [
        "Kredit usaha rakyat mikro",
        "Pinjaman modal kerja tanpa agunan",
        "Pembiayaan mesin dan peralatan",
    ],
    "networking": [
        "Forum kemitraan UMKM dan usaha besar",
        "Keanggotaan asosiasi pengusaha",
        "Pameran produk unggulan daerah",
    ],
}
PLACES = ["pasar", "toko oleh-oleh", "warung", "kantin sekolah", "pesanan acara", "pengepul"]


def _msme(rng: random.Random, i: int, commodities: list) -> dict:
    commodity = rng.choice(commodities)
    fields = rng.sample(list(codes.FIELDS), k=rng.randint(1, 3))
    turnover = rng.choice(
        [rng.randint(50, 1900) * 1_000_000, rng.randint(2_100, 14_000) * 1_000_000]
    )
    return {
        "external_id": f"SYN-M{i:07d}",
        "name": f"Usaha {commodity.name.title()} {i}",
        "legal_form": rng.choice(list(codes.LEGAL_FORMS)),
        "regency": rng.choice(list(codes.REGENCIES)),
        "commodities": [commodity.name],
        "annual_turnover_idr": turnover,
        "employees": rng.randint(1, 40),
        "certifications": rng.sample(list(codes.CERTIFICATIONS), k=rng.randint(0, 2)),
        "description": f"Kami mengolah {commodity.name} dan menjual ke "
        f"{rng.choice(PLACES)} sekitar {rng.randint(20, 900)} kemasan per minggu.",
        "needs": [
            {
                "field": f,
                "priority": p + 1,
                "description": rng.choice(NEED_PHRASES[f]).format(c=commodity.name),
            }
            for p, f in enumerate(fields)
        ],
    }


def _offering(rng: random.Random, pid: str, k: int, commodities: list) -> dict:
    field = rng.choice(list(codes.FIELDS))
    commodity = rng.choice(commodities)
    offering = {
        "external_id": f"{pid}-{k}",
        "field": field,
        "title": rng.choice(OFFER_PHRASES[field]).format(c=commodity.name),
        "description": rng.choice(OFFER_PHRASES[field]).format(c=commodity.name)
        + f" untuk usaha di Kalimantan Barat, kuota terbatas, hubungi kantor {pid}.",
    }
    if rng.random() < 0.4:
        offering["commodities"] = [commodity.name]
    if rng.random() < 0.3:
        offering["regions"] = rng.sample(list(codes.REGENCIES), k=rng.randint(1, 4))
    if rng.random() < 0.3:
        offering["eligibility"] = {"scales": ["micro", "small"]}
    if rng.random() < 0.1:
        offering["capacity"] = rng.randint(0, 20)
    if rng.random() < 0.1:
        offering["valid_until"] = rng.choice(["2025-12-31", "2027-12-31", "2028-06-30"])
    return offering


def generate(n_msmes: int, n_offerings: int, seed: int = 1) -> dict:
    """An exchange-format document with ``n_msmes`` MSMEs and ``n_offerings`` offerings."""
    rng = random.Random(seed)
    commodities = sorted(default_taxonomy(), key=lambda c: c.key)
    partners = []
    per_partner = 5
    for p in range((n_offerings + per_partner - 1) // per_partner):
        pid = f"SYN-P{p:06d}"
        count = min(per_partner, n_offerings - p * per_partner)
        partners.append(
            {
                "external_id": pid,
                "name": f"Mitra Sintetis {p}",
                "type": rng.choice(list(codes.PARTNER_TYPES)),
                "regions": rng.choice(
                    [["Kalimantan Barat"], ["Indonesia"], rng.sample(list(codes.REGENCIES), k=3)]
                ),
                "description": "Lembaga mitra untuk UMKM dan koperasi.",
                "offerings": [_offering(rng, pid, k + 1, commodities) for k in range(count)],
            }
        )
    msmes = [_msme(rng, i, commodities) for i in range(n_msmes)]
    return {"format": codes.FORMAT_VERSION, "msmes": msmes, "partners": partners}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msmes", type=int, default=1000)
    parser.add_argument("--offerings", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    document = generate(args.msmes, args.offerings, args.seed)
    args.out.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
