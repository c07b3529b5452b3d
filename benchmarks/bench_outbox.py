"""The outbox at newsletter size: queue 10,000 mails, send them through a local SMTP server in
another process with one sender, then queue 10,000 more and kill the sender (kill -9) when half
of them are out, and resume. The server writes down every Message-ID it accepts, so missing and
doubled mails are counted, not assumed.

The only allowed duplicates are mails between the server's 250 and the sender's commit.
Usage: python benchmarks/bench_outbox.py [--mails 10000]
(on PostgreSQL too with BENCH_DATABASE_URL set to an empty database)
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _django import PROJECT_DIR, manage, on_each_database, script

KILLS = 10
# A plain SMTP server in its own process: one Message-ID per line for each accepted mail.
SERVER = r"""
import sys, time
from aiosmtpd.controller import Controller

port, path = int(sys.argv[1]), sys.argv[2]
out = open(path, "a", buffering=1)

class Sink:
    async def handle_DATA(self, server, session, envelope):
        for line in envelope.content.split(b"\r\n"):
            if line.lower().startswith(b"message-id:"):
                out.write(line.split(b":", 1)[1].strip().decode() + "\n")
                break
        return "250 OK"

controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
while True:
    time.sleep(3600)
"""

QUEUE = r"""
import sys, time
import django
django.setup()
from django.core.mail import EmailMultiAlternatives
from innonet.core.outbox import queue_many

batch, count = sys.argv[1], int(sys.argv[2])

def pairs():
    for n in range(count):
        message = EmailMultiAlternatives(
            f"Newsletter {batch}: Ausgabe für Leserin {n}",
            f"Guten Tag,\n\nhier ist die Ausgabe {batch} für Sie (Nr. {n}).\n" * 20,
            to=[f"leserin{n}@firma{n % 211}.example"],
            headers={"List-Unsubscribe": f"<https://example.org/abmelden/{n}/>"},
        )
        message.attach_alternative(f"<p>Ausgabe {batch} für Sie (Nr. {n}).</p>" * 20, "text/html")
        yield f"bench:{batch}:{n}", message

started = time.perf_counter()
stored = queue_many(pairs(), category="newsletter", batch=batch, send=False)
print(f"{stored} {time.perf_counter() - started:.2f}")
"""

FIGURES = r"""
import json, sys
import django
django.setup()
from innonet.core.outbox import batch_figures
print(json.dumps(batch_figures(sys.argv[1])))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def delivered(path: Path) -> Counter:
    return Counter(line for line in path.read_text().splitlines() if line)


def start_server(port: int, path: Path, env: dict[str, str]) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(path)],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    return server


def sender(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "django", "outbox_send", *args],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def count_of(ids: Counter, batch: str, expected: set[str]) -> tuple[int, int]:
    """Missing and doubled mails of `batch` at the server."""
    mine = {mid: n for mid, n in ids.items() if mid in expected}
    return len(expected - set(mine)), sum(n - 1 for n in mine.values() if n > 1)


EXPECTED = r"""
import json, sys
import django
django.setup()
from innonet.core.models import OutgoingMail
rows = OutgoingMail.objects.filter(batch=sys.argv[1])
print(json.dumps(list(rows.values_list("message_id", flat=True))))
"""


def run(label: str, env: dict[str, str], mails: int) -> list[str]:
    manage(env, "migrate", "--noinput")
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "delivered.txt"
        log.touch()
        port = free_port()
        smtp_env = {**env, "EMAIL_URL": f"smtp://127.0.0.1:{port}", "OUTBOX_LEASE_SECONDS": "30"}
        server = start_server(port, log, env)
        try:
            stored, queue_seconds = script(env, QUEUE, "full", str(mails)).split()
            started = time.perf_counter()
            one = sender(smtp_env)
            one.communicate(timeout=1800)
            send_seconds = time.perf_counter() - started
            full_ids = set(json.loads(script(env, EXPECTED, "full")))
            full_missing, full_doubled = count_of(delivered(log), "full", full_ids)

            script(env, QUEUE, "killed", str(mails))
            killed_ids = set(json.loads(script(env, EXPECTED, "killed")))
            victim = sender(smtp_env)
            while len(killed_ids & set(delivered(log))) < mails // 2:
                time.sleep(0.05)
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait()
            at_kill = len(killed_ids & set(delivered(log)))
            resumed_at = time.perf_counter()
            resume = sender(smtp_env, "--until-done", "--max-seconds", "300")
            resume.communicate(timeout=600)
            resume_seconds = time.perf_counter() - resumed_at
            missing, doubled = count_of(delivered(log), "killed", killed_ids)
            figures = json.loads(script(env, FIGURES, "killed"))

            script(env, QUEUE, "ten", str(mails))
            ten_ids = set(json.loads(script(env, EXPECTED, "ten")))
            for kill in range(1, KILLS + 1):
                victim = sender(smtp_env)
                while len(ten_ids & set(delivered(log))) < mails * kill // (KILLS + 1):
                    if victim.poll() is not None:  # all left was leased by the killed ones
                        time.sleep(1)
                        victim = sender(smtp_env)
                    time.sleep(0.05)
                os.kill(victim.pid, signal.SIGKILL)
                victim.wait()
            sender(smtp_env, "--until-done", "--max-seconds", "300").communicate(timeout=600)
            ten_missing, ten_doubled = count_of(delivered(log), "ten", ten_ids)
            ten_figures = json.loads(script(env, FIGURES, "ten"))
        finally:
            server.terminate()
            server.wait()
    rate = mails / send_seconds
    print(f"{label}: queued {stored} in {queue_seconds}s, sent in {send_seconds:.1f}s", flush=True)
    return [
        f"**{label}**",
        "",
        "| step | figure |",
        "| --- | --- |",
        f"| queue {mails:,} mails (`queue_many`) | {float(queue_seconds):.1f} s |",
        f"| send {mails:,} mails, one sender | {send_seconds:.1f} s ({rate:.0f} mails/s) |",
        f"| missing / doubled after the full run | {full_missing} / {full_doubled} |",
        f"| killed (`kill -9`) after | {at_kill:,} of {mails:,} delivered |",
        f"| resumed run (waits out the 30 s lease) | {resume_seconds:.1f} s |",
        f"| missing / doubled after kill and resume | {missing} / {doubled} |",
        f"| rows after resume | {', '.join(f'{k} {v}' for k, v in figures.items() if v)} |",
        f"| missing / doubled after {KILLS} kills, then a run | {ten_missing} / {ten_doubled} |",
        f"| rows after that | {', '.join(f'{k} {v}' for k, v in ten_figures.items() if v)} |",
        "",
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=10_000)
    mails = parser.parse_args().mails
    heading = [
        "## Outbox: 10,000 mails through a local SMTP server, and a killed sender",
        "",
        "`benchmarks/bench_outbox.py`: `queue_many` stores the mails (one bulk insert per 500);",
        "one `innonet outbox_send` process sends them over loopback to an aiosmtpd server in",
        "another process, which writes down each Message-ID it accepts. Then 10,000 more are",
        "queued, the sender is killed with `kill -9` when half of them are out, and a new run",
        "finishes the rest. Doubled mails can only be those between the server's 250 and the",
        "sender's commit (same Message-ID, so receivers drop them). Last, 10,000 more with the",
        f"sender killed {KILLS} times (a new one started after each kill), then one final run.",
        "",
    ]
    return on_each_database("outbox", heading, lambda label, env: run(label, env, mails))


if __name__ == "__main__":
    sys.exit(main())
