"""A small HTTP load generator for the benchmark.

``clients`` simulated clients each send one request, wait for the whole
answer, and send the next, over their own keep-alive connection, for
``seconds``. Without a ``rate`` they send as fast as answers come (a closed
loop: the throughput at saturation, where latency is clients / throughput).
With a ``rate`` (requests per second over all clients) each client sends on a
fixed schedule and latency counts from the moment a request was due, so a
server that falls behind shows its queueing (no coordinated omission).
Clients are spread over several processes so that the generator's own Python
work (sockets, parsing) does not serialise on one interpreter lock and cap
the figure it measures. With ``backoff`` a client that is answered 429 waits
the ``Retry-After`` seconds before its next request, as a polite client
library does; without it, it asks again at once.
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    seconds: float
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds

    def percentile(self, q: float) -> float:
        values = sorted(self.latencies_ms)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _client(
    host: str,
    port: int,
    paths: list[str],
    headers: dict,
    first: int,
    step: int,
    deadline: float,
    interval: float | None,
    out: LoadResult,
    lock: threading.Lock,
    backoff: bool = False,
) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    latencies, errors, statuses = [], 0, {}
    i = first
    # Paced clients start spread over one interval, not all at once.
    due = time.perf_counter() + (random.Random(first).random() * interval if interval else 0)
    while time.monotonic() < deadline:
        if interval:
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            t0, due = due, due + interval
        else:
            t0 = time.perf_counter()
        try:
            conn.request("GET", paths[i % len(paths)], headers=headers)
            response = conn.getresponse()
            response.read()
            statuses[response.status] = statuses.get(response.status, 0) + 1
            if response.status == 200:
                latencies.append((time.perf_counter() - t0) * 1000)
            else:
                errors += 1
                if backoff and response.status == 429:
                    wait = float(response.getheader("Retry-After") or 1)
                    time.sleep(max(0.0, min(wait, deadline - time.monotonic())))
            if response.will_close:
                conn.close()
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
        i += step
    conn.close()
    with lock:
        out.latencies_ms.extend(latencies)
        out.errors += errors
        for code, n in statuses.items():
            out.statuses[code] = out.statuses.get(code, 0) + n


def _process(args) -> LoadResult:
    host, port, paths, headers, firsts, step, start_at, seconds, interval, backoff, nice = args
    if nice:
        os.nice(nice)
    while time.time() < start_at:  # every process starts at the same moment
        time.sleep(0.001)
    deadline = time.monotonic() + seconds
    out, lock = LoadResult(seconds=seconds), threading.Lock()
    threads = [
        threading.Thread(
            target=_client,
            args=(host, port, paths, headers, first, step, deadline, interval, out, lock, backoff),
        )
        for first in firsts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out


def run(
    host: str,
    port: int,
    paths: list[str],
    headers: dict,
    clients: int,
    seconds: float,
    rate: float | None = None,
    processes: int = 2,
    backoff: bool = False,
    nice: int = 0,
) -> LoadResult:
    """Drive ``clients`` concurrent clients for ``seconds``, as fast as they
    are answered or, with ``rate``, at that many requests per second in all;
    client ``k`` walks ``paths`` from index ``k`` in steps of 7 (so clients
    ask for different things). ``backoff``: honour ``Retry-After`` on a 429;
    ``nice``: run the clients at that lower CPU priority."""
    processes = max(1, min(processes, clients))
    start_at = time.time() + 1.0
    interval = clients / rate if rate else None
    jobs = [
        (
            host,
            port,
            paths,
            headers,
            list(range(p, clients, processes)),
            7,
            start_at,
            seconds,
            interval,
            backoff,
            nice,
        )
        for p in range(processes)
    ]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.map(_process, jobs)
    total = LoadResult(seconds=seconds)
    for part in parts:
        total.latencies_ms.extend(part.latencies_ms)
        total.errors += part.errors
        for code, n in part.statuses.items():
            total.statuses[code] = total.statuses.get(code, 0) + n
    return total
