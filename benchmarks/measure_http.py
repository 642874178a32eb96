"""HTTP throughput and latency under gunicorn with 2 workers, driven by wrk on 127.0.0.1.

casebook runs as `gunicorn -w 2 -b 127.0.0.1:PORT wsgi:app` on the benchmark database, logged in once over HTTP
(the session cookie goes to wrk); a bare Flask page (benchmarks.hello) runs under the same gunicorn set-up in the
same run as the reference. wrk keeps CONNECTIONS connections busy for DURATION seconds per run; a Lua script
counts every response that is not a 200, so a redirect to the login page cannot pass for a fast page.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from benchmarks.measure_pages import csrf_token, page_cases
from benchmarks.settings import DATA_DIR, PASSWORD, REPO, ROOT, USERS, Scale

WORKERS = 2
# One connection per worker: both workers always busy (the server saturated), no request queued behind another.
# With more connections than workers each request also waits for the others' (4: p50 and p99 doubled at the same
# throughput), which measures the queue rather than the page (benchmarks/README.md).
CONNECTIONS = 2
THREADS = 2
DURATION = 10  # seconds per wrk run
USER_AGENT = "casebook-benchmark"  # the same for the login and for wrk (sessions are bound to it)
HTTP_PAGES = (
    "case list, first page",
    "case list, filtered",
    "case list, deep page",
    "case list, text search",
    "case page",
    "dashboard page",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(target: str, url: str, log: Path):
    """Serve `target` (module:app) with 2 workers on a free port; yields the base URL."""
    port = _free_port()
    env = {**os.environ, "CASEBOOK_DATABASE_URL": url, "PYTHONPATH": str(REPO)}
    command = ["gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--timeout", "120", target]
    # the gunicorn beside this interpreter (`make bench` runs .venv/bin/python without activating the venv)
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    if gunicorn_bin.exists():
        command[0] = str(gunicorn_bin)
    with log.open("a") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=out)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {target} did not start; see {log}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def log_in(base: str, role: str) -> str:
    """Log in over HTTP through the login form; returns the Cookie header for wrk."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(f"{base}/login") as page:
        token = csrf_token(page.read().decode())
    form = urllib.parse.urlencode(
        {"username": USERS[role], "password": PASSWORD, "csrf_token": token}
    ).encode()
    try:
        opener.open(f"{base}/login", data=form)
    except urllib.error.HTTPError as error:
        if error.code != 302:
            raise
    return "; ".join(f"{c.name}={c.value}" for c in jar)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check(base: str, path: str, cookie: str) -> int:
    """The status of one GET (200 expected before wrk runs)."""
    request = urllib.request.Request(f"{base}{path}", headers={"Cookie": cookie, "User-Agent": USER_AGENT})  # noqa: S310
    try:
        with urllib.request.build_opener(_NoRedirect()).open(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, cookie: str | None, duration: int = DURATION) -> dict:
    """One wrk run: requests per second, p50 and p99 latency (ms), non-200 responses."""
    command = [
        "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{duration}s", "--latency", "--timeout", "60s",
        "-s", str(ROOT / "status.lua"), "-H", f"User-Agent: {USER_AGENT}",
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    percent = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    return {
        "requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(percent["50"]),
        "p99_ms": _ms(percent["99"]),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non200": int(re.search(r"NON200 (\d+)", out).group(1)),
    }


def _median_runs(url: str, cookie: str | None, runs: int) -> dict:
    wrk(url, cookie, duration=2)  # warm-up
    results = [wrk(url, cookie) for _ in range(runs)]
    merged = {k: statistics.median(r[k] for r in results) for k in ("requests_per_s", "p50_ms", "p99_ms")}
    merged["p99_ms_runs"] = [round(r["p99_ms"], 1) for r in results]
    merged["requests"] = sum(r["requests"] for r in results)
    merged["non200"] = sum(r["non200"] for r in results)
    return merged


def measure(app, manifest: dict, runs: int, add: Callable[..., None], *, url: str, scale: Scale) -> None:
    """Add one row per page: requests/s, p50 and p99 under wrk, medians of `runs` runs."""
    if shutil.which("wrk") is None:
        add("http", "HTTP under gunicorn", note="wrk is not installed (apt-get install wrk)")
        return
    log = DATA_DIR / "gunicorn.log"
    chosen = [
        c
        for c in page_cases(app, manifest)
        if c.role == "bureau" and c.stats_cache and c.name.startswith(HTTP_PAGES)
    ]
    with gunicorn("benchmarks.hello:app", url, log) as base:
        add("http", "bare Flask page (reference)", **_row(_median_runs(f"{base}/", None, runs)))
    with gunicorn("wsgi:app", url, log) as base:
        cookie = log_in(base, "bureau")
        for case in chosen:
            path = urllib.parse.quote(case.url, safe="/?&=")  # a search for Chinese text, percent-encoded
            status = check(base, path, cookie)
            if status != 200:
                add("http", case.name, note=f"HTTP {status}")
                continue
            add("http", case.name, url=case.url, **_row(_median_runs(f"{base}{path}", cookie, runs)))


def _row(result: dict) -> dict:
    row = {k: round(v, 2) for k, v in result.items() if k in ("requests_per_s", "p50_ms", "p99_ms")}
    row["p99_ms_runs"] = result["p99_ms_runs"]
    row["requests"] = result["requests"]
    if result["non200"]:
        row["note"] = f"{result['non200']} responses were not 200"
    return row
