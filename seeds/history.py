"""Two years of fictional programme history for the demo (``seeds/history.json``).

Built by ``build_demo.py`` from ``material/history.json`` with its own
``random.Random`` (so ``demo.json`` stays as it was), and loaded by
``flask seed`` (``web.services.demo_history``). It holds:

- ``profiles``: for some MSMEs, the earlier states of their profile (lower
  turnover, a smaller scale, an informal legal form, no NIB, fewer
  certifications) with the date each took effect, and the date from which the
  profile in ``demo.json`` holds: their growth history and class-ups;
- ``introductions`` in every status with dated steps, outcomes and the
  consultant who brokered them;
- ``milestones`` on time, late, open and overdue, some following another;
- ``ratings`` of closed introductions.

Every MSME's history starts at ``start``; every date lies before ``end``.
"""

from __future__ import annotations

import datetime as dt
import random

SCALES = ("micro", "small", "medium")
LIMITS = {"micro": (2_000_000_000, 1_000_000_000), "small": (15_000_000_000, 5_000_000_000)}
FORMAL = ("cv", "pt", "cooperative")


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _at(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()}T{rng.randint(1, 9):02d}:{rng.randint(0, 59):02d}:00+00:00"


def _earlier(rng: random.Random, record: dict) -> dict:
    """Overrides that make an earlier, smaller state of ``record``."""
    set_: dict = {}
    scale = record.get("scale")
    turnover, capital = record.get("annual_turnover_idr"), record.get("business_capital_idr")
    lower = SCALES[SCALES.index(scale) - 1] if scale in ("small", "medium") else None
    if lower is not None:
        set_["scale"] = lower
        max_sales, max_capital = LIMITS[lower]
        if turnover is not None:
            set_["annual_turnover_idr"] = int(max_sales * rng.uniform(0.45, 0.95)) // 10**6 * 10**6
        if capital is not None:
            set_["business_capital_idr"] = min(capital, int(max_capital * rng.uniform(0.4, 0.9)))
    elif turnover is not None:
        set_["annual_turnover_idr"] = int(turnover * rng.uniform(0.45, 0.85)) // 10**6 * 10**6
    certs = record.get("certifications") or []
    if certs and rng.random() < 0.8:
        dropped = rng.choice(certs)
        set_["certifications"] = [c for c in certs if c != dropped]
    if record.get("nib") and rng.random() < 0.35:
        set_["nib"] = None
    if record.get("legal_form") in FORMAL and rng.random() < 0.5:
        set_["legal_form"] = "group" if record["legal_form"] == "cooperative" else "individual"
    return set_


def build_history(
    rng: random.Random, material: dict, msmes: list[dict], partners: list[dict], accounts: list
) -> dict:
    start = dt.date.fromisoformat(material["start"])
    end = dt.date.fromisoformat(material["end"])
    staff = [a["email"] for a in accounts if a["role"] in ("consultant", "admin")]
    consultants = [a for a in accounts if a["role"] == "consultant"]

    def consultant_for(field_: str) -> str:
        fitting = [a["email"] for a in consultants if field_ in a.get("fields", [])]
        return rng.choice(fitting or staff)

    # -- introductions -------------------------------------------------------------
    offerings = [(p, o) for p in partners for o in p["offerings"]]
    by_field: dict[str, list] = {}
    for p, o in offerings:
        by_field.setdefault(o["field"], []).append((p, o))
    outcomes = material["outcomes"]
    introductions = []
    ratings = []
    for record in msmes:
        if rng.random() >= 0.75:
            continue
        wanted = [n["field"] for n in record.get("needs") or []] or ["marketing"]
        used: set[str] = set()
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            field_ = rng.choice(wanted)
            choices = [(p, o) for p, o in by_field.get(field_, []) if o["external_id"] not in used]
            if not choices:
                continue
            partner, offering = rng.choice(choices)
            used.add(offering["external_id"])
            begin = _day(rng, start + dt.timedelta(days=3), end - dt.timedelta(days=2))
            consultant = consultant_for(field_)
            steps: list[list] = []
            day = begin
            if rng.random() < 0.2:
                steps.append(["requested", _at(day, rng), None])
                day += dt.timedelta(days=rng.randint(1, 6))
            steps.append(["proposed", _at(day, rng), consultant])
            outcome = None
            roll = rng.random()
            answer = day + dt.timedelta(days=rng.choice((0, 1, 1, 2, 3, 4, 6, 9, 13, 20)))
            if roll < 0.14 or answer > end:
                pass  # no answer yet
            elif roll < 0.32:
                steps.append(["declined", _at(answer, rng), None])
            else:
                steps.append(["accepted", _at(answer, rng), None])
                met = answer + dt.timedelta(days=rng.randint(4, 30))
                if met <= end and rng.random() < 0.82:
                    steps.append(["met", _at(met, rng), consultant])
                    agreed = met + dt.timedelta(days=rng.randint(7, 60))
                    if agreed <= end and rng.random() < 0.6:
                        kinds = outcomes[field_]
                        kind, _, band = rng.choices(kinds, weights=[k[1] for k in kinds])[0]
                        value = rng.randint(band[0], band[1]) // 10**5 * 10**5 if band[1] else None
                        outcome = {"kind": kind, "value_idr": value}
                        steps.append(["agreement", _at(agreed, rng), consultant])
                        last = agreed
                    else:
                        last = met
                else:
                    last = answer
                closed = last + dt.timedelta(days=rng.randint(14, 90))
                if closed <= end and rng.random() < 0.7:
                    steps.append(["closed", _at(closed, rng), consultant])
                    index = len(introductions)
                    rated = closed + dt.timedelta(days=rng.randint(1, 10))
                    if rated <= end and rng.random() < 0.8:
                        weights = [4, 8, 18, 35, 35]
                        for subject in ("partner", "consultant"):
                            score = rng.choices(range(1, 6), weights=weights)[0]
                            comment = (
                                rng.choice(material["comments"][subject])
                                if rng.random() < 0.4
                                else None
                            )
                            ratings.append([index, subject, score, comment, _at(rated, rng)])
                    if rated <= end and rng.random() < 0.6:
                        score = rng.choices(range(1, 6), weights=[3, 7, 25, 35, 30])[0]
                        ratings.append([index, "msme", score, None, _at(rated, rng)])
            introductions.append(
                {
                    "msme": record["external_id"],
                    "offering": offering["external_id"],
                    "consultant": consultant,
                    "steps": steps,
                    "outcome": outcome,
                }
            )

    # -- milestones ----------------------------------------------------------------
    milestones = []
    for record in msmes:
        if rng.random() >= 0.55:
            continue
        fields = [n["field"] for n in record.get("needs") or []] or ["marketing"]
        begin = _day(rng, start, end - dt.timedelta(days=40))
        previous = None
        for _ in range(rng.choice((1, 2, 2, 3))):
            field_ = rng.choice(fields)
            template = rng.choice(material["milestones"][field_])
            due = begin + dt.timedelta(days=rng.randint(30, 180))
            baseline = rng.randint(*template["baseline"])
            target = max(baseline + 1, rng.randint(*template["target"]))
            if due < end:
                roll = rng.random()
                if roll < 0.47:
                    status, done = "done", due - dt.timedelta(days=rng.randint(0, 20))
                elif roll < 0.72:
                    status, done = "done", due + dt.timedelta(days=rng.randint(3, 45))
                elif roll < 0.77:
                    status, done = "cancelled", None
                else:
                    status, done = "in_progress", None
                if done is not None and done > end:
                    status, done = "in_progress", None
            else:
                status, done = rng.choice(("planned", "in_progress")), None
            current = target if status == "done" else rng.randint(baseline, target)
            milestones.append(
                {
                    "msme": record["external_id"],
                    "field": field_,
                    "title": template["title"],
                    "indicator": template["indicator"],
                    "unit": template["unit"],
                    "baseline": baseline,
                    "target": target,
                    "current": current,
                    "start": begin.isoformat(),
                    "due": due.isoformat(),
                    "status": status,
                    "completed_on": done.isoformat() if done else None,
                    "consultant": consultant_for(field_),
                    "counterpart": rng.choice(material["counterparts"]),
                    "follows": previous,
                }
            )
            previous = len(milestones) - 1
            begin = due + dt.timedelta(days=rng.randint(0, 20))
            if begin >= end - dt.timedelta(days=10):
                break
    # -- profiles: MSMEs grow after what the centre helped them reach ----------------
    reached: dict[str, list[dt.date]] = {}
    for item in introductions:
        for status, when, _ in item["steps"]:
            if status == "agreement":
                reached.setdefault(item["msme"], []).append(dt.date.fromisoformat(when[:10]))
    for item in milestones:
        if item["status"] == "done":
            reached.setdefault(item["msme"], []).append(dt.date.fromisoformat(item["completed_on"]))
    profiles = []
    for record in msmes:
        moments = sorted(d for d in reached.get(record["external_id"], []) if d > start)
        if not (moments and rng.random() < 0.85) and rng.random() >= 0.15:
            continue
        first = _earlier(rng, record)
        if not first:
            continue
        states = [{"from": start.isoformat(), "set": first}]
        if moments:
            now_from = min(end, moments[-1] + dt.timedelta(days=rng.randint(3, 30)))
        else:
            now_from = _day(rng, start + dt.timedelta(days=120), end - dt.timedelta(days=5))
        if len(moments) > 1 and "annual_turnover_idr" in first:
            middle = dict(first)
            middle["annual_turnover_idr"] = (
                (first["annual_turnover_idr"] + record["annual_turnover_idr"]) // 2 // 10**6 * 10**6
            )
            if rng.random() < 0.5:
                middle.pop("nib", None)  # the NIB came before the rest
            mid_day = min(moments[0] + dt.timedelta(days=rng.randint(3, 30)), now_from)
            if start < mid_day < now_from:
                states.append({"from": mid_day.isoformat(), "set": middle})
        profiles.append(
            {"msme": record["external_id"], "states": states, "now_from": now_from.isoformat()}
        )
    return {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "profiles": profiles,
        "introductions": introductions,
        "milestones": milestones,
        "ratings": ratings,
    }
