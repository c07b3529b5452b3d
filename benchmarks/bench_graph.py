"""The network graph page at scale: `innonet demo --scale 2000 --activity-years 2` (2,000
organisations with two years of shared events, introductions and projects, the same generator
as the other reporting benchmarks), on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set).

Server-side timings, in-process, through the whole Django stack as staff: the page with an
empty cache (layout and betweenness computed; the cache is cleared before each request), the
page again (layout and betweenness from the cache), and both exports. Target: the page under
2 s. Usage: python benchmarks/bench_graph.py [--organisations 2000] [--years 2]
"""

import argparse
import os
import sys
import time

from _django import measure_pages, on_each_database, prepare

COLD_REQUESTS = 5
WARM_REQUESTS = 20

MEASURE = r"""
from django.core.cache import cache
from innonet.reporting.graph.forms import default_period
from innonet.reporting.graph.report import graph_report
cold_repeats, warm_repeats = int(sys.argv[1]), int(sys.argv[2])
staff, office = staff_client("bench-graph@example.org")
url = "/netzwerk/graph/"

def cold(repeats):
    office.get(url)  # the process's first request (imports, templates) is not the data's
    times = []
    for _ in range(repeats):
        cache.clear()
        started = time.perf_counter()
        response = office.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    times.sort()
    return {"url": url + " (empty cache)", "median": statistics.median(times), "p95": times[-1]}

report = graph_report(default_period())
size = {"organisations": report.graph.number_of_nodes(), "ties": report.graph.number_of_edges(),
        "drawn": report.drawn.number_of_edges()}
results = {
    "graph page, first render": cold(cold_repeats),
    "graph page, layout cached": timed(office, url, warm_repeats),
    "graph page, three years": timed(office, url + "?start=" + str(
        default_period().end.replace(year=default_period().end.year - 3)), warm_repeats),
    "GraphML export": timed(office, "/netzwerk/graph/graphml/", warm_repeats),
    "CSV export": timed(office, "/netzwerk/graph/csv/", warm_repeats),
}
print(json.dumps({"size": size, "pages": results}))
"""


def bench(database: str, env: dict[str, str], options: argparse.Namespace) -> list[str]:
    started = time.monotonic()
    prepare(env, "--scale", str(options.organisations), "--activity-years", str(options.years))
    build = time.monotonic() - started
    before = os.getloadavg()[0]
    measured = measure_pages(env, MEASURE, str(COLD_REQUESTS), str(WARM_REQUESTS))
    after = os.getloadavg()[0]
    size, pages = measured.pop("size"), measured.pop("pages")
    lines = [f"### {database}", ""]
    lines.append(
        f"Data: `innonet demo --scale {options.organisations} --activity-years {options.years}`,"
        f" built in {build:.0f} s. The default period "
        f"(twelve months) holds {size['organisations']:,} organisations with "
        f"{size['ties']:,} ties, {size['drawn']:,} of them drawn."
    )
    lines.append(
        f"Load average (1 min) of the machine, shared with other work: {before:.1f} before "
        f"the requests, {after:.1f} after."
    )
    lines += ["", "| request | URL | median ms | p95 ms |", "| --- | --- | ---: | ---: |"]
    for label, row in pages.items():
        lines.append(f"| {label} | `{row['url']}` | {row['median']:.1f} | {row['p95']:.1f} |")
    lines.append("")
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--years", type=int, default=2)
    options = parser.parse_args()
    heading = [
        "## Network graph (bench_graph.py)",
        "",
        "In-process requests through the full Django stack as staff, each row after one "
        "warm-up request. First render: the cache is cleared before each of "
        f"{COLD_REQUESTS} requests, so ties, layout, betweenness and the SVG are all computed "
        f"(its p95 is the slowest); the other rows: {WARM_REQUESTS} requests. Target: the page "
        "for 2,000 organisations under 2 s.",
        "",
    ]
    return on_each_database("bench_graph", heading, lambda db, env: bench(db, env, options))


if __name__ == "__main__":
    sys.exit(main())
