"""The figures dashboard at scale: `innonet demo --scale 10000 --activity-years 5` (10,000
organisations, 100,000 people, five years of events, registrations, introductions and
projects), on SQLite and (with BENCH_DATABASE_URL) PostgreSQL.

Server-side timings, in-process, through the whole Django stack as staff. The dashboard is
kept in the cache and refreshed in the background after a change (reporting.caching):
"computed now" forces the computation (the first view of a period, or "compute again now"),
"right after a change" is what a user sees while the refresh runs, "data unchanged" the rest.
Each "computed now" and "after a change" request follows a saved registration. Target:
dashboard p95 under 300 ms.
Usage: python benchmarks/bench_reporting.py [--scale 10000] [--years 5]
"""

import argparse
import sys
import time

from _django import measure_pages, on_each_database, page_table, prepare

REQUESTS_PER_PAGE = 20
COLD_ROUNDS = 5

MEASURE = r"""
from innonet.events.models import Registration
staff, office = staff_client("bench-reporting@example.org")
rounds = int(sys.argv[2])
year = int(sys.argv[3])

def after_change(url):
    times = []
    for _ in range(rounds):
        registration = Registration.objects.order_by("?").first()
        registration.save()  # a change: the fingerprint moves
        started = time.perf_counter()
        assert office.get(url).status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"url": url, "median": statistics.median(times), "p95": times[-1]}

one_year = f"/kennzahlen/?year={year}"
five_years = f"/kennzahlen/?start={year - 4}-01-01&end={year}-12-31"
results = {}
results["dashboard, computed now (refresh)"] = after_change(one_year + "&refresh=1")
results["dashboard, five years, computed now"] = after_change(five_years + "&refresh=1")
results["dashboard right after a change (kept figures)"] = after_change(one_year)
results["RCO01 records, computed now"] = after_change(f"/kennzahlen/RCO01/?year={year}&refresh=1")
pages = [
    ("dashboard (data unchanged)", one_year),
    ("dashboard, five years (data unchanged)", five_years),
    ("start page (staff)", "/"),
    ("RCO01 records, first page", f"/kennzahlen/RCO01/?year={year}"),
    ("API: all indicators of a year", f"/api/indicators/?year={year}"),
]
for label, url in pages:
    results[label] = timed(office, url, int(sys.argv[1]))
print(json.dumps(results))
"""


def bench(database: str, env: dict[str, str], scale: int, years: int) -> list[str]:
    started = time.monotonic()
    prepare(env, "--scale", str(scale), "--activity-years", str(years))
    build = time.monotonic() - started
    year = time.localtime().tm_year - 1  # the last whole year
    # Refreshes are queued as in production (a worker would run them), not run in the request.
    queued = {**env, "TASKS_BACKEND": "database"}
    results = measure_pages(queued, MEASURE, str(REQUESTS_PER_PAGE), str(COLD_ROUNDS), str(year))
    lines = [f"### {database}", ""]
    lines.append(f"Data: `innonet demo --scale {scale} --activity-years {years}`, built in "
                 f"{build:.0f} s; the dashboard shows {year} against {year - 1}.")  # fmt: skip
    lines += ["", *page_table(results), ""]
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    options = parser.parse_args()
    heading = [
        "## Figures dashboard at scale (bench_reporting.py)",
        "",
        "In-process requests through the full Django stack as staff; unchanged-data pages "
        f"{REQUESTS_PER_PAGE} requests after one warm-up, the others {COLD_ROUNDS} requests, "
        "each right after a saved registration. Computing runs on the request's thread when "
        'forced (first view, "compute again now"), else in the background worker. Target: '
        "dashboard p95 under 300 ms.",
        "",
    ]
    return on_each_database(
        "bench_reporting",
        heading,
        lambda database, env: bench(database, env, options.scale, options.years),
    )


if __name__ == "__main__":
    sys.exit(main())
