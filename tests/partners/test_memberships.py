"""Membership history: dated status changes, and the member count at any date."""

from datetime import date

import pytest

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.partners.services import members_on, membership_set_status
from tests.factories import NetworkFactory, OrganisationFactory


@pytest.fixture
def network(db):
    return NetworkFactory()


def test_member_count_on_any_date_follows_the_history(network, staff_user):
    early, late, left = OrganisationFactory.create_batch(3)
    for organisation, joined in ((early, date(2016, 3, 1)), (late, date(2020, 1, 1))):
        membership_set_status(
            organisation,
            network=network,
            status="applied",
            valid_from=joined,
            acting_user=staff_user,
        )
        membership_set_status(
            organisation,
            network=network,
            status="active",
            valid_from=joined,
            acting_user=staff_user,
        )
    membership_set_status(
        left,
        network=network,
        status="active",
        valid_from=date(2015, 1, 1),
        acting_user=staff_user,
    )
    membership_set_status(
        left,
        network=network,
        status="ended",
        valid_from=date(2019, 6, 30),
        reason="Geschäftsaufgabe",
        acting_user=staff_user,
    )
    assert set(members_on(network, date(2015, 6, 1))) == {left}
    assert set(members_on(network, date(2017, 1, 1))) == {early, left}
    assert set(members_on(network, date(2019, 7, 1))) == {early}
    assert set(members_on(network, date(2026, 1, 1))) == {early, late}
    assert left.memberships.get().status == "ended"
    assert AuditEntry.objects.filter(action="partners.membership.status_changed").count() == 6


def test_history_cannot_be_rewritten_backwards(network, staff_user):
    organisation = OrganisationFactory()
    membership_set_status(
        organisation,
        network=network,
        status="active",
        valid_from=date(2020, 1, 1),
        acting_user=staff_user,
    )
    with pytest.raises(DomainError):
        membership_set_status(
            organisation,
            network=network,
            status="paused",
            valid_from=date(2019, 1, 1),
            acting_user=staff_user,
        )
    with pytest.raises(DomainError):
        membership_set_status(
            organisation,
            network=network,
            status="honorary",
            valid_from=date(2021, 1, 1),
            acting_user=staff_user,
        )
    assert organisation.memberships.get().changes.count() == 1
