"""Commodity taxonomy: resolve free-text commodity names to canonical entries.

People type commodities with typos and synonyms, in Indonesian or English
("aloe vera", "lidah buya", "madu trigona"). The taxonomy maps such text to a
:class:`Commodity` of ``matcher/data/commodities.json``. Resolution order:

1. exact match of the normalised text on a name, English name or synonym
   (also after folding simple plurals and reduplication: "beads", "manik-manik");
2. the longest known name/synonym contained in the text as whole words
   ("kerupuk ikan tenggiri" -> kerupuk ikan);
3. fuzzy match (``fuzz.ratio``) of the whole text, then of its sub-phrases
   with a stricter cutoff.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from matcher.codes import SECTORS

DEFAULT_PATH = Path(__file__).parent / "data" / "commodities.json"

# fuzz.ratio cutoff for the whole text: one typo in a word of 7+ letters
# ("amplank" = 85.7) passes, while unrelated words of similar length stay below.
FUZZY_CUTOFF = 85.0
# Words of up to SHORT_LEN letters are one edit away from many other words
# ("karpet" ~ "karet" = 90.9), so pairs involving one need FUZZY_SHORT_CUTOFF.
SHORT_LEN = 6
FUZZY_SHORT_CUTOFF = 92.0
# Stricter cutoff for sub-phrases of a longer text, to avoid false hits.
FUZZY_PHRASE_CUTOFF = 90.0
SUGGEST_CUTOFF = 75.0  # fuzzy prefix cutoff for suggest()
FUZZY_MIN_LEN = 4  # shorter texts are never matched fuzzily
_CACHE_LIMIT = 50_000
_MISSING = object()
_FIELDS = {"key", "name", "name_en", "sector", "synonyms", "related"}

# Single words that are also common Indonesian words, with the preceding words
# that mark the non-commodity sense in running text ("tidak tahu" = "don't know").
_NOT_A_COMMODITY = {
    "tahu": frozenset(
        {
            "tidak",
            "tak",
            "belum",
            "belom",
            "sudah",
            "ingin",
            "mau",
            "perlu",
            "kurang",
            "lebih",
            "agar",
            "supaya",
            "biar",
            "untuk",
            "ga",
            "gak",
            "nggak",
            "tdk",
            "blm",
            "pengen",
            "cari",
            "mencari",
            "memberi",
        }
    )
}

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lowercase, strip accents, treat '-', '_' and punctuation as space, collapse spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _PUNCT.sub(" ", text.lower())
    return _SPACE.sub(" ", text).strip()


def _singular(token: str) -> str:
    if len(token) >= 4 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def _fold(tokens: list[str]) -> list[str]:
    """Fold plurals ("beads") and reduplication ("manik manik") of normalised tokens."""
    out: list[str] = []
    for tok in tokens:
        tok = _singular(tok)
        if not out or out[-1] != tok:
            out.append(tok)
    return out


def _fold_text(text: str) -> str:
    return " ".join(_fold(normalise(text).split()))


# Sectors of businesses that make something of their raw material: what a
# business makes decides its sector over what it buys (see derive_business_sector).
PROCESSING_SECTORS = frozenset({"home_industry", "craft"})


@dataclass(frozen=True)
class Commodity:
    """One canonical commodity of the taxonomy."""

    key: str
    name: str
    name_en: str
    sector: str
    synonyms: tuple[str, ...] = ()
    related: frozenset[str] = frozenset()

    def terms(self) -> tuple[str, ...]:
        """Name, English name, key and synonyms (raw, not normalised)."""
        return (self.name, self.name_en, self.key, *self.synonyms)


@dataclass(frozen=True)
class CommodityMatch:
    """Result of resolving one free-text term."""

    commodity: Commodity
    text: str  # what the user typed
    score: float  # rapidfuzz similarity 0..100
    exact: bool  # True when the normalised text equals the name or a synonym


class Taxonomy:
    """Immutable set of commodities with fast look-ups for free text."""

    def __init__(self, commodities: Iterable[Commodity]):
        items = list(commodities)
        by_key: dict[str, Commodity] = {}
        for c in items:
            if c.key in by_key:
                raise ValueError(f"commodity {c.key!r}: duplicate key")
            if c.sector not in SECTORS:
                raise ValueError(f"commodity {c.key!r}: unknown sector {c.sector!r}")
            by_key[c.key] = c
        links: dict[str, set[str]] = {k: set() for k in by_key}
        for c in items:
            for other in c.related:
                if other not in by_key:
                    raise ValueError(f"commodity {c.key!r}: related key {other!r} not found")
                if other != c.key:
                    links[c.key].add(other)
                    links[other].add(c.key)
        self._by_key = {k: replace(c, related=frozenset(links[k])) for k, c in by_key.items()}
        # normalised term -> commodity; names win over English names over synonyms
        self._exact: dict[str, Commodity] = {}
        self._folded: dict[str, Commodity] = {}
        for rank in range(3):
            for c in self._by_key.values():
                terms = [c.name] if rank == 0 else [c.name_en, c.key] if rank == 1 else c.synonyms
                for term in terms:
                    norm = normalise(term)
                    if norm:
                        self._exact.setdefault(norm, c)
                        self._folded.setdefault(_fold_text(norm), c)
        self._max_words = max((len(t.split()) for t in self._folded), default=1)
        self._choices = list(self._exact)
        self._terms = {k: [normalise(t) for t in c.terms()] for k, c in self._by_key.items()}
        self._cache: dict[str, CommodityMatch | None] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> Taxonomy:
        """Load and validate a JSON file (default: ``matcher/data/commodities.json``).

        Raises ``ValueError`` naming the entry for a missing field, unknown sector,
        duplicate key or unknown related key.
        """
        path = Path(path) if path is not None else DEFAULT_PATH
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise ValueError(f"{path}: expected a JSON list of commodities")
        items = []
        for i, entry in enumerate(data):
            where = f"{path}: entry {i}"
            if not isinstance(entry, dict):
                raise ValueError(f"{where}: not an object")
            where += f" ({entry.get('key')!r})"
            if unknown := set(entry) - _FIELDS:
                raise ValueError(f"{where}: unknown field(s) {sorted(unknown)}")
            for field in ("key", "name", "name_en", "sector"):
                if not isinstance(entry.get(field), str) or not entry[field].strip():
                    raise ValueError(f"{where}: missing or empty {field!r}")
            for field in ("synonyms", "related"):
                value = entry.setdefault(field, [])
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ValueError(f"{where}: {field!r} must be a list of strings")
            items.append(
                Commodity(
                    entry["key"],
                    entry["name"],
                    entry["name_en"],
                    entry["sector"],
                    tuple(entry["synonyms"]),
                    frozenset(entry["related"]),
                )
            )
        try:
            return cls(items)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self):
        return iter(self._by_key.values())

    def get(self, key: str) -> Commodity:
        """Commodity by key; ``KeyError`` if unknown."""
        return self._by_key[key]

    def _spans(self, tokens: list[str]):
        """Known terms in ``tokens`` as ``(start, words, commodity)``, longest first."""
        for n in range(min(self._max_words, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                hit = self._folded.get(" ".join(tokens[i : i + n]))
                if hit is not None:
                    yield i, n, hit

    def resolve(self, text: str) -> CommodityMatch | None:
        """Best commodity for a free-text term, or ``None`` when nothing is close enough."""
        result = self._cache.get(text, _MISSING)
        if result is not _MISSING:
            return result
        result = self._resolve(text)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[text] = result
        return result

    def _resolve(self, text: str) -> CommodityMatch | None:
        norm = normalise(text)
        if not norm:
            return None
        hit = self._exact.get(norm)
        if hit is not None:
            return CommodityMatch(hit, text, 100.0, True)
        tokens = _fold(norm.split())
        folded = " ".join(tokens)
        hit = self._folded.get(folded)
        if hit is not None:  # only a plural/reduplication away: not "exact"
            return CommodityMatch(hit, text, 100.0, False)
        span = next(self._spans(tokens), None)
        found = (span[2], " ".join(tokens[span[0] : span[0] + span[1]])) if span else None
        if len(norm) >= FUZZY_MIN_LEN:
            # a typo of a longer term ("kopi liberca") beats a shorter contained one ("kopi")
            best = self._fuzzy(norm, FUZZY_CUTOFF)
            if best is None and len(tokens) > 1:
                best = self._fuzzy_phrase(tokens)
            if best is not None and (
                found is None
                or (len(best[0]) >= len(found[1]) and self._exact[best[0]] != found[0])
            ):
                return CommodityMatch(self._exact[best[0]], text, float(best[1]), False)
        if found is not None:
            return CommodityMatch(found[0], text, fuzz.token_set_ratio(folded, found[1]), False)
        return None

    def _fuzzy(self, norm: str, cutoff: float) -> tuple[str, float] | None:
        """Best term by ``fuzz.ratio``; pairs involving a short word need ``FUZZY_SHORT_CUTOFF``."""
        for term, score, _ in process.extract(
            norm, self._choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
        ):
            if score >= FUZZY_SHORT_CUTOFF or min(len(term), len(norm)) > SHORT_LEN:
                return term, score
        return None

    def _fuzzy_phrase(self, tokens: list[str]) -> tuple[str, float] | None:
        """Best fuzzy match of a sub-phrase that is not itself a known term
        (longest phrases first, stricter cutoff)."""
        for n in range(min(self._max_words, len(tokens) - 1), 0, -1):
            best = None
            for i in range(len(tokens) - n + 1):
                phrase = " ".join(tokens[i : i + n])
                if len(phrase) < 6 or phrase in self._folded:
                    continue
                hit = self._fuzzy(phrase, FUZZY_PHRASE_CUTOFF)
                if hit is not None and (best is None or hit[1] > best[1]):
                    best = hit
            if best is not None:
                return best[0], best[1]
        return None

    def resolve_all(self, texts: Iterable[str]) -> list[CommodityMatch]:
        """Resolve each text, skipping those that do not resolve."""
        return [m for m in map(self.resolve, texts) if m is not None]

    def find_in_text(self, text: str) -> list[Commodity]:
        """Commodities named (as whole words/phrases) inside a longer text.

        Longest matches win and do not overlap; order of first appearance, no duplicates.
        """
        tokens = _fold(normalise(text).split())
        taken = [False] * len(tokens)
        hits: list[tuple[int, Commodity]] = []
        for i, n, hit in self._spans(tokens):
            if any(taken[i : i + n]) or (
                n == 1 and i > 0 and tokens[i - 1] in _NOT_A_COMMODITY.get(tokens[i], ())
            ):
                continue
            hits.append((i, hit))
            taken[i : i + n] = [True] * n
        result: list[Commodity] = []
        for _, c in sorted(hits, key=lambda h: h[0]):
            if c not in result:
                result.append(c)
        return result

    def suggest(self, prefix: str, limit: int = 10) -> list[Commodity]:
        """Autocomplete: commodities whose name, then synonym, then any word starts
        with ``prefix``; filled up with fuzzy matches."""
        norm = normalise(prefix)
        if not norm or limit <= 0:
            return []
        tiers: list[list[Commodity]] = [[], [], []]
        for c in sorted(self._by_key.values(), key=lambda c: c.name):
            terms = self._terms[c.key]
            if terms[0].startswith(norm):
                tiers[0].append(c)
            elif any(t.startswith(norm) for t in terms[1:]):
                tiers[1].append(c)
            elif any(w.startswith(norm) for t in terms for w in t.split()):
                tiers[2].append(c)
        out = [c for tier in tiers for c in tier][:limit]
        if len(out) < limit and len(norm) >= 3:
            # typo-tolerant prefix: compare with the same-length start of each term
            scored = sorted(
                ((fuzz.ratio(norm, t[: len(norm)]), t) for t in self._choices),
                key=lambda st: -st[0],
            )
            for score, term in scored:
                if score < SUGGEST_CUTOFF or len(out) >= limit:
                    break
                if self._exact[term] not in out:
                    out.append(self._exact[term])
        return out

    def are_related(self, a: str, b: str) -> bool:
        """True when keys ``a`` and ``b`` are the same or listed as related (symmetric)."""
        if a == b:
            return True
        c = self._by_key.get(a)
        return c is not None and b in c.related

    def derive_sector(self, texts: Iterable[str]) -> str | None:
        """Majority sector of the resolved texts (ties: first seen); ``None`` if none resolve."""
        counts: dict[str, int] = {}
        for m in self.resolve_all(texts):
            counts[m.commodity.sector] = counts.get(m.commodity.sector, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda s: counts[s])

    def spelled(self, text: str, min_ratio: float = 85) -> Commodity | None:
        """The commodity that the whole of ``text`` is a way of writing (a
        typo such as "lidah buya" included), or ``None``: unlike :meth:`resolve`,
        not a commodity only part of the text names ("toko kopi")."""
        hit = self.resolve(text)
        if hit is None:
            return None
        typed = normalise(text)
        c = hit.commodity
        for term in (c.name, c.name_en, *c.synonyms):
            if fuzz.ratio(typed, normalise(term)) >= min_ratio:
                return c
        return None

    def derive_business_sector(
        self, commodities: Iterable[str], description: str = ""
    ) -> str | None:
        """Sector of a business from what it makes: its commodities' sector,
        unless it makes a processed product (home industry, craft) of them, named
        among its commodities or, as related to one of them, in its ``description``
        (an aloe-vera drinks maker is home industry, not agriculture). Without
        commodities that resolve, the commodities its description names."""
        resolved = [m.commodity for m in self.resolve_all(commodities)]
        found = self.find_in_text(description) if description else []
        if not resolved:
            return self.derive_sector(c.name for c in found)
        keys = {c.key for c in resolved}
        made = [c for c in resolved if c.sector in PROCESSING_SECTORS]
        made += [
            c
            for c in found
            if c.sector in PROCESSING_SECTORS
            and c.key not in keys
            and (c.related & keys or any(c.key in r.related for r in resolved))
        ]
        if made:
            return self.derive_sector(c.name for c in made)
        return self.derive_sector(c.name for c in resolved)

    def names(self) -> list[str]:
        """Canonical (Indonesian) names of all commodities, sorted."""
        return sorted(c.name for c in self._by_key.values())


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The taxonomy of the default data file, loaded once."""
    return Taxonomy.load()
