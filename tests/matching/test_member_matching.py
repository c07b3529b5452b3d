"""Matching as a member: the suggestions hold everything the member may see (visibility is
applied before the engine cuts off its top results), never the member's own organisation, and
each score is explained relative to the best result."""

import pytest
from django.urls import reverse

from innonet.matching import queries
from innonet.matching.models import Visibility
from innonet.partners.models import MemberVisibility, Organisation
from tests.factories import OrganisationFactory, UserFactory

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

IDEA = reverse("matching:idea")
LORA = "Wir bauen Sensorknoten, die Messwerte per LoRaWAN über weite Strecken funken."


@pytest.fixture
def network():
    """Thirty hidden organisations that fit LoRaWAN best, two organisations seen only through
    a published LoRaWAN profile, one in the member directory, and the member's own organisation,
    which fits best of all."""
    hidden = [
        OrganisationFactory(
            name=f"Verborgen {n:02d} Funk GmbH",
            description=LORA * 3,
            keywords="LoRaWAN, Funk, Sensorknoten",
        )
        for n in range(30)
    ]
    profiled = []
    for name in ("Profil Eins GmbH", "Profil Zwei GmbH"):
        organisation = OrganisationFactory(name=name, description="Maschinenbau")
        ProfileFactory(
            organisation=organisation,
            visibility=Visibility.PARTNERS,
            title=f"LoRaWAN-Gateways gesucht ({name})",
            summary="Wir suchen LoRaWAN-Gateways für unsere Felder.",
        )
        profiled.append(organisation)
    listed = OrganisationFactory(
        name="Verzeichnis Funk GmbH",
        description="Wir planen LoRaWAN-Netze.",
        member_visibility=MemberVisibility.SHOWN,
    )
    member = UserFactory(role="member")
    own = member.organisation
    own.description = LORA * 4
    own.member_visibility = MemberVisibility.SHOWN
    own.save()
    ProfileFactory(organisation=own, visibility=Visibility.PUBLIC, title="Unser LoRaWAN-Angebot")
    return {"member": member, "hidden": hidden, "profiled": profiled, "listed": listed}


def names(answer) -> set[str]:
    return {match.organisation.name for match in answer.matches}


def test_a_member_gets_every_visible_match_despite_the_cut_off(network, staff_user):
    member = network["member"]
    answer = queries.who_can_help(member, "LoRaWAN", limit=3)
    expected = {"Profil Eins GmbH", "Profil Zwei GmbH", "Verzeichnis Funk GmbH"}
    assert names(answer) == expected
    # The office sees the same items among everything else (own and hidden organisations).
    everything = names(queries.who_can_help(staff_user, "LoRaWAN", limit=100))
    visible_to_member = expected | {network["member"].organisation.name}
    visible_to_member |= {o.name for o in network["hidden"]}
    assert everything == visible_to_member
    assert everything - {member.organisation.name} - {o.name for o in network["hidden"]} == (
        names(answer)
    )


def test_the_member_never_gets_its_own_organisation(network):
    member = network["member"]
    for limit in (1, 20):
        answer = queries.who_can_help(member, LORA, limit=limit)
        assert member.organisation.name not in names(answer)
        assert all(
            match.via_profile is None or match.via_profile.organisation_id != member.organisation_id
            for match in answer.matches
        )


def test_an_organisation_seen_only_through_a_profile_links_to_the_profile(network, client_for):
    content = client_for(network["member"]).get(IDEA, {"text": "LoRaWAN"}).content.decode()
    profiled = network["profiled"][0]
    assert f"/partners/{profiled.pk}/" not in content  # the registry page is not theirs to see
    profile = profiled.cooperation_profiles.get()
    assert reverse("matching:profile_detail", kwargs={"pk": profile.pk}) in content
    listed = network["listed"]
    assert reverse("partners:directory_detail", kwargs={"pk": listed.pk}) in content


def test_scores_are_explained_relative_to_the_best(network, client_for, staff_user):
    answer = queries.who_can_help(network["member"], "LoRaWAN Gateways", limit=10)
    assert answer.matches[0].relative == 100
    assert all(0 <= match.relative <= 100 for match in answer.matches)
    assert answer.matches[0].strength[0] == "strong"
    client = client_for(network["member"])
    client.cookies["django_language"] = "en"
    content = client.get(IDEA, {"text": "LoRaWAN Gateways"}).content.decode()
    assert "Strong match" in content and "100 % of the best result" in content
    assert "score " not in content  # the raw number means nothing without a scale
    staff = client_for(staff_user)
    staff.cookies["django_language"] = "en"
    assert "score" in staff.get(IDEA, {"text": "LoRaWAN"}).content.decode()


def test_results_come_before_the_form_once_asked(network, client_for):
    content = client_for(network["member"]).get(IDEA, {"text": "LoRaWAN"}).content.decode()
    assert content.index('id="results-heading"') < content.index('name="text"')
    assert "<details" in content  # the form is folded away beside the results
    empty = client_for(network["member"]).get(IDEA).content.decode()
    assert "<details" not in empty and 'name="text"' in empty


def test_profile_matches_of_a_member_leave_out_its_own_profiles(network):
    member = network["member"]
    other = network["profiled"][0].cooperation_profiles.get()
    _answer, counterparts = queries.who_fits_profile(member, other, limit=20)
    assert all(match.organisation != member.organisation for match in counterparts)
    assert Organisation.objects.filter(pk=member.organisation_id).exists()
