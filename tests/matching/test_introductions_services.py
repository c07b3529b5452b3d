"""The rules of introductions at their edges: planning, a member's request, sending with the
consent rule and the interaction log, every allowed outcome and a sample of illegal ones, and
the move to "project started"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from innonet.core.errors import DomainError
from innonet.core.models import AuditEntry
from innonet.core.versioning import ConflictError
from innonet.matching import mails
from innonet.matching.models import (
    InterestRequest,
    InterestRequestStatus,
    Introduction,
    IntroductionOutcome,
    IntroductionStatus,
    ProfileStatus,
    Question,
    Suggestion,
    Visibility,
)
from innonet.matching.services import introductions as services
from innonet.partners.models import Affiliation, Interaction
from tests.factories import ConsentFactory, EventFactory, OrganisationFactory

from .factories import ProfileFactory
from .routes_introductions import consent_sharing, person_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english_messages():
    """The rules' messages are checked in English, the source language."""
    with translation.override("en"):
        yield


S = IntroductionStatus


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def member(role_users):
    return role_users["member"]


@pytest.fixture
def sides(member):
    """Organisation A (the member's) and a farm-tech company, each with a contact."""
    org_a = member.organisation
    org_b = OrganisationFactory(name="Agrartechnik Bersenbrück GmbH")
    return {
        "org_a": org_a,
        "org_b": org_b,
        "person_a": person_at(org_a, email="anna@a.example", first_name="Anna"),
        "person_b": person_at(org_b, email="bernd@b.example", first_name="Bernd", language="en"),
    }


def plan(sides, staff, **fields):
    values = {
        "first_organisation": sides["org_a"],
        "second_organisation": sides["org_b"],
        "first_person": sides["person_a"],
        "second_person": sides["person_b"],
        "topic": "Bodenfeuchte messen",
        "acting_user": staff,
        **fields,
    }
    return services.introduction_create(**values)


def reach(introduction, status, staff):
    """Move an introduction along the allowed path until it has `status`."""
    path = {
        S.PLANNED: [],
        S.INTRODUCED: ["send"],
        S.MET: ["send", S.MET],
        S.COOPERATING: ["send", S.MET, S.COOPERATING],
        S.PROJECT_STARTED: ["send", S.MET, S.PROJECT_STARTED],
        S.DECLINED: [S.DECLINED],
    }[status]
    for step in path:
        if step == "send":
            introduction = services.introduction_send(introduction, acting_user=staff)
        else:
            introduction = services.introduction_record_outcome(
                introduction, status=step, acting_user=staff
            )
    return introduction


# planning -----------------------------------------------------------------------------------


def test_plan_records_status_outcome_and_audit(sides, staff):
    introduction = plan(sides, staff, message="Beide arbeiten an LoRaWAN-Sensorik.")
    assert introduction.status == S.PLANNED
    assert introduction.created_by == staff
    assert list(introduction.outcomes.values_list("status", flat=True)) == [S.PLANNED]
    assert AuditEntry.objects.filter(
        action="matching.introduction.created", object_id=str(introduction.pk)
    ).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            lambda s: {"second_organisation": s["org_a"], "second_person": None},
            "second_organisation",
        ),
        (lambda s: {"first_person": s["person_b"]}, "first_person"),
        (lambda s: {"topic": "   "}, "topic"),
        (lambda s: {"topic": "x" * 201}, "topic"),
        (lambda s: {"message": "x" * 5001}, "message"),
    ],
    ids=["same-organisation", "person-elsewhere", "empty-topic", "long-topic", "long-message"],
)
def test_plan_refuses_bad_input_and_writes_nothing(sides, staff, change, field):
    with pytest.raises(DomainError) as error:
        plan(sides, staff, **change(sides))
    assert error.value.field == field
    assert not Introduction.objects.exists()
    assert not IntroductionOutcome.objects.exists()


def test_plan_refuses_a_person_whose_role_has_ended_or_who_was_erased(sides, staff):
    Affiliation.objects.filter(person=sides["person_a"]).update(
        ended_on=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(DomainError, match="no current role"):
        plan(sides, staff)
    sides["person_b"].erased_at = timezone.now()
    sides["person_b"].save()
    with pytest.raises(DomainError, match="no current role"):
        plan(sides, staff, first_person=None)


def test_a_role_ending_later_still_counts(sides, staff):
    Affiliation.objects.filter(person=sides["person_a"]).update(
        ended_on=timezone.localdate() + timedelta(days=30)
    )
    assert plan(sides, staff).first_person == sides["person_a"]


def test_line_breaks_in_the_topic_never_survive(sides, staff):
    introduction = plan(sides, staff, topic="Sensorik\r\nBcc: alle@example.org\x00")
    assert introduction.topic == "Sensorik Bcc: alle@example.org"


def test_plan_refuses_a_profile_of_neither_side(sides, staff):
    with pytest.raises(DomainError, match="neither"):
        plan(sides, staff, profile=ProfileFactory())


@pytest.mark.parametrize(
    ("prefix", "question"),
    [
        ("p", Question.PROFILE),
        ("o", Question.ORGANISATION),
        ("e", Question.EVENT),
        ("q", Question.IDEA),
        ("k", Question.CONSORTIUM),
    ],
)
def test_plan_from_a_suggestion_keeps_it_with_its_question(sides, staff, prefix, question):
    source = {"p": lambda: ProfileFactory(organisation=sides["org_a"]).pk, "o": lambda: 1}
    source["e"] = lambda: EventFactory().pk
    key = f"{prefix}:{source.get(prefix, lambda: 'a1b2c3')()}"
    document = f"o:{sides['org_b'].pk}"
    fields = {
        "first_organisation": sides["org_a"],
        "second_organisation": sides["org_b"],
        "topic": "Aus dem Abgleich",
    }
    first = services.introduction_create_from_suggestion(
        source_key=key, document_id=document, score=3.5, acting_user=staff, **fields
    )
    second = services.introduction_create_from_suggestion(
        source_key=key,
        document_id=document,
        score=3.5,
        acting_user=staff,
        allow_duplicate=True,
        **fields,
    )
    suggestion = Suggestion.objects.get()
    assert first.suggestion == second.suggestion == suggestion
    assert suggestion.question == question
    assert suggestion.organisation == sides["org_b"]
    assert suggestion.score == 3.5


@pytest.mark.parametrize(
    ("key", "document", "score"),
    [("x:1", "o:1", 1.0), ("p:1", "z:1", 1.0), ("p:1", "o:1", float("inf")), ("p:", "o:1", 1.0)],
)
def test_a_broken_suggestion_link_writes_nothing(sides, staff, key, document, score):
    with pytest.raises(DomainError):
        services.introduction_create_from_suggestion(
            source_key=key,
            document_id=document,
            score=score,
            first_organisation=sides["org_a"],
            second_organisation=sides["org_b"],
            topic="Thema",
            acting_user=staff,
        )
    assert not Suggestion.objects.exists()
    assert not Introduction.objects.exists()


# a member's request -------------------------------------------------------------------------


@pytest.fixture
def profile_b(sides):
    return ProfileFactory(
        organisation=sides["org_b"],
        visibility=Visibility.PUBLIC,
        title="LoRaWAN-Gateways gesucht",
        contact=sides["person_b"],
    )


def test_request_is_kept_for_the_office(sides, member, profile_b):
    sides["person_a"].email = member.email.upper()
    sides["person_a"].save()
    request = services.interest_request_create(
        profile=profile_b, acting_user=member, message="Wir haben Gateways im Einsatz."
    )
    assert request.status == InterestRequestStatus.OPEN
    assert request.organisation == sides["org_a"]
    assert request.target_organisation == sides["org_b"]
    assert request.topic == "LoRaWAN-Gateways gesucht"
    assert request.profile == profile_b
    assert request.requested_by == member
    assert request.person == sides["person_a"]
    assert request.message == "Wir haben Gateways im Einsatz."
    assert not Introduction.objects.exists()
    assert AuditEntry.objects.filter(action="matching.interest.requested").count() == 1


def test_request_is_idempotent_while_open_and_starts_afresh_after_closing(member, profile_b, staff):
    first = services.interest_request_create(profile=profile_b, acting_user=member)
    again = services.interest_request_create(profile=profile_b, acting_user=member)
    assert again.pk == first.pk
    assert InterestRequest.objects.count() == 1
    services.interest_request_close(first, note="Schon im Gespräch", acting_user=staff)
    fresh = services.interest_request_create(profile=profile_b, acting_user=member)
    assert fresh.pk != first.pk


def test_request_refuses_own_invisible_and_non_member(sides, member, staff, role_users):
    own = ProfileFactory(organisation=sides["org_a"], visibility=Visibility.PUBLIC)
    draft = ProfileFactory(
        organisation=sides["org_b"], visibility=Visibility.PUBLIC, status=ProfileStatus.DRAFT
    )
    with pytest.raises(DomainError, match="your own"):
        services.interest_request_create(profile=own, acting_user=member)
    with pytest.raises(DomainError, match="not available"):
        services.interest_request_create(profile=draft, acting_user=member)
    for user in (staff, role_users["board"], role_users["network_manager"]):
        with pytest.raises(DomainError, match="Only members"):
            services.interest_request_create(profile=own, acting_user=user)
    assert not InterestRequest.objects.exists()


def test_request_tells_the_office_when_it_has_an_address(
    member, profile_b, settings, django_capture_on_commit_callbacks
):
    settings.OFFICE_EMAIL = "buero@netzwerk.example"
    with django_capture_on_commit_callbacks(execute=True):
        request = services.interest_request_create(profile=profile_b, acting_user=member)
    [notice] = mail.outbox
    assert notice.to == ["buero@netzwerk.example"]
    assert request.topic in notice.subject
    assert f"/vermittlungen/neu/?request={request.pk}" in notice.body


def test_request_without_an_office_address_is_kept_without_mail(
    member, profile_b, settings, django_capture_on_commit_callbacks
):
    settings.OFFICE_EMAIL = ""
    with django_capture_on_commit_callbacks(execute=True):
        services.interest_request_create(profile=profile_b, acting_user=member)
    assert mail.outbox == []
    assert InterestRequest.objects.open().count() == 1


def test_planning_from_a_request_marks_it_planned(sides, member, staff, profile_b):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    introduction = services.introduction_create(
        first_organisation=sides["org_b"],  # either order
        second_organisation=sides["org_a"],
        topic=request.topic,
        interest_request=request.pk,
        acting_user=staff,
    )
    request.refresh_from_db()
    assert request.status == InterestRequestStatus.PLANNED
    assert request.introduction == introduction
    assert request.handled_by == staff
    assert introduction.profile == profile_b
    with pytest.raises(DomainError, match="already been handled"):
        services.interest_request_close(request, note="zu spät", acting_user=staff)


def test_planning_from_a_request_about_another_pair_is_refused(sides, member, staff, profile_b):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    with pytest.raises(DomainError, match="two other organisations"):
        services.introduction_create(
            first_organisation=sides["org_a"],
            second_organisation=OrganisationFactory(),
            topic="Anderes",
            interest_request=request.pk,
            acting_user=staff,
        )
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("note", ["", "   ", "\x00", "x" * 501])
def test_closing_needs_a_short_note(member, staff, profile_b, note):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    with pytest.raises(DomainError):
        services.interest_request_close(request, note=note, acting_user=staff)
    request.refresh_from_db()
    assert request.status == InterestRequestStatus.OPEN


def test_only_the_office_closes_requests(member, role_users, profile_b):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    for user in (member, role_users["board"], role_users["network_manager"]):
        with pytest.raises(DomainError, match="Only the network office"):
            services.interest_request_close(request, note="nein", acting_user=user)


def test_closing_keeps_the_note_and_who(member, staff, profile_b):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    closed = services.interest_request_close(
        request, note=" Schon\nim Gespräch ", acting_user=staff
    )
    assert closed.status == InterestRequestStatus.CLOSED
    assert closed.note == "Schon im Gespräch"
    assert closed.handled_by == staff
    assert AuditEntry.objects.filter(action="matching.interest.closed").count() == 1


# the same pair twice ------------------------------------------------------------------------


def test_second_introduction_for_a_pair_needs_confirmation(sides, staff):
    first = plan(sides, staff)
    for one, other in ((sides["org_a"], sides["org_b"]), (sides["org_b"], sides["org_a"])):
        with pytest.raises(services.DuplicateIntroductionError) as caught:
            services.introduction_create(
                first_organisation=one, second_organisation=other, topic="Noch einmal",
                acting_user=staff,
            )  # fmt: skip
        assert caught.value.pair.introductions == [first]
    assert Introduction.objects.count() == 1
    again = services.introduction_create(
        first_organisation=sides["org_b"], second_organisation=sides["org_a"],
        topic="Noch einmal", allow_duplicate=True, acting_user=staff,
    )  # fmt: skip
    assert Introduction.objects.count() == 2
    assert again.pk != first.pk


def test_an_open_request_for_the_pair_is_named_before_planning(sides, member, staff, profile_b):
    request = services.interest_request_create(profile=profile_b, acting_user=member)
    with pytest.raises(services.DuplicateIntroductionError) as caught:
        services.introduction_create(
            first_organisation=sides["org_b"], second_organisation=sides["org_a"],
            topic="Ohne Anfrage", acting_user=staff,
        )  # fmt: skip
    assert caught.value.pair.requests == [request]
    assert not Introduction.objects.exists()


# sending ------------------------------------------------------------------------------------


def test_send_mails_both_logs_both_and_marks_introduced(
    sides, staff, django_capture_on_commit_callbacks
):
    introduction = plan(sides, staff, message="Bitte sprechen Sie miteinander.")
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.introduction_send(introduction, acting_user=staff)
    assert sent.status == S.INTRODUCED
    assert sent.introduced_on == timezone.localdate()
    assert sent.mailed_first and sent.mailed_second
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@a.example", "bernd@b.example"]
    logged = Interaction.objects.filter(kind=Interaction.Kind.INTRODUCTION)
    assert {(i.organisation, i.person) for i in logged} == {
        (sides["org_a"], sides["person_a"]),
        (sides["org_b"], sides["person_b"]),
    }
    for interaction in logged:
        assert interaction.topic == "Bodenfeuchte messen"
        assert interaction.staff == staff
        assert interaction.happened_on == timezone.localdate()
    assert list(sent.outcomes.values_list("status", flat=True)) == [S.PLANNED, S.INTRODUCED]
    assert AuditEntry.objects.filter(action="matching.introduction.sent").count() == 1


@pytest.mark.parametrize("problem", ["no person", "no e-mail", "erased"])
def test_a_side_that_cannot_be_mailed_gets_no_mail(
    sides, staff, django_capture_on_commit_callbacks, problem
):
    person = sides["person_b"]
    introduction = plan(sides, staff, second_person=None if problem == "no person" else person)
    if problem == "no e-mail":
        person.email = ""
    if problem == "erased":
        person.erased_at = timezone.now()
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.introduction_send(introduction, acting_user=staff)
    assert sent.mailed_first and not sent.mailed_second
    assert [m.to for m in mail.outbox] == [["anna@a.example"]]
    assert Interaction.objects.filter(organisation=sides["org_b"]).count() == 1


def test_a_person_erased_after_sending_is_not_mailed(sides, staff):
    introduction = services.introduction_send(plan(sides, staff), acting_user=staff)
    sides["person_b"].erased_at = timezone.now()
    sides["person_b"].save()
    introduction.refresh_from_db()
    assert mails.build_introduction(introduction, mails.SECOND) is None


def test_send_twice_or_on_a_stale_page_is_refused(sides, staff):
    introduction = plan(sides, staff)
    with pytest.raises(ConflictError):
        services.introduction_send(
            introduction, version=introduction.version + 1, acting_user=staff
        )
    services.introduction_send(introduction, acting_user=staff)
    with pytest.raises(DomainError, match="Only a planned"):
        services.introduction_send(introduction, acting_user=staff)
    assert Interaction.objects.count() == 2


# outcomes -----------------------------------------------------------------------------------

ALLOWED = [
    (S.PLANNED, S.DECLINED),
    (S.INTRODUCED, S.MET),
    (S.INTRODUCED, S.DECLINED),
    (S.MET, S.COOPERATING),
    (S.MET, S.PROJECT_STARTED),
    (S.MET, S.DECLINED),
    (S.COOPERATING, S.PROJECT_STARTED),
    (S.COOPERATING, S.DECLINED),
]
ILLEGAL = [
    (S.PLANNED, S.INTRODUCED),
    (S.PLANNED, S.MET),
    (S.PLANNED, S.PROJECT_STARTED),
    (S.INTRODUCED, S.COOPERATING),
    (S.INTRODUCED, S.PLANNED),
    (S.MET, S.INTRODUCED),
    (S.COOPERATING, S.MET),
    (S.PROJECT_STARTED, S.DECLINED),
    (S.DECLINED, S.MET),
    (S.DECLINED, S.PLANNED),
    (S.MET, "verheiratet"),
]


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_every_allowed_outcome(sides, staff, start, target):
    introduction = reach(plan(sides, staff), start, staff)
    version = introduction.version
    moved = services.introduction_record_outcome(
        introduction, status=target, note="Treffen auf der Agritechnica", version=version,
        acting_user=staff,
    )  # fmt: skip
    assert moved.status == target
    assert moved.version == version + 1
    last = moved.outcomes.last()
    assert (last.status, last.note, last.recorded_by) == (
        target,
        "Treffen auf der Agritechnica",
        staff,
    )
    assert AuditEntry.objects.filter(
        action="matching.introduction.outcome", data__to=target
    ).exists()


@pytest.mark.parametrize(("start", "target"), ILLEGAL)
def test_illegal_outcomes_are_refused_clearly(sides, staff, start, target):
    introduction = reach(plan(sides, staff), start, staff)
    outcomes = IntroductionOutcome.objects.count()
    with pytest.raises(ValidationError) as error:
        services.introduction_record_outcome(introduction, status=target, acting_user=staff)
    assert isinstance(error.value, DomainError)
    assert error.value.message
    introduction.refresh_from_db()
    assert introduction.status == start
    assert IntroductionOutcome.objects.count() == outcomes


def test_an_outcome_on_a_stale_version_is_a_conflict(sides, staff):
    introduction = reach(plan(sides, staff), S.INTRODUCED, staff)
    with pytest.raises(ConflictError) as error:
        services.introduction_record_outcome(
            introduction, status=S.MET, version=introduction.version - 1, acting_user=staff
        )
    assert error.value.current.status == S.INTRODUCED


def test_manual_moves_never_offer_sending():
    assert services.manual_moves(Introduction(status=S.PLANNED)) == (S.DECLINED,)
    assert services.manual_moves(Introduction(status=S.DECLINED)) == ()


# project started ----------------------------------------------------------------------------


class _Project:
    pk = 7
    title = "Sensornetz Hasetal"


@pytest.mark.parametrize("start", [S.PLANNED, S.INTRODUCED, S.MET, S.COOPERATING])
def test_a_project_moves_an_open_introduction_to_project_started(sides, staff, start):
    introduction = reach(plan(sides, staff), start, staff)
    moved = services.project_started(introduction, _Project(), acting_user=staff)
    assert moved.status == S.PROJECT_STARTED
    assert "Sensornetz Hasetal" in moved.outcomes.last().note
    assert AuditEntry.objects.filter(action="matching.introduction.project_started").exists()


@pytest.mark.parametrize("start", [S.DECLINED, S.PROJECT_STARTED])
def test_a_closed_introduction_stays_as_it_is(sides, staff, start):
    introduction = reach(plan(sides, staff), start, staff)
    outcomes = introduction.outcomes.count()
    assert services.project_started(introduction, _Project(), acting_user=staff).status == start
    assert introduction.outcomes.count() == outcomes


# the consent rule ---------------------------------------------------------------------------


def _text(introduction, side):
    return mails.build_introduction(introduction, side).body


def test_the_other_contact_is_named_only_with_a_granted_sharing_consent(sides, staff):
    sides["person_b"].phone = "+49 541 123456"
    sides["person_b"].save()
    introduction = plan(sides, staff)
    without = _text(introduction, mails.FIRST)
    assert "bernd@b.example" not in without and "123456" not in without
    assert "Agrartechnik Bersenbrück GmbH" in without
    consent_sharing(sides["person_b"])
    shared = _text(introduction, mails.FIRST)
    assert "bernd@b.example" in shared and "+49 541 123456" in shared and "Bernd" in shared
    consent_sharing(sides["person_b"], granted=False)
    assert "bernd@b.example" not in _text(introduction, mails.FIRST)


def test_a_sharing_consent_for_another_organisation_does_not_count(sides, staff):
    from innonet.partners.models import ConsentPurpose

    ConsentFactory(
        person=sides["person_b"],
        organisation=OrganisationFactory(),
        purpose=ConsentPurpose.PARTNER_SHARING,
        granted=True,
        source="Test",
        text_version="1",
    )
    assert "bernd@b.example" not in _text(plan(sides, staff), mails.FIRST)


def test_office_address_is_only_read_from_settings(settings):
    settings.OFFICE_EMAIL = ""
    assert mails.office_address() == ""
    settings.OFFICE_EMAIL = "buero@netzwerk.example"
    assert mails.office_address() == "buero@netzwerk.example"
