"""Commodities as typed, with the taxonomy entry of each beside it (issue 13).

An MSME's and an offering's ``commodities`` keep the words as typed (the
exchange format carries them unchanged); ``commodity_keys`` holds, at the same
position, the key of the taxonomy commodity that the whole text is a way of
writing ("lidah buya" -> ``lidah_buaya``), or None. The import path
(``web.services.importer``) fills it on every write; the commodity filter and
search match on it, and pages show the taxonomy's name from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from matcher.commodities import default_taxonomy

# Texts longer than this are not looked up (a bound on the fuzzy matching).
SPELLING_MAX = 64


def commodity_key(text: str | None):
    """The taxonomy commodity that the whole of ``text`` is a way of writing
    (a typo included), or None."""
    if not text or len(text) > SPELLING_MAX:
        return None
    return default_taxonomy().spelled(text)


def commodity_keys(texts: Iterable[str] | None) -> list[str | None]:
    """For each typed commodity, its taxonomy key or None, in the same order."""
    out = []
    for text in texts or ():
        found = commodity_key(text)
        out.append(found.key if found is not None else None)
    return out


def canonical_names(texts, keys=None) -> list[str]:
    """Each typed commodity under the taxonomy's name when it has an entry,
    duplicates dropped: from the stored ``keys`` when they are given for every
    text, else looked up."""
    texts = list(texts or ())
    if keys is None or len(keys) != len(texts):
        keys = commodity_keys(texts)
    taxonomy = default_taxonomy()
    names: list[str] = []
    for text, key in zip(texts, keys, strict=True):
        name = text
        if key:
            with suppress(KeyError):  # a key the taxonomy no longer has
                name = taxonomy.get(key).name
        if name not in names:
            names.append(name)
    return names
