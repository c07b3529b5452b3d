"""Load demo data shaped like the seed network: networks, organisations, one login per role.

Everything derives from the seed, so two loads with the same seed give the same data and the
same printed TOTP secret. Loading again updates the demo records instead of duplicating them.
"""

import base64
import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction
from django.utils.translation import gettext as _

from innonet.accounts.models import Role, User
from innonet.core import audit
from innonet.core.models import Country, District, Ris3Field
from innonet.networks.models import Network
from innonet.partners.models import Organisation

from .logins import DEMO_ACCOUNTS, DEMO_PASSWORD

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoNetwork:
    key: str
    name: str
    slug: str
    kind: str
    ris3_slugs: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: str
    district_slug: str
    website: str
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

# The partner registry issue grows this to the seed network's 107 partners.
ORGANISATIONS: tuple[DemoOrganisation, ...] = (
    DemoOrganisation(
        "sme",
        "Hasetal Datentechnik GmbH",
        Organisation.Kind.SME,
        "stadt-osnabrueck",
        "https://hasetal-datentechnik.example",
        "Softwarehaus für ERP-Anbindungen und Datenanalyse im Mittelstand.",
    ),
    DemoOrganisation(
        "university",
        "Hochschule Wiehengebirge",
        Organisation.Kind.UNIVERSITY,
        "landkreis-osnabrueck",
        "https://hs-wiehengebirge.example",
        "Hochschule für angewandte Wissenschaften mit Schwerpunkt Informatik und Agrartechnik.",
    ),
    DemoOrganisation(
        "research",
        "Institut für Agrarsensorik Weser-Ems",
        Organisation.Kind.RESEARCH,
        "landkreis-vechta",
        "https://agrarsensorik.example",
        "Forschungsinstitut für Sensorik, Robotik und digitale Zwillinge in der Landwirtschaft.",
    ),
    DemoOrganisation(
        "startup",
        "Feldblick Robotics UG",
        Organisation.Kind.STARTUP,
        "landkreis-emsland",
        "https://feldblick.example",
        "Start-up für autonome Feldroboter zur mechanischen Unkrautregulierung.",
    ),
    DemoOrganisation(
        "large",
        "Teuto Antriebstechnik AG",
        Organisation.Kind.LARGE,
        "kreis-steinfurt",
        "https://teuto-antriebe.example",
        "Hersteller elektrischer Antriebe für Landmaschinen und Schiffe.",
    ),
)


def demo_totp_secret(seed: int) -> str:
    """The staff account's TOTP secret, derived from the seed so the printed secret is stable."""
    digest = hashlib.sha256(f"innonet-demo-totp:{seed}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def _create_networks(progress: Progress) -> dict[str, Network]:
    progress(_("Networks"))
    networks = {}
    for item in NETWORKS:
        # There is only one host network; an existing one is reused rather than duplicated.
        lookup = {"kind": item.kind} if item.kind == Network.Kind.HOST else {"slug": item.slug}
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


def _create_organisations(*, rng: random.Random, progress: Progress) -> dict[str, Organisation]:
    """The demo's organisations; `rng` is for generated details as the registry grows."""
    progress(_("Organisations"))
    districts = {d.slug: d for d in District.objects.all()}
    germany = Country.objects.filter(code="DE").first()
    organisations = {}
    for item in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            name=item.name,
            defaults={
                "kind": item.kind,
                "district": districts.get(item.district_slug),
                "country": germany,
                "website": item.website,
                "description": item.description,
            },
        )
        organisations[item.key] = organisation
    return organisations


def _create_users(
    *,
    organisations: dict[str, Organisation],
    networks: dict[str, Network],
    totp_secret: str,
    progress: Progress,
) -> list[User]:
    progress(_("Logins"))
    users = []
    for account in DEMO_ACCOUNTS:
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
        if account.role == Role.STAFF:
            Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
            TOTP.activate(user, totp_secret)
        users.append(user)
    return users


@transaction.atomic
def demo_load(*, seed: int, progress: Progress | None = None) -> dict[str, Any]:
    """Create or refresh the demo data in one transaction; returns what it holds."""
    report = progress or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    networks = _create_networks(report)
    organisations = _create_organisations(rng=rng, progress=report)
    users = _create_users(
        organisations=organisations,
        networks=networks,
        totp_secret=demo_totp_secret(seed),
        progress=report,
    )
    audit.record(None, "demo.data.loaded", data={"seed": seed})
    return {
        "networks": len(networks),
        "organisations": len(organisations),
        "users": len(users),
    }
