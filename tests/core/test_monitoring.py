"""The detailed health check and who may read it (and the metrics): each check names what it
found, any problem is a 503 with the part named (never a 500), and anyone outside the allowed
networks without the token gets a 404."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from innonet import settings as project_settings
from innonet.core import workers
from innonet.core.models import WorkerHeartbeat
from innonet.core.tasks import send_mail_task

from .worker_processes import DATABASE_TASKS

pytestmark = pytest.mark.django_db

STATUS = "/healthz/status"
METRICS = "/metrics"
OUTSIDE = "203.0.113.7"
TOKEN = "m" * 40
MAIL = {"subject": "Hallo", "body": "Text", "recipients": ["a@beispiel.de"]}
CHECKS = ["database", "cache", "storage", "worker", "task_backlog"]


def checks(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return response.json()["checks"]


def problems(response) -> dict[str, str]:
    """The checks that are not ok, with their status."""
    return {name: c["status"] for name, c in checks(response).items() if c["status"] != "ok"}


@pytest.fixture
def database_tasks(settings):
    """Tasks wait for a worker, as in production."""
    settings.TASKS = DATABASE_TASKS


def a_live_worker() -> WorkerHeartbeat:
    """This test process, registered as a worker the way `db_worker` registers itself."""
    return workers.worker_register("worker-live")


def heartbeat_elsewhere(worker_id: str, *, age: int) -> WorkerHeartbeat:
    """A worker on another machine that last reported `age` seconds ago."""
    beat = timezone.now() - timedelta(seconds=age)
    return WorkerHeartbeat.objects.create(
        worker_id=worker_id, host="anderer-rechner", host_key="another-machine", pid=4242,
        started_at=beat, beat_at=beat,
    )  # fmt: skip


def test_healthy_answers_200_with_every_check_timed(client):
    response = client.get(STATUS)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    found = checks(response)
    assert list(found) == CHECKS
    for entry in found.values():
        assert entry["status"] == "ok"
        assert 0 <= entry["seconds"] < 10
    assert "no worker is needed" in found["worker"]["message"]  # the tests' immediate tasks
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_live_worker_and_a_short_queue_are_healthy(client, database_tasks):
    a_live_worker()
    send_mail_task.enqueue(**MAIL)
    response = client.get(STATUS)
    assert response.status_code == 200, response.content
    found = checks(response)
    assert found["worker"]["alive"] == 1
    assert found["task_backlog"]["waiting"] == 1


def test_without_any_worker_the_worker_check_is_degraded(client, database_tasks):
    response = client.get(STATUS)
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert problems(response) == {"worker": "degraded"}
    worker = checks(response)["worker"]
    assert worker["alive"] == 0
    assert worker["last_heartbeat_seconds"] is None
    assert "no background worker" in worker["message"]


def test_a_worker_silent_for_longer_than_the_lease_is_not_counted(client, database_tasks, settings):
    settings.TASK_LEASE_SECONDS = 60
    heartbeat_elsewhere("worker-fresh", age=5)
    assert client.get(STATUS).status_code == 200
    WorkerHeartbeat.objects.all().delete()
    heartbeat_elsewhere("worker-silent", age=61)
    response = client.get(STATUS)
    assert response.status_code == 503
    assert problems(response) == {"worker": "degraded"}
    assert checks(response)["worker"]["last_heartbeat_seconds"] >= 61


def test_a_hung_worker_whose_process_still_runs_is_not_counted(client, database_tasks, settings):
    settings.TASK_LEASE_SECONDS = 60
    heartbeat = a_live_worker()
    WorkerHeartbeat.objects.filter(pk=heartbeat.pk).update(
        beat_at=timezone.now() - timedelta(seconds=90)
    )
    response = client.get(STATUS)
    assert problems(response) == {"worker": "degraded"}


def test_too_many_waiting_tasks_degrade_the_backlog(client, database_tasks, settings):
    settings.HEALTH_MAX_WAITING_TASKS = 2
    a_live_worker()
    for _ in range(3):
        send_mail_task.enqueue(**MAIL)
    # Planned for later: not waiting yet.
    send_mail_task.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(**MAIL)
    response = client.get(STATUS)
    assert response.status_code == 503
    assert problems(response) == {"task_backlog": "degraded"}
    backlog = checks(response)["task_backlog"]
    assert backlog["waiting"] == 3
    assert "3 tasks wait" in backlog["message"]


def test_a_task_waiting_too_long_degrades_the_backlog(client, database_tasks, settings):
    settings.HEALTH_MAX_TASK_WAIT_SECONDS = 600
    a_live_worker()
    send_mail_task.enqueue(**MAIL)
    assert client.get(STATUS).status_code == 200
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=20))
    response = client.get(STATUS)
    assert problems(response) == {"task_backlog": "degraded"}
    backlog = checks(response)["task_backlog"]
    assert backlog["oldest_seconds"] >= 1200
    assert "the oldest task has waited" in backlog["message"]


def test_a_missing_cache_table_fails_the_cache_check_by_name(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "innonet_cache_never_created",
        }
    }
    response = client.get(STATUS)
    assert response.status_code == 503
    assert response.json()["status"] == "failed"
    # The failed query is confined to its check: the database and the rest answer.
    assert problems(response) == {"cache": "failed"}
    assert "innonet_cache_never_created" in checks(response)["cache"]["message"]


def test_an_unwritable_storage_fails_the_storage_check_by_name(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(blocker / "media")},
        },
    }
    response = client.get(STATUS)
    assert response.status_code == 503
    assert problems(response) == {"storage": "failed"}
    assert checks(response)["storage"]["message"].startswith("NotADirectoryError")


def test_the_storage_probe_leaves_no_file(client, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    assert client.get(STATUS).status_code == 200
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_with_the_database_away_the_checks_that_need_it_fail_by_name(client, monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", fail)
    response = client.get(STATUS)
    assert response.status_code == 503
    # The cache is the database cache; the tests' immediate tasks need no worker, so the
    # worker check reads nothing, and the file storage does not need the database.
    assert problems(response) == {"database": "failed", "cache": "failed", "task_backlog": "failed"}
    assert "server closed the connection" in checks(response)["database"]["message"]
    metrics = client.get(METRICS)
    assert metrics.status_code == 200
    assert "innonet_database_up 0.0" in metrics.content.decode()


# Who may read ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [STATUS, METRICS])
def test_other_addresses_get_a_404(client, path):
    assert client.get(path).status_code == 200
    assert client.get(path, REMOTE_ADDR=OUTSIDE).status_code == 404
    assert client.post(path, REMOTE_ADDR=OUTSIDE).status_code == 404
    assert client.post(path).status_code == 405


@pytest.mark.parametrize("path", [STATUS, METRICS])
def test_the_token_lets_in_from_anywhere_and_a_wrong_one_does_not(client, settings, path):
    settings.MONITORING_TOKEN = TOKEN
    assert (
        client.get(path, REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code
        == 200
    )
    for header in (f"Bearer {TOKEN[:-1]}x", f"Bearer {TOKEN}{TOKEN}", f"Basic {TOKEN}", "Bearer"):
        assert client.get(path, REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=header).status_code == 404
    settings.MONITORING_TOKEN = ""  # no token configured: no token opens it
    assert client.get(path, REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_the_allowed_networks_are_configurable(client, settings):
    settings.MONITORING_ALLOWED_NETWORKS = ["10.0.0.0/8", "2001:db8::/32"]
    assert client.get(METRICS, REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get(METRICS, REMOTE_ADDR="2001:db8::5").status_code == 200
    assert client.get(METRICS, REMOTE_ADDR="::ffff:10.0.0.1").status_code == 200
    assert client.get(METRICS, REMOTE_ADDR="127.0.0.1").status_code == 404
    assert client.get(METRICS, REMOTE_ADDR="11.0.0.1").status_code == 404


def test_behind_a_proxy_the_client_address_counts_not_the_proxy_s(client, settings):
    settings.TRUSTED_PROXIES = 1
    through_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.get(METRICS, HTTP_X_FORWARDED_FOR=OUTSIDE, **through_proxy).status_code == 404
    assert (
        client.get(
            METRICS, HTTP_X_FORWARDED_FOR=f"127.0.0.1, {OUTSIDE}", **through_proxy
        ).status_code
        == 404
    )
    assert client.get(METRICS, HTTP_X_FORWARDED_FOR="127.0.0.1", **through_proxy).status_code == 200


def test_a_proxy_nobody_declared_does_not_make_everyone_local(client, settings):
    settings.TRUSTED_PROXIES = 0
    response = client.get(METRICS, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert response.status_code == 404
    settings.MONITORING_TOKEN = TOKEN
    response = client.get(
        METRICS, HTTP_X_FORWARDED_FOR=OUTSIDE, HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/healthz", STATUS, METRICS])
def test_plain_http_is_not_redirected(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", [STATUS, METRICS])
def test_staff_without_a_second_factor_are_not_sent_to_the_setup(client, path):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="staff"))
    assert client.get("/").status_code == 302  # everything else asks for the second factor
    assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("value", "networks"),
    [
        (None, ["127.0.0.1/32", "::1/128"]),
        ("10.0.0.0/8, 192.168.1.7", ["10.0.0.0/8", "192.168.1.7"]),
        ("", []),  # no network: the token only
    ],
)
def test_allowed_networks_are_read_from_the_environment(monkeypatch, value, networks):
    if value is None:
        monkeypatch.delenv("MONITORING_ALLOWED_NETWORKS", raising=False)
    else:
        monkeypatch.setenv("MONITORING_ALLOWED_NETWORKS", value)
    default = "127.0.0.1/32,::1/128"
    assert project_settings.env_networks("MONITORING_ALLOWED_NETWORKS", default) == networks


def test_a_typo_in_the_allowed_networks_stops_the_start(monkeypatch):
    monkeypatch.setenv("MONITORING_ALLOWED_NETWORKS", "10.0.0.0/8,10.0.0.300")
    with pytest.raises(ImproperlyConfigured, match=r"10\.0\.0\.300"):
        project_settings.env_networks("MONITORING_ALLOWED_NETWORKS", "")
