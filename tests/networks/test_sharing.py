"""What a partner network's manager and members see of another network: exactly what an
agreement in force grants, nothing without one or after it ended (field x role)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core import permissions
from innonet.events.models import Event, EventVisibility, Format
from innonet.matching.models import CooperationProfile, Visibility
from innonet.matching.queries.sharing import sees_contact
from innonet.networks import services
from tests.events.test_api import Api
from tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    EventFactory,
    FormatFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    host_network,
)
from tests.matching.factories import ProfileFactory
from tests.networks.factories import share_with

pytestmark = pytest.mark.django_db
ROLES = ("manager_b", "member_b")


def contact(organisation, *, consented: bool):
    person = PersonFactory()
    AffiliationFactory(person=person, organisation=organisation)
    if consented:
        ConsentFactory(person=person, purpose="partner_sharing", granted=True)
    return person


@pytest.fixture
def world(manager_user):
    """Network A (the host) with one thing of each kind; network B is the manager's, with a
    member user whose organisation is an active member of B only."""
    a, b = host_network(), manager_user.network
    member_b = UserFactory(role="member")
    MembershipFactory(organisation=member_b.organisation, network=b, status="active")
    partners = ProfileFactory(visibility=Visibility.PARTNERS, network=a)
    partners.contact = contact(partners.organisation, consented=True)
    partners.save()
    unconsented = ProfileFactory(visibility=Visibility.PARTNERS, network=a)
    unconsented.contact = contact(unconsented.organisation, consented=False)
    unconsented.save()
    return {
        "a": a,
        "b": b,
        "users": {"manager_b": manager_user, "member_b": member_b},
        "shared_format": FormatFactory(network=a, is_shared=True),
        "unshared_format": FormatFactory(network=a, is_shared=False),
        "public_event": EventFactory(organiser=a),
        "members_event": EventFactory(organiser=a, visibility=EventVisibility.MEMBERS),
        "partners_profile": partners,
        "unconsented_profile": unconsented,
        "network_profile": ProfileFactory(visibility=Visibility.NETWORK, network=a),
    }


def seen(world, role) -> dict[str, set]:
    """What of network A the user sees, kind by kind."""
    user = world["users"][role]
    a = world["a"]
    profiles = permissions.visible(user, CooperationProfile.objects.filter(network=a))
    return {
        "formats": set(permissions.visible(user, Format.objects.filter(network=a))),
        "events": set(permissions.visible(user, Event.objects.filter(organiser=a))),
        "profiles": set(profiles),
        "contacts": {p for p in profiles if sees_contact(user, p)},
    }


NOTHING = {"formats": set(), "events": set(), "profiles": set(), "contacts": set()}


@pytest.mark.parametrize("role", ROLES)
def test_without_an_agreement_nothing_of_the_other_network_is_seen(world, role):
    assert seen(world, role) == NOTHING


@pytest.mark.parametrize("role", ROLES)
def test_an_agreement_grants_exactly_what_it_shares(world, role):
    share_with(world["b"], grantor=world["a"])
    assert seen(world, role) == {
        "formats": {world["shared_format"]},
        "events": {world["public_event"]},
        "profiles": {world["partners_profile"], world["unconsented_profile"]},
        "contacts": {world["partners_profile"]},  # only the person who consented
    }


@pytest.mark.parametrize(
    ("share", "kind", "key"),
    [
        ("formats", "formats", "shared_format"),
        ("public_events", "events", "public_event"),
        ("profiles", "profiles", "partners_profile"),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_each_share_opens_only_its_own_kind(world, role, share, kind, key):
    share_with(world["b"], grantor=world["a"], **{share: True})
    got = seen(world, role)
    assert world[key] in got[kind]
    assert {name: found for name, found in got.items() if name != kind and found} == {}


@pytest.mark.parametrize("role", ROLES)
def test_contacts_need_both_the_share_and_the_consent(world, role):
    share_with(world["b"], grantor=world["a"], profiles=True)
    assert seen(world, role)["contacts"] == set()
    share_with(world["b"], grantor=world["a"], contacts=True)
    assert seen(world, role)["contacts"] == {world["partners_profile"]}


@pytest.mark.parametrize("role", ROLES)
def test_an_ended_agreement_shares_nothing(world, role, staff_user):
    agreement = share_with(world["b"], grantor=world["a"])
    agreement.valid_from = timezone.localdate() - timedelta(days=30)
    agreement.save()
    services.agreement_end(
        agreement, on=timezone.localdate() - timedelta(days=1), acting_user=staff_user
    )
    assert seen(world, role) == NOTHING


@pytest.mark.parametrize("role", ROLES)
def test_an_agreement_the_other_way_shares_nothing_with_b(world, role):
    share_with(world["a"], grantor=world["b"])
    assert seen(world, role) == NOTHING


def test_the_pages_and_the_api_follow_the_agreement(world, client_for):
    manager = world["users"]["manager_b"]
    client, api = client_for(manager), Api(manager)
    format_page = reverse("events:format_detail", kwargs={"pk": world["shared_format"].pk})
    profile = world["partners_profile"]
    profile_api = reverse("cooperation-profile-detail", kwargs={"pk": profile.pk})
    event_api = f"/api/events/{world['public_event'].pk}/"
    assert client.get(format_page).status_code == 404
    assert api.get(profile_api).status_code == 404
    assert api.get(event_api).status_code == 404

    share_with(world["b"], grantor=world["a"])

    assert client.get(format_page).status_code == 200
    assert api.get(event_api).status_code == 200
    body = api.get(profile_api).json()
    assert body["contact"] is not None
    unconsented = world["unconsented_profile"]
    unconsented_api = reverse("cooperation-profile-detail", kwargs={"pk": unconsented.pk})
    assert api.get(unconsented_api).json()["contact"] is None
    members_only = world["members_event"]
    assert api.get(f"/api/events/{members_only.pk}/").status_code == 404


def test_a_public_event_page_stays_open_by_its_address(world, client_for):
    """Lists leave out what is not shared, but a public page is public."""
    client = client_for(world["users"]["member_b"])
    event = world["public_event"]
    assert client.get(reverse("events:event_detail", kwargs={"pk": event.pk})).status_code == 200
    listed = client.get(reverse("events:event_list")).context["events"]
    assert event not in list(listed)


def test_adopting_a_format_needs_the_format_share(world, client_for):
    manager = world["users"]["manager_b"]
    share_with(world["b"], grantor=world["a"], formats=True)
    url = reverse("events:format_adopt", kwargs={"pk": world["shared_format"].pk})
    assert client_for(manager).post(url).status_code == 302
    assert Format.objects.filter(network=world["b"], adopted_from=world["shared_format"]).exists()
