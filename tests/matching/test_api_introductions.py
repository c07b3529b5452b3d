"""Introductions through the REST API: who reads which, and staff recording outcomes."""

import pytest
from django.urls import reverse

from innonet.core.models import AuditEntry
from innonet.matching.models import (
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    Question,
)
from innonet.partners.models import Person
from tests.clock import counting_queries
from tests.events.test_api import Api
from tests.factories import AffiliationFactory, OrganisationFactory, PersonFactory
from tests.matching.factories import IntroductionFactory, SuggestionFactory

pytestmark = pytest.mark.django_db

LIST = reverse("introduction-list")
Status = IntroductionStatus


@pytest.fixture
def api(role_users):
    return {role: Api(user) for role, user in role_users.items()} | {"anonymous": Api()}


def person_at(organisation, name: str) -> Person:
    person = PersonFactory(first_name=name, last_name="Kontakt", email=f"{name}@firma.de")
    AffiliationFactory(person=person, organisation=organisation)
    return person


def introduce(first, second, status=Status.INTRODUCED, **extra) -> Introduction:
    introduction = IntroductionFactory(
        first_organisation=first,
        second_organisation=second,
        topic=f"{first.name} trifft {second.name}",
        status=status,
        **extra,
    )
    IntroductionOutcome.objects.create(introduction=introduction, status=status, note="Start")
    return introduction


def detail(introduction) -> str:
    return reverse("introduction-detail", kwargs={"pk": introduction.pk})


def outcome(introduction) -> str:
    return reverse("introduction-outcome", kwargs={"pk": introduction.pk})


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_members_read_their_own_introductions_the_office_all(api, role_users):
    own, other = role_users["member"].organisation, role_users["member_b"].organisation
    third = OrganisationFactory()
    ours = introduce(own, third)
    theirs = introduce(third, other)

    assert ids(api["member"].get(LIST)) == {ours.pk}
    assert ids(api["member_b"].get(LIST)) == {theirs.pk}
    assert ids(api["network_manager"].get(LIST)) == set()
    assert ids(api["board"].get(LIST)) == ids(api["staff"].get(LIST)) == {ours.pk, theirs.pk}
    assert api["member"].get(detail(theirs)).status_code == 404
    assert api["anonymous"].get(LIST).status_code == 401


def test_a_member_sees_the_history_but_not_the_office_s_notes_on_the_other_side(api, role_users):
    own = role_users["member"].organisation
    third = OrganisationFactory(name="Drittfirma")
    suggestion = SuggestionFactory(
        question=Question.ORGANISATION,
        source_key=f"o:{own.pk}",
        organisation=third,
        document_id=f"o:{third.pk}",
        score=1.5,
        query_text="",
    )
    introduction = introduce(
        own,
        third,
        first_person=person_at(own, "Anna"),
        second_person=person_at(third, "Bert"),
        suggestion=suggestion,
    )

    member = api["member"].get(detail(introduction)).json()
    staff = api["staff"].get(detail(introduction)).json()

    assert member["second_organisation"] == {"id": third.pk, "name": "Drittfirma"}
    assert member["first_person"] == introduction.first_person_id
    assert member["second_person"] is None
    assert member["suggestion"] is None
    assert [row["status"] for row in member["outcomes"]] == [Status.INTRODUCED]
    assert member["outcomes"][0]["note"] == "Start"
    assert staff["second_person"] == introduction.second_person_id
    assert staff["suggestion"] == suggestion.pk


def test_staff_record_outcomes_along_the_allowed_moves(api, role_users):
    introduction = introduce(role_users["member"].organisation, OrganisationFactory())

    met = api["staff"].post(outcome(introduction), {"status": "met", "note": "Termin am Hof"})
    project = api["staff"].post(outcome(introduction), {"status": "project", "version": 2})

    assert met.status_code == 200, met.content
    assert met.json()["status"] == "met"
    assert project.json()["status"] == "project"
    assert [row["status"] for row in project.json()["outcomes"]] == [
        "introduced",
        "met",
        "project",
    ]
    assert project.json()["outcomes"][1]["note"] == "Termin am Hof"
    assert (
        AuditEntry.objects.filter(
            action="matching.introduction.outcome", object_id=str(introduction.pk)
        ).count()
        == 2
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.PLANNED, Status.INTRODUCED),
        (Status.PLANNED, Status.MET),
        (Status.INTRODUCED, Status.PROJECT_STARTED),
        (Status.DECLINED, Status.MET),
        (Status.PROJECT_STARTED, Status.DECLINED),
    ],
)
def test_illegal_moves_are_named_and_change_nothing(api, role_users, start, target):
    introduction = introduce(role_users["member"].organisation, OrganisationFactory(), start)

    response = api["staff"].post(outcome(introduction), {"status": target})

    assert response.status_code == 400
    assert response.json()["status"]
    introduction.refresh_from_db()
    assert (introduction.status, introduction.version) == (start, 1)
    assert introduction.outcomes.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"status": "alien"},
        {"status": "met", "note": "x" * 501},
        {"status": "met", "version": 0},
    ],
)
def test_bad_outcome_input_is_a_field_error(api, role_users, body):
    introduction = introduce(role_users["member"].organisation, OrganisationFactory())

    response = api["staff"].post(outcome(introduction), body)

    assert response.status_code == 400
    assert introduction.outcomes.count() == 1


def test_a_stale_version_answers_409_with_the_current_state(api, role_users):
    introduction = introduce(role_users["member"].organisation, OrganisationFactory())
    api["staff"].post(outcome(introduction), {"status": "met", "version": 1})

    stale = api["staff"].post(outcome(introduction), {"status": "declined", "version": 1})

    assert stale.status_code == 409
    assert stale.json()["current"]["status"] == "met"
    introduction.refresh_from_db()
    assert introduction.status == Status.MET


def test_only_staff_record_outcomes(api, role_users):
    introduction = introduce(role_users["member"].organisation, OrganisationFactory())

    answers = {role: api[role].post(outcome(introduction), {"status": "met"}).status_code
               for role in api}  # fmt: skip

    assert answers == {
        "anonymous": 401,
        "member": 403,
        "member_b": 404,
        "network_manager": 403,
        "board": 403,
        "staff": 200,
    }


def test_filters_and_a_constant_query_count(api, role_users):
    own = role_users["member"].organisation
    met = introduce(own, OrganisationFactory(name="Hofgut Meyer"), Status.MET)
    introduce(own, OrganisationFactory(), Status.PLANNED)

    assert ids(api["staff"].get(LIST, status="met")) == {met.pk}
    assert ids(api["staff"].get(LIST, organisation="Hofgut")) == {met.pk}
    assert api["staff"].get(LIST, status="alien").status_code == 400

    def measure() -> int:
        with counting_queries() as queries:
            assert api["staff"].get(LIST).status_code == 200
        return len(queries)

    measure()
    few = measure()
    for _ in range(10):
        introduce(own, OrganisationFactory(), first_person=person_at(own, "Carla"))
    assert measure() == few


# planning through the API -------------------------------------------------------------------


def plan_body(first, second, **extra):
    return {
        "first_organisation": first.pk,
        "second_organisation": second.pk,
        "topic": "Gemeinsamer Feldversuch",
        **extra,
    }


def test_staff_plan_an_introduction(api, role_users):
    first, second = OrganisationFactory(), OrganisationFactory()
    response = api["staff"].post(LIST, plan_body(first, second, message="Bitte sprechen"))
    assert response.status_code == 201, response.content
    introduction = Introduction.objects.get(pk=response.json()["id"])
    assert introduction.status == Status.PLANNED
    assert introduction.created_by == role_users["staff"]
    for role in ("member", "board", "network_manager"):
        assert api[role].post(LIST, plan_body(first, OrganisationFactory())).status_code == 403
    assert Introduction.objects.count() == 1


def test_a_duplicate_pair_answers_400_unless_allowed(api):
    first, second = OrganisationFactory(), OrganisationFactory()
    existing = introduce(first, second)
    refused = api["staff"].post(LIST, plan_body(second, first))
    assert refused.status_code == 400
    body = refused.json()
    assert body["code"] == "duplicate"
    assert [item["id"] for item in body["introductions"]] == [existing.pk]
    assert Introduction.objects.count() == 1
    allowed = api["staff"].post(LIST, plan_body(second, first, allow_duplicate=True))
    assert allowed.status_code == 201
    assert Introduction.objects.count() == 2


def test_an_open_request_is_named_and_can_be_answered(api, role_users):
    from tests.matching.factories import InterestRequestFactory

    member_org = role_users["member"].organisation
    target = OrganisationFactory()
    request = InterestRequestFactory(organisation=member_org, target_organisation=target)
    refused = api["staff"].post(LIST, plan_body(target, member_org))
    assert refused.status_code == 400
    assert refused.json()["requests"] == [{"id": request.pk, "topic": request.topic}]
    answered = api["staff"].post(LIST, plan_body(member_org, target, interest_request=request.pk))
    assert answered.status_code == 201
    request.refresh_from_db()
    assert request.introduction_id == answered.json()["id"]


@pytest.mark.parametrize(
    "changes",
    [
        {"topic": ""},
        {"topic": "x" * 201},
        {"second_organisation": 99999999},
        {"first_person": "abc"},
        {"interest_request": 99999999},
        {"allow_duplicate": "vielleicht"},
    ],
)
def test_bad_plans_answer_400_and_write_nothing(api, changes):
    body = {**plan_body(OrganisationFactory(), OrganisationFactory()), **changes}
    response = api["staff"].post(LIST, body)
    assert response.status_code == 400, response.content
    assert not Introduction.objects.exists()
