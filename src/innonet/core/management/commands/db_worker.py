"""`innonet db_worker`: django-tasks' database worker with a heartbeat and task recovery.

At start, and then every `TASK_HEARTBEAT_SECONDS` from a thread, the worker renews its
heartbeat and releases the tasks of workers that died (`core.workers`), so nothing stays
"running" for ever, even when only one worker is left; and it starts a sender run when mails
in the outbox are due and no run waits for them, and the daily retention run when none
was enqueued in the last day. When the database goes away (a restart, a killed connection)
the worker waits for it instead of ending.
"""

import contextlib
import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django_tasks_db.management.commands import db_worker

from innonet.core import workers

logger = logging.getLogger(__name__)


def recover_quietly() -> list[workers.Recovered]:
    """Recover interrupted tasks; a database that is busy or away is tried again later."""
    try:
        return workers.interrupted_tasks_recover()
    except DatabaseError as error:
        logger.warning("task recovery failed for now: %s", error)
        return []


def nudge_outbox_quietly() -> None:
    """Start a sender run for due mails that no run is waiting for (core.outbox)."""
    from innonet.core.outbox import outbox_nudge

    try:
        outbox_nudge()
    except DatabaseError as error:
        logger.warning("outbox check failed for now: %s", error)


def nudge_retention_quietly() -> None:
    """Enqueue the daily retention run when none was enqueued in the last day."""
    from innonet.core.privacy.retention import retention_nudge

    try:
        retention_nudge()
    except DatabaseError as error:
        logger.warning("retention check failed for now: %s", error)


class Heartbeat(threading.Thread):
    """Renews the worker's lease and recovers lost tasks while the main thread runs tasks."""

    def __init__(self, worker_id: str, interval: float) -> None:
        super().__init__(name="innonet-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    workers.worker_beat(self.worker_id)
                except DatabaseError as error:  # e.g. SQLite busy during a long import
                    logger.warning("worker heartbeat failed for now: %s", error)
                    continue
                recover_quietly()
                nudge_outbox_quietly()
                nudge_retention_quietly()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)


class Worker(db_worker.Worker):
    """The library's worker, registered with a heartbeat for as long as it runs."""

    def run(self) -> None:
        workers.worker_register(self.worker_id)
        recovered = recover_quietly()
        if recovered:
            logger.warning("released %d interrupted task run(s) at start", len(recovered))
        nudge_retention_quietly()
        heartbeat = Heartbeat(self.worker_id, settings.TASK_HEARTBEAT_SECONDS)
        heartbeat.start()
        try:
            while True:
                try:
                    super().run()
                    return
                except DatabaseError as error:  # a restart or a killed connection
                    if not self.running:
                        raise
                    logger.warning("database away, the worker waits for it: %s", error)
                    self.wait_for_database()
        finally:
            heartbeat.stop()
            with contextlib.suppress(DatabaseError):
                workers.worker_unregister(self.worker_id)

    def wait_for_database(self) -> None:
        """Wait until the database answers again, then release this worker's own task run
        that the outage cut short (it runs again if it may), so none stays "running"."""
        pause = 1.0
        while self.running:
            connections.close_all()
            time.sleep(pause)
            try:
                released = workers.worker_tasks_release(self.worker_id)
            except DatabaseError:
                pause = min(pause * 2, 10.0)
                continue
            if released:
                logger.warning("released %d task run(s) cut short by the outage", len(released))
            return


class Command(db_worker.Command):
    help = "Run the background worker (with heartbeat and recovery of interrupted tasks)."

    def handle(self, *args: Any, **options: Any) -> None:
        original = db_worker.Worker
        db_worker.Worker = Worker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
