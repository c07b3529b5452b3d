"""The marketplace's rules, service by service: set-up by the office, profiles, requests and
answers, withdrawals, placing an accept into the built plan, and outcomes."""

from datetime import timedelta

import pytest
import time_machine

from innonet.core.permissions import NotPermittedError
from innonet.matching.models import Introduction, ProfileKind
from innonet.meetings import services
from innonet.meetings.models import (
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Outcome,
    PlanState,
    RequestStatus,
    SlotKind,
    TableKind,
)
from innonet.meetings.services import MeetingError
from tests.factories import EventFactory, NetworkFactory, UserFactory
from tests.matching.factories import ProfileFactory

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return marketplace_for()


# -- the office's set-up --------------------------------------------------------------------
def test_only_the_office_of_the_event_opens_a_marketplace(member_user, manager_user, staff_user):
    event = EventFactory()
    for user in (member_user, manager_user):
        with pytest.raises(MeetingError):
            services.marketplace_open(event, acting_user=user)
    assert services.marketplace_open(event, acting_user=staff_user).event == event
    own = EventFactory(organiser=manager_user.network)
    assert services.marketplace_open(own, acting_user=manager_user).event == own


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"time_zone": "'; DROP TABLE x;--"}, "time_zone"),
        ({"max_requests": 0}, "max_requests"),
        ({"max_requests": 10_000}, "max_requests"),
    ],
)
def test_settings_refuse_bad_values_and_keep_the_old_ones(market, staff_user, changes, field):
    values = {
        "is_open": True,
        "request_deadline": None,
        "time_zone": "Europe/Berlin",
        "max_requests": 5,
        **changes,
    }
    with pytest.raises(MeetingError) as caught:
        services.marketplace_update(market, acting_user=staff_user, **values)
    assert caught.value.field == field
    market.refresh_from_db()
    assert (market.time_zone, market.max_requests) == ("Europe/Berlin", 10)


def test_a_deadline_after_the_event_is_refused(market, staff_user):
    with pytest.raises(MeetingError):
        services.marketplace_update(
            market,
            is_open=True,
            time_zone="Europe/Berlin",
            max_requests=3,
            request_deadline=market.event.ends_at + timedelta(days=1),
            acting_user=staff_user,
        )


def test_slots_never_overlap_and_end_after_they_start(market, staff_user):
    first = market.slots.first()
    for starts, ends in (
        (first.starts_at + timedelta(minutes=10), first.ends_at + timedelta(minutes=10)),
        (first.ends_at + timedelta(days=5), first.ends_at + timedelta(days=5, minutes=30)),
        (market.event.ends_at, market.event.ends_at - timedelta(minutes=5)),
        (market.event.ends_at, market.event.ends_at + timedelta(hours=5)),
    ):
        with pytest.raises(MeetingError):
            services.slot_add(market, starts_at=starts, ends_at=ends, acting_user=staff_user)
    with pytest.raises(MeetingError):
        services.slot_add(
            market,
            starts_at=first.ends_at,
            ends_at=first.ends_at,
            kind="party",
            acting_user=staff_user,
        )
    assert market.slots.count() == 3


def test_an_online_room_needs_a_web_link(market, staff_user):
    for link in ("", "javascript:alert(1)", "ftp://raum.example.org/1", "nur text"):
        with pytest.raises(MeetingError):
            services.table_add(
                market, name="Raum A", kind=TableKind.ONLINE, link=link, acting_user=staff_user
            )
    room = services.table_add(
        market,
        name="Raum A",
        kind=TableKind.ONLINE,
        link="https://meet.example.org/raum-a",
        acting_user=staff_user,
    )
    assert room.is_online
    with pytest.raises(MeetingError):
        services.table_add(market, name="Raum A", acting_user=staff_user)
    with pytest.raises(MeetingError):
        services.table_add(market, name="   ", acting_user=staff_user)


# -- profiles ---------------------------------------------------------------------------------
def test_the_profile_is_prefilled_from_the_cooperation_profiles(market):
    user = UserFactory()
    ProfileFactory(
        organisation=user.organisation,
        kind=ProfileKind.TECHNOLOGY_OFFER,
        title="Funkbasierte Bodensonden",
        summary="Sonden  mit\nLoRaWAN.",
    )
    ProfileFactory(
        organisation=user.organisation,
        kind=ProfileKind.RD_PARTNER_SEARCH,
        title="Partner für Feldversuche",
    )
    participant = join(market, user, publish=False)
    assert participant.offers == "Funkbasierte Bodensonden: Sonden mit LoRaWAN."
    assert participant.seeks.startswith("Partner für Feldversuche: ")
    assert participant.headline in ("Funkbasierte Bodensonden", "Partner für Feldversuche")
    assert not participant.published


def test_only_confirmed_participants_join(market):
    with pytest.raises(MeetingError):
        services.participant_join(market, user=UserFactory())
    assert not market.participants.exists()


def test_a_participant_changes_only_their_own_profile(market):
    alice, bob = join(market), join(market)
    with pytest.raises(NotPermittedError):
        services.participant_update(alice, headline="Übernommen", acting_user=bob.user)
    for bad in ("", "x" * 201, "Zeile\x00"):
        with pytest.raises(MeetingError):
            services.participant_update(alice, headline=bad, acting_user=alice.user)
    with pytest.raises(MeetingError):
        services.participant_update(
            alice, headline="Gut", offers="y" * 1001, acting_user=alice.user
        )
    alice.refresh_from_db()
    assert alice.headline == "Sensorik für den Acker"


# -- requests ---------------------------------------------------------------------------------
def test_request_accept_and_the_rules_around_it(market):
    alice, bob, carol = join(market), join(market), join(market)
    request = services.request_create(
        requester=alice, recipient=bob, message=" Hallo\n Bob ", acting_user=alice.user
    )
    assert request.message == "Hallo Bob"
    with pytest.raises(MeetingError):  # the pair has its request, whoever asks
        services.request_create(requester=bob, recipient=alice, acting_user=bob.user)
    with pytest.raises(MeetingError):
        services.request_create(requester=alice, recipient=alice, acting_user=alice.user)
    with pytest.raises(NotPermittedError):  # nobody asks in someone else's name
        services.request_create(requester=carol, recipient=bob, acting_user=alice.user)
    with pytest.raises(NotPermittedError):  # only the recipient answers
        services.request_answer(request, accept=True, acting_user=alice.user)
    services.request_answer(request, accept=True, acting_user=bob.user)
    with pytest.raises(MeetingError):
        services.request_answer(request, accept=False, acting_user=bob.user)
    assert MeetingRequest.objects.get().status == RequestStatus.ACCEPTED


def test_requests_stop_at_the_limit_and_after_closing(staff_user):
    market = marketplace_for(max_requests=2)
    alice, *others = (join(market) for _ in range(4))
    for other in others[:2]:
        services.request_create(requester=alice, recipient=other, acting_user=alice.user)
    with pytest.raises(MeetingError):
        services.request_create(requester=alice, recipient=others[2], acting_user=alice.user)
    services.marketplace_update(
        market,
        is_open=False,
        request_deadline=None,
        time_zone="Europe/Berlin",
        max_requests=2,
        acting_user=staff_user,
    )
    with pytest.raises(MeetingError):
        services.request_create(
            requester=others[1], recipient=others[2], acting_user=others[1].user
        )


def test_nobody_asks_an_unpublished_or_withdrawn_participant(market):
    alice, hidden, gone = join(market), join(market, publish=False), join(market)
    services.participant_withdraw(gone, acting_user=gone.user)
    for other in (hidden, gone):
        with pytest.raises(MeetingError):
            services.request_create(requester=alice, recipient=other, acting_user=alice.user)


def test_an_accept_after_the_plan_takes_the_first_free_slot(market):
    alice, bob, carol = join(market), join(market), join(market)
    market.plan_state = PlanState.DONE
    market.save()
    first = accepted(alice, bob).meeting
    second = accepted(carol, alice).meeting
    slots = list(market.slots.filter(kind=SlotKind.MEETING))
    assert (first.slot, second.slot) == (slots[0], slots[1])
    assert MeetingSeat.objects.filter(participant=alice).count() == 2


def test_withdrawing_frees_the_meetings_and_keeps_the_others(market):
    alice, bob, carol, dave = (join(market) for _ in range(4))
    market.plan_state = PlanState.DONE
    market.save()
    accepted(alice, bob)
    kept = accepted(carol, dave).meeting
    freed = services.participant_withdraw(bob, acting_user=bob.user)
    assert freed == 1
    assert list(Meeting.objects.all()) == [kept]
    assert MeetingRequest.objects.get(requester=alice).status == RequestStatus.WITHDRAWN
    with pytest.raises(NotPermittedError):
        services.participant_withdraw(carol, acting_user=alice.user)


def test_the_office_deleting_a_slot_sends_its_meetings_back(market, staff_user):
    alice, bob = join(market), join(market)
    market.plan_state = PlanState.DONE
    market.save()
    meeting = accepted(alice, bob).meeting
    assert services.slot_delete(meeting.slot, acting_user=staff_user) == 1
    assert not Meeting.objects.exists()
    assert MeetingRequest.objects.get().status == RequestStatus.ACCEPTED


def test_no_longer_available_moves_the_meeting_out(market):
    alice, bob = join(market), join(market)
    market.plan_state = PlanState.DONE
    market.save()
    meeting = accepted(alice, bob).meeting
    services.participant_update(
        alice, headline="x", unavailable_slots=[meeting.slot], acting_user=alice.user
    )
    assert not Meeting.objects.exists()


# -- outcomes ---------------------------------------------------------------------------------
def held_meeting(market):
    alice = join(market, UserFactory(organisation__name="Agrar Sensorik GmbH"))
    bob = join(market, UserFactory(organisation__name="Hochschule Osnabrück"))
    market.plan_state = PlanState.DONE
    market.save()
    return accepted(alice, bob).meeting


def test_a_held_meeting_with_follow_up_opens_an_introduction(market, staff_user):
    meeting = held_meeting(market)
    with pytest.raises(MeetingError):  # not started yet
        services.outcome_record(meeting, outcome=Outcome.HELD, acting_user=staff_user)
    with time_machine.travel(meeting.slot.ends_at, tick=False):
        with pytest.raises(MeetingError):
            services.outcome_record(
                meeting, outcome=Outcome.HELD, acting_user=meeting.request.requester.user
            )
        with pytest.raises(MeetingError):
            services.outcome_record(
                meeting, outcome=Outcome.NO_SHOW_RECIPIENT, follow_up=True, acting_user=staff_user
            )
        with pytest.raises(MeetingError):
            services.outcome_record(meeting, outcome="vanished", acting_user=staff_user)
        with pytest.raises(MeetingError) as too_long:
            services.outcome_record(
                meeting, outcome=Outcome.HELD, note="x" * 501, acting_user=staff_user
            )
        assert too_long.value.field == "note"
        services.outcome_record(
            meeting,
            outcome=Outcome.HELD,
            follow_up=True,
            note="Angebot folgt",
            acting_user=staff_user,
        )
    meeting.refresh_from_db()
    introduction = Introduction.objects.get()
    assert meeting.introduction == introduction
    assert {introduction.first_organisation.name, introduction.second_organisation.name} == {
        "Agrar Sensorik GmbH",
        "Hochschule Osnabrück",
    }


def test_a_no_show_is_recorded_without_an_introduction(market, staff_user):
    meeting = held_meeting(market)
    with time_machine.travel(meeting.slot.ends_at, tick=False):
        services.outcome_record(meeting, outcome=Outcome.NO_SHOW_REQUESTER, acting_user=staff_user)
    meeting.refresh_from_db()
    assert meeting.outcome == Outcome.NO_SHOW_REQUESTER and meeting.introduction is None
    assert not Introduction.objects.exists()


def test_the_manager_of_another_network_cannot_record(market, manager_user):
    meeting = held_meeting(market)
    assert manager_user.network != NetworkFactory()
    with time_machine.travel(meeting.slot.ends_at, tick=False), pytest.raises(MeetingError):
        services.outcome_record(meeting, outcome=Outcome.HELD, acting_user=manager_user)
    assert Meeting.objects.get().outcome == Outcome.OPEN
