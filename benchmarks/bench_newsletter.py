"""A newsletter issue to 10,000 subscribers, end to end on one worker: the issue's recipients
are materialised chunk by chunk (each mail rendered for its reader, with the preference and
one-click unsubscribe links), stored in the outbox and sent through a local SMTP server in
another process, which writes down every Message-ID it accepts.

Usage: python benchmarks/bench_newsletter.py [--subscribers 10000]
(on PostgreSQL too with BENCH_DATABASE_URL set to an empty database)
"""

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _django import manage, on_each_database, script
from bench_outbox import delivered, free_port, start_server

SUBSCRIBE = r"""
import sys
import django
django.setup()
from django.utils import timezone
from innonet.content.models import Subscription, SubscriptionStatus

count = int(sys.argv[1])
now = timezone.now()
Subscription.objects.bulk_create(
    (Subscription(email=f"leserin{n}@firma{n % 211}.example", name=f"Leserin {n}",
                  language="de" if n % 5 else "en", status=SubscriptionStatus.ACTIVE,
                  confirmed_at=now) for n in range(count)),
    batch_size=2000,
)
print(Subscription.objects.count())
"""

SEND = r"""
import json, sys, time
import django
django.setup()
from innonet.content.models import News, KnowledgeArticle
from innonet.content.newsletter.figures import issue_figures
from innonet.content.services import newsletter as services
from innonet.events.models import Event

items = {"news": News.objects.published()[:3], "articles": KnowledgeArticle.objects.published()[:2],
         "events": Event.objects.filter(status="published").order_by("starts_at")[:3]}
issue = services.issue_save(None, subject="Neues aus dem Netzwerk", introduction="**Hallo**",
                            items=items)
started = time.perf_counter()
services.issue_schedule(issue, when=None, acting_user=None)  # the worker runs at the commit
seconds = time.perf_counter() - started
issue.refresh_from_db()
figures = issue_figures(issue)
print(json.dumps({"seconds": seconds, "status": issue.status, "batch": issue.batch,
                  "figures": figures._asdict() if hasattr(figures, "_asdict") else vars(figures)}))
"""

EXPECTED = r"""
import json, sys
import django
django.setup()
from innonet.core.models import OutgoingMail
print(json.dumps(list(OutgoingMail.objects.filter(batch=sys.argv[1]).values_list(
    "message_id", flat=True))))
"""


def run(label: str, env: dict[str, str], subscribers: int) -> list[str]:
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    manage(env, "demo")
    subscribed = int(script(env, SUBSCRIBE, str(subscribers)))
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "delivered.txt"
        log.touch()
        port = free_port()
        server = start_server(port, log, env)
        try:
            smtp_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
            answer = json.loads(script(smtp_env, SEND))
            expected = set(json.loads(script(env, EXPECTED, answer["batch"])))
        finally:
            server.terminate()
            server.wait()
        received = delivered(log)
    mine = {mid: n for mid, n in received.items() if mid in expected}
    missing = len(expected - set(mine))
    doubled = sum(n - 1 for n in mine.values() if n > 1)
    seconds = answer["seconds"]
    print(f"{label}: {len(expected)} mails in {seconds:.1f}s", flush=True)
    figures = ", ".join(f"{k} {v:,}" for k, v in answer["figures"].items() if v)
    return [
        f"**{label}**",
        "",
        "| step | figure |",
        "| --- | --- |",
        f"| subscribers (confirmed) | {subscribed:,} |",
        f"| issue scheduled until every mail is sent, one worker | {seconds:.1f} s "
        f"({len(expected) / seconds:.0f} mails/s) |",
        f"| missing / doubled at the server | {missing} / {doubled} |",
        f"| the issue's figures | {figures} |",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10_000)
    subscribers = parser.parse_args().subscribers
    heading = [
        f"## A newsletter issue to {subscribers:,} subscribers (bench_newsletter.py)",
        "",
        "The demo network plus confirmed subscribers; an issue with three news items, two",
        "articles and three events is scheduled for now. With the immediate task backend the",
        "scheduling process is the one worker: it materialises the recipients in chunks (each",
        "mail rendered for its reader) and sends them to an aiosmtpd server in another process",
        "over loopback. Target of the issue: under 2 minutes.",
        "",
    ]
    return on_each_database(
        "bench_newsletter", heading, lambda label, env: run(label, env, subscribers)
    )


if __name__ == "__main__":
    sys.exit(main())
