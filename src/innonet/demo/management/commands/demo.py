"""`innonet demo [--if-empty] [--seed N] [--scale N]`: load the demo data, show the logins."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core.errors import DomainError
from innonet.demo import demo_login_lines
from innonet.demo.services import demo_load, demo_load_scale

DEFAULT_SEED = 2026


class Command(BaseCommand):
    help = "Load demo data shaped like the seed network, with one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users (used by `make run`).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed for generated data and secrets; the same seed gives the same data.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            metavar="N",
            help="Instead of the seed-shaped network, generate N organisations with about "
            "ten people each (benchmark data).",
        )
        parser.add_argument(
            "--activity-years",
            type=int,
            default=0,
            metavar="Y",
            help="With --scale: also generate Y years of events, introductions and projects.",
        )

    def handle(
        self, *args, if_empty: bool, seed: int, scale: int | None, activity_years: int, **options
    ) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write(_("The database already has users; demo data not loaded."))
            return
        self.stdout.write(_("Loading demo data (seed %(seed)s) ...") % {"seed": seed})
        started = time.monotonic()
        try:
            if scale is None:
                counts = demo_load(seed=seed, progress=self._progress)
            else:
                counts = demo_load_scale(
                    scale, seed=seed, progress=self._progress, activity_years=activity_years
                )
        except DomainError as error:
            raise CommandError(error.message) from error
        message = _(
            "Demo data loaded: %(networks)s networks, %(organisations)s organisations, "
            "%(people)s people, %(users)s logins."
        )
        self.stdout.write(self.style.SUCCESS(message % counts))
        seconds = round(time.monotonic() - started, 1)
        self.stdout.write(_("Took %(seconds)s s.") % {"seconds": seconds})
        for line in demo_login_lines():
            self.stdout.write(line)

    def _progress(self, step: str) -> None:
        self.stdout.write("  - " + step)
        self.stdout.flush()
