"""The funder's report at scale: issuing a year's report (facts, figures, PDF, XLSX) on
`innonet demo --scale 10000` plus five years of activity, on SQLite (and PostgreSQL when
BENCH_DATABASE_URL is set).

The scaled demo has organisations, people, memberships over about eleven years and calls over
the last two years, but no events, projects or introductions; this script adds five years of
them (bulk inserts, fixed seed) before it measures. Times are in-process, one run after one
warm-up run of the same report (fonts and templates loaded).
Usage: python benchmarks/bench_report.py [--scale 10000] [--years 5]
"""

import argparse
import json
import sys
import time

from _django import on_each_database, prepare, script

GENERATE = r"""
import json, random, sys
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from innonet.accounts.models import User
from innonet.events.models import Event, Feedback, Format, Registration
from innonet.matching.models import Introduction, IntroductionOutcome
from innonet.networks.models import Network
from innonet.partners.models import Interaction, Membership, MembershipStatusChange, Organisation
from innonet.projects.models import InnovationProject, ProjectPartner, StageChange

years = int(sys.argv[1])
rng = random.Random(14)
berlin = ZoneInfo("Europe/Berlin")
today = timezone.localdate()
first_year = today.year - years
host = Network.objects.get(kind="host")
staff = User.objects.filter(role="staff").first()
smes = list(Organisation.objects.filter(kind="sme").values_list("pk", flat=True))
with transaction.atomic():
    research = []
    for n in range(60):
        kind = "university" if n % 3 == 0 else "research"
        research.append(Organisation.objects.create(name=f"Forschungseinrichtung {n}", kind=kind))
    for org in research:
        membership = Membership.objects.create(organisation=org, network=host, status="active")
        MembershipStatusChange.objects.create(
            membership=membership, status="active", valid_from=date(first_year - 2, 1, 1))
research = [org.pk for org in research]
names = ["IT-Frühstück", "Transferkonferenz", "Hackathon", "Firmenbesuch", "Expertengespräch",
         "Werkstatt"]
formats = [Format.objects.get_or_create(network=host, name=name,
                                        defaults={"goal": "Austausch", "is_shared": True})[0]
           for name in names]
events, registrations, feedback = [], [], []
with transaction.atomic():
    for year in range(first_year, today.year + 1):
        for n in range(60):
            day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            if day >= today:
                continue
            starts = datetime.combine(day, time(9), tzinfo=berlin)
            events.append(Event(
                title=f"{rng.choice(names)} {year}/{n}: Daten, Sensorik und Förderung",
                format=rng.choice(formats), organiser=host, starts_at=starts,
                ends_at=starts + timedelta(hours=3), status="finished",
                published_at=starts - timedelta(days=30), consent_text="Einverstanden."))
    Event.objects.bulk_create(events, batch_size=500)
    for event in Event.objects.filter(organiser=host, status="finished"):
        for number, org in enumerate(rng.sample(smes + research, rng.randint(15, 60))):
            attended = rng.random() < 0.8
            registrations.append(Registration(
                event=event, organisation_id=org, first_name="Teil", last_name=f"Nehmer {number}",
                email=f"teilnehmer{event.pk}-{number}@beispiel.example", status="confirmed",
                confirmed_at=event.starts_at - timedelta(days=5),
                attended_at=event.starts_at if attended else None))
    Registration.objects.bulk_create(registrations, batch_size=2000)
    attended = Registration.objects.filter(attended_at__isnull=False).values_list("pk", flat=True)
    Feedback.objects.bulk_create(
        [Feedback(registration_id=pk, rating=rng.randint(3, 5)) for pk in attended
         if rng.random() < 0.3], batch_size=2000)
contacts = []
for _n in range(years * 1500):
    day = today - timedelta(days=rng.randint(0, years * 365))
    contacts.append(Interaction(kind=rng.choice(["consultation", "visit", "mail"]),
                                happened_on=day, organisation_id=rng.choice(smes),
                                topic="Förderberatung", staff=staff))
Interaction.objects.bulk_create(contacts, batch_size=2000)
stages = ["idea", "sounding", "consortium", "preparation", "submitted", "granted", "running"]
with transaction.atomic():
    for year in range(first_year, today.year + 1):
        for n in range(80):
            created = datetime.combine(date(year, 1, 1) + timedelta(days=rng.randint(0, 330)),
                                       time(10), tzinfo=berlin)
            if created.date() >= today:
                continue
            final = rng.randrange(len(stages))
            project = InnovationProject.objects.create(
                title=f"Verbundprojekt {year}/{n}", owner=staff, stage=stages[final],
                confidentiality="network")
            InnovationProject.objects.filter(pk=project.pk).update(created_at=created)
            moved = created
            for index in range(1, final + 1):
                moved = min(moved + timedelta(days=rng.randint(10, 60)), timezone.now())
                StageChange.objects.create(project=project, from_stage=stages[index - 1],
                                           to_stage=stages[index], changed_by=staff,
                                           changed_at=moved)
            partners = rng.sample(smes, rng.randint(1, 3)) + rng.sample(research, 1)
            amounts = [Decimal(rng.randrange(20000, 300000, 1000)) for _org in partners]
            ProjectPartner.objects.bulk_create([
                ProjectPartner(project=project, organisation_id=org,
                               role="lead" if i == 0 else "partner",
                               requested_amount=amount, granted_amount=amount)
                for i, (org, amount) in enumerate(zip(partners, amounts))])
intros = []
for _n in range(years * 150):
    day = today - timedelta(days=rng.randint(1, years * 365))
    intros.append(Introduction(
        first_organisation_id=rng.choice(smes), second_organisation_id=rng.choice(research),
        topic="Kooperation Sensorik", introduced_on=day,
        status=rng.choice(["introduced", "met", "cooperating", "project", "declined"])))
Introduction.objects.bulk_create(intros, batch_size=2000)
print(json.dumps({"events": len(events), "registrations": len(registrations),
                  "contacts": len(contacts), "introductions": len(intros)}))
"""

MEASURE = r"""
import json, re, shutil, subprocess, sys, tempfile, time
import django
django.setup()
from django.db import transaction
from django.utils import timezone, translation
from innonet.accounts.models import User
from innonet.networks.models import Network
from innonet.reporting import services
from innonet.reporting.indicators import Period
from innonet.reporting.indicators.facts import load_facts
from innonet.reporting.models import IssuedReport
from innonet.reporting.reports.charts import report_charts
from innonet.reporting.reports.content import freeze
from innonet.reporting.reports.document import report_document
from innonet.reporting.reports.pdf import render_pdf
from innonet.reporting.reports.workbook import render_xlsx

staff = User.objects.filter(role="staff").first()
host = Network.objects.get(kind="host")
period = Period.year(timezone.localdate().year - 1)
translation.activate("de")

def issue():
    with transaction.atomic():
        report = services.issue_report(period, host, acting_user=staff)  # runs the task
    report.refresh_from_db()
    assert report.status == "done", report.error
    return report

issue()  # warm-up: fonts, templates, imports
started, cpu = time.perf_counter(), time.process_time()
report = issue()
total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
phases = {}

def pages(pdf):
    # the page count from pdfinfo (poppler), else "?"
    tool = shutil.which("pdfinfo")
    if tool is None:
        return "?"
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run([tool, handle.name], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))

def phase(name, work):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    phases[name] = [time.perf_counter() - wall, time.process_time() - cpu]
    return result

facts = phase("facts", lambda: load_facts(host))
phase("figures", lambda: freeze(facts, period, network=host, version=99))
document = report_document(report)
pdf = phase("pdf", lambda: render_pdf(document, report_charts(document)))
xlsx = phase("xlsx", lambda: render_xlsx(document))
content = report.content
print(json.dumps({
    "total": [total, total_cpu], **phases, "pdf_bytes": len(pdf), "xlsx_bytes": len(xlsx),
    "pdf_pages": pages(pdf),
    "events": len(content["annex"]["events"]["rows"]),
    "enterprises": len({row["id"] for part in content["evidence"] for row in part["rows"]}),
    "partners": next(r["value"] for r in content["indicators"] if r["code"] == "partners"),
    "content_bytes": len(json.dumps(content)),
}))
"""


def _row(label: str, times: list[float]) -> str:
    return f"| {label} | {times[0]:.1f} | {times[1]:.1f} |"


def bench(database: str, env: dict[str, str], scale: int, years: int) -> list[str]:
    started = time.monotonic()
    prepare(env, "--scale", str(scale))
    added = json.loads(script(env, GENERATE, str(years)))
    build = time.monotonic() - started
    result = json.loads(script(env, MEASURE))
    lines = [f"### {database}", ""]
    lines.append(
        f"Data: `innonet demo --scale {scale}` plus {years} years of activity "
        f"({added['events']:,} events, {added['registrations']:,} registrations, "
        f"{added['contacts']:,} more contacts, {added['introductions']:,} introductions, "
        f"80 projects a year), built in {build:.0f} s."
    )
    lines += [
        "",
        "| step | wall s | CPU s |",
        "| --- | ---: | ---: |",
        _row("issue the year's report (all steps below, through the task)", result["total"]),
        _row("load the facts", result["facts"]),
        _row("compute and freeze all figures, evidence and annex", result["figures"]),
        _row("render the PDF", result["pdf"]),
        _row("render the XLSX", result["xlsx"]),
        "",
        f"The report: {result['partners']:,} partners, {result['events']:,} events in the annex, "
        f"{result['enterprises']:,} organisations with evidence; PDF {result['pdf_pages']} pages "
        f"({result['pdf_bytes'] / 1e6:.1f} MB), XLSX {result['xlsx_bytes'] / 1e6:.1f} MB, frozen "
        f"content {result['content_bytes'] / 1e6:.1f} MB of JSON.",
        "",
    ]
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    options = parser.parse_args()
    heading = [
        "## The funder's report (bench_report.py)",
        "",
        "Issuing last year's report for the host network: facts loaded once, every indicator, "
        "the per-enterprise evidence and the activity annex frozen, then PDF (WeasyPrint) and "
        "XLSX rendered from the frozen content. Target: under 10 s. The scaled demo has no "
        "events, projects or introductions of its own; the script adds five years of them. "
        "Wall time depends on what else the machine runs; CPU time is the process's own.",
        "",
    ]
    return on_each_database(
        "bench_report",
        heading,
        lambda database, env: bench(database, env, options.scale, options.years),
    )


if __name__ == "__main__":
    sys.exit(main())
