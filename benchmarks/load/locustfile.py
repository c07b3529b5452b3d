"""The traffic of a network office on a day with a busy public event registration.

Three kinds of visitor: office staff working through the registry, projects and registrants
(signed in with a second factor), members looking at events, profiles and the matching engine,
and the public registering for the event (each from its own address, through a proxy that the
server trusts). Sessions and addresses come from the driver (bench_load.py) in LOAD_SETUP.
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

SETUP = json.loads(os.environ["LOAD_SETUP"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_numbers = itertools.count(1)


class Signed(HttpUser):
    abstract = True
    sessions: list[str] = []

    def on_start(self) -> None:
        # Each simulated person has an account of their own (rate limits are per person).
        self.client.cookies.set("sessionid", self.sessions[next(_numbers) % len(self.sessions)])
        self.client.headers["Accept-Language"] = "de"

    def page(self, path: str, name: str | None = None) -> None:
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code != 200 or response.url.rstrip("/").endswith("/login"):
                response.failure(f"{response.status_code} {response.url}")


class Office(Signed):
    weight = 1
    wait_time = between(1, 3)
    sessions = SETUP["staff_sessions"]

    @task(3)
    def registry(self) -> None:
        self.page("/partners/")
        self.page(f"/partners/?q={random.choice(SETUP['words'])}", "/partners/?q=…")  # nosec B311
        self.page(random.choice(SETUP["organisation_urls"]), "/partners/<id>/")  # nosec B311

    @task(2)
    def registrants(self) -> None:
        self.page(SETUP["registrants_url"], "/veranstaltungen/<id>/anmeldungen/")

    @task(1)
    def projects_and_introductions(self) -> None:
        self.page("/projekte/")
        self.page("/vermittlungen/")

    @task(1)
    def api(self) -> None:
        self.page("/api/organisations/")


class Member(Signed):
    weight = 2
    wait_time = between(1, 3)
    sessions = SETUP["member_sessions"]

    @task(3)
    def start_and_events(self) -> None:
        self.page("/")
        self.page("/veranstaltungen/")
        self.page(SETUP["event_url"], "/veranstaltungen/<id>/")

    @task(2)
    def profiles(self) -> None:
        self.page("/kooperation/")

    @task(1)
    def matching(self) -> None:
        self.page(f"/abgleich/?q={random.choice(SETUP['questions'])}", "/abgleich/?q=…")  # nosec B311


class Registrant(HttpUser):
    """A visitor who reads the event and registers: GET the form, POST it, land on the
    confirmation page."""

    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        number = next(_numbers)
        address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        self.client.headers["X-Forwarded-For"] = address
        self.client.headers["Accept-Language"] = "de"
        self.number = number

    @task
    def register(self) -> None:
        self.client.get(SETUP["event_url"], name="/veranstaltungen/<id>/ (public)")
        form = self.client.get(SETUP["register_url"], name="/veranstaltungen/<id>/anmelden/")
        found = CSRF.search(form.text)
        if not found:
            form.failure("no form")
            return
        serial = f"{self.number}-{random.randrange(10**9)}"  # nosec B311
        data = {
            "csrfmiddlewaretoken": found.group(1),
            "first_name": "Lasttest",
            "last_name": f"Besucher {serial}",
            "email": f"last-{serial}@lasttest-besucher.de",
            "language": "de",
            "consent": "on",
            "colleagues-TOTAL_FORMS": "0",
            "colleagues-INITIAL_FORMS": "0",
            "colleagues-MIN_NUM_FORMS": "0",
            "colleagues-MAX_NUM_FORMS": "1000",
        }
        with self.client.post(
            SETUP["register_url"],
            data=data,
            headers={"Referer": SETUP["base_url"] + SETUP["register_url"]},
            name="POST /veranstaltungen/<id>/anmelden/",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or not response.url.endswith("/angemeldet/"):
                response.failure(f"{response.status_code} {response.url}")
