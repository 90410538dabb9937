"""Every validation rule of the import, each reported by path with its reason."""

from __future__ import annotations

import pytest

from tests import factories as f
from web.services.exchange import DocumentRejected, validate_document


def problems_of(document) -> dict[str, str]:
    with pytest.raises(DocumentRejected) as info:
        validate_document(document)
    return {p.path: p.message for p in info.value.problems}


def test_valid_document_passes():
    result = validate_document(f.document())
    assert [m["external_id"] for m in result.msmes] == ["M1"]
    assert result.partners[0]["offerings"][0]["external_id"] == "P1-1"


@pytest.mark.parametrize(
    "mutate, path, reason",
    [
        (lambda d: d.update(extra=1), "$.extra", "unknown key 'extra'"),
        (lambda d: d["msmes"][0].update(colour="red"), "msmes[0].colour", "unknown key"),
        (
            lambda d: d["msmes"][0]["needs"][0].update(urgency=1),
            "msmes[0].needs[0].urgency",
            "unknown key",
        ),
        (lambda d: d["msmes"][0]["contact"].update(fax="1"), "msmes[0].contact.fax", "unknown key"),
        (
            lambda d: d["partners"][0]["offerings"][0].update(price=5),
            "partners[0].offerings[0].price",
            "unknown key",
        ),
        (
            lambda d: d["partners"][0]["offerings"][0]["eligibility"].update(age=5),
            "partners[0].offerings[0].eligibility.age",
            "unknown key",
        ),
    ],
)
def test_unknown_keys_are_rejected(mutate, path, reason):
    doc = f.document()
    mutate(doc)
    assert reason in problems_of(doc)[path]


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d["msmes"][0]["needs"][0].update(field="finance"), "msmes[0].needs[0].field"),
        (lambda d: d["msmes"][0].update(sector="mining"), "msmes[0].sector"),
        (lambda d: d["msmes"][0].update(legal_form="firma"), "msmes[0].legal_form"),
        (lambda d: d["msmes"][0].update(scale="large"), "msmes[0].scale"),
        (
            lambda d: d["msmes"][0].update(certifications=["pirt", "kosher"]),
            "msmes[0].certifications[1]",
        ),
        (lambda d: d["partners"][0].update(type="casino"), "partners[0].type"),
        (
            lambda d: d["partners"][0]["offerings"][0].update(sectors=["space"]),
            "partners[0].offerings[0].sectors[0]",
        ),
        (
            lambda d: d["partners"][0]["offerings"][0]["eligibility"].update(legal_forms=["llc"]),
            "partners[0].offerings[0].eligibility.legal_forms[0]",
        ),
    ],
)
def test_unknown_codes_are_rejected(mutate, path):
    doc = f.document()
    mutate(doc)
    assert "unknown" in problems_of(doc)[path]


# Another province's regency sharing a generic word with one of Kalimantan Barat's
# ("Luwu Utara" / "Kayong Utara", "Hulu Sungai Utara" / "Kapuas Hulu") is refused,
# not silently taken for it.
@pytest.mark.parametrize(
    "regency",
    [
        "Jakarta Selatan",
        "Bandung",
        "xyz",
        "",
        "Toraja Utara",
        "Kab. Luwu Utara",
        "Hulu Sungai Utara",
    ],
)
def test_regency_not_close_to_any_of_the_fourteen(regency):
    doc = f.document(msmes=[f.msme(regency=regency)])
    message = problems_of(doc)["msmes[0].regency"]
    assert "regenc" in message or "required" in message


def test_whole_province_is_not_a_regency_for_an_msme():
    doc = f.document(msmes=[f.msme(regency="Kalimantan Barat")])
    assert "msmes[0].regency" in problems_of(doc)


def test_partner_region_that_is_nowhere_is_rejected():
    doc = f.document(partners=[f.partner(regions=["Kalimantan Barat", "Surabaya"])])
    assert "partners[0].regions[1]" in problems_of(doc)


@pytest.mark.parametrize("nib", ["12345", "91201054732161", "91201054732AB", 9120105473216])
def test_nib_must_be_thirteen_digits(nib):
    doc = f.document(msmes=[f.msme(nib=nib)])
    assert "13 digits" in problems_of(doc)["msmes[0].nib"]


@pytest.mark.parametrize("key", ["business_capital_idr", "annual_turnover_idr", "employees"])
def test_negative_amounts_are_rejected(key):
    doc = f.document(msmes=[f.msme(**{key: -5})])
    assert "negative" in problems_of(doc)[f"msmes[0].{key}"]


def test_negative_capacity_is_rejected():
    doc = f.document(partners=[f.partner(offerings=[f.offering(capacity=-1)])])
    assert "negative" in problems_of(doc)["partners[0].offerings[0].capacity"]


def test_duplicate_external_ids_are_rejected():
    doc = f.document(
        msmes=[f.msme("M1"), f.msme("M2"), f.msme("M1")],
        partners=[f.partner("P1"), f.partner("P1", offerings=[])],
    )
    problems = problems_of(doc)
    assert "duplicate MSME" in problems["msmes[2].external_id"]
    assert "msmes[0]" in problems["msmes[2].external_id"]
    assert "duplicate partner" in problems["partners[1].external_id"]


def test_offering_id_reused_across_partners_is_rejected():
    doc = f.document(
        partners=[
            f.partner("P1", offerings=[f.offering("X-1")]),
            f.partner("P2", offerings=[f.offering("X-1")]),
        ]
    )
    message = problems_of(doc)["partners[1].offerings[0].external_id"]
    assert "reused across partners" in message and "P1" in message


def test_offering_id_repeated_within_a_partner_is_rejected():
    doc = f.document(partners=[f.partner("P1", offerings=[f.offering("X-1"), f.offering("X-1")])])
    assert "duplicate offering" in problems_of(doc)["partners[0].offerings[1].external_id"]


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d.update(format="jejaring/2"), "format"),
        (lambda d: d.pop("format"), "format"),
        (lambda d: d["msmes"][0].pop("name"), "msmes[0].name"),
        (lambda d: d["msmes"][0].pop("external_id"), "msmes[0].external_id"),
        (lambda d: d["msmes"][0].update(external_id="x" * 65), "msmes[0].external_id"),
        (lambda d: d["msmes"][0]["needs"][0].update(priority=4), "msmes[0].needs[0].priority"),
        (lambda d: d["msmes"][0]["needs"][0].pop("field"), "msmes[0].needs[0].field"),
        (lambda d: d["msmes"][0]["contact"].update(phone="bukan nomor"), "msmes[0].contact.phone"),
        (lambda d: d["msmes"][0]["contact"].update(email="rahma.mail"), "msmes[0].contact.email"),
        (lambda d: d["msmes"][0].update(employees="tiga"), "msmes[0].employees"),
        (lambda d: d["msmes"][0].update(commodities="amplang"), "msmes[0].commodities"),
        (lambda d: d["msmes"][0].update(founded_year=1850), "msmes[0].founded_year"),
        (lambda d: d["partners"][0].pop("type"), "partners[0].type"),
        (
            lambda d: d["partners"][0]["offerings"][0].update(valid_until="31/12/2027"),
            "partners[0].offerings[0].valid_until",
        ),
        (lambda d: d["partners"][0]["offerings"][0].pop("title"), "partners[0].offerings[0].title"),
        (
            lambda d: d["partners"][0]["offerings"][0].update(capacity=True),
            "partners[0].offerings[0].capacity",
        ),
        (lambda d: d.update(msmes={"M1": {}}), "msmes"),
    ],
)
def test_other_contract_rules(mutate, path):
    doc = f.document()
    mutate(doc)
    assert path in problems_of(doc)


def test_above_medium_is_an_error_when_deriving_scale():
    doc = f.document(msmes=[f.msme(scale=None, annual_turnover_idr=60_000_000_000)])
    del doc["msmes"][0]["scale"]
    assert "PP 7/2021" in problems_of(doc)["msmes[0].annual_turnover_idr"]


def test_report_names_every_bad_record():
    doc = f.document(
        msmes=[
            f.msme("M1", nib="123"),
            f.msme("M2"),
            f.msme("M3", regency="Atlantis", employees=-1),
        ],
        partners=[f.partner(type="casino", offerings=[f.offering(field="magic")])],
    )
    with pytest.raises(DocumentRejected) as info:
        validate_document(doc)
    paths = {p.path for p in info.value.problems}
    assert paths == {
        "msmes[0].nib",
        "msmes[2].regency",
        "msmes[2].employees",
        "partners[0].type",
        "partners[0].offerings[0].field",
    }
    report = info.value.report()
    assert report.startswith("5 problem(s) found; nothing was imported")
    assert "msmes[2].regency: 'Atlantis'" in report


@pytest.mark.parametrize(
    "written, code",
    [
        ("Pontianak", "6171"),
        ("kab. sambas", "6101"),
        ("KUBU RAYA", "6112"),
        ("6172", "6172"),
        ("Kabupaten Kapuas Hulu", "6108"),
        ("Ketapan", "6106"),
        ("kota singkawang", "6172"),
        ("kayong utra", "6111"),
        ("Kapuas", "6108"),
        ("Kubu Raya Regency", "6112"),
    ],
)
def test_regencies_are_resolved_forgivingly(written, code):
    result = validate_document(f.document(msmes=[f.msme(regency=written)]))
    assert result.msmes[0]["regency"] == code


@pytest.mark.parametrize(
    "phone, e164",
    [
        ("081250001111", "+6281250001111"),
        ("0812-5000-1111", "+6281250001111"),
        ("+62 812 5000 1111", "+6281250001111"),
        ("0561 123456", "+62561123456"),
    ],
)
def test_phones_are_normalised_to_e164(phone, e164):
    doc = f.document(msmes=[f.msme(contact={"phone": phone})])
    assert validate_document(doc).msmes[0]["contact_phone"] == e164


@pytest.mark.parametrize(
    "turnover, capital, scale",
    [
        (2_000_000_000, None, "micro"),
        (2_000_000_001, None, "small"),
        (15_000_000_000, 100, "small"),
        (40_000_000_000, None, "medium"),
        # Sales decide when given, even where capital says otherwise.
        (500_000_000, 9_000_000_000, "micro"),
        (None, 1_000_000_000, "micro"),
        (None, 1_000_000_001, "small"),
        (None, 10_000_000_000, "medium"),
        (None, None, None),
    ],
)
def test_scale_is_derived_by_pp_7_2021(turnover, capital, scale):
    record = f.msme(annual_turnover_idr=turnover, business_capital_idr=capital)
    del record["scale"]
    assert validate_document(f.document(msmes=[record])).msmes[0]["scale"] == scale


def test_given_scale_is_kept():
    record = f.msme(scale="small", annual_turnover_idr=100_000_000)
    assert validate_document(f.document(msmes=[record])).msmes[0]["scale"] == "small"


def test_sector_is_derived_from_commodities():
    record = f.msme(commodities=["lada putih", "merica"])
    del record["sector"]
    assert validate_document(f.document(msmes=[record])).msmes[0]["sector"] == "plantation"


def test_defaults_for_optional_fields():
    record = {
        "external_id": "M9",
        "name": "Usaha Baru",
        "regency": "Landak",
        "needs": [{"field": "marketing"}],
    }
    partner = {"external_id": "P9", "name": "Mitra", "type": "ngo"}
    result = validate_document({"format": "jejaring/1", "msmes": [record], "partners": [partner]})
    assert result.msmes[0]["legal_form"] == "individual"
    assert result.msmes[0]["needs"] == [{"field": "marketing", "description": "", "priority": 2}]
    assert result.partners[0]["regions"] == ["61"]
    assert result.partners[0]["offerings"] is None


def test_judgements_are_accepted_and_ignored(dev_set):
    result = validate_document(dev_set)
    assert len(result.msmes) == 12
    assert sum(len(p["offerings"]) for p in result.partners) == 38


@pytest.mark.parametrize(
    "mutate, path, reason",
    [
        (lambda d: d["msmes"][0].update(employees=10**20), "msmes[0].employees", "at most"),
        (
            lambda d: d["msmes"][0].update(business_capital_idr=10**16),
            "msmes[0].business_capital_idr",
            "at most",
        ),
        (
            lambda d: d["partners"][0]["offerings"][0].update(capacity=2**40),
            "partners[0].offerings[0].capacity",
            "at most",
        ),
        (
            lambda d: d["msmes"][0].update(name="Usaha\x00Nol"),
            "msmes[0].name",
            "control characters",
        ),
        (
            lambda d: d["msmes"][0].update(commodities=["amplang\x07"]),
            "msmes[0].commodities[0]",
            "control characters",
        ),
        (lambda d: d["msmes"][0].update(regency=True), "msmes[0].regency", "not close"),
    ],
)
def test_values_the_database_cannot_hold_are_rejected(mutate, path, reason):
    doc = f.document()
    mutate(doc)
    assert reason in problems_of(doc)[path]


@pytest.mark.parametrize(
    "mutate, path",
    [
        (lambda d: d["msmes"][0].update(name="   "), "msmes[0].name"),
        (
            lambda d: d["partners"][0]["offerings"][0].update(title="\t "),
            "partners[0].offerings[0].title",
        ),
        (lambda d: d["partners"][0].update(external_id="  "), "partners[0].external_id"),
    ],
)
def test_a_required_text_of_spaces_only_is_missing(mutate, path):
    doc = f.document()
    mutate(doc)
    assert problems_of(doc)[path] == "is required"


def test_an_email_address_that_was_rejected_is_not_kept():
    from web.services.exchange import Contact, _Checker, check_record

    checker = _Checker()
    contact = check_record(
        checker, {"email": "rahma.mail", "phone": "0812 5000 1111"}, Contact, "contact"
    )
    assert [p.path for p in checker.problems] == ["contact.email"]
    assert contact == {"person": None, "phone": "+6281250001111", "email": None}


@pytest.mark.parametrize(
    "judgements, path",
    [
        ([["M1", "P1-1", 3]], "judgements"),
        ({"M1": 3}, "judgements.M1"),
        ({"M1": {"P1-1": "ideal"}}, "judgements.M1.P1-1"),
    ],
)
def test_judgements_are_grades_by_msme_and_offering(judgements, path):
    doc = f.document()
    doc["judgements"] = judgements
    assert path in problems_of(doc)
    doc["judgements"] = {"M1": {"P1-1": 3}}
    validate_document(doc)


@pytest.mark.parametrize("written", ["20271231", "2027-W52-5", "2027-12-31T00:00", 20271231])
def test_valid_until_is_written_yyyy_mm_dd(written):
    doc = f.document(partners=[f.partner(offerings=[f.offering(valid_until=written)])])
    assert "YYYY-MM-DD" in problems_of(doc)["partners[0].offerings[0].valid_until"]


def test_a_key_added_to_a_record_is_checked_with_no_other_change(monkeypatch):
    """The records of ``exchange_schema`` are the one definition: a new field is
    validated, listed as a spreadsheet column and described, with nothing else
    written for it."""
    from web.services import exchange
    from web.services.exchange_schema import ITEM_MAX, MsmeRecord, Text

    class Trial(MsmeRecord):
        website: Text(ITEM_MAX) | None = None

    monkeypatch.setitem(exchange.RECORD_RULES, Trial, exchange.compile_rules(Trial))
    record = dict(f.msme(), website=" umkm.example ")
    checker = exchange._Checker()
    assert exchange.check_record(checker, record, Trial, "msmes[0]")["website"] == "umkm.example"
    assert checker.problems == []
    exchange.check_record(checker, dict(record, website="x" * 101), Trial, "msmes[0]")
    assert [str(p) for p in checker.problems] == [
        "msmes[0].website: is too long (101 characters, at most 100)"
    ]
    assert "website" in exchange.flat_columns(Trial)
    assert "website" in Trial.model_json_schema()["properties"]


def test_a_key_of_a_type_the_validator_cannot_check_is_refused_at_once():
    from web.services import exchange
    from web.services.exchange_schema import MsmeRecord

    class Trial(MsmeRecord):
        latitude: float | None = None

    with pytest.raises(TypeError, match="latitude"):
        exchange.compile_rules(Trial)
