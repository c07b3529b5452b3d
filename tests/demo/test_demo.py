"""The demo command: deterministic data, one working login per role, staff through TOTP."""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from innonet.accounts.models import User
from innonet.core.models import AuditEntry, LegalPage
from innonet.demo import DEMO_PASSWORD, demo_login_lines
from innonet.demo.services import demo_load
from innonet.networks.models import Network
from innonet.partners.models import Organisation

pytestmark = pytest.mark.django_db

STAFF = "stab@innonet.example"
ROLES = {
    STAFF: "staff",
    "vorstand@innonet.example": "board",
    "mitglied@innonet.example": "member",
    "netzwerk@innonet.example": "network_manager",
}


@pytest.fixture(autouse=True)
def cache_table(db):
    """Login rate limits live in the database cache."""
    call_command("createcachetable", verbosity=0)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def staff_secret() -> str:
    device = Authenticator.objects.get(user__email=STAFF, type=Authenticator.Type.TOTP)
    return decrypt(device.data["secret"])


def snapshot() -> dict:
    users = User.objects.select_related("organisation", "network").order_by("email")
    return {
        "users": [
            (
                u.email,
                u.role,
                getattr(u.organisation, "name", None),
                getattr(u.network, "name", None),
            )
            for u in users
        ],
        "organisations": sorted(Organisation.objects.values_list("name", "kind")),
        "networks": sorted(Network.objects.values_list("name", "kind")),
        "secret": staff_secret(),
    }


def test_demo_loads_networks_organisations_and_one_login_per_role():
    output = run("demo", "--seed", "7")
    assert {u.email: u.role for u in User.objects.all()} == ROLES
    host = Network.objects.get(kind=Network.Kind.HOST)
    assert host.name == "iuk Unternehmensnetzwerk Osnabrück e.V."
    sectors = Network.objects.filter(kind=Network.Kind.SECTOR)
    assert {n.ris3_fields.get().slug for n in sectors} == {
        "agrarsystemtechnik-biooekonomie",
        "energie",
        "maritime-wirtschaft",
    }
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"sme", "university", "research"} <= kinds
    # The command speaks the default language, German.
    for step in ("Netzwerke", "Organisationen", "Zugänge"):
        assert f"  - {step}" in output
    assert DEMO_PASSWORD in output
    assert staff_secret() in output
    for email, role in ROLES.items():  # every role that reads others' data: the same way in
        assert (f"innonet totp_code {email}" in output) == (role != "member")
    assert LegalPage.objects.count() == 2  # placeholder imprint and privacy policy
    assert AuditEntry.objects.filter(action="demo.data.loaded").count() == 1


def test_member_is_tied_to_an_organisation_and_manager_to_the_agri_network():
    demo_load(seed=1)
    member = User.objects.get(email="mitglied@innonet.example")
    assert member.organisation.kind == Organisation.Kind.SME
    manager = User.objects.get(email="netzwerk@innonet.example")
    assert manager.network.name == "Agrotech Netzwerk Weser-Ems"


def test_same_seed_in_fresh_databases_gives_the_same_data():
    snapshots = []
    for _attempt in range(2):
        with transaction.atomic():
            demo_load(seed=42)
            snapshots.append(snapshot())
            transaction.set_rollback(True)
        assert not User.objects.exists()
    assert snapshots[0] == snapshots[1]
    with transaction.atomic():
        demo_load(seed=43)
        assert staff_secret() != snapshots[0]["secret"]
        transaction.set_rollback(True)


def test_loading_twice_updates_instead_of_duplicating():
    demo_load(seed=5)
    first = snapshot()
    User.objects.filter(email="vorstand@innonet.example").update(full_name="Geändert")
    demo_load(seed=5)
    assert snapshot() == first
    assert Authenticator.objects.filter(user__email=STAFF).count() == 1


def test_if_empty_is_a_no_op_the_second_time():
    run("demo", "--if-empty", "--seed", "3")
    before = snapshot()
    entries = AuditEntry.objects.count()
    output = run("demo", "--if-empty", "--seed", "4")
    assert "enthält bereits Nutzerkonten" in output
    assert snapshot() == before
    assert AuditEntry.objects.count() == entries


def test_if_empty_leaves_an_installation_with_real_users_alone(staff_user):
    output = run("demo", "--if-empty")
    assert "enthält bereits Nutzerkonten" in output
    assert not User.objects.filter(email__endswith="@innonet.example").exists()


def test_login_lines_name_every_demo_login_and_are_url_free():
    assert demo_login_lines() == []
    demo_load(seed=9)
    text = "\n".join(demo_login_lines())
    for email in ROLES:
        assert email in text
    assert DEMO_PASSWORD in text
    assert staff_secret() in text
    assert "http" not in text


def test_totp_code_explains_unknown_user_and_missing_device(member_user):
    with pytest.raises(CommandError, match="kein Konto"):
        run("totp_code", "niemand@innonet.example")
    with pytest.raises(CommandError, match="keine Zwei-Faktor-Authentifizierung"):
        run("totp_code", member_user.email)
