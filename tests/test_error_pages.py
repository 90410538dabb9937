"""Error pages: inside the site's layout, in the reader's language, with a way back;
the API keeps its JSON error shape for the same statuses."""

from __future__ import annotations

import pytest
from flask import abort

LAYOUT = '<nav class="site-nav"'


def _in_layout(response, status: int, title: str) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert LAYOUT in page, "not inside the site's layout"
    assert f"<h1>{title}</h1>" in page
    assert 'href="/"' in page and "Kembali ke beranda" in page
    return page


@pytest.fixture
def failing_app(app):
    """The app with a page and an API route that fail with any status asked for."""
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom/<int:status>")
    def boom(status):
        if status == 500:
            raise RuntimeError("kaboom")
        abort(status)

    @app.get("/api/v1/boom/<int:status>")
    def api_boom(status):
        if status == 500:
            raise RuntimeError("kaboom")
        abort(status)

    return app


@pytest.mark.parametrize(
    ("status", "title"),
    [
        (400, "Permintaan tidak dapat diproses"),
        (403, "Anda tidak punya akses ke halaman ini"),
        (404, "Halaman tidak ditemukan"),
        (405, "Halaman ini tidak dapat dibuka dengan cara itu"),
        (413, "Isian terlalu besar"),
        (429, "Terlalu banyak permintaan"),
        (500, "Terjadi kesalahan di server"),
    ],
)
def test_page_errors_are_pages_of_the_site(failing_app, status, title) -> None:
    client = failing_app.test_client()
    page = _in_layout(client.get(f"/boom/{status}"), status, title)
    assert f"Kode galat {status}" in page
    assert "kaboom" not in page


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, "bad_request"),
        (403, "forbidden"),
        (404, "not_found"),
        (405, "method_not_allowed"),
        (413, "payload_too_large"),
        (500, "server_error"),
    ],
)
def test_the_api_keeps_its_json_errors(failing_app, status, code) -> None:
    response = failing_app.test_client().get(f"/api/v1/boom/{status}")
    assert response.status_code == status
    assert response.is_json
    error = response.get_json()["error"]
    assert (
        error["code"] == code and error["message"] and set(error) == {"code", "message", "details"}
    )


def test_unknown_page_and_wrong_method_in_english_with_a_way_back(client) -> None:
    client.post("/lang", data={"lang": "en"})
    response = client.get("/no-such-page", headers={"Referer": "http://localhost/login"})
    page = _in_layout_en(response, 404, "Page not found")
    assert 'href="http://localhost/login"' in page  # back to where the reader came from
    assert '<html lang="en">' in page

    response = client.get("/logout")  # a form's target, not a page
    _in_layout_en(response, 405, "This page cannot be opened that way")
    assert "POST" in response.headers["Allow"]


def _in_layout_en(response, status: int, title: str) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert LAYOUT in page and f"<h1>{title}</h1>" in page
    assert "Back to the home page" in page
    return page


def test_forbidden_page_for_another_role(login_as) -> None:
    client = login_as("msme_a")
    page = _in_layout(client.get("/consultant/"), 403, "Anda tidak punya akses ke halaman ini")
    assert "Keluar" in page  # still logged in, the menu is there


def test_api_unknown_url_stays_json(client) -> None:
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.get_json() == {
        "error": {"code": "not_found", "message": "No such resource.", "details": None}
    }
