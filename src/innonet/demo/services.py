"""Load demo data shaped like the seed network: networks, 107 partners, one login per role.

Everything derives from the seed, so two loads with the same seed (and day) give the same data
and, on the same installation, the same printed TOTP secret. Loading again refreshes the
networks and logins and leaves organisations that already exist alone instead of duplicating
them.
"""

import base64
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innonet.accounts.models import Role, User
from innonet.core import audit, permissions
from innonet.core.errors import DomainError
from innonet.core.models import Ris3Field
from innonet.networks.models import Network
from innonet.partners.models import Organisation

from .agreements import write_agreements
from .content import write_content
from .events import write_events
from .international import write_international
from .legal import write_legal_pages
from .logins import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from .matching import write_matching
from .meetings import write_meetings
from .newsletter import write_newsletter
from .projects import write_projects
from .registry import Taxonomy, plan_partners, write_partners
from .scale import write_scale
from .scale_activity import write_activity

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoNetwork:
    key: str
    name: str
    slug: str
    kind: str
    ris3_slugs: tuple[str, ...]
    description: str


NETWORKS: tuple[DemoNetwork, ...] = (
    DemoNetwork(
        "host",
        "iuk Unternehmensnetzwerk Osnabrück e.V.",
        "iuk-osnabrueck",
        Network.Kind.HOST,
        ("digitale-wirtschaft-ikt",),
        "Netzwerk der IT- und Digitalwirtschaft in Stadt und Landkreis Osnabrück.",
    ),
    DemoNetwork(
        "agrar",
        "Agrotech Netzwerk Weser-Ems",
        "agrotech-weser-ems",
        Network.Kind.SECTOR,
        ("agrarsystemtechnik-biooekonomie",),
        "Unternehmen und Forschung der Agrarsystemtechnik und Bioökonomie im Nordwesten.",
    ),
    DemoNetwork(
        "energie",
        "Energienetzwerk Osnabrücker Land",
        "energienetzwerk-osnabruecker-land",
        Network.Kind.SECTOR,
        ("energie",),
        "Erzeuger, Versorger und Technikanbieter der Energiewende in der Region.",
    ),
    DemoNetwork(
        "maritim",
        "Maritimes Netzwerk Nordwest",
        "maritimes-netzwerk-nordwest",
        Network.Kind.SECTOR,
        ("maritime-wirtschaft",),
        "Werften, Zulieferer, Häfen und Logistik zwischen Ems und Weser.",
    ),
)

# Demo logins refer to organisations by these keys.
ORGANISATION_KEYS = {"sme": "Hasetal Datentechnik GmbH"}


def demo_totp_secret(seed: int) -> str:
    """The TOTP secret of the demo logins that need a second factor: stable for this
    installation and seed (reloads print the same one), different on every installation because
    it is keyed with the installation's own SECRET_KEY, so no published demo code opens someone
    else's demo."""
    message = f"innonet-demo-totp:{seed}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def _create_networks(progress: Progress) -> dict[str, Network]:
    progress(_("Networks"))
    networks = {}
    for item in NETWORKS:
        # There is only one host network; an existing one is reused rather than duplicated.
        lookup: dict[str, Any] = (
            {"kind": item.kind} if item.kind == Network.Kind.HOST else {"slug": item.slug}
        )
        network, _created = Network.objects.update_or_create(
            **lookup,
            defaults={
                "name": item.name,
                "slug": item.slug,
                "kind": item.kind,
                "description": item.description,
            },
        )
        network.ris3_fields.set(Ris3Field.objects.filter(slug__in=item.ris3_slugs))
        networks[item.key] = network
    return networks


def _create_registry(
    *, seed: int, today: date, networks: dict[str, Network], staff: User, progress: Progress
) -> dict[str, int]:
    """The 107 partners of the seed network with people, memberships and interactions."""
    progress(_("Organisations"))
    taxonomy = Taxonomy.load()
    partners = plan_partners(seed=seed, today=today, taxonomy=taxonomy, networks=networks)
    return write_partners(partners, taxonomy=taxonomy, staff=staff)


def _ensure_key_organisations() -> dict[str, Organisation]:
    """The organisations demo logins are tied to (created bare if the registry skipped them)."""
    found = {}
    for key, name in ORGANISATION_KEYS.items():
        organisation = Organisation.objects.filter(name=name).order_by("pk").first()
        found[key] = organisation or Organisation.objects.create(name=name, kind="sme")
    return found


def _create_users(
    accounts: list[DemoAccount],
    *,
    organisations: dict[str, Organisation],
    networks: dict[str, Network],
    totp_secret: str,
) -> list[User]:
    users = []
    for account in accounts:
        fields: dict[str, Any] = {
            "full_name": account.full_name,
            "role": account.role,
            "organisation": organisations.get(account.organisation_key),
            "network": networks.get(account.network_key),
            "is_active": True,
        }
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(account.email, DEMO_PASSWORD, **fields)
        else:
            for name, value in fields.items():
                setattr(user, name, value)
            user.set_password(DEMO_PASSWORD)
            user.full_clean(exclude=["password"])
            user.save()
        if account.role in permissions.TWO_FACTOR_ROLES:  # the same documented secret
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
            TOTP.activate(user, totp_secret)
        users.append(user)
    return users


@transaction.atomic
def demo_load(*, seed: int, today: date | None = None, progress: Progress | None = None) -> dict:
    """Create or refresh the demo data in one transaction; returns what it holds.

    Bulk inserts, no per-record audit: the load writes one `demo.data.loaded` entry with its
    counts. Dates are relative to `today` (default: the local date), so the same seed and day
    give the same data. Organisations that already exist by name are left as they are.
    """
    report = progress or (lambda message: None)
    today = today or timezone.localdate()
    networks = _create_networks(report)
    secret = demo_totp_secret(seed)
    # Staff first: the demo's interactions were recorded by the demo office.
    office = [a for a in DEMO_ACCOUNTS if a.role == Role.STAFF]
    staff = _create_users(office, organisations={}, networks=networks, totp_secret=secret)
    counts = _create_registry(
        seed=seed, today=today, networks=networks, staff=staff[0], progress=report
    )
    counts.update(write_agreements(today=today, networks=networks, staff=staff[0]))
    report(_("Events"))
    counts.update(write_events(seed=seed, today=today, networks=networks, staff=staff[0]))
    report(_("Projects"))
    counts.update(write_projects(seed=seed, today=today, staff=staff[0]))
    report(_("Matchmaking"))
    counts.update(write_matching(seed=seed, today=today, staff=staff[0]))
    report(_("News and knowledge"))
    counts.update(write_content(today=today, staff=staff[0]))
    report(_("Newsletter"))
    counts.update(write_newsletter(today=today, staff=staff[0]))
    counts.update(write_international(today=today, networks=networks, staff=staff[0]))
    report(_("Logins"))
    others = [a for a in DEMO_ACCOUNTS if a.role != Role.STAFF]
    organisations = _ensure_key_organisations()
    users = staff + _create_users(
        others, organisations=organisations, networks=networks, totp_secret=secret
    )
    write_legal_pages(operator=networks["host"].name)
    report(_("Meeting marketplace"))
    counts.update(write_meetings(seed=seed, networks=networks))
    audit.record(None, "demo.data.loaded", data={"seed": seed, **counts})
    return {"networks": len(networks), "users": len(users), **counts}


def demo_load_scale(
    count: int,
    *,
    seed: int,
    today: date | None = None,
    progress: Progress | None = None,
    activity_years: int = 0,
) -> dict:
    """Networks, the demo logins and `count` generated organisations with ~10 people each,
    and `activity_years` years of events, introductions and projects, for benchmarks. Batches
    commit one by one; one `demo.data.loaded` audit entry at the end."""
    if count < 1:
        raise DomainError(_("The number of organisations must be at least 1."))
    report = progress or (lambda message: None)
    today = today or timezone.localdate()
    secret = demo_totp_secret(seed)
    with transaction.atomic():
        networks = _create_networks(report)
        office = [a for a in DEMO_ACCOUNTS if a.role == Role.STAFF]
        staff = _create_users(office, organisations={}, networks=networks, totp_secret=secret)
        write_agreements(today=today, networks=networks, staff=staff[0])
    report(_("Organisations"))
    counts = write_scale(
        count, seed=seed, today=today, host=networks["host"], staff=staff[0], progress=report
    )
    if activity_years:
        counts |= write_activity(
            activity_years, seed=seed, today=today, host=networks["host"], staff=staff[0],
            progress=report,
        )  # fmt: skip
    with transaction.atomic():
        report(_("Logins"))
        others = [a for a in DEMO_ACCOUNTS if a.role != Role.STAFF]
        organisations = _ensure_key_organisations()
        users = staff + _create_users(
            others, organisations=organisations, networks=networks, totp_secret=secret
        )
        audit.record(None, "demo.data.loaded", data={"seed": seed, "scale": count, **counts})
    # The planner chooses indexes by table statistics, and PostgreSQL answers counts from the
    # index alone once the visibility map is set: autovacuum does both only after a while,
    # SQLite never gathers statistics by itself.
    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return {"networks": len(networks), "users": len(users), **counts}
