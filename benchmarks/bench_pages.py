"""Page and API throughput under gunicorn with DEBUG off, on a throw-away SQLite database.

Builds a database under a temporary VAR_DIR (demo data if the `demo` command exists, else the
seeded taxonomies only), starts gunicorn on a free loopback port, and sends a bounded number of
requests per URL from a thread pool. Prints requests/s and p50/p95 latency and writes them, with
the machine's facts, to docs/benchmarks.md.

Environment: BENCH_REQUESTS (per URL, default 600), BENCH_CONCURRENCY (default 8),
BENCH_SECONDS (time limit per URL, default 30), BENCH_WORKERS / BENCH_THREADS (gunicorn).
"""

import http.client
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from _gunicorn import free_port, start_gunicorn
from _machine import machine_info, write_section

PROJECT_DIR = Path(__file__).resolve().parent.parent
URLS = [
    ("start page", "/", "text/html"),
    ("login page", "/accounts/login/", "text/html"),
    ("API RIS3 fields", "/api/ris3-fields/", "application/json"),
]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "600"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "30"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(max(2, min(4, os.cpu_count() or 2)))))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=900,
    )


def build_database(env: dict[str, str]) -> str:
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput")
    if manage(env, "help", "demo", check=False).returncode == 0:
        manage(env, "demo", "--if-empty")
        return "demo data"
    return "seeded taxonomies only (no demo command)"


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    return start_gunicorn(env, port, "--workers", str(WORKERS), "--threads", str(THREADS))


def measure(port: int, path: str, accept: str) -> dict[str, float]:
    """Send up to REQUESTS requests (within SECONDS) over keep-alive connections per thread."""
    local = threading.local()
    deadline = time.monotonic() + SECONDS
    headers = {"Accept": accept, "Accept-Language": "de"}

    def one(_: int) -> tuple[float, int] | None:
        if time.monotonic() > deadline:
            return None
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        try:
            local.conn.request("GET", path, headers=headers)
            response = local.conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            local.conn.close()
            del local.conn
            status = 0
        return time.perf_counter() - started, status

    for _ in range(20):  # warm-up: imports, template and connection caches
        one(0)
    started = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        results = [r for r in pool.map(one, range(REQUESTS)) if r is not None]
    elapsed = time.perf_counter() - started
    latencies = sorted(r[0] for r in results)
    errors = sum(1 for r in results if r[1] != 200)
    return {
        "requests": len(results),
        "errors": errors,
        "rps": len(results) / elapsed if elapsed else 0.0,
        "p50": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95": latencies[int(len(latencies) * 0.95) - 1] * 1000 if latencies else 0.0,
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="innonet-bench-") as var_dir:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "DEBUG", "TASKS_BACKEND"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="innonet.settings",
            VAR_DIR=var_dir,
            DEBUG="false",
            HTTPS="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            LOG_LEVEL="WARNING",
            # Throttling would turn most anonymous API requests into 429s; measure the work.
            API_RATE_ANON="1000000/min",
        )
        data = build_database(env)
        port = free_port()
        server = start_server(env, port)
        try:
            rows = [(label, path, measure(port, path, accept)) for label, path, accept in URLS]
        finally:
            server.terminate()
            server.wait(timeout=30)
    info = machine_info()
    table = [
        "| page | URL | requests | errors | requests/s | p50 ms | p95 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | `{path}` | {r['requests']} | {r['errors']} | {r['rps']:.0f} "
            f"| {r['p50']:.1f} | {r['p95']:.1f} |"
            for label, path, r in rows
        ),
    ]
    body = "\n".join(
        [
            "## Pages and API (bench_pages.py)",
            "",
            f"gunicorn {WORKERS} processes x {THREADS} threads, DEBUG off, SQLite ({data}), "
            f"{CONCURRENCY} client threads over keep-alive loopback connections, at most "
            f"{REQUESTS} requests or {SECONDS:.0f} s per URL after 20 warm-up requests; "
            "the anonymous API rate limit is raised for the run. Client and server share the "
            "machine's cores.",
            "",
            *table,
            "",
            "Machine: " + ", ".join(f"{key} {value}" for key, value in info.items()),
        ]
    )
    print("\n".join(table))
    write_section("bench_pages", body)
    print(f"written to {Path('docs/benchmarks.md')}")
    return 1 if any(r["errors"] for _, _, r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
