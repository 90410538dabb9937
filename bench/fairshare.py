"""Fair share: does one flooding token starve another? ``python -m bench.fairshare``

    .venv/bin/python -m bench.fairshare               # about 4 minutes
    .venv/bin/python -m bench.fairshare --seconds 10  # a quicker look

Under gunicorn (gunicorn.conf.py: 2 workers x 4 threads) on a generated
catalogue with precomputed matches, a consultant's token (the victim) asks
for ``GET /api/v1/msmes/{id}/matches`` at a steady ``--victim-rate``, first
alone (quiet), then while an MSME's token sends ``--flood`` concurrent
requests for its own matches as fast as it is answered (flooded): once
waiting ``Retry-After`` after each 429, as a client library does, and once
asking again at once. The victim's p95 counts from when each request was
due, so queueing behind the flood shows. The flooding clients run at a lower
CPU priority (``--flood-nice``): on this one machine their own work competes
with the server, where a real flooder's would not. Three servers:

- limits off (``JEJARING_RATELIMIT_ENABLED=false``);
- limits on with the shipped defaults, counted in Redis
  (``RATELIMIT_STORAGE_URI``, default ``redis://127.0.0.1:6379``);
- limits on with the per-token counts set far out of reach, so that only the
  cap on requests in flight per token (``RATELIMIT_CONCURRENT``) protects.

The aim: flooded p95 with limits at most 2x the quiet p95.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from bench import load
from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
FAR = "1000000 per minute"


def _flask(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _token(env: dict, email: str) -> str:
    return _flask(env, "issue-token", "--email", email, "--name", "bench").strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with the app on a free loopback port, as ``with Server(env):``."""

    def __init__(self, env: dict):
        self.env, self.port = env, _free_port()

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/v1/openapi.json")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(
    server: Server, victim: tuple, flood: tuple | None, args, backoff: bool = False
) -> dict:
    """The victim's figures over ``args.seconds``, with the flood (if any)
    running from a second before the victim starts to after it ends."""
    flooded: dict = {}

    def run_flood() -> None:
        paths, headers = flood
        flooded["result"] = load.run(
            "127.0.0.1",
            server.port,
            paths,
            headers,
            clients=args.flood,
            seconds=args.seconds + 3,
            backoff=backoff,
            nice=args.flood_nice,
        )

    thread = None
    if flood is not None:
        thread = threading.Thread(target=run_flood)
        thread.start()
        time.sleep(2.0)  # its processes start, then it floods for a second
    paths, headers = victim
    result = load.run(
        "127.0.0.1",
        server.port,
        paths,
        headers,
        clients=2,
        seconds=args.seconds,
        rate=args.victim_rate,
    )
    if thread is not None:
        thread.join()
    out = {
        "p95": result.percentile(0.95),
        "answered": len(result.latencies_ms),
        "refused": result.statuses.get(429, 0),
        "errors": result.errors,
    }
    if flood is not None:
        f = flooded["result"]
        out["flood_ok"] = f.statuses.get(200, 0) / f.seconds
        out["flood_429"] = f.statuses.get(429, 0) / f.seconds
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--flood", type=int, default=32, help="concurrent flooding clients")
    parser.add_argument(
        "--victim-rate",
        type=float,
        default=4.0,
        help="the victim's requests per second (inside its ranking budget)",
    )
    parser.add_argument(
        "--flood-nice",
        type=int,
        default=10,
        help="CPU priority of the flooding clients: on one machine their own "
        "work would otherwise count as the server's slowness",
    )
    parser.add_argument("--msmes", type=int, default=500)
    parser.add_argument("--offerings", type=int, default=1000)
    args = parser.parse_args()
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379")
    work = Path(tempfile.mkdtemp(prefix="jejaring-fairshare-"))
    print(f"Fair share benchmark, working in {work}", file=sys.stderr)
    env = dict(
        os.environ,
        JEJARING_INSTANCE_PATH=str(work / "instance"),
        SECRET_KEY="bench",
        DATABASE_URL=f"sqlite:///{work / 'fair.db'}",
    )
    for key in [k for k in env if k.startswith("RATELIMIT_")]:
        del env[key]  # the shipped defaults, unless a run below sets one
    doc = generate(args.msmes, args.offerings, seed=5)
    path = work / "fair.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    _flask(env, "init-db")
    _flask(env, "import", str(path))
    flooder_msme = doc["msmes"][0]["external_id"]
    _flask(
        env,
        "create-user",
        "--role",
        "consultant",
        "--email",
        "victim@bench.example",
        "--password",
        "bench-only-password",
    )
    _flask(
        env,
        "create-user",
        "--role",
        "msme",
        "--msme",
        flooder_msme,
        "--email",
        "flood@bench.example",
        "--password",
        "bench-only-password",
    )
    _flask(
        env,
        "create-user",
        "--role",
        "admin",
        "--email",
        "warm@bench.example",
        "--password",
        "bench-only-password",
    )
    _flask(env, "refresh-matches")
    tokens = {who: _token(env, f"{who}@bench.example") for who in ("victim", "flood", "warm")}
    paths = [f"/api/v1/msmes/{m['external_id']}/matches?limit=10" for m in doc["msmes"]]
    victim = (paths, {"Authorization": f"Bearer {tokens['victim']}"})
    flood = (
        [f"/api/v1/msmes/{flooder_msme}/matches?limit=10"],
        {"Authorization": f"Bearer {tokens['flood']}"},
    )
    configs = [
        ("limits off", {"JEJARING_RATELIMIT_ENABLED": "false"}, (False,)),
        ("limits on (defaults)", {"RATELIMIT_STORAGE_URI": storage}, (True, False)),
        (
            "in-flight cap only",
            {
                "RATELIMIT_STORAGE_URI": storage,
                "RATELIMIT_RANKING": FAR,
                "RATELIMIT_READ": FAR,
                "RATELIMIT_ADDRESS": FAR,
            },
            (True, False),
        ),
    ]
    rows = []
    for label, extra, modes in configs:
        server_env = dict(env, RATELIMIT_KEY_PREFIX=f"bench-{uuid.uuid4().hex}", **extra)
        with Server(server_env) as server:
            # both workers load what they serve before the clock starts
            load.run(
                "127.0.0.1",
                server.port,
                paths[:8],
                {"Authorization": f"Bearer {tokens['warm']}"},
                clients=4,
                seconds=2,
            )
            quiet = measure(server, victim, None, args)
            for backoff in modes:
                time.sleep(2.0)  # the last flood's windows end
                flooded = measure(server, victim, flood, args, backoff=backoff)
                mode = "waits Retry-After" if backoff else "ignores 429"
                rows.append(
                    (
                        label,
                        mode if extra.get("JEJARING_RATELIMIT_ENABLED") != "false" else "-",
                        quiet,
                        flooded,
                    )
                )
                print(
                    f"  {label}, flood {rows[-1][1]}: quiet p95 {quiet['p95']:.1f} ms, "
                    f"flooded p95 {flooded['p95']:.1f} ms",
                    file=sys.stderr,
                    flush=True,
                )
    print(
        f"\nvictim: 1 consultant token, {args.victim_rate:g} req/s for {args.seconds:g} s "
        f"(p95 from when each request was due); flood: 1 MSME token, {args.flood} concurrent "
        f"clients as fast as answered, at nice {args.flood_nice}; gunicorn 2 workers x 4 "
        f"threads; limits counted in {storage}"
    )
    print(
        f"{'server':22} {'flood':18} {'quiet p95':>10} {'flooded p95':>12} {'ratio':>6} "
        f"{'victim 429':>10} {'flood 200/s':>11} {'flood 429/s':>11}"
    )
    for label, mode, quiet, flooded in rows:
        print(
            f"{label:22} {mode:18} {quiet['p95']:>8.1f}ms {flooded['p95']:>10.1f}ms "
            f"{flooded['p95'] / quiet['p95']:>5.1f}x {flooded['refused']:>10} "
            f"{flooded['flood_ok']:>11.0f} {flooded['flood_429']:>11.0f}"
        )


if __name__ == "__main__":
    main()
