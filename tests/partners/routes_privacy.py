"""Route x role rows for the GDPR pages."""

from innonet.partners.models import Affiliation, Person
from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect


def objects(objs):
    person = Person.objects.create(first_name="Erika", last_name="Musterfrau", email="e@m.de")
    Affiliation.objects.create(person=person, organisation=objs["member"].organisation)
    return {"privacy_person": person}


def _person(objs):
    return {"pk": objs["privacy_person"].pk}


ROUTES = [
    Route("partners:person_export_json", STAFF_ONLY, kwargs=_person),
    Route("partners:person_export_pdf", STAFF_ONLY, kwargs=_person),
    Route("partners:person_erase", STAFF_ONLY, kwargs=_person),
    Route(
        "partners:person_erase",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        kwargs=_person,
        data=lambda objs: {"reason": "Bitte per E-Mail", "confirm": "on"},
    ),
    Route("partners:privacy_register", READERS),
]
