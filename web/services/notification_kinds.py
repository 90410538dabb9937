"""The kinds of notification and their words (Bahasa Indonesia in the source,
translated like every page). Each kind's params are documented beside it; a
partner's kinds never carry an MSME's name or contact before acceptance."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .notifications import Kind, register

# To a partner user. params: offering (the offering's title), intro (id).
INTRODUCTION_PROPOSED_PARTNER = register(
    Kind(
        name="introduction_proposed_partner",
        subject=_l("Usulan perkenalan baru untuk layanan %(offering)s"),
        body=(
            _l(
                "Konsultan PLUT mengusulkan perkenalan dengan sebuah UMKM untuk layanan "
                "\u201c%(offering)s\u201d."
            ),
            _l(
                "Baca ringkasan usaha yang ditulis konsultan, lalu terima atau tolak "
                "perkenalan ini. Nama dan kontak UMKM terlihat setelah Anda menerima."
            ),
        ),
        action=_l("Lihat dan jawab perkenalan"),
    )
)

# To an MSME user. params: offering (title), partner (the partner's name), intro (id).
INTRODUCTION_PROPOSED_MSME = register(
    Kind(
        name="introduction_proposed_msme",
        subject=_l("Konsultan mengusulkan usaha Anda ke %(partner)s"),
        body=(
            _l(
                "Konsultan PLUT mengusulkan perkenalan usaha Anda dengan %(partner)s untuk "
                "layanan \u201c%(offering)s\u201d."
            ),
            _l("Kami akan memberi tahu Anda ketika mitra menjawab."),
        ),
        action=_l("Lihat perkenalan Anda"),
    )
)
