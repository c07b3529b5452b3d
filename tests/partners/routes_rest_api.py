"""Route x role rows for the registry's REST API (organisations, units, people, memberships,
interactions). Another organisation's object answers 404; writes need the right role."""

from datetime import date

from innonet.partners.models import Affiliation, Interaction, Membership, Person, Unit
from tests.access import Route, expect
from tests.factories import NetworkFactory

JSON = "application/json"
API_READ = expect(401, 200, 200, 200, 200, 200)
OFFICE_READ = expect(401, 403, 403, 403, 200, 200)
OFFICE_WRITE = expect(401, 403, 403, 403, 403, 201)


def objects(objs):
    own = objs["member"].organisation
    network = objs["network_manager"].network
    membership, _created = Membership.objects.get_or_create(organisation=own, network=network)
    person = Person.objects.create(first_name="Api", last_name="Kontakt")
    Affiliation.objects.create(person=person, organisation=own, is_main_contact=True)
    return {
        "api_org": own,
        "api_unit": Unit.objects.create(organisation=own, name="API-Labor"),
        "api_person": person,
        "api_membership": membership,
        "api_sector": NetworkFactory(),
        "api_interaction": Interaction.objects.create(
            kind="call", happened_on=date(2026, 1, 5), organisation=own, topic="Rückruf"
        ),
    }


def _pk(key):
    return lambda objs: {"pk": objs[key].pk}


ROUTES = [
    Route("organisation-list", API_READ),
    Route(
        "organisation-list",
        OFFICE_WRITE,
        method="POST",
        data=lambda objs: {"name": "Neue Werkstatt GmbH", "kind": "sme"},
        content_type=JSON,
    ),
    Route("organisation-detail", expect(401, 200, 404, 200, 200, 200), kwargs=_pk("api_org")),
    Route(
        "organisation-detail",
        expect(401, 200, 404, 403, 403, 200),
        method="PATCH",
        kwargs=_pk("api_org"),
        data=lambda objs: {"city": "Melle", "version": objs["api_org"].version},
        content_type=JSON,
    ),
    Route(
        "organisation-detail",
        expect(401, 405, 405, 405, 405, 405),
        method="DELETE",
        kwargs=_pk("api_org"),
        note="organisations leave the registry by merge or on the pages, not through the API",
    ),
    Route("unit-list", API_READ),
    Route(
        "unit-list",
        expect(401, 201, 400, 403, 403, 201),
        method="POST",
        data=lambda objs: {"organisation": objs["api_org"].pk, "name": "Neue Gruppe"},
        content_type=JSON,
        note="member_b cannot name another organisation: 400, nothing created",
    ),
    Route("unit-detail", expect(401, 200, 404, 200, 200, 200), kwargs=_pk("api_unit")),
    Route(
        "unit-detail",
        expect(401, 200, 404, 403, 403, 200),
        method="PATCH",
        kwargs=_pk("api_unit"),
        data=lambda objs: {"description": "Sensorik"},
        content_type=JSON,
    ),
    Route(
        "unit-detail",
        expect(401, 204, 404, 403, 403, 204),
        method="DELETE",
        kwargs=_pk("api_unit"),
    ),
    Route("person-list", API_READ),
    Route(
        "person-list",
        expect(401, 201, 400, 403, 403, 201),
        method="POST",
        data=lambda objs: {"last_name": "Neumann", "organisation": objs["api_org"].pk},
        content_type=JSON,
    ),
    Route("person-detail", expect(401, 200, 404, 404, 200, 200), kwargs=_pk("api_person")),
    Route(
        "person-detail",
        expect(401, 200, 404, 404, 403, 200),
        method="PATCH",
        kwargs=_pk("api_person"),
        data=lambda objs: {"phone": "0541 123", "version": objs["api_person"].version},
        content_type=JSON,
    ),
    Route("membership-list", API_READ),
    Route(
        "membership-list",
        OFFICE_WRITE,
        method="POST",
        data=lambda objs: {
            "organisation": objs["api_org"].pk,
            "network": objs["api_sector"].pk,
            "status": "applied",
            "valid_from": "2026-02-01",
        },
        content_type=JSON,
    ),
    Route(
        "membership-detail",
        expect(401, 200, 404, 200, 200, 200),
        kwargs=_pk("api_membership"),
    ),
    Route(
        "membership-set-status",
        expect(401, 403, 403, 403, 403, 200),
        method="POST",
        kwargs=_pk("api_membership"),
        data=lambda objs: {"status": "active", "valid_from": "2026-03-01"},
        content_type=JSON,
    ),
    Route("interaction-list", OFFICE_READ),
    Route(
        "interaction-list",
        OFFICE_WRITE,
        method="POST",
        data=lambda objs: {
            "kind": "visit",
            "happened_on": "2026-02-02",
            "organisation": objs["api_org"].pk,
            "topic": "Besuch",
        },
        content_type=JSON,
    ),
    Route("interaction-detail", OFFICE_READ, kwargs=_pk("api_interaction")),
    Route(
        "interaction-detail",
        expect(401, 403, 403, 403, 403, 200),
        method="PATCH",
        kwargs=_pk("api_interaction"),
        data=lambda objs: {"notes": "Angebot folgt"},
        content_type=JSON,
    ),
]
