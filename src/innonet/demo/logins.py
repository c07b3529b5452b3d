"""The demo accounts and the lines `serve` prints so a newcomer can sign in."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from innonet.core import permissions

DEMO_PASSWORD = "innonet-demo-2026"  # noqa: S105 - the documented password of demo accounts
DEMO_DOMAIN = "innonet.example"


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: its address, role and what it is tied to."""

    email: str
    full_name: str
    role: str
    organisation_key: str = ""
    network_key: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(f"stab@{DEMO_DOMAIN}", "Julia Hoffmann", "staff"),
    DemoAccount(f"vorstand@{DEMO_DOMAIN}", "Dr. Klaus Meyer", "board"),
    DemoAccount(f"mitglied@{DEMO_DOMAIN}", "Tobias Schulte", "member", organisation_key="sme"),
    DemoAccount(
        f"netzwerk@{DEMO_DOMAIN}", "Maria Brinkmann", "network_manager", network_key="agrar"
    ),
)


def _totp_secret(user) -> str | None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    device = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(device.data["secret"]) if device else None


def demo_login_lines() -> list[str]:
    """One line per demo login present in the database (none on a real installation).

    For every login that needs a second factor (staff, board, partner-network manager), also
    the TOTP secret to add to an authenticator app and the command that prints the current code.
    """
    from innonet.accounts.models import Role, User

    users = {
        user.email: user
        for user in User.objects.filter(email__in=[a.email for a in DEMO_ACCOUNTS], is_active=True)
    }
    if not users:
        return []
    lines = [_("Demo logins (password for all: %(password)s):") % {"password": DEMO_PASSWORD}]
    for account in DEMO_ACCOUNTS:
        user = users.get(account.email)
        if user is None:
            continue
        lines.append(f"  {Role(user.role).label}: {user.email}")
        secret = _totp_secret(user) if permissions.needs_two_factor(user) else None
        if secret:
            lines.append(
                "    "
                + _("two-factor: TOTP secret %(secret)s, or the current code: %(command)s")
                % {"secret": secret, "command": f"innonet totp_code {user.email}"}
            )
    return lines
