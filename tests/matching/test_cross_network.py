"""Asking for partners in partner networks too: only among the profiles an agreement in force
grants to the member's network, and every suggestion says which network the partner is in."""

import pytest
from django.urls import reverse

from innonet.matching import queries
from innonet.matching.models import Visibility
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    UserFactory,
    host_network,
)
from tests.networks.factories import share_with

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db
IDEA = reverse("matching:idea")


@pytest.fixture
def world():
    """A member of the host; a partner network's organisation with a LoRaWAN profile for
    partner networks, and one with a profile for its own network only."""
    host, agri = host_network(), NetworkFactory(name="Agrarnetz Emsland")
    member = UserFactory(role="member")
    MembershipFactory(organisation=member.organisation, network=host, status="active")
    partner = OrganisationFactory(name="Feldfunk GmbH", description="Landtechnik")
    MembershipFactory(organisation=partner, network=agri, status="active")
    ProfileFactory(
        organisation=partner,
        network=agri,
        visibility=Visibility.PARTNERS,
        title="LoRaWAN-Gateways für Felder gesucht",
        summary="Wir suchen LoRaWAN-Funk für Bodensensoren.",
    )
    closed = OrganisationFactory(name="Stallnetz GmbH", description="Tierhaltung")
    ProfileFactory(
        organisation=closed,
        network=agri,
        visibility=Visibility.NETWORK,
        title="LoRaWAN im Stall",
        summary="LoRaWAN-Sensoren für Ställe.",
    )
    return {"host": host, "agri": agri, "member": member}


def found(answer) -> set[str]:
    return {match.organisation.name for match in answer.matches}


def test_without_an_agreement_partner_networks_add_nothing(world):
    answer = queries.who_can_help(world["member"], "LoRaWAN", partner_networks=True)
    assert found(answer) == set()


def test_with_an_agreement_the_member_may_ask_in_partner_networks(world):
    share_with(world["host"], grantor=world["agri"], profiles=True)
    within = queries.who_can_help(world["member"], "LoRaWAN", partner_networks=False)
    assert found(within) == set()
    across = queries.who_can_help(world["member"], "LoRaWAN", partner_networks=True)
    assert found(across) == {"Feldfunk GmbH"}  # the own-network profile stays closed
    assert across.matches[0].networks == ["Agrarnetz Emsland"]


def test_an_agreement_without_profiles_grants_no_suggestions(world):
    share_with(world["host"], grantor=world["agri"], formats=True, public_events=True)
    answer = queries.who_can_help(world["member"], "LoRaWAN", partner_networks=True)
    assert found(answer) == set()


def test_the_idea_page_asks_in_partner_networks_on_request(world, client_for):
    share_with(world["host"], grantor=world["agri"], profiles=True)
    client = client_for(world["member"])
    plain = client.get(IDEA, {"text": "LoRaWAN"})
    assert "Feldfunk GmbH" not in plain.content.decode()
    across = client.get(IDEA, {"text": "LoRaWAN", "partner_networks": "on"})
    html = across.content.decode()
    assert across.status_code == 200
    assert "Feldfunk GmbH" in html and "Agrarnetz Emsland" in html


def test_the_api_asks_in_partner_networks_on_request(world):
    from tests.events.test_api import Api

    share_with(world["host"], grantor=world["agri"], profiles=True)
    api = Api(world["member"])
    url = reverse("api-matching-idea")
    plain = api.post(url, {"text": "LoRaWAN"}).json()["results"]
    assert plain == []
    across = api.post(url, {"text": "LoRaWAN", "partner_networks": True}).json()["results"]
    assert [(row["organisation"]["name"], row["networks"]) for row in across] == [
        ("Feldfunk GmbH", ["Agrarnetz Emsland"])
    ]
