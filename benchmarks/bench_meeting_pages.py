"""The meeting marketplace's pages through the whole Django stack, at the size of the
issue's scheduler figure: the demo's marketplace grown to 300 participants, 2,000 accepted
requests, 12 slots and 40 tables, its plan built by the background task's code (scheduler and
storing, timed), then each participant and office page timed. Target: p95 under 100 ms.

Usage: python benchmarks/bench_meeting_pages.py [--participants 300] [--requests 2000]
(with BENCH_DATABASE_URL also on PostgreSQL).
"""

import argparse
import sys
import time

from _django import measure_pages, on_each_database, page_table, prepare, script

REQUESTS_PER_PAGE = 30

GENERATE = r"""
import random, sys, time
from datetime import timedelta
import django
django.setup()
from innonet.accounts.models import User
from innonet.events.models import Registration, RegistrationStatus
from innonet.meetings.models import (Marketplace, Meeting, MeetingRequest, Participant, Slot,
    Table, pair_key)
from innonet.meetings.services import plan_build
from innonet.partners.models import Organisation

people, wanted = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(18)
market = Marketplace.objects.select_related("event").get()
event = market.event
Meeting.objects.filter(marketplace=market).delete()
MeetingRequest.objects.filter(marketplace=market).delete()
market.slots.all().delete()
market.tables.all().delete()
start = event.starts_at.replace(second=0, microsecond=0)
Slot.objects.bulk_create([Slot(marketplace=market, starts_at=start + timedelta(minutes=20 * n),
                               ends_at=start + timedelta(minutes=20 * n + 20)) for n in range(12)])
Table.objects.bulk_create([Table(marketplace=market, name=f"Tisch {n + 1}") for n in range(40)])
organisations = list(Organisation.objects.values_list("pk", "name")[:2000])
existing = list(market.participants.all())
registrations = Registration.objects.bulk_create([
    Registration(event=event, status=RegistrationStatus.CONFIRMED, first_name="Gast",
                 last_name=f"Nummer {n}", email=f"treffen{n}@bench.example",
                 organisation_id=organisations[n % len(organisations)][0],
                 organisation_name=organisations[n % len(organisations)][1])
    for n in range(max(people - len(existing), 0))])
Participant.objects.bulk_create([
    Participant(marketplace=market, registration=r, organisation_id=r.organisation_id,
                name=f"{r.first_name} {r.last_name}", organisation_name=r.organisation_name,
                headline="Sensorik, Datenanalyse und Logistik für den Nordwesten",
                offers="Funksensorik für Ackerflächen", seeks="Partner für einen Feldversuch",
                published=True) for r in registrations])
participants = list(market.participants.values_list("pk", flat=True))
member = market.participants.get(user__email="mitglied@innonet.example").pk
# A few are popular: recipients drawn with a heavy tail; the demo member gets some of each kind.
weights = [1.0 / (rank + 1) ** 0.6 for rank in range(len(participants))]
pairs, rows = set(), []
def add(first, second, status="accepted"):
    key = pair_key(first, second)
    if first != second and key not in pairs:
        pairs.add(key)
        rows.append(MeetingRequest(marketplace=market, requester_id=first, recipient_id=second,
                                   pair=key, status=status, message="Gern ein Gespräch."))
for other in rng.sample(participants, 12):
    add(other, member)
for other in rng.sample(participants, 8):
    add(member, other, "requested")
while len(rows) < wanted:
    add(rng.choice(participants), rng.choices(participants, weights)[0])
MeetingRequest.objects.bulk_create(rows, batch_size=1000)
started = time.perf_counter()
result = plan_build(market.pk)
seconds = time.perf_counter() - started
print(f"{event.pk} {len(participants)} {len(rows)} {result.placed} {seconds:.1f}")
"""

MEASURE = r"""
event = int(sys.argv[2])
staff, office = staff_client("bench-meetings@example.org")
member = Client(HTTP_HOST="127.0.0.1")
member.force_login(User.objects.get(email="mitglied@innonet.example"))
base = f"/veranstaltungen/{event}/treffen/"
pages = [
    ("marketplace: who is coming, suggestions (member)", member, base),
    ("marketplace filtered by a word (member)", member, base + "?q=Sensorik"),
    ("marketplace, page 5 (member)", member, base + "?page=5"),
    ("my profile (member)", member, base + "profil/"),
    ("my requests (member)", member, base + "anfragen/"),
    ("my plan (member)", member, base + "plan/"),
    ("my plan as .ics (member)", member, base + "plan.ics"),
    ("office: set-up (staff)", office, base + "buero/"),
    ("office: requests (staff)", office, base + "buero/anfragen/"),
    ("office: plan per slot (staff)", office, base + "buero/plan/"),
    ("my plan as PDF (member)", member, base + "plan.pdf"),
]
repeats = int(sys.argv[1])
results = {label: timed(client, url, repeats) for label, client, url in pages}
print(json.dumps(results))
"""


def bench(database: str, env: dict[str, str], participants: int, requests: int) -> list[str]:
    env = {**env, "RATE_MATCHING": "100000/min"}
    started = time.monotonic()
    prepare(env)
    event, people, asked, placed, seconds = script(
        env, GENERATE, str(participants), str(requests)
    ).split()
    data = time.monotonic() - started
    results = measure_pages(env, MEASURE, str(REQUESTS_PER_PAGE), event)
    lines = [f"### {database}", ""]
    lines.append(
        f"Data: `innonet demo` with its marketplace grown to {int(people):,} participants, "
        f"{int(asked):,} accepted or open requests, 12 slots and 40 tables (ready in "
        f"{data:.0f} s). The plan run (scheduler and storing, the background task's code) "
        f"took {seconds} s and placed {int(placed):,} meetings."
    )
    lines += ["", *page_table(results), ""]
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--requests", type=int, default=2_000)
    options = parser.parse_args()
    heading = [
        "## Meeting marketplace pages (bench_meeting_pages.py)",
        "",
        f"In-process requests through the full Django stack, {REQUESTS_PER_PAGE} per page after "
        "one warm-up. Target of the issue: meeting pages p95 under 100 ms.",
        "",
    ]
    return on_each_database(
        "bench_meeting_pages",
        heading,
        lambda database, env: bench(database, env, options.participants, options.requests),
    )


if __name__ == "__main__":
    sys.exit(main())
