"""Peak memory of a process together with its descendants (Linux).

Worker processes forked from a parent share most of its pages, so adding up
their resident set sizes counts shared pages several times. The proportional
set size (PSS, from ``/proc/PID/smaps_rollup``) divides each page among the
processes that map it; the sum over a process tree is the memory the tree
really holds. :class:`PeakPss` samples that sum in a background thread.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it, as now running."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # ended meanwhile
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def pss_kb(pid: int) -> int:
    """Proportional set size of one process in KiB (0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class PeakPss:
    """Context manager: the peak of the summed PSS of process ``root`` and its
    descendants while the block runs, sampled every ``interval`` seconds;
    ``mb`` after the block."""

    def __init__(self, root: int, interval: float = 0.5):
        self.root = root
        self.interval = interval
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakPss:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while True:
            total = sum(pss_kb(pid) for pid in process_tree(self.root))
            self.mb = max(self.mb, total / 1024)
            if self._stop.wait(self.interval):
                return
