"""A small, fixed world for page tests: two MSMEs, two partners, and a user of
every role (consultant, admin, partner A and B, MSME A and B)."""

from __future__ import annotations

from functools import lru_cache

from werkzeug.security import generate_password_hash

from tests import factories as f
from web.extensions import db
from web.models import Msme, Partner, User
from web.services.importer import import_document

PASSWORD = "kata-sandi-uji-123"

MSME_A = dict(
    name="UD Amplang Tenggiri Jaya",
    regency="Kab. Sambas",
    contact={
        "person": "Ibu Rahmawati",
        "phone": "0812-5000-1111",
        "email": "rahma@amplang.example",
    },
    description="UD Amplang Tenggiri Jaya membuat amplang ikan tenggiri. Hubungi 0812-5000-1111.",
    needs=[
        {
            "field": "financing",
            "priority": 1,
            "description": "Modal kerja untuk beli mesin vakum, hubungi Ibu Rahmawati",
        },
        {"field": "marketing", "priority": 2, "description": "Cari pembeli tetap oleh-oleh"},
    ],
)
MSME_B = dict(
    name="Kopi Liberika Kayong Makmur",
    regency="Kayong Utara",
    sector="plantation",
    commodities=["kopi liberika"],
    certifications=[],
    contact={"person": "Pak Hendra", "phone": "0813-4000-2222", "email": "hendra@kopi.example"},
    needs=[{"field": "marketing", "priority": 1, "description": "Pemasaran kopi ke kafe"}],
)


def document() -> dict:
    return f.document(
        msmes=[f.msme("M-A", **MSME_A), f.msme("M-B", **MSME_B)],
        partners=[
            f.partner(
                "P-A",
                name="Bank Perkreditan Kapuas Sejahtera",
                offerings=[
                    f.offering(
                        "P-A-1",
                        title="Kredit mesin pengolahan pangan",
                        capacity=1,
                        description="Kredit modal kerja dan mesin vakum untuk UMKM pangan.",
                    ),
                    f.offering(
                        "P-A-2",
                        field="marketing",
                        title="Temu pembeli oleh-oleh",
                        commodities=["amplang"],
                        eligibility={},
                        capacity=None,
                        description="Mempertemukan UMKM oleh-oleh dengan toko.",
                        volume={"quantity": 1000, "unit": "pack", "period": "month"},
                    ),
                ],
            ),
            f.partner(
                "P-B",
                name="Koperasi Pemasaran Kopi Borneo",
                type="buyer",
                contact={
                    "person": "Bu Sari",
                    "phone": "0561 765432",
                    "email": "sari@kopiborneo.example",
                },
                offerings=[
                    f.offering(
                        "P-B-1",
                        field="marketing",
                        title="Pembelian kopi liberika petani",
                        commodities=["kopi liberika"],
                        eligibility={},
                        description="Kami membeli kopi liberika.",
                    )
                ],
            ),
        ],
    )


@lru_cache(maxsize=1)
def _hash() -> str:
    return generate_password_hash(PASSWORD)


def build() -> dict[str, User]:
    """Import the world and create its users; returns users by name."""
    import_document(document(), actor_label="test")
    db.session.flush()
    msmes = {m.external_id: m for m in db.session.scalars(db.select(Msme))}
    partners = {p.external_id: p for p in db.session.scalars(db.select(Partner))}
    users = {
        "consultant": User(email="konsultan@plut.example", role="consultant", name="Konsultan"),
        "admin": User(email="admin@plut.example", role="admin", name="Admin"),
        "partner_a": User(email="a@bank.example", role="partner", partner=partners["P-A"]),
        "partner_b": User(email="b@kopi.example", role="partner", partner=partners["P-B"]),
        "msme_a": User(email="owner@amplang.example", role="msme", msme=msmes["M-A"]),
        "msme_b": User(email="owner@kopi.example", role="msme", msme=msmes["M-B"]),
    }
    for user in users.values():
        user.password_hash = _hash()
        db.session.add(user)
    db.session.commit()
    return users


def login(client, email: str, password: str = PASSWORD):
    return client.post("/login", data={"email": email, "password": password})
