"""The office's everyday event work: a new event belongs to the user's own network, formats
with the same name are told apart, check-in warns when opened long before or after the event,
and an event over midnight never shows the same time on both sides of the dash."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from innonet.accounts.models import Role
from innonet.core.dates import DASH
from innonet.events import mails, queries
from innonet.events.forms.events import EventForm, default_organiser, organiser_choices
from innonet.networks.models import Network
from tests.factories import (
    EventFactory,
    FormatFactory,
    NetworkFactory,
    RegistrationFactory,
    UserFactory,
    host_network,
)

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# the organiser of a new event ---------------------------------------------------------------


def test_a_new_event_defaults_to_the_host_network_not_the_first_alphabetically(staff_client):
    NetworkFactory(name="Aaa Agrarnetzwerk")
    host = host_network()
    form = staff_client.get(reverse("events:event_create")).context["form"]
    assert form.initial["organiser"] == host.pk
    assert f'<option value="{host.pk}" selected>' in str(form["organiser"])


def test_a_staff_member_with_a_network_gets_that_one(staff_user):
    host_network()
    own = NetworkFactory(name="Zukunftsnetz Kunststoff")
    staff_user.network = own
    staff_user.save()
    assert default_organiser(staff_user, organiser_choices(staff_user)) == own
    assert EventForm(user=staff_user).initial["organiser"] == own.pk


def test_a_manager_gets_their_network():
    host_network()
    own = NetworkFactory(name="Zukunftsnetz Kunststoff")
    manager = UserFactory(role=Role.NETWORK_MANAGER, network=own)
    assert EventForm(user=manager).initial["organiser"] == own.pk


def test_without_a_host_network_the_first_by_name():
    Network.objects.filter(kind=Network.Kind.HOST).delete()
    NetworkFactory(name="Zzz")
    first = NetworkFactory(name="Aaa")
    staff = UserFactory(role=Role.STAFF)
    assert default_organiser(staff, organiser_choices(staff)) == first


def test_an_event_from_a_format_keeps_the_default_organiser(staff_client):
    host = host_network()
    format = FormatFactory(network=NetworkFactory(name="Aaa Netz"))
    url = reverse("events:event_create_from_format", kwargs={"pk": format.pk})
    assert staff_client.get(url).context["form"].initial["organiser"] == host.pk


# formats with the same name -----------------------------------------------------------------


def test_the_format_drop_down_names_the_network(staff_client):
    other = NetworkFactory(name="Netzwerk Emsland")
    FormatFactory(name="IT-Frühstück", network=host_network())
    FormatFactory(name="IT-Frühstück", network=other)
    form = staff_client.get(reverse("events:event_create")).context["form"]
    labels = [label for _value, label in form.fields["format"].choices]
    assert "IT-Frühstück (IT-Netzwerk Osnabrück)" in labels
    assert "IT-Frühstück (Netzwerk Emsland)" in labels


def test_the_catalogue_shows_formats_with_the_same_name(staff_client):
    other = NetworkFactory(name="Netzwerk Emsland")
    FormatFactory(name="IT-Frühstück", network=host_network())
    FormatFactory(name="it-frühstück", network=other)
    FormatFactory(name="Hackathon", network=other)
    page = english(staff_client).get(reverse("events:format_list")).content.decode()
    assert "Several networks use the same name" in page
    assert page.count("same name</span>") == 2
    assert "also at Netzwerk Emsland" in page
    assert "also at IT-Netzwerk Osnabrück" in page


def test_a_catalogue_without_duplicates_says_nothing(staff_client):
    FormatFactory(name="Hackathon")
    page = english(staff_client).get(reverse("events:format_list")).content.decode()
    assert "Several networks use the same name" not in page


# check-in timing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_in", "length", "expected"),
    [
        (timedelta(days=60), timedelta(hours=2), "early"),
        (timedelta(days=1, minutes=1), timedelta(hours=2), "early"),
        (timedelta(hours=23), timedelta(hours=2), ""),
        (timedelta(hours=-1), timedelta(hours=2), ""),
        (timedelta(hours=-3), timedelta(hours=2), "late"),
    ],
)
def test_checkin_timing(start_in, length, expected):
    now = timezone.now()
    event = EventFactory.build(starts_at=now + start_in, ends_at=now + start_in + length)
    assert queries.checkin_timing(event, now=now) == expected


def test_checkin_months_ahead_warns(staff_client):
    event = EventFactory(starts_at=timezone.now() + timedelta(days=90))
    page = english(staff_client).get(reverse("events:checkin", kwargs={"pk": event.pk}))
    assert "This event has not started yet." in page.content.decode()


def test_checkin_after_the_end_warns(staff_client):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(starts_at=start, ends_at=start + timedelta(hours=2))
    page = english(staff_client).get(reverse("events:checkin", kwargs={"pk": event.pk}))
    assert "This event is over." in page.content.decode()


def test_checkin_on_the_day_does_not_warn(staff_client):
    event = EventFactory(starts_at=timezone.now() + timedelta(hours=1))
    page = english(staff_client).get(reverse("events:checkin", kwargs={"pk": event.pk}))
    assert 'id="checkin-timing"' not in page.content.decode()


# a day-long event ---------------------------------------------------------------------------


@pytest.fixture
def day_long():
    start = datetime(2031, 3, 3, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    return EventFactory(
        title="24-Stunden-Hackathon", starts_at=start, ends_at=start + timedelta(hours=24)
    )


def _pages(event, client):
    yield reverse("events:event_detail", kwargs={"pk": event.pk})
    yield reverse("events:event_list")
    yield reverse("events:event_register", kwargs={"pk": event.pk})
    yield reverse("events:checkin", kwargs={"pk": event.pk})
    yield reverse("events:event_figures", kwargs={"pk": event.pk})
    yield reverse("events:registration_list", kwargs={"pk": event.pk})
    yield reverse("reporting:home")


def test_a_day_long_event_names_both_dates_everywhere(staff_client, day_long):
    client = english(staff_client)
    for url in _pages(day_long, client):
        page = client.get(url).content.decode()
        assert f"9:00 a.m.{DASH}9:00 a.m." not in page, url
        assert f"09:00{DASH}09:00" not in page, url
    detail = client.get(reverse("events:event_detail", kwargs={"pk": day_long.pk})).content
    assert "March 4, 2031" in detail.decode()
    for url in (
        reverse("events:checkin", kwargs={"pk": day_long.pk}),
        reverse("events:event_figures", kwargs={"pk": day_long.pk}),
        reverse("events:registration_list", kwargs={"pk": day_long.pk}),
    ):
        assert "March 4, 2031" in client.get(url).content.decode(), url


def test_a_day_long_event_in_mail_and_pdf(staff_client, day_long):
    registration = RegistrationFactory(event=day_long, language="de")
    message = mails.build_message(registration, mails.CONFIRMED)
    assert f"09:00{DASH}09:00" not in message.body
    assert "4. März 2031" in message.body
    pdf = staff_client.get(reverse("events:participant_list_pdf", kwargs={"pk": day_long.pk}))
    assert pdf.status_code == 200
    mail.outbox.clear()


def test_a_new_format_defaults_to_the_users_network(staff_client):
    host = host_network()
    NetworkFactory(name="Aaa Agrarnetzwerk")
    form = staff_client.get(reverse("events:format_create")).context["form"]
    assert form.initial["network"] == host.pk
