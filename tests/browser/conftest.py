"""Browser fixtures: the real app on a live server, driven by Debian's Chromium through Playwright.

- `live_server`: the app (a copy of the migrated SQLite template, the tests' base config) served by
  werkzeug on 127.0.0.1 and a free port in a background thread; yields an object with `.url`,
  `.app` and `.url_for(path)`. Seed or inspect data in `with live_server.app.app_context(): ...`.
- `chromium`: one headless Chromium per test session (Playwright's sync API, our own executable:
  `HUB_CHROMIUM`, else `chromium` / `chromium-browser` on the PATH). Without a Chromium the browser
  tests are skipped, unless `HUB_REQUIRE_BROWSER=1` (CI), where they fail.
- `browser_page`: a fresh browser context and page per test; `browser_page.console_errors` collects
  console errors (CSP violations included) and uncaught page errors. On failure a screenshot goes to
  `test-artifacts/`.

Browser tests run against SQLite only.
"""

import contextlib
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import make_server

from hub import create_app
from hub.extensions import db, limiter
from tests.conftest import base_config  # the root conftest (tests/ is on sys.path)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def artifacts_dir(config) -> Path:
    path = Path(config.rootpath) / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path


@pytest.fixture
def artifacts(request) -> Path:
    """test-artifacts/ (gitignored): screenshots and other files for a human to look at."""
    return artifacts_dir(request.config)


# --- live server ------------------------------------------------------------------------------
@dataclass
class LiveServer:
    app: Flask
    url: str  # e.g. http://127.0.0.1:43127 (no trailing slash)

    def url_for(self, path: str) -> str:
        return self.url + (path if path.startswith("/") else "/" + path)


@pytest.fixture
def live_app_config() -> dict:
    """Override in a test module to change the live app's configuration."""
    return {}


@pytest.fixture
def live_server(sqlite_template, tmp_path, live_app_config):
    path = tmp_path / "live.sqlite3"
    shutil.copy(sqlite_template, path)
    config = base_config(f"sqlite:///{path}", tmp_path)
    config.update(live_app_config)
    app = create_app(config)
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    with app.app_context():
        limiter.reset()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    # shutdown() waits for the serving loop to look again: every 0.05 s, not the default 0.5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


# --- Chromium ---------------------------------------------------------------------------------
def find_chromium() -> str | None:
    configured = os.environ.get("HUB_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _no_browser(reason: str):
    if os.environ.get("HUB_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (HUB_REQUIRE_BROWSER=1, so browser tests must run)", pytrace=False)
    pytest.skip(f"{reason}; install Debian's chromium (apt-get install chromium) to run them")


@pytest.fixture(scope="session")
def chromium():
    executable = find_chromium()
    if not executable:
        _no_browser("no Chromium found (HUB_CHROMIUM, chromium, chromium-browser)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("playwright is not installed (pip install -r requirements-dev.txt)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class ConsoleLog:
    """Console errors and uncaught exceptions of one page, with the URL they happened on."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: uncaught {exc}"))
        self._page = page

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"{self._page.url}: {message.text}")

    def clear(self) -> None:
        self.errors.clear()


@pytest.fixture
def browser_page(chromium, request):
    """A page in a fresh context (no cookies); `.console_errors` lists what went wrong so far."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    log = ConsoleLog(page)
    page.console_errors = log.errors
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            name = request.node.nodeid.replace("/", "_").replace("::", "__")
            # a screenshot that cannot be taken must not hide the failure itself
            with contextlib.suppress(Exception):
                page.screenshot(path=artifacts_dir(request.config) / f"FAILED-{name}.png",
                                full_page=True)
        context.close()
