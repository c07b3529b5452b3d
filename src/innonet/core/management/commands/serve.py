"""`innonet serve`: gunicorn and the background worker side by side, stopped together.

For a single machine and for `make run`. In production the two usually run as separate services
(see README); this command is the same pair under one supervisor.
"""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from argparse import ArgumentParser
from collections.abc import Sequence
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext

STOP_TIMEOUT_SECONDS = 30
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Linux: children get SIGTERM if `serve` itself is killed, so none are left behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def demo_login_lines() -> list[str]:
    """The demo accounts to print, if the demo app offers them."""
    try:
        from innonet.demo import demo_login_lines as lines
    except ImportError:
        return []
    try:
        return list(lines())
    except Exception:  # a broken demo must not stop the server
        return []


class Command(BaseCommand):
    help = "Serve innonet with gunicorn and run the background worker beside it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port (default 8000).")
        parser.add_argument(
            "--host", default="127.0.0.1", help="Address to bind (default 127.0.0.1)."
        )
        parser.add_argument(
            "--workers", type=int, default=2, help="gunicorn worker processes (default 2)."
        )
        parser.add_argument(
            "--threads", type=int, default=4, help="Threads per gunicorn worker (default 4)."
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the background worker."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        self.stopping = False
        children = self.start_children(options)
        previous = {
            sig: signal.signal(sig, self.request_stop) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            url = f"http://{options['host']}:{options['port']}/"
            if self.wait_until_listening(options["host"], options["port"], children):
                self.announce(url)
            failed = self.supervise(children)
        finally:
            self.stop(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if failed:
            raise CommandError(f"{failed} stopped unexpectedly; everything was shut down.")
        self.stdout.write(gettext("innonet stopped."))

    def start_children(self, options: dict[str, Any]) -> dict[str, subprocess.Popen]:
        """Start gunicorn and the worker in their own process groups; we forward signals."""
        python = sys.executable
        gunicorn = [
            python, "-m", "gunicorn", "innonet.wsgi:application",
            "--bind", f"{options['host']}:{options['port']}",
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            "--access-logfile", "-",
            "--graceful-timeout", "20",
            "--timeout", "60",
            "--max-requests", "2000",
            "--max-requests-jitter", "200",
            # Matching questions are bookmarkable GET forms of up to 5,000 characters.
            "--limit-request-line", "8190",
            # Only a configured proxy may claim https via X-Forwarded-Proto.
            "--forwarded-allow-ips", "127.0.0.1,::1" if settings.TRUSTED_PROXIES else "",
            # The per-user control socket would clash between several servers.
            "--no-control-socket",
        ]  # fmt: skip
        commands: dict[str, Sequence[str]] = {"gunicorn": gunicorn}
        if not options["no_worker"]:
            commands["worker"] = [python, "-m", "django", "db_worker", "--no-reload"]
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE}
        children: dict[str, subprocess.Popen] = {}
        for name, command in commands.items():
            try:
                children[name] = subprocess.Popen(  # noqa: S603 - our own interpreter
                    command, env=env, process_group=0, preexec_fn=_die_with_parent
                )
            except OSError as exc:
                self.stop(children)
                raise CommandError(f"Could not start {name}: {exc}") from exc
        return children

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def wait_until_listening(
        self, host: str, port: int, children: dict[str, subprocess.Popen]
    ) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not self.stopping:
            if any(child.poll() is not None for child in children.values()):
                return False
            with contextlib.suppress(OSError), socket.create_connection((host, port), 0.5):
                return True
            time.sleep(0.2)
        return False

    def announce(self, url: str) -> None:
        lines = [
            "",
            gettext("innonet runs at %(url)s") % {"url": url},
            *demo_login_lines(),
            gettext("Stop with Ctrl-C."),
            "",
        ]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

    def supervise(self, children: dict[str, subprocess.Popen]) -> str:
        """Wait for a stop request or a dead child; return the dead child's name, if any."""
        while not self.stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"{name} exited with status {child.returncode}.")
                    return name
            time.sleep(0.3)
        return ""

    def stop(self, children: dict[str, subprocess.Popen]) -> None:
        """SIGTERM to each child (both shut down gracefully), SIGKILL after a timeout."""
        for child in children.values():
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for name, child in children.items():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop in time; killing it.")
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()
