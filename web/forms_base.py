"""Base forms whose built-in validation messages speak the reader's language.

WTForms ships no Indonesian catalogue, so its English messages are mapped
here onto strings of Jejaring's own catalogue (Bahasa Indonesia in the source,
English in ``translations/en``).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form

MESSAGES = {
    "This field is required.": _l("Wajib diisi."),
    "Not a valid integer value.": _l("Harus berupa bilangan bulat."),
    "Not a valid date value.": _l("Tanggal tidak valid; tulis tahun-bulan-hari."),
    "Invalid email address.": _l("Alamat e-mail tidak valid."),
    "Field must be between %(min)d and %(max)d characters long.": _l(
        "Panjang harus %(min)d sampai %(max)d karakter."
    ),
    "Field must be at least %(min)d characters long.": _l("Panjang minimal %(min)d karakter."),
    "Field cannot be longer than %(max)d characters.": _l("Panjang maksimal %(max)d karakter."),
    "Number must be at least %(min)s.": _l("Angka minimal %(min)s."),
    "Number must be at most %(max)s.": _l("Angka maksimal %(max)s."),
    "Number must be between %(min)s and %(max)s.": _l("Angka harus antara %(min)s dan %(max)s."),
    "Not a valid choice.": _l("Pilihan tidak valid."),
    "'%(value)s' is not a valid choice for this field.": _l(
        "'%(value)s' bukan pilihan yang valid."
    ),
    "Invalid Choice(s): one or more data inputs could not be coerced.": _l("Pilihan tidak valid."),
    "Field must be equal to %(other_name)s.": _l("Isian harus sama dengan %(other_name)s."),
    "The CSRF token is missing.": _l("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."),
    "The CSRF token has expired.": _l("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."),
    "The CSRF token is invalid.": _l("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."),
    "The CSRF tokens do not match.": _l("Formulir kedaluwarsa; muat ulang halaman lalu coba lagi."),
}


class _Translations:
    def gettext(self, text: str) -> str:
        translated = MESSAGES.get(text)
        return str(translated) if translated is not None else text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class _Meta:
    def get_translations(self, form):
        return _Translations()


class BaseForm(FlaskForm):
    """A Flask-WTF form (CSRF-protected) with translated validation messages."""

    class Meta(_Meta):
        pass


class BaseSubForm(Form):
    """A nested form (inside ``FormField``), with translated messages."""

    class Meta(_Meta):
        pass
