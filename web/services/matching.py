"""The bridge between the database and the matcher library.

Rows become plain ``matcher`` profiles here; the fitted ``Matcher`` is cached
per worker process and rebuilt when the catalogue's version counter (bumped by
every change to partners or offerings, see ``versions``) or the adopted
weights change, so a changed offering is reflected at the next request.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Engine, and_, create_engine, select
from sqlalchemy.orm import Session, joinedload, selectinload

from matcher.engine import Matcher
from matcher.profiles import MsmeProfile, Need, OfferingProfile

from ..extensions import db
from ..models import MatchCache, Msme, Offering, Partner, SystemState, VersionCounter
from ..models import Need as NeedRow
from . import match_cache, versions
from .match_cache import CachedMatch, RankingContext

WEIGHTS_KEY = "matcher_weights"
log = logging.getLogger(__name__)


class NotFound(LookupError):
    """No record with that external id."""


def msme_profile(msme: Msme) -> MsmeProfile:
    """The matcher's view of an MSME row."""
    return _profile(msme, msme.needs)


def _profile(msme, needs) -> MsmeProfile:
    """A profile from an MSME and its needs, as ORM objects or plain rows alike
    (they share column names)."""
    return MsmeProfile(
        external_id=msme.external_id,
        regency=msme.regency,
        name=msme.name,
        sector=msme.sector,
        scale=msme.scale,
        legal_form=msme.legal_form or "individual",
        certifications=frozenset(msme.certifications or ()),
        commodities=tuple(msme.commodities or ()),
        description=msme.description or "",
        needs=tuple(
            Need(field=n.field, description=n.description or "", priority=n.priority) for n in needs
        ),
    )


def offering_profile(offering: Offering) -> OfferingProfile:
    """The matcher's view of an offering row; empty regions mean the partner's."""
    partner = offering.partner
    return OfferingProfile(
        external_id=offering.external_id,
        partner_external_id=partner.external_id,
        field=offering.field,
        title=offering.title,
        description=offering.description or "",
        partner_name=partner.name,
        partner_type=partner.type,
        partner_description=partner.description or "",
        commodities=tuple(offering.commodities or ()),
        sectors=tuple(offering.sectors or ()),
        regions=tuple(offering.regions or partner.regions or ()),
        eligible_scales=tuple(offering.eligible_scales or ()),
        eligible_legal_forms=tuple(offering.eligible_legal_forms or ()),
        eligible_certifications=tuple(offering.eligible_certifications or ()),
        capacity=offering.capacity,
        valid_until=offering.valid_until,
    )


def replica_engine() -> Engine | None:
    """The engine of ``DATABASE_REPLICA_URL`` (a read replica), if one is set."""
    url = current_app.config.get("DATABASE_REPLICA_URL")
    if not url:
        return None
    engines = current_app.extensions.setdefault("jejaring_replicas", {})
    if url not in engines:
        engines[url] = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    return engines[url]


@contextmanager
def reader(stamp_key: str, stamp: int) -> Iterator[Session]:
    """A session to read the catalogue (``stamp_key`` ``versions.CATALOGUE``) or
    the MSMEs (``versions.MSMES``) for ranking: the read replica's when it has
    replayed the change that the primary's ``stamp`` stands for, else the
    primary's, so a replica that lags never makes a worker cache old data
    under a new stamp. On PostgreSQL the replica's stamp and rows are read in
    one snapshot."""
    engine = replica_engine()
    if engine is not None:
        options = (
            {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
        )
        with Session(engine) as session:
            session.connection(execution_options=options)
            seen = session.scalar(
                select(VersionCounter.value).where(VersionCounter.key == stamp_key)
            )
            if int(seen or 0) == stamp:
                yield session
                return
        log.info("read replica behind the primary on %s: reading the primary", stamp_key)
    yield db.session


def matchable_offerings(session: Session | None = None) -> list[OfferingProfile]:
    """Offerings that may be suggested: of approved partners, not closed."""
    rows = (session or db.session).scalars(
        select(Offering)
        .join(Partner)
        .where(Partner.approved.is_(True), Offering.closed.is_(False))
        .options(selectinload(Offering.partner))
        .order_by(Offering.external_id)
    )
    return [offering_profile(o) for o in rows]


def all_msme_profiles(stamp: int | None = None) -> list[MsmeProfile]:
    """Every MSME for ranking, read from the replica when it is up to date
    with the MSMEs' ``stamp`` (default: the primary's current one)."""
    if stamp is None:
        stamp = versions.current(versions.MSMES)
    with reader(versions.MSMES, stamp) as session:
        loaded = _load_profiles(session)
    return sorted((profile for _, profile in loaded.values()), key=lambda p: p.external_id)


def _load_profiles(
    session: Session, ids: list[int] | None = None
) -> dict[int, tuple[int, MsmeProfile]]:
    """MSME id -> (profile version, profile) of every MSME, or of those ``ids``.
    Plain rows, not ORM objects: a province's MSMEs load several times faster."""
    out: dict[int, tuple[int, MsmeProfile]] = {}
    chunks = [None] if ids is None else [ids[s : s + 1000] for s in range(0, len(ids), 1000)]
    for chunk in chunks:
        need_query = select(
            NeedRow.msme_id, NeedRow.field, NeedRow.description, NeedRow.priority
        ).order_by(NeedRow.msme_id, NeedRow.position, NeedRow.id)
        msme_query = select(
            Msme.id,
            Msme.profile_version,
            Msme.external_id,
            Msme.regency,
            Msme.name,
            Msme.sector,
            Msme.scale,
            Msme.legal_form,
            Msme.certifications,
            Msme.commodities,
            Msme.description,
        )
        if chunk is not None:
            need_query = need_query.where(NeedRow.msme_id.in_(chunk))
            msme_query = msme_query.where(Msme.id.in_(chunk))
        needs: dict[int, list] = defaultdict(list)
        for need in session.execute(need_query):
            needs[need.msme_id].append(need)
        for row in session.execute(msme_query):
            out[row.id] = (row.profile_version, _profile(row, needs.get(row.id, ())))
    return out


def adopted_weights() -> dict[str, float] | None:
    """Weights adopted by ``learn-weights``, or ``None`` for the defaults."""
    return ranking_context().weights


def _context_columns() -> tuple:
    """The catalogue stamp and the adopted weights, as columns of any query."""
    return (
        select(VersionCounter.value)
        .where(VersionCounter.key == versions.CATALOGUE)
        .scalar_subquery(),
        select(SystemState.value).where(SystemState.key == WEIGHTS_KEY).scalar_subquery(),
    )


def _context(stamp: int | None, weights: dict | None) -> RankingContext:
    return RankingContext(
        catalogue_stamp=int(stamp or 0),
        weights=dict(weights["weights"]) if weights is not None else None,
        today=dt.date.today(),
    )


def ranking_context() -> RankingContext:
    """The catalogue stamp, adopted weights and day that rankings now depend on."""
    return _context(*db.session.execute(select(*_context_columns())).one())


@dataclass
class _Cached:
    key: tuple
    matcher: Matcher


class MatcherCache:
    """One fitted matcher per process, refitted when its inputs change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: _Cached | None = None

    def get(self, context: RankingContext | None = None) -> Matcher:
        """The fitted matcher for ``context`` (default: as the database is now)."""
        context = context or ranking_context()
        weights = context.weights
        key = (
            db.engine.url.render_as_string(),
            context.catalogue_stamp,
            tuple(sorted((weights or {}).items())),
        )
        with self._lock:
            if self._cached is None or self._cached.key != key:
                with reader(versions.CATALOGUE, context.catalogue_stamp) as session:
                    offerings = matchable_offerings(session)
                matcher = Matcher(weights=weights).fit(offerings)
                self._cached = _Cached(key, matcher)
            return self._cached.matcher

    def clear(self) -> None:
        with self._lock:
            self._cached = None


cache = MatcherCache()


MSMES_PER_CHUNK = 1024
FULL_RELOAD_SHARE = 0.25


@dataclass
class _Chunk:
    ids: list[int]  # MSME ids
    batches: list | None = None  # their encoding against the current matcher


class MsmeCache:
    """Every MSME's profile, and its encoding against the fitted matcher, per
    process: the partner side ranks all MSMEs for one offering, and loading
    and encoding them is most of that work.

    MSMEs are kept in chunks. When the MSMEs' stamp changes, only MSMEs whose
    profile version changed (and new and deleted ones) are read again and
    only their chunks encoded again, unless a large share changed; when the
    matcher is refitted, every chunk is encoded again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._entries: dict[int, tuple[int, MsmeProfile]] = {}
        self._chunks: list[_Chunk] = []
        self._matcher: Matcher | None = None

    def rank_msmes_for(
        self, matcher: Matcher, offering_external_id: str, limit: int, lang: str
    ) -> list:
        """``matcher.rank_msmes_for`` over every MSME, encoded once. The lock
        covers bringing the cache up to date only; the ranking itself runs
        outside it on the encoded batches, which it only reads, so requests
        from several threads rank side by side."""
        return matcher.rank_msmes_for(
            offering_external_id, [], limit=limit, lang=lang, prepared=self.prepared(matcher)
        )

    def prepared(self, matcher: Matcher) -> list:
        """Every MSME encoded against ``matcher``, as the database is now
        (``Matcher.prepare_msmes`` batches). A chunk that changes gets new
        batches; the ones returned here stay as they are."""
        url = db.engine.url.render_as_string()
        stamp = versions.current(versions.MSMES)
        with self._lock:
            if self._key is None or self._key[0] != url:
                self._entries, self._chunks = {}, []
            if self._key != (url, stamp):
                self._sync(stamp)
                self._key = (url, stamp)
            if self._matcher is not matcher:
                for chunk in self._chunks:
                    chunk.batches = None
                self._matcher = matcher
            prepared = []
            for chunk in self._chunks:
                if chunk.batches is None:
                    chunk.batches = matcher.prepare_msmes([self._entries[i][1] for i in chunk.ids])
                prepared.extend(chunk.batches)
            return prepared

    def _sync(self, stamp: int) -> None:
        with reader(versions.MSMES, stamp) as session:
            current = dict(session.execute(select(Msme.id, Msme.profile_version)).all())
            stale = sorted(i for i, v in current.items() if self._entries.get(i, (None,))[0] != v)
            gone = set(self._entries) - set(current)
            if not self._entries or len(stale) + len(gone) > FULL_RELOAD_SHARE * len(current):
                self._entries = _load_profiles(session)
                ids = sorted(self._entries)
                self._chunks = [
                    _Chunk(ids[s : s + MSMES_PER_CHUNK])
                    for s in range(0, len(ids), MSMES_PER_CHUNK)
                ]
                return
            fresh = _load_profiles(session, stale)
        # Deleted between the two reads, if this process knew them.
        gone |= {i for i in stale if i not in fresh and i in self._entries}
        where = {i: chunk for chunk in self._chunks for i in chunk.ids}
        for i in gone:
            where[i].ids.remove(i)
            where[i].batches = None
            del self._entries[i]
        for i, entry in fresh.items():
            chunk = where.get(i)
            if chunk is None:  # a new MSME: the last chunk takes it
                if not self._chunks or len(self._chunks[-1].ids) >= MSMES_PER_CHUNK:
                    self._chunks.append(_Chunk([]))
                chunk = self._chunks[-1]
                chunk.ids.append(i)
            chunk.batches = None
            self._entries[i] = entry
        self._chunks = [chunk for chunk in self._chunks if chunk.ids]

    def clear(self) -> None:
        with self._lock:
            self._key, self._entries, self._chunks, self._matcher = None, {}, [], None


msme_cache = MsmeCache()


def get_msme(external_id: str) -> Msme:
    msme = (
        db.session.scalars(
            select(Msme).where(Msme.external_id == external_id).options(joinedload(Msme.needs))
        )
        .unique()
        .one_or_none()
    )
    if msme is None:
        raise NotFound(f"no MSME with external id {external_id!r}")
    return msme


def get_offering(external_id: str) -> Offering:
    offering = db.session.scalar(select(Offering).where(Offering.external_id == external_id))
    if offering is None:
        raise NotFound(f"no offering with external id {external_id!r}")
    return offering


def offerings_by_id(external_ids: list[str]) -> dict[str, Offering]:
    """Offering rows (with their partner) for display, by external id."""
    if not external_ids:
        return {}
    rows = db.session.scalars(
        select(Offering)
        .where(Offering.external_id.in_(external_ids))
        .options(selectinload(Offering.partner))
    )
    return {o.external_id: o for o in rows}


def rank_offerings_for(
    external_id: str, limit: int = 10, include_filtered: bool = False, lang: str = "id"
):
    """Ranked offerings for one stored MSME (a ``matcher.engine.Ranking``)."""
    profile = msme_profile(get_msme(external_id))
    return cache.get().rank_offerings_for(
        profile, limit=limit, include_filtered=include_filtered, lang=lang
    )


def top_offerings(
    external_id: str,
    limit: int = match_cache.DEPTH,
    lang: str = "id",
    check_access: Callable[[int], None] | None = None,
) -> list[CachedMatch]:
    """The best ``limit`` offerings for a stored MSME with their labels: the
    same as :func:`rank_offerings_for`, read from the precomputed table while
    its row is fresh, else ranked live and the row written back.

    A fresh row costs one query: the MSME's id and profile version, the
    stored row, the catalogue stamp and the weights together.
    ``check_access(msme_id)`` may raise to refuse the caller; :class:`NotFound`
    when there is no such MSME.
    """
    row = db.session.execute(
        select(
            Msme.id,
            Msme.profile_version,
            MatchCache.key,
            MatchCache.depth,
            MatchCache.matches,
            *_context_columns(),
        )
        .outerjoin(MatchCache, and_(MatchCache.msme_id == Msme.id, MatchCache.lang == lang))
        .where(Msme.external_id == external_id)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no MSME with external id {external_id!r}")
    msme_id, version, stored_key, depth, stored, stamp, weights = row
    if check_access is not None:
        check_access(msme_id)
    context = _context(stamp, weights)
    precomputed = current_app.config.get("PRECOMPUTED_MATCHES", True)
    if precomputed:
        hit = match_cache.fresh(context.key(version, lang), stored_key, depth, stored, limit)
        if hit is not None:
            return hit
    loaded = _load_profiles(db.session, [msme_id]).get(msme_id)
    if loaded is None:  # deleted since the first read
        raise NotFound(f"no MSME with external id {external_id!r}")
    version, profile = loaded
    depth = max(limit, match_cache.DEPTH) if precomputed else limit
    matcher = cache.get(context)
    ranking = matcher.rank_offerings_for(profile, limit=depth, lang=lang)
    matches = [match_cache.labelled(matcher, m) for m in ranking.matches]
    if precomputed:
        # Keyed by the version read with the profile that was ranked; written in
        # a session of its own, so the caller's session is never committed.
        match_cache.store(msme_id, lang, context.key(version, lang), depth, matches)
    return matches[:limit]


def refresh_match_cache(langs=("id", "en"), progress=None) -> int:
    """Precompute every MSME's top offerings (the nightly job)."""
    context = ranking_context()
    loaded = sorted(_load_profiles(db.session).items(), key=lambda item: item[1][1].external_id)
    return match_cache.refresh_all(
        cache.get(context), context, [(i, v, p) for i, (v, p) in loaded], langs, progress
    )


def is_eligible(msme: Msme, offering_external_id: str) -> bool:
    """Whether the matcher's hard filters let this MSME use the offering now."""
    matcher = cache.get()
    indices, _ = matcher.features_for(msme_profile(msme))
    return offering_external_id in {matcher.offering_ids_[i] for i in indices}


def rank_msmes_for(external_id: str, limit: int = 10, lang: str = "id"):
    """Ranked MSMEs for one stored, matchable offering."""
    offering = get_offering(external_id)
    matcher = cache.get()
    if not offering.partner.approved or offering.closed:
        return []
    return msme_cache.rank_msmes_for(matcher, offering.external_id, limit, lang)


# How many of an offering's fits are counted (the page says "more than" past it).
FIT_BOUND = 200


def fitting_msmes_for(external_id: str, limit: int = 20, lang: str = "id") -> tuple[list, int]:
    """The MSMEs that really fit one offering (it answers one of their needs or fits
    their commodities, ``MsmeMatch.real_fit``; being in its region is not enough),
    best first, at most ``limit`` of them; and how many fit, counted up to
    ``FIT_BOUND``. Suggestion lists and digests are never padded with the rest."""
    ranked = rank_msmes_for(external_id, limit=max(limit, FIT_BOUND), lang=lang)
    fits = [m for m in ranked if m.real_fit]
    return fits[:limit], len(fits)
