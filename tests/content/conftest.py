"""Fixtures of the news and knowledge base tests: the host network they belong to."""

import pytest

from innonet.networks.models import Network
from tests.factories import NetworkFactory


@pytest.fixture(autouse=True)
def host_network(db):
    return Network.objects.filter(kind=Network.Kind.HOST).first() or NetworkFactory(
        kind=Network.Kind.HOST, name="Innovationsnetz Osnabrück"
    )
