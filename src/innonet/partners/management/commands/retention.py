"""`innonet retention`: list people inactive beyond the retention period, optionally erase them."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innonet.core.errors import DomainError
from innonet.partners import services


class Command(BaseCommand):
    help = "Flag (or with --erase, anonymise) people inactive beyond RETENTION_YEARS."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--years", type=int, default=settings.RETENTION_YEARS)
        parser.add_argument(
            "--erase", action="store_true", help="anonymise them instead of only listing them"
        )

    def handle(self, *args, years: int, erase: bool, **options) -> None:
        try:
            people = list(services.people_past_retention(years=years))
        except DomainError as error:
            raise CommandError(error.message) from error
        for person in people:
            if erase:
                services.person_erase(
                    person, reason=f"retention period of {years} years", acting_user=None
                )
            else:
                self.stdout.write(f"{person.pk}\t{person}\t{person.updated_at:%Y-%m-%d}")
        verb = "erased" if erase else "past the retention period"
        self.stdout.write(self.style.SUCCESS(f"{len(people)} people {verb}"))
