"""Marketplace mails through a real SMTP server: a request reaches the person asked, the answer
reaches the one who asked (with the meeting's time and table once placed), a called-off request
reaches the other side, and a plan run tells exactly those whose meetings it changed, each in
their own language."""

import pytest
from django.urls import reverse
from django.utils import translation

from innonet.meetings import mails, services
from innonet.meetings.models import MeetingRequest, Participant
from innonet.meetings.services.plan import plan_build
from tests.events.conftest import smtp_server  # noqa: F401 - the real SMTP server
from tests.factories import UserFactory

from .world import accepted, join, marketplace_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    return marketplace_for(slots=2, tables=1)


@pytest.fixture
def ask(market, django_capture_on_commit_callbacks):
    """Two participants, the second reads English; `ask()` sends a request from the first."""
    anna = join(market, UserFactory(email="anna@farm.example"), headline="Bodensensorik")
    ben = join(market, UserFactory(email="ben@lab.example", language="en"), headline="Robotik")

    def send(message="Gern zu LoRaWAN."):
        with django_capture_on_commit_callbacks(execute=True):
            return services.request_create(
                requester=anna, recipient=ben, message=message, acting_user=anna.user
            )

    def answer(request, *, accept=True):
        with django_capture_on_commit_callbacks(execute=True):
            return services.request_answer(request, accept=accept, acting_user=ben.user)

    send.anna, send.ben, send.answer = anna, ben, answer
    return send


def text_of(received) -> str:
    return received.part("text/plain")


def subject_of(received) -> str:
    # A long subject with umlauts arrives folded into encoded words; read it as one line.
    return " ".join(str(received.message["Subject"]).split())


def in_language(language: str, text: str, **values) -> str:
    with translation.override(language):
        return translation.gettext(text) % values


def test_the_person_asked_gets_the_request_in_their_language(smtp_server, ask):  # noqa: F811
    ask()
    [received] = smtp_server.to("ben@lab.example")
    assert len(smtp_server.messages) == 1  # the one who asked is not mailed
    anna = ask.anna
    subject = in_language(
        "en",
        "Meeting request from %(name)s: %(event)s",
        name=anna.name,
        event=anna.marketplace.event.title,
    )
    assert subject_of(received) == subject
    assert received.message["Auto-Submitted"] == "auto-generated"
    text = text_of(received)
    assert "Gern zu LoRaWAN." in text and "Bodensensorik" in text
    assert reverse("meetings:my_requests", kwargs={"pk": anna.marketplace.event_id}) in text
    assert 'lang="en"' in received.part("text/html")


def test_an_accept_after_the_plan_names_time_and_table(smtp_server, ask, market):  # noqa: F811
    plan_build(market.pk)
    request = ask()
    ask.answer(request)
    [answer] = smtp_server.to("anna@farm.example")
    assert subject_of(answer) == in_language(
        "de", "%(name)s accepted your meeting request", name=ask.ben.name
    )
    text = text_of(answer)
    assert "Tisch 1" in text
    request.refresh_from_db()
    slot = request.meeting.slot
    with translation.override("de"):
        assert mails._when(market, slot) in text


def test_a_decline_is_told_and_points_to_the_other_participants(smtp_server, ask):  # noqa: F811
    ask.answer(ask(), accept=False)
    [answer] = smtp_server.to("anna@farm.example")
    assert subject_of(answer) == in_language(
        "de", "%(name)s declined your meeting request", name=ask.ben.name
    )
    assert reverse("meetings:marketplace", kwargs={"pk": ask.anna.marketplace.event_id}) in (
        text_of(answer)
    )


def test_calling_off_tells_the_other_side_only(
    smtp_server,  # noqa: F811
    ask,
    django_capture_on_commit_callbacks,
):
    request = ask.answer(ask())
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(request, acting_user=ask.ben.user)
    [told] = smtp_server.messages
    assert told.recipients == ["anna@farm.example"]
    assert subject_of(told) == in_language(
        "de", "%(name)s called off the meeting request", name=ask.ben.name
    )


def test_leaving_the_marketplace_tells_everyone_with_a_live_request(
    smtp_server,  # noqa: F811
    ask,
    market,
    django_capture_on_commit_callbacks,
):
    ask()
    carla = join(market, UserFactory(email="carla@uni.example"))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(requester=carla, recipient=ask.ben, acting_user=carla.user)
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_withdraw(ask.ben, acting_user=ask.ben.user)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "anna@farm.example",
        "carla@uni.example",
    ]


def test_a_request_answered_before_its_mail_went_is_not_told_as_open(ask):
    request = ask()
    services.request_answer(request, accept=False, acting_user=ask.ben.user)
    request = MeetingRequest.objects.get(pk=request.pk)
    assert mails.build_request_mail(request, mails.RECEIVED) is None
    assert mails.build_request_mail(request, "no such kind") is None
    # A withdrawal names the side that acted; anyone else is refused.
    assert mails.build_request_mail(request, mails.WITHDRAWN, by_id=ask.anna.pk) is None


def test_no_mail_to_an_erased_address(smtp_server, ask):  # noqa: F811
    ask.ben.registration.__class__.objects.filter(pk=ask.ben.registration_id).update(email="")
    ask()
    assert smtp_server.messages == []


def test_a_plan_run_mails_those_whose_meetings_it_changed(
    smtp_server,  # noqa: F811
    market,
    django_capture_on_commit_callbacks,
):
    anna, ben = (
        join(market, UserFactory(email="anna@farm.example")),
        join(market, UserFactory(email="ben@lab.example", language="en")),
    )
    idle = join(market, UserFactory(email="idle@nowhere.example"))
    with django_capture_on_commit_callbacks(execute=True):
        accepted(anna, ben)
    smtp_server.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        plan_build(market.pk)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "anna@farm.example",
        "ben@lab.example",
    ]
    [to_ben] = smtp_server.to("ben@lab.example")
    assert subject_of(to_ben) == in_language(
        "en", "Your meeting plan for %(event)s", event=market.event.title
    )
    text = text_of(to_ben)
    assert anna.name in text and "Tisch 1" in text and market.time_zone in text
    assert reverse("meetings:my_plan_ics", kwargs={"pk": market.event_id}) in text
    assert idle.name not in text

    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        plan_build(market.pk)  # nothing moved: nobody is mailed again
    assert smtp_server.messages == []


def test_a_retried_plan_mail_task_stores_each_mail_once(market):
    from innonet.core.models import OutgoingMail
    from innonet.meetings.tasks import send_plan_mails

    anna, ben = join(market), join(market)
    accepted(anna, ben)
    plan_build(market.pk)
    ids = list(Participant.objects.values_list("pk", flat=True))
    for _ in range(2):
        send_plan_mails.call(marketplace_id=market.pk, participant_ids=ids, planned_at="run-1")
    assert OutgoingMail.objects.filter(category="meetings.plan").count() == 2


def test_removing_a_slot_tells_those_whose_meeting_it_held(
    smtp_server,  # noqa: F811
    market,
    django_capture_on_commit_callbacks,
):
    anna = join(market, UserFactory(email="anna@farm.example"))
    ben = join(market, UserFactory(email="ben@lab.example"))
    join(market, UserFactory(email="idle@nowhere.example"))
    accepted(anna, ben)
    plan_build(market.pk)
    meeting = MeetingRequest.objects.get().meeting
    smtp_server.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.slot_delete(meeting.slot, acting_user=None)
    assert sorted(r for m in smtp_server.messages for r in m.recipients) == [
        "anna@farm.example",
        "ben@lab.example",
    ]
    assert "Tisch 1" not in text_of(smtp_server.messages[0])  # the meeting is out of the plan
