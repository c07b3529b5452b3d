"""The network graph page at scale: 2,000 organisations with two years of shared events,
introductions and projects, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set).

Server-side timings, in-process, through the whole Django stack as staff: the page with an
empty cache (layout and betweenness computed; the cache is cleared before each request), the
page again (layout and betweenness from the cache), and both exports. Target: the page under
2 s. Usage: python benchmarks/bench_graph.py [--organisations 2000] [--events 120]
"""

import argparse
import os
import sys
import time

from _django import measure_pages, on_each_database, prepare, script

COLD_REQUESTS = 5
WARM_REQUESTS = 20

GENERATE = r"""
import random, sys
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from innonet.accounts.models import User
from innonet.events.models import Event, Registration
from innonet.matching.models import Introduction
from innonet.networks.models import Network
from innonet.partners.models import Organisation
from innonet.projects.models import InnovationProject, ProjectPartner, StageChange

events, introductions, projects = (int(value) for value in sys.argv[1:4])
rng = random.Random(14)
now = timezone.now()
staff = User.objects.filter(role="staff").first()
host = Network.objects.get(kind="host")
organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
# The scale demo makes every organisation an SME; give the registry the mix of a real network.
kinds = (["university"] * 3 + ["research"] * 5 + ["education"] * 3 + ["public"] * 2
         + ["association"] * 2 + ["large"] * 5 + ["startup"] * 8)
for pk in organisations[: len(organisations) * 28 // 100]:
    Organisation.objects.filter(pk=pk).update(kind=rng.choice(kinds))
# Events over the last two years; about 80 % of the organisations there checked in.
rows = []
for number in range(events):
    starts = now - timedelta(days=rng.randint(1, 730), hours=rng.randint(0, 8))
    event = Event.objects.create(title=f"Netzwerktreffen {number}", starts_at=starts,
        ends_at=starts + timedelta(hours=3), organiser=host, status="finished",
        consent_text="Einverstanden.")
    for organisation in rng.sample(organisations, rng.randint(8, 40)):
        attended = rng.random() < 0.8
        rows.append(Registration(event=event, organisation_id=organisation, status="confirmed",
            first_name="Gast", last_name=str(organisation), email=f"gast{organisation}@example.org",
            confirmed_at=starts, attended_at=starts if attended else None))
Registration.objects.bulk_create(rows, batch_size=5000)
statuses = ["introduced", "met", "cooperating", "project", "planned", "declined"]
Introduction.objects.bulk_create([
    Introduction(first_organisation_id=first, second_organisation_id=second,
        topic="Kennenlernen", status=rng.choice(statuses),
        introduced_on=(now - timedelta(days=rng.randint(1, 730))).date())
    for first, second in (rng.sample(organisations, 2) for _ in range(introductions))
], batch_size=5000)
batch = [InnovationProject(title=f"Verbundprojekt {n}", owner=staff,
    stage=rng.choice(["consortium", "submitted", "running", "finished"])) for n in range(projects)]
InnovationProject.objects.bulk_create(batch, batch_size=2000)
changes, partners = [], []
for project in InnovationProject.objects.filter(title__startswith="Verbundprojekt "):
    began = now - timedelta(days=rng.randint(30, 900))
    changes.append(StageChange(project=project, from_stage="", to_stage="idea", changed_at=began))
    changes.append(StageChange(project=project, from_stage="idea", to_stage=project.stage,
        changed_at=began + timedelta(days=rng.randint(1, 29))))
    for number, organisation in enumerate(rng.sample(organisations, rng.randint(2, 6))):
        partners.append(ProjectPartner(project=project, organisation_id=organisation,
            role="lead" if number == 0 else "partner"))
StageChange.objects.bulk_create(changes, batch_size=5000)
ProjectPartner.objects.bulk_create(partners, batch_size=5000)
print(len(rows))
"""

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
    prepare(env, "--scale", str(options.organisations))
    registrations = script(
        env, GENERATE, str(options.events), str(options.introductions), str(options.projects)
    )
    build = time.monotonic() - started
    before = os.getloadavg()[0]
    measured = measure_pages(env, MEASURE, str(COLD_REQUESTS), str(WARM_REQUESTS))
    after = os.getloadavg()[0]
    size, pages = measured.pop("size"), measured.pop("pages")
    lines = [f"### {database}", ""]
    lines.append(
        f"Data: `innonet demo --scale {options.organisations}` plus {options.events} events "
        f"({int(registrations):,} registrations), {options.introductions:,} introductions and "
        f"{options.projects} projects over two years, built in {build:.0f} s. The default period "
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
    parser.add_argument("--events", type=int, default=120)
    parser.add_argument("--introductions", type=int, default=1_500)
    parser.add_argument("--projects", type=int, default=400)
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
