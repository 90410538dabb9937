"""Form pieces shared by the consultant, partner and MSME pages, and the
conversion between forms and exchange-format records."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
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
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from matcher import codes, flows

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


# One FLOW per line on the MSME form: "keladi 800 kg per bulan" (issue 16).
_FLOW_LINE = re.compile(
    r"^(?P<commodity>.+?)(?:[\s;:,]+(?P<quantity>\d+(?:[.,]\d+)*)\s*(?P<unit>[a-z]+)"
    r"(?:\s*(?:/|per|tiap|setiap)\s*(?P<period>[a-z]+))?)?\s*$",
    re.IGNORECASE,
)
_UNIT_WORDS = {
    **{u: u for u in flows.UNITS},
    **{label: u for u, (label, en) in flows.UNITS.items()},
    **{en: u for u, (label, en) in flows.UNITS.items()},
    "l": "liter",
    "kilo": "kg",
}
_PERIOD_WORDS = {
    **{p: p for p in flows.PERIODS},
    **{label: p for p, (label, en) in flows.PERIODS.items()},
}
FLOW_LINES_MAX = 20  # as exchange_schema.FLOWS_MAX


def _number(text: str) -> float | int:
    """``1.200`` (thousands) is 1200, ``1,5`` and ``1.5`` are 1.5."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    value = float(text.replace(",", "."))
    return int(value) if value.is_integer() else value


def parse_flows(text: str | None) -> list[dict[str, Any]]:
    """FLOWs from the form's lines; a line whose amount cannot be read is taken
    whole as the commodity, so that the validator names it."""
    result = []
    for line in (text or "").splitlines()[: FLOW_LINES_MAX + 1]:
        line = line.strip()
        if not line:
            continue
        match = _FLOW_LINE.match(line)
        unit = _UNIT_WORDS.get((match.group("unit") or "").lower()) if match else None
        period = (match.group("period") or "").lower() if match else ""
        if match and match.group("quantity") and unit and (not period or period in _PERIOD_WORDS):
            flow = {"commodity": match.group("commodity").strip(" ;:,"), "unit": unit}
            flow["quantity"] = _number(match.group("quantity"))
            flow["period"] = _PERIOD_WORDS.get(period, "month")
            result.append(flow)
        else:
            result.append({"commodity": line})
    return result


def format_flows(items) -> str:
    """The lines ``parse_flows`` reads back (Indonesian unit and period words)."""
    lines = []
    for flow in items or []:
        line = flow["commodity"]
        if flow.get("quantity") is not None and flow.get("unit"):
            quantity = flow["quantity"]
            number = f"{quantity:g}".replace(".", ",")
            unit = flows.UNITS[flow["unit"]][0]
            period = flows.PERIODS[flow.get("period") or "month"][0]
            line += f" {number} {unit} per {period}"
        lines.append(line)
    return "\n".join(lines)


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
    supplies = TextAreaField(
        _l("Hasil produksi yang dijual rutin"), validators=[Optional(), Length(max=4000)]
    )
    sources = TextAreaField(
        _l("Bahan baku yang dibeli rutin"), validators=[Optional(), Length(max=4000)]
    )

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
            "supplies": parse_flows(self.supplies.data),
            "sources": parse_flows(self.sources.data),
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
        self.supplies.data = format_flows(msme.supplies)
        self.sources.data = format_flows(msme.sources)
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
    # Issue 16: the regular volume a buyer takes; small producers can be pooled to meet it.
    volume_quantity = StringField(_l("Volume rutin"), validators=[Optional(), Length(max=20)])
    volume_unit = SelectField(_l("Satuan volume"), validators=[Optional()])
    volume_period = SelectField(_l("Per"), validators=[Optional()])

    def set_choices(self) -> None:
        self.volume_unit.choices = opts(
            [("", _l("– tanpa volume –"))] + [(u, label) for u, (label, _en) in flows.UNITS.items()]
        )
        self.volume_period.choices = opts(
            [("", "–")] + [(p, label) for p, (label, _en) in flows.PERIODS.items()]
        )
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
        quantity = (self.volume_quantity.data or "").strip()
        if quantity or self.volume_unit.data or self.volume_period.data:
            volume: dict[str, Any] = {}
            if quantity:
                try:
                    volume["quantity"] = _number(quantity)
                except ValueError:
                    volume["quantity"] = quantity  # the validator says it is not a number
            if self.volume_unit.data:
                volume["unit"] = self.volume_unit.data
            if self.volume_period.data:
                volume["period"] = self.volume_period.data
            record["volume"] = volume
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
        if offering.volume_quantity is not None:
            self.volume_quantity.data = f"{offering.volume_quantity:g}".replace(".", ",")
            self.volume_unit.data = offering.volume_unit
            self.volume_period.data = offering.volume_period


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


class InviteForm(FlaskForm):
    """An invitation: the account's e-mail and the name of the person it is for."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)])
    name = StringField(_l("Nama"), validators=[Optional(), Length(max=NAME_MAX)])


class StaffAccountForm(InviteForm):
    role = SelectField(_l("Peran"), validators=[DataRequired()])
    fields = MultiCheckboxField(_l("Bidang konsultasi (untuk konsultan)"))


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
