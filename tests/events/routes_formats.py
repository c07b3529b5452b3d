"""Route x role rows for the format catalogue."""

from tests.access import LOGIN, SIGNED_IN, Route, expect
from tests.factories import FormatFactory, host_network

# Staff and network managers keep formats and create events; members and the board read.
KEEPERS = expect(LOGIN, 403, 403, 200, 403, 200)
KEPT = expect(LOGIN, 403, 403, 302, 403, 302)


def objects(objs):
    """A shared format of the host network and an unshared one of the manager's network."""
    manager_network = objs["network_manager"].network
    return {
        "fmt_host": FormatFactory(network=host_network(), name="Expertenfrühstück", is_shared=True),
        "fmt_own": FormatFactory(network=manager_network, name="Hofgespräch", is_shared=False),
    }


def _host(objs):
    return {"pk": objs["fmt_host"].pk}


def _own(objs):
    return {"pk": objs["fmt_own"].pk}


def _format_data(objs):
    return {
        "network": objs["network_manager"].network.pk,
        "name": "Sensorik-Stammtisch",
        "goal": "Austausch",
        "duration_minutes": "90",
        "capacity": "20",
        "is_active": "on",
    }


ROUTES = [
    Route("events:format_list", SIGNED_IN),
    Route("events:format_detail", SIGNED_IN, kwargs=_host),
    Route(
        "events:format_detail",
        expect(LOGIN, 404, 404, 200, 200, 200),
        kwargs=_own,
        note="an unshared format stays with its network, agreement or not",
    ),
    Route("events:format_create", KEEPERS),
    Route("events:format_create", KEPT, method="POST", data=_format_data),
    Route(
        "events:format_update",
        expect(LOGIN, 404, 404, 200, 403, 200),
        kwargs=_own,
        note="members do not see another network's unshared format",
    ),
    Route(
        "events:format_update",
        expect(LOGIN, 403, 403, 403, 403, 200),
        kwargs=_host,
        note="a manager keeps only the own network's formats",
    ),
    Route(
        "events:format_update",
        expect(LOGIN, 404, 404, 302, 403, 302),
        method="POST",
        kwargs=_own,
        data=_format_data,
    ),
    Route(
        "events:format_adopt",
        KEPT,
        method="POST",
        kwargs=_host,
        data=lambda objs: {"network": objs["network_manager"].network.pk},
        note="staff choose the network; a manager adopts for the own network",
    ),
    Route(
        "events:format_adopt",
        expect(LOGIN, 405, 405, 405, 405, 405),
        kwargs=_host,
        note="adopting changes data, so only POST",
    ),
    Route("events:event_create_from_format", KEEPERS, kwargs=_host),
    Route(
        "events:event_create_from_format",
        KEPT,
        method="POST",
        kwargs=_host,
        data=lambda objs: {
            "starts_at": "2031-05-06T09:30",
            "organiser": objs["network_manager"].network.pk,
        },
    ),
]
