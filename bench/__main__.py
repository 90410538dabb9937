"""Benchmark: ``python -m bench`` prints one table of every figure of issue 6.

    .venv/bin/python -m bench            # full sizes (10k offerings, 100k MSMEs)
    .venv/bin/python -m bench --quick    # a smaller run to check the harness

Measures the index fit, one-MSME ranking latency, the top-10 batch with its
peak memory, the per-pair yardstick and speed ratio, import speed into SQLite
and PostgreSQL (``BENCH_PG_URL``, default the local server's ``jejaring_bench``
database, which it creates), the matches API under gunicorn, and partner-side
requests from 1 and 4 threads of one process (:mod:`bench.threads`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench import threads
from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 28)
ROWS: list[tuple[str, str, str]] = []


def row(name: str, value: str, target: str = "") -> None:
    ROWS.append((name, value, target))
    print(f"  {name}: {value}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def bench_matcher(doc: dict, args) -> None:
    from matcher.engine import Matcher
    from matcher.profiles import profiles_from_document

    msmes, offerings = profiles_from_document(doc)
    start = time.perf_counter()
    matcher = Matcher(today=TODAY).fit(offerings)
    row(
        "fit index over offerings",
        f"{time.perf_counter() - start:.2f} s ({len(offerings):,} offerings)",
        "<= 10 s",
    )
    timings = []
    for msme in msmes[: args.latency_msmes]:
        t0 = time.perf_counter()
        matcher.rank_offerings_for(msme, limit=10)
        timings.append((time.perf_counter() - t0) * 1000)
    row("one MSME vs all offerings, p50", f"{statistics.median(timings):.2f} ms")
    row(
        "one MSME vs all offerings, p95",
        f"{pct(timings, 0.95):.2f} ms (over {len(timings):,} MSMEs)",
        "<= 5 ms",
    )
    from bench import naive

    model = naive.fit_text(offerings)
    sample = msmes[: args.naive_msmes]
    t0 = time.perf_counter()
    for msme in sample:
        naive.rank(model, msme, offerings, TODAY)
    naive_per_msme = (time.perf_counter() - t0) / len(sample)
    engine_per_msme = statistics.mean(timings) / 1000
    row(
        "per-pair Python implementation, per MSME",
        f"{naive_per_msme * 1000:.0f} ms (sample of {len(sample)} MSMEs)",
    )
    row("speed ratio engine vs per-pair", f"{naive_per_msme / engine_per_msme:.0f}x", ">= 100x")


BATCH_CHILD = """
import json, resource, sys, time
from bench.generate import generate
from matcher.engine import Matcher
from matcher.parallel import default_workers
from matcher.profiles import profiles_from_document
import datetime as dt
n_msmes, n_offerings, reasons = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1"
doc = generate(n_msmes, n_offerings, seed=7)
msmes, offerings = profiles_from_document(doc)
del doc
matcher = Matcher(today=dt.date(2026, 11, 28)).fit(offerings)
start = time.perf_counter()
count = sum(1 for _ in matcher.rank_many(msmes, limit=10, with_reasons=reasons))
elapsed = time.perf_counter() - start
own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN))
print(json.dumps({"seconds": elapsed, "count": count, "workers": default_workers(),
                  "max_rss_mb": own.ru_maxrss / 1024,
                  "max_rss_worker_mb": workers.ru_maxrss / 1024}))
"""


def bench_batch(args) -> None:
    """Top-10 for many MSMEs in a fresh process, whose ``rank_many`` forks
    worker processes. Memory is that of the process and its workers together:
    the peak of their summed proportional set sizes (a page shared by n
    processes counts 1/n in each), sampled every half second; and, as a
    bound that counts shared pages again in each worker, the process's peak
    RSS plus workers x the largest worker's peak RSS."""
    from bench.memory import PeakPss

    for reasons in (False, True):
        n = args.batch_msmes if not reasons else max(1000, args.batch_msmes // 10)
        command = [
            sys.executable,
            "-c",
            BATCH_CHILD,
            str(n),
            str(args.offerings),
            "1" if reasons else "0",
        ]
        child = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        with PeakPss(child.pid) as peak:
            out, err = child.communicate()
        if child.returncode:
            raise subprocess.CalledProcessError(child.returncode, command, out, err)
        result = json.loads(out.strip().splitlines()[-1])
        label = "with reasons" if reasons else "scores only"
        row(
            f"batch top-10, {label}",
            f"{result['seconds']:.1f} s for {result['count']:,} "
            f"MSMEs ({result['seconds'] / result['count'] * 1000:.2f} ms each, "
            f"{result['workers']} worker processes)",
            "100k in <= 30 s" if not reasons else "",
        )
        if not reasons:
            bound = result["max_rss_mb"] + result["workers"] * result["max_rss_worker_mb"]
            row(
                "batch peak memory (process + workers)",
                f"{peak.mb:.0f} MB summed PSS (RSS bound {bound:.0f} MB)",
                "<= 1.5 GB",
            )


def _import_speed(url: str, doc: dict, label: str) -> None:
    from web import create_app
    from web.extensions import db
    from web.services.importer import import_document

    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.drop_all()
        db.create_all()
        start = time.perf_counter()
        import_document(doc, actor_label="bench")
        db.session.commit()
        elapsed = time.perf_counter() - start
        db.engine.dispose()
    row(
        f"import into {label}",
        f"{len(doc['msmes']) / elapsed:,.0f} MSMEs/s "
        f"({len(doc['msmes']):,} MSMEs in {elapsed:.1f} s)",
        ">= 2,000/s",
    )


def bench_import(args, work: Path) -> str:
    doc = generate(args.import_msmes, 0, seed=3)
    doc["partners"] = []
    sqlite_url = f"sqlite:///{work / 'bench.db'}"
    _import_speed(sqlite_url, doc, "SQLite")
    pg_url = os.environ.get(
        "BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/jejaring_bench"
    )
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(pg_url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = pg_url.rsplit("/", 1)[1]
            if not conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}
            ).scalar():
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        _import_speed(pg_url, doc, "PostgreSQL")
    except Exception as exc:  # noqa: BLE001 - report and go on
        row("import into PostgreSQL", f"not measured: {exc.__class__.__name__}: {exc}")
    return sqlite_url


def bench_api(args, work: Path) -> None:
    """The matches API under gunicorn (gunicorn.conf.py; 2 workers x 4 threads),
    ``api_clients`` concurrent clients for ``api_seconds``: first with every
    request ranking live, then served from the table the nightly job fills."""
    from bench import load

    env = dict(
        os.environ,
        JEJARING_INSTANCE_PATH=str(work / "instance"),
        SECRET_KEY="bench",
        DATABASE_URL=f"sqlite:///{work / 'api.db'}",
        JEJARING_RATELIMIT_ENABLED="false",
    )
    doc = generate(args.api_msmes, args.offerings, seed=5)
    path = work / "api.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run(flask + ["init-db"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        flask + ["import", str(path)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    subprocess.run(
        flask
        + [
            "create-user",
            "--role",
            "consultant",
            "--email",
            "bench@jejaring.example",
            "--password",
            "bench-only-password",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    token = subprocess.run(
        flask + ["issue-token", "--email", "bench@jejaring.example", "--name", "bench"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    paths = [f"/api/v1/msmes/{m['external_id']}/matches?limit=10" for m in doc["msmes"]]
    headers = {"Authorization": f"Bearer {token}"}

    def measure(label: str, extra_env: dict) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{port}",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=dict(env, **extra_env),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json")
                    break
                except OSError:
                    time.sleep(0.2)
            # Both workers fit their index before the clock starts.
            load.run("127.0.0.1", port, paths[:8], headers, clients=4, seconds=3)
            results = {
                rate: load.run(
                    "127.0.0.1",
                    port,
                    paths,
                    headers,
                    clients=args.api_clients,
                    seconds=args.api_seconds,
                    rate=rate,
                )
                for rate in (None, args.api_rate)
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
        for rate, result in results.items():
            mode = "as fast as answered" if rate is None else f"paced at {rate} req/s"
            row(
                f"matches API, {args.api_clients} clients, {label}, {mode}",
                f"{result.rate:.0f} req/s, p50 {result.percentile(0.5):.0f} ms, "
                f"p95 {result.percentile(0.95):.0f} ms, {result.errors} errors",
                ">= 300 req/s, p95 <= 50 ms",
            )

    measure("ranked live", {"JEJARING_PRECOMPUTED_MATCHES": "false"})
    start = time.perf_counter()
    subprocess.run(flask + ["refresh-matches"], cwd=ROOT, env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    row(
        "nightly refresh-matches (top-10, id + en)",
        f"{elapsed:.1f} s for {len(paths):,} MSMEs ({elapsed / len(paths) * 1000:.1f} ms each)",
    )
    measure("precomputed", {})


def bench_partner(args, work: Path) -> None:
    """Partner side: all MSMEs ranked for one offering, in-process on SQLite; the
    first request loads and encodes every MSME, later ones reuse that, and one
    after an MSME changed reads and encodes that MSME's chunk again."""
    from sqlalchemy import select

    from web import create_app
    from web.extensions import db
    from web.models import Msme, Offering
    from web.services import matching
    from web.services.importer import import_document

    app = create_app(
        {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'partner.db'}"}
    )
    with app.app_context():
        db.create_all()
        import_document(generate(args.partner_msmes, args.offerings, seed=9), actor_label="bench")
        db.session.commit()
        matching.cache.get()
        offerings = db.session.scalars(
            select(Offering.external_id).order_by(Offering.id).limit(21)
        ).all()
        start = time.perf_counter()
        matching.rank_msmes_for(offerings[0])
        first = time.perf_counter() - start
        timings = []
        for offering in offerings[1:]:
            t0 = time.perf_counter()
            matching.rank_msmes_for(offering)
            timings.append((time.perf_counter() - t0) * 1000)
        msme = db.session.scalar(select(Msme).order_by(Msme.id).limit(1))
        msme.description = (msme.description or "") + " butuh pembeli tetap"
        db.session.commit()
        start = time.perf_counter()
        matching.rank_msmes_for(offerings[0])
        after_change = time.perf_counter() - start
        db.engine.dispose()
    row(
        f"partner side: MSMEs for one offering ({args.partner_msmes:,} MSMEs)",
        f"p50 {statistics.median(timings):.0f} ms, max {max(timings):.0f} ms; "
        f"after one MSME changed {after_change * 1000:.0f} ms; cold start {first:.1f} s",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the harness")
    args = parser.parse_args()
    big = not args.quick
    args.offerings = 10_000 if big else 1_000
    args.latency_msmes = 1_000 if big else 200
    args.batch_msmes = 100_000 if big else 5_000
    args.naive_msmes = 3 if big else 2
    args.import_msmes = 100_000 if big else 5_000
    args.api_msmes = 2_000 if big else 500
    args.api_clients, args.api_seconds, args.api_rate = 20, (30 if big else 10), 300
    args.partner_msmes = 20_000 if big else 1_000
    args.thread_requests = 40 if big else 24
    work = Path(tempfile.mkdtemp(prefix="jejaring-bench-"))
    print(f"Benchmark ({'full' if big else 'quick'}), working in {work}", file=sys.stderr)
    bench_matcher(generate(args.latency_msmes, args.offerings, seed=1), args)
    bench_batch(args)
    bench_import(args, work)
    bench_api(args, work)
    bench_partner(args, work)
    threads.bench(args, work, row)
    width = max(len(r[0]) for r in ROWS)
    print(f"\n{'measure':{width}}  {'result':52}  target")
    for name, value, target in ROWS:
        print(f"{name:{width}}  {value:52}  {target}")


if __name__ == "__main__":
    main()
