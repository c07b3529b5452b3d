"""Route x role rows for the office's pages of networks and their agreements."""

from tests.access import LOGIN, STAFF_ONLY, Route, expect, pk_of
from tests.factories import NetworkFactory
from tests.networks.factories import AgreementFactory

STAFF_WRITES = expect(LOGIN, 403, 403, 403, 403, 302)


def objects(objs):
    """An agreement of the host with a sector network, and two networks without one."""
    return {
        "agreement": AgreementFactory(),
        "net_a": NetworkFactory(name="Agrarnetz Route"),
        "net_b": NetworkFactory(name="Energienetz Route"),
    }


def _agreement_data(objs):
    return {
        "grantor": objs["net_a"].pk,
        "grantee": objs["net_b"].pk,
        "shares_profiles": "on",
        "valid_from": "2026-01-01",
        "valid_until": "",
        "signed_by": objs["staff"].pk,
        "signed_on": "",
    }


ROUTES = [
    Route("networks:network_list", STAFF_ONLY),
    Route("networks:agreement_create", STAFF_ONLY),
    Route("networks:agreement_create", STAFF_WRITES, method="POST", data=_agreement_data),
    Route("networks:agreement_update", STAFF_ONLY, kwargs=pk_of("agreement")),
    Route(
        "networks:agreement_update",
        STAFF_WRITES,
        method="POST",
        kwargs=pk_of("agreement"),
        data=_agreement_data,
    ),
    Route("networks:agreement_end", STAFF_WRITES, method="POST", kwargs=pk_of("agreement")),
    Route(
        "networks:agreement_end",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=pk_of("agreement"),
        note="ending changes data, so only POST",
    ),
]
