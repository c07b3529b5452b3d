"""Route x role rows for the registry's REST API (organisations, units, people, memberships,
interactions). Another organisation's object answers 404; writes need the right role."""

from datetime import date

from innonet.partners.models import Membership
from tests.access import (
    API_NOT_ALLOWED,
    API_SIGNED_IN,
    API_STAFF_WRITE,
    JSON,
    Route,
    api_rows,
    expect,
    pk_of,
)
from tests.factories import (
    AffiliationFactory,
    InteractionFactory,
    NetworkFactory,
    PersonFactory,
    UnitFactory,
)

OFFICE_READ = expect(401, 403, 403, 403, 200, 200)


def objects(objs):
    own = objs["member"].organisation
    network = objs["network_manager"].network
    membership, _created = Membership.objects.get_or_create(organisation=own, network=network)
    person = PersonFactory(first_name="Api", last_name="Kontakt", email="")
    AffiliationFactory(person=person, organisation=own, is_main_contact=True)
    return {
        "api_org": own,
        "api_unit": UnitFactory(organisation=own, name="API-Labor"),
        "api_person": person,
        "api_membership": membership,
        "api_sector": NetworkFactory(),
        "api_interaction": InteractionFactory(
            kind="call", happened_on=date(2026, 1, 5), organisation=own, topic="Rückruf"
        ),
    }


ROUTES = [
    *api_rows(
        "organisation",
        "api_org",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {"name": "Neue Werkstatt GmbH", "kind": "sme"},
        detail_get=expect(401, 200, 404, 200, 200, 200),
        detail_patch=expect(401, 200, 404, 403, 403, 200),
        patch_data=lambda objs: {"city": "Melle", "version": objs["api_org"].version},
        # Organisations leave the registry by merge or on the pages, not through the API.
        detail_delete=API_NOT_ALLOWED,
    ),
    *api_rows(
        "unit",
        "api_unit",
        list_get=API_SIGNED_IN,
        # member_b cannot name another organisation: 400, nothing created.
        list_post=expect(401, 201, 400, 403, 403, 201),
        post_data=lambda objs: {"organisation": objs["api_org"].pk, "name": "Neue Gruppe"},
        detail_get=expect(401, 200, 404, 200, 200, 200),
        detail_patch=expect(401, 200, 404, 403, 403, 200),
        patch_data=lambda objs: {"description": "Sensorik"},
        detail_delete=expect(401, 204, 404, 403, 403, 204),
    ),
    *api_rows(
        "person",
        "api_person",
        list_get=API_SIGNED_IN,
        list_post=expect(401, 201, 400, 403, 403, 201),
        post_data=lambda objs: {"last_name": "Neumann", "organisation": objs["api_org"].pk},
        detail_get=expect(401, 200, 404, 404, 200, 200),
        detail_patch=expect(401, 200, 404, 404, 403, 200),
        patch_data=lambda objs: {"phone": "0541 123", "version": objs["api_person"].version},
    ),
    *api_rows(
        "membership",
        "api_membership",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {
            "organisation": objs["api_org"].pk,
            "network": objs["api_sector"].pk,
            "status": "applied",
            "valid_from": "2026-02-01",
        },
        detail_get=expect(401, 200, 404, 200, 200, 200),
    ),
    Route(
        "membership-set-status",
        expect(401, 403, 403, 403, 403, 200),
        method="POST",
        kwargs=pk_of("api_membership"),
        data=lambda objs: {"status": "active", "valid_from": "2026-03-01"},
        content_type=JSON,
    ),
    *api_rows(
        "interaction",
        "api_interaction",
        list_get=OFFICE_READ,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {
            "kind": "visit",
            "happened_on": "2026-02-02",
            "organisation": objs["api_org"].pk,
            "topic": "Besuch",
        },
        detail_get=OFFICE_READ,
        detail_patch=expect(401, 403, 403, 403, 403, 200),
        patch_data=lambda objs: {"notes": "Angebot folgt"},
    ),
]
