"""Validation and normalisation of exchange-format (jejaring/1) documents.

``validate_document`` checks a parsed JSON document against the contract in
``docs/exchange-format.md`` and returns plain dicts keyed like the database
columns, with regencies resolved to BPS codes, phones in E.164, and scale and
sector derived where absent. Every problem in the document is collected, each
with its path (``msmes[3].needs[0].field``), and raised together as
``DocumentRejected``: a caller never sees half a document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import phonenumbers
from flask_babel import Domain

from matcher import codes

# Messages are English in the source and translated to Bahasa Indonesia in
# their own catalogue domain ("exchange"), so that forms show them in the
# reader's language while command-line reports stay English for other tools.
_DOMAIN = Domain(translation_directories=str(Path(__file__).resolve().parent.parent
                                             / "translations"), domain="exchange")


def _t(msgid: str, **values):
    return _DOMAIN.lazy_gettext(msgid, **values)


MSME_KEYS = {
    "external_id", "name", "legal_form", "nib", "regency", "sector", "commodities", "scale",
    "business_capital_idr", "annual_turnover_idr", "employees", "founded_year",
    "certifications", "description", "needs", "contact",
}
PARTNER_KEYS = {"external_id", "name", "type", "regions", "description", "contact", "offerings"}
OFFERING_KEYS = {
    "external_id", "field", "title", "description", "commodities", "sectors", "regions",
    "eligibility", "capacity", "valid_until",
}
NEED_KEYS = {"field", "description", "priority"}
CONTACT_KEYS = {"person", "phone", "email"}
ELIGIBILITY_KEYS = {"scales", "legal_forms", "certifications"}
TOP_KEYS = {"format", "msmes", "partners", "judgements"}

# Bounds of the exchange format, in ONE place: the pydantic schemas of the API
# (``web.api.schemas_exchange``), the forms and the spreadsheet reader refer to
# these names, and README "Limits" / docs/api.md / docs/spreadsheets.md state
# them. Lengths match the database columns; lists and long texts are capped so
# that one record's cost (validation, storage, the ranking index) is bounded.
ID_MAX = 64              # external_id: letters, digits, "-", "_", "."; not dots only
NAME_MAX = 200           # names of MSMEs and partners, contact persons
TITLE_MAX = 300          # offering titles
TEXT_MAX = 5000          # descriptions of MSMEs, partners and offerings
NEED_TEXT_MAX = 1000     # one need's description
ITEM_MAX = 100           # one entry of a list (a commodity, a region name)
PHONE_MAX = 40
EMAIL_MAX = 254
COMMODITIES_MAX = 50     # commodities of one MSME or offering
NEEDS_MAX = 10           # needs of one MSME
REGIONS_MAX = 20         # regions of one partner or offering (16 distinct values exist)
CODES_MAX = 20           # sectors, certifications, eligibility lists of one record
OFFERINGS_MAX = 50       # offerings of one partner (stored and in the file together)
JSON_DEPTH_MAX = 20      # nesting of arrays and objects (the format itself needs 6)
PROBLEMS_SHOWN = 200     # a rejection report lists this many problems, then "and N more"
# at least one character that is not a dot, so never "." or ".."; length checked apart
ID_RE = re.compile(r"^[A-Za-z0-9._-]*[A-Za-z0-9_-][A-Za-z0-9._-]*$")
# Ids made in the app for MSMEs start with this; no partner or offering id may,
# so that an id alone never passes for an MSME's.
MSME_ID_PREFIX = "UMKM-"
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# NUL and other C0 controls except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
AMOUNT_MAX = 10**15  # Rupiah; far above any MSME, and within a 64-bit column
COUNT_MAX = 1_000_000


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
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, dict | list))
    return False


def too_deep() -> Problem:
    """The problem reported for JSON nested deeper than the format allows."""
    return Problem("$", _t("arrays and objects are nested more than %(max)s levels deep",
                           max=JSON_DEPTH_MAX))


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
            self.add(path, "must be an object")
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
            return None  # reported by keys()
        if len(value) > max_len:
            self.add(f"{path}.{key}", _t("is too long (%(n)s characters, at most %(max)s)",
                                            n=len(value), max=max_len))
            return None
        return value or None

    def identifier(self, obj: dict, key: str, path: str, owner_kind: str = "msme"):
        """An external id: ``ID_RE``; partner and offering ids never start like an MSME's."""
        value = self.text(obj, key, path, ID_MAX, required=True)
        if value is None:
            return None
        if not ID_RE.match(value):
            self.add(f"{path}.{key}", _t(
                "%(value)r is not a valid id: use 1 to %(max)s letters, digits, '-', '_' or "
                "'.' (not dots only)", value=_Shown(value), max=ID_MAX))
            return None
        if owner_kind != "msme" and value.upper().startswith(MSME_ID_PREFIX):
            self.add(f"{path}.{key}", _t(
                "%(value)r must not start with %(prefix)r, the prefix of MSME ids",
                value=value, prefix=MSME_ID_PREFIX))
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
            self.add(f"{path}.{key}", _t("has %(n)s entries, at most %(max)s",
                                         n=len(value), max=max_items))
            return None
        return value

    def integer(self, obj: dict, key: str, path: str, minimum: int | None = 0,
                maximum: int | None = None):
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(f"{path}.{key}", _t("must be a whole number"))
            return None
        if minimum is not None and value < minimum:
            message = _t("must not be negative (got %(value)s)", value=value) if minimum == 0 \
                else _t("must not be below %(min)s (got %(value)s)", min=minimum, value=value)
            self.add(f"{path}.{key}", message)
            return None
        if maximum is not None and value > maximum:
            self.add(f"{path}.{key}", _t("must be at most %(max)s (got %(value)s)", max=maximum,
                                               value=value))
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

    def code_list(self, obj: dict, key: str, path: str, table: dict, what: str) -> list[str]:
        values = self.string_list(obj, key, path, CODES_MAX)
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
                self.add(f"{path}.{key}[{i}]", _t("is too long (at most %(max)s characters)",
                                                    max=ITEM_MAX))
            else:
                result.append(" ".join(item.split()))
        return result

    def regions(self, obj: dict, key: str, path: str) -> list[str]:
        result = []
        for i, item in enumerate(self.string_list(obj, key, path, REGIONS_MAX)):
            region = codes.resolve_region(item)
            if region is None:
                self.add(f"{path}.{key}[{i}]", _t(
                    "%(value)r is not close to any of the fourteen regencies of Kalimantan "
                    "Barat, 'Kalimantan Barat' or 'Indonesia'", value=item))
            elif region not in result:
                result.append(region)
        return result

    def contact(self, obj: dict, path: str) -> dict[str, str | None]:
        value = obj.get("contact")
        empty = {"contact_person": None, "contact_phone": None, "contact_email": None}
        if value is None:
            return empty
        cpath = f"{path}.contact"
        if not self.keys(value, CONTACT_KEYS, cpath):
            return empty
        result = {
            "contact_person": self.text(value, "person", cpath, NAME_MAX),
            "contact_phone": None,
            "contact_email": self.text(value, "email", cpath, EMAIL_MAX),
        }
        phone = self.text(value, "phone", cpath, PHONE_MAX)
        if phone is not None:
            result["contact_phone"] = normalise_phone(phone)
            if result["contact_phone"] is None:
                self.add(f"{cpath}.phone", _t("%(value)r is not a phone number", value=phone))
        email = result["contact_email"]
        if email is not None and not EMAIL_RE.match(email):
            self.add(f"{cpath}.email", _t("%(value)r is not an e-mail address", value=email))
            result["contact_email"] = None
        if email:
            result["contact_email"] = email.lower()
        return result


_KINDS = {
    "field": _t("field"), "sector": _t("sector"), "scale": _t("scale"),
    "legal form": _t("legal form"), "certification": _t("certification"),
    "partner type": _t("partner type"), "MSME": _t("MSME"), "partner": _t("partner"),
    "offering": _t("offering"),
}


def _unknown(what: str, value: Any, table: dict):
    return _t("unknown %(what)s %(value)r; expected one of: %(choices)s", what=_KINDS[what],
              value=_Shown(value), choices=", ".join(table))


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


def _validate_msme(chk: _Checker, raw: Any, path: str) -> dict[str, Any] | None:
    if not chk.keys(raw, MSME_KEYS, path, required=("external_id", "name", "regency")):
        return None
    rec: dict[str, Any] = {
        "external_id": chk.identifier(raw, "external_id", path),
        "name": chk.text(raw, "name", path, NAME_MAX, required=True),
        "legal_form": chk.code(raw, "legal_form", path, codes.LEGAL_FORMS, "legal form")
        or "individual",
        "sector": chk.code(raw, "sector", path, codes.SECTORS, "sector"),
        "scale": chk.code(raw, "scale", path, codes.SCALES, "scale"),
        "commodities": chk.string_list(raw, "commodities", path, COMMODITIES_MAX),
        "certifications": chk.code_list(raw, "certifications", path, codes.CERTIFICATIONS,
                                        "certification"),
        "business_capital_idr": chk.integer(raw, "business_capital_idr", path,
                                            maximum=AMOUNT_MAX),
        "annual_turnover_idr": chk.integer(raw, "annual_turnover_idr", path,
                                           maximum=AMOUNT_MAX),
        "employees": chk.integer(raw, "employees", path, maximum=COUNT_MAX),
        "founded_year": chk.integer(raw, "founded_year", path, minimum=1900,
                                    maximum=dt.date.today().year),
        "description": chk.text(raw, "description", path, TEXT_MAX),
        "nib": None,
    }
    nib = raw.get("nib")
    if nib is not None:
        if isinstance(nib, str) and re.fullmatch(r"\d{13}", nib.strip()):
            rec["nib"] = nib.strip()
        else:
            chk.add(f"{path}.nib",
                    _t("NIB must be a string of 13 digits (got %(value)r)", value=_Shown(nib)))
    regency = raw.get("regency")
    if regency not in (None, ""):
        code = codes.resolve_regency(regency) \
            if isinstance(regency, (str, int)) and not isinstance(regency, bool) else None
        if code is None:
            chk.add(f"{path}.regency", _t("%(value)r is not close to any of the fourteen "
                                          "regencies of Kalimantan Barat",
                                          value=_Shown(regency)))
        rec["regency"] = code
    try:
        derived = codes.derive_scale(rec["annual_turnover_idr"], rec["business_capital_idr"])
    except ValueError:
        field_name = "annual_turnover_idr" if rec["annual_turnover_idr"] is not None \
            else "business_capital_idr"
        limit = "Rp50 miliar" if field_name == "annual_turnover_idr" else "Rp10 miliar"
        chk.add(f"{path}.{field_name}", _t("above the medium-enterprise limit (%(limit)s): "
                                           "not an MSME under PP 7/2021", limit=limit))
        derived = None
    if rec["scale"] is None:
        rec["scale"] = derived
    if rec["sector"] is None and rec["commodities"]:
        rec["sector"] = _taxonomy().derive_sector(rec["commodities"])
    rec.update(chk.contact(raw, path))
    rec["needs"] = _validate_needs(chk, raw, path)
    return rec


def _validate_needs(chk: _Checker, raw: dict, path: str) -> list[dict] | None:
    if raw.get("needs") is None:
        return None
    needs = chk.counted(raw, "needs", path, NEEDS_MAX)
    if needs is None:
        return []  # reported; an empty list keeps the record's shape
    result = []
    for j, need in enumerate(needs):
        npath = f"{path}.needs[{j}]"
        if not chk.keys(need, NEED_KEYS, npath, required=("field",)):
            continue
        priority = need.get("priority", 2)
        if priority is None:
            priority = 2
        if isinstance(priority, bool) or priority not in (1, 2, 3):
            chk.add(f"{npath}.priority", _t("must be 1, 2 or 3 (got %(value)r)",
                                            value=_Shown(priority)))
        result.append({
            "field": chk.code(need, "field", npath, codes.FIELDS, "field"),
            "description": chk.text(need, "description", npath, NEED_TEXT_MAX) or "",
            "priority": priority,
        })
    return result


def _validate_offering(chk: _Checker, raw: Any, path: str) -> dict[str, Any] | None:
    if not chk.keys(raw, OFFERING_KEYS, path, required=("external_id", "field", "title")):
        return None
    rec: dict[str, Any] = {
        "external_id": chk.identifier(raw, "external_id", path, "offering"),
        "field": chk.code(raw, "field", path, codes.FIELDS, "field"),
        "title": chk.text(raw, "title", path, TITLE_MAX, required=True),
        "description": chk.text(raw, "description", path, TEXT_MAX),
        "commodities": chk.string_list(raw, "commodities", path, COMMODITIES_MAX),
        "sectors": chk.code_list(raw, "sectors", path, codes.SECTORS, "sector"),
        "regions": chk.regions(raw, "regions", path),
        "capacity": chk.integer(raw, "capacity", path, maximum=COUNT_MAX),
        "valid_until": None,
        "eligible_scales": [], "eligible_legal_forms": [], "eligible_certifications": [],
    }
    elig = raw.get("eligibility")
    epath = f"{path}.eligibility"
    if elig is not None and chk.keys(elig, ELIGIBILITY_KEYS, epath):
        rec["eligible_scales"] = chk.code_list(elig, "scales", epath, codes.SCALES, "scale")
        rec["eligible_legal_forms"] = chk.code_list(elig, "legal_forms", epath,
                                                    codes.LEGAL_FORMS, "legal form")
        rec["eligible_certifications"] = chk.code_list(
            elig, "certifications", epath, codes.CERTIFICATIONS, "certification")
    valid_until = raw.get("valid_until")
    if valid_until is not None:
        try:
            rec["valid_until"] = dt.date.fromisoformat(valid_until)
        except (TypeError, ValueError):
            chk.add(f"{path}.valid_until", _t("must be an ISO date YYYY-MM-DD (got %(value)r)",
                                              value=_Shown(valid_until)))
    return rec


def _validate_partner(chk: _Checker, raw: Any, path: str) -> dict[str, Any] | None:
    if not chk.keys(raw, PARTNER_KEYS, path, required=("external_id", "name", "type")):
        return None
    rec: dict[str, Any] = {
        "external_id": chk.identifier(raw, "external_id", path, "partner"),
        "name": chk.text(raw, "name", path, NAME_MAX, required=True),
        "type": chk.code(raw, "type", path, codes.PARTNER_TYPES, "partner type"),
        "regions": chk.regions(raw, "regions", path) if "regions" in raw else [codes.PROVINCE],
        "description": chk.text(raw, "description", path, TEXT_MAX),
    }
    rec.update(chk.contact(raw, path))
    offerings = chk.counted(raw, "offerings", path, OFFERINGS_MAX)
    if offerings is None:
        rec["offerings"] = None
    else:
        rec["offerings"] = [
            off for k, item in enumerate(offerings)
            if (off := _validate_offering(chk, item, f"{path}.offerings[{k}]")) is not None
        ]
        for k, off in enumerate(rec["offerings"]):
            off["_path"] = f"{path}.offerings[{k}]"
    return rec


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
            chk.add(f"{path}.external_id",
                    _t("duplicate %(what)s external_id %(value)r (also at %(other)s)",
                       what=_KINDS[what], value=external_id, other=seen[external_id]))
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
    if not chk.keys(doc, TOP_KEYS, "$"):
        raise DocumentRejected(chk.problems)
    if doc.get("format") != codes.FORMAT_VERSION:
        chk.add("format", _t("must be %(expected)r (got %(value)r)",
                             expected=codes.FORMAT_VERSION, value=_Shown(doc.get("format"))))
    result = ValidatedDocument()
    msme_ids = []
    for i, raw in enumerate(_records(chk, doc, "msmes")):
        rec = _validate_msme(chk, raw, f"msmes[{i}]")
        if rec is not None:
            result.msmes.append(rec)
            msme_ids.append((f"msmes[{i}]", rec["external_id"]))
    partner_ids, offering_owner = [], {}
    for i, raw in enumerate(_records(chk, doc, "partners")):
        path = f"partners[{i}]"
        rec = _validate_partner(chk, raw, path)
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
                chk.add(f"{off['_path']}.external_id",
                        _t("offering id %(value)r is reused across partners (also at %(other)s, "
                           "partner %(partner)r)", value=off["external_id"],
                           other=previous[0], partner=previous[1]))
            else:
                chk.add(f"{off['_path']}.external_id",
                        _t("duplicate %(what)s external_id %(value)r (also at %(other)s)",
                           what=_KINDS["offering"], value=off["external_id"],
                           other=previous[0]))
    _check_unique(chk, msme_ids, "MSME")
    _check_unique(chk, partner_ids, "partner")
    if chk.problems:
        raise DocumentRejected(chk.problems)
    return result
