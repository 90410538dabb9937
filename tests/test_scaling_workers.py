"""Two worker processes on one database: an offering edited through one is
served changed by the other at its next request (each worker's matcher index
is refreshed from the catalogue's version stamp in the database)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests import factories as f
from tests.conftest import ROOT


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _call(port: int, token: str, path: str, method: str = "GET", body=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def test_a_change_through_one_worker_is_served_by_the_other(tmp_path: Path):
    env = dict(
        os.environ,
        JEJARING_INSTANCE_PATH=str(tmp_path / "instance"),
        SECRET_KEY="scaling-test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.db'}",
    )
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    document = tmp_path / "doc.json"
    document.write_text(json.dumps(f.document()), encoding="utf-8")
    for args in (
        ["init-db"],
        ["import", str(document)],
        [
            "create-user",
            "--role",
            "consultant",
            "--email",
            "k@plut.example",
            "--password",
            "scaling-test-password",
        ],
    ):
        subprocess.run(flask + args, cwd=ROOT, env=env, check=True, capture_output=True)
    token = subprocess.run(
        flask + ["issue-token", "--email", "k@plut.example", "--name", "t"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ports = [_port(), _port()]
    workers = [
        subprocess.Popen(
            flask + ["run", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json")
                    break
                except OSError:
                    time.sleep(0.1)
        # Both workers have built their index and rank the credit for M1.
        for port in ports:
            matches = _call(port, token, "/api/v1/msmes/M1/matches?limit=5")
            assert "P1-1" in [m["offering_external_id"] for m in matches["items"]]
        # Through worker A the offering becomes full ...
        offering = _call(ports[0], token, "/api/v1/offerings/P1-1")
        body = {
            k: v
            for k, v in offering.items()
            if k not in ("external_id", "closed", "partner_external_id")
        }
        body["capacity"] = 0
        _call(ports[0], token, "/api/v1/offerings/P1-1", method="PUT", body=body)
        # ... and worker B stops suggesting it at its very next request.
        matches = _call(ports[1], token, "/api/v1/msmes/M1/matches?limit=5")
        assert "P1-1" not in [m["offering_external_id"] for m in matches["items"]]
    finally:
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=30)
