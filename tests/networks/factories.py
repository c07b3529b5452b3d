"""Agreements between networks for tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from innonet.networks.models import NetworkAgreement
from tests.factories import NetworkFactory, host_network


class AgreementFactory(factory.django.DjangoModelFactory):
    """The host network shares everything with a new sector network, since last month."""

    class Meta:
        model = NetworkAgreement

    grantor = factory.LazyFunction(host_network)
    grantee = factory.SubFactory(NetworkFactory)
    shares_formats = True
    shares_public_events = True
    shares_profiles = True
    shares_contacts = True
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = None


def share_with(grantee, grantor=None, **shares):
    """An agreement in force by which `grantor` (the host by default) shares with `grantee`:
    everything, or only the shares given as True."""
    if shares:
        flags = {f"shares_{name}": value for name, value in shares.items()}
        defaults = dict.fromkeys(
            ("shares_formats", "shares_public_events", "shares_profiles", "shares_contacts"),
            False,
        )
        flags = {**defaults, **flags}
    else:
        flags = {}
    return AgreementFactory(grantor=grantor or host_network(), grantee=grantee, **flags)
