"""Innovation projects at scale: board, list, funnel and a project page with 5,000 projects and
20,000 partners, on SQLite (and PostgreSQL when BENCH_DATABASE_URL is set).

Server-side timings, in-process, through the whole Django stack as staff and as a member.
Usage: python benchmarks/bench_projects.py [--projects 5000] [--partners 20000]
"""

import argparse
import sys
import time

from _django import measure_pages, on_each_database, page_table, prepare, script

REQUESTS_PER_PAGE = 40

GENERATE = r"""
import random, sys
from datetime import timedelta
from decimal import Decimal
import django
django.setup()
from django.utils import timezone
from innonet.accounts.models import User
from innonet.core.search import searchable
from innonet.partners.models import Organisation
from innonet.projects.models import (FundingProgramme, InnovationProject, ProjectPartner,
    StageChange)

projects, partners = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(11)
stages = ["idea", "sounding", "consortium", "preparation", "submitted", "granted", "rejected",
          "running", "finished", "dropped"]
levels = ["staff", "partners", "network"]
owner = User.objects.filter(role="staff").first()
programmes = list(FundingProgramme.objects.all()) or [None]
organisations = list(Organisation.objects.values_list("pk", flat=True))
member_org = User.objects.filter(role="member").first().organisation_id
now = timezone.now()
batch = []
for n in range(projects):
    title = f"Projekt {n}: Sensorik und Daten im Mittelstand"
    batch.append(InnovationProject(title=title, summary="Kurzbeschreibung", owner=owner,
        stage=rng.choice(stages), confidentiality=rng.choice(levels),
        programme=rng.choice(programmes), next_step="Skizze abstimmen",
        next_step_due=(now + timedelta(days=rng.randint(1, 90))).date(),
        search_text=searchable(title)))
InnovationProject.objects.bulk_create(batch, batch_size=2000)
ids = list(InnovationProject.objects.values_list("pk", "stage"))
StageChange.objects.bulk_create(
    [StageChange(project_id=pk, from_stage="", to_stage="idea", changed_by=owner,
                 changed_at=now - timedelta(days=rng.randint(30, 700))) for pk, _ in ids]
    + [StageChange(project_id=pk, from_stage="idea", to_stage=stage, changed_by=owner,
                   changed_at=now - timedelta(days=rng.randint(1, 29)))
       for pk, stage in ids if stage not in ("idea",)], batch_size=5000)
rows, seen = [], set()
per_project = max(1, partners // projects)
for index, (pk, _stage) in enumerate(ids):
    chosen = rng.sample(organisations, per_project)
    if index % 10 == 0 and member_org not in chosen:
        chosen[-1] = member_org
    for number, organisation in enumerate(chosen):
        if (pk, organisation) in seen:
            continue
        seen.add((pk, organisation))
        rows.append(ProjectPartner(project_id=pk, organisation_id=organisation,
            role="lead" if number == 0 else "partner",
            requested_amount=Decimal(rng.randrange(50000, 400000, 1000))))
ProjectPartner.objects.bulk_create(rows, batch_size=5000)
print(ids[len(ids) // 2][0])
"""

MEASURE = r"""
project = int(sys.argv[2])
staff, office = staff_client("bench-projects@example.org")
member = Client(HTTP_HOST="127.0.0.1")
member.force_login(User.objects.filter(role="member").first())
pages = [
    ("board (staff)", office, "/projekte/board/"),
    ("board, filtered (staff)", office, f"/projekte/board/?owner={staff.pk}"),
    ("list (staff)", office, "/projekte/"),
    ("list, search + stage (staff)", office, "/projekte/?q=sensorik&stage=submitted"),
    ("list, sorted, middle page (staff)", office, "/projekte/?sort=-changed&page=50"),
    ("funnel figures (staff)", office, "/projekte/kennzahlen/"),
    ("project page (staff)", office, f"/projekte/{project}/"),
    ("list (member)", member, "/projekte/"),
    ("board (member)", member, "/projekte/board/"),
]
print(json.dumps({label: timed(client, url, int(sys.argv[1])) for label, client, url in pages}))
"""


def bench(database: str, env: dict[str, str], projects: int, partners: int) -> list[str]:
    started = time.monotonic()
    prepare(env, "--scale", "2000")
    project = script(env, GENERATE, str(projects), str(partners))
    build = time.monotonic() - started
    results = measure_pages(env, MEASURE, str(REQUESTS_PER_PAGE), project)
    lines = [f"### {database}", ""]
    lines.append(f"Data: `innonet demo --scale 2000` plus {projects:,} projects with "
                 f"{partners:,} partners, built in {build:.0f} s.")  # fmt: skip
    lines += ["", *page_table(results), ""]
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=5_000)
    parser.add_argument("--partners", type=int, default=20_000)
    options = parser.parse_args()
    heading = [
        "## Innovation projects at scale (bench_projects.py)",
        "",
        f"In-process requests through the full Django stack, {REQUESTS_PER_PAGE} per page after "
        "one warm-up; target: board and list under 150 ms at p95.",
        "",
    ]
    return on_each_database(
        "bench_projects",
        heading,
        lambda database, env: bench(database, env, options.projects, options.partners),
    )


if __name__ == "__main__":
    sys.exit(main())
