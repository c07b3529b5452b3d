"""The funder's report at scale: issuing a year's report (facts, figures, PDF, XLSX) on
`innonet demo --scale 10000 --activity-years 5` (the same data as bench_reporting.py), on SQLite
(and PostgreSQL when BENCH_DATABASE_URL is set). Times are in-process, one run after one warm-up
run of the same report (fonts and templates loaded).
Usage: python benchmarks/bench_report.py [--scale 10000] [--years 5]
"""

import argparse
import json
import sys
import time

from _django import on_each_database, prepare, script

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
    prepare(env, "--scale", str(scale), "--activity-years", str(years))
    build = time.monotonic() - started
    result = json.loads(script(env, MEASURE))
    lines = [f"### {database}", ""]
    lines.append(
        f"Data: `innonet demo --scale {scale} --activity-years {years}`, built in {build:.0f} s."
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
