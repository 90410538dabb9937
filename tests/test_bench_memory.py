"""The benchmark's memory measure: summed PSS of a process and its descendants."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.memory import PeakPss, process_tree, pss_kb


def test_process_tree_and_peak_pss_include_the_descendants():
    # a child that starts a grandchild, both holding memory for a moment
    code = (
        "import subprocess, sys, time; b = bytearray(30_000_000); "
        "p = subprocess.Popen([sys.executable, '-c', "
        "'import time; b = bytearray(30_000_000); time.sleep(1.5)']); "
        "time.sleep(1.5); p.wait()"
    )
    child = subprocess.Popen([sys.executable, "-c", code])
    with PeakPss(child.pid, interval=0.1) as peak:
        tree = []
        for _ in range(50):
            tree = process_tree(child.pid)
            if len(tree) == 2:
                break
            time.sleep(0.05)
        child.wait()
    assert len(tree) == 2 and tree[0] == child.pid
    assert peak.mb > 55  # both bytearrays, counted once each
    assert pss_kb(os.getpid()) > 0 and pss_kb(child.pid) == 0
