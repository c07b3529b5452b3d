"""Route x role rows for the GDPR pages."""

from tests.access import LOGIN, READERS, STAFF_ONLY, Route, expect
from tests.factories import AffiliationFactory, PersonFactory


def objects(objs):
    person = PersonFactory(first_name="Erika", last_name="Musterfrau", email="e@m.de")
    AffiliationFactory(person=person, organisation=objs["member"].organisation)
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
    Route("partners:person_accesses", STAFF_ONLY, kwargs=_person),
    Route("partners:person_accesses_export", STAFF_ONLY, kwargs=_person),
    Route("partners:privacy_records_export", STAFF_ONLY, kwargs=lambda objs: {"fmt": "csv"}),
    Route("partners:privacy_records_export", STAFF_ONLY, kwargs=lambda objs: {"fmt": "xlsx"}),
]
