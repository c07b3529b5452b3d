"""`innonet serve` starts the server, greets in German and stops cleanly on Ctrl-C."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_greets_answers_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    env = {**os.environ, "VAR_DIR": str(tmp_path), "HTTPS": "false", "DEBUG": "false"}
    env.pop("DATABASE_URL", None)
    env["PYTHONPATH"] = str(PROJECT / "src")
    command = [sys.executable, "-m", "django", "serve", "--port", str(port), "--no-worker"]
    env["DJANGO_SETTINGS_MODULE"] = "innonet.settings"
    server = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        answer = None
        while time.monotonic() < deadline and answer is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    answer = r.read()
            except OSError:
                time.sleep(0.3)
        assert answer == b"ok"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        output, _ = server.communicate(timeout=60)
    text = output.decode()
    assert f"innonet läuft unter http://127.0.0.1:{port}/" in text
    assert "Beenden mit Strg+C." in text and "innonet ist beendet." in text
    assert server.returncode == 0
