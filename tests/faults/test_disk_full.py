"""Disk full during an upload or an import (RELIABILITY.md item 29), through the real pages as
the role that uses them: a plain German 507 page, no row without its file, no partial file on
the disk, one log line; once there is space again the same upload works.

Uploads go to a 256 KiB tmpfs that a ballast file fills up to a few KiB, so each file starts
to be written and runs out of space in the middle."""

import gc
import io
import logging
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from innonet.content.models import News
from innonet.networks.models import Network
from innonet.partners.models import ImportJob, Organisation
from innonet.projects import services as project_services
from innonet.projects.models import ProjectDocument
from tests.factories import NetworkFactory
from tests.projects.factories import PartnerFactory

pytestmark = pytest.mark.django_db

GERMAN = "Der Server hat keinen freien Speicherplatz mehr"
ROOM = 8 * 1024  # free bytes left on the disk: less than any upload below


def noisy_png(side: int = 120) -> bytes:
    """A PNG of about 40 KiB that does not compress."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def full_disk_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", "") == "storage.full"]


def assert_clear_507(response, caplog) -> None:
    gc.collect()  # a spooled upload's temporary file goes with its last reference
    assert response.status_code == 507
    page = response.content.decode()
    assert GERMAN in page
    assert "Traceback" not in page
    assert len(full_disk_lines(caplog)) == 1
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_an_organisation_logo_on_a_full_disk(client_for, member_user, media_on_tiny_disk, caplog):
    organisation = member_user.organisation
    client = client_for(member_user)
    url = reverse("partners:organisation_update", args=[organisation.pk])

    def post():
        logo = SimpleUploadedFile("logo.png", noisy_png(), content_type="image/png")
        return client.post(url, {"version": organisation.version, "logo": logo})

    media_on_tiny_disk.fill(free=ROOM)
    assert_clear_507(post(), caplog)
    assert not Organisation.objects.get(pk=organisation.pk).logo
    assert media_on_tiny_disk.files() == []

    media_on_tiny_disk.empty()
    assert post().status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo and media_on_tiny_disk.files() == [organisation.logo.name]


def test_a_news_picture_on_a_full_disk(staff_client, media_on_tiny_disk, caplog):
    NetworkFactory(kind=Network.Kind.HOST)  # news belong to the host network

    def post():
        picture = SimpleUploadedFile("foto.png", noisy_png(), content_type="image/png")
        data = {"title": "Digitalbonus", "body": "Anträge bis März.", "audience": "public"}
        return staff_client.post(
            reverse("content:news_create"), {**data, "image": picture, "image_alt": "Ein Bild"}
        )

    media_on_tiny_disk.fill(free=ROOM)
    assert_clear_507(post(), caplog)
    assert not News.objects.exists()
    assert media_on_tiny_disk.files() == []

    media_on_tiny_disk.empty()
    assert post().status_code == 302
    assert media_on_tiny_disk.files() == [News.objects.get().image.name]


def test_a_project_document_on_a_full_disk(client_for, role_users, media_on_tiny_disk, caplog):
    project = project_services.project_create(
        data={"title": "Agrarsensorik", "confidentiality": "partners"},
        acting_user=role_users["staff"],
    )
    PartnerFactory(project=project, organisation=role_users["member"].organisation)
    client = client_for(role_users["member"])

    def post():
        content = b"%PDF-1.7\n" + os.urandom(40 * 1024)
        file = SimpleUploadedFile("Antrag.pdf", content, content_type="application/pdf")
        url = reverse("projects:document_add", kwargs={"pk": project.pk})
        return client.post(url, {"document-file": file, "document-kind": "other"})

    media_on_tiny_disk.fill(free=ROOM)
    assert_clear_507(post(), caplog)
    assert not ProjectDocument.objects.exists()
    assert media_on_tiny_disk.files() == []

    media_on_tiny_disk.empty()
    assert post().status_code == 302
    assert media_on_tiny_disk.files() == [ProjectDocument.objects.get().file.name]


def organisations_csv(rows: int = 2000) -> bytes:
    lines = ["Name;Ort"] + [f"Firma {n} GmbH;Rostock" for n in range(rows)]
    return "\n".join(lines).encode()


@pytest.fixture
def uploads_to_tiny_disk(settings, tiny_disk):
    """Uploads over 1 KiB are spooled to a temporary file on the tiny disk, as large imports
    are spooled to the temporary folder in production."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    settings.FILE_UPLOAD_TEMP_DIR = str(tiny_disk.root)
    return tiny_disk


def import_post(client: Client, rows: int = 2000):
    file = SimpleUploadedFile("liste.csv", organisations_csv(rows), content_type="text/csv")
    return client.post(reverse("partners:import_create"), {"kind": "organisations", "file": file})


def test_an_import_upload_on_a_full_disk(staff_client, uploads_to_tiny_disk, caplog):
    uploads_to_tiny_disk.fill(free=ROOM)
    assert_clear_507(import_post(staff_client), caplog)
    assert not ImportJob.objects.exists()
    assert uploads_to_tiny_disk.files() == []

    uploads_to_tiny_disk.empty()
    response = import_post(staff_client)
    assert response.status_code == 302
    assert ImportJob.objects.get().filename == "liste.csv"


def test_the_same_answer_when_the_disk_fills_before_the_view(
    staff_user, client_for, uploads_to_tiny_disk, caplog
):
    """With CSRF checks on, the upload is read by the middleware already (the 500 handler's
    path): the answer is the same 507."""
    client = client_for(staff_user)
    client.handler.enforce_csrf_checks = True
    client.cookies["csrftoken"] = "a" * 32
    client.raise_request_exception = False
    uploads_to_tiny_disk.fill(free=ROOM)
    assert_clear_507(import_post(client), caplog)
    assert not ImportJob.objects.exists()
    assert uploads_to_tiny_disk.files() == []


def test_an_api_client_gets_json(caplog, rf):
    from innonet.core.views.errors import insufficient_storage

    request = rf.post("/api/organisations/")
    response = insufficient_storage(request, OSError(28, "No space left on device"))
    assert response.status_code == 507
    assert response["Content-Type"] == "application/json"
    assert len(full_disk_lines(caplog)) == 1


def test_out_of_space_is_recognised_behind_the_database_layer():
    import sqlite3

    from django.db import OperationalError

    from innonet.core.storage import is_out_of_space

    full = sqlite3.OperationalError("database or disk is full")
    wrapped = OperationalError("database or disk is full")
    wrapped.__cause__ = full
    assert is_out_of_space(wrapped)
    assert is_out_of_space(OSError(122, "Disk quota exceeded"))
    postgres = OperationalError("could not extend file")
    postgres.__cause__ = type("DiskFull", (Exception,), {"sqlstate": "53100"})()
    assert is_out_of_space(postgres)
    assert not is_out_of_space(OperationalError("server closed the connection unexpectedly"))
    assert not is_out_of_space(OSError(13, "Permission denied"))
