"""`innonet demo [--if-empty] [--seed N]`: load the demo data and show the demo logins."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.demo import demo_login_lines
from innonet.demo.services import demo_load

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

    def handle(self, *args, if_empty: bool, seed: int, **options) -> None:
        if if_empty and User.objects.exists():
            self.stdout.write(_("The database already has users; demo data not loaded."))
            return
        self.stdout.write(_("Loading demo data (seed %(seed)s) ...") % {"seed": seed})
        counts = demo_load(seed=seed, progress=self._progress)
        message = _(
            "Demo data loaded: %(networks)s networks, %(organisations)s organisations, "
            "%(users)s logins."
        )
        self.stdout.write(self.style.SUCCESS(message % counts))
        for line in demo_login_lines():
            self.stdout.write(line)

    def _progress(self, step: str) -> None:
        self.stdout.write("  - " + step)
