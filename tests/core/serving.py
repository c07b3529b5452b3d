"""Run `innonet serve` as a real process on its own SQLite file and read what it logs."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.ports import free_port

PROJECT = Path(__file__).resolve().parents[2]


def serve_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "VAR_DIR": str(var_dir), "HTTPS": "false", "DEBUG": "false"}
    for name in ("DATABASE_URL", "SQLITE_TEST_NAME", "SECRET_KEY"):
        env.pop(name, None)
    env.update(
        PYTHONPATH=str(PROJECT / "src"),
        DJANGO_SETTINGS_MODULE="innonet.settings",
        LOG_FORMAT="json",
        **extra,
    )
    return env


def migrate(var_dir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput"],
        cwd=PROJECT, env=serve_env(var_dir), check=True, capture_output=True, timeout=300,
    )  # fmt: skip


class Served:
    """An `innonet serve` process whose output is collected line by line."""

    def __init__(self, var_dir: Path, *args: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "django", "serve", "--port", str(self.port), *args]
        self.process = subprocess.Popen(
            command, cwd=PROJECT, env=serve_env(var_dir, **env),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        )  # fmt: skip
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.process.stdout, self.process.stderr)
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream: Any) -> None:
        for raw in stream:
            with self._lock:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def output(self) -> str:
        with self._lock:
            return "\n".join(self.lines)

    def events(self, name: str) -> list[dict[str, Any]]:
        """The `data` of every structured log line with this event name, in order."""
        found = []
        with self._lock:
            lines = list(self.lines)
        for line in lines:
            if line.startswith("{"):
                entry = json.loads(line)
                if entry.get("event") == name:
                    found.append(entry.get("data") or {})
        return found

    def get(self, path: str, headers: dict[str, str] | None = None) -> int:
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def wait_until_serving(self) -> None:
        wait_for(lambda: self._healthy(), "the server to answer", timeout=90)

    def _healthy(self) -> bool:
        if self.process.poll() is not None:  # never answer for a server that is not ours
            raise AssertionError(f"serve ended early:\n{self.output()[-3000:]}")
        try:
            return self.get("/healthz") == 200
        except OSError:
            return False

    def stop(self) -> str:
        """Ctrl-C, wait for the end, and return everything it wrote."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=90)
        for reader in self._readers:
            reader.join(timeout=10)
        return self.output()


def wait_for(condition: Any, what: str, timeout: float = 120) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
