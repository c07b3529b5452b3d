"""EEN partnering files at their limits: 100 profiles with long texts (the most one file may
hold), exported as JSON and XML, checked (the preview, rolled back) and imported; and hostile
files (a billion-laughs XML, deep JSON, a file just over the size limit) refused, with the time
and the memory the refusal took. In-process service calls on SQLite (and PostgreSQL when
BENCH_DATABASE_URL is set). Target (RELIABILITY item 18): hostile files refused in < 2 s and
< 200 MB. Usage: python benchmarks/bench_een.py [--repeats 5]
"""

import argparse
import json
import sys

from _django import manage, on_each_database, script

MEASURE = r"""
import json, statistics, sys, time, tracemalloc
from datetime import timedelta
import django
django.setup()
from django.utils import timezone
from innonet.accounts.models import User
from innonet.matching.een import documents
from innonet.matching.models import CooperationProfile
from innonet.matching.services import een
from innonet.networks.models import Network
from innonet.partners.models import Organisation

repeats = int(sys.argv[1])
Network.objects.get_or_create(kind=Network.Kind.HOST, defaults={"name": "Host", "slug": "host"})
staff = User.objects.create(email="bench-een@example.org", role="staff")
source = Organisation.objects.create(name="Quelle GmbH", kind="sme")
today = timezone.localdate()
text = "Bodenfeuchte messen und per Funk melden. " * 250  # 10,500 characters
profiles = [
    CooperationProfile.objects.create(
        organisation=source, network=Network.objects.get(kind="host"), kind="tech_offer",
        title=f"Sensorik {n}", summary=text[:1000], description=text, advantages=text[:3000],
        cooperation_types=["licence", "research"], keywords="Agrar, Sensorik",
        valid_until=today + timedelta(days=200),
    )
    for n in range(100)
]

def ms(call):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return result, statistics.median(times), max(times)

def refusal(data, name):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        documents.read(data, name)
        outcome = "read"
    except documents.EenFileError:
        outcome = "refused"
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1_048_576
    tracemalloc.stop()
    return {"outcome": outcome, "ms": seconds * 1000, "peak_mb": peak}

rows = {}
for fmt in ("json", "xml"):
    data, median, worst = ms(lambda: een.een_export(profiles, fmt, acting_user=staff))
    rows[f"export 100 profiles ({fmt}, {len(data) / 1_048_576:.2f} MB)"] = (median, worst)
    target = Organisation.objects.create(name=f"Ziel {fmt}", kind="sme")
    plan, median, worst = ms(lambda: een.een_import_check(
        data, f"a.{fmt}", organisation=target, acting_user=staff))
    assert plan.errors == 0 and plan.to_create == 100, plan.errors
    rows[f"preview of the file ({fmt}, rolled back)"] = (median, worst)
    started = time.perf_counter()
    created = een.een_profiles_import(
        data, f"a.{fmt}", organisation=target, acting_user=staff, leave_out_unknown=False)
    rows[f"import of the file ({fmt}, once)"] = ((time.perf_counter() - started) * 1000,) * 2
    assert len(created) == 100

laughs = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "' + b"x" * 10 + b'">'
for level in range(1, 10):
    name, inner = chr(97 + level), chr(96 + level)
    laughs += f'<!ENTITY {name} "'.encode() + f"&{inner};".encode() * 10 + b'">'
laughs += b"]><profiles><profile><title>&j;</title></profile></profiles>"
hostile = {
    "billion laughs (10^9 expansions)": refusal(laughs, "a.xml"),
    "JSON nested 100,000 deep": refusal(
        b'{"p": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "a.json"),
    "file of 2 MB + 1 byte": refusal(b"{" + b" " * documents.MAX_FILE_BYTES + b"}", "a.json"),
}
print(json.dumps({"rows": rows, "hostile": hostile}))
"""


def bench(database: str, env: dict[str, str], repeats: int) -> list[str]:
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    measured = json.loads(script(env, MEASURE, str(repeats)))
    lines = [
        f"### {database}",
        "",
        "| operation | median ms | slowest ms |",
        "| --- | ---: | ---: |",
    ]
    for label, (median, worst) in measured["rows"].items():
        lines.append(f"| {label} | {median:.0f} | {worst:.0f} |")
    lines += [
        "",
        "| hostile file | outcome | ms | peak MB (Python) |",
        "| --- | --- | ---: | ---: |",
    ]
    for label, row in measured["hostile"].items():
        lines.append(f"| {label} | {row['outcome']} | {row['ms']:.1f} | {row['peak_mb']:.1f} |")
    lines.append("")
    print("\n".join(lines), flush=True)
    return lines


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    heading = [
        "## EEN partnering files (bench_een.py)",
        "",
        "Service calls in one process: 100 profiles of about 14,500 characters each (100 is the "
        "most one file may hold; at the longest texts a profile may have, 27,000 characters, "
        "100 profiles exceed the 2 MB an import reads and go in two files), exported, "
        f"previewed ({options.repeats} runs each, median and "
        "slowest) and imported once into another organisation. Hostile files are refused by "
        "the reader before anything is stored; peak memory is what Python allocated while "
        "reading (tracemalloc). Target: refused in < 2 s and < 200 MB.",
        "",
    ]
    return on_each_database("bench_een", heading, lambda db, env: bench(db, env, options.repeats))


if __name__ == "__main__":
    sys.exit(main())
