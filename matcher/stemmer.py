"""A light, dictionary-free Indonesian stemmer.

Rules strip the common derivational affixes: ``di-``, ``ter-``, ``ke-...-an``,
``ber-``, ``per-``, ``meN-``/``peN-`` (restoring the root's first letter that
the nasal swallowed: "memasarkan" -> pasar, "menanam" -> tanam) and the
suffixes ``-kan``, ``-an``, ``-i``, ``-nya``. Where the rules cannot decide
("mengolah": olah or kolah?) all readings are returned, most likely first;
:class:`matcher.text.IndonesianAnalyzer` picks the one its corpus attests.
Remainders shorter than four letters are never accepted, which keeps short
roots ("bahan", "ikan", "kopi") whole.
"""

from __future__ import annotations

from functools import lru_cache

MIN_STEM = 4  # shorter remainders are not accepted as stems ("bahan" stays)
_VOWELS = frozenset("aeiou")


def _prefix_remainders(word: str, depth: int = 0) -> list[tuple[str, bool]]:
    """Possible remainders after stripping derivational prefixes.

    Returns ``(remainder, needs_an)`` pairs, most likely first; ``needs_an``
    marks the ``ke-...-an`` confix whose prefix may only go with the suffix.
    """
    out: list[tuple[str, bool]] = []

    def add(rest: str, needs_an: bool = False) -> None:
        if len(rest) < 3:
            return
        if depth == 0 and rest.startswith(("per", "ber")) and len(rest) > 6:
            # second-order prefix first: di-per-baik-i, pem-ber-daya-an
            out.extend((deeper, needs_an) for deeper, _ in _prefix_remainders(rest, 1))
        out.append((rest, needs_an))

    w = word
    if depth == 1:
        add(w[3:])
        return out
    if w.startswith(("di", "ter")) and not w.startswith("dia"):
        add(w[2:] if w.startswith("di") else w[3:])
    if w.startswith("ke"):
        add(w[2:], needs_an=True)
    if w.startswith("ber"):
        add(w[3:])
    elif w.startswith("be") and len(w) > 4 and w[2] not in _VOWELS and w[3:5] == "er":
        add(w[2:])  # be-kerja, be-ternak
    for nasal in ("meny", "peny"):
        if w.startswith(nasal) and len(w) > 4 and w[4] in _VOWELS:
            add("s" + w[4:])
            add("ny" + w[4:])
            return out
    for nasal in ("meng", "peng"):
        if w.startswith(nasal) and len(w) > 4:
            rest = w[4:]
            if rest[0] in _VOWELS:
                add("k" + rest)
                add(rest)
            else:
                add(rest)
            return out
    for nasal in ("mem", "pem"):
        if w.startswith(nasal) and len(w) > 3:
            rest = w[3:]
            if rest[0] in _VOWELS:
                add("p" + rest)
                add("m" + rest)
            elif rest[0] in "bfpv":
                add(rest)
            return out
    for nasal in ("men", "pen"):
        if w.startswith(nasal) and len(w) > 3:
            rest = w[3:]
            if rest[0] in _VOWELS:
                add("t" + rest)
                add("n" + rest)
            elif rest[0] in "cdjstz":
                add(rest)
            return out
    if w.startswith("me") and len(w) > 2 and w[2] in "lrwy":
        add(w[2:])
    if w.startswith("per"):
        add(w[3:])
        if w[3:4] in _VOWELS:
            add("r" + w[3:])  # pe-rawat
    elif w.startswith("pe") and len(w) > 2 and w[2] not in _VOWELS and w[2] not in "mn":
        add(w[2:])
    return out


def _suffix_forms(rest: str, prefixed: bool, needs_an: bool) -> list[str]:
    """Stems of ``rest`` after stripping a derivational suffix, most likely first."""
    forms: list[str] = []
    if rest.endswith("kan") and len(rest) - 3 >= MIN_STEM:
        forms.append(rest[:-3])
    if rest.endswith("an") and len(rest) - 2 >= MIN_STEM:
        forms.append(rest[:-2])
    if needs_an:
        return forms
    if prefixed and rest.endswith("i") and len(rest) - 1 >= MIN_STEM:
        before = rest[-2]
        if before in _VOWELS:
            forms.extend([rest, rest[:-1]])  # "pakai" keeps its i, "biayai" loses it
        elif before != "s":  # "produksi", "koperasi" are loanwords
            forms.append(rest[:-1])
    if len(rest) >= MIN_STEM:
        forms.append(rest)
    return forms


@lru_cache(maxsize=200_000)
def stem_options(word: str) -> tuple[str, ...]:
    """Candidate stems of one lowercase word, most likely first (never empty)."""
    if len(word) > 5 and word.endswith("nya"):
        word = word[:-3]
    options: list[str] = []
    for rest, needs_an in _prefix_remainders(word):
        options.extend(_suffix_forms(rest, True, needs_an))
    options.extend(_suffix_forms(word, False, False))
    options.append(word)
    return tuple(dict.fromkeys(options))
