"""The home page and the language switch, Bahasa Indonesia first."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests import factories as f

WEB = Path(__file__).resolve().parent.parent / "web"
PO = WEB / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


def test_home_page_shows_the_network_in_bahasa_indonesia(client, runner, write_json):
    empty = client.get("/")
    assert empty.status_code == 200
    assert "Belum ada data" in empty.text
    runner.invoke(args=["import", str(write_json(f.document()))])
    page = client.get("/")
    assert '<html lang="id">' in page.text
    assert "UMKM per kabupaten/kota" in page.text
    assert "Kabupaten Sambas" in page.text and "pembiayaan" in page.text


def test_language_switch_is_remembered(client, runner, write_json):
    runner.invoke(args=["import", str(write_json(f.document()))])
    response = client.post("/lang", data={"lang": "en", "next": "/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").text
    assert '<html lang="en">' in page
    assert "MSMEs by regency/city" in page and "financing" in page
    assert "UMKM per kabupaten/kota" not in page
    client.post("/lang", data={"lang": "id"})
    assert "UMKM per kabupaten/kota" in client.get("/").text


def test_language_switch_does_not_redirect_elsewhere(client):
    response = client.post("/lang", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_every_string_is_translated_and_the_catalogue_is_compiled():
    source_ids = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            str(WEB),
            method_map=[
                ("**.py", "python"),
                ("templates/**.html", "jinja2"),
                ("templates/**.txt", "jinja2"),
            ],
            keywords={"_": None, "gettext": None, "_l": None, "ngettext": (1, 2)},
        )
    }
    catalogue = read_po(PO.open("rb"))
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalogue if m.id}
    assert source_ids - set(translated) == set(), "strings missing from the English catalogue"
    assert [i for i, s in translated.items() if not s] == [], "untranslated strings"
    compiled = read_mo(io.BytesIO(MO.read_bytes()))
    assert {m.id: m.string for m in compiled if m.id} == {
        m.id: m.string for m in catalogue if m.id and not m.fuzzy
    }, "messages.mo is stale: run 'make translations'"


def test_import_messages_are_translated_to_bahasa_indonesia():
    catalogue = read_po((WEB / "translations" / "id" / "LC_MESSAGES" / "exchange.po").open("rb"))
    source_ids = {
        message[2]
        for message in extract_from_dir(
            str(WEB / "services"), method_map=[("exchange.py", "python")], keywords={"_t": None}
        )
    }
    translated = {m.id: m.string for m in catalogue if m.id}
    assert source_ids - set(translated) == set()
    assert [i for i, s in translated.items() if not s] == []
    compiled = read_mo(
        io.BytesIO((WEB / "translations" / "id" / "LC_MESSAGES" / "exchange.mo").read_bytes())
    )
    assert {m.id: m.string for m in compiled if m.id} == {
        m.id: m.string for m in catalogue if m.id and not m.fuzzy
    }


def test_form_errors_follow_the_reader_language(app):
    import pytest
    from flask import session

    from tests import factories as f
    from web.services.exchange import DocumentRejected, validate_document

    expected = {
        "id": "NIB harus 13 angka (tertulis '123')",
        "en": "NIB must be a string of 13 digits (got '123')",
    }
    for lang, message in expected.items():
        with app.test_request_context():
            session["lang"] = lang
            with pytest.raises(DocumentRejected) as info:
                validate_document(f.document(msmes=[f.msme(nib="123")]))
            assert str(info.value.problems[0].message) == message
