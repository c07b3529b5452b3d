"""What the access log costs and how fast retention clears a large backlog: a CSV export of
10,000 people with and without its access-log rows (one bulk insert per export), and one
retention run over 200,000 access-log rows past their period (deleted in batches of 500).

Usage: python benchmarks/bench_retention.py [--people 10000] [--rows 200000]
(on PostgreSQL too with BENCH_DATABASE_URL set to an empty database)
"""

import argparse
import json
import sys

from _django import manage, on_each_database, script

MEASURE = r"""
import json, statistics, sys, time
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from innonet.accounts.models import User
from innonet.core.exports import export
from innonet.core.models import PersonalDataAccess
from innonet.core.privacy.retention import retention_run
from innonet.partners.exports import _person_columns
from innonet.partners.models import Person

people, rows = int(sys.argv[1]), int(sys.argv[2])
staff = User.objects.create(email="bench@example.org", role="staff")
Person.objects.bulk_create(
    [Person(first_name=f"Vorname{n}", last_name=f"Nachname{n}", email=f"p{n}@example.org")
     for n in range(people)], batch_size=2000)

def export_once(logged):
    started = time.perf_counter()
    export(Person.objects.order_by("pk").iterator(chunk_size=500), columns=_person_columns(),
           fmt="csv", title="People", action="partners.person.exported_list", acting_user=staff,
           subject_type="partners.person" if logged else "")
    return (time.perf_counter() - started) * 1000

figures = {}
for logged in (False, True, False, True, False, True):
    figures.setdefault(logged, []).append(export_once(logged))
result = {"plain": statistics.median(figures[False]), "logged": statistics.median(figures[True])}

PersonalDataAccess.objects.all().delete()
old = timezone.now() - timedelta(days=3 * 365)
PersonalDataAccess.objects.bulk_create(
    [PersonalDataAccess(created_at=old, actor=staff, actor_label="bench", kind="viewed",
                        subject_type="partners.person", subject_id=n % people + 1, source="x")
     for n in range(rows)], batch_size=5000)
started = time.perf_counter()
[outcome] = retention_run(apply=True, keys=["core.data_accesses"])
result["retention_s"] = time.perf_counter() - started
result["deleted"] = outcome.done
print(json.dumps(result))
"""


def bench(label: str, env: dict[str, str], people: int, rows: int) -> list[str]:
    manage(env, "migrate", "--noinput")
    result = json.loads(script(env, MEASURE, str(people), str(rows)))
    added = result["logged"] - result["plain"]
    return [
        f"### {label}",
        "",
        "| measure | figure |",
        "| --- | ---: |",
        f"| CSV export of {people:,} people, without access log | {result['plain']:.0f} ms |",
        f"| the same export with its {people:,} access-log rows | {result['logged']:.0f} ms |",
        f"| added by the access log | {added:.0f} ms ({added / result['plain']:.0%}) |",
        f"| retention run deleting {result['deleted']:,} access-log rows "
        f"| {result['retention_s']:.1f} s |",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--rows", type=int, default=200000)
    args = parser.parse_args()
    heading = [
        "## Access log and retention (bench_retention.py)",
        "",
        "One bulk insert per export writes a row per person concerned; retention deletes in",
        "batches of 500, each in its own transaction. Medians of three exports each; on a",
        "machine shared with other work, differences below about 50 ms are noise.",
        "",
    ]
    return on_each_database(
        "retention", heading, lambda label, env: bench(label, env, args.people, args.rows)
    )


if __name__ == "__main__":
    sys.exit(main())
