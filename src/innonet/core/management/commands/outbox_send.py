"""`innonet outbox_send`: send the outbox's due mails now (the worker does it by itself; this
catches up after the worker was down and is safe from cron, also beside a running worker:
senders share the rows through their leases).

With `--until-done` it keeps going, waiting for mails that wait after a temporary failure or
whose lease has to run out, until every mail is sent, failed or suppressed, or `--max-seconds`
have passed."""

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from innonet.core.outbox import outbox_prune, send_due
from innonet.core.outbox.sending import next_due_at

IDLE_SECONDS = 5.0


class Command(BaseCommand):
    help = "Send the outbox's due mails; with --until-done, until none waits any more."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--until-done", action="store_true")
        parser.add_argument("--max-seconds", type=float, default=3600.0)

    def handle(self, *args: Any, **options: Any) -> None:
        deadline = time.monotonic() + options["max_seconds"]
        totals: dict[str, int] = {"sent": 0, "failed": 0, "waiting": 0, "given_back": 0}
        while True:
            figures = send_due()
            for name in totals:
                totals[name] += getattr(figures, name)
            due = next_due_at()
            if not options["until_done"] or due is None or time.monotonic() > deadline:
                break
            pause = (due - timezone.now()).total_seconds()
            time.sleep(min(max(pause, 0.2), IDLE_SECONDS))
        totals["pruned"] = outbox_prune()
        self.stdout.write(json.dumps(totals))
