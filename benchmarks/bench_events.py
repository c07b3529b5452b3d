"""Events at scale: the event list with 10,000 events and 200,000 registrations, and
registrations per second through the public HTTP form on one gunicorn worker.

Page timings are server-side, in-process, through the whole Django stack. The form rate is
measured over loopback against `gunicorn --workers 1` (GET the form, POST it, follow the
redirect), one client after another, with the background mails only enqueued (as in
production, where the worker sends them).
Usage: python benchmarks/bench_events.py [--events 10000] [--registrations 200000]
"""

import argparse
import http.cookiejar
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

from _django import PROJECT_DIR, measure_pages, on_each_database, page_table, prepare, script

REQUESTS_PER_PAGE = 40
FORM_REGISTRATIONS = 200

GENERATE = r"""
import random, sys, time
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from innonet.core.search import searchable
from innonet.events.models import Event, EventStatus, EventVisibility, Registration
from innonet.networks.models import Network

events, registrations = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
host = Network.objects.get(kind="host")
now = timezone.now()
batch = []
for n in range(events):
    start = now + timedelta(days=rng.randint(-700, 365), hours=rng.randint(0, 10))
    batch.append(Event(
        title=f"Veranstaltung {n}: Digitalisierung im Mittelstand", starts_at=start,
        ends_at=start + timedelta(hours=2), organiser=host, capacity=rng.choice([20, 40, 80]),
        status=EventStatus.PUBLISHED if start > now else EventStatus.FINISHED,
        visibility=EventVisibility.PUBLIC if n % 5 else EventVisibility.MEMBERS,
        consent_text="Einverstanden."))
Event.objects.bulk_create(batch, batch_size=2000)
ids = list(Event.objects.values_list("pk", flat=True))
busiest = ids[len(ids) // 2]
batch = []
for n in range(registrations):
    event = busiest if n < 2000 else rng.choice(ids)
    first, last = f"Vorname{n}", f"Nachname{n}"
    email = f"gast{n}@firma{n % 997}.de"
    batch.append(Registration(event_id=event, first_name=first, last_name=last, email=email,
        organisation_name=f"Firma {n % 997}", status="confirmed", confirmed_at=now,
        search_text=searchable(first, last, email)))
    if len(batch) == 5000:
        Registration.objects.bulk_create(batch)
        batch = []
Registration.objects.bulk_create(batch)
print(busiest)
"""

MEASURE = r"""
from django.utils import timezone
from innonet.events.models import Event

busiest = int(sys.argv[2])
staff, office = staff_client("bench-events@example.org")
public = Client(HTTP_HOST="127.0.0.1")
today = timezone.localdate()
upcoming = Event.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
pages = [
    ("event list (visitor)", public, "/veranstaltungen/"),
    ("event list, search (visitor)", public, "/veranstaltungen/?q=digitalisierung"),
    ("event list, past (visitor)", public, "/veranstaltungen/?past=1"),
    ("month calendar (visitor)", public, f"/veranstaltungen/monat/{today.year}-{today.month}/"),
    ("event list (staff)", office, "/veranstaltungen/"),
    ("event page (visitor)", public, f"/veranstaltungen/{upcoming.pk}/"),
    ("registrations of a 2,000-person event (staff)", office,
     f"/veranstaltungen/{busiest}/anmeldungen/"),
    ("public iCalendar feed", public, "/veranstaltungen/kalender.ics"),
]
print(json.dumps({label: timed(client, url, int(sys.argv[1])) for label, client, url in pages}))
"""

NEW_EVENT = r"""
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from innonet.events.models import Event
from innonet.networks.models import Network
start = timezone.now() + timedelta(days=30)
event = Event.objects.create(title="Lasttest", starts_at=start, ends_at=start + timedelta(hours=2),
    organiser=Network.objects.get(kind="host"), status="published", capacity=100000,
    consent_text="Einverstanden.", asked_fields=["organisation"])
print(event.pk)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def register_once(base: str, event: int, n: int) -> float:
    """GET the form, POST it, follow the redirect; seconds taken."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/veranstaltungen/{event}/anmelden/"
    started = time.perf_counter()
    page = opener.open(url, timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "first_name": "Gast",
        "last_name": f"Nummer {n}",
        "email": f"gast{n}@lasttest-firma.de",
        "organisation_name": "Lasttest GmbH",
        "language": "de",
        "consent": "on",
    }
    for name, value in re.findall(r'name="(colleagues-[A-Z_]+)"[^>]*value="(\d+)"', page):
        fields[name] = value
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})  # noqa: S310
    response = opener.open(request, timeout=30)
    body = response.read().decode()
    assert "/angemeldet/" in response.geturl(), body[:2000]
    return time.perf_counter() - started


def form_rate(env: dict[str, str]) -> tuple[float, float, float]:
    event = int(script(env, NEW_EVENT))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "innonet.wsgi", "--workers", "1",
         "--bind", f"127.0.0.1:{port}", "--no-control-socket", "--log-level", "warning"],
        cwd=PROJECT_DIR, env={**env, "SITE_URL": f"http://127.0.0.1:{port}"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        register_once(base, event, -1)
        started = time.perf_counter()
        times = [register_once(base, event, n) for n in range(FORM_REGISTRATIONS)]
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()
    return FORM_REGISTRATIONS / elapsed, statistics.median(times) * 1000, times[-10] * 1000


def bench(database: str, env: dict[str, str], events: int, registrations: int) -> list[str]:
    started = time.monotonic()
    prepare(env)
    busiest = script(env, GENERATE, str(events), str(registrations))
    build = time.monotonic() - started
    results = measure_pages(env, MEASURE, str(REQUESTS_PER_PAGE), busiest)
    rate, median, p95 = form_rate({**env, "TASKS_BACKEND": "database"})
    lines = [f"### {database}", ""]
    lines.append(f"Data: the demo network plus {events:,} events and {registrations:,} "
                 f"registrations, built in {build:.0f} s.")  # fmt: skip
    lines += ["", *page_table(results)]
    lines += ["", f"Public registration form, one gunicorn worker, {FORM_REGISTRATIONS} "
              "registrations one after another (GET form + POST + redirect): "
              f"**{rate:.1f} registrations/s**, median {median:.0f} ms, "
              f"p95 {p95:.0f} ms.", ""]  # fmt: skip
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--registrations", type=int, default=200_000)
    options = parser.parse_args()
    heading = [
        "## Events at scale (bench_events.py)",
        "",
        f"In-process requests through the full Django stack, {REQUESTS_PER_PAGE} per page after "
        "one warm-up; target: the event list under 150 ms at p95.",
        "",
    ]
    return on_each_database(
        "bench_events",
        heading,
        lambda database, env: bench(database, env, options.events, options.registrations),
    )


if __name__ == "__main__":
    sys.exit(main())
