"""Helpers for tests that prove rankings run side by side in several threads."""

from __future__ import annotations

import threading

from matcher import engine


def meet_before_explaining(monkeypatch, parties: int, timeout: float = 60):
    """Make every ranking thread wait, after scoring and before explaining its
    results, until ``parties`` threads have scored.

    Returns ``start``: each thread calls it before ranking. If anything held
    a lock over the whole ranking, the barrier would break (a
    ``BrokenBarrierError`` after ``timeout`` seconds); if scoring left its
    results on shared state, a thread would explain with another's."""
    barrier = threading.Barrier(parties, timeout=timeout)
    waited = threading.local()
    real_explain = engine.explain

    def explain(*args, **kwargs):
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()
        return real_explain(*args, **kwargs)

    monkeypatch.setattr(engine, "explain", explain)

    def start() -> None:
        waited.done = False

    return start
