"""The README's and docs/design.md's screenshots are not older than the templates
they show (issue 15).

Age is the time of the last git commit that changed a file, not its mtime: a
fresh clone gives every file the time of the checkout, which says nothing. A file
with uncommitted changes (or not yet committed) counts as changed now, so editing
a template fails this test until the screenshots are taken again
(``make screenshots``) and committed with it or after it. In a shallow clone,
files last changed before its oldest commit all get that commit's time: the test
can then pass on an old screenshot, never fail on a fresh one. Outside a git
checkout (an unpacked archive) it is skipped.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time

import pytest

from tests.screenshots import ROOT, SHOTS, TEMPLATES, templates_shown


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout.rstrip("\n")  # not strip(): a status line may start with a space


def dirty_paths(status: str) -> set[str]:
    """The paths in ``git status --porcelain`` output (a rename: its new path)."""
    return {line[3:].split(" -> ")[-1] for line in status.splitlines() if line.strip()}


@pytest.fixture(scope="module")
def changed_at():
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        _git("rev-parse", "--is-inside-work-tree")
    except subprocess.CalledProcessError:
        pytest.skip("not a git checkout: commit times are unknown")
    dirty = dirty_paths(_git("status", "--porcelain", "--untracked-files=all"))
    now = time.time()

    def when(path: str) -> float:
        if path in dirty:
            return now
        stamp = _git("log", "-1", "--format=%ct", "--", path).strip()
        return float(stamp) if stamp else now

    return when


def test_every_image_of_the_readme_and_the_design_doc_is_listed():
    used = set()
    for doc in ("README.md", "docs/design.md"):
        text = (ROOT / doc).read_text(encoding="utf-8")
        base = "" if doc == "README.md" else "docs/"
        for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", text):
            used.add(base + link if not link.startswith("docs/") else link)
    assert used == set(SHOTS), "list each screenshot in tests/screenshots.py (and use it)"
    for target in SHOTS:
        assert (ROOT / target).exists(), f"{target} is missing: run make screenshots"


@pytest.mark.parametrize("target", sorted(SHOTS))
def test_screenshot_is_not_older_than_its_templates(changed_at, target):
    shot_time = changed_at(target)
    stale = {}
    for template in sorted(templates_shown(SHOTS[target])):
        path = str((TEMPLATES / template).relative_to(ROOT))
        if changed_at(path) > shot_time:
            stale[path] = dt.datetime.fromtimestamp(changed_at(path), dt.UTC).isoformat()
    assert not stale, (
        f"{target} (last committed {dt.datetime.fromtimestamp(shot_time, dt.UTC).isoformat()}) "
        f"is older than {stale}: run `make screenshots` and commit the new images"
    )


def test_the_paths_of_uncommitted_changes_are_read_whole():
    """`git status --porcelain` lines start with two status columns, the first often a
    space: the path must not lose its first letter (then an edited template looked
    committed and the test passed on a stale screenshot)."""
    status = (
        " M web/templates/msme/suggestions.html\n?? docs/screenshots/new.png\nR  a.html -> b.html"
    )
    assert dirty_paths(status) == {
        "web/templates/msme/suggestions.html",
        "docs/screenshots/new.png",
        "b.html",
    }


def test_git_times_not_mtimes(changed_at, tmp_path):
    """A freshly touched file is not "changed" for this test unless git says so."""
    target = sorted(SHOTS)[0]
    before = changed_at(target)
    path = ROOT / target
    stat = path.stat()
    try:
        import os

        os.utime(path, (stat.st_atime, time.time() + 3600))  # as a fresh clone would
        assert changed_at(target) == before
    finally:
        os.utime(path, (stat.st_atime, stat.st_mtime))
