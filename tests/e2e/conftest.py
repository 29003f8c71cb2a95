"""End-to-end tests: the whole system started the way `make run` starts it, driven through Debian's
Chromium with Playwright's sync API.

Every test here is in the xdist group "e2e" (added below when a test does not say so), and
`make test` runs pytest with `--dist loadgroup` (see tests/conftest.py for how the group holds with
pytest 9.2): they run one after another on one worker and share one running system and one
browser. Those two fixtures are package-scoped, not
session-scoped: between two calls, Playwright's sync API leaves its event loop marked as running
in the main thread, which makes every later `asyncio.run()` and async test of the same process
fail; the package scope closes them right after the last test under tests/e2e, before the
worker goes on with other tests. For the same reason the tests here are plain `def` functions
(pytest-asyncio's auto mode leaves those alone) and use no async fixtures.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Generator, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from redis import Redis

from tests import servers
from tests.e2e.support import ADMIN_PASSWORD, REPO, TILE_URL, E2EStack, serve_tiles, shot

DATABASE = "rongtook_e2e"
JWT_SECRET = "e2e-secret-" + "x" * 40
DIST = REPO / "frontend" / "dist"
STARTUP_TIMEOUT = 180.0
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
T = TypeVar("T")
_HERE = Path(__file__).resolve().parent
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()

# Two cores shared with the other xdist worker: give the page time before calling it a failure.
expect.set_options(timeout=15_000)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(_HERE) and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run it in a thread of its own: this thread's event loop may be Playwright's (see above)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _fresh_redis() -> str:
    url = f"{os.environ[servers.REDIS_ENV]}/{servers.E2E_REDIS_DB}"
    redis = Redis.from_url(url)
    try:
        redis.flushdb()
    finally:
        redis.close()
    return url


def _tail(path: Path, size: int = 4000) -> str:
    text = path.read_text(errors="replace") if path.exists() else "(no output)"
    return text[-size:]


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="package")
def e2e_stack() -> Iterator[E2EStack]:
    """`python -m stack.cli run` (what `make run` starts) in a working directory of its own, on
    free ports, with a fresh database on the test run's PostgreSQL, a Redis database no worker
    uses, the built web app (frontend/dist) and a known administrator password."""
    if not (DIST / "index.html").exists():
        pytest.fail("frontend/dist holds no build of the web app: run scripts/bootstrap (make test does)")
    root = Path(tempfile.mkdtemp(prefix="rongtook-e2e-"))
    ports = {name: servers.free_port() for name in ("GATEWAY", "INTAKE", "SCORING", "REPORTING")}
    base_url = f"http://127.0.0.1:{ports['GATEWAY']}"
    env = dict(os.environ)
    for key in ("RONGTOOK_DATABASE_URL", "RONGTOOK_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR", "RONGTOOK_WORKERS"):
        env.pop(key, None)
    env.update({f"RONGTOOK_{name}_PORT": str(port) for name, port in ports.items()})
    env.update(
        DATABASE_URL=_run(servers.fresh_database(DATABASE)),
        REDIS_URL=_fresh_redis(),
        RONGTOOK_HOST="127.0.0.1",
        RONGTOOK_FRONTEND_DIST=str(DIST),
        RONGTOOK_ADMIN_PASSWORD=ADMIN_PASSWORD,
        RONGTOOK_JWT_SECRET=JWT_SECRET,
        RONGTOOK_PUBLIC_BASE_URL=base_url,
        RONGTOOK_MAP_TILE_URL=TILE_URL,
        PYTHONUNBUFFERED="1",
    )
    output = root / "launcher.out"
    started = time.monotonic()
    with output.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "stack.cli", "run"], cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        while "Stop: Ctrl-C" not in _tail(output):  # the banner's last line
            if process.poll() is not None or time.monotonic() - started > STARTUP_TIMEOUT:
                _stop(process)
                logs = "".join(
                    f"\n--- var/log/{log.name}\n{_tail(log)}" for log in sorted((root / "var" / "log").glob("*.log"))
                )
                pytest.fail(f"The system did not start:\n--- launcher\n{_tail(output)}{logs}", pytrace=False)
            time.sleep(0.2)
        print(f"e2e: the system started in {time.monotonic() - started:.1f} s at {base_url}")
        stack = E2EStack(base_url, root)
        try:
            yield stack
        finally:
            stack.close()
    finally:
        _stop(process)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium (Playwright never downloads a browser here)."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page in a context of its own (nothing kept from other tests), as a Thai user's desktop
    sees it, with the map's tiles served by the test; a screenshot
    test-artifacts/e2e/FAILED-<test>.png when the test fails."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 768},
        locale="th-TH",
        timezone_id="Asia/Bangkok",
        accept_downloads=True,
    )
    serve_tiles(context)
    try:
        page = context.new_page()
        yield page
        report = request.node.stash.get(_REPORTS, {}).get("call")
        if report is not None and report.failed:
            with contextlib.suppress(Exception):
                print(f"screenshot: {shot(page, f'FAILED-{request.node.name}')}")
    finally:
        context.close()
