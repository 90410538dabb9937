"""Matches and introductions through the API, with the partner privacy rule."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.test_api_auth import api_fixtures, error_of
from web.extensions import db
from web.models import Offering

SECRETS = (
    "UD Amplang Tenggiri Jaya",
    "Rahmawati",
    "0812-5000-1111",
    "+6281250001111",
    "rahma@amplang.example",
    "M-A",
)

tokens, api = api_fixtures()


def test_matches_for_an_msme_follow_the_ranking_contract(api):
    body = api.get("/msmes/M-A/matches?limit=5&include_filtered=true&lang=en").get_json()
    assert body["msme_external_id"] == "M-A"
    items = body["items"]
    assert items and len(items) <= 5
    for item in items:
        assert {"offering_external_id", "partner_external_id", "score", "reasons"} <= set(item)
        assert 0 <= item["score"] <= 1 and item["reasons"]
    assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
    assert items[0]["offering_external_id"] == "P-A-1"
    assert items[0]["partner_name"] == "Bank Perkreditan Kapuas Sejahtera"
    assert any("financing" in r for r in items[0]["reasons"])  # English on request
    assert isinstance(body["filtered"], list)
    own = api.as_("msme_a").get("/msmes/M-A/matches?limit=1").get_json()
    assert [i["offering_external_id"] for i in own["items"]] == ["P-A-1"]
    assert error_of(api.as_("msme_a").get("/msmes/M-B/matches"), 404)
    assert error_of(api.as_("partner_a").get("/msmes/M-A/matches"), 403)
    for query in (
        "limit=0",
        "limit=-3",
        "limit=51",
        "limit=ten",
        "include_filtered=maybe",
        "lang=fr",
    ):
        assert error_of(api.get(f"/msmes/M-A/matches?{query}"), 422)["code"] == "invalid"


def test_a_partner_sees_ranked_msmes_anonymously_until_accepted(app, api):
    partner = api.as_("partner_a")
    body = partner.get("/offerings/P-A-1/matches").get_json()
    assert body["offering_external_id"] == "P-A-1"
    item = body["items"][0]
    assert item["contacts_visible"] is False and item["msme_external_id"] is None
    assert item["name"] is None and item["contact"] is None
    assert item["profile"]["regency"] == "Kabupaten Sambas"
    assert 0 <= item["score"] <= 1
    text = json.dumps(body, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text, secret
    assert error_of(partner.get("/offerings/P-B-1/matches"), 404)
    assert error_of(api.as_("msme_a").get("/offerings/P-A-1/matches"), 403)
    staff = api.get("/offerings/P-A-1/matches").get_json()["items"][0]
    assert staff["msme_external_id"] == "M-A" and staff["contact"]["person"] == "Ibu Rahmawati"

    # The introduction, before acceptance, hides the MSME from the partner too.
    proposed = api.post(
        "/introductions",
        json={
            "msme_external_id": "M-A",
            "offering_external_id": "P-A-1",
            "message": "Ibu Rahmawati butuh kredit, telepon 0812-5000-1111",
        },
    )
    assert proposed.status_code == 201, proposed.text
    intro_id = proposed.get_json()["id"]
    seen = partner.get(f"/introductions/{intro_id}").get_json()
    assert seen["status"] == "proposed" and seen["allowed_next"] == ["accepted", "declined"]
    text = json.dumps(seen, ensure_ascii=False)
    for secret in SECRETS:
        assert secret not in text, secret
    assert partner.get("/introductions").get_json()["total"] == 1
    assert api.as_("partner_b").get("/introductions").get_json()["total"] == 0
    assert error_of(api.as_("partner_b").get(f"/introductions/{intro_id}"), 404)
    # The MSME sees it, without the partner's contact yet.
    mine = api.as_("msme_a").get(f"/introductions/{intro_id}").get_json()
    assert mine["partner_contact"] is None and mine["allowed_next"] == []

    accepted = partner.post(
        f"/introductions/{intro_id}/status", json={"status": "accepted", "note": "Silakan datang"}
    )
    assert accepted.status_code == 200, accepted.text
    after = accepted.get_json()
    assert after["msme_name"] == "UD Amplang Tenggiri Jaya"
    assert after["msme_contact"]["phone"] == "+6281250001111"
    assert after["accepted_at"] and [e["status"] for e in after["events"]] == [
        "proposed",
        "accepted",
    ]
    assert (
        api.as_("msme_a").get(f"/introductions/{intro_id}").get_json()["partner_contact"]["person"]
        == "Pak Budi"
    )
    other = partner.get("/offerings/P-A-2/matches").get_json()["items"]
    m_a = [i for i in other if i["msme_external_id"] == "M-A"]
    assert m_a and m_a[0]["contacts_visible"] is True and m_a[0]["name"]


def test_introduction_rules_and_conflicts(app, api):
    msme = api.as_("msme_b")
    requested = msme.post(
        "/introductions",
        json={"offering_external_id": "P-B-1", "message": "Kami ingin menjual kopi"},
    )
    assert requested.status_code == 201, requested.text
    intro = requested.get_json()
    assert intro["status"] == "requested" and intro["msme_external_id"] == "M-B"
    assert (
        error_of(msme.post("/introductions", json={"offering_external_id": "P-B-1"}), 409)["code"]
        == "conflict"
    )
    # not its own MSME: the same answer as for an unknown one
    other = error_of(
        msme.post(
            "/introductions", json={"offering_external_id": "P-A-2", "msme_external_id": "M-A"}
        ),
        422,
    )
    unknown = error_of(
        msme.post(
            "/introductions", json={"offering_external_id": "P-A-2", "msme_external_id": "NOPE"}
        ),
        422,
    )
    assert other["details"] == unknown["details"]
    assert (
        error_of(api.post("/introductions", json={"offering_external_id": "P-B-1"}), 422)[
            "details"
        ][0]["path"]
        == "msme_external_id"
    )
    assert (
        error_of(
            api.post(
                "/introductions", json={"msme_external_id": "M-A", "offering_external_id": "NOPE"}
            ),
            422,
        )["details"][0]["path"]
        == "offering_external_id"
    )
    assert error_of(
        api.as_("partner_b").post(
            "/introductions", json={"offering_external_id": "P-B-1", "msme_external_id": "M-B"}
        ),
        403,
    )
    # statuses: the MSME may not move it; the partner not before a consultant did
    iid = intro["id"]
    assert error_of(msme.post(f"/introductions/{iid}/status", json={"status": "proposed"}), 403)
    refused = error_of(
        api.as_("partner_b").post(f"/introductions/{iid}/status", json={"status": "accepted"}), 409
    )
    assert refused["code"] == "transition_not_allowed" and refused["details"] == {"allowed": []}
    assert (
        api.post(f"/introductions/{iid}/status", json={"status": "proposed"}).get_json()["status"]
        == "proposed"
    )
    assert error_of(api.post(f"/introductions/{iid}/status", json={"status": "done"}), 422)
    assert (
        api.as_("partner_b")
        .post(f"/introductions/{iid}/status", json={"status": "accepted"})
        .status_code
        == 200
    )
    assert api.post(f"/introductions/{iid}/status", json={"status": "met"}).status_code == 200
    missing = error_of(api.post(f"/introductions/{iid}/status", json={"status": "agreement"}), 422)
    assert missing["details"][0]["path"] == "outcome_kind"
    agreed = api.post(
        f"/introductions/{iid}/status",
        json={
            "status": "agreement",
            "outcome_kind": "purchase_contract",
            "outcome_value_idr": 25_000_000,
        },
    ).get_json()
    assert agreed["status"] == "agreement" and agreed["outcome_value_idr"] == 25_000_000
    assert api.get("/introductions?status=agreement").get_json()["total"] == 1
    assert error_of(api.get("/introductions?status=lost"), 422)
    assert error_of(api.get("/introductions/99999999999"), 404)


def test_the_last_place_is_taken_once(app, api):
    with app.app_context():
        db.session.scalar(select(Offering).where(Offering.external_id == "P-A-2")).capacity = 1
        db.session.commit()
    first = api.post(
        "/introductions", json={"msme_external_id": "M-A", "offering_external_id": "P-A-2"}
    ).get_json()
    second = api.post(
        "/introductions", json={"msme_external_id": "M-B", "offering_external_id": "P-A-2"}
    ).get_json()
    partner = api.as_("partner_a")
    assert (
        partner.post(
            f"/introductions/{first['id']}/status", json={"status": "accepted"}
        ).status_code
        == 200
    )
    lost = error_of(
        partner.post(f"/introductions/{second['id']}/status", json={"status": "accepted"}), 409
    )
    assert lost["code"] == "capacity_full"
    assert partner.get(f"/introductions/{second['id']}").get_json()["status"] == "proposed"
    closed = api.post("/offerings/P-B-1/close").get_json()
    assert closed["closed"] is True
    assert error_of(
        api.post(
            "/introductions", json={"msme_external_id": "M-B", "offering_external_id": "P-B-1"}
        ),
        409,
    )
