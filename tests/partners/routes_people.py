"""Route x role rows for the people pages: list, detail, edit, roles and the consent log."""

from datetime import date

from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect
from tests.factories import AffiliationFactory, PersonFactory, UnitFactory


def objects(objs):
    """A person at the member's organisation (member_b's organisation is another one)."""
    own = objs["member"].organisation
    person = PersonFactory(first_name="Jörg", last_name="Weißmüller", email="jw@firma.de")
    role = AffiliationFactory(person=person, organisation=own, position="Geschäftsführer")
    unit = UnitFactory(organisation=own, name="Abteilung Vertrieb")
    return {"people_person": person, "people_role": role, "people_unit": unit}


def _person(objs):
    return {"pk": objs["people_person"].pk}


def _role(objs):
    return {"pk": objs["people_role"].pk}


PEOPLE_READ = expect(LOGIN, 200, 404, 403, 200, 200)
PEOPLE_CHANGE = expect(LOGIN, 200, 404, 403, 403, 200)
PEOPLE_CHANGED = expect(LOGIN, 302, 404, 403, 403, 302)

ROUTES = [
    Route("partners:person_list", expect(LOGIN, 200, 200, 403, 200, 200)),
    Route("partners:person_export", READERS, kwargs=lambda objs: {"fmt": "csv"}),
    Route("partners:person_export", READERS, kwargs=lambda objs: {"fmt": "xlsx"}),
    Route("partners:person_create", expect(LOGIN, 200, 200, 403, 403, 200)),
    Route(
        "partners:person_create",
        expect(LOGIN, 302, 302, 403, 403, 302),
        method="POST",
        data=lambda objs: {"last_name": "Neumann", "language": "de"},
        note="a member's new person joins the member's organisation",
    ),
    Route("partners:person_detail", PEOPLE_READ, kwargs=_person),
    Route("partners:person_update", PEOPLE_CHANGE, kwargs=_person),
    Route(
        "partners:person_update",
        PEOPLE_CHANGED,
        method="POST",
        kwargs=_person,
        data=lambda objs: {
            "last_name": "Weißmüller-Lange",
            "language": "de",
            "version": objs["people_person"].version,
        },
    ),
    Route("partners:affiliation_create", PEOPLE_CHANGE, kwargs=_person),
    Route(
        "partners:affiliation_create",
        PEOPLE_CHANGED,
        method="POST",
        kwargs=_person,
        data=lambda objs: {
            "organisation": objs["member"].organisation.pk,
            "unit": objs["people_unit"].pk,
            "position": "Vertriebsleiter",
        },
    ),
    Route("partners:affiliation_end", PEOPLE_CHANGE, kwargs=_role),
    Route(
        "partners:affiliation_end",
        PEOPLE_CHANGED,
        method="POST",
        kwargs=_role,
        data=lambda objs: {"ended_on": date(2025, 6, 30).isoformat()},
    ),
    Route("partners:consent_create", STAFF_ONLY, kwargs=_person),
    Route(
        "partners:consent_create",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=_person,
        data=lambda objs: {
            "purpose": "newsletter",
            "decision": "granted",
            "source": "Telefonat",
            "text_version": "2025-01",
        },
    ),
]
