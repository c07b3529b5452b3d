"""Two people accepting at the same instant are never double-booked (issue: "two people
accepting the same slot at once"). Each thread has its own connection and transaction, as two
requests do; the unique seats and tables are what holds, on SQLite and PostgreSQL alike."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from innonet.meetings import services
from innonet.meetings.models import Meeting, MeetingRequest, MeetingSeat, PlanState, RequestStatus
from tests.core.worker_processes import needs_real_connections

from .world import join, marketplace_for

pytestmark = [pytest.mark.django_db(transaction=True), needs_real_connections]


def accept_all_at_once(requests):
    def accept(request):
        try:
            return services.request_answer(request, accept=True, acting_user=request.recipient.user)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(accept, requests))


def planned(market):
    market.plan_state = PlanState.DONE
    market.save()
    return market


def test_one_person_accepting_two_requests_at_once_gets_one_meeting_per_slot():
    market = planned(marketplace_for(slots=1, tables=3))
    alice = join(market)
    askers = [join(market) for _ in range(4)]
    requests = [
        services.request_create(requester=asker, recipient=alice, acting_user=asker.user)
        for asker in askers
    ]
    accept_all_at_once(requests)
    assert MeetingRequest.objects.filter(status=RequestStatus.ACCEPTED).count() == 4
    assert MeetingSeat.objects.filter(participant=alice).count() == 1
    assert Meeting.objects.count() == 1


def test_pairs_racing_for_the_last_tables_never_share_one():
    market = planned(marketplace_for(slots=2, tables=2))
    people = [join(market) for _ in range(12)]
    requests = [
        services.request_create(requester=first, recipient=second, acting_user=first.user)
        for first, second in zip(people[::2], people[1::2], strict=True)
    ]
    accept_all_at_once(requests)
    meetings = list(Meeting.objects.all())
    assert len(meetings) == 4  # two slots x two tables, the other two pairs wait for a place
    assert len({(m.slot_id, m.table_id) for m in meetings}) == 4
    assert MeetingSeat.objects.count() == 8
