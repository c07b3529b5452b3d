"""`innonet totp_code EMAIL`: the current code of a user's TOTP device (for the demo login)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from innonet.accounts.models import User
from innonet.core import audit


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code of a user's authenticator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-mail address of the user.")

    def handle(self, *args, email: str, **options) -> None:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(_("There is no user with this e-mail address."))
        device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if device is None:
            raise CommandError(_("This user has no two-factor device (TOTP)."))
        secret = decrypt(device.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        # Whoever runs this can sign in as the user, so it is recorded like a login step.
        audit.record(user, "accounts.totp_code.shown")
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
