"""Rate limits on the API and the pages: per class, per token, per account and
per address; a cap on requests in flight per caller; 429 with Retry-After in
the API's error shape or as a page; and one count shared by every worker
through Redis. The suite runs with limits off (conftest); these tests turn
them on in an app of their own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.test_api_auth import api_fixtures, error_of
from tests.world import login
from web import create_app
from web.api.openapi import document
from web.rate_limits import IMPORT_ENDPOINTS, RANKING_ENDPOINTS

ROOT = Path(__file__).resolve().parent.parent
tokens, _ = api_fixtures()
LOOSE = "1000 per minute"


def limited(app, **limits):
    """An app on the same database with rate limits on (roomy unless given)."""
    settings = dict(
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_READ=LOOSE,
        RATELIMIT_RANKING=LOOSE,
        RATELIMIT_WRITE=LOOSE,
        RATELIMIT_IMPORT=LOOSE,
        RATELIMIT_ADDRESS="5000 per minute",
        RATELIMIT_CONCURRENT=2,
    )
    settings.update(limits)
    return create_app(dict(app.config, **settings))


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def retry_after(response) -> int:
    seconds = int(response.headers["Retry-After"])
    assert 1 <= seconds <= 3600
    return seconds


def test_a_token_that_used_its_reads_gets_the_api_429_and_others_go_on(app, tokens):
    client = limited(app, RATELIMIT_READ="3 per minute").test_client()
    for _ in range(3):
        ok = client.get("/api/v1/me", headers=bearer(tokens["msme_a"]))
        assert ok.status_code == 200 and "Retry-After" not in ok.headers
    refused = client.get("/api/v1/me", headers=bearer(tokens["msme_a"]))
    error = error_of(refused, 429)
    assert error["code"] == "too_many_requests"
    assert error["details"]["retry_after"] == retry_after(refused)
    assert "3 per 1 minute" in error["details"]["limit"]
    assert client.get("/api/v1/me", headers=bearer(tokens["consultant"])).status_code == 200


def test_each_class_has_its_own_budget(app, tokens):
    client = limited(
        app,
        RATELIMIT_RANKING="1 per minute",
        RATELIMIT_IMPORT="1 per minute",
        RATELIMIT_WRITE="1 per minute",
    ).test_client()
    auth = bearer(tokens["consultant"])
    assert client.get("/api/v1/msmes/M-A/matches", headers=auth).status_code == 200
    error_of(client.get("/api/v1/offerings/P-A-1/matches", headers=auth), 429)
    assert client.get("/api/v1/msmes/M-A", headers=auth).status_code == 200  # a read
    assert client.get("/api/v1/export", headers=auth).status_code == 200
    error_of(client.get("/api/v1/export", headers=auth), 429)
    assert client.post("/api/v1/offerings/P-A-1/close", headers=auth).status_code == 200
    error_of(client.post("/api/v1/offerings/P-A-1/reopen", headers=auth), 429)


def test_an_account_counts_across_its_tokens(app, world, tokens):
    from web.extensions import db
    from web.services.accounts import find_user
    from web.services.api_tokens import issue

    with app.app_context():
        _, second = issue(find_user(world["msme_a"]), "second token")
        db.session.commit()
    client = limited(app, RATELIMIT_READ="3 per minute").test_client()
    assert client.get("/api/v1/me", headers=bearer(tokens["msme_a"])).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(tokens["msme_a"])).status_code == 200
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200
    error_of(client.get("/api/v1/me", headers=bearer(second)), 429)  # the account's 4th


def test_every_address_has_a_ceiling_over_all_its_callers(app, tokens):
    client = limited(app, RATELIMIT_ADDRESS="4 per minute").test_client()
    for who in ("consultant", "admin", "partner_a", "msme_a"):
        assert client.get("/api/v1/me", headers=bearer(tokens[who])).status_code == 200
    error_of(client.get("/api/v1/me", headers=bearer(tokens["msme_b"])), 429)
    other = client.get(
        "/api/v1/me", headers=bearer(tokens["msme_b"]), environ_base={"REMOTE_ADDR": "192.0.2.7"}
    )
    assert other.status_code == 200


def test_pages_count_per_account_and_answer_with_the_sites_page(app, world):
    limited_app = limited(app, RATELIMIT_READ="2 per minute")
    owner = limited_app.test_client()
    assert login(owner, world["msme_a"]).status_code == 302
    assert owner.get("/msme/").status_code == 200
    assert owner.get("/msme/profile").status_code == 200
    refused = owner.get("/msme/")
    assert refused.status_code == 429 and refused.content_type.startswith("text/html")
    assert f"Tunggu {retry_after(refused)} detik" in refused.text
    other = limited_app.test_client()  # same address, another account
    assert login(other, world["msme_b"]).status_code == 302
    assert other.get("/msme/").status_code == 200


def test_anonymous_pages_count_per_address(app):
    client = limited(app, RATELIMIT_READ="2 per minute").test_client()
    assert client.get("/login").status_code == 200
    assert client.get("/register").status_code == 200
    refused = client.get("/")
    assert refused.status_code == 429 and "Terlalu banyak permintaan" in refused.text
    retry_after(refused)
    elsewhere = client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.8"})
    assert elsewhere.status_code == 200


def test_one_caller_may_have_only_a_few_requests_in_flight(app, tokens):
    """Two requests of one token are being answered; its third is refused at
    once, while another token is still served; then the token may go on."""
    limited_app = limited(app, RATELIMIT_CONCURRENT=2)
    release, started = threading.Event(), threading.Semaphore(0)

    def slow():
        started.release()
        release.wait(10)
        return {"ok": True}

    limited_app.add_url_rule("/api/v1/test-slow", "test_slow", slow)
    answers = []

    def call():
        answers.append(
            limited_app.test_client()
            .get("/api/v1/test-slow", headers=bearer(tokens["msme_a"]))
            .status_code
        )

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for _ in threads:
        assert started.acquire(timeout=10)
    client = limited_app.test_client()
    try:
        refused = client.get("/api/v1/me", headers=bearer(tokens["msme_a"]))
        error = error_of(refused, 429)
        assert retry_after(refused) == 1 and error["details"]["limit"] == "2 concurrent requests"
        assert client.get("/api/v1/me", headers=bearer(tokens["msme_b"])).status_code == 200
    finally:
        release.set()
        for thread in threads:
            thread.join(10)
    assert answers == [200, 200]
    assert client.get("/api/v1/me", headers=bearer(tokens["msme_a"])).status_code == 200


def test_named_endpoints_exist_and_the_document_lists_429(app):
    """A renamed view would silently fall back to the read class."""
    assert (RANKING_ENDPOINTS | IMPORT_ENDPOINTS) - set(app.view_functions) == set()
    for path, operations in document()["paths"].items():
        for method, op in operations.items():
            assert "Retry-After" in op["responses"]["429"]["headers"], (method, path)


def test_limits_are_off_when_disabled(app, tokens):
    client = app.test_client()  # conftest: RATELIMIT_ENABLED False
    for _ in range(5):
        assert client.get("/api/v1/me", headers=bearer(tokens["msme_a"])).status_code == 200


# --- one count for every worker -------------------------------------------------------

SERVER = """
import sys
from werkzeug.serving import make_server
from web import create_app
server = make_server("127.0.0.1", 0, create_app(), threaded=True)
print(server.server_port, flush=True)
server.serve_forever()
"""


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _get(port: int, token: str):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/me", headers=bearer(token))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_two_worker_processes_share_one_limit_through_redis(app, tokens, database_url, tmp_path):
    """Two separate processes, each its own app and its own memory: a limit of
    5 reads is spent by requests spread over both, and the sixth, whichever
    process gets it, is refused."""
    if not _redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not answering on 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        SECRET_KEY="test-secret",
        JEJARING_INSTANCE_PATH=str(tmp_path / "workers"),
        JEJARING_RATELIMIT_ENABLED="true",
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379",
        RATELIMIT_KEY_PREFIX=f"test-{uuid.uuid4().hex}",
        RATELIMIT_READ="5 per minute",
        RATELIMIT_ADDRESS="1000 per minute",
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        ports = [int(worker.stdout.readline()) for worker in workers]
        answers = [_get(ports[i % 2], tokens["msme_a"]) for i in range(5)]
        assert [status for status, _ in answers] == [200] * 5
        status, headers = _get(ports[1], tokens["msme_a"])
        assert status == 429 and 1 <= int(headers["Retry-After"]) <= 60
        assert _get(ports[0], tokens["msme_b"])[0] == 200  # another token is not affected
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(10)


def test_behind_a_trusted_proxy_the_address_is_the_clients(app):
    """The proxy's own address is every client's: counted by it, one busy
    client would use up everybody's address ceiling."""
    client = limited(app, RATELIMIT_READ="1 per minute", PROXY_HOPS=1).test_client()
    assert client.get("/", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert client.get("/", headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_an_unreachable_store_neither_fails_requests_nor_lifts_the_limits(app, tokens):
    from web.extensions import limiter

    client = limited(
        app,
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:9",  # nothing listens there
        RATELIMIT_READ="2 per minute",
    ).test_client()
    try:
        for _ in range(2):
            assert client.get("/api/v1/me", headers=bearer(tokens["msme_a"])).status_code == 200
        error_of(client.get("/api/v1/me", headers=bearer(tokens["msme_a"])), 429)
    finally:
        # The limiter is one object for the whole process and remembers that
        # its store died; the apps of later tests must not start on the fallback.
        limiter._storage_dead = False


def test_anonymous_requests_have_no_in_flight_cap(app):
    """Colleagues behind one office address may log in at the same moment."""
    limited_app = limited(app, RATELIMIT_CONCURRENT=1)
    release, started = threading.Event(), threading.Semaphore(0)

    def slow():
        started.release()
        release.wait(10)
        return "ok"

    limited_app.add_url_rule("/test-slow", "test_slow", slow)
    thread = threading.Thread(target=lambda: limited_app.test_client().get("/test-slow"))
    thread.start()
    try:
        assert started.acquire(timeout=10)
        assert limited_app.test_client().get("/login").status_code == 200
    finally:
        release.set()
        thread.join(10)


def test_production_with_per_worker_counts_is_logged_as_a_warning(app, caplog):
    with caplog.at_level("WARNING", logger="web.rate_limits"):
        limited(app, SESSION_COOKIE_SECURE=False)
    assert not [r for r in caplog.records if "RATELIMIT_STORAGE_URI" in r.getMessage()]
    with caplog.at_level("WARNING", logger="web.rate_limits"):
        limited(app, SESSION_COOKIE_SECURE=True)
    assert [r for r in caplog.records if "each worker counts rate limits alone" in r.getMessage()]
