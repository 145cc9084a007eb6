"""Real-browser fixtures: one production build and one app server per test session, on a
fresh temporary database, driven by Playwright in Debian's Chromium at phone size."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from trusthabits.db.engine import build_engine
from trusthabits.db.migrate import upgrade_to_head

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("TRUSTHABITS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
BUILD_TIMEOUT_S = 900
ARTIFACTS = ROOT / "test-artifacts"
WEB_WORKDIR = ".web-test"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class AppServer:
    def __init__(self, base_url: str, database_url: str, log_path: Path):
        self.base_url = base_url
        self.database_url = database_url
        self.log_path = log_path
        self.engine = build_engine(database_url)

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def app_server(tmp_path_factory) -> AppServer:
    workdir = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    database_url = f"sqlite:///{workdir / 'e2e.db'}"
    upgrade_to_head(database_url)
    base_url = f"http://localhost:{port}"
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": database_url,
        "TRUSTHABITS_BASE_URL": base_url,
        "TRUSTHABITS_SCHEDULER": "off",
        "TRUSTHABITS_DATA_DIR": str(workdir),
        # Watched by the upload tests: a refused upload must leave both untouched.
        "REFLEX_UPLOADED_FILES_DIR": str(workdir / "uploads"),
        "TMPDIR": str(workdir / "tmp"),
        "REFLEX_USE_SYSTEM_BUN": "1",
        # The test build has its own folder (Reflex reads REFLEX_WEB_WORKDIR), so a `make run` in
        # this checkout keeps serving from .web/ while the suite runs.
        "REFLEX_WEB_WORKDIR": str(ROOT / WEB_WORKDIR),
        "REFLEX_STATES_WORKDIR": str(workdir / "states"),
        "PATH": os.pathsep.join([str(ROOT / ".tools/node_modules/.bin"), str(Path(sys.executable).parent),
                                 os.environ["PATH"]]),
    }
    log_path = workdir / "server.log"
    (workdir / "tmp").mkdir()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "reflex"), "run", "--env", "prod"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = AppServer(base_url, database_url, log_path)
    server.upload_dir, server.tmp_dir = workdir / "uploads", workdir / "tmp"
    deadline = time.monotonic() + BUILD_TIMEOUT_S
    while not (_ready(f"{base_url}/api/health") and _ready(f"{base_url}/signin")):
        if process.poll() is not None:
            pytest.fail(f"the app server exited ({process.returncode}):\n{server.log_tail()}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"the app server was not up after {BUILD_TIMEOUT_S}s:\n{server.log_tail()}")
        time.sleep(0.5)
    yield server
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    server.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_phone_page(browser: Browser, locale: str = "en-GB") -> Page:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale=locale)
    context.set_default_timeout(15_000)
    return context.new_page()


@pytest.fixture
def page(browser, request) -> Page:
    page = new_phone_page(browser)
    # Anything the Content-Security-Policy blocks is a broken page: every browser test checks.
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    yield page
    assert not blocked, blocked
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    page.context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


_counter = itertools.count(1)


def unique_email(prefix: str = "manager") -> str:
    return f"{prefix}{next(_counter)}-{os.getpid()}@example.com"
