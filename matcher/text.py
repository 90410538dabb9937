"""Indonesian text analysis for matching: normalisation, a light stemmer, TF-IDF.

No dictionary-based stemmer is used (Sastrawi's dictionary is not licensed for
commercial use). Instead a small rule-based affix stripper reduces the common
derivations of one root to one token ("pemasaran", "memasarkan",
"dipasarkan" -> "pasar"). Where the rules are ambiguous (the nasal of
``meN-``/``peN-`` swallows the root's first letter: "mengolah" is olah,
"mengirim" is kirim) the analyser prefers the reading attested in the corpus it
was fitted on. Character n-grams of the stems add tolerance for spelling
variants ("liberica" / "liberika").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from matcher.stemmer import stem_options

STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords_id.txt"

_WORD = re.compile(r"[a-z0-9]+")
_REDUPLICATION = re.compile(r"\b([a-z0-9]+)-\1\b")
# One permit, three official spellings: SPP-IRT, P-IRT, PIRT.
_VARIANTS = ((re.compile(r"\b(?:spp|p)[\s-]?irt\b"), "pirt"),)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The curated stopword list of ``matcher/data/stopwords_id.txt`` (surface forms)."""
    words = set()
    for line in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def normalise(text: str) -> str:
    """Lowercase, strip accents and unify spelling variants of domain terms."""
    text = str(text)
    if not text.isascii():   # "café" -> "cafe"; other non-ASCII signs are not words
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    for pattern, replacement in _VARIANTS:
        text = pattern.sub(replacement, text)
    return text


def tokenize(text: str) -> list[str]:
    """Words of ``text`` (after :func:`normalise`); reduplication "manik-manik"
    becomes "manik", other hyphenated words are split; pure numbers are dropped."""
    text = _REDUPLICATION.sub(r"\1", normalise(text))
    return [w for w in _WORD.findall(text) if len(w) >= 2 and not w.isdigit()]


class IndonesianAnalyzer:
    """Callable analyser for scikit-learn vectorisers: text -> list of stems.

    :meth:`fit` records which stems a corpus attests, so ambiguous words pick
    an attested reading. Unfitted, the first (rule-preferred) reading is used.
    """

    def __init__(self, stop_words: Iterable[str] | None = None):
        self.stop_words = frozenset(stopwords() if stop_words is None else stop_words)
        self.lexicon: frozenset[str] = frozenset()
        self.surface: dict[str, str] = {}
        self._cache: dict[str, str] = {}

    def fit(self, texts: Iterable[str]) -> IndonesianAnalyzer:
        """Learn the attested stems (and a readable surface form per stem)."""
        return self.fit_tokens(tokenize(t) for t in texts)

    def fit_tokens(self, token_lists: Iterable[list[str]]) -> IndonesianAnalyzer:
        """:meth:`fit` on already tokenised texts."""
        words = Counter(w for tokens in token_lists for w in tokens if w not in self.stop_words)
        lexicon = set(words)
        for word in words:
            options = stem_options(word)
            if len(options) <= 2:   # one reading besides the word itself
                lexicon.add(options[0])
        self.lexicon = frozenset(lexicon)
        self._cache = {}
        surfaces: dict[str, Counter] = {}
        for word, count in words.items():
            surfaces.setdefault(self.stem(word), Counter())[word] += count
        self.surface = {s: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
                        for s, c in surfaces.items()}
        return self

    def stems(self, tokens: list[str]) -> list[str]:
        """Stems of tokenised text, stopwords removed."""
        return [self.stem(w) for w in tokens if w not in self.stop_words]

    def stem(self, word: str) -> str:
        """Stem of one lowercase word."""
        cached = self._cache.get(word)
        if cached is None:
            options = stem_options(word)
            cached = next((o for o in options if o != word and o in self.lexicon),
                          options[0])
            if len(self._cache) < 200_000:
                self._cache[word] = cached
        return cached

    def __call__(self, text: str) -> list[str]:
        return self.stems(tokenize(text))

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_cache"] = {}
        return state


class CharGrams:
    """Analyser: character n-grams of each word, padded with spaces like
    scikit-learn's ``char_wb``, cached per word (stems repeat a lot)."""

    def __init__(self, ngram_range: tuple[int, int] = (3, 5)):
        self.ngram_range = ngram_range
        self._cache: dict[str, list[str]] = {}

    def grams(self, word: str) -> list[str]:
        cached = self._cache.get(word)
        if cached is None:
            padded = f" {word} "
            lo, hi = self.ngram_range
            cached = [padded[i:i + n] for n in range(lo, hi + 1)
                      for i in range(len(padded) - n + 1)] or [padded]
            if len(self._cache) < 500_000:
                self._cache[word] = cached
        return cached

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        for word in text.split():
            out.extend(self.grams(word))
        return out

    def __getstate__(self) -> dict:
        return {"ngram_range": self.ngram_range, "_cache": {}}


class TextModel:
    """TF-IDF over stems (words) plus character n-grams of the stems.

    :meth:`fit_transform` gives the (catalogue) documents; :meth:`transform`
    gives queries (MSME texts). Rows are L2-normalised ``float32`` CSR
    vectors, so the dot product of a query and a document is a cosine in
    [0, 1], about ``(1 - char_weight) * cos_words + char_weight * cos_chars``.

    Character n-grams are the fallback for query words the catalogue's
    vocabulary does not know ("liberica" for "liberika", typos): a known word
    already matches exactly, and its n-gram overlap with other known words
    ("pasar" / "pasir") would only add noise and cost. N-grams found in more
    than ``char_max_df`` of the documents carry almost no information and are
    dropped.
    """

    def __init__(self, char_weight: float = 0.3, char_ngrams: tuple[int, int] = (3, 5),
                 char_max_df: float = 0.1):
        self.char_weight = char_weight
        self.char_ngrams = char_ngrams
        self.char_max_df = char_max_df

    def fit(self, texts: list[str]) -> TextModel:
        """Fit the analyser's lexicon and both vocabularies on ``texts``."""
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        """Fit on ``texts`` and return their rows (as :meth:`transform`)."""
        tokens = [tokenize(t) for t in texts]
        self.analyzer_ = IndonesianAnalyzer().fit_tokens(tokens)
        self.doc_stems_ = [self.analyzer_.stems(t) for t in tokens]
        stems = [" ".join(s) for s in self.doc_stems_]
        if not any(stems):
            stems = stems + ["_"]
        self.words_ = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
        words = self.words_.fit_transform(stems)
        chars = None
        if self.char_weight > 0:
            max_df = self.char_max_df if len(stems) >= 1 / max(self.char_max_df, 1e-9) else 1.0
            self.chars_ = TfidfVectorizer(analyzer=CharGrams(self.char_ngrams),
                                          sublinear_tf=True, dtype=np.float32, max_df=max_df)
            try:
                chars = self.chars_.fit_transform(stems)
            except ValueError:   # near-identical documents: every n-gram is frequent
                self.chars_.set_params(max_df=1.0)
                chars = self.chars_.fit_transform(stems)
        return self._combine(words, chars)[:len(texts)]

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Combined, L2-normalised TF-IDF query rows for ``texts``.

        The word part equals the fitted scikit-learn vectoriser's ``transform``
        (sublinear tf, idf, l2); the character part covers the words outside
        the word vocabulary only (see the class docstring). Computed directly
        from the vocabularies: this is on the path of every ranking call,
        where the generic validation would cost more than the arithmetic.
        """
        stems = [self.analyzer_(t) for t in texts]
        vocab = self.words_.vocabulary_
        ids = [[np.array([vocab[w] for w in row if w in vocab], dtype=np.int64)]
               for row in stems]
        parts = [_tfidf_entries(ids, self._idf("words"), 1.0 - self.char_weight, 0)]
        width = len(vocab)
        if self.char_weight > 0:
            grams = [[self._char_ids(w) for w in row if w not in vocab] for row in stems]
            parts.append(_tfidf_entries(grams, self._idf("chars"), self.char_weight, width))
            width += len(self.chars_.vocabulary_)
        rows, cols, vals = (np.concatenate(x) for x in zip(*parts, strict=True))
        if len(parts) > 1:   # a row empty in one part loses that share: renormalise
            order = np.lexsort((cols, rows))
            rows, cols, vals = rows[order], cols[order], vals[order]
            norms = np.sqrt(np.bincount(rows, vals.astype(np.float64) ** 2,
                                        minlength=len(texts)))
            vals = (vals / norms[rows]).astype(np.float32)
        indptr = np.searchsorted(rows, np.arange(len(texts) + 1))
        return sp.csr_matrix((vals, cols, indptr), shape=(len(texts), width))

    def _idf(self, part: str) -> np.ndarray:
        cache = self.__dict__.setdefault("_idf_cache", {})
        if part not in cache:
            vectorizer = self.words_ if part == "words" else self.chars_
            cache[part] = vectorizer.idf_.astype(np.float32)
        return cache[part]

    def _char_ids(self, word: str) -> np.ndarray:
        """Vocabulary columns of the character n-grams of one stem (cached)."""
        cache = self.__dict__.setdefault("_char_cache", {})
        ids = cache.get(word)
        if ids is None:
            vocab = self.chars_.vocabulary_
            ids = np.array([vocab[g] for g in self.chars_.analyzer.grams(word) if g in vocab],
                           dtype=np.int32)
            if len(cache) < 500_000:
                cache[word] = ids
        return ids

    def _combine(self, words, chars) -> sp.csr_matrix:
        if chars is None:
            return sp.csr_matrix(words, dtype=np.float32)
        out = sp.hstack([words * np.float32(np.sqrt(1.0 - self.char_weight)),
                         chars * np.float32(np.sqrt(self.char_weight))], format="csr")
        # a row empty in one part loses that share: renormalise to unit length
        norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.data /= np.repeat(norms, np.diff(out.indptr)).astype(np.float32)
        return out

    def shared_terms(self, query: str | set[str], document: int, limit: int = 3) -> list[str]:
        """Stems shared by ``query`` (text, or its set of stems) and fitted
        document number ``document``, most informative first, in readable form."""
        q = set(self.analyzer_(query)) if isinstance(query, str) else query
        d = set(self.doc_stems_[document])
        vocab = self.words_.vocabulary_
        idf = self.words_.idf_
        common = [s for s in q & d if s in vocab]
        common.sort(key=lambda s: (-idf[vocab[s]], s))
        return [self.analyzer_.surface.get(s, s) for s in common[:limit]]


def _tfidf_entries(ids: list[list[np.ndarray]], idf: np.ndarray, share: float, offset: int):
    """``(rows, cols, values)`` of TF-IDF rows, sorted by (row, col), as a fitted
    ``TfidfVectorizer(sublinear_tf=True)`` weighs them, each row scaled to
    squared length ``share``; ``ids[r]`` holds arrays of the vocabulary columns
    of the tokens of row ``r``."""
    lengths = [sum(len(a) for a in row) for row in ids]
    flat = [a for row in ids for a in row]
    cols = np.concatenate(flat).astype(np.int64) if flat else np.zeros(0, np.int64)
    rows = np.repeat(np.arange(len(ids)), lengths)
    width = len(idf)
    keys, tf = np.unique(rows * width + cols, return_counts=True)
    rows, cols = keys // width, keys % width
    values = (np.log(tf.astype(np.float32)) + 1.0) * idf[cols]
    norms = np.sqrt(np.bincount(rows, values.astype(np.float64) ** 2, minlength=len(ids)))
    values = (values * np.sqrt(share) / norms[rows]).astype(np.float32)
    return rows, (cols + offset).astype(np.int32), values
