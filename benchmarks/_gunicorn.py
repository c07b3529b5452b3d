"""A gunicorn server for the HTTP benchmarks: a free loopback port, start, wait until it
listens."""

import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict[str, str], port: int, *options: str) -> subprocess.Popen:
    """gunicorn serving innonet on 127.0.0.1:`port` with `options` (workers, worker class)."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "innonet.wsgi:application", "--no-control-socket",
         "--bind", f"127.0.0.1:{port}", *options],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not listen within 60 s")
