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


def _whatsapp(value) -> str:
    """A WhatsApp click-to-chat link to the partner, with a greeting naming the
    introduction in the reader's language. value: {phone, offering, intro}."""
    from ..i18n import whatsapp_link

    greeting = _l(
        "Halo, kami diperkenalkan oleh PLUT untuk layanan \u201c%(offering)s\u201d "
        "(perkenalan #%(intro)s). Kapan kita bisa berbicara?",
        offering=value.get("offering", ""),
        intro=value.get("intro", ""),
    )
    return whatsapp_link(value.get("phone"), str(greeting)) or str(_l("(tidak ada nomor WhatsApp)"))


def _status(value) -> str:
    from ..i18n import status_label

    return status_label(value)


def _reason(value) -> str:
    return value or str(_l("Mitra tidak menuliskan alasan."))


def _note(value) -> str:
    return value or "\u2013"


def _lines(value) -> str:
    return "\n".join(value or ())


# -- who hears what (issue 12, item 5) ---------------------------------------------

# To consultants who follow the MSME (or of the need's field). params: msme (name),
# offering, partner, intro.
INTRODUCTION_REQUESTED = register(
    Kind(
        name="introduction_requested",
        subject=_l("%(msme)s minta diperkenalkan ke %(partner)s"),
        body=(
            _l(
                "%(msme)s meminta perkenalan dengan %(partner)s untuk layanan "
                "\u201c%(offering)s\u201d."
            ),
            _l("Periksa permintaan ini, lalu usulkan ke mitra atau tolak dengan alasan."),
        ),
        action=_l("Tinjau permintaan"),
        roles=("consultant", "admin"),
        label=_l("Permintaan perkenalan dari UMKM"),
    )
)

# To the MSME's users and the consultant. params: msme, offering, partner, person,
# phone, email (the partner's contact), whatsapp {phone, offering, intro}, intro.
INTRODUCTION_ACCEPTED = register(
    Kind(
        name="introduction_accepted",
        subject=_l("%(partner)s menerima perkenalan dengan %(msme)s"),
        body=(
            _l(
                "%(partner)s menerima perkenalan dengan %(msme)s untuk layanan "
                "\u201c%(offering)s\u201d. Silakan hubungi mitra."
            ),
            _l("Kontak mitra: %(person)s, telepon %(phone)s, e-mail %(email)s."),
            _l("Mulai percakapan lewat WhatsApp: %(whatsapp)s"),
        ),
        action=_l("Lihat perkenalan"),
        roles=("msme", "consultant", "admin"),
        label=_l("Perkenalan diterima mitra"),
        labels={"whatsapp": _whatsapp},
    )
)

# To the MSME's users and the consultant. params: msme, offering, partner, reason, intro.
INTRODUCTION_DECLINED = register(
    Kind(
        name="introduction_declined",
        subject=_l("%(partner)s menolak perkenalan dengan %(msme)s"),
        body=(
            _l(
                "%(partner)s menolak perkenalan dengan %(msme)s untuk layanan "
                "\u201c%(offering)s\u201d."
            ),
            _l("Alasan mitra: %(reason)s"),
            _l("Konsultan PLUT dapat mencarikan mitra lain."),
        ),
        action=_l("Lihat perkenalan"),
        roles=("msme", "consultant", "admin"),
        label=_l("Perkenalan ditolak mitra"),
        labels={"reason": _reason},
    )
)

# After acceptance, to the other parties. params: msme, offering, partner, status,
# note, intro.
INTRODUCTION_STATUS = register(
    Kind(
        name="introduction_status",
        subject=_l("Perkenalan %(msme)s \u2013 %(partner)s: %(status)s"),
        body=(
            _l(
                "Status perkenalan %(msme)s dengan %(partner)s (layanan \u201c%(offering)s\u201d) "
                "kini: %(status)s."
            ),
            _l("Catatan: %(note)s"),
        ),
        action=_l("Lihat perkenalan"),
        roles=(),
        label=_l("Perubahan status perkenalan"),
        labels={"status": _status, "note": _note},
    )
)

# After acceptance, to the other parties. params: msme, offering, partner, author, note, intro.
INTRODUCTION_NOTE = register(
    Kind(
        name="introduction_note",
        subject=_l("Catatan baru pada perkenalan %(msme)s \u2013 %(partner)s"),
        body=(
            _l(
                "%(author)s menulis catatan pada perkenalan untuk layanan \u201c%(offering)s\u201d:"
            ),
            "%(note)s",
        ),
        action=_l("Lihat perkenalan"),
        roles=(),
        label=_l("Catatan baru pada perkenalan"),
    )
)

# To admins and consultants. params: partner (name).
PARTNER_REGISTERED = register(
    Kind(
        name="partner_registered",
        subject=_l("Mitra baru menunggu persetujuan: %(partner)s"),
        body=(
            _l("%(partner)s mendaftar sendiri sebagai mitra."),
            _l("Periksa datanya, lalu setujui atau tolak pendaftarannya."),
        ),
        action=_l("Tinjau mitra"),
        roles=("consultant", "admin"),
        label=_l("Pendaftaran mitra baru"),
    )
)

# To the partner's users. params: partner.
PARTNER_APPROVED = register(
    Kind(
        name="partner_approved",
        subject=_l("Pendaftaran %(partner)s disetujui"),
        body=(
            _l("Konsultan PLUT menyetujui pendaftaran %(partner)s."),
            _l("Layanan Anda kini disarankan ke UMKM yang cocok."),
        ),
        action=_l("Buka beranda mitra"),
        roles=("partner",),
        label=_l("Pendaftaran lembaga disetujui"),
    )
)

# To the partner's users. params: partner, reason.
PARTNER_REFUSED = register(
    Kind(
        name="partner_refused",
        subject=_l("Pendaftaran %(partner)s belum dapat disetujui"),
        body=(
            _l("Konsultan PLUT belum dapat menyetujui pendaftaran %(partner)s."),
            _l("Alasan: %(reason)s"),
            _l("Perbaiki profil lembaga Anda atau hubungi konsultan PLUT."),
        ),
        action=_l("Buka profil lembaga"),
        roles=("partner",),
        label=_l("Pendaftaran lembaga ditolak"),
        labels={"reason": _note},
    )
)

# To the responsible consultant. params: msme, title, due (ISO date).
MILESTONE_DUE = register(
    Kind(
        name="milestone_due",
        subject=_l("Tonggak jatuh tempo dalam 7 hari: %(title)s"),
        body=(_l("Tonggak \u201c%(title)s\u201d untuk %(msme)s jatuh tempo pada %(due)s."),),
        action=_l("Lihat tonggak"),
        roles=("consultant", "admin"),
        label=_l("Tonggak yang jatuh tempo dalam 7 hari"),
    )
)
MILESTONE_OVERDUE = register(
    Kind(
        name="milestone_overdue",
        subject=_l("Tonggak lewat tenggat: %(title)s"),
        body=(
            _l("Tonggak \u201c%(title)s\u201d untuk %(msme)s lewat tenggat sejak %(due)s."),
            _l("Perbarui statusnya atau rencanakan ulang bersama UMKM."),
        ),
        action=_l("Lihat tonggak"),
        roles=("consultant", "admin"),
        label=_l("Tonggak yang lewat tenggat"),
    )
)

# -- reminders and expiry (item 6) ---------------------------------------------------

# To the partner's users. params: offering, days, intro.
INTRODUCTION_REMINDER_PARTNER = register(
    Kind(
        name="introduction_reminder_partner",
        subject=_l("Pengingat: usulan perkenalan untuk %(offering)s menunggu jawaban"),
        body=(
            _l(
                "Usulan perkenalan untuk layanan \u201c%(offering)s\u201d sudah %(days)s hari "
                "menunggu jawaban Anda."
            ),
            _l("Perkenalan yang tidak dijawab akan kedaluwarsa."),
        ),
        action=_l("Lihat dan jawab perkenalan"),
        roles=("partner",),
        label=_l("Pengingat usulan perkenalan yang belum dijawab"),
    )
)

# To the consultants who should answer a request, or who proposed. params: msme,
# offering, partner, status, days, intro.
INTRODUCTION_REMINDER = register(
    Kind(
        name="introduction_reminder",
        subject=_l("Pengingat: perkenalan %(msme)s \u2013 %(partner)s belum dijawab"),
        body=(
            _l(
                "Perkenalan %(msme)s dengan %(partner)s (layanan \u201c%(offering)s\u201d) "
                "berstatus \u201c%(status)s\u201d sejak %(days)s hari dan belum dijawab."
            ),
        ),
        action=_l("Tinjau perkenalan"),
        roles=("consultant", "admin"),
        label=_l("Pengingat perkenalan yang belum dijawab"),
        labels={"status": _status},
    )
)
INTRODUCTION_ESCALATED = register(
    Kind(
        name="introduction_escalated",
        subject=_l("Perlu tindakan: perkenalan %(msme)s \u2013 %(partner)s belum dijawab"),
        body=(
            _l(
                "Perkenalan %(msme)s dengan %(partner)s (layanan \u201c%(offering)s\u201d) "
                "berstatus \u201c%(status)s\u201d sejak %(days)s hari tanpa jawaban."
            ),
            _l("Hubungi pihak yang belum menjawab; tanpa jawaban perkenalan ini kedaluwarsa."),
        ),
        action=_l("Tinjau perkenalan"),
        roles=("consultant", "admin"),
        label=_l("Perkenalan tanpa jawaban yang perlu tindakan"),
        labels={"status": _status},
    )
)

# To the MSME's users and consultants. params: msme, offering, partner, status, intro.
INTRODUCTION_ENDED = register(
    Kind(
        name="introduction_ended",
        subject=_l("Perkenalan %(msme)s \u2013 %(partner)s: %(status)s"),
        body=(
            _l(
                "Perkenalan %(msme)s dengan %(partner)s (layanan \u201c%(offering)s\u201d) "
                "berakhir: %(status)s."
            ),
            _l("Konsultan PLUT dapat mencarikan mitra lain."),
        ),
        action=_l("Lihat perkenalan"),
        roles=("msme", "consultant", "admin"),
        label=_l("Perkenalan yang berakhir (kedaluwarsa atau ditarik)"),
        labels={"status": _status},
    )
)
# To the partner's users (no MSME name). params: offering, status, intro.
INTRODUCTION_ENDED_PARTNER = register(
    Kind(
        name="introduction_ended_partner",
        subject=_l("Usulan perkenalan untuk %(offering)s berakhir: %(status)s"),
        body=(
            _l(
                "Usulan perkenalan dengan sebuah UMKM untuk layanan \u201c%(offering)s\u201d "
                "berakhir: %(status)s. Anda tidak perlu menjawabnya lagi."
            ),
        ),
        action=_l("Lihat perkenalan"),
        roles=("partner",),
        label=_l("Usulan perkenalan yang berakhir"),
        labels={"status": _status},
    )
)

# -- no dead ends (item 9) -------------------------------------------------------------

# To consultants. params: msme, offering, partner, note, intro.
SUGGESTION_ASKED = register(
    Kind(
        name="suggestion_asked",
        subject=_l("%(msme)s minta saran mitra lain"),
        body=(
            _l(
                "%(msme)s meminta saran mitra lain selain %(partner)s "
                "(layanan \u201c%(offering)s\u201d)."
            ),
            _l("Pesan UMKM: %(note)s"),
        ),
        action=_l("Cari mitra untuk UMKM ini"),
        roles=("consultant", "admin"),
        label=_l("Permintaan saran mitra lain dari UMKM"),
        labels={"note": _note},
    )
)

# To consultants. params: msme, offering, partner, note, intro.
BROKER_REQUESTED = register(
    Kind(
        name="broker_requested",
        subject=_l("%(partner)s minta dijembatani ke %(msme)s"),
        body=(
            _l(
                "%(partner)s meminta PLUT menjembatani perkenalan dengan %(msme)s untuk "
                "layanan \u201c%(offering)s\u201d."
            ),
            _l("Pesan mitra: %(note)s"),
            _l("Putuskan: usulkan perkenalan ke mitra (dengan ringkasan) atau tolak."),
        ),
        action=_l("Tinjau permintaan"),
        roles=("consultant", "admin"),
        label=_l("Permintaan mitra untuk dijembatani ke UMKM"),
        labels={"note": _note},
    )
)

# -- digests and saved-search alerts (item 7) ----------------------------------------

# To a partner user, weekly. params: count, lines (one per offering, without names).
DIGEST_PARTNER = register(
    Kind(
        name="digest_partner",
        subject=_l("%(count)s UMKM baru cocok dengan layanan Anda"),
        body=(
            _l("UMKM baru yang masuk peringkat teratas layanan Anda sejak ringkasan terakhir:"),
            "%(lines)s",
            _l("Nama dan kontak UMKM terlihat setelah perkenalan diterima."),
        ),
        action=_l("Lihat UMKM yang disarankan"),
        roles=("partner",),
        label=_l("Ringkasan UMKM baru yang cocok dengan layanan Anda"),
        default_channel="weekly",
        labels={"lines": _lines},
    )
)

# To a consultant, weekly. params: count, lines (one per followed MSME).
DIGEST_CONSULTANT = register(
    Kind(
        name="digest_consultant",
        subject=_l("%(count)s layanan baru cocok dengan UMKM yang Anda ikuti"),
        body=(
            _l("Layanan baru yang cocok dengan UMKM yang Anda ikuti sejak ringkasan terakhir:"),
            "%(lines)s",
        ),
        action=_l("Buka beranda konsultan"),
        roles=("consultant", "admin"),
        label=_l("Ringkasan layanan baru untuk UMKM yang Anda ikuti"),
        default_channel="weekly",
        labels={"lines": _lines},
    )
)

# To the user who saved the search. params: name (of the search), count, lines.
SAVED_SEARCH_RESULTS = register(
    Kind(
        name="saved_search_results",
        subject=_l("%(count)s hasil baru untuk pencarian \u201c%(name)s\u201d"),
        body=(
            _l("Pencarian tersimpan \u201c%(name)s\u201d punya hasil baru:"),
            "%(lines)s",
        ),
        action=_l("Buka pencarian"),
        roles=("consultant", "partner", "admin"),
        label=_l("Hasil baru pencarian tersimpan"),
        default_channel="daily",
        labels={"lines": _lines},
    )
)
