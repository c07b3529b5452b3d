"""The format catalogue: figures, detail, adopting, keeping formats, events from a format."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from innonet.events.models import Event, EventStatus, Format
from tests.factories import (
    EventFactory,
    FeedbackFactory,
    FormatFactory,
    NetworkFactory,
    RegistrationFactory,
    host_network,
)
from tests.networks.factories import share_with

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def english(client):
    """Pages in English, as chosen with the language switch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def row_of(html: str, text: str) -> str:
    """The table row of a page that contains `text`."""
    for row in re.findall(r"<tr>.*?</tr>", html, flags=re.S):
        if text in row:
            return row
    raise AssertionError(f"no row with {text!r}")


def cells(row: str) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", cell).split())
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
    ]


def held_event(format: Format, *, days_ago: int, confirmed: int, ratings=()) -> Event:
    starts = timezone.now() - timedelta(days=days_ago)
    event = EventFactory(
        format=format,
        status=EventStatus.FINISHED,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    registrations = [RegistrationFactory(event=event) for _ in range(confirmed)]
    for registration, rating in zip(registrations, ratings, strict=False):
        FeedbackFactory(registration=registration, rating=rating, comment="")
    return event


def test_catalogue_shows_runs_participants_and_rating(client_for, role_users):
    breakfast = FormatFactory(name="IT-Frühstück")
    held_event(breakfast, days_ago=30, confirmed=3, ratings=(4, 5))
    held_event(breakfast, days_ago=10, confirmed=2, ratings=(3,))
    EventFactory(format=breakfast)  # upcoming: not counted yet
    FormatFactory(name="Hackathon")

    response = client_for(role_users["member"]).get(reverse("events:format_list"))

    assert response.status_code == 200
    html = response.content.decode()
    runs, participants, rating = cells(row_of(html, "IT-Frühstück"))[2:5]
    assert (runs, participants) == ("2", "5")
    assert re.match(r"4[,.]0 \(3 ", rating)  # (4 + 5 + 3) / 3, from three ratings
    runs, participants, rating = cells(row_of(html, "Hackathon"))[2:5]
    assert (runs, participants, rating) == ("0", "0", "\u2013")


def test_catalogue_shows_where_an_adopted_format_came_from(client_for, role_users):
    original = FormatFactory(name="Expertengespräch", network=host_network())
    partner = NetworkFactory(name="Agrarnetz Emsland")
    FormatFactory(name="Expertengespräch", network=partner, adopted_from=original)

    response = english(client_for(role_users["board"])).get(reverse("events:format_list"))

    html = response.content.decode()
    partner_section = html[html.index("Agrarnetz Emsland") :]
    host_section = html[html.index(host_network().name) : html.index("Agrarnetz Emsland")]
    assert f"adopted from {host_network().name}" in partner_section
    assert "adopted from" not in host_section


def test_catalogue_filters_by_network(client_for, role_users):
    partner = NetworkFactory(name="Agrarnetz Emsland")
    FormatFactory(name="Feldtag", network=partner)
    FormatFactory(name="IT-Frühstück")

    response = client_for(role_users["board"]).get(
        reverse("events:format_list"), {"network": partner.pk}
    )

    html = response.content.decode()
    assert "Feldtag" in html and "IT-Frühstück" not in html


def test_detail_shows_checklist_as_list_and_sanitised_description(client_for, role_users):
    format = FormatFactory(
        checklist="Raum buchen\n\n  Kaffee bestellen  \n",
        description="**Ablauf**\n\n<script>alert('x')</script>",
    )

    html = (
        client_for(role_users["member"])
        .get(reverse("events:format_detail", kwargs={"pk": format.pk}))
        .content.decode()
    )

    assert "<li>Raum buchen</li>" in html and "<li>Kaffee bestellen</li>" in html
    assert "<strong>Ablauf</strong>" in html
    assert "<script>alert('x')</script>" not in html


def test_manager_adopts_a_shared_format_once(client_for, role_users):
    manager = role_users["network_manager"]
    original = FormatFactory(name="Expertengespräch", is_shared=True, checklist="Raum buchen")
    share_with(manager.network, formats=True)
    client = english(client_for(manager))
    url = reverse("events:format_adopt", kwargs={"pk": original.pk})

    first = client.post(url)
    copy = Format.objects.get(network=manager.network, adopted_from=original)
    assert first.status_code == 302
    assert first["Location"] == reverse("events:format_detail", kwargs={"pk": copy.pk})
    assert copy.checklist == "Raum buchen" and not copy.is_shared

    second = client.post(url, follow=True)
    assert Format.objects.filter(adopted_from=original).count() == 1
    assert (
        "already adopted" in second.content.decode()
        or "bereits übernommen" in second.content.decode()
    )


def test_adopt_button_only_for_other_networks_and_shared_formats(client_for, role_users):
    manager = role_users["network_manager"]
    shared = FormatFactory(is_shared=True)
    own = FormatFactory(network=manager.network, is_shared=True)
    unshared = FormatFactory(is_shared=False)
    share_with(manager.network, formats=True)
    client = client_for(manager)
    adopt = 'action="{}"'

    def page(format):
        return client.get(
            reverse("events:format_detail", kwargs={"pk": format.pk})
        ).content.decode()

    assert adopt.format(reverse("events:format_adopt", kwargs={"pk": shared.pk})) in page(shared)
    assert adopt.format(reverse("events:format_adopt", kwargs={"pk": own.pk})) not in page(own)
    assert adopt.format(reverse("events:format_adopt", kwargs={"pk": unshared.pk})) not in page(
        unshared
    )
    refused = client.post(reverse("events:format_adopt", kwargs={"pk": unshared.pk}))
    assert refused.status_code == 404  # an unshared format stays with its network
    assert not Format.objects.filter(adopted_from=unshared).exists()


def test_staff_choose_the_adopting_network(client_for, role_users):
    partner = NetworkFactory()
    original = FormatFactory(is_shared=True)
    share_with(partner, formats=True)
    client = client_for(role_users["staff"])

    client.post(reverse("events:format_adopt", kwargs={"pk": original.pk}), {"network": partner.pk})

    assert Format.objects.filter(network=partner, adopted_from=original).exists()


def test_manager_of_another_network_cannot_edit(client_for, role_users):
    format = FormatFactory(name="IT-Frühstück", goal="Austausch", is_shared=True)
    share_with(role_users["network_manager"].network, formats=True)
    client = client_for(role_users["network_manager"])
    url = reverse("events:format_update", kwargs={"pk": format.pk})

    assert client.get(url).status_code == 403
    response = client.post(url, {"network": format.network_id, "name": "Übernommen", "goal": "x"})

    assert response.status_code == 403
    format.refresh_from_db()
    assert (format.name, format.goal) == ("IT-Frühstück", "Austausch")


def test_manager_keeps_formats_only_for_the_own_network(client_for, role_users):
    manager = role_users["network_manager"]
    client = client_for(manager)
    data = {"name": "Feldtag", "network": host_network().pk, "is_active": "on"}

    response = client.post(reverse("events:format_create"), data)

    assert response.status_code == 200  # the host network is no valid choice
    assert not Format.objects.filter(name="Feldtag").exists()
    client.post(reverse("events:format_create"), {**data, "network": manager.network.pk})
    assert Format.objects.get(name="Feldtag").network == manager.network


def test_duplicate_format_name_is_a_form_error(client_for, role_users):
    FormatFactory(name="IT-Frühstück")
    data = {"name": "IT-Frühstück", "network": host_network().pk, "is_active": "on"}

    response = client_for(role_users["staff"]).post(reverse("events:format_create"), data)

    assert response.status_code == 200
    assert Format.objects.filter(name="IT-Frühstück").count() == 1
    assert 'id="id_name_error"' in response.content.decode()


def test_create_event_from_format_gives_a_prefilled_draft(client_for, role_users):
    manager = role_users["network_manager"]
    format = FormatFactory(
        name="Hofgespräch",
        goal="Landwirte treffen Start-ups",
        duration_minutes=90,
        capacity=25,
        is_shared=True,
    )
    share_with(manager.network, formats=True)
    client = client_for(manager)
    url = reverse("events:event_create_from_format", kwargs={"pk": format.pk})

    assert client.get(url).status_code == 200
    response = client.post(url, {"starts_at": "2031-05-06T09:30", "organiser": manager.network.pk})

    event = Event.objects.get(format=format)
    assert response["Location"] == reverse("events:event_update", kwargs={"pk": event.pk})
    assert event.status == EventStatus.DRAFT
    assert (event.title, event.summary, event.capacity) == ("Hofgespräch", format.goal, 25)
    assert event.starts_at == datetime(2031, 5, 6, 9, 30, tzinfo=BERLIN)
    assert event.ends_at - event.starts_at == timedelta(minutes=90)
    assert event.organiser == manager.network
    edit = client.get(response["Location"]).content.decode()
    assert 'value="Hofgespräch"' in edit and 'value="2031-05-06T09:30"' in edit


def test_create_event_from_format_rejects_another_organiser_for_managers(client_for, role_users):
    format = FormatFactory(is_shared=True)
    share_with(role_users["network_manager"].network, formats=True)
    client = client_for(role_users["network_manager"])
    url = reverse("events:event_create_from_format", kwargs={"pk": format.pk})

    response = client.post(url, {"starts_at": "2031-05-06T09:30", "organiser": host_network().pk})

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_event_form_prefills_from_format(client_for, role_users):
    format = FormatFactory(name="Hofgespräch", capacity=25)

    html = (
        client_for(role_users["staff"])
        .get(reverse("events:event_create"), {"format": format.pk})
        .content.decode()
    )

    assert 'value="Hofgespräch"' in html and 'value="25"' in html
