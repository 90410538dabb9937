"""Short, human-readable reasons for a match, in Bahasa Indonesia or English.

Reasons are built only for the results that are shown (the top of a
ranking), so these functions work on one (MSME, offering) pair at a time.
Labels come from :mod:`matcher.codes`.
"""

from __future__ import annotations

import re

from matcher.codes import (
    CERTIFICATIONS,
    FIELDS,
    LEGAL_FORMS,
    NATIONAL,
    PROVINCE,
    PROVINCE_NAME,
    REGENCIES,
    SCALES,
    SECTORS,
    label,
)
from matcher.commodities import normalise as normalise_commodity
from matcher.derived import default_derived
from matcher.features import ADJACENT_FIELDS, EXACT, RELATED, SECTOR, raw_hits
from matcher.scoring import need_contributions
from matcher.text import CONCEPT_PREFIX, concept_labels, concepts_in, tokenize

MAX_REASONS = 4
ADJACENT = [set(pair) for pair in ADJACENT_FIELDS]

_TEXT = {
    "main_need": ("Menjawab kebutuhan utama: {field}", "Answers the main need: {field}"),
    "need": (
        "Menjawab kebutuhan: {field} (prioritas {priority})",
        "Answers a need: {field} (priority {priority})",
    ),
    "near_need": (
        "Mendukung kebutuhan {need} lewat {field}",
        "Supports the {need} need through {field}",
    ),
    "cross_need": (
        "Isinya menjawab kebutuhan {need} (prioritas {priority}), meski tercatat di bidang {field}",
        "Its content answers the {need} need (priority {priority}), though filed under {field}",
    ),
    # a service concept that both the need and the offering name, in plain words
    "concept_need": (
        "{concept} — kebutuhan {need} Anda (prioritas {priority})",
        "{concept} — your {need} need (priority {priority})",
    ),
    "concept_cross_need": (
        "{concept} — kebutuhan {need} Anda (prioritas {priority}), meski tercatat di bidang "
        "{field}",
        "{concept} — your {need} need (priority {priority}), though filed under {field}",
    ),
    "commodity": ("Komoditas: {name} ({sector})", "Commodity: {name} ({sector})"),
    "related": (
        "Komoditas: {offered} ≈ {own} ({sector})",
        "Commodity: {offered} ≈ {own} ({sector})",
    ),
    "made_from": (
        "Mengolah bahan Anda: {offered} dibuat dari {own}",
        "Processes your material: {offered} is made from {own}",
    ),
    "sector": ("Sektor: {sector}", "Sector: {sector}"),
    "keywords": ("Kata kunci yang cocok: {terms}", "Matching keywords: {terms}"),
    "regency": ("Melayani {region}", "Serves {region}"),
    "province": ("Melayani seluruh {region}", "Serves all of {region}"),
    "national": ("Layanan nasional, termasuk {region}", "Nationwide, including {region}"),
    # what an MSME lacks for a filtered offering
    "needs_cert": ("perlu {cert}", "requires {cert}"),
    "only_legal": ("hanya untuk {forms}", "only for {forms}"),
    "only_scale": ("hanya untuk usaha {scales}", "only for {scales} enterprises"),
    "outside": ("di luar wilayah layanan", "outside the service area"),
    "full": ("kuota penuh", "no places left"),
    "expired": ("sudah berakhir", "has ended"),
}


# What each reason is about, for pages that group a match's reasons (issue 15):
# the need it answers, the product it concerns, the area it serves.
KINDS = ("need", "product", "area")
_KIND_OF = {
    "main_need": "need",
    "need": "need",
    "near_need": "need",
    "cross_need": "need",
    "concept_need": "need",
    "concept_cross_need": "need",
    "commodity": "product",
    "related": "product",
    "made_from": "product",
    "sector": "product",
    "keywords": "product",
    "regency": "area",
    "province": "area",
    "national": "area",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{\w+\}", template)
    return re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$", re.DOTALL)


_KIND_PATTERNS = [
    (_pattern(template), kind)
    for key, kind in _KIND_OF.items()
    for template in _TEXT[key]
    # the most specific templates first: "Melayani seluruh {region}" before "Melayani {region}"
]
_KIND_PATTERNS.sort(key=lambda item: -len(item[0].pattern))


def reason_kind(reason: str) -> str:
    """The kind (one of ``KINDS``) of a reason produced here, in either language;
    ``"product"`` for a text this module did not write."""
    for pattern, kind in _KIND_PATTERNS:
        if pattern.match(reason):
            return kind
    return "product"


def group_reasons(reasons: list[str]) -> list[tuple[str, list[str]]]:
    """``reasons`` grouped by kind, in the order of ``KINDS``, empty kinds left out."""
    groups: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for reason in reasons:
        groups[reason_kind(reason)].append(reason)
    return [(kind, items) for kind, items in groups.items() if items]


def _say(key: str, lang: str, **values) -> str:
    template = _TEXT[key][1 if lang == "en" else 0]
    return template.format(**values)


def need_concepts(need) -> list[str]:
    """Keys of the service concepts ``need``'s words name, in order."""
    if not need.description:
        return []
    return [f[len(CONCEPT_PREFIX) :] for f in concepts_in(tokenize(need.description))]


def shared_concept(index, i: int, concepts: list[str]) -> str | None:
    """The first of a need's ``concepts`` (keys) that catalogue offering ``i``
    names too, or None."""
    named = int(index.concepts[i])
    for key in concepts:
        if named & index.concept_key_bit.get(key, 0):
            return key
    return None


def concept_need_reason(need, offering_field: str, concept: str, lang: str = "id") -> str:
    """The help that links need and offering, in plain words, and the need
    it answers ("Membantu menjual lewat marketplace — kebutuhan teknologi
    informasi Anda (prioritas 1)"); the offering's field when another."""
    values = {
        "concept": concept_labels()[concept][1 if lang == "en" else 0],
        "need": label(FIELDS, need.field, lang),
        "priority": need.priority,
    }
    if need.field != offering_field:
        field = label(FIELDS, offering_field, lang)
        return _say("concept_cross_need", lang, field=field, **values)
    return _say("concept_need", lang, **values)


def need_reason(msme, need, offering_field: str, lang: str = "id") -> str:
    """Which of the MSME's needs the offering serves, and how urgent it is."""
    field = label(FIELDS, offering_field, lang)
    if need.field != offering_field:
        if {need.field, offering_field} in ADJACENT:
            return _say("near_need", lang, need=label(FIELDS, need.field, lang), field=field)
        # reached by substance alone (CROSS_FIELD): say so, with the shared
        # words in the keyword reason
        return _say(
            "cross_need",
            lang,
            need=label(FIELDS, need.field, lang),
            field=field,
            priority=need.priority,
        )
    most_urgent = min(n.priority for n in msme.needs)
    if need.priority <= most_urgent:
        return _say("main_need", lang, field=field)
    return _say("need", lang, field=field, priority=need.priority)


def made_from(offered, own, derived=None):
    """``(product, material)``: the first offered commodity made from one of
    the MSME's own (``matcher.derived``), or None."""
    derived = derived or default_derived()
    for c in offered:
        for o in own:
            if c.key in derived.products_of(o.key):
                return c, o
    return None


def related_pair(offered, own, derived=None):
    """``(offered, own)``: the first related pair of commodities that is no
    material and product of each other (those are ``made_from``), or None."""
    derived = derived or default_derived()
    for c in offered:
        for o in own:
            if (
                o.key in c.related
                and c.key not in derived.products_of(o.key)
                and c.key not in derived.materials_of(o.key)
            ):
                return c, o
    return None


def commodity_reason(index, batch, row: int, i: int, level: float, lang: str = "id") -> str | None:
    """Name the commodity (or sector) that the MSME and offering share."""
    own = batch.resolved[row]
    offered = index.resolved[i]
    offering = index.offerings[i]
    if level >= EXACT:
        own_keys = {c.key for c in own}
        for c in offered:
            if c.key in own_keys:
                return _say("commodity", lang, name=c.name, sector=label(SECTORS, c.sector, lang))
        msme = batch.msmes[row]
        hits = raw_hits(index, list(msme.commodities) + [c.name for c in own])
        for text in offering.commodities:  # a general term covering the product
            if index.raw_terms.get(normalise_commodity(text)) in hits:
                sector = msme.sector or (own[0].sector if own else None)
                return _say(
                    "commodity",
                    lang,
                    name=text,
                    sector=label(SECTORS, sector, lang) if sector else "-",
                )
    if level >= RELATED:
        pair = made_from(offered, own, index.derived)
        if pair:
            return _say("made_from", lang, offered=pair[0].name, own=pair[1].name)
        pair = related_pair(offered, own, index.derived)
        if pair:
            c, o = pair
            return _say(
                "related",
                lang,
                offered=c.name,
                own=o.name,
                sector=label(SECTORS, o.sector, lang),
            )
    if level >= SECTOR:
        sectors = list(offering.sectors) + [c.sector for c in offered]
        msme_sectors = {batch.msmes[row].sector} | {c.sector for c in own}
        for s in sectors:
            if s in msme_sectors:
                return _say("sector", lang, sector=label(SECTORS, s, lang))
    return None


def region_reason(offering, regency: str, lang: str = "id") -> str | None:
    """How the offering covers the MSME's regency (the most specific way)."""
    name = REGENCIES.get(regency, regency)
    if regency in offering.regions:
        return _say("regency", lang, region=name)
    if PROVINCE in offering.regions:
        return _say("province", lang, region=PROVINCE_NAME)
    if NATIONAL in offering.regions:
        return _say("national", lang, region=name)
    return None


def structured_reasons(msme, offering, own, offered, lang: str = "id") -> list[str]:
    """1-4 reasons built from structured fields only, for a reader who may not
    see the MSME's own words (a partner before an introduction is accepted).

    ``msme`` needs ``needs`` (each with ``field`` and ``priority``), ``sector``
    and ``regency``; ``own`` and ``offered`` are the MSME's and the offering's
    commodities as taxonomy entries (:class:`matcher.commodities.Commodity`);
    ``offering`` needs ``field``, ``sectors`` and ``regions``. No free text of
    either side is read, so nothing the MSME typed can be echoed.
    """
    reasons: list[str] = []
    serving = [n for n in msme.needs if n.field == offering.field]
    if serving:
        reasons.append(
            need_reason(msme, min(serving, key=lambda n: n.priority), offering.field, lang)
        )
    own_keys = {c.key for c in own}
    shared = [c for c in offered if c.key in own_keys]
    product = made_from(offered, own)
    related = related_pair(offered, own)
    msme_sectors = {msme.sector} | {c.sector for c in own}
    sectors = [s for s in list(offering.sectors) + [c.sector for c in offered] if s in msme_sectors]
    if shared:
        reasons.append(
            _say(
                "commodity",
                lang,
                name=shared[0].name,
                sector=label(SECTORS, shared[0].sector, lang),
            )
        )
    elif product:
        reasons.append(_say("made_from", lang, offered=product[0].name, own=product[1].name))
    elif related:
        offered_c, own_c = related
        reasons.append(
            _say(
                "related",
                lang,
                offered=offered_c.name,
                own=own_c.name,
                sector=label(SECTORS, own_c.sector, lang),
            )
        )
    elif sectors:
        reasons.append(_say("sector", lang, sector=label(SECTORS, sectors[0], lang)))
    region = region_reason(offering, msme.regency, lang)
    if region:
        reasons.append(region)
    if not reasons:
        reasons.append(_say("province", lang, region=PROVINCE_NAME))
    return reasons[:MAX_REASONS]


def explain(
    index, batch, row: int, offerings, features: list[dict], lang: str = "id"
) -> list[list[str]]:
    """1-4 reasons for each catalogue offering in ``offerings`` (shown to MSME
    ``row`` of ``batch``), given each pair's feature values.

    The batch must have been scored (:func:`matcher.scoring.compute`) so that
    the need that decided each ``need`` feature can be found.
    """
    msme = batch.msmes[row]
    levels = [f.get("commodity", 0.0) for f in features]
    contributions = need_contributions(index, batch, row, offerings, levels).tolist()
    stems: dict[str, set[str]] = {}
    need_reasons: dict[tuple[int, str], str] = {}
    asked: dict[int, list[str]] = {}  # each need's concepts
    out = []
    for i, values, parts in zip(offerings, features, contributions, strict=True):
        offering = index.offerings[i]
        reasons: list[str] = []
        need = None
        if values.get("need", 0.0) > 0 and parts and max(parts) > 0:
            j = parts.index(max(parts))  # first need on ties
            need = msme.needs[j]
            if j not in asked:
                asked[j] = need_concepts(need)
            concept = shared_concept(index, i, asked[j]) if asked[j] else None
            if concept:
                reasons.append(concept_need_reason(need, offering.field, concept, lang))
            else:
                key = (j, offering.field)
                if key not in need_reasons:
                    need_reasons[key] = need_reason(msme, need, offering.field, lang)
                reasons.append(need_reasons[key])
        commodity = commodity_reason(index, batch, row, i, values.get("commodity", 0.0), lang)
        if commodity:
            reasons.append(commodity)
        query = need.description if need is not None and need.description else msme.description
        if query and query not in stems:
            stems[query] = set(index.text_model.terms(query))
        terms = index.text_model.shared_terms(stems[query], i) if query else []
        if terms:
            reasons.append(_say("keywords", lang, terms=", ".join(terms)))
        region = region_reason(offering, msme.regency, lang)
        if region:
            reasons.append(region)
        if not reasons:
            reasons.append(_say("province", lang, region=PROVINCE_NAME))
        out.append(reasons[:MAX_REASONS])
    return out


def missing_requirements(offering, msme, masks: dict, lang: str = "id") -> list[str]:
    """What keeps ``msme`` from ``offering``, in words ("perlu sertifikat halal").

    ``masks`` maps each hard filter (``region``, ``scale``, ``legal_form``,
    ``certifications``, ``full``, ``expired``) to True when the pair passes it.
    """
    out = []
    if not masks["region"]:
        out.append(_say("outside", lang))
    if not masks["scale"]:
        scales = "/".join(label(SCALES, s, lang) for s in offering.eligible_scales)
        out.append(_say("only_scale", lang, scales=scales))
    if not masks["legal_form"]:
        forms = " / ".join(label(LEGAL_FORMS, f, lang) for f in offering.eligible_legal_forms)
        out.append(_say("only_legal", lang, forms=forms))
    if not masks["certifications"]:
        for cert in offering.eligible_certifications:
            if cert not in msme.certifications:
                out.append(_say("needs_cert", lang, cert=label(CERTIFICATIONS, cert, lang)))
    if not masks["full"]:
        out.append(_say("full", lang))
    if not masks["expired"]:
        out.append(_say("expired", lang))
    return out
