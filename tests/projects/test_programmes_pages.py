"""Funding programme and call pages: create and edit with rates and deadlines, bad input as
form messages with nothing written, the call's matching organisations and ideas."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from innonet.projects.models import CallDeadline, FundingCall, FundingProgramme
from tests.factories import CompetenceFactory, OrganisationFactory
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def _local(days: float) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def _call_form(*rows, initial=0, **fields):
    data = {
        "title": "Aufruf Wasserstoff",
        "topics": "Wasserstoff Elektrolyse",
        "is_active": "on",
        "deadlines-TOTAL_FORMS": str(len(rows)),
        "deadlines-INITIAL_FORMS": str(initial),
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "10",
        **fields,
    }
    for index, (label, due) in enumerate(rows):
        data[f"deadlines-{index}-label"] = label
        data[f"deadlines-{index}-due_at"] = due
    return data


PROGRAMME = {
    "name": "ZIM Kooperationsprojekte",
    "funder": "BMWK",
    "level": "federal",
    "min_partners": "2",
    "min_countries": "1",
    "is_active": "on",
    "requires_sme": "on",
    "rate_sme": "45",
    "rate_research": "100",
}


def test_staff_create_a_programme_with_rates(staff_client):
    response = staff_client.post(reverse("projects:programme_create"), PROGRAMME)
    programme = FundingProgramme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:programme_detail", args=[programme.pk])
    rates = {rate.partner_kind: rate.rate for rate in programme.rates.all()}
    assert rates == {"sme": Decimal("45.00"), "research": Decimal("100.00")}
    page = staff_client.get(response["Location"]).content.decode()
    assert "45,00 %" in page and "ZIM Kooperationsprojekte" in page


def test_programme_edit_removes_an_emptied_rate(staff_client):
    staff_client.post(reverse("projects:programme_create"), PROGRAMME)
    programme = FundingProgramme.objects.get()
    form = staff_client.get(reverse("projects:programme_update", args=[programme.pk]))
    assert "45" in form.content.decode()
    staff_client.post(
        reverse("projects:programme_update", args=[programme.pk]), {**PROGRAMME, "rate_sme": ""}
    )
    assert list(programme.rates.values_list("partner_kind", flat=True)) == ["research"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "bestehendes programm"}, "already exists"),
        ({"min_partners": "3", "max_partners": "2"}, "cannot be below"),
        ({"rate_sme": "101"}, "less than or equal to 100"),
        ({"rate_sme": "-1"}, "greater than or equal to 0"),
        ({"level": "galactic"}, "Select a valid choice"),
    ],
)
def test_bad_programme_input_is_a_form_message(staff_client, changes, message):
    ProgrammeFactory(name="Bestehendes Programm")
    staff_client.cookies["django_language"] = "en"
    response = staff_client.post(
        reverse("projects:programme_create"), {**PROGRAMME, **changes}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert FundingProgramme.objects.count() == 1


def test_staff_open_a_call_with_two_deadlines(staff_client):
    programme = ProgrammeFactory()
    data = _call_form(("Skizze", _local(30)), ("Vollantrag", _local(90)), ("", ""))
    response = staff_client.post(reverse("projects:call_create", args=[programme.pk]), data)
    call = FundingCall.objects.get()
    assert response.status_code == 302
    assert call.programme == programme
    assert list(call.deadlines.values_list("label", flat=True)) == ["Skizze", "Vollantrag"]
    page = staff_client.get(reverse("projects:call_detail", args=[call.pk])).content.decode()
    assert "Skizze" in page and "Vollantrag" in page


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((("Skizze", lambda: _local(-1)),), "lies in the past"),
        ((("Skizze", ""),), "Give the deadline a date and time."),
        ((("", lambda: _local(5)),), "Give the deadline a label."),
        ((("Skizze", "morgen"),), "Enter a valid date/time."),
    ],
)
def test_bad_deadlines_are_form_messages_and_nothing_is_written(staff_client, rows, message):
    # Moments are taken when the test runs, not when it is collected (midnight may pass).
    rows = [tuple(value() if callable(value) else value for value in row) for row in rows]
    programme = ProgrammeFactory()
    staff_client.cookies["django_language"] = "en"
    response = staff_client.post(
        reverse("projects:call_create", args=[programme.pk]),
        _call_form(*rows),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FundingCall.objects.exists()


def test_a_tampered_formset_is_a_message_not_a_500(staff_client):
    programme = ProgrammeFactory()
    data = _call_form(("Skizze", _local(20)))
    data["deadlines-TOTAL_FORMS"] = "<script>"
    response = staff_client.post(reverse("projects:call_create", args=[programme.pk]), data)
    assert response.status_code == 200
    assert not FundingCall.objects.exists()
    data["deadlines-TOTAL_FORMS"] = "5000"
    response = staff_client.post(reverse("projects:call_create", args=[programme.pk]), data)
    assert response.status_code == 200
    assert not FundingCall.objects.exists()


def test_editing_a_call_keeps_its_past_deadline(staff_client):
    call = make_call(days=(-10, 30))
    past, future = call.deadlines.all()
    form = staff_client.get(reverse("projects:call_update", args=[call.pk])).content.decode()
    assert "Frist 1" in form
    local = [timezone.localtime(d.due_at).strftime("%Y-%m-%dT%H:%M") for d in (past, future)]
    data = _call_form(
        (past.label, local[0]), (future.label, _local(45)), ("", ""), initial=2, topics="Neu"
    )
    response = staff_client.post(reverse("projects:call_update", args=[call.pk]), data)
    assert response.status_code == 302
    deadlines = list(call.deadlines.order_by("due_at"))
    assert deadlines[0].due_at == past.due_at
    assert deadlines[1].due_at > future.due_at


def test_only_staff_reach_the_forms(client_for, role_users):
    programme = ProgrammeFactory()
    member = client_for(role_users["member"])
    assert member.get(reverse("projects:programme_detail", args=[programme.pk])).status_code == 200
    url = reverse("projects:call_create", args=[programme.pk])
    assert member.post(url, _call_form(("Skizze", _local(20)))).status_code == 403
    assert not FundingCall.objects.exists()


def test_unknown_ids_answer_404(staff_client):
    assert staff_client.get(reverse("projects:programme_detail", args=[999999])).status_code == 404
    assert staff_client.get(reverse("projects:call_update", args=[999999])).status_code == 404
    assert staff_client.get(reverse("projects:call_create", args=[999999])).status_code == 404


def test_programme_list_filters_and_keeps_its_query_count(
    staff_client, django_assert_max_num_queries
):
    for index in range(3):
        make_call(ProgrammeFactory(name=f"Programm {index}", level="eu"))
    ProgrammeFactory(name="Regional", level="regional")
    regional = FundingProgramme.objects.get(name="Regional")
    eu = FundingProgramme.objects.get(name="Programm 1")
    page = staff_client.get(reverse("projects:programme_list"), {"level": "regional"})
    text = page.content.decode()
    assert reverse("projects:programme_detail", args=[regional.pk]) in text
    assert reverse("projects:programme_detail", args=[eu.pk]) not in text
    url = reverse("projects:programme_list")
    with django_assert_max_num_queries(15) as few:
        staff_client.get(url)
    for index in range(3, 20):
        make_call(ProgrammeFactory(name=f"Programm {index}"), days=(10, 20))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = staff_client.get(url, {"sort": "next_deadline"})
    assert "Programm 19" in response.content.decode()


def test_call_page_ranks_organisations_by_shared_topics(staff_client):
    hydrogen = CompetenceFactory(name="Elektrolyse")
    fits = OrganisationFactory(name="Wasserstoff Nord GmbH", description="Wir bauen Elektrolyseure")
    fits.competences.add(hydrogen)
    OrganisationFactory(
        name="H2 Labor", keywords="Wasserstoff, Brennstoffzelle", description="Elektrolyse"
    )
    OrganisationFactory(name="Bäckerei Korn", description="Brot und Brötchen")
    call = make_call(title="Grüner Wasserstoff", topics="Elektrolyse, Brennstoffzelle, Speicher")
    page = staff_client.get(reverse("projects:call_detail", args=[call.pk])).content.decode()
    assert "H2 Labor" in page and "Wasserstoff Nord GmbH" in page
    assert page.index("H2 Labor") < page.index("Wasserstoff Nord GmbH")
    assert "Bäckerei Korn" not in page
    assert "brennstoffzelle" in page  # the words shared, so the office sees why


def test_call_page_shows_only_the_ideas_and_organisations_a_member_may_see(client_for, role_users):
    member = role_users["member"]
    org_a = member.organisation
    org_a.name, org_a.description = "Wasserwerk Mitte", "Wasserstoff Elektrolyse"
    org_a.save()
    OrganisationFactory(name="Fremde Wasserstoff AG", description="Wasserstoff Elektrolyse")
    shared = ProjectFactory(title="Idee Wasserstoffspeicher", confidentiality="partners")
    secret = ProjectFactory(title="Geheime Wasserstoff Idee", confidentiality="staff")
    for project in (shared, secret):
        PartnerFactory(project=project, organisation=org_a)
    call = make_call(title="Wasserstoff", topics="Elektrolyse Wasserstoffspeicher")
    page = client_for(member).get(reverse("projects:call_detail", args=[call.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Idee Wasserstoffspeicher" in text
    assert "Geheime Wasserstoff Idee" not in text
    assert "Fremde Wasserstoff AG" not in text
    # Suggestions never name the member's own organisation (docs/decisions.md, "What members
    # see of the network"); its ideas above are how the page shows it.
    assert "Wasserwerk Mitte" not in text
    staff_text = client_for(role_users["staff"]).get(page.wsgi_request.path).content.decode()
    assert "Geheime Wasserstoff Idee" in staff_text


def test_a_call_deadline_row_is_replaced_not_duplicated(staff_client):
    call = make_call(days=(30,))
    deadline = call.deadlines.get()
    local = timezone.localtime(deadline.due_at).strftime("%Y-%m-%dT%H:%M")
    data = _call_form((deadline.label, local), ("", ""), initial=1)
    staff_client.post(reverse("projects:call_update", args=[call.pk]), data)
    assert CallDeadline.objects.filter(call=call).count() == 1
