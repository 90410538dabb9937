"""Supply links between MSMEs: who could supply an MSME's materials, and who
could buy what it produces (issue 16). Pure: plain objects in, plain objects out.

An MSME is a :class:`Party`: its regency, its commodities (free text) and its
FLOWs, ``supplies`` and ``sources``, with commodities resolved to taxonomy keys.

- **Suppliers** of an MSME are ranked for what it buys: its ``sources``, or when
  it lists none, the materials its products are made from
  (:mod:`matcher.derived`). A candidate supplies a commodity when it lists it in
  its ``supplies`` (or, listing none, among its commodities).
- **Buyers** of an MSME are ranked for what it sells: its ``supplies`` (or its
  commodities). A candidate buys a commodity when it lists it in its
  ``sources``, or makes a product derived from it.

Score (in [0, 1]) = ``W_COMMODITY`` x commodity fit (1 the same commodity,
``DERIVED_FIT`` a buyer known only to make a product of it) + ``W_QUANTITY`` x
quantity fit (the share of the need the supply covers, capped at 1;
``UNKNOWN_QUANTITY_FIT`` when either side gave no quantity in a convertible
unit) + ``W_DISTANCE`` x ``exp(-km / DISTANCE_SCALE_KM)`` between regency
seats. Eligibility of a pairing is a hard filter: never the MSME itself, never
a commodity neither side names, never a party without a known regency seat.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from matcher import flows
from matcher.commodities import Taxonomy, default_taxonomy
from matcher.derived import DerivedProducts, default_derived

W_COMMODITY, W_QUANTITY, W_DISTANCE = 0.5, 0.25, 0.25
WEIGHTS = (W_COMMODITY, W_QUANTITY, W_DISTANCE)
DERIVED_FIT = 0.8  # a buyer that makes a product of the commodity but lists no sources
UNKNOWN_QUANTITY_FIT = 0.5
DISTANCE_SCALE_KM = 150.0
SUPPLIER, BUYER = "supplier", "buyer"


@dataclass(frozen=True)
class Flow:
    """A commodity (taxonomy key) with an optional quantity per period."""

    key: str
    quantity: float | None = None
    unit: str | None = None
    period: str | None = None

    def monthly(self) -> flows.Amount | None:
        return flows.monthly(self.quantity, self.unit, self.period)


@dataclass(frozen=True)
class Party:
    """An MSME as the link ranking sees it."""

    external_id: str
    regency: str
    products: tuple[str, ...] = ()  # taxonomy keys of its commodities
    supplies: tuple[Flow, ...] = ()
    sources: tuple[Flow, ...] = ()


@dataclass(frozen=True)
class Link:
    """One suggested partner MSME for one commodity, in one direction."""

    msme_external_id: str
    direction: str  # SUPPLIER: it could supply the MSME; BUYER: it could buy from it
    commodity: str  # taxonomy key
    score: float
    km: float
    their_flow: Flow | None  # what the other side says it supplies / sources
    reasons: tuple[str, ...] = field(default=())


def party_from(
    external_id: str,
    regency: str,
    commodities: Iterable[str] = (),
    supplies: Iterable[dict] = (),
    sources: Iterable[dict] = (),
    taxonomy: Taxonomy | None = None,
) -> Party:
    """A :class:`Party` from stored values: commodity texts are resolved through
    the taxonomy (unknown ones dropped), FLOW dicts as in the exchange format."""
    taxonomy = taxonomy or default_taxonomy()

    def key(text: str) -> str | None:
        found = taxonomy.resolve(text)
        return found.commodity.key if found else None

    def flows_of(items: Iterable[dict]) -> tuple[Flow, ...]:
        out = []
        for item in items or ():
            k = key(item.get("commodity", ""))
            if k is not None:
                out.append(Flow(k, item.get("quantity"), item.get("unit"), item.get("period")))
        return tuple(out)

    products = tuple(dict.fromkeys(k for k in map(key, commodities or ()) if k is not None))
    return Party(external_id, regency, products, flows_of(supplies), flows_of(sources))


def wants(party: Party, derived: DerivedProducts) -> tuple[Flow, ...]:
    """What ``party`` buys: its sources, else the materials of its products."""
    if party.sources:
        return party.sources
    keys = [*party.products, *(f.key for f in party.supplies)]
    materials = dict.fromkeys(m for k in keys for m in sorted(derived.materials_of(k)))
    return tuple(Flow(m) for m in materials)


def offers(party: Party) -> tuple[Flow, ...]:
    """What ``party`` sells: its supplies, else its products."""
    return party.supplies or tuple(Flow(k) for k in party.products)


def quantity_fit(supply: Flow | None, need: Flow | None) -> float | None:
    """Share of ``need`` that ``supply`` covers per month, capped at 1; ``None``
    when either quantity is missing or the units do not convert."""
    if supply is None or need is None:
        return None
    a, b = supply.monthly(), need.monthly()
    if a is None or b is None or a.unit != b.unit or b.quantity <= 0:
        return None
    return min(1.0, a.quantity / b.quantity)


def distance_fit(km: float) -> float:
    return math.exp(-km / DISTANCE_SCALE_KM)


def _commodity_fit(offer_key: str, want_key: str) -> float:
    # Only the same commodity: the taxonomy's "related" mixes substitutes with
    # material and product (keladi ~ keripik keladi), which a supply link must not.
    return 1.0 if offer_key == want_key else 0.0


def _best(pairs, km: float, weights=WEIGHTS):
    """Best (score, commodity, their flow, commodity fit, quantity fit) over
    (offered flow, wanted flow, base fit, whose flow is theirs) pairs."""
    best = None
    for offer, want, base, theirs in pairs:
        fit = base * _commodity_fit(offer.key, want.key)
        if fit <= 0:
            continue
        qfit = quantity_fit(offer, want)
        w_commodity, w_quantity, w_distance = weights
        score = (
            w_commodity * fit
            + w_quantity * (UNKNOWN_QUANTITY_FIT if qfit is None else qfit)
            + w_distance * distance_fit(km)
        )
        if best is None or score > best[0]:
            best = (score, want.key, theirs, fit, qfit)
    return best


def rank_links(
    party: Party,
    others: Sequence[Party],
    *,
    direction: str | None = None,
    limit: int = 10,
    lang: str = "id",
    derived: DerivedProducts | None = None,
    weights: tuple[float, float, float] = WEIGHTS,
) -> list[Link]:
    """Suppliers and buyers for ``party`` among ``others``, best first.

    ``direction`` limits to SUPPLIER or BUYER; ``limit`` applies to each
    direction. At most one link per other MSME and direction (its best
    commodity). Ties are broken by external id, so the order is stable.
    ``weights`` (commodity, quantity, distance) are for evaluation only."""
    derived = derived or default_derived()
    if party.regency not in flows.REGENCY_SEATS:
        return []
    my_wants, my_offers = wants(party, derived), offers(party)
    found: dict[str, list[Link]] = {SUPPLIER: [], BUYER: []}
    for other in others:
        if other.external_id == party.external_id or other.regency not in flows.REGENCY_SEATS:
            continue
        km = flows.distance_km(party.regency, other.regency) or 0.0
        if direction in (None, SUPPLIER) and my_wants:
            pairs = [(o, w, 1.0, o) for o in offers(other) for w in my_wants]
            best = _best(pairs, km, weights)
            if best is not None:
                found[SUPPLIER].append(_link(other, SUPPLIER, km, best, lang))
        if direction in (None, BUYER) and my_offers:
            pairs = [(o, w, 1.0, w) for o in my_offers for w in other.sources]
            if not other.sources:  # it makes a product of what I sell
                pairs = [
                    (o, Flow(o.key), DERIVED_FIT, None)
                    for o in my_offers
                    if any(p in derived.products_of(o.key) for p in other.products)
                ]
            best = _best(pairs, km, weights)
            if best is not None:
                found[BUYER].append(_link(other, BUYER, km, best, lang))
    out = []
    for links in found.values():
        links.sort(key=lambda link: (-link.score, link.km, link.msme_external_id))
        out += links[:limit]
    return out


def _link(other: Party, direction: str, km: float, best, lang: str) -> Link:
    score, key, theirs, fit, qfit = best
    link = Link(other.external_id, direction, key, round(score, 4), round(km, 1), theirs)
    return Link(**{**link.__dict__, "reasons": tuple(link_reasons(link, fit, qfit, lang))})


_TEXT = {
    "supplies": ("Menghasilkan {amount} {name}{per}", "Produces {amount} {name}{per}"),
    "supplies_any": ("Menghasilkan {name}", "Produces {name}"),
    "sources": ("Membutuhkan {amount} {name}{per}", "Needs {amount} {name}{per}"),
    "sources_any": ("Membutuhkan {name}", "Needs {name}"),
    "makes": (
        "Mengolah {name} menjadi produknya",
        "Processes {name} into its products",
    ),
    "km": ("{km} km dari Anda", "{km} km from you"),
    "same": ("di kabupaten/kota yang sama", "in the same regency"),
    "covers_supplier": ("Cukup untuk seluruh kebutuhan Anda", "Enough for your whole need"),
    "share_supplier": ("Sekitar {pct}% dari kebutuhan Anda", "About {pct}% of your need"),
    "covers_buyer": (
        "Pasokan Anda cukup untuk seluruh kebutuhannya",
        "Your supply meets its whole need",
    ),
    "share_buyer": (
        "Pasokan Anda memenuhi sekitar {pct}% kebutuhannya",
        "Your supply meets about {pct}% of its need",
    ),
    "per": (" per {period}", " per {period}"),
}


def _t(key: str, lang: str, **values) -> str:
    return _TEXT[key][1 if lang == "en" else 0].format(**values)


def amount_text(flow: Flow, lang: str = "id") -> str:
    """``800 kg`` in the reader's language (units and thousands separators)."""
    q = flow.quantity
    number = f"{q:,.0f}" if float(q).is_integer() else f"{q:,.2f}".rstrip("0")
    if lang != "en":
        number = number.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    unit = flows.UNITS.get(flow.unit or "", (flow.unit or "", flow.unit or ""))[
        1 if lang == "en" else 0
    ]
    return f"{number} {unit}"


def link_reasons(link: Link, fit: float, qfit: float | None, lang: str = "id") -> list[str]:
    """Plain-word reasons: what the other side produces or needs, how far, how much."""
    taxonomy = default_taxonomy()
    commodity = taxonomy.get(link.commodity)
    name = commodity.name_en if lang == "en" else commodity.name
    theirs = link.their_flow
    kind = "supplies" if link.direction == SUPPLIER else "sources"
    if theirs is None:
        first = _t("makes", lang, name=name)
    elif theirs.quantity is not None and theirs.unit:
        period = flows.PERIODS.get(theirs.period or "month")[1 if lang == "en" else 0]
        first = _t(
            kind,
            lang,
            amount=amount_text(theirs, lang),
            name=taxonomy.get(theirs.key).name_en
            if lang == "en"
            else taxonomy.get(theirs.key).name,
            per=_t("per", lang, period=period),
        )
    else:
        their_name = taxonomy.get(theirs.key)
        first = _t(
            kind + "_any", lang, name=their_name.name_en if lang == "en" else their_name.name
        )
    where = _t("same", lang) if link.km < 1 else _t("km", lang, km=f"{link.km:.0f}")
    reasons = [f"{first}, {where}"]
    if qfit is not None:
        reasons.append(
            _t("covers_" + link.direction, lang)
            if qfit >= 1
            else _t("share_" + link.direction, lang, pct=max(1, round(qfit * 100)))
        )
    return reasons
