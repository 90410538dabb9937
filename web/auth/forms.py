"""Forms for logging in, setting a password and registering a partner."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from ..forms_base import BaseForm as FlaskForm
from ..forms_common import MultiCheckboxField
from ..services.accounts import PASSWORD_MAX, PASSWORD_MIN, is_common
from ..services.exchange_schema import EMAIL_MAX, NAME_MAX, PHONE_MAX, TEXT_MAX


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)])
    password = PasswordField(
        _l("Kata sandi"), validators=[DataRequired(), Length(max=PASSWORD_MAX)]
    )


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)])


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Kata sandi baru"),
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
    )
    confirm = PasswordField(
        _l("Ulangi kata sandi"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("Kedua kata sandi tidak sama.")),
        ],
    )

    def validate_password(self, field) -> None:
        if is_common(field.data or ""):
            raise ValidationError(
                _l(
                    "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang "
                    "lain, misalnya kalimat pendek yang mudah Anda ingat."
                )
            )


class LinkPasswordForm(SetPasswordForm):
    """Setting a password through a one-time link: the user may keep their API tokens."""

    keep_api_tokens = BooleanField(
        _l("Biarkan token API saya tetap berlaku (sesi di browser tetap diakhiri)"), default=False
    )


class PartnerRegistrationForm(SetPasswordForm):
    organisation = StringField(
        _l("Nama lembaga"), validators=[DataRequired(), Length(max=NAME_MAX)]
    )
    type = SelectField(_l("Jenis lembaga"), validators=[DataRequired()])
    regions = MultiCheckboxField(_l("Wilayah kerja"), validators=[DataRequired()])
    description = TextAreaField(
        _l("Tentang lembaga"), validators=[Optional(), Length(max=TEXT_MAX)]
    )
    person = StringField(
        _l("Nama penanggung jawab"), validators=[DataRequired(), Length(max=NAME_MAX)]
    )
    phone = StringField(
        _l("Nomor telepon/WhatsApp"), validators=[DataRequired(), Length(max=PHONE_MAX)]
    )
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)])


class CodeForm(FlaskForm):
    code = StringField(
        _l("Kode 6 angka dari aplikasi autentikator, atau kode pemulihan"),
        validators=[DataRequired(), Length(min=6, max=20)],
    )
