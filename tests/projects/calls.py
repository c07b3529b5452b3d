"""Funding calls with deadlines for the programme, deadline and API tests."""

from datetime import timedelta

from django.utils import timezone

from innonet.projects.models import FundingCall
from tests.projects.factories import CallDeadlineFactory, ProgrammeFactory


def make_call(programme=None, *, days=(30,), title="Digitale Landwirtschaft", topics="", **fields):
    """A call with one deadline `days` ahead per entry (rows written directly: past ones too)."""
    programme = programme or ProgrammeFactory()
    call = FundingCall.objects.create(programme=programme, title=title, topics=topics, **fields)
    now = timezone.now().replace(second=0, microsecond=0)
    for index, offset in enumerate(days):
        CallDeadlineFactory(
            call=call, label=f"Frist {index + 1}", due_at=now + timedelta(days=offset)
        )
    return call
