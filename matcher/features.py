"""Fit-time encoding of the catalogue and query-time encoding of MSMEs.

:class:`OfferingIndex` turns the offerings into arrays and sparse matrices
once (field codes, commodity and sector indicators, region levels,
eligibility tables, TF-IDF); :class:`MsmeBatch` encodes a batch of MSME
profiles against it. :mod:`matcher.scoring` computes the features from both.
"""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from matcher.codes import (
    CERTIFICATIONS,
    FIELDS,
    LEGAL_FORMS,
    NATIONAL,
    PROVINCE,
    REGENCIES,
    SCALES,
    SECTORS,
)
from matcher.commodities import normalise as normalise_commodity
from matcher.derived import default_derived
from matcher.sparse import SparseRows
from matcher.text import (
    CONCEPT_PREFIX,
    TextModel,
    excluded_words,
    narrow_concepts,
    refused_concepts,
    tokenize,
)

FIELD_CODES = tuple(FIELDS)
SECTOR_CODES = tuple(SECTORS)
SCALE_CODES = tuple(SCALES)
LEGAL_CODES = tuple(LEGAL_FORMS)
REGENCY_CODES = tuple(REGENCIES)

# Fields whose offerings also help a need of the neighbouring field: finding
# buyers is marketing and networking alike, and selling online is marketing
# through IT. Half the credit of the need's own field.
ADJACENT_FIELDS = (("marketing", "networking"), ("marketing", "it"))
ADJACENT_AFFINITY = 0.5
# Need substance over field label: an offering of any other field earns the
# rest of the affinity as its words show that it does what the need asks,
# ``affinity + (1 - affinity) * CROSS_FIELD * evidence ** CROSS_POWER`` with
# the need's text evidence e: the lesser of its relative evidence (1 = as
# close as the best offering of the need's own field) and its cosine's place
# between CROSS_FLOOR (0) and CROSS_COSINE (1), so that a field with nothing
# close does not make a faint likeness (one shared generic word) enough, and
# below CROSS_FLOOR nothing crosses (which also lets scoring visit only the
# pairs above it). The power keeps a few shared words from crossing fields.
CROSS_FIELD = 1.0
CROSS_POWER = 2.0
CROSS_COSINE = 0.2
CROSS_FLOOR = 0.05
# When a need names a service concept (matcher/data/service_concepts.json),
# an offering of another field crosses only if it names one of the need's
# concepts too; otherwise its shared words are of the product, not of the
# service (a parts wholesaler for a need of working capital for parts), and
# it keeps this share of its cross-field credit.
CONCEPT_MISS = 0.0
# An offering that names a service concept one of the MSME's needs refuses
# ("modal untuk stok, bukan untuk beli kendaraan") keeps this share of its need credit.
REFUSED = 0.25
# An offering that names a concept of help for one purpose only (a vehicle loan,
# a cashier app: "narrow" in the concept file) keeps this share of its need
# credit for an MSME none of whose needs names that concept.
NARROW_MISS = 0.5
# An offering whose own text excludes a word of the MSME's commodities ("only
# for products without meat or skin" to a maker of cowhide crackers) keeps this
# share of its need credit.
EXCLUDED = 0.25
# ... and the reference of a need's text evidence is the closest offering of
# ANY field, weighed by this much (0 = the need's own field alone): an offering
# of the need's field that does something else (a cashier app for a need to
# sell on a marketplace) is then measured against the one of another field
# that does what the need asks, and does not keep full credit for its label.
SUBSTANCE_REFERENCE = 1.0

# Commodity fit: the same commodity (or a synonym), a related one (amplang ~
# kerupuk ikan: near exact), the same sector, an offering open to any
# commodity, an offering aimed at another sector. Evenly spaced but for
# "related", which should stay close to exact.
EXACT, RELATED, SECTOR, OPEN, MISMATCH = 1.0, 0.9, 0.6, 0.4, 0.0
# How far an offering aimed at the MSME's commodity counts, on its own, as
# serving a need of the offering's field: half as far as the need's own words
# in the offering. At full weight a same-field offering for the commodity that
# does not do what the need asks (an airport outlet for cloth, for a garment
# maker who needs government procurement) outranked offerings serving the
# MSME's other needs; 0.3-0.6 did better on all six judged sets alike.
COMMODITY_EVIDENCE = 0.5
# An offering that names commodities is for them: to an MSME with other
# (known) commodities of the same sector it is not a sector fit but aimed at
# someone else (a buyer of pepper is worth nothing to a cocoa grower).
OTHER_COMMODITY = 0.0
# Derived products (matcher/data/derived_products.json, matcher.derived): a
# material and a product made of it are not "related" near-exactly. An
# offering that names a product made of the MSME's material is a processor
# that buys it (PRODUCT_OF_MATERIAL); an offering that names the material of
# the MSME's product (a buyer of fresh pineapple for a maker of pineapple
# dodol) is no commodity fit of its own (MATERIAL_OF_PRODUCT).
PRODUCT_OF_MATERIAL = 0.9
MATERIAL_OF_PRODUCT = 0.4
# Regional specificity: an offering that names the MSME's regency, one for the
# whole province, a national one (evenly spaced, like the three priorities).
REGION_LEVELS = {"regency": 1.0, PROVINCE: 2 / 3, NATIONAL: 1 / 3}


# Maturity fit: an offering whose words say it is for businesses at their
# start (an incubator, a class for beginners) serves an established firm
# only this much (see matcher/data/stages.json).
STAGE_MISFIT = 0.35
STAGES_PATH = Path(__file__).parent / "data" / "stages.json"
EARLY, ESTABLISHED = 1, 2


@lru_cache(maxsize=1)
def _early_pattern() -> re.Pattern:
    terms = json.loads(STAGES_PATH.read_text(encoding="utf-8"))["early"]
    return re.compile(r"\b(?:" + "|".join(re.escape(" ".join(tokenize(t))) for t in terms) + r")\b")


def offering_stage(offering) -> int:
    """EARLY when the offering's words say it is for businesses at their start, else 0."""
    text = " ".join(tokenize(offering.title + " " + offering.description))
    return EARLY if _early_pattern().search(text) else 0


def msme_stage(profile) -> int:
    """ESTABLISHED for a small or medium firm, a CV or PT, or one with two
    certifications; EARLY for a micro (or unsized) informal business without
    any; else 0. (The profile carries no age or turnover beyond the scale.)"""
    if (
        profile.scale in ("small", "medium")
        or profile.legal_form in ("cv", "pt")
        or len(profile.certifications) >= 2
    ):
        return ESTABLISHED
    if (
        profile.scale in ("micro", None)
        and profile.legal_form in ("individual", "group", None)
        and not profile.certifications
    ):
        return EARLY
    return 0


def concept_bits(text_model: TextModel, width: int) -> np.ndarray:
    """[width] ``int64``: per TF-IDF column, the bit of the service concept it
    is (0 for words); up to 63 concepts, the rest share the last bit."""
    bits = np.zeros(width, dtype=np.int64)
    concepts = sorted(
        (w, i) for w, i in text_model.words_.vocabulary_.items() if w.startswith(CONCEPT_PREFIX)
    )
    for k, (_, column) in enumerate(concepts):
        bits[column] = np.int64(1) << min(k, 62)
    return bits


def row_concepts(bits: np.ndarray, indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Per sparse row (``indptr``, ``indices``), the OR of its columns' concept bits."""
    n = len(indptr) - 1
    if indices.size == 0 or not bits.any():
        return np.zeros(n, dtype=np.int64)
    values = bits[indices]
    starts = np.minimum(indptr[:-1], values.size - 1)
    out = np.bitwise_or.reduceat(values, starts)
    out[np.diff(indptr) == 0] = 0  # (reduceat gives an empty row the next value)
    return out


def field_affinity() -> np.ndarray:
    """[7, 7] affinity between a need's field (row) and an offering's field."""
    aff = np.eye(len(FIELD_CODES), dtype=np.float32)
    for a, b in ADJACENT_FIELDS:
        i, j = FIELD_CODES.index(a), FIELD_CODES.index(b)
        aff[i, j] = aff[j, i] = ADJACENT_AFFINITY
    return aff


def cross_affinity(aff: np.ndarray, evidence: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """Field affinity raised by the need's text evidence (see CROSS_FIELD):
    ``evidence`` relative, ``cosine`` absolute, both only read; ``aff``
    broadcasts against them."""
    if CROSS_FIELD <= 0:
        return np.broadcast_to(aff, evidence.shape).astype(np.float32)
    out = np.subtract(cosine, np.float32(CROSS_FLOOR), dtype=np.float32)
    out *= np.float32(1.0 / (CROSS_COSINE - CROSS_FLOOR))
    np.clip(out, 0.0, evidence, out=out)
    np.power(out, np.float32(CROSS_POWER), out=out)
    out *= np.float32(CROSS_FIELD)
    out *= 1.0 - aff
    out += aff
    return out


def urgency(priority: int) -> float:
    """Weight of a need by priority: 1 -> 1, 2 -> 2/3, 3 -> 1/3."""
    return (4 - min(max(int(priority), 1), 3)) / 3


def _code_index(codes: tuple[str, ...], values) -> np.ndarray:
    lookup = {c: i for i, c in enumerate(codes)}
    return np.array([lookup.get(v, -1) for v in values], dtype=np.int64)


class OfferingIndex:
    """Everything the engine needs about the catalogue, as arrays.

    Offerings are held sorted by ``external_id``; row ``i`` of every array is
    offering ``i`` of that order.
    """

    def __init__(self, offerings, taxonomy, text_model: TextModel | None = None, derived=None):
        self.offerings = sorted(offerings, key=lambda o: o.external_id)
        ids = [o.external_id for o in self.offerings]
        if len(set(ids)) != len(ids):
            dup = sorted(i for i, c in Counter(ids).items() if c > 1)
            raise ValueError(f"duplicate offering external_id(s): {dup[:5]}")
        self.taxonomy = taxonomy
        self.derived = derived if derived is not None else default_derived()
        n = len(self.offerings)
        self.ids = np.array(ids, dtype=object)
        self.partner_ids = np.array([o.partner_external_id for o in self.offerings], dtype=object)
        self.field = _code_index(FIELD_CODES, [o.field for o in self.offerings])
        self._encode_commodities()
        self._encode_regions(n)
        self._encode_eligibility(n)
        self.texts = [self._offering_text(i) for i in range(n)]
        self.stage = np.array([offering_stage(o) for o in self.offerings], dtype=np.int8)
        self.text_model = text_model or TextModel()
        self.X = self.text_model.fit_transform(self.texts)  # [n, vocabulary]
        self.XT = sp.csr_matrix(self.X.T)  # [vocabulary, n]
        # the service concepts each offering names, one bit per concept feature
        # of the vocabulary (see matcher/data/service_concepts.json)
        self.concept_bit = concept_bits(self.text_model, self.X.shape[1])
        vocabulary = self.text_model.words_.vocabulary_
        self.concept_key_bit = {
            w[len(CONCEPT_PREFIX) :]: int(self.concept_bit[i])
            for w, i in vocabulary.items()
            if w.startswith(CONCEPT_PREFIX)
        }
        self.concepts = row_concepts(self.concept_bit, self.X.indptr, self.X.indices)
        # and of those, the concepts of help for one purpose only (NARROW_MISS)
        narrow = 0
        for key in narrow_concepts():
            narrow |= self.concept_key_bit.get(key, 0)
        self.narrow = self.concepts & np.int64(narrow)
        # what each offering's own text excludes: word -> catalogue rows
        excluding: dict[str, list[int]] = {}
        for i, o in enumerate(self.offerings):
            text = " . ".join([o.title, o.description, " ".join(o.commodities)])
            for word in excluded_words(text):
                excluding.setdefault(word, []).append(i)
        self.excluding = {w: np.array(rows, dtype=np.int64) for w, rows in excluding.items()}
        # per need field: each offering's field affinity; the catalogue rows of
        # affine fields (its targets), their transposed TF-IDF block, which of
        # them are of the need's own field, and their affinity
        affinity = field_affinity()
        self.field_aff, self.field_targets, self.field_XT = [], [], []
        self.field_own, self.field_target_aff = [], []
        # and the other offerings, which only substance reaches (CROSS_FIELD)
        self.field_cross, self.field_cross_XT = [], []
        for f in range(len(FIELD_CODES)):
            aff = np.where(self.field >= 0, affinity[f][self.field], 0.0).astype(np.float32)
            targets = np.flatnonzero(aff > 0)
            self.field_aff.append(aff)
            self.field_targets.append(targets)
            self.field_XT.append(sp.csr_matrix(self.X[targets].T))
            self.field_own.append(self.field[targets] == f)
            self.field_target_aff.append(aff[targets])
            cross = np.flatnonzero(aff == 0) if CROSS_FIELD > 0 else np.zeros(0, np.int64)
            self.field_cross.append(cross)
            self.field_cross_XT.append(sp.csr_matrix(self.X[cross].T))
        read_only(self)  # fitted state, shared by every ranking call and thread

    # -- encoding -----------------------------------------------------------
    def _encode_commodities(self) -> None:
        tax = self.taxonomy
        self.keys = {c.key: i for i, c in enumerate(sorted(tax, key=lambda c: c.key))}
        self.raw_terms: dict[str, int] = {}
        rows, cols, sec_rows, sec_cols = [], [], [], []
        self.resolved: list[list] = []
        for i, o in enumerate(self.offerings):
            found = []
            for text in o.commodities:
                match = tax.resolve(text)
                if match is not None:
                    found.append(match.commodity)
                    rows.append(i)
                    cols.append(self.keys[match.commodity.key])
                else:
                    term = normalise_commodity(text)
                    if term:
                        col = self.raw_terms.setdefault(term, len(self.keys) + len(self.raw_terms))
                        rows.append(i)
                        cols.append(col)
            self.resolved.append(found)
            # declared sectors say whom the offering is for; only without them
            # do its commodities' sectors stand in
            scope = [s for s in o.sectors if s in SECTORS] or [c.sector for c in found]
            for s in scope:
                sec_rows.append(i)
                sec_cols.append(SECTOR_CODES.index(s))
        n, k = len(self.offerings), len(self.keys) + len(self.raw_terms)
        self.commodity_matrix = sp.csr_matrix(
            (np.ones(len(rows), np.float32), (rows, cols)), shape=(n, k)
        )
        self.commodity_matrix.sum_duplicates()
        self.commodity_t = sp.csr_matrix(self.commodity_matrix.T)  # [k, n]
        self.sector_t = np.zeros((len(SECTOR_CODES), n), dtype=np.float32)
        self.sector_t[sec_cols, sec_rows] = 1.0
        self.is_open = np.array(
            [not o.commodities and not o.sectors for o in self.offerings], dtype=bool
        )
        # offerings for named commodities (of the taxonomy): see OTHER_COMMODITY
        self.specific = np.array([bool(found) for found in self.resolved], dtype=bool)
        # offerings alike in (declared or derived) sectors and openness form one
        # group; the sector part of the commodity level is computed per group
        # (and in being for named commodities or not)
        keys = np.vstack([self.sector_t, self.specific[None, :], self.is_open[None, :]]).T
        groups, self.sector_group = np.unique(keys, axis=0, return_inverse=True)
        self.sector_group = self.sector_group.ravel().astype(np.intp)
        self.group_sectors_t = np.ascontiguousarray(groups[:, :-2].T, dtype=np.float32)
        self.group_specific = groups[:, -2] > 0
        self.group_open = groups[:, -1] > 0
        self.raw_max_words = max((len(t.split()) for t in self.raw_terms), default=0)
        # related[k1, k2]: commodity k1 is related to k2 (not itself), less
        # the material -> product links of matcher.derived, which are
        # product_of[material, product] and material_of[product, material]
        derived = self.derived
        pairs = {
            (c.key, o)
            for c in tax
            for o in c.related
            if o in self.keys
            and o not in derived.products_of(c.key)
            and o not in derived.materials_of(c.key)
        }
        made = {(c.key, p) for c in tax for p in derived.products_of(c.key) if p in self.keys}

        def pair_matrix(pairs):
            pairs = sorted(pairs)
            return sp.csr_matrix(
                (
                    np.ones(len(pairs), np.float32),
                    ([self.keys[a] for a, _ in pairs], [self.keys[b] for _, b in pairs]),
                ),
                shape=(k, k),
            )

        self.related = pair_matrix(pairs)
        self.product_of = pair_matrix(made)
        self.material_of = pair_matrix({(b, a) for a, b in made})

    def _encode_regions(self, n: int) -> None:
        # one column per regency, and a last one for an MSME whose regency is
        # not one of the fourteen: only province-wide and national offerings
        level = np.zeros((n, len(REGENCY_CODES) + 1), dtype=np.float32)
        for i, o in enumerate(self.offerings):
            for code in o.regions:
                if code == NATIONAL:
                    level[i] = np.maximum(level[i], REGION_LEVELS[NATIONAL])
                elif code == PROVINCE:
                    level[i] = np.maximum(level[i], REGION_LEVELS[PROVINCE])
                elif code in REGENCIES:
                    level[i, REGENCY_CODES.index(code)] = REGION_LEVELS["regency"]
        self.region_level_t = np.ascontiguousarray(level.T)  # [15, n]

    def _encode_eligibility(self, n: int) -> None:
        def allowed(codes, attr):
            # one extra column for "unknown": allowed only without a requirement
            table = np.zeros((len(codes) + 1, n), dtype=bool)
            for i, o in enumerate(self.offerings):
                required = getattr(o, attr)
                if not required:
                    table[:, i] = True
                for code in required:
                    if code in codes:
                        table[codes.index(code), i] = True
            return table

        self.scale_ok_t = allowed(SCALE_CODES, "eligible_scales")
        self.legal_ok_t = allowed(LEGAL_CODES, "eligible_legal_forms")
        certs = list(CERTIFICATIONS)
        for o in self.offerings:
            certs.extend(c for c in o.eligible_certifications if c not in certs)
        self.cert_codes = tuple(certs)
        req = np.zeros((len(certs), n), dtype=np.float32)
        for i, o in enumerate(self.offerings):
            for c in o.eligible_certifications:
                req[self.cert_codes.index(c), i] = 1.0
        self.cert_required_t = req
        self.full = np.array(
            [o.capacity is not None and o.capacity <= 0 for o in self.offerings], dtype=bool
        )
        far = np.iinfo(np.int64).max
        self.valid_until = np.array(
            [o.valid_until.toordinal() if o.valid_until else far for o in self.offerings],
            dtype=np.int64,
        )

    def _offering_text(self, i: int) -> str:
        o = self.offerings[i]
        names = [c.name for c in self.resolved[i]]
        return " \n ".join(
            [
                o.title,
                o.description,
                o.partner_description,
                " ".join(o.commodities),
                " ".join(names),
            ]
        )

    def __len__(self) -> int:
        return len(self.offerings)


class MsmeBatch:
    """A batch of MSME profiles encoded against a fitted :class:`OfferingIndex`.

    Its arrays are read-only once built: scoring only reads a batch, so that
    a kept one may serve several threads at once, and a write would raise.
    """

    def __init__(self, index: OfferingIndex, msmes):
        self.msmes = list(msmes)
        tax = index.taxonomy
        m = len(self.msmes)
        regency = {c: i for i, c in enumerate(REGENCY_CODES)}
        self.regency = np.array(
            [regency.get(p.regency, len(REGENCY_CODES)) for p in self.msmes], np.int64
        )
        self.scale = np.array(
            [
                SCALE_CODES.index(p.scale) if p.scale in SCALE_CODES else len(SCALE_CODES)
                for p in self.msmes
            ],
            np.int64,
        )
        self.legal = np.array(
            [
                LEGAL_CODES.index(p.legal_form) if p.legal_form in LEGAL_CODES else len(LEGAL_CODES)
                for p in self.msmes
            ],
            np.int64,
        )
        self.stage = np.array([msme_stage(p) for p in self.msmes], dtype=np.int8)
        self.lacking = np.ones((m, len(index.cert_codes)), dtype=np.float32)
        cert_col = {c: j for j, c in enumerate(index.cert_codes)}
        for r, p in enumerate(self.msmes):
            for c in p.certifications:
                if c in cert_col:
                    self.lacking[r, cert_col[c]] = 0.0
        k = index.commodity_matrix.shape[1]
        rows, cols = [], []
        self.sectors = np.zeros((m, len(SECTOR_CODES)), dtype=np.float32)
        self.informed = np.zeros(m, dtype=bool)
        self.resolved: list[list] = []
        for r, p in enumerate(self.msmes):
            found = resolve_msme_commodities(p, tax)
            self.resolved.append(found)
            for c in found:
                rows.append(r)
                cols.append(index.keys[c.key])
                self.sectors[r, SECTOR_CODES.index(c.sector)] = 1.0
            for col in raw_hits(index, list(p.commodities) + [c.name for c in found]):
                rows.append(r)
                cols.append(col)
            sector = p.sector or tax.derive_sector(p.commodities)
            if sector in SECTORS:
                self.sectors[r, SECTOR_CODES.index(sector)] = 1.0
            self.informed[r] = bool(found) or sector in SECTORS
        # MSMEs whose own commodities are known (see OTHER_COMMODITY)
        self.specific = np.array([bool(found) for found in self.resolved], dtype=bool)
        self.commodity = indicator_rows(np.array(rows, np.int64), np.array(cols, np.int64), m, k)
        self.related = linked_rows(self.commodity, index.related)
        self.product_of = linked_rows(self.commodity, index.product_of)
        self.material_of = linked_rows(self.commodity, index.material_of)
        # needs ordered by (field, MSME): each field's needs are one block of
        # rows, each MSME's needs of one field consecutive within it
        field_of = {c: i for i, c in enumerate(FIELD_CODES)}
        needs = sorted(
            ((r, j, n) for r, p in enumerate(self.msmes) for j, n in enumerate(p.needs)),
            key=lambda t: (field_of.get(t[2].field, -1), t[0], t[1]),
        )
        self.need_index = np.array([j for _, j, _ in needs], dtype=np.int64)  # in MSME's needs
        needs = [(r, n) for r, _, n in needs]
        self.need_owner = np.array([r for r, _ in needs], dtype=np.int64)
        self.need_field = _code_index(FIELD_CODES, [n.field for _, n in needs])
        self.need_urgency = np.array([urgency(n.priority) for _, n in needs], np.float32)
        self.need_has_text = np.array([bool(n.description.strip()) for _, n in needs], bool)
        texts = [profile_text(p, self.resolved[r]) for r, p in enumerate(self.msmes)]
        rows = index.text_model.transform_rows(texts + [n.description for _, n in needs])
        self.text_rows = rows  # profiles, then needs
        self.profile = rows.slice(0, m)
        self.need_text = rows.slice(m, len(rows))
        # offerings whose own text excludes a word of the MSME's commodities
        self.excluded: list[tuple[int, np.ndarray]] = []
        if index.excluding:
            for r, p in enumerate(self.msmes):
                hits = [
                    index.excluding[w]
                    for w in tokenize(" ".join(p.commodities))
                    if w in index.excluding
                ]
                if hits:
                    self.excluded.append((r, np.unique(np.concatenate(hits))))
        # the service concepts the MSME's needs refuse, as one mask per MSME
        self.refused = np.zeros(m, dtype=np.int64)
        for r, n in needs:
            for key in refused_concepts(n.description) if n.description else ():
                self.refused[r] |= index.concept_key_bit.get(key, 0)
        # the service concepts each need names (its description's, if it has no words)
        concepts = row_concepts(index.concept_bit, rows.indptr, rows.indices)
        self.need_concepts = np.where(
            self.need_has_text, concepts[m:], concepts[self.need_owner] if m else 0
        ).astype(np.int64)
        # per MSME, every concept one of its needs names
        self.asked = np.zeros(m, dtype=np.int64)
        np.bitwise_or.at(self.asked, self.need_owner, self.need_concepts)
        # each need's reference cosine against the whole catalogue, when known
        # beforehand (see with_need_best); scoring finds it otherwise
        self.need_best: np.ndarray | None = None
        bounds = np.searchsorted(self.need_field, np.arange(len(FIELD_CODES) + 1))
        self.field_rows = [
            slice(int(bounds[f]), int(bounds[f + 1])) for f in range(len(FIELD_CODES))
        ]
        read_only(self)

    def with_need_best(self, need_best: np.ndarray) -> MsmeBatch:
        """This batch (sharing its arrays) with each need's reference cosine
        known, from :func:`matcher.scoring.need_references`: a batch kept for
        many calls about a few offerings (``Matcher.prepare_msmes``)."""
        out = copy.copy(self)
        out.need_best = need_best
        read_only(out)
        return out

    def __len__(self) -> int:
        return len(self.msmes)


def resolve_msme_commodities(profile, taxonomy) -> list:
    """Distinct commodities of an MSME; from its description when it lists none."""
    found = [m.commodity for m in taxonomy.resolve_all(profile.commodities)]
    if not profile.commodities and profile.description:
        found = taxonomy.find_in_text(profile.description)
    return list(dict.fromkeys(found))


def raw_hits(index: OfferingIndex, texts) -> set[int]:
    """Columns of unresolved offering terms ("ikan", "keripik") that name the
    kind of product in ``texts``: an offering naming a general term covers the
    specific product ("keripik" covers "keripik keladi")."""
    hits: set[int] = set()
    if not index.raw_terms:
        return hits
    for text in texts:
        words = normalise_commodity(text).split()
        # Indonesian noun phrases put the head first: "ikan asin" is a kind of
        # ikan, "kerupuk ikan" is not; so only leading words can name the kind.
        for size in range(1, min(index.raw_max_words, len(words)) + 1):
            col = index.raw_terms.get(" ".join(words[:size]))
            if col is not None:
                hits.add(col)
    return hits


def profile_text(profile, resolved) -> str:
    """The MSME's own words about its business, plus canonical commodity names."""
    return " \n ".join(
        [profile.description, " ".join(profile.commodities), " ".join(c.name for c in resolved)]
    )


def nonzero_pairs(a, b: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """``(rows, cols)`` of the entries of ``a @ b`` (CSR matrix or
    :class:`~matcher.sparse.SparseRows` ``a`` and CSR matrix ``b``, both with
    positive entries, so no sum cancels), possibly repeated; without building
    the product."""
    owner = np.repeat(np.arange(a.shape[0]), np.diff(a.indptr))
    starts = b.indptr[a.indices]
    lens = b.indptr[a.indices + 1] - starts
    offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
    return np.repeat(owner, lens), b.indices[offsets]


def linked_rows(commodity: SparseRows, links: sp.csr_matrix) -> SparseRows:
    """[m, k] rows with 1 at each commodity that ``links`` (CSR [k, k]) links
    one of a row's commodities to; without building anything when none of the
    rows' commodities has a link (the usual case for one MSME)."""
    m, k = commodity.shape
    cols = commodity.indices
    if not cols.size or not (links.indptr[cols + 1] - links.indptr[cols]).any():
        empty = np.zeros(0, np.int32)
        return SparseRows(np.zeros(m + 1, np.int64), empty, np.zeros(0, np.float32), k)
    return indicator_rows(*nonzero_pairs(commodity, links), m, k)


def read_only(obj) -> None:
    """Mark every array attribute of ``obj`` (and the arrays of its sparse
    matrices and :class:`~matcher.sparse.SparseRows`) read-only, lists of
    them included: state that calls from several threads share."""
    stack = list(vars(obj).values())
    while stack:
        value = stack.pop()
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
        elif isinstance(value, SparseRows) or (sp.issparse(value) and value.format == "csr"):
            stack.extend((value.indptr, value.indices, value.data))
        elif isinstance(value, (list, tuple)):
            stack.extend(
                v for v in value if isinstance(v, (np.ndarray, SparseRows)) or sp.issparse(v)
            )


def indicator_rows(rows: np.ndarray, cols: np.ndarray, m: int, k: int) -> SparseRows:
    """[m, k] rows with 1 at each distinct (row, col) pair, columns sorted."""
    keys = np.unique(rows * k + cols)
    indptr = np.searchsorted(keys, np.arange(m + 1) * k)
    return SparseRows(indptr, (keys % k).astype(np.int32), np.ones(keys.size, np.float32), k)
