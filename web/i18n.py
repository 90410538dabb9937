"""Language selection and labels of codes in the reader's language."""

from __future__ import annotations

from flask import Flask, has_request_context, session
from flask_babel import format_date, format_decimal, get_locale
from flask_babel import lazy_gettext as _l

from matcher import codes
from matcher.reasons import group_reasons

SUPPORTED = ("id", "en")
TABLES = {
    "field": codes.FIELDS,
    "sector": codes.SECTORS,
    "legal_form": codes.LEGAL_FORMS,
    "partner_type": codes.PARTNER_TYPES,
    "certification": codes.CERTIFICATIONS,
    "scale": codes.SCALES,
}


def select_locale() -> str:
    """The session's chosen language; Bahasa Indonesia by default.

    Outside a request (command-line tools) messages are English, the language
    of the command-line contract.
    """
    if not has_request_context():
        return "en"
    chosen = session.get("lang")
    return chosen if chosen in SUPPORTED else "id"


def current_lang() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "id"


def code_label(code: str | None, table: str) -> str:
    """Label of a code (field, sector, …) in the current language."""
    if code is None:
        return ""
    return codes.label(TABLES[table], code, current_lang())


def region_label(code: str | None) -> str:
    return codes.region_name(code) if code else ""


STATUS_LABELS = {
    "requested": _l("diminta UMKM"),
    "proposed": _l("diusulkan ke mitra"),
    "accepted": _l("diterima mitra"),
    "declined": _l("ditolak"),
    "met": _l("sudah bertemu"),
    "agreement": _l("ada kesepakatan"),
    "closed": _l("selesai"),
    "expired": _l("kedaluwarsa"),
    "withdrawn": _l("ditarik"),
    # who withdrew it, as the notifications of its end say
    "withdrawn_msme": _l("ditarik UMKM"),
    "withdrawn_partner": _l("ditarik mitra"),
    "planned": _l("direncanakan"),
    "in_progress": _l("berjalan"),
    "done": _l("tercapai"),
    "cancelled": _l("dibatalkan"),
}
OUTCOME_LABELS = {
    "loan": _l("pinjaman/kredit"),
    "grant": _l("hibah/bantuan CSR"),
    "purchase_contract": _l("kontrak pembelian"),
    "training": _l("pelatihan"),
    "certification": _l("sertifikasi/izin"),
    "mentoring": _l("pendampingan"),
    "other": _l("lainnya"),
}


ROLE_LABELS = {
    "consultant": _l("konsultan"),
    "admin": _l("admin"),
    "partner": _l("mitra"),
    "msme": _l("UMKM"),
}
ACTION_LABELS = {
    "create": _l("dibuat"),
    "update": _l("diubah"),
    "delete": _l("dihapus"),
}


ENTITY_LABELS = {
    "api_token": _l("token API"),
    "token": _l("token API"),
    "introduction": _l("perkenalan"),
    "milestone": _l("tonggak"),
    "msme": _l("UMKM"),
    "offering": _l("layanan"),
    "partner": _l("mitra"),
    "personal_data": _l("data pribadi"),
    "recovery_codes": _l("kode pemulihan"),
    "settings": _l("pengaturan"),
    "user": _l("pengguna"),
}
# Names of the values an audit entry records, for the audit log's "changes" column.
AUDIT_KEY_LABELS = {
    "status": _l("status"),
    "approved": _l("disetujui"),
    "closed": _l("ditutup"),
    "title": _l("judul"),
    "active": _l("aktif"),
    "outcome_kind": _l("jenis kesepakatan"),
    "outcome_value_idr": _l("nilai kesepakatan"),
    "role": _l("peran"),
    "note": _l("catatan"),
    "pitch": _l("ringkasan untuk mitra"),
    "name": _l("nama"),
    "email": _l("e-mail"),
    "two_factor": _l("login dua langkah"),
    "recovery_code": _l("kode pemulihan"),
    "recovery_codes_left": _l("kode pemulihan tersisa"),
    "count": _l("jumlah"),
    "refusal_reason": _l("alasan penolakan"),
}


def entity_label(entity_type: str | None) -> str:
    return str(ENTITY_LABELS.get(entity_type, entity_type or ""))


def audit_key(key: str) -> str:
    return str(AUDIT_KEY_LABELS.get(key, key))


def audit_value(value, key: str) -> str:
    """A value recorded in the audit log, as a reader says it: yes/no, labels of codes."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(_l("ya") if value else _l("tidak"))
    if key == "status" and isinstance(value, str):
        return status_label(value)
    if key == "outcome_kind" and isinstance(value, str):
        return outcome_label(value)
    if key == "role" and isinstance(value, str):
        return role_label(value)
    if key == "recovery_code" and value == "used":
        return str(_l("dipakai"))
    if key == "outcome_value_idr" and isinstance(value, int):
        return rupiah(value)
    return str(value)


def role_label(role: str | None) -> str:
    return str(ROLE_LABELS.get(role, role or ""))


def action_label(action: str | None) -> str:
    return str(ACTION_LABELS.get(action, action or ""))


def status_label(status: str | None) -> str:
    return str(STATUS_LABELS.get(status, status or ""))


def outcome_label(kind: str | None) -> str:
    return str(OUTCOME_LABELS.get(kind, kind or ""))


def rupiah(value: int | None) -> str:
    """Rupiah for the reader's locale: ``Rp1.500.000`` (id) or ``Rp1,500,000`` (en)."""
    if value is None:
        return ""
    return "Rp" + format_decimal(value, format="#,##0")


def number(value) -> str:
    """A figure in the reader's locale (``1.234,5`` in id, ``1,234.5`` in en)."""
    if value is None:
        return "–"
    return format_decimal(value, format="#,##0.#")


def local_date(value) -> str:
    return format_date(value, "medium") if value else ""


# Audit entries made by no logged-in user name their source; these are said in words.
ACTOR_LABELS = {
    "seed": _l("data demo"),
    "self-registration": _l("pendaftaran mandiri"),
    "cli": _l("baris perintah"),
}


def actor_label(label: str | None) -> str:
    """Who made an audit entry when no user did: "seed", "cli:…" as words."""
    if not label:
        return ""
    known = ACTOR_LABELS.get(label) or ACTOR_LABELS.get(label.split(":", 1)[0])
    return str(known) if known else label


REASON_KIND_LABELS = {
    "need": _l("Kebutuhan"),
    "product": _l("Produk"),
    "area": _l("Wilayah"),
}


def reason_kind_label(kind: str) -> str:
    return str(REASON_KIND_LABELS.get(kind, kind))


def whatsapp_link(phone: str | None, text: str | None = None) -> str | None:
    """``https://wa.me/62…`` for an Indonesian number (``0812…``, ``+62 812-…``),
    with ``text`` as the prefilled message when given."""
    from urllib.parse import quote

    from .services.exchange import normalise_phone

    number = normalise_phone(phone) if phone else None
    if number is None:
        return None
    link = "https://wa.me/" + number[1:]
    return link + "?text=" + quote(text, safe="") if text else link


def commodity_names(texts, keys=None) -> str:
    """Commodities as typed, each under the taxonomy's name when the whole text
    is a way of writing one ("lidah buya" shows as "lidah buaya"), joined; from
    the stored ``keys`` beside them when given (``msme.commodity_keys``)."""
    from .services.commodity_keys import canonical_names

    return ", ".join(canonical_names(texts, keys))


SUPPLY_STATUS_LABELS = {
    "proposed": _l("menunggu jawaban"),
    "accepted": _l("diterima kedua pihak"),
    "declined": _l("ditolak"),
}


def supply_status_label(status: str) -> str:
    """A supply introduction's status in the reader's language (issue 16)."""
    return str(SUPPLY_STATUS_LABELS.get(status, status))


def register(app: Flask) -> None:
    app.jinja_env.filters["code_label"] = code_label
    app.jinja_env.filters["commodity_names"] = commodity_names
    app.jinja_env.filters["region"] = region_label
    app.jinja_env.filters["status"] = status_label
    app.jinja_env.filters["supply_status"] = supply_status_label
    app.jinja_env.filters["outcome"] = outcome_label
    app.jinja_env.filters["role_label"] = role_label
    app.jinja_env.filters["action_label"] = action_label
    app.jinja_env.filters["entity_label"] = entity_label
    app.jinja_env.filters["audit_key"] = audit_key
    app.jinja_env.filters["audit_value"] = audit_value
    app.jinja_env.filters["rupiah"] = rupiah
    app.jinja_env.filters["date"] = local_date
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["whatsapp"] = whatsapp_link
    app.jinja_env.filters["group_reasons"] = group_reasons
    app.jinja_env.filters["actor_label"] = actor_label
    app.jinja_env.filters["reason_kind"] = reason_kind_label
    app.jinja_env.globals["current_lang"] = current_lang
