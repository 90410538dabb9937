"""Privacy by construction: everything a partner can reach, on every route and
API operation (enumerated from the app, so a new route is covered), shows an
MSME only through the allow-list of ``services.privacy.partner_view`` until an
introduction is accepted, however the MSME spelled its identity into its texts."""

from __future__ import annotations

import email
import email.policy
import itertools
import json
import re

import pytest
from sqlalchemy import select

from tests import factories as f
from tests.world import PASSWORD, login
from web.api.registry import OPERATIONS
from web.extensions import db
from web.models import Introduction, Msme, Offering, User
from web.services import privacy
from web.services.api_tokens import issue
from web.services.importer import import_document

LEAKY_ID = "BUMDES-MANDOR-22"
NAME = "BUMDes Mandor Mandiri Sejahtera"
PERSON = "Abang Safwan (ketua)"
IDENTITY = (
    f"{NAME}, ketua Pak Safwan (Abang Safwan), WA +62 813-4567-8901, 0813-4567-8901 "
    "atau 081345678901, surel safwan22@surel.example atau safwan22 at surel.example, "
    "IG @mandor.mandiri, NIB 9120105473299"
)
LEAKY = f.msme(
    LEAKY_ID,
    name=NAME,
    legal_form="bumdes",
    nib="9120105473299",
    regency="Kab. Landak",
    sector="home_industry",
    scale="micro",
    certifications=["pirt"],
    commodities=[
        "amplang",
        "Amplang BUMDes Mandor WA 081345678901",
        "@mandor.mandiri",
        "safwan22 at surel.example",
    ],
    description=f"Amplang ikan dari {IDENTITY}.",
    needs=[
        {
            "field": "financing",
            "priority": 1,
            "description": f"Modal mesin vakum, hubungi {IDENTITY}",
        },
        {"field": "marketing", "priority": 2, "description": f"Pembeli oleh-oleh: {IDENTITY}"},
    ],
    contact={"person": PERSON, "phone": "0813-4567-8901", "email": "safwan22@surel.example"},
    # Issue 16: a FLOW's note is the MSME's own words, never shown to a partner.
    supplies=[
        {"commodity": "amplang", "quantity": 1500, "unit": "pack", "note": f"Pesan ke {IDENTITY}"}
    ],
    sources=[{"commodity": "ikan tenggiri", "quantity": 300, "unit": "kg", "note": IDENTITY}],
)
# What must never reach a partner before acceptance (compared case-insensitively).
SECRETS = (
    "Mandor",
    "Safwan",
    "Abang",
    "+6281345678901",
    "081345678901",
    "0813-4567-8901",
    "4567-8901",
    "345678901",
    "safwan22",
    "surel.example",
    "9120105473299",
    "05473299",
)
PITCH = "Usaha amplang skala mikro di Landak; siap produksi untuk kredit mesin."
STAFF_NOTE = "Sudah dicek konsultan: cocok untuk kredit mesin."

# Candidate values for each path parameter; a new parameter name fails the test
# until it gets candidates here, so that no route is left out.
PARAMS = {
    "external_id": ["P-A-1", "P-A-2", "P-A", LEAKY_ID, "M-A"],
    "offering_id": ["P-A-1", "P-A-2"],
    "intro_id": None,  # filled in: every introduction
    "user_id": None,  # filled in: the leaky MSME's owner
    "milestone_id": [1],
    "token_id": [999_999],  # not the partner's: the test's own token must survive
    "token": ["not-a-real-token"],
    "search_id": [1, 999_999],
    "notification_id": [1, 2, 3, 4, 5, 6],  # the partner's own and others'
    "message_id": [1, 2],  # the development mailbox (admins only)
    "rank": [1],  # issue 16: a pool's group, and a pooled group's key
    "group": ["no-such-group"],
    "fmt": ["xlsx", "pdf", "csv"],
}
# Writes a partner may try, each with a body that cannot end the run; the
# answer (after redirects, for pages) is checked like a page.
PAGE_WRITES = {
    "/lang": {"lang": "en", "next": "/partner/inbox"},
    "/partner/introductions/<int:intro_id>/answer": {"status": "no-such-status", "note": "x"},
    "/data-saya/hapus": {"confirm": "HAPUS", "password": "not-the-password"},
    "/account/tokens": {"name": "uji privasi"},
    "/partner/offerings/<external_id>/broker": {"ref": "not-a-reference", "message": "x"},
    "/partner/introductions/<int:intro_id>/note": {"note": "Catatan mitra"},
    "/partner/introductions/<int:intro_id>/withdraw": {"note": "Tidak jadi"},
    "/account/searches": {"kind": "suggestions", "offering": "P-A-1"},
}
# Writes that are not exercised, and why.
SKIPPED = {
    ("POST", "/logout"): "ends the session the test needs; answers a redirect to the public "
    "home page, which holds no MSME data",
}
SECRET_RE = re.compile("|".join(re.escape(s) for s in SECRETS), re.IGNORECASE)


def leaks(text: str) -> list[str]:
    return sorted({m.group(0) for m in SECRET_RE.finditer(text)})


@pytest.fixture
def scene(app, world, login_as):
    """The leaky MSME asks partner A for an introduction in its own words; a
    consultant proposes it with a pitch, and proposes a second one directly."""
    with app.app_context():
        import_document(f.document(msmes=[LEAKY], partners=[]), actor_label="test")
        msme = db.session.scalar(select(Msme).where(Msme.external_id == LEAKY_ID))
        owner = User(
            email="pemilik@mandor.example",
            role="msme",
            msme=msme,
            password_hash=db.session.scalar(
                select(User.password_hash).where(User.email == world["msme_a"])
            ),
        )
        db.session.add(owner)
        partner_user = db.session.scalar(select(User).where(User.email == world["partner_a"]))
        _, token = issue(partner_user, "privasi")
        db.session.commit()
        owner_id = owner.id
    msme_client = app.test_client()
    assert login(msme_client, "pemilik@mandor.example", PASSWORD).status_code == 302
    asked = msme_client.post("/msme/request/P-A-1", data={"message": f"Saya {IDENTITY}"})
    assert asked.status_code == 302
    with app.app_context():
        first = db.session.scalar(select(Introduction.id))
    consultant = login_as("consultant")
    consultant.post(
        f"/consultant/introductions/{first}/status",
        data={"status": "proposed", "pitch": PITCH, "note": STAFF_NOTE},
    )
    consultant.post(
        f"/consultant/msmes/{LEAKY_ID}/introduce/P-A-2",
        data={"message": "Usulan konsultan", "pitch": PITCH},
    )
    with app.app_context():
        intros = dict(
            db.session.execute(select(Offering.external_id, Introduction.id).join(Offering)).all()
        )
        assert db.session.get(Introduction, first).status == "proposed"
    return {
        "first": intros["P-A-1"],
        "second": intros["P-A-2"],
        "token": token,
        "owner_id": owner_id,
    }


def _paths(rule, scene) -> list[str]:
    names = list(rule.arguments)
    values = dict(PARAMS, intro_id=[scene["first"], scene["second"]], user_id=[scene["owner_id"]])
    for name in names:
        assert values.get(name), f"no candidate values for <{name}> in {rule.rule}"
    paths = []
    for combo in itertools.product(*(values[n] for n in names)):
        path = rule.rule
        for name, value in zip(names, combo, strict=True):
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        paths.append(path)
    return paths


def _partner_clients(app, world, scene):
    page = app.test_client()
    assert login(page, world["partner_a"]).status_code == 302
    api_headers = {"Authorization": f"Bearer {scene['token']}"}
    return page, api_headers


def _visit_everything(app, world, scene) -> dict[str, str]:
    """Every route of the app as partner A: each GET (pages in both languages,
    the API also with lang=en) and each write, with their answers."""
    page, headers = _partner_clients(app, world, scene)
    api = app.test_client()
    seen: dict[str, str] = {}
    exercised = set()
    rules = [r for r in app.url_map.iter_rules() if r.endpoint != "static"]
    # reads first, in Bahasa Indonesia and in English
    for lang in ("id", "en"):
        page.post("/lang", data={"lang": lang})
        for rule in rules:
            if "GET" not in rule.methods:
                continue
            for path in _paths(rule, scene):
                if path.startswith("/api/"):
                    for query in ("", "?lang=en"):
                        seen[f"GET {path}{query}"] = api.get(path + query, headers=headers).text
                else:
                    seen[f"GET {path} [{lang}]"] = page.get(path, follow_redirects=True).text
            exercised.add(("GET", rule.rule))
    # then every write
    for rule in rules:
        for method in sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}):
            if (method, rule.rule) in SKIPPED:
                continue
            for path in _paths(rule, scene):
                if path.startswith("/api/"):
                    body = {}
                    if rule.endpoint == "api.change_status":
                        # the second introduction is declined: a success answer,
                        # before acceptance; the first one refuses a skipped step
                        body = {
                            "status": "declined"
                            if path.endswith(f"/{scene['second']}/status")
                            else "met"
                        }
                    answer = api.open(path, method=method, headers=headers, json=body)
                else:
                    answer = page.open(
                        path,
                        method=method,
                        follow_redirects=True,
                        data=PAGE_WRITES.get(rule.rule, {}),
                    )
                seen[f"{method} {path}"] = answer.text
            exercised.add((method, rule.rule))
    with app.app_context():  # closing and reopening toggled offerings: reopen them
        for offering in db.session.scalars(select(Offering)):
            offering.closed = False
        db.session.commit()
    every = {(m, r.rule) for r in rules for m in r.methods - {"HEAD", "OPTIONS"}}
    assert every - exercised == set(SKIPPED)
    api_ops = {(op.method, "/api/v1" + op.rule) for op in OPERATIONS}
    assert api_ops <= exercised, "every API operation is called"
    return seen


def test_no_partner_route_shows_what_the_msme_typed_before_acceptance(app, world, scene):
    seen = _visit_everything(app, world, scene)
    leaked = {key: found for key, text in seen.items() if (found := leaks(text))}
    assert leaked == {}
    # Not vacuous: the partner did see the MSME, its pitch and a staff note.
    suggestions = seen["GET /partner/offerings/P-A-1/suggestions [id]"]
    assert "Kabupaten Landak" in suggestions and "amplang" in suggestions
    assert "BUMDes" in suggestions and "SPP-IRT" in suggestions  # legal form, certificate
    assert "pembiayaan (prioritas 1)" in suggestions
    page = seen[f"GET /partner/introductions/{scene['first']} [id]"]
    assert PITCH in page and STAFF_NOTE in page
    download = json.loads(seen["GET /data-saya/unduh [id]"])
    first = next(i for i in download["introductions"] if i["id"] == scene["first"])
    assert first["pitch"] == PITCH and first["msme"] is None and first["message"] is None
    assert first["msme_profile"]["commodities"] == ["amplang"]
    matches = json.loads(seen["GET /api/v1/offerings/P-A-1/matches"])["items"]
    mine = [m for m in matches if m["profile"]["regency_code"] == "6103"]
    assert (
        mine
        and mine[0]["reasons"]
        and mine[0]["profile"]["needs"]
        == [{"field": "financing", "priority": 1}, {"field": "marketing", "priority": 2}]
    )
    # Issue 16: partner A's amplang offering with a volume shows the pooled group,
    # its member by regency and quantity only.
    pools = seen["GET /partner/offerings/P-A-2/suggestions [id]"]
    assert "Kelompok pemasok gabungan" in pools
    assert "UMKM di Kabupaten Landak: 1.500 bungkus per bulan" in pools
    declined = json.loads(seen[f"POST /api/v1/introductions/{scene['second']}/status"])
    assert declined["status"] == "declined" and declined["pitch"] == PITCH


def test_the_partners_notifications_and_emails_hold_no_msme_secret(app, world, scene):
    from web.models import DevMail, Notification
    from web.services import mail
    from web.worker import one_pass

    page, _ = _partner_clients(app, world, scene)
    listing = page.get("/notifications").text
    assert "Usulan perkenalan baru untuk layanan" in listing and leaks(listing) == []
    with app.test_request_context("/"):
        one_pass(mail.transport())
        partner_id = db.session.scalar(select(User.id).where(User.email == world["partner_a"]))
        rows = db.session.scalars(select(Notification).where(Notification.user_id == partner_id))
        rows = list(rows)  # the two proposals, and the weekly digest the worker's pass made
        assert [r.kind for r in rows].count("introduction_proposed_partner") == 2
        assert [leaks(json.dumps(r.params)) for r in rows] == [[]] * len(rows)
        raws = db.session.scalars(
            select(DevMail.raw).where(DevMail.recipient == world["partner_a"])
        ).all()
    assert len(raws) == 2
    for raw in raws:  # decoded: the parts are quoted-printable on the wire
        message = email.message_from_string(raw, policy=email.policy.default)
        texts = [p.get_content() for p in message.walk() if not p.is_multipart()]
        assert len(texts) == 2 and "UMKM" in texts[0]
        assert leaks(" ".join([str(message["Subject"]), *texts])) == []


def test_after_acceptance_the_partner_sees_name_contact_and_message(app, world, scene):
    page, headers = _partner_clients(app, world, scene)
    first = scene["first"]
    assert (
        page.post(f"/partner/introductions/{first}/answer", data={"status": "accepted"}).status_code
        == 302
    )
    text = page.get(f"/partner/introductions/{first}").text
    assert NAME in text and PERSON in text and "+6281345678901" in text
    assert "safwan22@surel.example" in text and "Saya BUMDes Mandor" in text  # its message
    body = app.test_client().get(f"/api/v1/introductions/{first}", headers=headers).get_json()
    assert body["msme_name"] == NAME and body["msme_contact"]["person"] == PERSON
    assert body["msme_external_id"] == LEAKY_ID and body["message"].startswith("Saya BUMDes")
    download = json.loads(page.get("/data-saya/unduh").data)
    mine = next(i for i in download["introductions"] if i["id"] == first)
    assert mine["msme"] == LEAKY_ID and mine["msme_name"] == NAME
    assert "Mandor" in page.get("/partner/offerings/P-A-2/suggestions").text
    # the other introduction with the same MSME was never accepted: still anonymous
    other = page.get(f"/partner/introductions/{scene['second']}").text
    assert "Abang Safwan" not in other and "+6281345678901" not in other


class _Recorder:
    """A stand-in for an MSME (or one of its needs) that records which
    attributes are read, its needs' reads included."""

    def __init__(self, real, read=None, prefix=""):
        object.__setattr__(self, "_real", real)
        object.__setattr__(self, "read", set() if read is None else read)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name):
        self.read.add(self._prefix + name)
        value = getattr(self._real, name)
        if name == "needs":
            return [_Recorder(n, self.read, "needs.") for n in value]
        return value


def test_partner_view_reads_only_the_allow_list(app, world, scene):
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == LEAKY_ID))
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-1"))
        spy = _Recorder(msme)
        view = privacy.partner_view(spy, offering=offering)
        assert spy.read == set(privacy.PARTNER_FIELDS) | {
            f"needs.{name}" for name in privacy.NEED_FIELDS
        }
        assert leaks(repr(view)) == []
        assert [c.key for c in view.commodities] == ["amplang"]  # unknown strings dropped
        assert view.reasons[0] == "Menjawab kebutuhan utama: pembiayaan"


def test_the_pitch_is_written_by_staff_only(app, world, scene, login_as):
    with app.app_context():
        msme_user = db.session.scalar(select(User).where(User.email == world["msme_b"]))
        _, token = issue(msme_user, "uji")
        db.session.commit()
    asked = app.test_client().post(
        "/api/v1/introductions",
        headers={"Authorization": f"Bearer {token}"},
        json={"offering_external_id": "P-B-1", "pitch": "Kopi terbaik"},
    )
    assert asked.status_code == 422 and "pitch" in asked.text
    refused = app.test_client().post(
        f"/api/v1/introductions/{scene['first']}/status",
        headers={"Authorization": f"Bearer {scene['token']}"},
        json={"status": "accepted", "pitch": "ditulis mitra"},
    )
    assert refused.status_code == 422
    with app.test_request_context(), app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == LEAKY_ID))
        draft = privacy.draft_pitch(msme)
    assert "Kabupaten Landak" in draft and "amplang" in draft and leaks(draft) == []
    page = login_as("consultant").get(f"/consultant/msmes/{LEAKY_ID}").text
    assert 'name="pitch"' in page
