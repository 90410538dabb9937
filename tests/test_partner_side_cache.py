"""Partner-side ranking (MSMEs for one offering) reuses every MSME's profile
and encoding between requests, and never serves them after an MSME changed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from bench.generate import generate
from tests.concurrency import meet_before_explaining
from web.extensions import db
from web.models import Msme, Offering
from web.services import matching
from web.services.importer import import_document


def _fresh(offering_id: str, limit: int = 10):
    """The same ranking computed from scratch: profiles loaded and encoded anew."""
    matcher = matching.cache.get()
    return matcher.rank_msmes_for(offering_id, matching.all_msme_profiles(), limit=limit)


def _ids(matches) -> list[tuple]:
    """Everything a partner sees of a ranked MSME, compared exactly."""
    return [(m.msme_external_id, m.score, m.one_way, m.reasons) for m in matches]


def test_cached_msmes_rank_exactly_as_fresh_ones_and_follow_changes(app):
    doc = generate(40, 60, seed=21)
    with app.app_context():
        import_document(doc, actor_label="test")
        db.session.commit()
        matching.msme_cache.clear()
        offerings = db.session.scalars(
            select(Offering.external_id).order_by(Offering.id).limit(12)
        ).all()
        # The first call encodes the MSMEs and each need's reference similarity;
        # the later ones compare needs with their one offering only.
        for oid in offerings:
            assert _ids(matching.rank_msmes_for(oid, limit=10)) == _ids(_fresh(oid))

        # An MSME rewritten towards the first offering is ranked as it now is.
        target = db.session.scalar(select(Offering).where(Offering.external_id == offerings[0]))
        ranked = [m.msme_external_id for m in matching.rank_msmes_for(offerings[0], limit=50)]
        outsider = next(m["external_id"] for m in doc["msmes"] if m["external_id"] not in ranked)
        msme = db.session.scalar(select(Msme).where(Msme.external_id == outsider))
        wanted = matching.offering_profile(target)  # regions fall back to the partner's
        msme.regency = next((r for r in wanted.regions if len(r) == 4), "6171")
        msme.scale = (list(wanted.eligible_scales) or ["micro"])[0]
        msme.legal_form = (list(wanted.eligible_legal_forms) or ["cooperative"])[0]
        msme.certifications = list(wanted.eligible_certifications)
        msme.commodities = list(target.commodities or []) or msme.commodities
        db.session.commit()
        after = matching.rank_msmes_for(offerings[0], limit=50)
        assert outsider in [m.msme_external_id for m in after]
        assert _ids(after) == _ids(_fresh(offerings[0], limit=50))

        # A deleted MSME disappears from every offering's list at the next request.
        gone = after[0].msme_external_id
        db.session.delete(db.session.scalar(select(Msme).where(Msme.external_id == gone)))
        db.session.commit()
        for oid in offerings:
            assert gone not in [m.msme_external_id for m in matching.rank_msmes_for(oid, 50)]

        # A refitted catalogue re-encodes the cached MSMEs.
        target.description = (target.description or "") + " pendampingan ekspor kopi liberika"
        db.session.commit()
        assert _ids(matching.rank_msmes_for(offerings[0], limit=10)) == _ids(_fresh(offerings[0]))


def test_msme_profiles_read_as_plain_rows_equal_those_built_from_orm_objects(app, world):
    doc = generate(30, 10, seed=22)
    doc["msmes"][0]["needs"] = []
    doc["msmes"][1].pop("description", None)
    with app.app_context():
        import_document(doc, actor_label="test")
        db.session.commit()
        orm = [
            matching.msme_profile(m)
            for m in db.session.scalars(select(Msme).order_by(Msme.external_id))
        ]
        assert len(orm) > 30 and any(p.needs for p in orm) and any(not p.needs for p in orm)
        assert matching.all_msme_profiles() == orm


def test_after_a_few_changes_only_their_chunks_are_read_and_encoded_again(app, monkeypatch):
    doc = generate(40, 30, seed=23)
    monkeypatch.setattr(matching, "MSMES_PER_CHUNK", 8)
    with app.app_context():
        import_document(doc, actor_label="test")
        db.session.commit()
        matching.msme_cache.clear()
        matcher = matching.cache.get()
        encoded: list[int] = []
        prepare = matcher.prepare_msmes
        monkeypatch.setattr(
            matcher, "prepare_msmes", lambda msmes: encoded.append(len(msmes)) or prepare(msmes)
        )
        offering_id = db.session.scalar(select(Offering.external_id).order_by(Offering.id))
        matching.rank_msmes_for(offering_id, limit=50)
        assert sum(encoded) == 40 and max(encoded) <= 8  # five chunks, all encoded

        encoded.clear()
        changed = doc["msmes"][5]["external_id"]
        msme = db.session.scalar(select(Msme).where(Msme.external_id == changed))
        msme.description = "kelompok pengrajin tenun songket mencari pembeli di luar negeri"
        db.session.commit()
        kept = matching.rank_msmes_for(offering_id, limit=50)
        assert encoded == [8]  # only that MSME's chunk
        assert _ids(kept) == _ids(_fresh(offering_id, 50))

        encoded.clear()
        new = generate(1, 0, seed=24)
        new["msmes"][0]["external_id"] = "M-NEW"
        new["partners"] = []
        import_document(new, actor_label="test")
        db.session.commit()
        kept = matching.rank_msmes_for(offering_id, limit=50)
        assert encoded == [1]  # a new chunk for the newcomer
        assert _ids(kept) == _ids(_fresh(offering_id, 50))


def test_requests_from_several_threads_rank_side_by_side_as_they_would_one_by_one(app, monkeypatch):
    """Four threads (as in one gunicorn worker) ask for different offerings'
    MSMEs at once. Each waits, after scoring and before explaining its
    results, until all four have scored: only possible while none holds the
    cache's lock over its whole ranking. Each gets what it gets alone."""
    doc = generate(60, 40, seed=25)
    with app.app_context():
        import_document(doc, actor_label="test")
        db.session.commit()
        matching.msme_cache.clear()
        ids = db.session.scalars(select(Offering.external_id).order_by(Offering.id)).all()
        offerings = [oid for oid in ids if matching.rank_msmes_for(oid, limit=1)][:8]
        assert len(offerings) == 8
        alone = {oid: _ids(matching.rank_msmes_for(oid, limit=10)) for oid in offerings}

    begin_ranking = meet_before_explaining(monkeypatch, 4, timeout=30)

    def rank(oid):
        begin_ranking()
        with app.app_context():
            return _ids(matching.rank_msmes_for(oid, limit=10))

    with ThreadPoolExecutor(4) as pool:
        for start in (0, 4):
            together = offerings[start : start + 4]
            assert list(pool.map(rank, together)) == [alone[oid] for oid in together]
