"""Route x role rows for importing and merging: staff only, everyone else 403 or login."""

from tests.access import LOGIN, STAFF_ONLY, Route, expect
from tests.factories import ImportJobFactory, OrganisationFactory, PersonFactory

STAFF_POSTS = expect(LOGIN, 403, 403, 403, 403, 302)


def objects(objs):
    job = ImportJobFactory(
        kind="organisations",
        filename="partner.csv",
        file_format="csv",
        delimiter=";",
        encoding="utf-8-sig",
        payload=b"Name;Art\nBeispiel GmbH;KMU\n",
        headers=["Name", "Art"],
        mapping={"0": "name", "1": "kind"},
        created_by=objs["staff"],
    )
    twin = OrganisationFactory(name="Doppelt GmbH", kind="sme")
    twin_b = OrganisationFactory(name="Doppelt G.m.b.H.", kind="sme")
    person = PersonFactory(first_name="Eva", last_name="Zwilling", email="eva@zw.de")
    person_b = PersonFactory(first_name="Eva", last_name="Zwilling", email="eva@zw.de")
    return {
        "import_job": job,
        "merge_keep": twin,
        "merge_other": twin_b,
        "merge_person": person,
        "merge_person_b": person_b,
    }


def _job(objs):
    return {"pk": objs["import_job"].pk}


ROUTES = [
    Route("partners:import_list", STAFF_ONLY),
    Route("partners:import_create", STAFF_ONLY),
    Route(
        "partners:import_create",
        expect(LOGIN, 403, 403, 403, 403, 400),
        method="POST",
        data=lambda objs: {"kind": "organisations"},
        note="no file: the form explains",
    ),
    Route("partners:import_detail", STAFF_ONLY, kwargs=_job),
    Route(
        "partners:import_detail",
        STAFF_POSTS,
        method="POST",
        kwargs=_job,
        data=lambda objs: {"col_0": "name", "col_1": "kind"},
        note="starts the dry run",
    ),
    Route("partners:import_status", STAFF_ONLY, kwargs=_job),
    Route("partners:import_commit", STAFF_POSTS, method="POST", kwargs=_job),
    Route(
        "partners:import_commit",
        expect(LOGIN, 403, 403, 403, 403, 405),
        kwargs=_job,
        note="committing writes, so only POST",
    ),
    Route("partners:organisation_merge", STAFF_ONLY, kwargs=lambda o: {"pk": o["merge_keep"].pk}),
    Route(
        "partners:organisation_merge",
        STAFF_POSTS,
        method="POST",
        kwargs=lambda objs: {"pk": objs["merge_keep"].pk},
        data=lambda objs: {"other": objs["merge_other"].pk},
    ),
    Route("partners:person_merge", STAFF_ONLY, kwargs=lambda o: {"pk": o["merge_person"].pk}),
    Route(
        "partners:person_merge",
        STAFF_POSTS,
        method="POST",
        kwargs=lambda objs: {"pk": objs["merge_person"].pk},
        data=lambda objs: {"other": objs["merge_person_b"].pk},
    ),
]
