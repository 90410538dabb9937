"""Issue 16 on the pages: consultants see potential suppliers and buyers with
names, and pooled groups for an offering's volume; an MSME sees the other
side only by regency and structured reasons, never its name, contact or notes."""

from __future__ import annotations

from tests import factories as f
from web.extensions import db
from web.services.importer import import_document

FISHER_NAME = "Nelayan Tenggiri Pemangkat Rahasia"
FISHER_NOTE = "Telepon Pak Kasim 0812-9999-0000"
FISHER = f.msme(
    "M-FISH",
    name=FISHER_NAME,
    regency="Kab. Sambas",
    sector="fishery",
    commodities=["ikan tenggiri"],
    description="Nelayan tenggiri.",
    contact={"person": "Pak Kasim", "phone": "0812-9999-0000"},
    supplies=[{"commodity": "tenggiri", "quantity": 400, "unit": "kg", "note": FISHER_NOTE}],
    needs=[],
)
SECOND_MAKER = f.msme(
    "M-AMP2",
    name="Amplang Kedua Singkawang",
    regency="Singkawang",
    commodities=["amplang"],
    supplies=[{"commodity": "amplang", "quantity": 1200, "unit": "pack", "period": "month"}],
)


def _with_fisher(app) -> None:
    with app.app_context():
        import_document(f.document([FISHER, SECOND_MAKER], []), actor_label="test")
        db.session.commit()


def test_the_consultant_sees_potential_suppliers_by_name(app, login_as):
    _with_fisher(app)
    page = login_as("consultant").get("/consultant/msmes/M-A?tab=supply").text
    assert "Pemasok potensial" in page and "Pembeli potensial" in page
    assert FISHER_NAME in page
    assert "Menghasilkan 400 kg ikan tenggiri per bulan, di kabupaten/kota yang sama" in page


def test_the_msme_sees_suppliers_without_their_name_contact_or_notes(app, login_as):
    _with_fisher(app)
    page = login_as("msme_a").get("/msme/").text
    assert "Pemasok potensial" in page
    assert "UMKM di Kabupaten Sambas" in page
    assert "Menghasilkan 400 kg ikan tenggiri per bulan" in page
    for secret in (FISHER_NAME, "Kasim", "0812-9999-0000", "+6281299990000", FISHER_NOTE):
        assert secret not in page


def test_pooled_groups_for_an_offering_volume(app, login_as):
    _with_fisher(app)
    consultant = login_as("consultant").get("/consultant/partners/P-A").text
    assert "Kelompok pemasok gabungan untuk 1.000 bungkus per bulan" in consultant
    assert "Amplang Kedua Singkawang" in consultant
    partner = login_as("partner_a").get("/partner/offerings/P-A-2/suggestions").text
    assert "Kelompok pemasok gabungan" in partner
    assert "UMKM di Kota Singkawang: 1.200 bungkus per bulan" in partner
    assert "Amplang Kedua Singkawang" not in partner
    other = login_as("partner_a").get("/partner/offerings/P-A-1/suggestions").text
    assert "Kelompok pemasok gabungan" not in other  # no volume, no pools


def test_pages_in_english_say_it_in_english(app, login_as):
    _with_fisher(app)
    client = login_as("consultant")
    client.post("/lang", data={"lang": "en", "next": "/"})
    page = client.get("/consultant/msmes/M-A?tab=supply").text
    assert "Potential suppliers" in page
    assert "Produces 400 kg spanish mackerel per month, in the same regency" in page


def test_the_msme_form_reads_and_shows_flows_one_per_line(app, login_as):
    from sqlalchemy import select

    from tests.test_web_consultant import INTAKE
    from web.models import Msme

    consultant = login_as("consultant")
    data = dict(
        INTAKE,
        name="UD Amplang Tenggiri Jaya",
        regency="6101",
        commodities="amplang",
        nib="9120105473216",
        supplies="amplang 1.500 bungkus per bulan",
        sources="ikan tengiri 300 kg per minggu\ntepung tapioka 1,5 ton",
    )
    assert consultant.post("/consultant/msmes/M-A/edit", data=data).status_code == 302
    with app.app_context():
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        assert msme.supplies == [
            {"commodity": "amplang", "quantity": 1500, "unit": "pack", "period": "month"}
        ]
        assert msme.sources[0] == {
            "commodity": "ikan tenggiri",  # the typo forgiven
            "quantity": 300,
            "unit": "kg",
            "period": "week",
        }
        assert msme.sources[1]["quantity"] == 1.5 and msme.sources[1]["unit"] == "ton"
    form = consultant.get("/consultant/msmes/M-A/edit").text
    assert "ikan tenggiri 300 kg per minggu" in form
    bad = dict(data, sources="batu akik 5 kg\nkeladi 0 kg")
    page = consultant.post("/consultant/msmes/M-A/edit", data=bad).text
    assert 'id="sources-error"' in page and "batu akik" in page


def test_the_offering_form_takes_a_volume_and_says_what_is_wrong(app, login_as):
    from sqlalchemy import select

    from tests.test_web_partner import NEW_OFFERING
    from web.models import Offering

    partner = login_as("partner_a")
    data = dict(NEW_OFFERING, volume_quantity="1,5", volume_unit="ton", volume_period="month")
    assert partner.post("/partner/offerings/new", data=data).status_code == 302
    with app.app_context():
        offering = db.session.scalar(select(Offering).where(Offering.title.like("Etalase%")))
        assert (offering.volume_quantity, offering.volume_unit, offering.volume_period) == (
            1.5,
            "ton",
            "month",
        )
        external_id = offering.external_id
    form = partner.get(f"/partner/offerings/{external_id}/edit").text
    assert 'value="1,5"' in form
    bad = dict(NEW_OFFERING, title="Lain", volume_quantity="banyak", volume_unit="ton")
    page = partner.post("/partner/offerings/new", data=bad).text
    assert 'id="volume_quantity-error"' in page and 'id="volume_period-error"' in page
