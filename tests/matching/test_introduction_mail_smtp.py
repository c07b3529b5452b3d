"""Introduction mails through a real SMTP server (aiosmtpd, started by the test): both contacts
get one, each in their language; the other contact's details only with their consent; no line
break in the topic reaches a header; erased people get nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from innonet.matching.models import Introduction
from innonet.matching.services import introductions as services
from tests.factories import OrganisationFactory

from .routes_introductions import consent_sharing, person_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def sides():
    farm = OrganisationFactory(name="Agrartechnik Bersenbrück GmbH")
    lab = OrganisationFactory(name="Sensorlabor Osnabrück", kind="research")
    return {
        "farm": farm,
        "lab": lab,
        "farmer": person_at(
            farm, email="fritz@farm.example", first_name="Fritz", phone="+49 5439 1234"
        ),
        "scientist": person_at(
            lab, email="sara@lab.example", first_name="Sara", language="en", phone="+49 541 9876"
        ),
    }


def plan(sides, staff, **fields):
    values = {
        "first_organisation": sides["farm"],
        "second_organisation": sides["lab"],
        "first_person": sides["farmer"],
        "second_person": sides["scientist"],
        "topic": "Bodenfeuchte im Feldversuch",
        "message": "Beide arbeiten an LoRaWAN-Sensorik.",
        "acting_user": staff,
        **fields,
    }
    return services.introduction_create(**values)


def send_from_the_page(client, introduction, capture):
    url = reverse("matching:introduction_send", kwargs={"pk": introduction.pk})
    with capture(execute=True):
        response = client.post(url, {"version": introduction.version})
    assert response.status_code == 302


def subject(topic: str, language: str) -> str:
    with translation.override(language):
        return str(translation.gettext("Introduction: %(topic)s") % {"topic": topic})


def test_both_contacts_get_their_mail_in_their_language(
    smtp_server, staff_client, staff, sides, django_capture_on_commit_callbacks
):
    introduction = plan(sides, staff)
    send_from_the_page(staff_client, introduction, django_capture_on_commit_callbacks)

    [to_farmer] = smtp_server.to("fritz@farm.example")
    [to_scientist] = smtp_server.to("sara@lab.example")
    assert len(smtp_server.messages) == 2
    for received, language in ((to_farmer, "de"), (to_scientist, "en")):
        assert received.message["Subject"] == subject(introduction.topic, language)
        assert received.message.get_content_type() == "multipart/alternative"
        assert f'lang="{language}"' in received.part("text/html")
        assert "Beide arbeiten an LoRaWAN-Sensorik." in received.part("text/plain")
        assert received.message["Reply-To"] == staff.email
    assert "Fritz" in to_farmer.part("text/plain")
    assert "Sensorlabor Osnabrück" in to_farmer.part("text/plain")
    assert "Agrartechnik Bersenbrück GmbH" in to_scientist.part("text/plain")


def test_replies_go_to_the_office_when_it_has_an_address(
    smtp_server, staff_client, staff, sides, settings, django_capture_on_commit_callbacks
):
    settings.OFFICE_EMAIL = "buero@netzwerk.example"
    send_from_the_page(staff_client, plan(sides, staff), django_capture_on_commit_callbacks)
    assert {m.message["Reply-To"] for m in smtp_server.messages} == {"buero@netzwerk.example"}


@pytest.mark.parametrize("consenting", ["farmer", "scientist"])
def test_contact_details_only_with_the_other_sides_consent(
    smtp_server, staff_client, staff, sides, consenting, django_capture_on_commit_callbacks
):
    consent_sharing(sides[consenting])
    send_from_the_page(staff_client, plan(sides, staff), django_capture_on_commit_callbacks)
    other = "scientist" if consenting == "farmer" else "farmer"
    # The consenting person is named to the other side...
    [told] = smtp_server.to(sides[other].email)
    for part in ("text/plain", "text/html"):
        assert sides[consenting].email in told.part(part)
        assert sides[consenting].phone in told.part(part)
        assert sides[consenting].first_name in told.part(part)
    # ...but the consenting side learns only the other organisation's name.
    [kept] = smtp_server.to(sides[consenting].email)
    for part in ("text/plain", "text/html"):
        assert sides[other].email not in kept.part(part)
        assert sides[other].phone not in kept.part(part)
        assert sides[other].first_name not in kept.part(part)
    assert sides[other].affiliations.get().organisation.name in kept.part("text/plain")


def test_a_withdrawn_consent_counts_at_sending_time(
    smtp_server, staff_client, staff, sides, django_capture_on_commit_callbacks
):
    consent_sharing(sides["scientist"])
    consent_sharing(sides["scientist"], granted=False)
    send_from_the_page(staff_client, plan(sides, staff), django_capture_on_commit_callbacks)
    [to_farmer] = smtp_server.to("fritz@farm.example")
    assert "sara@lab.example" not in to_farmer.part("text/plain")


def test_no_line_break_of_the_topic_reaches_a_header(
    smtp_server, staff_client, staff, sides, django_capture_on_commit_callbacks
):
    introduction = plan(sides, staff, topic="Sensorik\r\nBcc: opfer@evil.example\r\nX-Evil: 1")
    # Even a topic written around the service stays on one header line.
    Introduction.objects.filter(pk=introduction.pk).update(
        topic="Sensorik\r\nBcc: opfer@evil.example\nX-Evil: 1"
    )
    introduction.refresh_from_db()
    send_from_the_page(staff_client, introduction, django_capture_on_commit_callbacks)
    assert len(smtp_server.messages) == 2
    for received in smtp_server.messages:
        assert received.recipients in (["fritz@farm.example"], ["sara@lab.example"])
        assert received.message["Bcc"] is None and received.message["X-Evil"] is None
        assert "\n" not in received.message["Subject"] and "\r" not in received.message["Subject"]
        assert "Bcc: opfer@evil.example" in received.message["Subject"]
    assert not smtp_server.to("opfer@evil.example")


def test_an_erased_person_is_never_mailed(
    smtp_server, staff_client, staff, sides, django_capture_on_commit_callbacks
):
    introduction = plan(sides, staff)
    sides["scientist"].erased_at = timezone.now()  # erased after planning, before sending
    sides["scientist"].save()
    send_from_the_page(staff_client, introduction, django_capture_on_commit_callbacks)
    introduction.refresh_from_db()
    assert [m.recipients for m in smtp_server.messages] == [["fritz@farm.example"]]
    assert introduction.mailed_first and not introduction.mailed_second
    page = staff_client.get(reverse("matching:introduction_detail", kwargs={"pk": introduction.pk}))
    assert "Keine E-Mail verschickt:" in page.content.decode()


def test_a_person_erased_before_the_worker_runs_is_not_mailed(
    smtp_server, staff, sides, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        services.introduction_send(plan(sides, staff), acting_user=staff)
    sides["scientist"].erased_at = timezone.now()
    sides["scientist"].save()
    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        for callback in queued:
            callback()
    assert [m.recipients for m in smtp_server.messages] == [["fritz@farm.example"]]
