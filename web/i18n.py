"""Language selection and labels of codes in the reader's language."""

from __future__ import annotations

from flask import Flask, session
from flask_babel import get_locale

from matcher import codes

SUPPORTED = ("id", "en")
TABLES = {
    "field": codes.FIELDS, "sector": codes.SECTORS, "legal_form": codes.LEGAL_FORMS,
    "partner_type": codes.PARTNER_TYPES, "certification": codes.CERTIFICATIONS,
    "scale": codes.SCALES,
}


def select_locale() -> str:
    """The session's chosen language; Bahasa Indonesia by default."""
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


def register(app: Flask) -> None:
    app.jinja_env.filters["code_label"] = code_label
    app.jinja_env.filters["region"] = region_label
    app.jinja_env.globals["current_lang"] = current_lang
