"""Build the Jejaring demo data set: ``seeds/demo.json``, ``seeds/accounts.json``
and ``seeds/history.json`` (two years of programme history, see ``history.py``).

``demo.json`` is an exchange-format document (``jejaring/1``) with fictional
MSMEs (UMKM) of the fourteen regencies of Kalimantan Barat, generated from the
word lists and templates in ``material/msmes.json``, and the hand-written
partners and offerings of ``material/partners.json``, to which the builder adds
phone numbers. ``accounts.json`` lists the demo log-ins of
``material/accounts.json``, named after the records they belong to.
``material/README.md`` describes the files.

The output is deterministic: all randomness comes from one
``random.Random(SEED)``, and nothing is fetched from the network.

Usage (from the repository root)::

    .venv/bin/python seeds/build_demo.py [--seed N] [--count N] [--material DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from matcher.codes import CERTIFICATIONS, FORMAT_VERSION, resolve_regency  # noqa: E402
from matcher.commodities import default_taxonomy  # noqa: E402
from seeds.history import build_history  # noqa: E402

MATERIAL = HERE / "material"
SEED = 20261128
MSME_COUNT = 160

COLLECTIVE = ("group", "cooperative", "bumdes")
CITIES = ("6171", "6172")  # no villages, so no BUMDes
TAG_CONDITIONS = {"G": "collective", "I": "noncollective", "M": "micro", "B": "big"}
NIB_PREFIXES = ["9120", "8120", "1262", "0220", "2802"]
FOOD_PERMITS = ("pirt", "bpom", "halal")
PUBLIC_OFFICE_TYPES = ("bank", "government", "university", "research")

_SLOT = re.compile(r"\{([^{}]*)\}")
_RANGE = re.compile(r"(\*?)(\d+(?:\.\d)?)-(\d+(?:\.\d)?)(?:/(\d+))?")
_TAGS = re.compile(r"^([GIMB]+):")


def read_json(path: Path):
    """The parsed contents of a UTF-8 JSON file."""
    return json.loads(path.read_text(encoding="utf-8"))


def fill(template: str, rng: random.Random, ctx: dict[str, object]) -> str:
    """Fill ``{a|b}``, ``{[*]lo-hi[/step]}`` and ``{name}`` slots of a template."""

    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if "|" in body:
            return rng.choice(body.split("|"))
        span = _RANGE.fullmatch(body)
        if span is None:
            return str(ctx[body])
        scaled, lo, hi, step = span.groups()
        factor = int(ctx.get("factor", 1)) if scaled else 1
        if "." in lo:
            return f"{rng.uniform(float(lo), float(hi)) * factor:.1f}".replace(".", ",")
        value = rng.randrange(int(lo), int(hi) + 1, int(step or 1)) * factor
        if value >= 1000 and not 1900 <= int(lo) <= int(hi) <= 2100:
            return f"{value:,}".replace(",", ".")  # Indonesian thousands separator
        return str(value)

    return _SLOT.sub(one, template)


def choose(rng: random.Random, templates: list[str], facts: dict) -> str:
    """Pick a template whose tags (see material/README.md) fit the record; strip the tags."""
    fitting = []
    for template in templates:
        match = _TAGS.match(template)
        tags = match.group(1) if match else ""
        if all(need_allowed(TAG_CONDITIONS[tag], facts) for tag in tags):
            fitting.append(template[match.end() :] if match else template)
    return rng.choice(fitting)


def pick_weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = [k for k, w in weights.items() if w > 0]
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


class PhoneBook:
    """Hands out dummy numbers (``08xx-5000-0123``) written in varied styles."""

    def __init__(self, rng: random.Random, prefixes: list[str]) -> None:
        self.rng = rng
        self.prefixes = prefixes
        self.seq = 0

    def mobile(self) -> str:
        self.seq += 1
        prefix = self.rng.choice(self.prefixes)
        sub = f"5{self.seq:07d}"
        head, tail = sub[:4], sub[4:]
        return self.rng.choice(
            [
                f"{prefix}-{head}-{tail}",
                f"{prefix} {head} {tail}",
                f"{prefix}{head}{tail}",
                f"+62 {prefix[1:]}-{head}-{tail}",
                f"+62{prefix[1:]}{head}{tail}",
            ]
        )

    def office(self) -> str:
        self.seq += 1
        return f"(0561) 70{self.seq % 10000:04d}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", ".", text.lower()).strip(".")


def money(rng: random.Random, band: list[float], unit: int) -> int:
    value = math.exp(rng.uniform(math.log(band[0]), math.log(band[1])))
    return max(unit, int(round(value / unit)) * unit)


def make_person(
    rng: random.Random, people: dict, backgrounds: dict[str, int], taken: set[str], gender: str = ""
) -> tuple[str, str, str, str]:
    """Return (full name, call name, gender, background) of a new person.

    ``people`` is the material's "people" section, ``backgrounds`` the
    background weights of the person's regency.
    """
    background = rng.choices(list(backgrounds), weights=list(backgrounds.values()))[0]
    gender = gender or rng.choice("mf")
    for _ in range(50):
        first = rng.choice(people["first_names"][background][gender])
        full = f"{first} {rng.choice(people['family_names'][background])}".strip()
        if full not in taken:
            break
    taken.add(full)
    words = first.split()
    call = words[1] if len(words) > 1 and words[0] in people["not_call_names"] else words[0]
    return full, call, gender, background


def business_name(rng: random.Random, names: dict, profile: dict, form: str, ctx: dict) -> str:
    """A business name; ``names`` is the material's "business_names" section."""
    templates = profile["names"] if form == "individual" else list(names["templates"][form])
    if form == "group" and profile["group"] in names["group_short_names"]:
        templates.append(names["group_short_names"][profile["group"]])
    return fill(rng.choice(templates), rng, {**ctx, "group": profile["group"]})


def pick_needs(rng: random.Random, pool: list[tuple[str, str, float]]) -> list[dict]:
    """Pick 1-3 needs, mostly of different fields, with priorities 1-3."""
    count = rng.choices([1, 2, 3], weights=[25, 45, 30])[0]
    chosen: list[tuple[str, str]] = []
    pool = list(pool)
    while pool and len(chosen) < count:
        field, text, _ = pool.pop(rng.choices(range(len(pool)), [w for *_, w in pool])[0])
        chosen.append((field, text))
        if rng.random() < 0.85:
            pool = [item for item in pool if item[0] != field]
    needs = []
    for i, (field, text) in enumerate(chosen):
        priority = (1 if rng.random() < 0.85 else 2) if i == 0 else rng.choice([2, 2, 3])
        needs.append({"field": field, "description": text, "priority": priority})
    return needs


def need_allowed(cond: str, facts: dict) -> bool:
    """Whether a "when" condition (see material/README.md) holds for a record."""
    if "+" in cond:
        return all(need_allowed(part, facts) for part in cond.split("+"))
    certs = facts["certs"]
    if cond == "nopirt":
        return facts["food"] and "pirt" not in certs and "bpom" not in certs
    if cond == "nohalal":
        return facts["food"] and "halal" not in certs
    if cond.startswith("no") and cond[2:] in CERTIFICATIONS:
        return cond[2:] not in certs
    collective = facts["form"] in COLLECTIVE
    return {
        "": True,
        "food": facts["food"],
        "goods": facts["kind"] != "service",
        "raw": facts["kind"] == "raw",
        "packaged": facts["kind"] in ("food", "craft"),
        "service": facts["kind"] == "service",
        "micro": facts["scale"] == "micro",
        "big": facts["scale"] != "micro",
        "border": facts["border"],
        "nonib": not facts["nib"],
        "group": facts["form"] == "group",
        "collective": collective,
        "noncollective": not collective,
    }[cond]


class MsmeBuilder:
    """Makes MSME records from the material of ``material/msmes.json``."""

    def __init__(self, rng: random.Random, material: dict) -> None:
        self.rng = rng
        self.mat = material
        self.regencies: dict[str, dict] = material["regencies"]
        self.scales: dict[str, dict] = material["scales"]
        self.phones = PhoneBook(rng, material["mobile_prefixes"])
        self.uses: dict[str, int] = {}
        self.names: set[str] = set()
        self.nibs: set[str] = set()
        self.no_scale: set[int] = set()
        self.people: set[str] = set()
        self.derivable: list[dict] = []  # records whose sector the matcher can derive

    def regency_plan(self, count: int) -> list[str]:
        codes = list(self.regencies)
        weights = [regency["weight"] for regency in self.regencies.values()]
        codes += self.rng.choices(codes, weights=weights, k=count - len(codes))
        self.rng.shuffle(codes)
        # ~30% leave the scale to be derived from the figures (PP 7/2021)
        self.no_scale = set(self.rng.sample(range(1, count + 1), round(0.3 * count)))
        return codes

    def pick_profile(self, code: str) -> dict:
        options = [
            p for p in self.mat["profiles"] if code in p["regencies"] or "*" in p["regencies"]
        ]
        weights = [p["weight"] / (1 + self.uses.get(p["key"], 0)) for p in options]
        profile = self.rng.choices(options, weights=weights)[0]
        self.uses[profile["key"]] = self.uses.get(profile["key"], 0) + 1
        return profile

    def new_nib(self) -> str:
        while True:
            nib = self.rng.choice(NIB_PREFIXES) + f"{self.rng.randrange(10**9):09d}"
            if nib not in self.nibs:
                self.nibs.add(nib)
                return nib

    def certifications(self, profile: dict, scale: str, has_nib: bool) -> list[str]:
        rng = self.rng
        boost = 1.0 if scale == "micro" else 1.6
        held = {c for c, p in profile["certs"].items() if rng.random() < min(0.95, p * boost)}
        if profile["food"] and "pirt" in held and "halal" not in held and rng.random() < 0.25:
            held.add("halal")
        if "bpom" in held:
            held.discard("pirt")  # registered with BPOM instead of SPP-IRT
        if not has_nib:
            held -= set(FOOD_PERMITS)  # SPP-IRT and halal are issued against an NIB
        return [c for c in CERTIFICATIONS if c in held]

    def description(self, profile: dict, ctx: dict, facts: dict) -> str:
        rng = self.rng
        channels = [
            c
            for c in profile.get("channels", self.mat["channels"][profile["channel"]])
            if "{border}" not in c or ctx["border"]
        ]
        parts = [
            fill(choose(rng, profile["intros"], facts), rng, ctx),
            fill(choose(rng, channels, facts), rng, ctx),
        ]
        permits = [self.mat["certification_words"][c] for c in facts["certs"]]
        if permits:
            parts.append(
                f"Sudah punya {', '.join(permits[:-1])}"
                f"{' dan ' if len(permits) > 1 else ''}{permits[-1]}."
            )
        elif profile["channel"] == "food":
            parts.append(
                rng.choice(
                    ["Belum punya PIRT maupun sertifikat halal.", "Izin PIRT dan halal belum ada."]
                )
            )
        if not facts["nib"]:
            parts.append(
                rng.choice(
                    [
                        "NIB belum diurus.",
                        "Belum punya NIB, selama ini cuma surat keterangan usaha dari desa.",
                    ]
                )
            )
        if rng.random() < 0.45:
            remarks = [
                r for r in self.mat["extra_remarks"] if "{founded}" not in r or ctx["founded"]
            ]
            parts.append(fill(choose(rng, remarks, facts), rng, ctx))
        return " ".join(parts)

    def figures(self, record: dict, scale: str, omit_scale: bool) -> None:
        """Add the scale and/or capital and turnover consistent with it."""
        rng = self.rng
        band = self.scales[scale]
        turnover = money(rng, band["annual_turnover_idr"], 1_000_000 if scale == "micro" else 10**7)
        if scale == "micro":
            capital = min(950_000_000, max(5_000_000, turnover * rng.uniform(0.15, 0.6)))
            capital = int(round(capital / 1_000_000)) * 1_000_000
        else:
            capital = money(rng, band["business_capital_idr"], 10**7)
        if omit_scale:
            figures = rng.choices(["both", "turnover", "capital"], weights=[50, 30, 20])[0]
        else:
            record["scale"] = scale
            figures = rng.choices(
                ["both", "turnover", "capital", "none"], weights=[55, 10, 10, 25]
            )[0]
        if figures in ("both", "capital"):
            record["business_capital_idr"] = capital
        if figures in ("both", "turnover"):
            record["annual_turnover_idr"] = turnover

    def contact(self, name: str, person: tuple[str, str, str, str], form: str) -> dict:
        rng = self.rng
        full, call, gender, _ = person
        if form in COLLECTIVE:
            full += rng.choice([" (ketua)", " (ketua pengurus)", " (bendahara)", ""])
        elif rng.random() < 0.4:
            full = ("Ibu " if gender == "f" else "Pak ") + full
        contact = {"person": full, "phone": self.phones.mobile()}
        if rng.random() < 0.65:
            local = slug(name) if rng.random() < 0.6 else f"{slug(call)}{rng.randint(1, 99)}"
            contact["email"] = f"{local}@{rng.choice(self.mat['email_domains'])}"
        return contact

    def build(self, index: int, code: str) -> dict:
        rng = self.rng
        profile = self.pick_profile(code)
        scales = list(self.scales)
        top = scales.index(profile.get("max_scale", "small"))
        scale = pick_weighted(rng, {s: self.scales[s]["weight"] for s in scales[: top + 1]})
        forms = {
            f: w * profile.get("forms", {}).get(f, 1.0)
            for f, w in self.scales[scale]["legal_forms"].items()
            if f != "bumdes" or code not in CITIES
        }
        form = pick_weighted(rng, forms)
        women = form == "group" and profile["group"] == "Wanita Tani"
        regency = self.regencies[code]
        person = make_person(
            rng, self.mat["people"], regency["backgrounds"], self.people, "f" if women else ""
        )
        founded = None
        if rng.random() < 0.8:
            founded = rng.randint(1998, 2025) if scale == "micro" else rng.randint(1985, 2018)
        _, call, gender, background = person
        names = self.mat["business_names"]
        ctx = {
            "village": rng.choice(regency["villages"]),
            "town": regency["town"],
            "border": regency.get("border", ""),
            "founded": founded or "",
            "owner": f"{rng.choice(self.mat['people']['honorifics'][background][gender])} {call}",
            "good": rng.choice(names["good_words"]),
            "local": rng.choice(names["local_words"]),
            "brand": rng.choice(profile["brand"]),
            "factor": self.scales[scale]["quantity_factor"],
        }
        for _ in range(30):
            name = business_name(rng, names, profile, form, ctx)
            words = name.lower().split()
            if name not in self.names and len(set(words)) == len(words):
                break
            ctx["good"] = rng.choice(names["good_words"])
            ctx["local"] = rng.choice(names["local_words"])
        self.names.add(name)

        spelling = rng.choice(regency["spellings"])
        assert resolve_regency(spelling) == code, (spelling, code)
        nib = self.new_nib() if rng.random() < (0.75 if form == "individual" else 0.95) else None
        certs = self.certifications(profile, scale, nib is not None)
        facts = {
            "certs": certs,
            "food": profile["food"],
            "nib": nib is not None,
            "border": bool(ctx["border"]),
            "form": form,
            "scale": scale,
            "kind": profile["channel"],
        }
        record: dict = {"external_id": f"UMKM-{index:04d}", "name": name}
        if form != "individual" or rng.random() < 0.9:
            record["legal_form"] = form  # absent means individual
        if nib:
            record["nib"] = nib
        record["regency"] = spelling
        record["sector"] = profile["sector"]
        if profile["derivable"]:
            self.derivable.append(record)
        record["commodities"] = list(rng.choice(profile["commodities"]))
        self.figures(record, scale, index in self.no_scale)
        ctx["staff"] = rng.randint(*self.scales[scale]["employees"])
        if rng.random() < 0.85:
            record["employees"] = ctx["staff"]
        if founded:
            record["founded_year"] = founded
        record["certifications"] = certs
        record["description"] = self.description(profile, ctx, facts)
        pool = [
            (n["field"], fill(n["description"], rng, ctx), 5.0)
            for n in profile["needs"]
            if need_allowed(n.get("when", ""), facts)
        ]
        pool += [
            (
                n["field"],
                fill(n["description"], rng, ctx),
                2.0 if n["when"].startswith("no") else 1.0,
            )
            for n in self.mat["generic_needs"]
            if need_allowed(n["when"], facts)
        ]
        record["needs"] = pick_needs(rng, pool)
        if rng.random() < 0.92:
            record["contact"] = self.contact(name, person, form)
        return record


def build_partners(rng: random.Random, phones: PhoneBook, specs: list[dict]) -> list[dict]:
    """The partners of ``material/partners.json``, each given a dummy phone number."""
    partners = []
    for spec in specs:
        phone = phones.office() if spec["type"] in PUBLIC_OFFICE_TYPES else phones.mobile()
        contact = {
            "person": spec["contact"]["person"],
            "phone": phone,
            "email": spec["contact"]["email"],
        }
        partners.append({**spec, "contact": contact})
    return partners


def quantity(rng: random.Random, low: float, high: float) -> float | int:
    """A quantity between ``low`` and ``high``: tens for large ranges, tenths for small."""
    if high >= 50:
        return round(rng.randint(int(low), int(high)), -1)
    return round(rng.uniform(low, high), 1)


def add_flows(rng: random.Random, msmes: list[dict], spec: dict) -> None:
    """Give MSMEs whose first commodity ``spec["by_commodity"]`` knows their
    ``supplies`` and ``sources`` (issue 16), with a generator of their own."""
    taxonomy = default_taxonomy()

    def key(text: str) -> str | None:
        found = taxonomy.resolve(text)
        return found.commodity.key if found else None

    by_key = {key(name): flows for name, flows in spec["by_commodity"].items()}
    for record in msmes:
        flows = by_key.get(key(record["commodities"][0])) if record.get("commodities") else None
        if flows is None or rng.random() >= spec["share"]:
            continue
        for direction in ("supplies", "sources"):
            if flows.get(direction):
                record[direction] = [
                    {
                        "commodity": commodity,
                        "quantity": quantity(rng, low, high),
                        "unit": unit,
                        "period": period,
                    }
                    for commodity, low, high, unit, period in flows[direction]
                ]


def build_accounts(templates: list[dict], msmes: list[dict], partners: list[dict]) -> list[dict]:
    """Demo log-ins; partner and MSME users take the name of the record's contact."""
    people = {
        r["external_id"]: r.get("contact", {}).get("person", r["name"]) for r in msmes + partners
    }
    accounts = []
    for account in templates:
        account = dict(account)
        ref = account.get("partner") or account.get("msme")
        if ref:
            account["name"] = re.sub(r"\s*\(.*\)$", "", people[ref])
        accounts.append(account)
    return accounts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--count", type=int, default=MSME_COUNT, help="number of MSMEs")
    parser.add_argument("--out", type=Path, default=HERE / "demo.json")
    parser.add_argument("--accounts", type=Path, default=HERE / "accounts.json")
    parser.add_argument("--history", type=Path, default=HERE / "history.json")
    parser.add_argument(
        "--material",
        type=Path,
        default=MATERIAL,
        help="folder with msmes.json, partners.json and accounts.json",
    )
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    builder = MsmeBuilder(rng, read_json(args.material / "msmes.json"))
    msmes = [
        builder.build(i, code) for i, code in enumerate(builder.regency_plan(args.count), start=1)
    ]
    for record in rng.sample(builder.derivable, round(0.1 * len(msmes))):
        del record["sector"]  # ~10% left for the matcher to derive from commodities
    partners = build_partners(
        rng, builder.phones, read_json(args.material / "partners.json")["partners"]
    )
    flows_path = args.material / "flows.json"
    if flows_path.exists():  # issue 16: supply flows, without moving the rest
        supply = read_json(flows_path)
        add_flows(random.Random(args.seed + 16), msmes, supply)
        msmes += supply["msmes"]
    doc = {"format": FORMAT_VERSION, "msmes": msmes, "partners": partners}
    args.out.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    accounts = build_accounts(read_json(args.material / "accounts.json"), msmes, partners)
    args.accounts.write_text(
        json.dumps(accounts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    # Its own random stream: the history leaves demo.json as it was.
    history = build_history(
        random.Random(args.seed + 1),
        read_json(args.material / "history.json"),
        msmes,
        partners,
        accounts,
    )
    args.history.write_text(
        json.dumps(history, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    offerings = sum(len(p["offerings"]) for p in partners)
    print(
        f"wrote {args.out.name}: {len(msmes)} MSMEs, {len(partners)} partners, "
        f"{offerings} offerings; {args.accounts.name}: {len(accounts)} accounts; "
        f"{args.history.name}: {len(history['introductions'])} introductions, "
        f"{len(history['milestones'])} milestones, {len(history['profiles'])} growth histories"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
