"""The worker renders a funder's report onto a full disk: the report says it failed and why,
no partial PDF is left, and once there is space "start again" finishes it."""

import pytest
from django.urls import reverse

from innonet.reporting import services
from innonet.reporting.models import IssuedReport
from tests.reporting import report_world

pytestmark = pytest.mark.django_db


def test_a_report_rendered_onto_a_full_disk(
    staff_user, staff_client, media_on_tiny_disk, django_capture_on_commit_callbacks
):
    world = report_world.build(staff_user)
    media_on_tiny_disk.fill(free=8 * 1024)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.issue_report(world.period, world.network, acting_user=staff_user)
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.FAILED
    assert "No space left on device" in report.error
    assert not report.pdf and media_on_tiny_disk.files() == []

    media_on_tiny_disk.empty()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("reporting:report_retry", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == IssuedReport.Status.DONE
    assert sorted(media_on_tiny_disk.files()) == sorted([report.pdf.name, report.xlsx.name])
