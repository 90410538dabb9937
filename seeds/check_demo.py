"""Check ``seeds/demo.json`` and ``seeds/accounts.json``.

The format part is the exchange validator itself
(``web.services.exchange.validate_document``, the one definition of
``jejaring/1`` that import, spreadsheets, the API and the forms use), with its
paths and messages. On top of it this checks what makes the demo plausible:
a given scale agrees with the figures and an absent one can be derived, an
absent sector has a commodity the taxonomy knows, every need says what it is
in words, offerings serve only their partner's regions, NIBs are unique,
e-mail addresses are on ``.example`` domains; the coverage the demo promises
(all regencies, sectors, legal forms, partner types and fields) and the demo
accounts. Then it prints counts.

Exits 1 when anything is wrong, listing every problem with its path.

Usage (from the repository root)::

    .venv/bin/python seeds/check_demo.py [demo.json] [--accounts accounts.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from matcher import codes  # noqa: E402
from web.services.exchange import DocumentRejected, validate_document  # noqa: E402

ACCOUNT_KEYS = {"email", "role", "password", "name", "partner", "msme", "fields"}
ROLES = {"consultant", "admin", "partner", "msme"}

REFERENCE_DATE = date(2026, 11, 28)  # "expired" means valid_until before this day
MIN_MSMES, MIN_PARTNERS, MIN_OFFERINGS = 150, 40, 100
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.example$")
COMMODITIES_FILE = ROOT / "matcher" / "data" / "commodities.json"


def known_commodity_terms() -> set[str] | None:
    """Lower-cased names and synonyms the matcher derives a sector from, if available."""
    if not COMMODITIES_FILE.exists():
        return None
    terms: set[str] = set()
    for entry in json.loads(COMMODITIES_FILE.read_text(encoding="utf-8")):
        terms.update(t.lower() for t in [entry["key"], entry["name"], *entry["synonyms"]])
    return terms


class Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.terms = known_commodity_terms()

    def err(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def keys(self, obj: object, allowed: set[str], required: set[str], path: str) -> bool:
        if not isinstance(obj, dict):
            self.err(path, "must be an object")
            return False
        for key in sorted(set(obj) - allowed):
            self.err(f"{path}.{key}", "unknown key")
        for key in sorted(required - set(obj)):
            self.err(f"{path}.{key}", "required key missing")
        return True

    def code_list(self, obj: dict, key: str, table: dict, path: str) -> None:
        if key not in obj:
            return
        values = obj[key]
        if not isinstance(values, list):
            self.err(f"{path}.{key}", "must be a list")
            return
        for i, value in enumerate(values):
            if value not in table:
                self.err(f"{path}.{key}[{i}]", f"unknown code {value!r}")
        if len(set(map(str, values))) != len(values):
            self.err(f"{path}.{key}", "duplicate codes")

    # --- what makes the demo plausible (the format is checked already) ---
    def msme(self, record: dict, path: str) -> None:
        self.scale(record, path)
        if "sector" not in record and self.terms is not None:
            names = [c.lower() for c in record.get("commodities", [])]
            if not any(name in self.terms for name in names):
                self.err(
                    f"{path}.sector",
                    "absent and no commodity known to matcher/data/commodities.json",
                )
        for i, need in enumerate(record.get("needs", [])):
            if not (need.get("description") or "").strip():
                self.err(f"{path}.needs[{i}].description", "a demo need says what it is")
        self.email(record, path)

    def email(self, record: dict, path: str) -> None:
        email = record.get("contact", {}).get("email")
        if email is not None and not EMAIL.match(email):
            self.err(f"{path}.contact.email", f"not an address on a .example domain: {email!r}")

    def scale(self, record: dict, path: str) -> None:
        derived = codes.derive_scale(
            record.get("annual_turnover_idr"), record.get("business_capital_idr")
        )
        if "scale" not in record and derived is None:
            self.err(f"{path}.scale", "absent and not derivable (no turnover or capital)")
        elif "scale" in record and derived not in (None, record["scale"]):
            self.err(f"{path}.scale", f"{record['scale']!r} but figures say {derived!r}")

    def partner(self, record: dict, path: str) -> None:
        covered = set(map(codes.resolve_region, record.get("regions", []))) or {codes.PROVINCE}
        self.email(record, path)
        for i, offering in enumerate(record.get("offerings", [])):
            opath = f"{path}.offerings[{i}]"
            for code in map(codes.resolve_region, offering.get("regions", [])):
                if not within(code, covered):
                    self.err(
                        f"{opath}.regions",
                        f"{codes.region_name(code)} is outside the partner's regions",
                    )

    def require(self, condition: bool, what: str) -> None:
        if not condition:
            self.err("coverage", what)


def within(code: str, covered: set[str]) -> bool:
    if codes.NATIONAL in covered or code in covered:
        return True
    return codes.PROVINCE in covered and code != codes.NATIONAL


def unique(checker: Checker, ids: list, what: str) -> None:
    for value, count in Counter(ids).items():
        if count > 1:
            checker.err(what, f"external_id {value!r} used {count} times")


def check_document(checker: Checker, doc: dict) -> dict[str, Counter]:
    try:
        validate_document(doc)
    except DocumentRejected as rejected:
        for problem in rejected.problems:
            checker.err(problem.path, str(problem.message))
        return {}  # plausibility is judged on a valid document only
    msmes = doc.get("msmes", [])
    partners = doc.get("partners", [])
    for i, record in enumerate(msmes):
        checker.msme(record, f"msmes[{i}]")
    for i, record in enumerate(partners):
        checker.partner(record, f"partners[{i}]")
    unique(checker, [m["nib"] for m in msmes if "nib" in m], "msmes (nib)")

    offerings = [o for p in partners for o in p.get("offerings", [])]
    counts = {
        "regency": Counter(
            codes.region_name(codes.resolve_regency(m["regency"]) or "")
            if codes.resolve_regency(m["regency"])
            else "?"
            for m in msmes
        ),
        "sector": Counter(m.get("sector", "(derived)") for m in msmes),
        "legal form": Counter(m.get("legal_form", "individual") for m in msmes),
        "scale": Counter(m.get("scale") or f"{safe_scale(m)} (derived)" for m in msmes),
        "need field": Counter(n["field"] for m in msmes for n in m.get("needs", [])),
        "partner type": Counter(p["type"] for p in partners),
        "offering field": Counter(o["field"] for o in offerings),
        "certification": Counter(c for m in msmes for c in m.get("certifications", [])),
    }
    n = max(len(msmes), 1)
    expired = [o for o in offerings if o.get("valid_until", "9999") < REFERENCE_DATE.isoformat()]
    require = checker.require
    require(len(msmes) >= MIN_MSMES, f"only {len(msmes)} MSMEs (need {MIN_MSMES})")
    require(len(partners) >= MIN_PARTNERS, f"only {len(partners)} partners")
    require(len(offerings) >= MIN_OFFERINGS, f"only {len(offerings)} offerings")
    for label, table, counter in [
        ("regency", codes.REGENCIES.values(), counts["regency"]),
        ("sector", codes.SECTORS, counts["sector"]),
        ("legal form", codes.LEGAL_FORMS, counts["legal form"]),
        ("need field", codes.FIELDS, counts["need field"]),
        ("partner type", codes.PARTNER_TYPES, counts["partner type"]),
        ("offering field", codes.FIELDS, counts["offering field"]),
    ]:
        missing = [c for c in table if not counter[c]]
        require(not missing, f"no {label} {', '.join(missing)}")
    no_scale = sum("scale" not in m for m in msmes) / n
    require(0.25 <= no_scale <= 0.40, f"{no_scale:.0%} MSMEs without scale (want ~30%)")
    no_sector = sum("sector" not in m for m in msmes) / n
    require(0.05 <= no_sector <= 0.15, f"{no_sector:.0%} MSMEs without sector (want ~10%)")
    require(sum("nib" in m for m in msmes) / n >= 0.6, "NIB on fewer than 60% of MSMEs")
    require(all(1 <= len(m.get("needs", [])) <= 3 for m in msmes), "every MSME needs 1-3 needs")
    require(0 < len(expired) <= len(offerings) // 5, f"{len(expired)} expired offerings")
    require(any(o.get("capacity") == 0 for o in offerings), "no full offering (capacity 0)")
    require(
        sum("eligibility" in o for o in offerings) >= len(offerings) // 4,
        "eligibility on fewer than a quarter of offerings",
    )
    counts["offering status"] = Counter(
        "expired" if o in expired else "full" if o.get("capacity") == 0 else "open"
        for o in offerings
    )
    return counts


def safe_scale(record: dict) -> str | None:
    try:
        return codes.derive_scale(
            record.get("annual_turnover_idr"), record.get("business_capital_idr")
        )
    except (TypeError, ValueError):
        return None


def check_accounts(checker: Checker, accounts: object, doc: dict) -> None:
    if not isinstance(accounts, list):
        checker.err("accounts", "must be a list")
        return
    msme_ids = {m.get("external_id") for m in doc.get("msmes", [])}
    partner_ids = {p.get("external_id") for p in doc.get("partners", [])}
    roles: Counter = Counter()
    consultant_fields: set[str] = set()
    linked: dict[str, set] = {"partner": set(), "msme": set()}
    for i, account in enumerate(accounts):
        path = f"accounts[{i}]"
        role = account.get("role") if isinstance(account, dict) else None
        extra = {"partner": {"partner"}, "msme": {"msme"}, "consultant": {"fields"}}.get(
            role, set()
        )
        base = {"email", "role", "password", "name"}
        if not checker.keys(account, base | extra, base | extra, path):
            continue
        for key in sorted(set(account) - (base | extra) - ACCOUNT_KEYS):
            checker.err(f"{path}.{key}", "unknown key")
        if role not in ROLES:
            checker.err(f"{path}.role", f"unknown role {role!r}")
        roles[role] += 1
        if not str(account["email"]).endswith("@jejaring.example"):
            checker.err(f"{path}.email", "must be on jejaring.example")
        if len(str(account["password"])) < 12:
            checker.err(f"{path}.password", "shorter than 12 characters")
        if role == "partner":
            linked["partner"].add(account["partner"])
            if account["partner"] not in partner_ids:
                checker.err(f"{path}.partner", f"no partner {account['partner']!r}")
        if role == "msme":
            linked["msme"].add(account["msme"])
            if account["msme"] not in msme_ids:
                checker.err(f"{path}.msme", f"no MSME {account['msme']!r}")
        if role == "consultant":
            checker.code_list(account, "fields", codes.FIELDS, path)
            if not account["fields"]:
                checker.err(f"{path}.fields", "a consultant needs at least one field")
            consultant_fields.update(account["fields"])
    unique(checker, [a.get("email") for a in accounts if isinstance(a, dict)], "accounts (email)")
    checker.require(roles["admin"] >= 1, "no admin account")
    checker.require(
        roles["consultant"] >= 3 and len(consultant_fields) >= 3,
        "need 3 consultants covering different fields",
    )
    checker.require(len(linked["partner"]) >= 2, "need partner users of two partners")
    checker.require(len(linked["msme"]) >= 2, "need users of two MSMEs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("demo", nargs="?", type=Path, default=HERE / "demo.json")
    parser.add_argument("--accounts", type=Path, default=HERE / "accounts.json")
    args = parser.parse_args(argv)
    checker = Checker()
    doc = json.loads(args.demo.read_text(encoding="utf-8"))
    counts = check_document(checker, doc)
    if args.accounts.exists():
        check_accounts(checker, json.loads(args.accounts.read_text(encoding="utf-8")), doc)
    else:
        checker.err(str(args.accounts), "missing")
    if checker.terms is None:
        print(f"note: {COMMODITIES_FILE} not found; sector derivation not checked")

    offerings = sum(len(p.get("offerings", [])) for p in doc.get("partners", []))
    print(
        f"{args.demo.name}: {len(doc.get('msmes', []))} MSMEs, "
        f"{len(doc.get('partners', []))} partners, {offerings} offerings"
    )
    for label, counter in counts.items():
        items = ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1]))
        print(f"  {label}: {items}")
    if checker.problems:
        print(f"\n{len(checker.problems)} problem(s):", file=sys.stderr)
        for problem in checker.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("OK: no problems found")
    return 0


if __name__ == "__main__":
    sys.exit(main())
