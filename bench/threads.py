"""Partner side from several threads of one process, as in a gunicorn worker.

    .venv/bin/python -m bench.threads       # 20,000 MSMEs, 10,000 offerings, 100 requests
    .venv/bin/python -m bench.threads --msmes 2000 --offerings 1000 --requests 24

The same partner-side requests (all MSMEs ranked for one offering, through
``web.services.matching.rank_msmes_for`` with every MSME already encoded) are
answered in one process by 1 thread, by 4 threads, and by 4 threads that hold
one lock around the whole ranking, as ``MsmeCache`` did before the ranking
step stopped writing into the encoded MSMEs. Wall time and throughput for the
same total requests; ``cpu/wall`` is the process's CPU time over wall time,
the number of cores it kept busy on average (threads only overlap where
numpy and scipy release the interpreter lock); ``under lock`` is the share of
the 4-thread wall time some thread held the cache's lock (bringing the cache
up to date). Modes are interleaved over ``--repeat`` rounds and the median
round is reported, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.generate import generate

MODES = (
    ("1 thread", 1, False),
    ("4 threads", 4, False),
    ("4 threads, one lock around the ranking (before)", 4, True),
)


def measure(msmes: int, offerings: int, requests: int, repeat: int, work: Path) -> dict:
    """``{mode: [(wall seconds, cpu seconds, seconds under the cache lock), ...]}``."""
    from sqlalchemy import select
    from threadpoolctl import threadpool_limits

    from web import create_app
    from web.extensions import db
    from web.models import Offering
    from web.services import matching
    from web.services.importer import import_document

    app = create_app(
        {"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work / 'threads.db'}"}
    )
    with app.app_context():
        db.create_all()
        import_document(generate(msmes, offerings, seed=9), actor_label="bench")
        db.session.commit()
        ids = db.session.scalars(
            select(Offering.external_id).order_by(Offering.id).limit(requests)
        ).all()
        matching.rank_msmes_for(ids[0])  # fit, load and encode before the clock

    held = [0.0]

    class TimedLock:
        """The cache's lock, adding up how long it is held."""

        def __init__(self, lock) -> None:
            self.lock = lock

        def __enter__(self):
            self.lock.acquire()
            self.since = time.perf_counter()

        def __exit__(self, *exc) -> None:
            held[0] += time.perf_counter() - self.since
            self.lock.release()

    cache_lock = matching.msme_cache._lock
    matching.msme_cache._lock = TimedLock(cache_lock)
    whole = threading.Lock()

    def rank(job: tuple[str, bool]) -> int:
        offering_id, serialise = job
        with app.app_context():
            if serialise:
                with whole:
                    return len(matching.rank_msmes_for(offering_id))
            return len(matching.rank_msmes_for(offering_id))

    results: dict[str, list] = {name: [] for name, _, _ in MODES}
    try:
        with threadpool_limits(1):  # as gunicorn.conf.py sets for its workers
            for _ in range(repeat):
                for name, threads, serialise in MODES:
                    held[0] = 0.0
                    wall0, cpu0 = time.perf_counter(), time.process_time()
                    with ThreadPoolExecutor(threads) as pool:
                        list(pool.map(rank, [(oid, serialise) for oid in ids]))
                    results[name].append(
                        (time.perf_counter() - wall0, time.process_time() - cpu0, held[0])
                    )
    finally:
        matching.msme_cache._lock = cache_lock
        with app.app_context():
            db.engine.dispose()
    return results


def report(results: dict, requests: int, msmes: int, row) -> None:
    """One ``row(name, value)`` per mode: the median round's figures."""

    def median(rounds: list) -> tuple:  # the median round (the lower of two)
        return sorted(rounds)[(len(rounds) - 1) // 2]

    base = median(results[MODES[0][0]])[0]
    for name, _, _ in MODES:
        wall, cpu, held = median(results[name])
        value = (
            f"{requests / wall:.1f} req/s ({requests} requests in {wall:.2f} s, "
            f"x{base / wall:.2f} vs 1 thread), cpu/wall {cpu / wall:.2f}"
        )
        if name == "4 threads":
            value += f", under lock {held / wall:.0%}"
        row(f"partner side ({msmes:,} MSMEs), {name}", value)


def bench(args, work: Path, row) -> None:
    """The rows for ``python -m bench``."""
    report(
        measure(args.partner_msmes, args.offerings, args.thread_requests, 3, work),
        args.thread_requests,
        args.partner_msmes,
        row,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--msmes", type=int, default=20_000)
    parser.add_argument("--offerings", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="jejaring-threads-"))
    print(f"partner side from threads, working in {work}", file=sys.stderr)
    results = measure(args.msmes, args.offerings, args.requests, args.repeat, work)
    report(results, args.requests, args.msmes, lambda name, value: print(f"{name:70}  {value}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
