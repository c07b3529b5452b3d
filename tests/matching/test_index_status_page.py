"""The staff page of the matching index: figures, a background rebuild and its progress."""

import pytest
from django.urls import reverse

from innonet.core.models import AuditEntry
from innonet.matching import search_index
from innonet.matching.models import IndexState
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_rebuild_runs_in_the_background_and_shows_the_figures(
    staff_client, django_capture_on_commit_callbacks
):
    OrganisationFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("matching:index_rebuild"))

    assert response.status_code == 302
    state = IndexState.objects.get()
    assert state.documents == 3
    assert state.rebuild_requested_at is None and state.rebuild_total == 6
    assert AuditEntry.objects.filter(action="matching.index.rebuild_requested").count() == 1
    page = staff_client.get(reverse("matching:index_status")).content.decode()
    assert '<dd class="col-sm-8">3</dd>' in page


def test_a_waiting_rebuild_shows_progress_and_is_not_queued_twice(staff_client):
    row = search_index.state()
    staff_client.post(reverse("matching:index_rebuild"))  # never committed: stays waiting
    row.refresh_from_db()
    assert row.rebuild_requested_at is not None

    staff_client.post(reverse("matching:index_rebuild"))
    fragment = staff_client.get(reverse("matching:index_status") + "?poll=1")

    assert AuditEntry.objects.filter(action="matching.index.rebuild_requested").count() == 1
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    assert "HX-Refresh" not in fragment


def test_the_board_sees_the_state_but_cannot_rebuild(client_for, board_user):
    client = client_for(board_user)

    page = client.get(reverse("matching:index_status")).content.decode()

    assert reverse("matching:index_rebuild") not in page
    assert client.post(reverse("matching:index_rebuild")).status_code == 403
