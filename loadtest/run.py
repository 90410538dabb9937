"""Load test: 50 concurrent users of mixed traffic against gunicorn on demo data.

    .venv/bin/python loadtest/run.py [--users 50] [--seconds 60] [--workers 4]

Sets up a fresh instance (SQLite by default; PostgreSQL with DATABASE_URL),
seeds the demo data, issues a consultant API token, starts gunicorn on a free
loopback port, runs locust headless, prints request counts, failures and the
p50/p95 latencies, and stops everything. Exit status 1 when any request failed.
Rate limits are switched off for the run (JEJARING_RATELIMIT_ENABLED=false):
every simulated user logs in and calls from one address and the API users share
one token, so the login limit, the address ceiling and the token's budgets would
refuse most of the run; it measures the service, not the limiter
(``python -m bench.fairshare`` measures the limits).
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    if not (BIN / "locust").exists():
        sys.exit("locust is missing: run `make install-dev` (it installs the locked dev tools)")
    work = Path(tempfile.mkdtemp(prefix="jejaring-load-"))
    env = dict(
        os.environ,
        JEJARING_INSTANCE_PATH=str(work / "instance"),
        SECRET_KEY="load-test-only",
        JEJARING_RATELIMIT_ENABLED="false",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{work / 'load.db'}")
    flask(env, "init-db")
    flask(env, "seed")
    # a consultant of the demo accounts (seeds/material/accounts.json)
    token = flask(
        env,
        "issue-token",
        "--email",
        "konsultan.pembiayaan@jejaring.example",
        "--name",
        "load test",
    ).strip()
    port = free_port()
    log = (work / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-w",
            str(args.workers),
            "-k",
            args.worker_class,
            "--threads",
            str(args.threads),
            "-b",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--timeout",
            "60",
            "--keep-alive",
            "10",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        prefix = work / "stats"
        subprocess.run(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "loadtest" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                str(args.users),
                "-t",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
            ],
            cwd=ROOT,
            env=dict(env, JEJARING_API_TOKEN=token),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    print(f"{'request':40} {'count':>7} {'fail':>5} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7}")
    failures = 0
    for row in rows:
        failures += int(row["Failure Count"]) if row["Name"] == "Aggregated" else 0
        print(
            f"{row['Name'][:40]:40} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{row['50%']:>7} {row['95%']:>7} {float(row['Requests/s']):>7.1f}"
        )
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            print(f"FAILED {row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error']}")
    problems = [
        line
        for line in (work / "gunicorn.log").read_text().splitlines()
        if "WORKER TIMEOUT" in line or "Error" in line or "error" in line
    ]
    for line in problems[:10]:
        print("gunicorn:", line)
    print(
        f"database: {env['DATABASE_URL'].split('://')[0]}; users {args.users}; "
        f"{args.seconds} s; gunicorn {args.workers} {args.worker_class} workers x "
        f"{args.threads} threads"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
