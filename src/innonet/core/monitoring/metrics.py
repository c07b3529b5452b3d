"""Prometheus metrics: request latency per view, the task queues, the workers and the mails.

Two kinds of figures:
- **Counted where it happens**, in the process it happens in: the latency of each request
  (`RequestMetricsMiddleware`) and the mails the outbox sent or gave up on (`MAILS_SENT`,
  `MAILS_FAILED`, counted by `core.outbox.sending`). With several processes (gunicorn's, the
  worker) set `PROMETHEUS_MULTIPROC_DIR` for all of them to one existing directory, emptied
  before they start: prometheus_client then keeps each process's figures in a file there and
  `exposition` adds them up, so a scrape that reaches any one process sees them all.
- **Read from the database at scrape time** (`DatabaseFigures`): tasks waiting per queue and
  the age of the oldest, live workers and their last heartbeat, mails waiting. They are the
  same from every process and every host.

Latency is labelled by URL name (`core:healthz`), method and status class, never by path, so
the number of series stays bounded. It is the time until the response object is returned; a
streamed download's body is not included.
"""

import logging
import os
import time
from collections.abc import Callable, Iterator

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from . import figures

__all__ = [
    "CONTENT_TYPE_LATEST",
    "MAILS_FAILED",
    "MAILS_SENT",
    "REQUEST_SECONDS",
    "DatabaseFigures",
    "RequestMetricsMiddleware",
    "exposition",
]

logger = logging.getLogger(__name__)

# A `_created` series per counter and histogram doubles the series for a figure nobody reads
# (multiprocess mode has none either).
disable_created_metrics()

REQUEST_SECONDS = Histogram(
    "innonet_http_request_duration_seconds",
    "Time to answer a request, by view (URL name), method and status class.",
    ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
MAILS_SENT = Counter("innonet_mails_sent", "Mails the mail server accepted.")
MAILS_FAILED = Counter(
    "innonet_mails_failed", "Mails given up on: refused for good, or out of attempts."
)

# Any other method a client invents is counted as "other", so it cannot add series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"  # no URL pattern matched, or a middleware answered first


class RequestMetricsMiddleware:
    """Time every request and count it under its view's URL name."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        REQUEST_SECONDS.labels(
            view=match.view_name if match else UNMATCHED,
            method=request.method if request.method in METHODS else "other",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


class DatabaseFigures(Collector):
    """The background work's figures, read when scraped. With the database away it reports
    `innonet_database_up 0` and nothing else, rather than failing the whole scrape."""

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily(
            "innonet_database_up", "1 when the figures of the background work could be read."
        )
        try:
            families = self._families()
        except DatabaseError as error:
            logger.warning("metrics: the database could not be read: %s", error)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    @staticmethod
    def _families() -> list[Metric]:
        now = timezone.now()
        waiting = GaugeMetricFamily(
            "innonet_tasks_waiting", "Background tasks ready to run, per queue.", labels=["queue"]
        )
        oldest = GaugeMetricFamily(
            "innonet_tasks_oldest_waiting_seconds",
            "How long the oldest task ready to run has waited, per queue (0 when none waits).",
            labels=["queue"],
        )
        for queue, found in sorted(figures.task_queues(now).items()):
            waiting.add_metric([queue], found.waiting)
            oldest.add_metric([queue], found.oldest_seconds)
        workers = figures.worker_figures(now)
        alive = GaugeMetricFamily("innonet_workers_alive", "Background workers alive now.")
        alive.add_metric([], workers.alive)
        families: list[Metric] = [waiting, oldest, alive]
        if workers.last_heartbeat_seconds is not None:
            heartbeat = GaugeMetricFamily(
                "innonet_worker_last_heartbeat_seconds",
                "Seconds since the freshest heartbeat of any worker.",
            )
            heartbeat.add_metric([], workers.last_heartbeat_seconds)
            families.append(heartbeat)
        mails = GaugeMetricFamily(
            "innonet_mails_waiting", "Mails in the outbox that have not gone out yet."
        )
        mails.add_metric([], figures.mails_waiting())
        return [*families, mails]


class _ThisProcess(Collector):
    """The figures this process counted (prometheus_client's default registry)."""

    def collect(self) -> Iterator[Metric]:
        return REGISTRY.collect()


def exposition() -> bytes:
    """Every figure in Prometheus's text format: all processes' counts in multiprocess mode,
    else this process's, then the database's."""
    registry = CollectorRegistry(auto_describe=False)
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        multiprocess.MultiProcessCollector(registry, path=directory)
    else:
        registry.register(_ThisProcess())
    registry.register(DatabaseFigures())
    return generate_latest(registry)
