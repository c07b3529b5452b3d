"""Two senders at once never send the same row twice (RELIABILITY item 22): each thread has
its own connection and leases its own rows (FOR UPDATE SKIP LOCKED on PostgreSQL, IMMEDIATE
transactions on SQLite); the SMTP server counts every Message-ID."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.mail import EmailMessage
from django.db import connection

from innonet.core.models import MailStatus, OutgoingMail
from innonet.core.outbox import queue_many, send_due
from tests.core.worker_processes import needs_real_connections

from .smtp_script import ScriptedServer

pytestmark = [pytest.mark.django_db(transaction=True), needs_real_connections]


def sender(_number: int):
    try:
        return send_due(limit=7)
    finally:
        connection.close()


@pytest.mark.parametrize("senders", [2, 4])
def test_concurrent_senders_send_every_row_exactly_once(settings, senders):
    server = ScriptedServer().start()
    server.use(settings)
    try:
        pairs = (
            (f"race:{n}", EmailMessage(f"Ausgabe {n}", "Text", to=[f"p{n}@x.de"]))
            for n in range(150)
        )
        queue_many(pairs, category="test", batch="race", send=False)
        with ThreadPoolExecutor(max_workers=senders) as pool:
            figures = list(pool.map(sender, range(senders)))
    finally:
        server.stop()
    ids = server.message_ids()
    assert sum(f.sent for f in figures) == 150
    assert len(ids) == 150
    assert max(ids.values()) == 1
    assert set(ids) == set(OutgoingMail.objects.values_list("message_id", flat=True))
    assert OutgoingMail.objects.filter(status=MailStatus.SENT).count() == 150
    assert sum(1 for f in figures if f.sent) >= 1
