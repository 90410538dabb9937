"""Browser tests: the real app in its own process, driven by Debian's Chromium.

The server is started once per test session on a free loopback port, on a fresh
SQLite database loaded with the demo data (``init-db`` then ``seed``, the same
commands a deployment runs). It always uses SQLite, also when TEST_DATABASE_URL
points the rest of the suite at PostgreSQL: the unit-test fixtures wipe that
database before every test, which would pull the data from under a server that
lives for the whole session.

Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser
here. Without it the browser tests are skipped on a developer's machine and fail
loudly in CI (env CI set), so that a missing browser cannot pass CI silently.
The same goes for the ``playwright`` package itself (see test_journeys.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Written on every run; not committed (docs/screenshots holds the README's copies).
SCREENSHOTS = Path(os.environ.get("JEJARING_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SECRET_KEY = "browser-test-secret-not-for-production"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
SERVER_START_TIMEOUT = 60  # seconds; importing the app and the matcher takes a few
CLI_TIMEOUT = 180


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives the running app with headless Chromium (tests/browser)"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _flask(args: list[str], env: dict[str, str]) -> None:
    """Run ``flask --app wsgi ARGS`` with the server's environment; fail with its output."""
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"flask {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}",
            pytrace=False,
        )


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the app exited with status {process.returncode} before answering:\n"
                f"{log.read_text(errors='replace')}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(
        f"the app did not answer {url} within {SERVER_START_TIMEOUT} s:\n"
        f"{log.read_text(errors='replace')}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium; skipped when missing, except in CI where that is an error."""
    if not CHROMIUM.exists():
        message = (
            f"Chromium not found at {CHROMIUM}; install Debian's 'chromium' package "
            "(apt-get install chromium) to run the browser tests"
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def server_database(live_server) -> str:
    """The SQLAlchemy URL of the running app's database (SQLite, demo data loaded)."""
    return live_server.database_url


class LiveServer(str):
    """The base URL, which also knows the server's database URL."""

    database_url: str


@pytest.fixture(scope="session")
def live_server(chromium_executable, tmp_path_factory) -> Iterator[str]:
    """Base URL of the real app, served from a separate process on a seeded database."""
    folder = tmp_path_factory.mktemp("browser-server")
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DATABASE_URL",
            "SECRET_KEY",
            "JEJARING_ENV",
            "FLASK_APP",
            "FLASK_DEBUG",
            "FLASK_RUN_PORT",
            "FLASK_RUN_HOST",
        )
    }
    env.update(
        {
            "JEJARING_INSTANCE_PATH": str(folder / "instance"),
            "SECRET_KEY": SECRET_KEY,
            # Always SQLite, also on a PostgreSQL run of the suite (see the module docstring).
            "DATABASE_URL": f"sqlite:///{folder / 'browser.db'}",
            "PYTHONUNBUFFERED": "1",
            # Every browser test logs in from 127.0.0.1, more often than the login limit
            # (10 a minute per address) allows a person; the limits have their own tests
            # (tests/test_rate_limits.py, tests/test_login_throttle.py).
            "JEJARING_RATELIMIT_ENABLED": "false",
            "JEJARING_CENTRE_NAME": "PLUT-KUMKM Kalimantan Barat",
        }
    )
    _flask(["init-db"], env)
    _flask(["seed"], env)

    port = _free_port()
    log = folder / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flask",
                "--app",
                "wsgi",
                "run",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base_url = LiveServer(f"http://127.0.0.1:{port}")
    base_url.database_url = env["DATABASE_URL"]
    try:
        _wait_until_up(base_url + "/login", process, log)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(chromium_executable):
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_context(browser, live_server):
    """Make a fresh browser context (its own cookies) on the app; all closed afterwards."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server, viewport=DESKTOP, locale="id-ID", timezone_id="Asia/Pontianak"
        )
        context.set_default_timeout(10_000)
        context.set_default_navigation_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context at desktop size."""
    return new_context().new_page()


# Elements whose right edge lies past the viewport: the deepest ones are the culprits.
_OVERFLOWING = """(limit) => {
  const width = document.documentElement.clientWidth;
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (el.classList.length) s += '.' + [...el.classList].join('.');
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) parts.unshift(describe(e));
    return parts.join(' > ');
  };
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1;
  });
  const deepest = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
  return deepest.slice(0, limit).map((el) => ({
    path: path(el), right: Math.round(el.getBoundingClientRect().right),
    text: (el.innerText || el.value || '').trim().slice(0, 60)}));
}"""


class Screenshots:
    """Full-page screenshots at phone and desktop width, and the phone-width overflow check.

    ``take`` records pages that scroll sideways at 360 px instead of failing at once, so a
    journey still runs to its end and takes all its screenshots; ``assert_no_overflow``
    fails with every overflowing page and the elements that stick out.
    """

    def __init__(self) -> None:
        self.overflows: list[str] = []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(self, page, name: str) -> None:
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size['width']}.png"), full_page=True)
            # What a person sees first, without scrolling.
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{size['width']}-top.png"))
            if size is PHONE:
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > PHONE["width"] + 1:
                    culprits = page.evaluate(_OVERFLOWING, 5)
                    lines = "\n".join(
                        f"    {c['path']} (right edge {c['right']} px) {c['text']!r}"
                        for c in culprits
                    )
                    self.overflows.append(
                        f"{name} ({page.url}): scrollWidth {scroll_width} px at 360 px\n{lines}"
                    )
        page.set_viewport_size(DESKTOP)

    def assert_no_overflow(self) -> None:
        assert not self.overflows, "pages scroll sideways at 360 px:\n" + "\n".join(self.overflows)


@pytest.fixture
def screenshots() -> Screenshots:
    return Screenshots()
