"""`innonet serve`: greets in German, stops cleanly on Ctrl-C, keeps the website up when the
worker dies (restarting it after 1, 2, 4 ... seconds) and stops when gunicorn dies."""

import os
import signal
import threading
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from .serving import Served, wait_for


def test_serve_greets_answers_and_stops_on_ctrl_c(tmp_path):
    served = Served(tmp_path, "--no-worker")
    try:
        served.wait_until_serving()
    finally:
        text = served.stop()
    assert f"innonet läuft unter {served.url}/" in text
    assert "Beenden mit Strg+C." in text and "innonet ist beendet." in text
    assert served.process.returncode == 0


class Hammer(threading.Thread):
    """Asks the website for its health without pause and counts the answers."""

    def __init__(self, served: Served) -> None:
        super().__init__(daemon=True)
        self.served = served
        self.answers = 0
        self.failures: list[str] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                status = self.served.get("/healthz")
            except OSError as error:  # a reset or refused connection
                self.failures.append(repr(error))
                continue
            if status == 200:
                self.answers += 1
            else:
                self.failures.append(str(status))


def test_dying_worker_is_restarted_with_backoff_while_the_site_keeps_serving(migrated_var_dir):
    served = Served(migrated_var_dir, "--workers", "1", "--threads", "2")
    hammer = Hammer(served)
    try:
        served.wait_until_serving()
        [gunicorn] = served.events("serve.gunicorn.started")
        hammer.start()
        for kills, pause in enumerate((1, 2, 4), start=1):
            started = wait_for(
                lambda n=kills: served.events("serve.worker.started")[n - 1 :], "a worker"
            )
            os.kill(started[0]["pid"], signal.SIGKILL)
            exited = wait_for(
                lambda n=kills: served.events("serve.worker.exited")[n - 1 :], "the death"
            )
            assert exited[0]["status"] == -signal.SIGKILL
            assert exited[0]["restart_in"] == pause  # fast crashes back off: 1, 2, 4 s
        wait_for(lambda: len(served.events("serve.worker.started")) == 4, "the fourth worker")
        answered = hammer.answers
        wait_for(lambda: hammer.answers > answered, "answers after the restarts")
        assert served.process.poll() is None
        assert served.events("serve.gunicorn.started") == [gunicorn]  # never restarted
    finally:
        hammer.stopped.set()
        text = served.stop()
    assert hammer.failures == [], text[-3000:]
    assert served.process.returncode == 0


def test_dying_gunicorn_stops_serve(tmp_path):
    served = Served(tmp_path, "--no-worker")
    try:
        served.wait_until_serving()
        [gunicorn] = served.events("serve.gunicorn.started")
        os.kill(gunicorn["pid"], signal.SIGKILL)
        served.process.wait(timeout=90)
    finally:
        text = served.stop()
    assert served.process.returncode != 0
    [exited] = served.events("serve.gunicorn.exited")
    assert exited["status"] == -signal.SIGKILL
    assert "gunicorn stopped unexpectedly" in text


def test_metrics_add_up_over_gunicorn_s_processes(tmp_path):
    """Whichever process answers the scrape, it counts the requests of all of them; the
    figures of an earlier run are gone."""
    leftover = tmp_path / "prometheus" / "counter_1.db"
    leftover.parent.mkdir()
    leftover.write_bytes(b"not a figure file of this run")
    served = Served(tmp_path, "--no-worker", "--workers", "3", "--threads", "1")

    def healthz_requests() -> float:
        with urllib.request.urlopen(f"{served.url}/metrics", timeout=30) as response:  # noqa: S310
            text = response.read().decode()
        return sum(
            sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "innonet_http_request_duration_seconds_count"
            and sample.labels["view"] == "core:healthz"
        )

    try:
        served.wait_until_serving()
        before = healthz_requests()
        assert [served.get("/healthz") for _ in range(30)] == [200] * 30
        assert healthz_requests() == before + 30
    finally:
        served.stop()
    assert not leftover.exists()
