"""Route x role rows for the REST API of projects, their partners, programmes and calls.

A project the caller may not see answers 404, and so does its partner entry; members read the
projects their organisation is a partner of (not staff-only ones), network managers read
network-level ones, the board reads all; only staff write."""

from datetime import timedelta

from django.utils import timezone

from tests.access import Route, expect
from tests.factories import OrganisationFactory
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProgrammeFactory, ProjectFactory

JSON = "application/json"
SIGNED_IN = expect(401, 200, 200, 200, 200, 200)
STAFF_CREATES = expect(401, 403, 403, 403, 403, 201)
STAFF_CHANGES = expect(401, 403, 403, 403, 403, 200)
NOT_ALLOWED = expect(401, 405, 405, 405, 405, 405)
# Visible to org A's members and the readers; staff change it.
PARTNERS_LEVEL = expect(401, 200, 404, 404, 200, 200)
PARTNERS_LEVEL_WRITE = expect(401, 403, 404, 404, 403, 200)


def objects(objs):
    org_a = objs["member"].organisation
    staff_only = ProjectFactory(title="API vertraulich", confidentiality="staff")
    partners = ProjectFactory(title="API Partnerprojekt", confidentiality="partners")
    network = ProjectFactory(title="API Netzwerkprojekt", confidentiality="network")
    for project in (staff_only, partners, network):
        PartnerFactory(project=project, organisation=org_a)
    programme = ProgrammeFactory(name="API-Programm")
    return {
        "papi_staff_project": staff_only,
        "papi_partners_project": partners,
        "papi_network_project": network,
        "papi_partner": partners.partners.get(),
        "papi_staff_partner": staff_only.partners.get(),
        "papi_programme": programme,
        "papi_call": make_call(programme, title="API-Aufruf"),
        "papi_new_org": OrganisationFactory(name="API Neupartner"),
    }


def _pk(key):
    return lambda objs: {"pk": objs[key].pk}


def _due():
    return (timezone.now() + timedelta(days=60)).isoformat()


ROUTES = [
    # projects
    Route("project-list", SIGNED_IN),
    Route(
        "project-list",
        STAFF_CREATES,
        method="POST",
        data=lambda objs: {"title": "Neue Idee", "confidentiality": "partners"},
        content_type=JSON,
    ),
    Route(
        "project-detail",
        expect(401, 404, 404, 404, 200, 200),
        kwargs=_pk("papi_staff_project"),
        note="staff only: org A is a partner, yet its members do not see it",
    ),
    Route("project-detail", PARTNERS_LEVEL, kwargs=_pk("papi_partners_project")),
    Route(
        "project-detail",
        expect(401, 200, 404, 200, 200, 200),
        kwargs=_pk("papi_network_project"),
    ),
    Route(
        "project-detail",
        PARTNERS_LEVEL_WRITE,
        method="PATCH",
        kwargs=_pk("papi_partners_project"),
        data=lambda objs: {"next_step": "Skizze schreiben", "version": 1},
        content_type=JSON,
    ),
    Route(
        "project-detail",
        expect(401, 404, 404, 404, 403, 200),
        method="PATCH",
        kwargs=_pk("papi_staff_project"),
        data=lambda objs: {"next_step": "Skizze schreiben", "version": 1},
        content_type=JSON,
    ),
    Route("project-detail", NOT_ALLOWED, method="DELETE", kwargs=_pk("papi_partners_project")),
    Route(
        "project-move",
        STAFF_CHANGES,
        method="POST",
        kwargs=_pk("papi_partners_project"),
        data=lambda objs: {"stage": "sounding", "version": 1},
        content_type=JSON,
        note="a POST needs a role that may write projects before any object is looked up",
    ),
    Route(
        "project-move",
        STAFF_CHANGES,
        method="POST",
        kwargs=_pk("papi_staff_project"),
        data=lambda objs: {"stage": "sounding", "version": 1},
        content_type=JSON,
        note="the same 403 for a hidden project: nothing about it leaks",
    ),
    Route("project-move", NOT_ALLOWED, kwargs=_pk("papi_partners_project")),
    # partners
    Route("project-partner-list", SIGNED_IN),
    Route(
        "project-partner-list",
        STAFF_CREATES,
        method="POST",
        data=lambda objs: {
            "project": objs["papi_partners_project"].pk,
            "organisation": objs["papi_new_org"].pk,
            "role": "lead",
            "requested_amount": "150000.00",
        },
        content_type=JSON,
    ),
    Route("project-partner-detail", PARTNERS_LEVEL, kwargs=_pk("papi_partner")),
    Route(
        "project-partner-detail",
        expect(401, 404, 404, 404, 200, 200),
        kwargs=_pk("papi_staff_partner"),
        note="the partner entry of a staff-only project is as hidden as the project",
    ),
    Route(
        "project-partner-detail",
        PARTNERS_LEVEL_WRITE,
        method="PATCH",
        kwargs=_pk("papi_partner"),
        data=lambda objs: {"requested_amount": "1000.00"},
        content_type=JSON,
    ),
    Route(
        "project-partner-detail",
        expect(401, 403, 404, 404, 403, 204),
        method="DELETE",
        kwargs=_pk("papi_partner"),
    ),
    # programmes
    Route("funding-programme-list", SIGNED_IN),
    Route(
        "funding-programme-list",
        STAFF_CREATES,
        method="POST",
        data=lambda objs: {
            "name": "EFRE Transfer",
            "funder": "Land",
            "level": "regional",
            "rates": {"sme": "50.00", "research": "100"},
        },
        content_type=JSON,
    ),
    Route("funding-programme-detail", SIGNED_IN, kwargs=_pk("papi_programme")),
    Route(
        "funding-programme-detail",
        STAFF_CHANGES,
        method="PATCH",
        kwargs=_pk("papi_programme"),
        data=lambda objs: {"requires_sme": True},
        content_type=JSON,
    ),
    Route("funding-programme-detail", NOT_ALLOWED, method="DELETE", kwargs=_pk("papi_programme")),
    # calls
    Route("funding-call-list", SIGNED_IN),
    Route(
        "funding-call-list",
        STAFF_CREATES,
        method="POST",
        data=lambda objs: {
            "programme": objs["papi_programme"].pk,
            "title": "Aufruf Kreislaufwirtschaft",
            "deadlines": [{"label": "Skizze", "due_at": _due()}],
        },
        content_type=JSON,
    ),
    Route("funding-call-detail", SIGNED_IN, kwargs=_pk("papi_call")),
    Route(
        "funding-call-detail",
        STAFF_CHANGES,
        method="PATCH",
        kwargs=_pk("papi_call"),
        data=lambda objs: {"topics": "Recycling"},
        content_type=JSON,
    ),
    Route("funding-call-detail", NOT_ALLOWED, method="DELETE", kwargs=_pk("papi_call")),
]
