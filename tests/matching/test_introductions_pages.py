"""The introduction pages as users see them: who sees which introductions, the list's filters,
sorting and constant query count, planning from an engine result, bad input on every form,
sending, outcomes with the conflict message, and a member's "I am interested"."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from innonet.matching.models import (
    InterestRequest,
    InterestRequestStatus,
    Introduction,
    IntroductionStatus,
    Suggestion,
    Visibility,
)
from innonet.matching.services import introductions as services
from innonet.partners.models import Interaction
from tests.factories import OrganisationFactory
from tests.nasty import NASTY_STRINGS, SCRIPT_MARKER, assert_no_raw_markers

from .factories import InterestRequestFactory, ProfileFactory
from .routes_introductions import person_at

pytestmark = pytest.mark.django_db
S = IntroductionStatus
LIST = reverse("matching:introduction_list")
CREATE = reverse("matching:introduction_create")


def detail_url(introduction):
    return reverse("matching:introduction_detail", kwargs={"pk": introduction.pk})


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Pages are read in English, the source language, unless a test asks otherwise."""
    settings.LANGUAGE_CODE = "en"


def english(client):
    """The client reads pages in English (the source strings; German needs the catalogue)."""
    client.cookies["django_language"] = "en"
    return client


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def member(role_users):
    return role_users["member"]


@pytest.fixture
def world(role_users, staff):
    """Org A (member) meets a farm-tech company; org B (member_b) meets a university."""
    org_a, org_b = role_users["member"].organisation, role_users["member_b"].organisation
    farm = OrganisationFactory(name="Agrartechnik Bersenbrück GmbH")
    university = OrganisationFactory(name="Hochschule Osnabrück", kind="university")
    people = {
        "a": person_at(org_a, email="anna@a.example", first_name="Anna"),
        "farm": person_at(farm, email="", first_name="Fritz"),
    }
    made = {
        "a": services.introduction_create(
            first_organisation=org_a,
            second_organisation=farm,
            first_person=people["a"],
            topic="Vermittlung Feldversuch",
            acting_user=staff,
        ),
        "b": services.introduction_create(
            first_organisation=org_b,
            second_organisation=university,
            topic="Vermittlung Hochschule",
            acting_user=staff,
        ),
    }
    return {**made, "farm": farm, "university": university, "people": people}


def topics(response) -> set[str]:
    content = response.content.decode()
    return {t for t in ("Feldversuch", "Hochschule") if f"Vermittlung {t}" in content}


# the list -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("staff", {"Feldversuch", "Hochschule"}),
        ("board", {"Feldversuch", "Hochschule"}),
        ("member", {"Feldversuch"}),
        ("member_b", {"Hochschule"}),
    ],
)
def test_list_shows_each_role_what_it_may_see(client_for, role_users, world, role, expected):
    response = client_for(role_users[role]).get(LIST)
    assert response.status_code == 200
    assert topics(response) == expected


def test_partner_network_managers_have_no_introductions(client_for, role_users, world):
    assert client_for(role_users["network_manager"]).get(LIST).status_code == 403


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "feldversuch"}, {"Feldversuch"}),
        ({"organisation": "hochschule osnabrueck"}, {"Hochschule"}),
        ({"organisation": "Bersenbrück"}, {"Feldversuch"}),
        ({"status": S.DECLINED}, {"Hochschule"}),
        ({"status": S.PLANNED}, {"Feldversuch"}),
    ],
)
def test_list_filters(staff_client, staff, world, query, expected):
    services.introduction_record_outcome(world["b"], status=S.DECLINED, acting_user=staff)
    assert topics(staff_client.get(LIST, query)) == expected


@pytest.mark.parametrize(
    "query",
    [{"status": "verheiratet"}, {"q": "x" * 10_000}, {"sort": "'; DROP"}, {"page": "99"}],
)
def test_list_answers_bad_filters_without_an_error(staff_client, world, query):
    assert staff_client.get(LIST, query).status_code in (200, 404)


def test_list_sorts_by_topic_both_ways(staff_client, world):
    ascending = staff_client.get(LIST, {"sort": "topic"}).content.decode()
    assert ascending.index("Vermittlung Feldversuch") < ascending.index("Vermittlung Hochschule")
    descending = staff_client.get(LIST, {"sort": "-topic"}).content.decode()
    assert descending.index("Vermittlung Hochschule") < descending.index("Vermittlung Feldversuch")
    assert 'aria-sort="descending"' in descending


def test_list_query_count_does_not_grow_with_rows(
    staff_client, staff, member, django_assert_max_num_queries
):
    def fill(n):
        for i in range(n):
            services.introduction_create(
                first_organisation=member.organisation,
                second_organisation=OrganisationFactory(),
                topic=f"Vermittlung {i}",
                acting_user=staff,
            )

    fill(2)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(LIST)
    counted = len(few.captured_queries)
    fill(10)
    with django_assert_max_num_queries(counted):
        staff_client.get(LIST)


# planning -----------------------------------------------------------------------------------


@pytest.fixture
def asked(member):
    """A profile of org A that the engine found a farm-tech company for."""
    farm = OrganisationFactory(name="Agrartechnik Bersenbrück GmbH")
    main = person_at(farm, email="fritz@farm.example", first_name="Fritz")
    profile = ProfileFactory(organisation=member.organisation, title="Sensorik für Äcker")
    query = {
        "first": member.organisation.pk,
        "second": farm.pk,
        "source_key": f"p:{profile.pk}",
        "document_id": f"o:{farm.pk}",
        "score": "4.25",
    }
    return {"farm": farm, "main": main, "profile": profile, "query": query}


def test_create_is_prefilled_from_a_result_link(staff_client, asked):
    response = staff_client.get(CREATE, asked["query"])
    form = response.context["form"]
    assert form.initial["topic"] == "Sensorik für Äcker"
    assert form.initial["second_person"] == asked["main"].pk
    assert form.initial["source_key"] == asked["query"]["source_key"]
    assert "fritz@farm.example" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"first": "abc", "second": "-1"},
        {"first": "9" * 40, "source_key": "p:<script>", "score": "1e309"},
        {"source_key": "p:1", "document_id": "o:1", "score": "nan"},
        {"second": "999999"},
    ],
)
def test_create_ignores_unusable_prefill(staff_client, query):
    response = staff_client.get(CREATE, query)
    assert response.status_code == 200
    assert not response.context["form"].is_bound


def test_plan_from_a_result_keeps_suggestion_and_profile(staff_client, asked, member):
    data = {
        "first_organisation": member.organisation.pk,
        "second_organisation": asked["farm"].pk,
        "second_person": asked["main"].pk,
        "topic": "Sensorik für Äcker",
        "message": "Beide testen Bodenfeuchtesensoren.",
        "source_key": asked["query"]["source_key"],
        "document_id": asked["query"]["document_id"],
        "score": "4.25",
    }
    response = staff_client.post(CREATE, data)
    introduction = Introduction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(introduction)
    assert introduction.profile == asked["profile"]
    assert introduction.suggestion == Suggestion.objects.get(source_key=data["source_key"])
    assert introduction.suggestion.score == 4.25
    assert introduction.second_person == asked["main"]


def test_show_contacts_refreshes_without_saving(staff_client, asked, member):
    response = staff_client.post(
        CREATE,
        {"second_organisation": asked["farm"].pk, "topic": "", "refresh": "1"},
    )
    assert response.status_code == 200
    assert "fritz@farm.example" in response.content.decode()
    assert not Introduction.objects.exists()


def _plan_data(member, farm, **changes):
    return {
        "first_organisation": member.organisation.pk,
        "second_organisation": farm.pk,
        "topic": "Sensorik",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"topic": ""}, "This field is required"),
        ({"topic": "x" * 10_000}, "at most 200 characters"),
        ({"message": "x" * 5001}, "at most 5000 characters"),
        ({"second_organisation": "same"}, "two different organisations"),
        ({"second_organisation": "999999"}, "Select a valid choice"),
        ({"second_person": "other"}, "Select a valid choice"),
        ({"source_key": "p:1", "document_id": "o:1", "score": "1e309"}, "suggestion is not valid"),
        ({"source_key": "x:<script>", "document_id": "o:1"}, "suggestion is not valid"),
        ({"source_key": "p:1", "document_id": ""}, "suggestion is not valid"),
    ],
)
def test_plan_form_explains_bad_input_and_writes_nothing(
    staff_client, asked, member, changes, message
):
    other = person_at(OrganisationFactory(), email="x@y.example")
    values = {"same": member.organisation.pk, "other": other.pk}
    changes = {key: values.get(value, value) for key, value in changes.items()}
    data = _plan_data(member, asked["farm"], **changes)
    response = english(staff_client).post(CREATE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Introduction.objects.exists()
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("nasty", NASTY_STRINGS)
def test_nasty_topics_and_messages_never_break_the_pages(staff_client, asked, member, nasty):
    data = _plan_data(member, asked["farm"], topic=f"Thema {nasty}", message=nasty)
    # Encoded like a browser would, including bytes that are not valid UTF-8.
    body = urlencode(data, encoding="utf-8", errors="surrogatepass")
    response = staff_client.post(CREATE, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 302)
    assert_no_raw_markers(response.content.decode())
    for introduction in Introduction.objects.all():
        assert "\r" not in introduction.topic and "\n" not in introduction.topic
        page = staff_client.get(detail_url(introduction)).content.decode()
        assert_no_raw_markers(page)
        if nasty == SCRIPT_MARKER:
            assert "&lt;script&gt;" in page


# the detail page ----------------------------------------------------------------------------


def test_staff_see_mail_state_with_reasons_and_the_actions(staff_client, world):
    page = staff_client.get(detail_url(world["a"])).content.decode()
    assert "Will be mailed when the introduction is sent." in page
    assert "The contact person has no e-mail address." not in page  # the farm has no contact
    assert "No contact person was chosen for this organisation." in page
    assert "Send introduction" in page
    assert "Record an outcome" in page
    assert f"/projekte/neu/?origin_introduction={world['a'].pk}" in page


def test_members_see_their_introduction_without_contacts_or_actions(client_for, member, world):
    response = client_for(member).get(detail_url(world["a"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vermittlung Feldversuch" in page
    assert "anna@a.example" not in page
    assert "Send introduction" not in page and "Record an outcome" not in page
    assert "origin_introduction" not in page


def test_board_reads_but_does_not_steer(client_for, role_users, world):
    page = client_for(role_users["board"]).get(detail_url(world["a"])).content.decode()
    assert "Contacts and mails" in page
    assert "Send introduction" not in page and "Record an outcome" not in page


# sending and outcomes -----------------------------------------------------------------------


def test_send_from_the_page(staff_client, world, django_capture_on_commit_callbacks):
    english(staff_client)
    url = reverse("matching:introduction_send", kwargs={"pk": world["a"].pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"version": world["a"].version})
    assert response.status_code == 302
    assert messages_of(response) == [
        "The introduction was recorded and sent to the contact at "
        f"{world['a'].first_organisation.name} only; see below why the other side gets no mail."
    ]
    world["a"].refresh_from_db()
    assert world["a"].status == S.INTRODUCED
    assert Interaction.objects.filter(kind=Interaction.Kind.INTRODUCTION).count() == 2
    page = staff_client.get(detail_url(world["a"])).content.decode()
    assert "Not mailed:" in page and "Mailed" in page
    again = staff_client.post(url, {"version": world["a"].version})
    assert "Only a planned introduction can be sent" in messages_of(again)[0]


def test_outcome_from_the_page(staff_client, staff, world):
    services.introduction_send(world["a"], acting_user=staff)
    world["a"].refresh_from_db()
    url = reverse("matching:introduction_outcome", kwargs={"pk": world["a"].pk})
    response = staff_client.post(
        url, {"status": S.MET, "note": "Treffen am Stand", "version": world["a"].version}
    )
    assert response.status_code == 302
    world["a"].refresh_from_db()
    assert world["a"].status == S.MET
    assert "Treffen am Stand" in staff_client.get(detail_url(world["a"])).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": S.MET}, "Select a valid choice"),
        ({"status": S.DECLINED, "note": "x" * 501}, "at most 500 characters"),
        ({"status": S.DECLINED, "version": "abc"}, "please reload the page"),
    ],
)
def test_outcome_form_explains_bad_input(staff_client, world, data, message):
    url = reverse("matching:introduction_outcome", kwargs={"pk": world["a"].pk})
    data = {"version": world["a"].version, **data}
    response = english(staff_client).post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    world["a"].refresh_from_db()
    assert world["a"].status == S.PLANNED


def test_outcome_on_a_stale_page_shows_the_conflict(staff_client, staff, world):
    loaded = world["a"].version
    services.introduction_record_outcome(world["a"], status=S.DECLINED, acting_user=staff)
    url = reverse("matching:introduction_outcome", kwargs={"pk": world["a"].pk})
    data = {"status": S.DECLINED, "version": loaded}
    response = english(staff_client).post(url, data)
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert world["a"].outcomes.filter(status=S.DECLINED).count() == 1


# "I am interested" --------------------------------------------------------------------------


@pytest.fixture
def profile_b(role_users):
    return ProfileFactory(
        organisation=role_users["member_b"].organisation,
        visibility=Visibility.PUBLIC,
        title="LoRaWAN-Gateways gesucht",
    )


def request_url(profile):
    return reverse("matching:introduction_request", kwargs={"pk": profile.pk})


def test_member_says_i_am_interested(client_for, member, profile_b):
    client = english(client_for(member))
    response = client.post(request_url(profile_b), {"message": "Wir hätten Gateways."})
    assert response.status_code == 302
    assert response["Location"] == reverse("matching:profile_detail", kwargs={"pk": profile_b.pk})
    assert "will put you in touch" in messages_of(response)[0]
    request = InterestRequest.objects.get()
    assert request.message == "Wir hätten Gateways."
    assert request.status == InterestRequestStatus.OPEN
    client.post(request_url(profile_b))
    assert InterestRequest.objects.count() == 1
    assert not Introduction.objects.exists()


def test_interest_with_bad_input_is_explained(client_for, member, role_users, profile_b):
    data = {"message": "x" * 5001}
    response = english(client_for(member)).post(request_url(profile_b), data)
    assert "at most 5000 characters" in messages_of(response)[0]
    own = english(client_for(role_users["member_b"])).post(request_url(profile_b))
    assert own.status_code == 302
    assert "your own organisation" in messages_of(own)[0]
    assert not InterestRequest.objects.exists()


# the office acts on a request ---------------------------------------------------------------


@pytest.fixture
def interest(member, profile_b):
    return services.interest_request_create(
        profile=profile_b, acting_user=member, message="Wir hätten Gateways."
    )


def test_open_requests_head_the_list_for_the_office_and_the_member(
    staff_client, client_for, member, role_users, interest
):
    page = english(staff_client).get(LIST).content.decode()
    assert "1 open request from members" in page
    assert f"{CREATE}?request={interest.pk}" in page
    own = english(client_for(member)).get(LIST).content.decode()
    assert "LoRaWAN-Gateways gesucht" in own
    assert f"?request={interest.pk}" not in own
    other = english(client_for(role_users["member_b"])).get(LIST).content.decode()
    assert "open request" not in other


def test_list_query_count_does_not_grow_with_open_requests(
    staff_client, django_assert_max_num_queries
):
    def fill(n):
        for _i in range(n):
            InterestRequestFactory()

    fill(2)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(LIST)
    counted = len(few.captured_queries)
    fill(10)
    with django_assert_max_num_queries(counted):
        staff_client.get(LIST)


def test_plan_from_a_request(staff_client, member, profile_b, interest):
    page = english(staff_client).get(CREATE, {"request": interest.pk})
    form = page.context["form"]
    assert form.initial["first_organisation"] == member.organisation.pk
    assert form.initial["second_organisation"] == profile_b.organisation_id
    assert form.initial["interest_request"] == interest.pk
    assert "Wir hätten Gateways." in page.content.decode()
    data = {
        "first_organisation": member.organisation.pk,
        "second_organisation": profile_b.organisation_id,
        "topic": interest.topic,
        "message": "Bitte sprechen Sie miteinander.",
        "interest_request": interest.pk,
    }
    response = staff_client.post(CREATE, data)
    introduction = Introduction.objects.get()
    assert response["Location"] == detail_url(introduction)
    interest.refresh_from_db()
    assert interest.status == InterestRequestStatus.PLANNED
    assert interest.introduction == introduction
    assert introduction.profile == profile_b


def test_a_duplicate_is_named_and_planned_only_when_confirmed(
    staff_client, staff, member, profile_b, interest
):
    earlier = services.introduction_create(
        first_organisation=profile_b.organisation,
        second_organisation=member.organisation,
        topic="Frühere Vermittlung",
        interest_request=interest.pk,
        acting_user=staff,
    )
    data = {
        "first_organisation": member.organisation.pk,
        "second_organisation": profile_b.organisation_id,
        "topic": "Noch einmal",
    }
    warned = english(staff_client).post(CREATE, data)
    assert warned.status_code == 200
    page = warned.content.decode()
    assert "The office already has this pair" in page
    assert detail_url(earlier) in page
    assert "Plan anyway" in page
    assert Introduction.objects.count() == 1
    confirmed = staff_client.post(CREATE, {**data, "allow_duplicate": "1"})
    assert confirmed.status_code == 302
    assert Introduction.objects.count() == 2


def close_url(interest):
    return reverse("matching:interest_request_close", kwargs={"pk": interest.pk})


@pytest.mark.parametrize(
    ("note", "message"),
    [("", "This field is required"), ("x" * 501, "at most 500 characters")],
)
def test_closing_a_request_explains_bad_input(staff_client, interest, note, message):
    response = english(staff_client).post(close_url(interest), {"note": note})
    assert response.status_code == 200
    assert message in response.content.decode()
    interest.refresh_from_db()
    assert interest.status == InterestRequestStatus.OPEN


def test_closing_a_request_with_a_note(staff_client, staff, interest):
    response = english(staff_client).post(close_url(interest), {"note": "Schon im Gespräch"})
    assert response["Location"] == LIST
    interest.refresh_from_db()
    assert (interest.status, interest.note, interest.handled_by) == (
        InterestRequestStatus.CLOSED, "Schon im Gespräch", staff,
    )  # fmt: skip
    again = english(staff_client).post(close_url(interest), {"note": "noch einmal"})
    assert any("already been handled" in text for text in messages_of(again))
    handled = staff_client.get(CREATE, {"request": interest.pk})
    assert handled.context["interest"] is None
