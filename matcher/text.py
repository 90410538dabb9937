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

from matcher.sparse import SparseRows
from matcher.stemmer import stem_options

STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords_id.txt"
GENERIC_PATH = Path(__file__).parent / "data" / "generic_words_id.txt"
CONCEPTS_PATH = Path(__file__).parent / "data" / "service_concepts.json"
PHRASE_JOIN = "_"  # joins the two stems of a phrase feature ("lidah_buaya")
# prefix of a service-concept feature ("c_halal"); it holds PHRASE_JOIN, so
# that, like a phrase, it is an exact unit without character n-grams
CONCEPT_PREFIX = "c" + PHRASE_JOIN
CONCEPT_SPAN = 2  # a refusal word this many words before a concept cancels it

_REDUPLICATION = re.compile(r"\b([a-z0-9]+)-\1\b")
# One permit, three official spellings: SPP-IRT, P-IRT, PIRT. Each variant
# is looked for only in texts that hold its key.
_VARIANTS = (("irt", re.compile(r"\b(?:spp|p)[\s-]?irt\b"), "pirt"),)
# Words are the runs of [a-z0-9] in normalised (ASCII, lowercase) text: every
# other character separates them.
_SEPARATORS = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isdigit() or "a" <= chr(c) <= "z")}
)
ROW_CACHE_SIZE = 20_000  # query texts whose TF-IDF rows a model keeps
# A word found in more than this share of the catalogue's offerings tells
# nothing about one of them: no reason names it (catalogues of 20 or more).
KEYWORD_MAX_DF = 0.2


def _word_list(path: Path) -> frozenset[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The curated stopword list of ``matcher/data/stopwords_id.txt`` (surface forms)."""
    return _word_list(STOPWORDS_PATH)


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Generic business words of ``matcher/data/generic_words_id.txt``: no
    keyword alone, but part of phrases (surface forms)."""
    return _word_list(GENERIC_PATH)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words of the province's and regencies' names (and their titles): where
    a business is, the region feature weighs; its name is never a keyword."""
    from matcher.codes import PROVINCE_NAME, REGENCIES

    names = [PROVINCE_NAME, *REGENCIES.values(), "kab kabupaten kota provinsi prov kalbar"]
    return frozenset(w for name in names for w in tokenize(name))


@lru_cache(maxsize=1)
def service_concepts() -> tuple[dict[str, tuple], frozenset[str]]:
    """The service concepts of ``matcher/data/service_concepts.json``: per
    first word, the (words, concept key) of the forms that start with it,
    longest first; and the refusal words."""
    import json

    data = json.loads(CONCEPTS_PATH.read_text(encoding="utf-8"))
    forms: dict[str, list] = {}
    for key, names in data["concepts"].items():
        for name in names:
            words = tuple(tokenize(name))
            if words:
                forms.setdefault(words[0], []).append((words, key))
    table = {w: tuple(sorted(f, key=lambda x: -len(x[0]))) for w, f in forms.items()}
    return table, frozenset(data.get("refusals", ()))


def concepts_in(tokens: list[str]) -> list[str]:
    """The service concepts ``tokens`` name (once per mention, as features
    ``c_<key>``), less those named right after a refusal word ("bukan untuk
    beli kendaraan")."""
    table, refusals = service_concepts()
    out: list[str] = []
    for i, word in enumerate(tokens):
        forms = table.get(word)
        if not forms:
            continue
        for words, key in forms:
            if tuple(tokens[i : i + len(words)]) == words:
                if not refusals.intersection(tokens[max(0, i - CONCEPT_SPAN) : i]):
                    out.append(CONCEPT_PREFIX + key)
                break
    return out


@lru_cache(maxsize=1)
def concept_labels() -> dict[str, tuple[str, str]]:
    """Per concept key, what the help does in plain words: (Bahasa Indonesia,
    English), from ``labels`` in the concept file. Raises ``ValueError``
    naming a concept without both."""
    import json

    data = json.loads(CONCEPTS_PATH.read_text(encoding="utf-8"))
    labels = data.get("labels", {})
    for key in data["concepts"]:
        pair = labels.get(key)
        if not (isinstance(pair, list) and len(pair) == 2 and all(pair)):
            raise ValueError(f"{CONCEPTS_PATH.name}: concept {key!r} needs labels [id, en]")
    return {key: tuple(labels[key]) for key in data["concepts"]}


@lru_cache(maxsize=1)
def narrow_concepts() -> frozenset[str]:
    """Keys of the concepts of help for one purpose only (``narrow`` in the file)."""
    import json

    return frozenset(json.loads(CONCEPTS_PATH.read_text(encoding="utf-8")).get("narrow", ()))


# A clause of an offering that says what it is not for ("tidak memakai daging,
# kulit ...", "tidak menerima sayuran daun", "kecuali ..."), up to the end of
# the sentence or a word that turns it ("yang", "namun", "seperti"). Quality
# terms ("tidak tercampur", "tidak busuk") are no such clause.
EXCLUSION = re.compile(
    r"\b(?:(?:tidak|bukan)\s+(?:menerima|memakai|mengandung|melayani|membeli|mengambil|untuk)"
    r"|kecuali)\b((?:(?!\b(?:yang|namun|tetapi|melainkan|seperti)\b)[^.;:!?()])*)"
)


def excluded_words(text: str) -> frozenset[str]:
    """Words an offering's own text excludes (see EXCLUSION), less stopwords,
    generic words, place names and words the text also uses outside such a
    clause (a buyer of sweet corn that takes no shelled corn still buys corn)."""
    norm = normalise(text)
    clauses = EXCLUSION.findall(norm)
    if not clauses:
        return frozenset()
    skip = stopwords() | generic_words() | place_words()
    skip |= set(tokenize(EXCLUSION.sub(" ", norm)))
    return frozenset(w for clause in clauses for w in tokenize(clause) if w not in skip)


def refused_concepts(text: str) -> list[str]:
    """Keys of the service concepts ``text`` names right after a refusal word
    ("bukan untuk beli kendaraan": what a need says it does not want)."""
    table, refusals = service_concepts()
    lowered = text.lower()
    if not any(word in lowered for word in refusals):
        return []
    tokens = tokenize(text)
    out = []
    for i, word in enumerate(tokens):
        for words, key in table.get(word, ()):
            if tuple(tokens[i : i + len(words)]) == words:
                if refusals.intersection(tokens[max(0, i - CONCEPT_SPAN) : i]):
                    out.append(key)
                break
    return out


def normalise(text: str) -> str:
    """Lowercase, strip accents and unify spelling variants of domain terms."""
    text = str(text)
    if not text.isascii():  # "café" -> "cafe"; other non-ASCII signs are not words
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    for key, pattern, replacement in _VARIANTS:
        if key in text:
            text = pattern.sub(replacement, text)
    return text


def tokenize(text: str) -> list[str]:
    """Words of ``text`` (after :func:`normalise`); reduplication "manik-manik"
    becomes "manik", other hyphenated words are split; pure numbers are dropped."""
    text = normalise(text)
    if "-" in text:
        text = _REDUPLICATION.sub(r"\1", text)
    return [w for w in text.translate(_SEPARATORS).split() if len(w) >= 2 and not w.isdigit()]


class IndonesianAnalyzer:
    """Callable analyser for scikit-learn vectorisers: text -> list of stems.

    Parameters
    ----------
    stop_words : iterable of str, optional
        Surface forms to drop; default :func:`stopwords`.

    :meth:`fit` records which stems a corpus attests (``lexicon_``), so
    ambiguous words pick an attested reading, and a readable surface form per
    stem (``surface_``). Unfitted, the first (rule-preferred) reading is used.
    """

    def __init__(self, stop_words: Iterable[str] | None = None):
        self.stop_words = stop_words

    def fit(self, texts: Iterable[str]) -> IndonesianAnalyzer:
        """Learn the attested stems (and a readable surface form per stem)."""
        return self.fit_tokens(tokenize(t) for t in texts)

    def fit_tokens(self, token_lists: Iterable[list[str]]) -> IndonesianAnalyzer:
        """:meth:`fit` on already tokenised texts."""
        self.stop_words_ = self._stop_words()
        words = Counter(w for tokens in token_lists for w in tokens if w not in self.stop_words_)
        lexicon = set(words)
        for word in words:
            options = stem_options(word)
            if len(options) <= 2:  # one reading besides the word itself
                lexicon.add(options[0])
        self.lexicon_ = frozenset(lexicon)
        self._cache = {}
        surfaces: dict[str, Counter] = {}
        for word, count in words.items():
            surfaces.setdefault(self.stem(word), Counter())[word] += count
        self.surface_ = {
            s: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
            for s, c in surfaces.items()
        }
        return self

    def _stop_words(self) -> frozenset[str]:
        """The fitted stop words, or (unfitted) those the parameter names."""
        fitted = self.__dict__.get("stop_words_")
        if fitted is not None:
            return fitted
        return stopwords() if self.stop_words is None else frozenset(self.stop_words)

    def stems(self, tokens: list[str]) -> list[str]:
        """Stems of tokenised text, stopwords removed."""
        cache, stop_words = self.__dict__.setdefault("_cache", {}), self._stop_words()
        return [cache.get(w) or self.stem(w) for w in tokens if w not in stop_words]

    def stem(self, word: str) -> str:
        """Stem of one lowercase word."""
        cache = self.__dict__.setdefault("_cache", {})  # a memo, not learned state
        cached = cache.get(word)
        if cached is None:
            options = stem_options(word)
            lexicon = self.__dict__.get("lexicon_", frozenset())
            cached = next((o for o in options if o != word and o in lexicon), options[0])
            if len(cache) < 200_000:
                cache[word] = cached
        return cached

    def __call__(self, text: str) -> list[str]:
        return self.stems(tokenize(text))

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state.pop("_cache", None)
        return state


class CharGrams:
    """Analyser: character n-grams of each word, padded with spaces like
    scikit-learn's ``char_wb``, cached per word (stems repeat a lot)."""

    def __init__(self, ngram_range: tuple[int, int] = (3, 5)):
        self.ngram_range = ngram_range

    def grams(self, word: str) -> list[str]:
        cache = self.__dict__.setdefault("_cache", {})  # a memo, made on first use
        cached = cache.get(word)
        if cached is None:
            padded = f" {word} "
            lo, hi = self.ngram_range
            cached = [
                padded[i : i + n] for n in range(lo, hi + 1) for i in range(len(padded) - n + 1)
            ] or [padded]
            if len(cache) < 500_000:
                cache[word] = cached
        return cached

    def __call__(self, text: str) -> list[str]:
        out: list[str] = []
        for word in text.split():
            out.extend(self.grams(word))
        return out

    def __getstate__(self) -> dict:
        return {"ngram_range": self.ngram_range}


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

    def __init__(
        self,
        char_weight: float = 0.3,
        char_ngrams: tuple[int, int] = (3, 5),
        char_max_df: float = 0.1,
        phrases: bool = False,
        generic: bool = False,
        places: bool = True,
        concepts: bool = True,
    ):
        self.char_weight = char_weight
        self.char_ngrams = char_ngrams
        self.char_max_df = char_max_df
        self.phrases = phrases
        self.generic = generic
        self.places = places
        self.concepts = concepts

    def terms(self, text_or_tokens) -> list[str]:
        """Features of a text (or its tokens): the stems of its words, less
        stopwords, place names and (if ``generic``) generic words, plus (if
        ``phrases``) each two neighbouring stems as one phrase feature
        ("lidah_buaya"); a stopword or place name breaks a phrase."""
        tokens = tokenize(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        analyzer = self.analyzer_
        stop = analyzer.stop_words_
        generic = self.generic_ if self.generic else frozenset()
        cache = analyzer.__dict__.setdefault("_cache", {})
        out: list[str] = []
        previous = None
        for word in tokens:
            if word in stop:
                previous = None
                continue
            stem = cache.get(word) or analyzer.stem(word)
            if word not in generic and stem not in generic:
                out.append(stem)
            if previous is not None and self.phrases:
                out.append(previous + PHRASE_JOIN + stem)
            previous = stem
        if self.concepts:
            out.extend(concepts_in(tokens))
        return out

    def fit(self, texts: list[str]) -> TextModel:
        """Fit the analyser's lexicon and both vocabularies on ``texts``."""
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts: list[str]) -> sp.csr_matrix:
        """Fit on ``texts`` and return their rows (as :meth:`transform`)."""
        for cache in ("_idf_cache", "_char_cache", "_row_cache"):  # of an earlier fit
            self.__dict__.pop(cache, None)
        tokens = [tokenize(t) for t in texts]
        stop = stopwords() | (place_words() if self.places else frozenset())
        self.analyzer_ = IndonesianAnalyzer(stop_words=stop).fit_tokens(tokens)
        generic = generic_words()
        self.generic_ = generic | {self.analyzer_.stem(w) for w in generic}
        self.doc_stems_ = [self.terms(t) for t in tokens]
        stems = [" ".join(s) for s in self.doc_stems_]
        if not any(stems):
            stems = stems + ["_"]
        # character n-grams are of single stems only (phrases are exact units)
        singles = [" ".join(w for w in s if PHRASE_JOIN not in w) for s in self.doc_stems_]
        if len(singles) < len(stems):
            singles.append("_")
        self.words_ = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float32)
        words = self.words_.fit_transform(stems)
        chars = None
        if self.char_weight > 0:
            max_df = self.char_max_df if len(stems) >= 1 / max(self.char_max_df, 1e-9) else 1.0
            self.chars_ = TfidfVectorizer(
                analyzer=CharGrams(self.char_ngrams),
                sublinear_tf=True,
                dtype=np.float32,
                max_df=max_df,
            )
            try:
                chars = self.chars_.fit_transform(singles)
            except ValueError:  # near-identical documents: every n-gram is frequent
                self.chars_.set_params(max_df=1.0)
                chars = self.chars_.fit_transform(singles)
        return self._combine(words, chars)[: len(texts)]

    def transform(self, texts: list[str]) -> sp.csr_matrix:
        """Combined, L2-normalised TF-IDF query rows for ``texts``.

        The word part equals the fitted scikit-learn vectoriser's ``transform``
        (sublinear tf, idf, l2); the character part covers the words outside
        the word vocabulary only (see the class docstring).
        """
        return self.transform_rows(texts).csr()

    def transform_rows(self, texts: list[str]) -> SparseRows:
        """:meth:`transform` as :class:`~matcher.sparse.SparseRows`.

        This is on the path of every ranking call, so the rows are computed
        directly from the vocabularies (the generic validation would cost
        more than the arithmetic), and the rows of up to
        :data:`ROW_CACHE_SIZE` recent texts are kept: stock phrases and an
        MSME's own texts recur from call to call. The cache is emptied when
        full (a step that needs no lock when threads share the model).
        """
        cache = self.__dict__.setdefault("_row_cache", {})
        rows = [cache.get(text) for text in texts]
        missing = [i for i, row in enumerate(rows) if row is None]
        if missing:
            fresh = self._compute_rows([texts[i] for i in missing])
            for j, i in enumerate(missing):
                a, b = fresh.indptr[j], fresh.indptr[j + 1]
                rows[i] = (fresh.indices[a:b].copy(), fresh.data[a:b].copy())
            if len(cache) + len(missing) > ROW_CACHE_SIZE:
                cache.clear()
            cache.update((texts[i], rows[i]) for i in missing[:ROW_CACHE_SIZE])
        indptr = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum([len(cols) for cols, _ in rows], out=indptr[1:])
        if not rows:
            return SparseRows(indptr, np.zeros(0, np.int32), np.zeros(0, np.float32), self._width())
        return SparseRows(
            indptr,
            np.concatenate([cols for cols, _ in rows]),
            np.concatenate([vals for _, vals in rows]),
            self._width(),
        )

    def _width(self) -> int:
        width = len(self.words_.vocabulary_)
        if self.char_weight > 0:
            width += len(self.chars_.vocabulary_)
        return width

    def _compute_rows(self, texts: list[str]) -> SparseRows:
        """The rows of :meth:`transform_rows`, computed (for a batch at once)."""
        vocab = self.words_.vocabulary_
        chars = self.char_weight > 0
        ids = []  # per text: its words' columns, then each unknown word's n-grams'
        for text in texts:
            stems = self.terms(text)
            known = [vocab.get(w, -1) for w in stems]
            row = [np.array([i for i in known if i >= 0], dtype=np.int64)]
            if chars:
                row.extend(
                    self._char_ids(w)
                    for w, i in zip(stems, known, strict=True)
                    if i < 0 and PHRASE_JOIN not in w
                )
            ids.append(row)
        width = self._width()
        rows = np.repeat(np.arange(len(texts)), [sum(map(len, row)) for row in ids])
        cols = np.concatenate([a for row in ids for a in row] or [np.zeros(0, np.int64)])
        keys, tf = np.unique(rows * width + cols, return_counts=True)  # sorted by (row, col)
        rows, cols = keys // width, keys % width
        # sublinear tf times idf, each part (words, n-grams) scaled to its share
        # of the squared length, as the fitted vectorisers weigh them
        values = (np.log(tf.astype(np.float32)) + 1.0) * self._idf()[cols]
        part = 2 * rows + (cols >= len(vocab))
        norms = np.sqrt(np.bincount(part, values.astype(np.float64) ** 2, minlength=2 * len(texts)))
        share = np.where(
            cols >= len(vocab), np.sqrt(self.char_weight), np.sqrt(1.0 - self.char_weight)
        )
        values = (values * share / norms[part]).astype(np.float32)
        if chars:  # a row empty in one part loses that share: renormalise
            norms = np.sqrt(np.bincount(rows, values.astype(np.float64) ** 2, minlength=len(texts)))
            values = (values / norms[rows]).astype(np.float32)
        indptr = np.searchsorted(rows, np.arange(len(texts) + 1))
        return SparseRows(indptr, cols.astype(np.int32), values, width)

    def _idf(self) -> np.ndarray:
        """idf of every column: the words', then the character n-grams'."""
        idf = self.__dict__.get("_idf_cache")
        if idf is None:
            parts = [self.words_.idf_] + ([self.chars_.idf_] if self.char_weight > 0 else [])
            idf = self.__dict__["_idf_cache"] = np.concatenate(parts).astype(np.float32)
        return idf

    def _char_ids(self, word: str) -> np.ndarray:
        """Columns (after the words') of the character n-grams of one stem (cached)."""
        cache = self.__dict__.setdefault("_char_cache", {})
        ids = cache.get(word)
        if ids is None:
            vocab, offset = self.chars_.vocabulary_, len(self.words_.vocabulary_)
            ids = np.array(
                [vocab[g] + offset for g in self.chars_.analyzer.grams(word) if g in vocab],
                dtype=np.int64,
            )
            if len(cache) < 500_000:
                cache[word] = ids
        return ids

    def _combine(self, words, chars) -> sp.csr_matrix:
        if chars is None:
            return sp.csr_matrix(words, dtype=np.float32)
        out = sp.hstack(
            [
                words * np.float32(np.sqrt(1.0 - self.char_weight)),
                chars * np.float32(np.sqrt(self.char_weight)),
            ],
            format="csr",
        )
        # a row empty in one part loses that share: renormalise to unit length
        norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.data /= np.repeat(norms, np.diff(out.indptr)).astype(np.float32)
        return out

    def shared_terms(self, query: str | set[str], document: int, limit: int = 3) -> list[str]:
        """Stems shared by ``query`` (text, or its set of stems) and fitted
        document number ``document``, most informative first, in readable form."""
        q = set(self.terms(query)) if isinstance(query, str) else query
        document_stems = self.doc_stems_[document]
        vocab = self.words_.vocabulary_
        idf = self.words_.idf_
        n_docs = len(self.doc_stems_)
        # idf = ln((1 + n) / (1 + df)) + 1: the idf of a word in KEYWORD_MAX_DF of them
        floor = np.log((1 + n_docs) / (1 + KEYWORD_MAX_DF * n_docs)) + 1 if n_docs >= 20 else 0.0
        common = [
            s
            for s in q
            if s in vocab
            and s in document_stems
            and s not in self.generic_
            and not s.startswith(CONCEPT_PREFIX)
            and idf[vocab[s]] >= floor
        ]
        # two shared words next to each other in the document are named as
        # the phrase they make ("lidah buaya"), also when phrases are no
        # features of the model
        shared = {c for c in common if PHRASE_JOIN not in c}
        if len(shared) >= 2:
            singles = [w for w in document_stems if PHRASE_JOIN not in w]
            for a, b in zip(singles, singles[1:], strict=False):
                if a != b and a in shared and b in shared:
                    common.append(a + PHRASE_JOIN + b)

        def weight(s: str) -> float:
            return max(idf[vocab[p]] for p in s.split(PHRASE_JOIN) if p in vocab)

        # most informative first; a phrase before its own words
        if len(common) > len(shared):
            common = list(dict.fromkeys(common))
        common.sort(key=lambda s: (-weight(s), PHRASE_JOIN not in s, s))
        chosen: list[str] = []
        for s in common:  # a phrase named, its words are not named again
            parts = s.split(PHRASE_JOIN)
            if any(p in c.split(PHRASE_JOIN) for c in chosen for p in parts):
                continue
            chosen.append(s)
            if len(chosen) == limit:
                break
        surface = self.analyzer_.surface_
        return [" ".join(surface.get(p, p) for p in s.split(PHRASE_JOIN)) for s in chosen]
