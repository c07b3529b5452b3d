"""Route x role rows for the pipeline pages: list, export, board, a project's page,
create and edit, stage moves. Org A (the member's organisation) is a partner of three
projects, one per confidentiality level."""

from innonet.projects.models import InnovationProject
from tests.access import LOGIN, READERS, SIGNED_IN, STAFF_ONLY, Route, expect
from tests.factories import OrganisationFactory

from .factories import PartnerFactory, ProjectFactory

# What each role gets on a project's page, by the project's confidentiality.
SEE_STAFF_LEVEL = expect(LOGIN, 404, 404, 404, 200, 200)
SEE_PARTNERS_LEVEL = expect(LOGIN, 200, 404, 404, 200, 200)
SEE_NETWORK_LEVEL = expect(LOGIN, 200, 404, 200, 200, 200)
# Changing: only staff; those who see the project get 403, the others 404.
EDIT_PARTNERS_LEVEL = expect(LOGIN, 403, 404, 404, 403, 200)
EDITED_PARTNERS_LEVEL = expect(LOGIN, 403, 404, 404, 403, 302)
EDIT_STAFF_LEVEL = expect(LOGIN, 404, 404, 404, 403, 200)
EDIT_NETWORK_LEVEL = expect(LOGIN, 403, 404, 403, 403, 200)


def objects(objs):
    """Projects of org A at each level, and one of another organisation."""
    org_a = objs["member"].organisation
    made = {}
    for level in ("staff", "partners", "network"):
        project = ProjectFactory(title=f"Pipeline {level}", confidentiality=level)
        PartnerFactory(project=project, organisation=org_a, role="lead")
        made[f"pipe_{level}"] = project
    made["pipe_other"] = ProjectFactory(title="Anderes Vorhaben", confidentiality="partners")
    PartnerFactory(project=made["pipe_other"], organisation=OrganisationFactory())
    return made


def _project(key):
    return lambda objs: {"pk": objs[key].pk}


def _project_data(objs):
    return {"title": "Sensorik im Stall", "confidentiality": "partners", "owner": ""}


def _edit_data(key):
    def data(objs):
        project = InnovationProject.objects.get(pk=objs[key].pk)
        return {"title": "Neuer Titel", "confidentiality": "partners", "version": project.version}

    return data


def _move(key):
    return lambda objs: {"to_stage": "sounding", "reason": "", "version": "1"}


ROUTES = [
    Route("projects:project_list", SIGNED_IN),
    Route("projects:project_board", SIGNED_IN),
    *[
        Route("projects:project_export", READERS, kwargs=lambda objs, fmt=fmt: {"fmt": fmt})
        for fmt in ("csv", "xlsx")
    ],
    Route("projects:project_detail", SEE_STAFF_LEVEL, kwargs=_project("pipe_staff")),
    Route("projects:project_detail", SEE_PARTNERS_LEVEL, kwargs=_project("pipe_partners")),
    Route("projects:project_detail", SEE_NETWORK_LEVEL, kwargs=_project("pipe_network")),
    Route(
        "projects:project_detail",
        expect(LOGIN, 404, 404, 404, 200, 200),
        kwargs=_project("pipe_other"),
        note="another organisation's project",
    ),
    Route("projects:project_create", STAFF_ONLY),
    Route(
        "projects:project_create",
        expect(LOGIN, 403, 403, 403, 403, 302),
        method="POST",
        data=_project_data,
    ),
    Route("projects:project_update", EDIT_STAFF_LEVEL, kwargs=_project("pipe_staff")),
    Route("projects:project_update", EDIT_PARTNERS_LEVEL, kwargs=_project("pipe_partners")),
    Route("projects:project_update", EDIT_NETWORK_LEVEL, kwargs=_project("pipe_network")),
    Route(
        "projects:project_update",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=_project("pipe_partners"),
        data=_edit_data("pipe_partners"),
    ),
    Route(
        "projects:project_move",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=_project("pipe_partners"),
        data=_move("pipe_partners"),
    ),
    Route(
        "projects:project_move",
        expect(LOGIN, 404, 404, 404, 403, 302),
        method="POST",
        kwargs=_project("pipe_staff"),
        data=_move("pipe_staff"),
    ),
    Route(
        "projects:project_move",
        expect(LOGIN, 405, 405, 405, 405, 405),
        kwargs=_project("pipe_partners"),
        note="moving changes data, so only POST",
    ),
]
