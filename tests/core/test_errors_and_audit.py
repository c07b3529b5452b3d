"""The 500 page, structured logs and the append-only audit log (items 33 and 34)."""

import json
import logging

import pytest
from django.test import Client
from django.urls import reverse

from innonet.core import audit
from innonet.core.logging import JsonFormatter, RequestIdFilter
from innonet.core.models import AuditEntry
from tests.factories import OrganisationFactory


@pytest.mark.urls("tests.core.error_urls")
@pytest.mark.django_db
def test_forced_error_shows_plain_page_with_request_id(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    body = response.content.decode()
    assert response["X-Request-ID"] in body
    assert "secret internals" not in body and "Traceback" not in body
    assert "Serverfehler" in body or "Server error" in body


@pytest.mark.urls("tests.core.error_urls")
@pytest.mark.django_db
def test_api_errors_are_json(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    response = client.get("/api/explode/")
    assert response.status_code == 500
    assert response.json()["request_id"] == response["X-Request-ID"]
    assert client.get("/api/gibt-es-nicht/").json()["detail"]


def test_log_lines_are_json_and_cannot_be_forged():
    record = logging.LogRecord(
        "innonet", logging.WARNING, __file__, 1, "login %s", ("a\r\nFAKE line",), None
    )
    RequestIdFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line and "\r" not in line
    parsed = json.loads(line)
    assert parsed["message"] == "login a\r\nFAKE line"
    assert parsed["request_id"] == "-"


@pytest.mark.django_db
def test_audit_entries_are_append_only(staff_user):
    organisation = OrganisationFactory()
    entry = audit.record(organisation, "partners.organisation.updated", user=staff_user)
    entry.action = "something.else"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(TypeError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "partners.organisation.updated"


@pytest.mark.django_db
def test_audit_entry_carries_request_id_and_address(staff_client, staff_user):
    staff_client.post(reverse("accounts:token_list"), {"name": "x", "scope": "read", "days": 5})
    entry = AuditEntry.objects.filter(action="accounts.token.created").get()
    assert entry.actor == staff_user
    assert len(entry.request_id) == 32
    assert entry.ip_address == "127.0.0.1"


@pytest.mark.django_db
def test_object_page_shows_audit_entries_and_field_history(staff_client, staff_user):
    organisation = OrganisationFactory(name="Alte Firma GmbH")
    organisation.name = "Neue Firma GmbH"
    organisation.save()
    audit.record(organisation, "partners.organisation.updated", user=staff_user)
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(organisation)
    url = reverse("core:audit_object", args=[content_type.pk, organisation.pk])
    page = staff_client.get(url).content.decode()
    assert "partners.organisation.updated" in page
    assert "Alte Firma GmbH" in page and "Neue Firma GmbH" in page


@pytest.mark.django_db
def test_object_page_of_unknown_object_is_404(staff_client):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(AuditEntry)
    assert staff_client.get(f"/audit/{content_type.pk}/999999/").status_code == 404
    assert staff_client.get("/audit/999999/1/").status_code == 404
    assert staff_client.get(f"/audit/{content_type.pk}/abc/").status_code == 404
