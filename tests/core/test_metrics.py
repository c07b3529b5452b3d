"""The Prometheus metrics: the output parses, requests are counted per view (not per path),
the task queues and workers are read from the database, the mail counters move when the outbox
really sends or gives up, and figures of several processes add up (multiprocess mode)."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from innonet.core import workers
from innonet.core.outbox import queue_mail, send_due
from innonet.core.tasks import send_mail_task
from tests.factories import OrganisationFactory

from .smtp_script import Script, ScriptedServer
from .worker_processes import DATABASE_TASKS, PROJECT

pytestmark = pytest.mark.django_db

MAIL = {"subject": "Hallo", "body": "Text", "recipients": ["a@beispiel.de"]}
Samples = dict[tuple[str, frozenset], float]


@pytest.fixture(autouse=True)
def _single_process(monkeypatch):
    """This process's own figures, unless a test asks for multiprocess mode."""
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)


def scrape(client) -> Samples:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def test_requests_are_counted_per_view_method_and_status_class(client, staff_client):
    organisation = OrganisationFactory()
    before = scrape(client)
    page = {"view": "partners:organisation_detail", "method": "GET", "status": "2xx"}
    missing = {"view": "partners:organisation_detail", "method": "GET", "status": "4xx"}
    staff_client.get(reverse("partners:organisation_detail", args=[organisation.pk]))
    staff_client.get(reverse("partners:organisation_detail", args=[999999999]))
    client.get("/gibt-es-nicht/")
    client.generic("BREW", "/")
    after = scrape(client)
    count = "innonet_http_request_duration_seconds_count"
    assert value(after, count, **page) == value(before, count, **page) + 1
    assert value(after, count, **missing) == value(before, count, **missing) + 1
    unmatched = {"view": "unmatched", "method": "GET", "status": "4xx"}
    assert value(after, count, **unmatched) == value(before, count, **unmatched) + 1
    methods = {label for _, labels in after for key, label in labels if key == "method"}
    assert "other" in methods
    assert "BREW" not in methods
    bucket = {**page, "le": "+Inf"}
    assert value(after, "innonet_http_request_duration_seconds_bucket", **bucket) >= 1
    views = {label for _, labels in after for key, label in labels if key == "view"}
    assert not any("/" in view for view in views)  # URL names, never paths


def test_task_queues_and_workers_are_read_from_the_database(client, settings):
    settings.TASKS = DATABASE_TASKS
    samples = scrape(client)
    assert value(samples, "innonet_database_up") == 1
    assert ("innonet_tasks_waiting", frozenset({("queue", "default")})) in samples
    assert value(samples, "innonet_tasks_waiting", queue="default") == 0
    assert value(samples, "innonet_workers_alive") == 0
    assert ("innonet_worker_last_heartbeat_seconds", frozenset()) not in samples

    workers.worker_register("worker-live")
    send_mail_task.enqueue(**MAIL)
    send_mail_task.enqueue(**MAIL)
    first = DBTaskResult.objects.order_by("enqueued_at").first()
    DBTaskResult.objects.filter(pk=first.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=5)
    )
    samples = scrape(client)
    assert value(samples, "innonet_tasks_waiting", queue="default") == 2
    assert 300 <= value(samples, "innonet_tasks_oldest_waiting_seconds", queue="default") < 330
    assert value(samples, "innonet_workers_alive") == 1
    assert 0 <= value(samples, "innonet_worker_last_heartbeat_seconds") < 30


def test_mail_counters_move_when_the_outbox_sends_or_gives_up(client, settings):
    server = ScriptedServer(script=Script(rcpt={"weg@beispiel.de": "550 5.1.1 Mailbox unknown"}))
    server.start().use(settings)
    try:
        before = scrape(client)
        for n, address in enumerate(["da@beispiel.de", "weg@beispiel.de"]):
            message = EmailMultiAlternatives(subject="Hallo", body="Text", to=[address])
            queue_mail(message, key=f"metrics:{n}", category="test", send=False)
        assert value(scrape(client), "innonet_mails_waiting") == 2
        figures = send_due()
    finally:
        server.stop()
    assert (figures.sent, figures.failed) == (1, 1)
    after = scrape(client)
    for name in ("innonet_mails_sent_total", "innonet_mails_failed_total"):
        assert value(after, name) == value(before, name) + 1, name
    assert value(after, "innonet_mails_waiting") == 0


# Several processes --------------------------------------------------------------------------

# One request and one sent mail in a process of its own, on an SQLite file of its own (the
# liveness check needs no tables), writing its figures to PROMETHEUS_MULTIPROC_DIR.
CHILD = """
import django
django.setup()
from django.test import Client
from innonet.core.monitoring.metrics import MAILS_SENT
assert Client().get("/healthz").status_code == 200
MAILS_SENT.inc()
"""


def test_figures_of_several_processes_add_up(client, tmp_path, monkeypatch):
    figures_dir = tmp_path / "prometheus"
    figures_dir.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "TASKS_BACKEND"}
    }
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD],
            cwd=PROJECT,
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": "innonet.settings",
                "PROMETHEUS_MULTIPROC_DIR": str(figures_dir),
                "VAR_DIR": str(tmp_path / f"var-{n}"),
                "ALLOWED_HOSTS": "testserver",
                "HTTPS": "false",
            },
        )
        for n in range(2)
    ]
    assert [child.wait(timeout=120) for child in children] == [0, 0]
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(figures_dir))
    samples = scrape(client)
    healthz = {"view": "core:healthz", "method": "GET", "status": "2xx"}
    assert value(samples, "innonet_http_request_duration_seconds_count", **healthz) == 2
    assert value(samples, "innonet_mails_sent_total") == 2
    assert value(samples, "innonet_database_up") == 1  # the database's figures come along
