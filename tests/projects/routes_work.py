"""Route x role rows for the work on a project: partners and budgets, notes, tasks and
documents. Members of a partner organisation add notes and documents to the projects they
see; partners and tasks are the office's."""

from django.core.files.uploadedfile import SimpleUploadedFile

from innonet.projects import services
from innonet.projects.models import ProjectTask
from tests.access import LOGIN, Route, expect, pk_of
from tests.factories import OrganisationFactory

from . import routes_pipeline
from .routes_pipeline import EDIT_PARTNERS_LEVEL, EDITED_PARTNERS_LEVEL

SEE_PARTNERS_LEVEL = expect(LOGIN, 200, 404, 404, 200, 200)
SEE_STAFF_LEVEL = expect(LOGIN, 404, 404, 404, 200, 200)
CONTRIBUTED = expect(LOGIN, 302, 404, 404, 403, 302)
ONLY_POST = expect(LOGIN, 405, 405, 405, 405, 405)


def objects(objs):
    """A partner, a task and a document on the pipeline's projects (routes_pipeline.py)."""
    pipeline = routes_pipeline.objects(objs) if "pipe_partners" not in objs else {}
    objs = {**objs, **pipeline}
    staff = objs["staff"]
    partners_level, staff_level = objs["pipe_partners"], objs["pipe_staff"]
    return {
        **pipeline,
        "work_partner": partners_level.partners.get(),
        "work_task": ProjectTask.objects.create(project=partners_level, title="Skizze schreiben"),
        "work_document": _document(partners_level, staff),
        "work_document_staff": _document(staff_level, staff),
        "work_new_org": OrganisationFactory(name="Hochschule Emsland", kind="university"),
    }


def _document(project, user):
    upload = SimpleUploadedFile("skizze.pdf", b"%PDF-1.4 Skizze", content_type="application/pdf")
    return services.document_add(project, file=upload, kind="application", acting_user=user)


def _upload(objs):
    return {
        "document-file": SimpleUploadedFile("brief.txt", b"Letter of intent", "text/plain"),
        "document-kind": "letter",
    }


ROUTES = [
    Route("projects:partner_add", EDIT_PARTNERS_LEVEL, kwargs=pk_of("pipe_partners")),
    Route(
        "projects:partner_add",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=pk_of("pipe_partners"),
        data=lambda objs: {
            "organisation": objs["work_new_org"].pk,
            "role": "partner",
            "requested_amount": "50000",
        },
    ),
    Route("projects:partner_update", EDIT_PARTNERS_LEVEL, kwargs=pk_of("work_partner")),
    Route(
        "projects:partner_update",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=pk_of("work_partner"),
        data=lambda objs: {"role": "lead", "requested_amount": "120000.50"},
    ),
    Route("projects:partner_remove", EDIT_PARTNERS_LEVEL, kwargs=pk_of("work_partner")),
    Route(
        "projects:partner_remove",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=pk_of("work_partner"),
    ),
    Route("projects:note_add", ONLY_POST, kwargs=pk_of("pipe_partners")),
    Route(
        "projects:note_add",
        CONTRIBUTED,
        method="POST",
        kwargs=pk_of("pipe_partners"),
        data=lambda objs: {"text": "Anruf beim Projektträger: Skizze bis Mai."},
    ),
    Route(
        "projects:note_add",
        expect(LOGIN, 302, 404, 403, 403, 302),
        method="POST",
        kwargs=pk_of("pipe_network"),
        data=lambda objs: {"text": "Notiz"},
        note="the network's manager reads network-level projects but does not write",
    ),
    Route("projects:task_add", ONLY_POST, kwargs=pk_of("pipe_partners")),
    Route(
        "projects:task_add",
        EDITED_PARTNERS_LEVEL,
        method="POST",
        kwargs=pk_of("pipe_partners"),
        data=lambda objs: {"task-title": "Budget abstimmen", "task-due_on": "2030-05-01"},
    ),
    Route("projects:task_done", ONLY_POST, kwargs=pk_of("work_task")),
    Route("projects:task_done", EDITED_PARTNERS_LEVEL, method="POST", kwargs=pk_of("work_task")),
    Route("projects:document_add", ONLY_POST, kwargs=pk_of("pipe_partners")),
    Route(
        "projects:document_add",
        CONTRIBUTED,
        method="POST",
        kwargs=pk_of("pipe_partners"),
        data=_upload,
    ),
    Route("projects:document_download", SEE_PARTNERS_LEVEL, kwargs=pk_of("work_document")),
    Route("projects:document_download", SEE_STAFF_LEVEL, kwargs=pk_of("work_document_staff")),
]
