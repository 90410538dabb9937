"""Form pieces shared by the consultant, partner and MSME pages, and the
conversion between forms and exchange-format records."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from matcher import codes

from .forms_base import BaseForm as FlaskForm
from .forms_base import BaseSubForm
from .i18n import code_label
from .services.exchange import (
    EMAIL_MAX,
    NAME_MAX,
    NEED_TEXT_MAX,
    PHONE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    DocumentRejected,
    flat_columns,
)
from .services.exchange_schema import MsmeRecord, OfferingRecord


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def opts(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


def choices(table: str, blank: str | None = None) -> list[tuple[str, str]]:
    from .i18n import TABLES

    options = [(code, code_label(code, table)) for code in TABLES[table]]
    return ([("", blank)] if blank is not None else []) + options


def region_choices(wide: bool = True) -> list[tuple[str, str]]:
    options = [(code, name) for code, name in codes.REGENCIES.items()]
    if wide:
        options = [
            (codes.PROVINCE, codes.PROVINCE_NAME),
            (codes.NATIONAL, codes.NATIONAL_NAME),
        ] + options
    return options


def split_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").replace(",", ";").split(";") if part.strip()]


class NeedForm(BaseSubForm):
    field = SelectField(_l("Bidang"), validators=[Optional()])
    priority = SelectField(
        _l("Prioritas"),
        choices=opts(
            [
                ("1", _l("1 – paling mendesak")),
                ("2", _l("2 – sedang")),
                ("3", _l("3 – bisa menunggu")),
            ]
        ),
        default="2",
    )
    description = TextAreaField(
        _l("Kebutuhan, dengan kata-kata sendiri"),
        validators=[Optional(), Length(max=NEED_TEXT_MAX)],
    )


class ContactMixin:
    contact_person = StringField(_l("Nama kontak"), validators=[Optional(), Length(max=NAME_MAX)])
    contact_phone = StringField(
        _l("Telepon/WhatsApp"), validators=[Optional(), Length(max=PHONE_MAX)]
    )
    contact_email = StringField(_l("E-mail"), validators=[Optional(), Length(max=EMAIL_MAX)])


class MsmeForm(ContactMixin, FlaskForm):
    name = StringField(_l("Nama usaha"), validators=[DataRequired(), Length(max=NAME_MAX)])
    legal_form = SelectField(_l("Bentuk usaha"))
    nib = StringField(_l("NIB (13 angka)"), validators=[Optional()])
    regency = SelectField(_l("Kabupaten/kota"), validators=[DataRequired()])
    sector = SelectField(_l("Sektor"), validators=[Optional()])
    commodities = StringField(_l("Komoditas/produk"), validators=[Optional()])
    scale = SelectField(_l("Skala usaha"), validators=[Optional()])
    business_capital_idr = IntegerField(
        _l("Modal usaha tanpa tanah dan bangunan (Rp)"), validators=[Optional(), NumberRange(min=0)]
    )
    annual_turnover_idr = IntegerField(
        _l("Omzet per tahun (Rp)"), validators=[Optional(), NumberRange(min=0)]
    )
    employees = IntegerField(_l("Jumlah tenaga kerja"), validators=[Optional(), NumberRange(min=0)])
    founded_year = IntegerField(_l("Tahun berdiri"), validators=[Optional()])
    certifications = MultiCheckboxField(_l("Sertifikat dan izin yang sudah dimiliki"))
    description = TextAreaField(_l("Tentang usaha"), validators=[Optional(), Length(max=TEXT_MAX)])
    needs = FieldList(FormField(NeedForm), min_entries=3, max_entries=6)

    def set_choices(self) -> None:
        self.legal_form.choices = opts(choices("legal_form"))
        self.regency.choices = opts([("", _l("– pilih –"))] + region_choices(wide=False))
        self.sector.choices = opts(choices("sector", blank=_l("– turunkan dari komoditas –")))
        self.scale.choices = opts(choices("scale", blank=_l("– hitung dari omzet/modal –")))
        self.certifications.choices = opts(choices("certification"))
        for entry in self.needs:
            entry.form.field.choices = opts(choices("field", blank=_l("– tidak ada –")))

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "name": self.name.data or "",
            "legal_form": self.legal_form.data,
            "regency": self.regency.data or "",
            "commodities": split_list(self.commodities.data),
            "certifications": list(self.certifications.data or []),
            "needs": [
                {
                    "field": n.form.field.data,
                    "priority": int(n.form.priority.data or 2),
                    "description": (n.form.description.data or "").strip(),
                }
                for n in self.needs
                if n.form.field.data
            ],
        }
        optional = {
            "nib": self.nib.data,
            "sector": self.sector.data,
            "scale": self.scale.data,
            "business_capital_idr": self.business_capital_idr.data,
            "annual_turnover_idr": self.annual_turnover_idr.data,
            "employees": self.employees.data,
            "founded_year": self.founded_year.data,
            "description": self.description.data,
        }
        record.update({k: v for k, v in optional.items() if v not in (None, "")})
        contact = contact_from(self)
        if contact:
            record["contact"] = contact
        return record

    def fill(self, msme) -> None:
        for name in (
            "name",
            "legal_form",
            "nib",
            "regency",
            "sector",
            "scale",
            "business_capital_idr",
            "annual_turnover_idr",
            "employees",
            "founded_year",
            "description",
            "contact_person",
            "contact_phone",
            "contact_email",
        ):
            getattr(self, name).data = getattr(msme, name)
        self.commodities.data = "; ".join(msme.commodities or [])
        self.certifications.data = list(msme.certifications or [])
        while len(self.needs) < max(3, len(msme.needs)):
            self.needs.append_entry()
        for entry, need in zip(self.needs, msme.needs, strict=False):
            entry.form.field.data = need.field
            entry.form.priority.data = str(need.priority)
            entry.form.description.data = need.description


def contact_from(form) -> dict[str, str]:
    contact = {
        "person": form.contact_person.data,
        "phone": form.contact_phone.data,
        "email": form.contact_email.data,
    }
    return {k: v.strip() for k, v in contact.items() if v and v.strip()}


class OfferingForm(FlaskForm):
    field = SelectField(_l("Bidang konsultasi yang dilayani"))
    title = StringField(_l("Judul layanan"), validators=[DataRequired(), Length(max=TITLE_MAX)])
    description = TextAreaField(_l("Penjelasan"), validators=[Optional(), Length(max=TEXT_MAX)])
    commodities = StringField(_l("Komoditas yang diutamakan"), validators=[Optional()])
    sectors = MultiCheckboxField(_l("Sektor yang diutamakan"))
    regions = MultiCheckboxField(_l("Wilayah layanan"))
    eligible_scales = MultiCheckboxField(_l("Hanya untuk skala usaha"))
    eligible_legal_forms = MultiCheckboxField(_l("Hanya untuk bentuk usaha"))
    eligible_certifications = MultiCheckboxField(_l("Sertifikat yang wajib dimiliki"))
    capacity = IntegerField(
        _l("Kuota (tempat tersedia)"), validators=[Optional(), NumberRange(min=0)]
    )
    valid_until = DateField(_l("Berlaku sampai"), validators=[Optional()])

    def set_choices(self) -> None:
        self.field.choices = opts(choices("field"))
        self.sectors.choices = opts(choices("sector"))
        self.regions.choices = opts(region_choices())
        self.eligible_scales.choices = opts(choices("scale"))
        self.eligible_legal_forms.choices = opts(choices("legal_form"))
        self.eligible_certifications.choices = opts(choices("certification"))

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "field": self.field.data,
            "title": self.title.data or "",
            "commodities": split_list(self.commodities.data),
            "sectors": list(self.sectors.data or []),
            "regions": list(self.regions.data or []),
            "eligibility": {
                k: v
                for k, v in {
                    "scales": list(self.eligible_scales.data or []),
                    "legal_forms": list(self.eligible_legal_forms.data or []),
                    "certifications": list(self.eligible_certifications.data or []),
                }.items()
                if v
            },
        }
        if self.description.data:
            record["description"] = self.description.data
        if self.capacity.data is not None:
            record["capacity"] = self.capacity.data
        if self.valid_until.data:
            record["valid_until"] = self.valid_until.data.isoformat()
        return record

    def fill(self, offering) -> None:
        for name in (
            "field",
            "title",
            "description",
            "sectors",
            "regions",
            "eligible_scales",
            "eligible_legal_forms",
            "eligible_certifications",
            "capacity",
            "valid_until",
        ):
            getattr(self, name).data = getattr(offering, name)
        self.commodities.data = "; ".join(offering.commodities or [])


# Paths reported by validation inside a nested object (``contact.phone``) belong
# to the form field named like the flat column (``contact_phone``).
_PATH_ALIASES = {
    ".".join(path): column
    for model in (MsmeRecord, OfferingRecord)
    for column, path in flat_columns(model).items()
    if len(path) == 2
}


def validate_all(form, check) -> tuple[bool, list[str]]:
    """Run the form's own validators and the exchange-format rules (``check``
    raises ``DocumentRejected``), so a user sees every problem at once.

    Returns (valid, problems that belong to no field).
    """
    valid = form.validate()
    try:
        check(form.to_record())
    except DocumentRejected as exc:
        return False, show_problems(form, exc)
    return valid, []


def show_problems(form, exc: DocumentRejected) -> list[str]:
    """Put each validation problem next to its field; return the ones without a field."""
    leftovers = []
    for problem in exc.problems:
        path = problem.path
        base = path.split("[")[0] if not path.startswith("needs[") else path
        base = _PATH_ALIASES.get(base, base)
        target = None
        if path.startswith("needs["):
            index = int(path[6 : path.index("]")])
            rest = path[path.index("]") + 2 :] or "field"
            needs = [n for n in form.needs if n.form.field.data]
            if index < len(needs):
                target = getattr(needs[index].form, rest.split(".")[0], None)
        else:
            target = getattr(form, base, None)
        if target is not None and hasattr(target, "errors"):
            if not isinstance(target.errors, list):
                target.errors = list(target.errors)
            if target.errors:
                continue  # the form's own validator already said what is wrong
            # str(): a lazy translation counts as safe markup in Jinja, and the
            # message quotes what the user typed.
            target.errors.append(str(problem.message))
        else:
            leftovers.append(str(problem))
    return leftovers


def _int_or_none(value):
    return int(value) if value not in (None, "", "None") else None


class MilestoneForm(FlaskForm):
    field = SelectField(_l("Bidang"))
    title = StringField(_l("Tonggak"), validators=[DataRequired(), Length(max=300)])
    measure = StringField(_l("Ukuran keberhasilan"), validators=[Optional(), Length(max=500)])
    indicator = StringField(_l("Indikator"), validators=[Optional(), Length(max=200)])
    unit = StringField(_l("Satuan"), validators=[Optional(), Length(max=50)])
    baseline = DecimalField(_l("Nilai awal"), validators=[Optional()])
    target_value = DecimalField(_l("Nilai target"), validators=[Optional()])
    current_value = DecimalField(_l("Nilai saat ini"), validators=[Optional()])
    start_date = DateField(_l("Mulai"), validators=[Optional()])
    due_date = DateField(_l("Tenggat"), validators=[DataRequired()])
    consultant_id = SelectField(_l("Konsultan penanggung jawab"), coerce=_int_or_none)
    counterpart = StringField(
        _l("Penanggung jawab di UMKM"), validators=[Optional(), Length(max=200)]
    )
    follows_id = SelectField(_l("Melanjutkan tonggak"), coerce=_int_or_none)
    status = SelectField(_l("Status"))
    accept_warnings = BooleanField(_l("Simpan walau ada peringatan"))


class MilestoneUpdateForm(FlaskForm):
    on_date = DateField(_l("Tanggal"), validators=[DataRequired()])
    value = DecimalField(_l("Nilai tercapai"), validators=[Optional()])
    note = TextAreaField(_l("Catatan"), validators=[DataRequired(), Length(max=2000)])


def msme_form_record(msme) -> tuple[MsmeForm, dict | None, list[str]]:
    """The MSME form, filled from ``msme`` on GET; on a valid POST also the
    exchange record it describes, for the caller to save in its unit of work.

    Returns the form, the record (``None`` unless a valid form was submitted)
    and the problems that belong to no field.
    """
    from flask import request

    from .services import records

    form = MsmeForm()
    if msme is not None and request.method == "GET":
        form.fill(msme)
    form.set_choices()
    if not form.is_submitted():
        return form, None, []
    valid, leftovers = validate_all(form, records.check_msme)
    if not valid:
        return form, None, leftovers
    return form, form.to_record(), []
