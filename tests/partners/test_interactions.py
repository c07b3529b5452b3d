"""The interaction log: staff record and edit contacts, the board reads, partners never see
them; "my follow-ups" for the signed-in staff member."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.core.models import AuditEntry
from innonet.partners.models import Interaction
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
    add_totp,
)

pytestmark = pytest.mark.django_db
LIST = reverse("partners:interaction_list")
CREATE = reverse("partners:interaction_create")
FOLLOW_UPS = reverse("partners:followup_list")


def log(topic="Beratung", **fields):
    fields.setdefault("kind", Interaction.Kind.CONSULTATION)
    fields.setdefault("happened_on", date(2025, 3, 1))
    if "organisation" not in fields and "person" not in fields:
        fields["organisation"] = OrganisationFactory()
    return Interaction.objects.create(topic=topic, **fields)


def topics(response) -> list[str]:
    return [interaction.topic for interaction in response.context["object_list"]]


@pytest.mark.parametrize("role", ["member", "member_b", "network_manager"])
def test_partners_never_see_interactions(role, role_users, client_for):
    interaction = log("Vertraulich", organisation=role_users["member"].organisation)
    client = client_for(role_users[role])
    for url in (LIST, reverse("partners:interaction_detail", kwargs={"pk": interaction.pk})):
        response = client.get(url)
        assert response.status_code == 403
        assert "Vertraulich" not in response.content.decode()


def test_board_reads_but_cannot_write(role_users, client_for):
    interaction = log("Lesbar")
    board = client_for(role_users["board"])
    assert topics(board.get(LIST)) == ["Lesbar"]
    edit = reverse("partners:interaction_update", kwargs={"pk": interaction.pk})
    assert board.post(edit, {"topic": "Geändert"}).status_code == 403
    interaction.refresh_from_db()
    assert interaction.topic == "Lesbar"


def test_filters(staff_user, staff_client):
    colleague = UserFactory(role="staff")
    organisation = OrganisationFactory()
    log("Anruf Förderung", kind="call", happened_on=date(2025, 1, 10), staff=staff_user)
    log("Besuch Werk", kind="visit", happened_on=date(2025, 2, 10), organisation=organisation)
    log(
        "Wiedervorlage Antrag",
        happened_on=date(2025, 3, 10),
        follow_up_on=date(2025, 4, 1),
        staff=colleague,
    )
    log("Erledigt", follow_up_on=date(2025, 4, 1), follow_up_done=True)
    assert topics(staff_client.get(LIST, {"kind": "call"})) == ["Anruf Förderung"]
    in_february = {"date_from": "2025-02-01", "date_to": "2025-02-28"}
    assert topics(staff_client.get(LIST, in_february)) == ["Besuch Werk"]
    assert topics(staff_client.get(LIST, {"organisation": organisation.pk})) == ["Besuch Werk"]
    assert topics(staff_client.get(LIST, {"staff": colleague.pk})) == ["Wiedervorlage Antrag"]
    assert topics(staff_client.get(LIST, {"open_follow_up": "true"})) == ["Wiedervorlage Antrag"]
    assert topics(staff_client.get(LIST, {"q": "förder"})) == ["Anruf Förderung"]


@pytest.mark.parametrize(
    "params",
    [{"date_from": "gestern"}, {"kind": "party"}, {"organisation": "99999999999999999999"}],
)
def test_bad_filter_values_give_a_message_not_an_error(params, staff_client):
    log("Irgendwas")
    response = staff_client.get(LIST, params)
    assert response.status_code == 200
    assert response.context["filter"].errors


def test_sorting(staff_client):
    log("Alt", happened_on=date(2024, 1, 1))
    log("Neu", happened_on=date(2025, 1, 1))
    assert topics(staff_client.get(LIST)) == ["Neu", "Alt"]
    assert topics(staff_client.get(LIST, {"sort": "date"})) == ["Alt", "Neu"]


def _list_queries(client, count: int) -> int:
    organisation = OrganisationFactory()
    person = PersonFactory(last_name="Kontakt", first_name="", email="")
    AffiliationFactory(person=person, organisation=organisation)
    for number in range(count):
        log(f"Kontakt {number}", organisation=organisation, person=person)
    client.get(LIST)
    with counting_queries() as context:
        assert client.get(LIST).status_code == 200
    return len(context.captured_queries)


def test_list_query_count_does_not_grow_with_rows(staff_client):
    assert _list_queries(staff_client, 2) == _list_queries(staff_client, 22)


# -- record and edit -----------------------------------------------------------------------


def _person_at(organisation):
    person = PersonFactory(first_name="Kai", last_name="Groß", email="")
    AffiliationFactory(person=person, organisation=organisation)
    return person


def test_staff_records_a_contact_and_owns_its_follow_up(staff_user, staff_client):
    organisation = OrganisationFactory()
    person = _person_at(organisation)
    response = staff_client.post(
        CREATE,
        {
            "happened_on": "2025-05-05",
            "kind": "visit",
            "organisation": organisation.pk,
            "person": person.pk,
            "topic": "Betriebsbesuch",
            "notes": "Interesse an Projekt",
            "follow_up_on": "2025-06-01",
        },
    )
    assert response.status_code == 302
    interaction = Interaction.objects.get()
    assert (interaction.staff, interaction.person, interaction.follow_up_on) == (
        staff_user,
        person,
        date(2025, 6, 1),
    )
    assert AuditEntry.objects.filter(action="partners.interaction.recorded").count() == 1


def test_a_contact_with_a_person_only_is_fine(staff_client):
    person = PersonFactory(last_name="Einzeln", first_name="", email="")
    data = {"happened_on": "2025-05-05", "kind": "call", "person": person.pk, "topic": "Anruf"}
    assert staff_client.post(CREATE, data).status_code == 302
    assert Interaction.objects.get().organisation is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organisation": "", "person": ""}, None),
        ({"topic": "t" * 201}, "topic"),
        ({"topic": ""}, "topic"),
        ({"kind": "party"}, "kind"),
        ({"happened_on": "2025-13-01"}, "happened_on"),
        ({"follow_up_on": "bald"}, "follow_up_on"),
        ({"notes": "n" * 20001}, "notes"),
        ({"person": "999999"}, "person"),
        ({"organisation": "-1"}, "organisation"),
    ],
)
def test_record_rejects_bad_input(change, field, staff_client):
    organisation = OrganisationFactory()
    data = {
        "happened_on": "2025-05-05",
        "kind": "call",
        "organisation": organisation.pk,
        "topic": "Anruf",
        **change,
    }
    response = staff_client.post(CREATE, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (field or "__all__") in errors
    assert not Interaction.objects.exists()


def test_person_must_work_at_the_chosen_organisation(staff_client):
    organisation = OrganisationFactory()
    elsewhere = _person_at(OrganisationFactory())
    response = staff_client.post(
        CREATE,
        {
            "happened_on": "2025-05-05",
            "kind": "call",
            "organisation": organisation.pk,
            "person": elsewhere.pk,
            "topic": "Anruf",
        },
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Interaction.objects.exists()


def test_erased_people_cannot_be_chosen(staff_client):
    gone = PersonFactory(last_name="Weg", erased_at=timezone.now(), first_name="", email="")
    data = {"happened_on": "2025-05-05", "kind": "call", "person": gone.pk, "topic": "Anruf"}
    response = staff_client.post(CREATE, data)
    assert "person" in response.context["form"].errors
    assert not Interaction.objects.exists()


def test_create_form_is_prefilled_from_the_link(staff_client):
    organisation = OrganisationFactory()
    response = staff_client.get(CREATE, {"organisation": organisation.pk, "person": "x'"})
    assert response.context["form"].initial["organisation"] == organisation.pk
    assert "person" not in response.context["form"].initial


def test_staff_edits_a_contact_and_a_new_date_reopens_the_follow_up(staff_client):
    organisation = OrganisationFactory()
    interaction = log(
        "Alt", organisation=organisation, follow_up_on=date(2025, 1, 1), follow_up_done=True
    )
    url = reverse("partners:interaction_update", kwargs={"pk": interaction.pk})
    response = staff_client.post(
        url,
        {
            "happened_on": "2025-03-01",
            "kind": "mail",
            "organisation": organisation.pk,
            "topic": "Neu",
            "follow_up_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert (interaction.topic, interaction.kind, interaction.follow_up_done) == (
        "Neu",
        "mail",
        False,
    )
    assert AuditEntry.objects.filter(action="partners.interaction.updated").count() == 1


def test_edit_rejects_removing_both_partners(staff_client):
    interaction = log("Bleibt")
    url = reverse("partners:interaction_update", kwargs={"pk": interaction.pk})
    data = {"happened_on": "2025-03-01", "kind": "call", "topic": "Ohne Partner"}
    response = staff_client.post(url, data)
    assert response.status_code == 200
    interaction.refresh_from_db()
    assert interaction.topic == "Bleibt" and interaction.organisation is not None


# -- my follow-ups ---------------------------------------------------------------------------


def test_my_follow_ups_due_first_overdue_highlighted(staff_user, staff_client):
    today = timezone.localdate()
    colleague = UserFactory(role="staff")
    add_totp(colleague)
    log("Später", staff=staff_user, follow_up_on=today + timedelta(days=10))
    log("Überfällig", staff=staff_user, follow_up_on=today - timedelta(days=3))
    log("Heute", staff=staff_user, follow_up_on=today)
    log("Erledigt", staff=staff_user, follow_up_on=today, follow_up_done=True)
    log("Ohne Wiedervorlage", staff=staff_user)
    log("Kollegin", staff=colleague, follow_up_on=today)
    response = staff_client.get(FOLLOW_UPS)
    assert topics(response) == ["Überfällig", "Heute", "Später"]
    page = response.content.decode()
    overdue_row = page[page.rindex("<tr", 0, page.index("Überfällig")) : page.index("Überfällig")]
    assert "table-danger" in overdue_row
    later_row = page[page.rindex("<tr", 0, page.index("Später")) : page.index("Später")]
    assert "table-danger" not in later_row


def test_done_button_closes_the_follow_up(staff_user, staff_client):
    interaction = log("Rückruf", staff=staff_user, follow_up_on=timezone.localdate())
    done = reverse("partners:followup_done", kwargs={"pk": interaction.pk})
    assert staff_client.get(done).status_code == 405
    response = staff_client.post(done)
    assert response.status_code == 302
    interaction.refresh_from_db()
    assert interaction.follow_up_done
    assert topics(staff_client.get(FOLLOW_UPS)) == []
    assert AuditEntry.objects.filter(action="partners.interaction.follow_up_done").count() == 1
    staff_client.post(done)  # twice changes nothing
    assert AuditEntry.objects.filter(action="partners.interaction.follow_up_done").count() == 1


def test_done_without_follow_up_shows_a_message(staff_client):
    interaction = log("Ohne")
    done = reverse("partners:followup_done", kwargs={"pk": interaction.pk})
    response = staff_client.post(done, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    interaction.refresh_from_db()
    assert not interaction.follow_up_done


def test_done_on_unknown_interaction_is_404(staff_client):
    assert (
        staff_client.post(reverse("partners:followup_done", kwargs={"pk": 999999})).status_code
        == 404
    )
