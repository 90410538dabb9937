"""Issue 16 in the API: supply links and pools, with the pages' access rules."""

from __future__ import annotations

from tests import factories as f
from tests.test_api_auth import api_fixtures, error_of
from web.extensions import db
from web.services.importer import import_document

tokens, api = api_fixtures()

FISHER = f.msme(
    "M-FISH",
    name="Nelayan Tenggiri Rahasia",
    commodities=["ikan tenggiri"],
    supplies=[{"commodity": "tenggiri", "quantity": 400, "unit": "kg", "note": "WA 0812999"}],
    needs=[],
)
MAKER = f.msme(
    "M-AMP2",
    name="Amplang Kedua Singkawang",
    regency="Singkawang",
    commodities=["amplang"],
    supplies=[{"commodity": "amplang", "quantity": 1200, "unit": "pack", "period": "month"}],
)


def _more(app) -> None:
    with app.app_context():
        import_document(f.document([FISHER, MAKER], []), actor_label="test")
        db.session.commit()


def test_links_name_the_other_msme_to_staff_only(app, api):
    _more(app)
    staff = api.get("/msmes/M-A/links?direction=supplier").get_json()
    assert staff["items"][0]["msme_external_id"] == "M-FISH"
    assert staff["items"][0]["name"] == "Nelayan Tenggiri Rahasia"
    assert staff["items"][0]["reasons"][0].startswith("Menghasilkan 400 kg ikan tenggiri")
    own = api.as_("msme_a").get("/msmes/M-A/links?lang=en").get_json()
    first = next(i for i in own["items"] if i["direction"] == "supplier")
    assert first["msme_external_id"] is None and first["name"] is None
    assert first["regency_code"] == "6101" and first["commodity"] == "ikan tenggiri"
    assert "Rahasia" not in str(own) and "0812999" not in str(own)
    assert error_of(api.as_("msme_b").get("/msmes/M-A/links"), 404)
    assert error_of(api.as_("partner_a").get("/msmes/M-A/links"), 403)
    assert error_of(api.get("/msmes/M-A/links?direction=sideways"), 422)["code"] == "invalid"


def test_pools_hide_members_from_the_partner(app, api):
    _more(app)
    staff = api.get("/offerings/P-A-2/pools").get_json()
    assert staff["volume"] == {"quantity": 1000, "unit": "pack", "period": "month"}
    group = staff["items"][0]
    assert group["members"][0]["msme_external_id"] == "M-AMP2" and group["covers"] >= 1
    partner = api.as_("partner_a").get("/offerings/P-A-2/pools").get_json()
    member = partner["items"][0]["members"][0]
    assert member == {
        "msme_external_id": None,
        "regency_code": "6172",
        "quantity": 1200,
        "unit": "pack",
        "period": "month",
    }
    assert error_of(api.as_("partner_b").get("/offerings/P-A-2/pools"), 404)
    assert error_of(api.get("/offerings/P-A-1/pools"), 422)["code"] == "no_volume"


def test_the_openapi_document_describes_links_and_pools(api):
    paths = api.as_(None).get("/openapi.json").get_json()["paths"]
    assert "get" in paths["/api/v1/msmes/{external_id}/links"]
    assert "get" in paths["/api/v1/offerings/{external_id}/pools"]
