"""`innonet serve`: gunicorn and the background worker side by side under one supervisor.

For a single machine and for `make run`. In production the two usually run as separate services
(see README); this command is the same pair under one supervisor. A worker that dies is started
again after a growing pause while the website keeps serving; if gunicorn dies, everything stops.
"""

import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from argparse import ArgumentParser
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext

from innonet.core import announcements

STOP_TIMEOUT_SECONDS = 30
PR_SET_PDEATHSIG = 1
# A worker that dies is restarted after 1 s, then 2, 4, ... up to a minute while it keeps dying
# soon after its start; one that ran for a minute counts as healthy and starts the count anew.
WORKER_BACKOFF_FIRST = 1.0
WORKER_BACKOFF_MAX = 60.0
WORKER_HEALTHY_AFTER = 60.0
# Masks tokens in the paths of gunicorn's access and error log (core/logsafety.py).
GUNICORN_LOGGER = "innonet.core.logsafety.GunicornLogger"

logger = logging.getLogger("innonet.serve")


def worker_backoff(previous: float, *, ran_for: float) -> float:
    """The pause before the next restart of a worker that died after `ran_for` seconds."""
    if previous <= 0 or ran_for >= WORKER_HEALTHY_AFTER:
        return WORKER_BACKOFF_FIRST
    return min(previous * 2, WORKER_BACKOFF_MAX)


def served_site_url(host: str, port: int) -> str:
    """The address links in mails point to when `SITE_URL` is not set: the one `serve` binds.

    A wildcard address (all interfaces) is reached locally through the loopback address.
    """
    if host in ("", "0.0.0.0", "::"):  # noqa: S104  # nosec B104 - compared, not bound
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def fresh_metrics_dir() -> str:
    """The directory where gunicorn's processes and the worker keep their metrics, so that
    /metrics adds them up (core.monitoring.metrics): `PROMETHEUS_MULTIPROC_DIR` or
    `VAR_DIR/prometheus`, emptied of an earlier run's figure files before they start."""
    directory = Path(os.environ.get("PROMETHEUS_MULTIPROC_DIR") or settings.VAR_DIR / "prometheus")
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.db"):
        old.unlink()
    return str(directory)


def _die_with_parent() -> None:
    """Linux: children get SIGTERM if `serve` itself is killed, so none are left behind."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


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
        self.site_url = served_site_url(options["host"], options["port"])
        self.metrics_dir = fresh_metrics_dir()
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
            "--logger-class", GUNICORN_LOGGER,
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
        self.commands: dict[str, Sequence[str]] = {"gunicorn": gunicorn}
        if not options["no_worker"]:
            self.commands["worker"] = [python, "-m", "django", "db_worker", "--no-reload"]
        children: dict[str, subprocess.Popen] = {}
        for name in self.commands:
            try:
                children[name] = self.start_child(name)
            except OSError as exc:
                self.stop(children)
                raise CommandError(f"Could not start {name}: {exc}") from exc
        return children

    def child_env(self) -> dict[str, str]:
        """The environment of gunicorn and the worker: links in mails and calendar feeds point
        to this server unless `SITE_URL` names the public address explicitly."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "PROMETHEUS_MULTIPROC_DIR": self.metrics_dir,
        }
        if not env.get("SITE_URL"):
            env["SITE_URL"] = self.site_url
        return env

    def start_child(self, name: str) -> subprocess.Popen:
        child = subprocess.Popen(  # noqa: S603 - our own interpreter
            self.commands[name], env=self.child_env(), process_group=0, preexec_fn=_die_with_parent
        )
        logger.info(
            "%s started (process %d)",
            name,
            child.pid,
            extra={"event": f"serve.{name}.started", "data": {"pid": child.pid}},
        )
        return child

    def request_stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def wait_until_listening(
        self, host: str, port: int, children: dict[str, subprocess.Popen]
    ) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not self.stopping:
            if children["gunicorn"].poll() is not None:  # a dying worker is restarted later
                return False
            with contextlib.suppress(OSError), socket.create_connection((host, port), 0.5):
                return True
            time.sleep(0.2)
        return False

    def announce(self, url: str) -> None:
        lines = [
            "",
            gettext("innonet runs at %(url)s") % {"url": url},
            *announcements.serve_lines(),
            gettext("Stop with Ctrl-C."),
            "",
        ]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()

    def supervise(self, children: dict[str, subprocess.Popen]) -> str:
        """Wait for a stop request or gunicorn's death (then return "gunicorn"); restart a dead
        worker after its back-off while the website keeps serving."""
        delay, started, restart_at = 0.0, time.monotonic(), None
        while not self.stopping:
            if children["gunicorn"].poll() is not None:
                code = children["gunicorn"].returncode
                logger.error(
                    "gunicorn exited with status %s; stopping everything",
                    code,
                    extra={"event": "serve.gunicorn.exited", "data": {"status": code}},
                )
                return "gunicorn"
            worker = children.get("worker")
            if worker is not None and restart_at is None and worker.poll() is not None:
                ran_for = time.monotonic() - started
                delay = worker_backoff(delay, ran_for=ran_for)
                self.worker_died(worker.returncode, ran_for=ran_for, delay=delay)
                restart_at = time.monotonic() + delay
            if restart_at is not None and time.monotonic() >= restart_at:
                restart_at, started = None, time.monotonic()
                try:
                    children["worker"] = self.start_child("worker")
                except OSError:  # counts as one more death: the pause grows
                    logger.exception("the worker could not be started")
            time.sleep(0.2)
        return ""

    def worker_died(self, code: int, *, ran_for: float, delay: float) -> None:
        """Log the death and release the tasks it was running, so none waits for its restart."""
        logger.error(
            "worker exited with status %s after %.1f s; restarting in %.0f s",
            code,
            ran_for,
            delay,
            extra={
                "event": "serve.worker.exited",
                "data": {"status": code, "ran_seconds": round(ran_for, 1), "restart_in": delay},
            },
        )
        from innonet.core.workers import interrupted_tasks_recover

        try:
            interrupted_tasks_recover()
        except Exception:  # the database may be why it died; the next worker tries at start
            logger.exception("recovering the worker's tasks failed; the next worker retries")
        finally:
            connections.close_all()

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
