"""Project documents through the pages (RELIABILITY.md item 19): size, type and content
errors are form messages, files are served only as attachments with nosniff, and never to
someone who may not see the project."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innonet.projects import services
from innonet.projects.models import ProjectDocument

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(role_users):
    project = services.project_create(
        data={"title": "Agrarsensorik", "confidentiality": "partners"},
        acting_user=role_users["staff"],
    )
    PartnerFactory(project=project, organisation=role_users["member"].organisation)
    return project


def upload(client, project, name, content, kind="other"):
    url = reverse("projects:document_add", kwargs={"pk": project.pk})
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url, {"document-file": file, "document-kind": kind})


def test_a_member_uploads_and_downloads_as_attachment(client_for, role_users, project):
    client = client_for(role_users["member"])
    response = upload(client, project, "../../Skizze Antrag.pdf", b"%PDF-1.7 Skizze", "application")
    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    assert document.original_name == "Skizze Antrag.pdf"
    assert document.content_type == "application/pdf"
    assert not document.file.name.endswith("Skizze Antrag.pdf")
    download = client.get(reverse("projects:document_download", kwargs={"pk": document.pk}))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == b"%PDF-1.7 Skizze"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("seite.html", b"<html><script>alert(1)</script></html>"),
        ("bild.svg", b"<svg onload=alert(1)></svg>"),
        ("notiz.txt", b"<!doctype html><script>alert(1)</script>"),
        ("rechnung.pdf", b"MZ\x90\x00 not a pdf"),
        ("tabelle.xlsx", b"PK\x03\x04 broken zip"),
        ("leer.pdf", b""),
    ],
)
def test_forbidden_or_mismatched_files_are_form_errors(
    client_for, role_users, project, name, content
):
    response = upload(client_for(role_users["member"]), project, name, content)
    assert response.status_code == 200
    assert response.context["document_form"].errors["file"]
    assert not ProjectDocument.objects.exists()


def test_a_file_over_the_limit_is_a_form_error(staff_client, project, monkeypatch):
    monkeypatch.setattr(services.documents, "MAX_DOCUMENT_BYTES", 10)
    response = upload(staff_client, project, "gross.txt", b"Deutlich mehr als zehn Bytes")
    errors = response.context["document_form"].errors["file"]
    assert response.status_code == 200 and errors
    assert not ProjectDocument.objects.exists()


def test_other_organisations_and_the_board_cannot_upload_or_read_foreign_files(
    client_for, role_users, project
):
    assert upload(client_for(role_users["member_b"]), project, "a.txt", b"Hallo").status_code == 404
    assert upload(client_for(role_users["board"]), project, "a.txt", b"Hallo").status_code == 403
    assert upload(client_for(role_users["member"]), project, "a.txt", b"Hallo").status_code == 302
    document = ProjectDocument.objects.get()
    url = reverse("projects:document_download", kwargs={"pk": document.pk})
    assert client_for(role_users["member_b"]).get(url).status_code == 404
    assert client_for(role_users["network_manager"]).get(url).status_code == 404
    assert client_for(role_users["board"]).get(url).status_code == 200
