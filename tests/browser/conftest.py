"""Browser tests: Playwright driving Debian's Chromium against the app served on 127.0.0.1.

Without Chromium the tests are skipped with a printed reason, unless CASEBOOK_REQUIRE_BROWSER=1 (CI),
which turns a missing browser into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which(CHROMIUM) is not None


def pytest_collection_modifyitems(config, items):
    if _chromium_available():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)"
    if os.environ.get("CASEBOOK_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"CASEBOOK_REQUIRE_BROWSER=1 but {reason}")
    print(f"\nSkipping browser tests: {reason}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_collection_finish(session):
    pass


@pytest.fixture(scope="session")
def browser_type_launch_args():
    # A suite run under faketime (tests that must not depend on the real date) fakes the server's clock only:
    # Chromium under libfaketime spins its timers.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True, "env": env}


@pytest.fixture(scope="session")
def live_server(app):
    """The test app served by werkzeug in a thread, with CSRF on as in production."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    app.config["WTF_CSRF_ENABLED"] = True
    yield f"http://127.0.0.1:{port}"
    app.config["WTF_CSRF_ENABLED"] = False
    server.shutdown()


@pytest.fixture(scope="session")
def _demo_server(demo_app):
    """The demo app (demo data set loaded once) served in a thread."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = make_server("127.0.0.1", port, demo_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


@pytest.fixture
def demo_live_server(demo_app, _demo_server):
    """The served demo app with CSRF on for one test (later tests posting to the demo app without a token,
    e.g. the demo figure checks, must find it off again)."""
    demo_app.config["WTF_CSRF_ENABLED"] = True
    yield _demo_server
    demo_app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def live_csrf(app, live_server):
    """Browser tests run with CSRF protection on (session-wide config is restored after each test)."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield live_server
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def phone_page(browser):
    """A page the size of a small phone (375 × 740)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    yield page
    context.close()


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Fill the login form, submit it and wait for the answer page."""
    page.goto(f"{base_url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button[type=submit].primary")
