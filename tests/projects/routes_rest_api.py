"""Route x role rows for the REST API of projects, their partners, programmes and calls.

A project the caller may not see answers 404, and so does its partner entry; members read the
projects their organisation is a partner of (not staff-only ones), network managers read
network-level ones, the board reads all; only staff write."""

from datetime import timedelta

from django.utils import timezone

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
from tests.factories import OrganisationFactory
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProgrammeFactory, ProjectFactory

STAFF_CHANGES = expect(401, 403, 403, 403, 403, 200)
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


def _due():
    return (timezone.now() + timedelta(days=60)).isoformat()


ROUTES = [
    *api_rows(
        "project",
        "papi_partners_project",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {"title": "Neue Idee", "confidentiality": "partners"},
        detail_get=PARTNERS_LEVEL,
        detail_patch=PARTNERS_LEVEL_WRITE,
        patch_data=lambda objs: {"next_step": "Skizze schreiben", "version": 1},
        detail_delete=API_NOT_ALLOWED,
    ),
    Route(
        "project-detail",
        expect(401, 404, 404, 404, 200, 200),
        kwargs=pk_of("papi_staff_project"),
        note="staff only: org A is a partner, yet its members do not see it",
    ),
    Route(
        "project-detail",
        expect(401, 200, 404, 200, 200, 200),
        kwargs=pk_of("papi_network_project"),
    ),
    *api_rows(
        "project",
        "papi_staff_project",
        detail_patch=expect(401, 404, 404, 404, 403, 200),
        patch_data=lambda objs: {"next_step": "Skizze schreiben", "version": 1},
    ),
    Route(
        "project-move",
        STAFF_CHANGES,
        method="POST",
        kwargs=pk_of("papi_partners_project"),
        data=lambda objs: {"stage": "sounding", "version": 1},
        content_type=JSON,
        note="a POST needs a role that may write projects before any object is looked up",
    ),
    Route(
        "project-move",
        STAFF_CHANGES,
        method="POST",
        kwargs=pk_of("papi_staff_project"),
        data=lambda objs: {"stage": "sounding", "version": 1},
        content_type=JSON,
        note="the same 403 for a hidden project: nothing about it leaks",
    ),
    Route("project-move", API_NOT_ALLOWED, kwargs=pk_of("papi_partners_project")),
    *api_rows(
        "project-partner",
        "papi_partner",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {
            "project": objs["papi_partners_project"].pk,
            "organisation": objs["papi_new_org"].pk,
            "role": "lead",
            "requested_amount": "150000.00",
        },
        detail_get=PARTNERS_LEVEL,
        detail_patch=PARTNERS_LEVEL_WRITE,
        patch_data=lambda objs: {"requested_amount": "1000.00"},
        detail_delete=expect(401, 403, 404, 404, 403, 204),
    ),
    Route(
        "project-partner-detail",
        expect(401, 404, 404, 404, 200, 200),
        kwargs=pk_of("papi_staff_partner"),
        note="the partner entry of a staff-only project is as hidden as the project",
    ),
    *api_rows(
        "funding-programme",
        "papi_programme",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {
            "name": "EFRE Transfer",
            "funder": "Land",
            "level": "regional",
            "rates": {"sme": "50.00", "research": "100"},
        },
        detail_get=API_SIGNED_IN,
        detail_patch=STAFF_CHANGES,
        patch_data=lambda objs: {"requires_sme": True},
        detail_delete=API_NOT_ALLOWED,
    ),
    *api_rows(
        "funding-call",
        "papi_call",
        list_get=API_SIGNED_IN,
        list_post=API_STAFF_WRITE,
        post_data=lambda objs: {
            "programme": objs["papi_programme"].pk,
            "title": "Aufruf Kreislaufwirtschaft",
            "deadlines": [{"label": "Skizze", "due_at": _due()}],
        },
        detail_get=API_SIGNED_IN,
        detail_patch=STAFF_CHANGES,
        patch_data=lambda objs: {"topics": "Recycling"},
        detail_delete=API_NOT_ALLOWED,
    ),
]
