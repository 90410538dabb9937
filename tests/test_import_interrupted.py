"""An import killed midway (SIGKILL while its transaction is open) leaves nothing
of its file behind, and the database stays usable."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests import factories as f
from tests.conftest import ROOT

# Enough MSMEs that the import's transaction stays open for well over a second
# even with PostgreSQL's COPY, so that the kill lands inside it.
COUNT = 20_000


def big_document(count: int) -> dict:
    msmes = [f.msme(f"BIG-{i:06d}", name=f"Usaha Uji {i}") for i in range(count)]
    return f.document(msmes=msmes, partners=[])


def in_transaction(url: str, db_file: Path | None) -> bool:
    """Whether the importer holds an open write transaction right now."""
    if db_file is not None:
        return Path(str(db_file) + "-journal").exists()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                        "'jejaring-kill-test' AND xact_start IS NOT NULL AND state <> 'idle'"
                    )
                ).scalar()
            )
    finally:
        engine.dispose()


def count_msmes(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM msme")).scalar()
    finally:
        engine.dispose()


@pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals")
def test_killed_import_leaves_nothing(app, database_url, tmp_path):
    # The app fixture has created the schema; the command runs in its own process.
    url = database_url
    db_file = None
    if url.startswith("sqlite:///"):
        db_file = Path(url.removeprefix("sqlite:///"))
    else:
        url += ("&" if "?" in url else "?") + "application_name=jejaring-kill-test"
    path = tmp_path / "big.json"
    path.write_text(json.dumps(big_document(COUNT)), encoding="utf-8")
    env = dict(
        os.environ,
        DATABASE_URL=url,
        SECRET_KEY="kill-test",
        JEJARING_INSTANCE_PATH=str(tmp_path / "instance"),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "import", str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    caught = False
    while time.monotonic() < deadline and process.poll() is None:
        if in_transaction(url, db_file):
            time.sleep(0.3)  # let it write a good part of the file
            caught = process.poll() is None
            break
        time.sleep(0.02)
    if not caught:
        output = process.communicate()[0].decode(errors="replace")
        pytest.fail(f"the import ended before it could be interrupted:\n{output[-2000:]}")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert count_msmes(url) == 0
    # The database is usable: a file imports completely afterwards.
    small = tmp_path / "small.json"
    small.write_text(json.dumps(big_document(10)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "import", str(small)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert count_msmes(url) == 10
