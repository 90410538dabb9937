"""Precomputed top offerings per MSME: the ``match_cache`` table.

Ranking one MSME against a province's whole catalogue costs milliseconds of
CPU; reading a stored answer costs one indexed row. The nightly
``flask --app wsgi refresh-matches`` job ranks every MSME in one batch and
stores its best :data:`DEPTH` offerings (with reasons, scores and the labels a
page shows) for each language; a request for an MSME's default list then
reads that row.

A row is served only while it is exactly what ranking now would give: its
``key`` digests everything a ranking depends on — the MSME's profile version
(raised by every change to the MSME or its needs, see
:func:`_raise_profile_versions`), the catalogue's version stamp (bumped by
every change to a partner or offering, including an offering filling up), the
adopted weights, the day (offerings expire), the language and the matcher's
own code. Any change makes the key differ, the request ranks live, and it
writes the fresh row back so the next request (in any worker) reads it again.
Checking a row needs no profile: the API reads the versions and the row in
one query.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import event, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

import matcher
from matcher.engine import Match
from matcher.profiles import MsmeProfile

from ..edge import side_session
from ..models import MatchCache, Msme, Need, utcnow

DEPTH = 10
"""Matches stored per MSME and language: the size of the pages' and the API's
default list. A request for more ranks live."""

STORE_CHUNK = 500
log = logging.getLogger(__name__)


@cache
def matcher_code_digest() -> str:
    """A digest of the matcher package (code and data): a deployment that
    changes how ranking works makes every stored row stale."""
    root = Path(matcher.__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".json"}):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class RankingContext:
    """What every MSME's ranking depends on besides its own profile."""

    catalogue_stamp: int
    weights: dict[str, float] | None
    today: dt.date

    def key(self, profile_version: int, lang: str) -> str:
        """The key of a row ranked for this MSME profile version in ``lang``."""
        parts = json.dumps(
            [
                matcher_code_digest(),
                self.catalogue_stamp,
                sorted((self.weights or {}).items()),
                self.today.isoformat(),
                lang,
                profile_version,
            ]
        )
        return hashlib.blake2b(parts.encode(), digest_size=32).hexdigest()


@dataclass(frozen=True)
class CachedMatch:
    """A stored match: the ranking's :class:`~matcher.engine.Match` plus the
    labels a list shows, so that serving it needs no other query."""

    match: Match
    title: str
    field: str
    partner_name: str


def _encode(match: Match, labels: dict[str, str]) -> dict:
    return {
        "offering": match.offering_external_id,
        "partner": match.partner_external_id,
        "score": match.score,
        "reasons": list(match.reasons),
        "features": dict(match.features),
        **labels,
    }


def _decode(item: dict) -> CachedMatch:
    return CachedMatch(
        match=Match(
            offering_external_id=item["offering"],
            partner_external_id=item["partner"],
            score=item["score"],
            reasons=list(item["reasons"]),
            features=dict(item["features"]),
        ),
        title=item["title"],
        field=item["field"],
        partner_name=item["partner_name"],
    )


def fresh(
    key: str, stored_key: str | None, depth: int | None, matches: list | None, limit: int
) -> list[CachedMatch] | None:
    """The stored best ``limit`` matches when the stored row (its key, depth and
    matches, ``None`` when there is none) is fresh for ``key``, else ``None``."""
    if stored_key != key or depth is None or depth < limit:
        return None
    return [_decode(item) for item in matches[:limit]]


def labelled(matcher, match: Match) -> CachedMatch:
    """A match with the labels of its offering, from the catalogue ``matcher``
    was fitted on (the same rows, at the same stamp, as the ranking)."""
    offering = matcher.offering(match.offering_external_id)
    return CachedMatch(
        match=match, title=offering.title, field=offering.field, partner_name=offering.partner_name
    )


def _upsert(rows: list[dict]) -> None:
    """Write ``rows`` in a short session of their own, committed at once: the
    caller's session (a GET page's, a command's) is never committed by this."""
    if not rows:
        return
    with side_session() as session:
        _upsert_in(session, rows)


def _upsert_in(session: Session, rows: list[dict]) -> None:
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:  # another database: replace row by row
        for row in rows:
            session.merge(MatchCache(**row))
        return
    stmt = insert(MatchCache)
    stmt = stmt.on_conflict_do_update(
        index_elements=[MatchCache.msme_id, MatchCache.lang],
        set_={name: stmt.excluded[name] for name in ("key", "depth", "matches", "computed_at")},
    )
    session.execute(stmt, rows)


def _row(msme_id: int, lang: str, key: str, depth: int, matches: Sequence[CachedMatch]) -> dict:
    return {
        "msme_id": msme_id,
        "lang": lang,
        "key": key,
        "depth": depth,
        "matches": [
            _encode(c.match, {"title": c.title, "field": c.field, "partner_name": c.partner_name})
            for c in matches
        ],
        "computed_at": utcnow(),
    }


def store(msme_id: int, lang: str, key: str, depth: int, matches: Sequence[CachedMatch]) -> None:
    """Write one MSME's fresh row in its own short session (a GET page's
    session is never committed). A failure (the MSME deleted meanwhile, a
    locked database) only costs the next request a live ranking, so it is
    logged, not raised."""
    try:
        _upsert([_row(msme_id, lang, key, depth, matches)])
    except SQLAlchemyError:
        log.warning("could not store precomputed matches of MSME %s", msme_id, exc_info=True)


def refresh_all(
    matcher,
    context: RankingContext,
    msmes: Sequence[tuple[int, int, MsmeProfile]],
    langs: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rank ``msmes`` ((id, profile version, profile) each) with the fitted
    ``matcher`` and store their top :data:`DEPTH` in each language; the
    nightly job. Writes every :data:`STORE_CHUNK` MSMEs in a short session of
    their own: an interrupted run leaves whole rows, each still served only
    while its key is fresh. Returns the number of rows written."""
    profiles = [profile for _, _, profile in msmes]
    written = 0
    for lang in langs:
        pending: list[dict] = []
        for i, (_, matches) in enumerate(matcher.rank_many(profiles, limit=DEPTH, lang=lang)):
            cached = [labelled(matcher, m) for m in matches]
            msme_id, version, _ = msmes[i]
            pending.append(_row(msme_id, lang, context.key(version, lang), DEPTH, cached))
            if len(pending) >= STORE_CHUNK:
                _upsert(pending)
                written += len(pending)
                if progress:
                    progress(len(pending))
                pending = []
        _upsert(pending)
        written += len(pending)
        if progress and pending:
            progress(len(pending))
    return written


@event.listens_for(Session, "after_flush")
def _raise_profile_versions(session: Session, flush_context) -> None:
    """Raise the profile version of every MSME whose row or needs this flush
    changed, in the same transaction, so that no stored match list ranked
    for the old profile is served again (new MSMEs start at 0 with no rows;
    a deleted MSME's rows go with it). Core statements that change existing
    MSMEs must do the same; none do today (bulk import only adds MSMEs)."""
    changed: set[int] = set()
    for obj in session.dirty:
        if isinstance(obj, Msme) and session.is_modified(obj):
            changed.add(obj.id)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Need) and (obj not in session.dirty or session.is_modified(obj)):
            changed.add(obj.msme_id)
    changed.discard(None)
    if not changed:
        return
    table = Msme.__table__
    session.connection().execute(
        update(table)
        .where(table.c.id.in_(sorted(changed)))
        .values(profile_version=table.c.profile_version + 1)
    )
    session.info.setdefault("raised_profile_versions", set()).update(changed)


@event.listens_for(Session, "after_flush_postexec")
def _expire_raised_versions(session: Session, flush_context) -> None:
    """Loaded MSMEs must read their raised version again, not the old one."""
    raised = session.info.pop("raised_profile_versions", None)
    if raised:
        for obj in list(session.identity_map.values()):
            if isinstance(obj, Msme) and obj.id in raised:
                session.expire(obj, ["profile_version"])
