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
        roles=("partner",),
        label=_l("Usulan perkenalan UMKM untuk layanan Anda"),
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
        roles=("msme",),
        label=_l("Usulan perkenalan usaha Anda dengan mitra"),
    )
)

# The digest e-mail itself (web/services/delivery.py): one message bundling a user's
# notifications waiting for their daily or weekly digest. params: items (ids),
# period ("daily" or "weekly"), count.
DIGEST = register(
    Kind(
        name="digest",
        subject=_l("Ringkasan Jejaring: %(count)s pemberitahuan"),
        body=(),
        action=_l("Lihat semua pemberitahuan"),
        optional=False,
        listed=False,
    )
)

# A self-service password reset (security: cannot be turned off). No params; the
# link's raw token is in endpoint_args until the e-mail is sent, then scrubbed.
PASSWORD_RESET = register(
    Kind(
        name="password_reset",
        subject=_l("Atur ulang kata sandi Jejaring Anda"),
        body=(
            _l(
                "Seseorang meminta tautan untuk mengatur ulang kata sandi akun Jejaring "
                "dengan alamat e-mail ini."
            ),
            _l(
                "Tautan di bawah hanya dapat dipakai sekali dan berlaku 72 jam. Jika bukan "
                "Anda yang meminta, abaikan e-mail ini: kata sandi Anda tidak berubah."
            ),
        ),
        action=_l("Atur kata sandi baru"),
        optional=False,
        listed=False,
        scrub=True,
    )
)
