"""Precomputed matches (``match_cache``): the nightly job fills the table, the
API and the MSME's page read it, and a stored list is never shown once
anything it depends on has changed."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update

from bench.generate import generate
from tests.test_api_auth import api_fixtures
from web.extensions import db
from web.models import MatchCache, Msme, Need, Offering
from web.services import matching, versions
from web.services.importer import import_document

tokens, api = api_fixtures()


def _load_catalogue(app, n_msmes=30, n_offerings=150):
    doc = generate(n_msmes, n_offerings, seed=11)
    with app.app_context():
        import_document(doc, actor_label="test")
        db.session.commit()
    return [m["external_id"] for m in doc["msmes"]]


def _live(app, external_id, limit=10, lang="id"):
    with app.app_context():
        ranking = matching.rank_offerings_for(external_id, limit=limit, lang=lang)
        return [(m.offering_external_id, round(m.score, 4), m.reasons) for m in ranking.matches]


def _served(api, external_id, limit=10, lang="id"):
    response = api.get(f"/msmes/{external_id}/matches?limit={limit}&lang={lang}")
    assert response.status_code == 200, response.text
    return [
        (i["offering_external_id"], i["score"], i["reasons"]) for i in response.get_json()["items"]
    ]


def _rows(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(MatchCache))


def test_refresh_stores_every_msme_and_the_api_serves_exactly_the_live_ranking(app, api, runner):
    ids = _load_catalogue(app)
    result = runner.invoke(args=["refresh-matches"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        msmes = db.session.scalar(select(func.count()).select_from(Msme))
    assert f"Stored the top 10 offerings of {msmes} MSMEs in id, en" in result.output
    assert _rows(app) == 2 * msmes
    for external_id in ids[:12]:
        for lang in ("id", "en"):
            served = _served(api, external_id, lang=lang)
            assert served == _live(app, external_id, lang=lang)
        # A shorter list is the head of the stored one, as ranking it would give.
        assert _served(api, external_id, limit=3) == _live(app, external_id, limit=3)
        # A longer list than is stored is ranked live.
        assert _served(api, external_id, limit=25) == _live(app, external_id, limit=25)
    labelled = api.get(f"/msmes/{ids[0]}/matches").get_json()["items"][0]
    with app.app_context():
        offering = db.session.scalar(
            select(Offering).where(Offering.external_id == labelled["offering_external_id"])
        )
        assert labelled["title"] == offering.title
        assert labelled["partner_name"] == offering.partner.name


def test_a_closed_offering_leaves_the_stored_lists_at_once(app, api, runner):
    ids = _load_catalogue(app)
    runner.invoke(args=["refresh-matches", "--lang", "id"])
    top = _served(api, ids[0])[0][0]
    with app.app_context():
        # A Core statement, which the flush listener cannot see: such code
        # paths bump the catalogue stamp themselves, in the same transaction.
        db.session.execute(update(Offering).where(Offering.external_id == top).values(closed=True))
        versions.bump(versions.CATALOGUE)
        db.session.commit()
    after = _served(api, ids[0])
    assert top not in [oid for oid, _, _ in after]
    assert after == _live(app, ids[0])


def test_an_offering_filled_through_the_api_disappears_from_served_lists(app, api, runner):
    ids = _load_catalogue(app)
    runner.invoke(args=["refresh-matches", "--lang", "id"])
    top = _served(api, ids[1])[0][0]
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.external_id == top))
        offering.capacity = 0  # an ORM change: the flush listener bumps the stamp
        db.session.commit()
    assert top not in [oid for oid, _, _ in _served(api, ids[1])]


def test_an_msme_that_changes_its_needs_gets_a_fresh_list(app, api, runner):
    ids = _load_catalogue(app)
    runner.invoke(args=["refresh-matches", "--lang", "id"])
    before = _served(api, ids[2])
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == ids[2]))
        db.session.execute(delete(Need).where(Need.msme_id == msme.id))
        db.session.add(
            Need(
                msme_id=msme.id,
                field="it",
                description="butuh toko online dan pemasaran digital",
                priority=1,
            )
        )
        db.session.commit()
    after = _served(api, ids[2])
    assert after == _live(app, ids[2])
    assert after != before


def test_a_stale_row_is_rewritten_by_the_next_request(app, api):
    ids = _load_catalogue(app, n_msmes=5)
    assert _rows(app) == 0
    first = _served(api, ids[0])  # ranked live, then stored
    assert _rows(app) == 1
    with app.app_context():
        db.session.execute(update(MatchCache).values(key="stale", matches=[]))
        db.session.commit()
    assert _served(api, ids[0]) == first  # the stale row is not served
    with app.app_context():
        assert db.session.scalar(select(MatchCache.key)) != "stale"


def test_the_msme_page_goes_through_the_stored_list(app, api, login_as):
    assert _rows(app) == 0
    page = login_as("msme_a").get("/msme/suggestions")
    assert page.status_code == 200
    with app.app_context():  # the page's ranking was stored for the next visit
        stored = db.session.execute(select(MatchCache.lang, MatchCache.matches)).all()
        assert [lang for lang, _ in stored] == ["id"]
        first = stored[0][1][0]
        title = db.session.scalar(
            select(Offering.title).where(Offering.external_id == first["offering"])
        )
    assert title in page.text
    assert first["reasons"][0] in page.text
    assert [m["offering"] for m in stored[0][1]] == [oid for oid, _, _ in _live(app, "M-A")]


def test_deleting_an_msme_deletes_its_stored_lists(app, api, runner):
    ids = _load_catalogue(app, n_msmes=5)
    runner.invoke(args=["refresh-matches"])
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == ids[0]))
        db.session.delete(msme)
        db.session.commit()
        left = db.session.scalar(select(func.count()).select_from(MatchCache))
        total = db.session.scalar(select(func.count()).select_from(Msme))
    assert left == 2 * total


def test_switched_off_nothing_is_stored_and_lists_are_still_right(app, api):
    ids = _load_catalogue(app, n_msmes=5)
    app.config["PRECOMPUTED_MATCHES"] = False
    assert _served(api, ids[0]) == _live(app, ids[0])
    assert _rows(app) == 0


def test_editing_an_msme_through_the_api_raises_its_version_and_refreshes_its_list(
    app, api, runner
):
    ids = _load_catalogue(app)
    runner.invoke(args=["refresh-matches", "--lang", "id"])
    before = _served(api, ids[3])
    with app.app_context():
        version = db.session.scalar(select(Msme.profile_version).where(Msme.external_id == ids[3]))
    record = api.get(f"/msmes/{ids[3]}").get_json()
    record["needs"] = [
        {
            "field": "financing",
            "priority": 1,
            "description": "kredit modal kerja untuk membeli mesin pengering",
        }
    ]
    record["commodities"] = ["kopi liberika"]
    assert api.put(f"/msmes/{ids[3]}", json=record).status_code == 200
    with app.app_context():
        assert (
            db.session.scalar(select(Msme.profile_version).where(Msme.external_id == ids[3]))
            > version
        )
    after = _served(api, ids[3])
    assert after == _live(app, ids[3])
    assert after != before
    # Contact details do not change the ranking but are part of the profile
    # row: the list is ranked again and comes out the same.
    record = api.get(f"/msmes/{ids[3]}").get_json()
    record["contact"] = {"person": "Ibu Sari", "phone": "+6281250009999"}
    response = api.put(f"/msmes/{ids[3]}", json=record)
    assert response.status_code == 200, response.text
    assert _served(api, ids[3]) == after


def test_one_msmes_change_leaves_the_other_stored_lists_fresh(app, api, runner):
    ids = _load_catalogue(app, n_msmes=6)
    runner.invoke(args=["refresh-matches", "--lang", "id"])
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == ids[0]))
        msme.description = "usaha baru: keripik pisang dan kemasan plastik"
        db.session.commit()
        keys = dict(
            db.session.execute(
                select(Msme.external_id, MatchCache.key).join(
                    MatchCache, MatchCache.msme_id == Msme.id
                )
            ).all()
        )
    for external_id in ids:
        _served(api, external_id)
    with app.app_context():
        after = dict(
            db.session.execute(
                select(Msme.external_id, MatchCache.key).join(
                    MatchCache, MatchCache.msme_id == Msme.id
                )
            ).all()
        )
    assert after[ids[0]] != keys[ids[0]]  # ranked again and rewritten
    assert all(after[i] == keys[i] for i in ids[1:])  # still served as stored
