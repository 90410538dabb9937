"""Validation and normalisation of exchange-format (jejaring/1) documents.

``validate_document`` checks a parsed JSON document against the contract in
``docs/exchange-format.md`` and returns plain dicts keyed like the database
columns, with regencies resolved to BPS codes, phones in E.164, and scale and
sector derived where absent. Every problem in the document is collected, each
with its path (``msmes[3].needs[0].field``), and raised together as
``DocumentRejected``: a caller never sees half a document.

The records themselves (keys, types, codes, bounds) are defined once, in
``exchange_schema``: ``compile_rules`` reads each record's fields into checks
(``RECORD_RULES``), and this module adds only what a schema cannot say, in the
``_finish_*`` functions and the document-wide checks (unique ids). It is the
one validator: file and spreadsheet import, the API, the forms (through
``records``) and ``seeds/check_demo.py`` use it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import phonenumbers
from flask_babel import Domain
from pydantic import BaseModel

from matcher import codes

# The bounds and records of the format are defined once, in ``exchange_schema``;
# they are imported here under their old names for the modules that use them.
from .exchange_schema import (  # noqa: F401 - re-exported
    AMOUNT_MAX,
    CODES_MAX,
    COMMODITIES_MAX,
    COUNT_MAX,
    EMAIL_MAX,
    EMAIL_RE,
    ID_MAX,
    ID_RE,
    ITEM_MAX,
    JSON_DEPTH_MAX,
    MSME_ID_PREFIX,
    NAME_MAX,
    NEED_TEXT_MAX,
    NEEDS_MAX,
    OFFERINGS_MAX,
    PHONE_MAX,
    PROBLEMS_SHOWN,
    REGIONS_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Check,
    Contact,
    Eligibility,
    ExchangeDocument,
    FlowRecord,
    MsmeRecord,
    NeedRecord,
    OfferingRecord,
    PartnerRecord,
    Volume,
)

# Messages are English in the source and translated to Bahasa Indonesia in
# their own catalogue domain ("exchange"), so that forms show them in the
# reader's language while command-line reports stay English for other tools.
_DOMAIN = Domain(
    translation_directories=str(Path(__file__).resolve().parent.parent / "translations"),
    domain="exchange",
)


def _t(msgid: str, **values):
    return _DOMAIN.lazy_gettext(msgid, **values)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# NUL and other C0 controls except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input document: where, and why."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentRejected(Exception):  # noqa: N818 - it is an outcome, not a bug
    """A document failed validation; ``problems`` lists every bad record."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        """The problems as text: the first ``PROBLEMS_SHOWN``, then how many more."""
        lines = [f"{len(self.problems)} problem(s) found; nothing was imported:"]
        lines += [f"  - {problem}" for problem in self.problems[:PROBLEMS_SHOWN]]
        if len(self.problems) > PROBLEMS_SHOWN:
            lines.append(f"  ... and {len(self.problems) - PROBLEMS_SHOWN} more problem(s)")
        return "\n".join(lines)


class _Shown:
    """A value quoted in a message, its ``repr`` cut short: a report must stay
    small however large the bad value was."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        try:
            text = repr(self.value)
        except RecursionError:
            return "<deeply nested value>"
        return text if len(text) <= 80 else text[:76] + " ..."


def nesting_too_deep(doc: Any, limit: int = JSON_DEPTH_MAX) -> bool:
    """Whether arrays and objects in ``doc`` nest more than ``limit`` levels
    (walked without recursion, so any depth is safe to check)."""
    if not isinstance(doc, dict | list):
        return False
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def too_deep() -> Problem:
    """The problem reported for JSON nested deeper than the format allows."""
    return Problem(
        "$", _t("arrays and objects are nested more than %(max)s levels deep", max=JSON_DEPTH_MAX)
    )


@dataclass
class ValidatedDocument:
    msmes: list[dict[str, Any]] = field(default_factory=list)
    partners: list[dict[str, Any]] = field(default_factory=list)


class _Checker:
    """Collects problems while reading one record's values."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def keys(self, obj: Any, allowed: set[str], path: str, required: tuple[str, ...] = ()) -> bool:
        if not isinstance(obj, dict):
            self.add(path, _t("must be an object"))
            return False
        for key in obj:
            if key not in allowed:
                self.add(f"{path}.{str(key)[:80]}", _t("unknown key '%(key)s'", key=str(key)[:80]))
        for key in required:
            if obj.get(key) in (None, ""):
                self.add(f"{path}.{key}", _t("is required"))
        return True

    def text(self, obj: dict, key: str, path: str, max_len: int, required: bool = False):
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            self.add(f"{path}.{key}", _t("must be a string"))
            return None
        if _CONTROL.search(value):
            self.add(f"{path}.{key}", _t("must not contain control characters"))
            return None
        value = value.strip()
        if required and not value:
            if obj[key] != "":  # only spaces; "" is reported by keys()
                self.add(f"{path}.{key}", _t("is required"))
            return None
        if len(value) > max_len:
            self.add(
                f"{path}.{key}",
                _t("is too long (%(n)s characters, at most %(max)s)", n=len(value), max=max_len),
            )
            return None
        return value or None

    def identifier(self, obj: dict, key: str, path: str, owner_kind: str = "msme"):
        """An external id: ``ID_RE``; partner and offering ids never start like an MSME's."""
        value = self.text(obj, key, path, ID_MAX, required=True)
        if value is None:
            return None
        if not ID_RE.match(value):
            self.add(
                f"{path}.{key}",
                _t(
                    "%(value)r is not a valid id: use 1 to %(max)s letters, digits, '-', '_' or "
                    "'.' (not dots only)",
                    value=_Shown(value),
                    max=ID_MAX,
                ),
            )
            return None
        if owner_kind != "msme" and value.upper().startswith(MSME_ID_PREFIX):
            self.add(
                f"{path}.{key}",
                _t(
                    "%(value)r must not start with %(prefix)r, the prefix of MSME ids",
                    value=value,
                    prefix=MSME_ID_PREFIX,
                ),
            )
            return None
        return value

    def counted(self, obj: dict, key: str, path: str, max_items: int) -> list | None:
        """The list at ``key`` (``None`` when absent or not a list, reported), refused
        whole when it has more than ``max_items`` entries: its entries are not read."""
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            self.add(f"{path}.{key}", _t("must be a list"))
            return None
        if len(value) > max_items:
            self.add(
                f"{path}.{key}",
                _t("has %(n)s entries, at most %(max)s", n=len(value), max=max_items),
            )
            return None
        return value

    def integer(
        self, obj: dict, key: str, path: str, minimum: int | None = 0, maximum: int | None = None
    ):
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{path}.{key}", _t("must be a whole number"))
            return None
        if minimum is not None and value < minimum:
            message = (
                _t("must not be negative (got %(value)s)", value=value)
                if minimum == 0
                else _t("must not be below %(min)s (got %(value)s)", min=minimum, value=value)
            )
            self.add(f"{path}.{key}", message)
            return None
        if maximum is not None and value > maximum:
            self.add(
                f"{path}.{key}",
                _t("must be at most %(max)s (got %(value)s)", max=maximum, value=value),
            )
            return None
        return value

    def code(self, obj: dict, key: str, path: str, table: dict, what: str):
        value = obj.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in table:
            self.add(f"{path}.{key}", _unknown(what, value, table))
            return None
        return value

    def code_list(
        self, obj: dict, key: str, path: str, table: dict, what: str, max_items: int = CODES_MAX
    ) -> list[str]:
        values = self.string_list(obj, key, path, max_items)
        result = []
        for i, value in enumerate(values):
            if value not in table:
                self.add(f"{path}.{key}[{i}]", _unknown(what, value, table))
            elif value not in result:
                result.append(value)
        return result

    def string_list(self, obj: dict, key: str, path: str, max_items: int) -> list[str]:
        value = self.counted(obj, key, path, max_items)
        if value is None:
            return []
        result = []
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.add(f"{path}.{key}[{i}]", _t("must be a non-empty string"))
            elif _CONTROL.search(item):
                self.add(f"{path}.{key}[{i}]", _t("must not contain control characters"))
            elif len(item) > ITEM_MAX:
                self.add(
                    f"{path}.{key}[{i}]",
                    _t("is too long (at most %(max)s characters)", max=ITEM_MAX),
                )
            else:
                result.append(" ".join(item.split()))
        return result

    def regions(self, obj: dict, key: str, path: str, max_items: int = REGIONS_MAX) -> list[str]:
        result = []
        for i, item in enumerate(self.string_list(obj, key, path, max_items)):
            region = codes.resolve_region(item)
            if region is None:
                self.add(
                    f"{path}.{key}[{i}]",
                    _t(
                        "%(value)r is not close to any of the fourteen regencies of Kalimantan "
                        "Barat, 'Kalimantan Barat' or 'Indonesia'",
                        value=item,
                    ),
                )
            elif region not in result:
                result.append(region)
        return result


_KINDS = {
    "field": _t("field"),
    "sector": _t("sector"),
    "scale": _t("scale"),
    "legal form": _t("legal form"),
    "certification": _t("certification"),
    "partner type": _t("partner type"),
    "unit": _t("unit"),
    "period": _t("period"),
    "MSME": _t("MSME"),
    "partner": _t("partner"),
    "offering": _t("offering"),
}


def _unknown(what: str, value: Any, table: dict):
    return _t(
        "unknown %(what)s %(value)r; expected one of: %(choices)s",
        what=_KINDS[what],
        value=_Shown(value),
        choices=", ".join(table),
    )


def normalise_phone(text: str) -> str | None:
    """Indonesian phone number in E.164 (``0812…`` becomes ``+62812…``)."""
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _taxonomy():
    from matcher.commodities import default_taxonomy

    return default_taxonomy()


# -- the records, compiled from ``exchange_schema`` --------------------------------
_ASK = object()  # Rule.absent: the handler decides what an absent key means


@dataclass(frozen=True, slots=True)
class Rule:
    """How one key of a record is checked, read off its field in the schema."""

    key: str
    handler: Any  # handler(chk, raw, rule, path, rec) puts the value(s) in rec
    absent: Any = None  # the value of an absent key (``list``: a new empty one), or _ASK
    required: bool = False
    default: Any = None
    what: str | None = None  # a code table's name in messages
    table: dict | None = None  # the codes, in their documented order
    max_len: int | None = None  # text
    minimum: int | None = None  # numbers
    maximum: int | None = None
    max_items: int | None = None  # lists
    model: Any = None  # nested record(s)
    owner: str = "msme"  # whose external id


@dataclass(frozen=True, slots=True)
class RecordRules:
    allowed: frozenset[str]
    required: tuple[str, ...]
    rules: tuple[Rule, ...]
    steps: tuple[tuple[str, Any, Any, Rule], ...]  # (key, handler, absent, rule): the loop's


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """``annotation`` without ``Annotated`` layers and ``| None``, and the
    metadata found on the way (pydantic's ``FieldInfo`` opened up)."""
    from pydantic.fields import FieldInfo

    metadata = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata += extra
        elif origin in (Union, UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                break  # a choice of types (a regency's name or code): its Check says how
            annotation = members[0]
        else:
            break
    flat = []
    for item in metadata:
        flat += item.metadata if isinstance(item, FieldInfo) else [item]
    return annotation, flat


def _constraint(metadata: list, name: str) -> Any:
    for item in metadata:
        value = getattr(item, name, None)
        if value is not None:
            return value
    return None


def _rule(model: Any, key: str, info: Any) -> Rule:
    annotation, metadata = _unwrap(info.annotation, info.metadata)
    check = next((m for m in metadata if isinstance(m, Check)), None)
    common = {
        "key": key,
        "required": info.is_required(),
        "owner": model.owner,
        "default": None if info.is_required() else info.default,
        "max_len": _constraint(metadata, "max_length"),
        "minimum": _constraint(metadata, "ge"),
        "maximum": _constraint(metadata, "le"),
    }
    if get_origin(annotation) is list:  # a list's max_length counts entries
        common["max_items"], common["max_len"] = common["max_len"], None
    if check is not None and check.kind == "code":
        return Rule(
            handler=_code, what=check.what, table=dict.fromkeys(get_args(annotation)), **common
        )
    if check is not None:
        return Rule(handler=_HANDLERS[check.kind], **common)
    if get_origin(annotation) is list:
        item, item_meta = _unwrap(get_args(annotation)[0], [])
        item_check = next((m for m in item_meta if isinstance(m, Check)), None)
        if item_check is not None and item_check.kind == "code":
            return Rule(
                handler=_code_list,
                what=item_check.what,
                table=dict.fromkeys(get_args(item)),
                **common,
            )
        if item_check is not None and item_check.kind == "item":
            return Rule(handler=_strings, **common)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return Rule(handler=_record_list, model=item, **common)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Rule(handler=_nested, model=annotation, **common)
    raise TypeError(
        f"{model.__name__}.{key}: no exchange check for {info.annotation!r}; "
        f"mark its type with a Check"
    )


def _absent(rule: Rule) -> Rule:
    """``rule`` knowing what an absent key is worth without running its check."""
    if rule.handler in (_code_list, _strings, _regions):
        value = list
    elif rule.handler is _priority:
        value = rule.default
    elif rule.handler is _nested:
        value = _ASK
    else:  # every other check reads an absent key as None
        value = None
    return replace(rule, absent=value)


def compile_rules(model: Any) -> RecordRules:
    """The checks of every key of ``model`` (a record of ``exchange_schema``)."""
    rules = tuple(_absent(_rule(model, key, info)) for key, info in model.model_fields.items())
    return RecordRules(
        allowed=frozenset(model.model_fields),
        required=tuple(r.key for r in rules if r.required),
        rules=rules,
        steps=tuple((r.key, r.handler, r.absent, r) for r in rules),
    )


def _text(chk, raw, rule, path, rec):
    rec[rule.key] = chk.text(raw, rule.key, path, rule.max_len, required=rule.required)


def _identifier(chk, raw, rule, path, rec):
    rec[rule.key] = chk.identifier(raw, rule.key, path, rule.owner)


def _integer(chk, raw, rule, path, rec):
    rec[rule.key] = chk.integer(raw, rule.key, path, minimum=rule.minimum, maximum=rule.maximum)


def _year(chk, raw, rule, path, rec):
    rec[rule.key] = chk.integer(
        raw, rule.key, path, minimum=rule.minimum, maximum=dt.date.today().year
    )


def _quantity(chk, raw, rule, path, rec):
    """A positive number (whole or decimal) up to the rule's maximum."""
    value = raw.get(rule.key)
    rec[rule.key] = None
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        chk.add(f"{path}.{rule.key}", _t("must be a number"))
    elif value <= 0:
        chk.add(f"{path}.{rule.key}", _t("must be more than 0 (got %(value)s)", value=value))
    elif rule.maximum is not None and value > rule.maximum:
        chk.add(
            f"{path}.{rule.key}",
            _t("must be at most %(max)s (got %(value)s)", max=rule.maximum, value=value),
        )
    else:
        rec[rule.key] = int(value) if float(value).is_integer() else float(value)


def _code(chk, raw, rule, path, rec):
    rec[rule.key] = chk.code(raw, rule.key, path, rule.table, rule.what)


def _code_list(chk, raw, rule, path, rec):
    rec[rule.key] = chk.code_list(raw, rule.key, path, rule.table, rule.what, rule.max_items)


def _strings(chk, raw, rule, path, rec):
    rec[rule.key] = chk.string_list(raw, rule.key, path, rule.max_items)


def _regions(chk, raw, rule, path, rec):
    rec[rule.key] = chk.regions(raw, rule.key, path, rule.max_items)


def _nib(chk, raw, rule, path, rec):
    nib = raw.get(rule.key)
    rec[rule.key] = None
    if nib is None:
        return
    if isinstance(nib, str) and re.fullmatch(r"\d{13}", nib.strip()):
        rec[rule.key] = nib.strip()
    else:
        chk.add(
            f"{path}.{rule.key}",
            _t("NIB must be a string of 13 digits (got %(value)r)", value=_Shown(nib)),
        )


def _regency(chk, raw, rule, path, rec):
    regency = raw.get(rule.key)
    rec[rule.key] = None
    if regency in (None, ""):
        return  # reported as required
    code = (
        codes.resolve_regency(regency)
        if isinstance(regency, (str, int)) and not isinstance(regency, bool)
        else None
    )
    if code is None:
        chk.add(
            f"{path}.{rule.key}",
            _t(
                "%(value)r is not close to any of the fourteen regencies of Kalimantan Barat",
                value=_Shown(regency),
            ),
        )
    rec[rule.key] = code


def _priority(chk, raw, rule, path, rec):
    priority = raw.get(rule.key)
    if priority is None:
        priority = rule.default
    if isinstance(priority, bool) or priority not in (1, 2, 3):
        chk.add(
            f"{path}.{rule.key}", _t("must be 1, 2 or 3 (got %(value)r)", value=_Shown(priority))
        )
    rec[rule.key] = priority


def _date(chk, raw, rule, path, rec):
    value = raw.get(rule.key)
    rec[rule.key] = None
    if value is None:
        return
    try:
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise ValueError(value)  # fromisoformat alone takes "20271231" and weeks too
        rec[rule.key] = dt.date.fromisoformat(value)
    except ValueError:
        chk.add(
            f"{path}.{rule.key}",
            _t("must be an ISO date YYYY-MM-DD (got %(value)r)", value=_Shown(value)),
        )


def _nested(chk, raw, rule, path, rec):
    """An object inside a record (contact, eligibility), stored flat: its keys
    become columns named with the model's ``flat_prefix`` (``contact_phone``)."""
    value = raw.get(rule.key)
    inner = None
    if value is not None:
        inner = check_record(chk, value, rule.model, f"{path}.{rule.key}")
    if inner is None:  # absent, or not an object (reported): every key empty
        inner = check_record(chk, {}, rule.model, f"{path}.{rule.key}")
    prefix = rule.model.flat_prefix
    for key, item in inner.items():
        rec[prefix + key] = item


def _record_list(chk, raw, rule, path, rec):
    """A list of records (needs, offerings): ``None`` when absent, so that the
    importer leaves the stored ones alone."""
    if raw.get(rule.key) is None:
        rec[rule.key] = None
        return
    items = chk.counted(raw, rule.key, path, rule.max_items)
    result = []
    for j, item in enumerate(items or ()):
        ipath = f"{path}.{rule.key}[{j}]"
        checked = check_record(chk, item, rule.model, ipath)
        if checked is not None:
            if rule.model in _LOCATED:
                checked["_path"] = ipath
            result.append(checked)
    rec[rule.key] = result


_HANDLERS = {
    "text": _text,
    "identifier": _identifier,
    "integer": _integer,
    "year": _year,
    "nib": _nib,
    "regency": _regency,
    "priority": _priority,
    "date": _date,
    "regions": _regions,
    "item": _text,
    "quantity": _quantity,
}


# -- rules of one record that no single key says --------------------------------
def _finish_msme(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    rec["legal_form"] = rec["legal_form"] or "individual"
    try:
        derived = codes.derive_scale(rec["annual_turnover_idr"], rec["business_capital_idr"])
    except ValueError:
        field_name = (
            "annual_turnover_idr"
            if rec["annual_turnover_idr"] is not None
            else "business_capital_idr"
        )
        limit = "Rp50 miliar" if field_name == "annual_turnover_idr" else "Rp10 miliar"
        chk.add(
            f"{path}.{field_name}",
            _t(
                "above the medium-enterprise limit (%(limit)s): not an MSME under PP 7/2021",
                limit=limit,
            ),
        )
        derived = None
    if rec["scale"] is None:
        rec["scale"] = derived
    if rec["sector"] is None and rec["commodities"]:
        rec["sector"] = _taxonomy().derive_business_sector(
            rec["commodities"], rec.get("description") or ""
        )


def _finish_need(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    rec["description"] = rec["description"] or ""


def _finish_contact(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    phone = rec["phone"]
    if phone is not None:
        rec["phone"] = normalise_phone(phone)
        if rec["phone"] is None:
            chk.add(f"{path}.phone", _t("%(value)r is not a phone number", value=phone))
    email = rec["email"]
    if email is not None:
        if EMAIL_RE.match(email):
            rec["email"] = email.lower()
        else:
            chk.add(f"{path}.email", _t("%(value)r is not an e-mail address", value=email))
            rec["email"] = None


def _finish_flow(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    """The commodity becomes the taxonomy's name for it (typos forgiven); a
    quantity needs its unit."""
    if rec["commodity"] is not None:
        found = _taxonomy().resolve(rec["commodity"])
        if found is None:
            chk.add(
                f"{path}.commodity",
                _t(
                    "%(value)r is not close to any commodity Jejaring knows",
                    value=_Shown(rec["commodity"]),
                ),
            )
        else:
            rec["commodity"] = found.commodity.name
    if rec["quantity"] is not None and rec["unit"] is None and "unit" not in raw:
        chk.add(f"{path}.unit", _t("is required with a quantity"))
    for key in [key for key, value in rec.items() if value is None]:
        del rec[key]  # stored and exported as written: only the keys given


def _finish_volume(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    """A volume is a quantity, a unit and a period, all three or none."""
    if isinstance(raw, dict) and raw:
        for key in ("quantity", "unit", "period"):
            if key not in raw:
                chk.add(f"{path}.{key}", _t("is required"))


def _finish_partner(chk: _Checker, raw: dict, path: str, rec: dict) -> None:
    if "regions" not in raw:
        rec["regions"] = [codes.PROVINCE]


# Records that keep their path (``_path``) for checks across the document.
_LOCATED = {OfferingRecord}
_FINISH = {
    MsmeRecord: _finish_msme,
    NeedRecord: _finish_need,
    Contact: _finish_contact,
    PartnerRecord: _finish_partner,
    FlowRecord: _finish_flow,
    Volume: _finish_volume,
}
RECORD_RULES: dict[Any, RecordRules] = {
    model: compile_rules(model)
    for model in (
        MsmeRecord,
        NeedRecord,
        Contact,
        PartnerRecord,
        OfferingRecord,
        Eligibility,
        FlowRecord,
        Volume,
    )
}


def flat_columns(model: Any) -> dict[str, tuple[str, ...]]:
    """The keys of ``model`` as flat columns (a spreadsheet's, the database's),
    ``external_id`` first: ``{column: path in the record}``, so that
    ``contact_phone`` is ``("contact", "phone")``. Lists of records (needs,
    offerings) have sheets of their own and are left out."""
    columns: dict[str, tuple[str, ...]] = {}
    rules = sorted(RECORD_RULES[model].rules, key=lambda r: r.key != "external_id")
    for rule in rules:
        if rule.handler is _nested:
            for inner in RECORD_RULES[rule.model].rules:
                columns[rule.model.flat_prefix + inner.key] = (rule.key, inner.key)
        elif rule.handler is not _record_list:
            columns[rule.key] = (rule.key,)
    return columns


def column_kinds(model: Any) -> dict[str, str]:
    """``"list"``, ``"int"``, ``"number"`` or ``"text"`` for each of ``flat_columns(model)``."""
    kinds = {}
    rules = {r.key: r for r in RECORD_RULES[model].rules}
    for column, path in flat_columns(model).items():
        rule = rules[path[0]]
        if len(path) == 2:
            rule = next(r for r in RECORD_RULES[rule.model].rules if r.key == path[1])
        kinds[column] = (
            "list"
            if rule.max_items is not None
            else "int"
            if rule.handler in (_integer, _year, _priority)
            else "number"
            if rule.handler is _quantity
            else "text"
        )
    return kinds


def check_record(chk: _Checker, raw: Any, model: Any, path: str) -> dict[str, Any] | None:
    """Check one record of ``model`` at ``path``; problems go to ``chk``.

    Returns the record keyed like the database columns (``None`` when it is
    not even an object)."""
    rules = RECORD_RULES[model]
    if not chk.keys(raw, rules.allowed, path, rules.required):
        return None
    rec: dict[str, Any] = {}
    for key, handler, absent, rule in rules.steps:
        if key in raw or absent is _ASK:
            handler(chk, raw, rule, path, rec)
        elif absent is list:  # what the handler would make of it, without asking
            rec[key] = []
        else:
            rec[key] = absent
    finish = _FINISH.get(model)
    if finish is not None:
        finish(chk, raw, path, rec)
    return rec


_TOP_KEYS = frozenset(ExchangeDocument.model_fields)


def _check_judgements(chk: _Checker, doc: dict) -> None:
    """``judgements``: ``{MSME id: {offering id: grade}}``, grades whole numbers;
    accepted and stored nowhere."""
    judgements = doc.get("judgements")
    if judgements is None:
        return
    if not isinstance(judgements, dict):
        chk.add("judgements", _t("must be an object"))
        return
    for msme_id, grades in judgements.items():
        path = f"judgements.{str(msme_id)[:80]}"
        if not isinstance(grades, dict):
            chk.add(path, _t("must be an object"))
            continue
        for offering_id, grade in grades.items():
            if isinstance(grade, bool) or not isinstance(grade, int):
                chk.add(f"{path}.{str(offering_id)[:80]}", _t("must be a whole number"))


def _records(chk: _Checker, doc: dict, key: str) -> list:
    value = doc.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        chk.add(key, _t("must be a list"))
        return []
    return value


def _check_unique(chk: _Checker, items: list[tuple[str, str | None]], what: str) -> None:
    seen: dict[str, str] = {}
    for path, external_id in items:
        if external_id is None:
            continue
        if external_id in seen:
            chk.add(
                f"{path}.external_id",
                _t(
                    "duplicate %(what)s external_id %(value)r (also at %(other)s)",
                    what=_KINDS[what],
                    value=external_id,
                    other=seen[external_id],
                ),
            )
        else:
            seen[external_id] = path


def validate_document(doc: Any) -> ValidatedDocument:
    """Validate a parsed exchange-format document; raise ``DocumentRejected``.

    Returns normalised MSME and partner records ready for the importer.
    ``needs`` or ``offerings`` is ``None`` where the key was absent (the
    importer then leaves those stored children alone).
    """
    # Only "judgements" is taken without looking inside (and stored nowhere);
    # anything else nested too deep is a wrong type or unknown key, reported as
    # such, and the parser's own limit is reported by the callers (too_deep).
    # Walking the whole document would cost a fifth of the validation's time.
    if isinstance(doc, dict) and nesting_too_deep(doc.get("judgements"), JSON_DEPTH_MAX - 1):
        raise DocumentRejected([too_deep()])
    chk = _Checker()
    if not chk.keys(doc, _TOP_KEYS, "$"):
        raise DocumentRejected(chk.problems)
    if doc.get("format") != codes.FORMAT_VERSION:
        chk.add(
            "format",
            _t(
                "must be %(expected)r (got %(value)r)",
                expected=codes.FORMAT_VERSION,
                value=_Shown(doc.get("format")),
            ),
        )
    _check_judgements(chk, doc)
    result = ValidatedDocument()
    msme_ids = []
    for i, raw in enumerate(_records(chk, doc, "msmes")):
        rec = check_record(chk, raw, MsmeRecord, f"msmes[{i}]")
        if rec is not None:
            result.msmes.append(rec)
            msme_ids.append((f"msmes[{i}]", rec["external_id"]))
    partner_ids, offering_owner = [], {}
    for i, raw in enumerate(_records(chk, doc, "partners")):
        path = f"partners[{i}]"
        rec = check_record(chk, raw, PartnerRecord, path)
        if rec is None:
            continue
        result.partners.append(rec)
        partner_ids.append((path, rec["external_id"]))
        for off in rec["offerings"] or []:
            if off["external_id"] is None:
                continue
            previous = offering_owner.get(off["external_id"])
            if previous is None:
                offering_owner[off["external_id"]] = (off["_path"], rec["external_id"])
            elif previous[1] != rec["external_id"]:
                chk.add(
                    f"{off['_path']}.external_id",
                    _t(
                        "offering id %(value)r is reused across partners (also at %(other)s, "
                        "partner %(partner)r)",
                        value=off["external_id"],
                        other=previous[0],
                        partner=previous[1],
                    ),
                )
            else:
                chk.add(
                    f"{off['_path']}.external_id",
                    _t(
                        "duplicate %(what)s external_id %(value)r (also at %(other)s)",
                        what=_KINDS["offering"],
                        value=off["external_id"],
                        other=previous[0],
                    ),
                )
    _check_unique(chk, msme_ids, "MSME")
    _check_unique(chk, partner_ids, "partner")
    if chk.problems:
        raise DocumentRejected(chk.problems)
    return result
