"""The questions as pages: what a user sees, what they may not see, and bad input."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from innonet.matching import search_index
from innonet.matching.models import ProfileKind, Suggestion, Visibility
from innonet.partners.models import Organisation
from innonet.partners.models.consents import ConsentPurpose
from innonet.partners.models.memberships import MembershipStatus
from tests.clock import counting_queries
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    ConsentFactory,
    EventFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)
from tests.nasty import NASTY_STRINGS, assert_no_raw_markers

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

IDEA = reverse("matching:idea")
CONSORTIUM = reverse("matching:consortium")
SENSORS = "Wir entwickeln Agrarsensorik: Bodenfeuchte im Acker messen und per Funk melden."


def public_profile(organisation: Organisation) -> None:
    person = PersonFactory(first_name="Ida", last_name="Intern", email="ida@firma.de")
    AffiliationFactory(person=person, organisation=organisation)
    ConsentFactory(
        person=person,
        organisation=organisation,
        purpose=ConsentPurpose.PUBLIC_PROFILE,
        granted=True,
        source="Profilformular",
        text_version="1",
    )


def en(client):
    """The client in English: messages are compared in the source language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert_no_raw_markers(content)
    return content


def result_names(content: str) -> list[str]:
    """Organisation names in the order the result list shows them."""
    match_list = content.split('class="list-group list-group-numbered match-list"', 1)
    if len(match_list) < 2:
        return []
    return re.findall(r'<a href="/partners/\d+/(?:profil/)?">([^<]+)</a>', match_list[1])


@pytest.fixture
def farm():
    farm = OrganisationFactory(
        name="Hase Feldtechnik GmbH", kind=Organisation.Kind.SME, description=SENSORS
    )
    OrganisationFactory(name="Kanzlei Recht", description="Steuerberatung und Vertragsrecht")
    return farm


# Who can help with an idea -------------------------------------------------------------------


def test_the_idea_page_offers_a_labelled_form(client_for, role_users):
    content = page(client_for(role_users["member"]).get(IDEA))
    assert "<h1>" in content
    for field in ("text", "competences", "ris3_fields", "partner_sought", "district", "limit"):
        assert f'for="id_{field}"' in content
    assert 'method="get"' in content


def test_a_german_compound_is_found_by_its_parts_through_the_page(staff_client, farm):
    response = staff_client.get(IDEA, {"text": "Landwirtschaft Sensorik"})
    content = page(response)
    assert result_names(content) == [farm.name]
    reasons = response.context["answer"].matches[0].reasons
    assert reasons.terms, "the matched words are named"
    assert 'class="row small mb-1 match-reasons"' in content
    for signal in reasons.signals:
        assert f"{signal.label}: {signal.share} %" in content, "each signal with its share"
    assert "<meter" in content


def test_a_result_names_kind_unit_it_was_found_through_and_why(staff_client):
    competence = CompetenceFactory(name="Bodenkunde")
    farm = OrganisationFactory(name="Hase Feldtechnik GmbH", kind=Organisation.Kind.SME)
    unit = UnitFactory(organisation=farm, name="Labor Bodenfeuchte", description=SENSORS)
    unit.competences.add(competence)

    response = staff_client.get(
        IDEA, {"text": "Bodenfeuchte messen", "competences": [competence.pk]}
    )

    content = page(response)
    assert result_names(content) == [farm.name]
    assert farm.get_kind_display() in content
    assert "Labor Bodenfeuchte" in content
    assert "Bodenkunde" in content, "the shared competence is named"
    answer = response.context["answer"]
    assert answer.matches[0].via_unit == unit
    assert answer.matches[0].reasons.terms


def test_staff_see_rating_buttons_and_the_introduce_link_members_do_not(
    staff_client, client_for, role_users, farm
):
    staff_page = page(staff_client.get(IDEA, {"text": "Agrarsensorik"}))
    assert reverse("matching:rate") in staff_page
    assert 'name="rating" value="-1"' in staff_page
    assert 'name="rating" value="1"' in staff_page
    introduce = reverse("matching:introduction_create")
    assert f"{introduce}?first=&amp;second={farm.pk}&amp;source_key=q%3A" in staff_page
    for role in ("member", "board", "network_manager"):
        content = page(client_for(role_users[role]).get(IDEA, {"text": "Agrarsensorik"}))
        assert reverse("matching:rate") not in content
        assert "?first=" not in content
        assert "/interesse/" not in content, "no profile among the results"


# Bad input -----------------------------------------------------------------------------------

STOP_WORDS = "und der die das"
MIXED = "Sensorik датчики 传感器 مستشعر"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Describe the idea, or choose competences or RIS3 fields."),
        ("   ", "Describe the idea, or choose competences or RIS3 fields."),
        (STOP_WORDS, "holds no words that can be matched"),
        ("x" * 1_000_000, "at most 5000 characters"),
        ("Sensorik " * 700, "at most 5000 characters"),
        ("😀👩‍🔬🇩🇪", "holds no words that can be matched"),
        ("Sensorik\x00Funk", "Null characters are not allowed."),
        ("Sensorik \x1b[31m Funk", "invisible control characters"),
        ("Sensorik \u202eknuF", "invisible control characters"),
    ],
    ids=["empty", "blank", "stop-words", "1MB", "too-long", "emoji", "nul", "escape", "bidi"],
)
def test_bad_ideas_get_a_clear_message_and_nothing_is_written(client_for, role_users, farm,
                                                              text, message):  # fmt: skip
    for role in ("member", "staff"):
        content = page(en(client_for(role_users[role])).get(IDEA, {"text": text}))
        assert message in content.replace("&#x27;", "'"), role
        assert result_names(content) == []
    assert not Suggestion.objects.exists()


def test_mixed_scripts_and_tabs_are_accepted(staff_client, farm):
    content = page(staff_client.get(IDEA, {"text": MIXED}))
    assert result_names(content) == [farm.name]
    content = page(staff_client.get(IDEA, {"text": "Agrar\tSensorik\nFunk"}))
    assert farm.name in content


@pytest.mark.parametrize(
    "params",
    [
        {"competences": ["99999999999999999999999"]},
        {"competences": ["Sensorik"]},
        {"competences": [str(n) for n in range(1, 400)]},
        {"ris3_fields": ["-1"]},
        {"district": "99999999999999999999999"},
        {"country": "XX"},
        {"partner_sought": "alien"},
        {"limit": "7"},
        {"limit": "1e309"},
    ],
)
def test_bad_choices_are_form_errors(staff_client, farm, params):
    response = staff_client.get(IDEA, {"text": "Agrarsensorik", **params})
    page(response)
    assert response.context["form"].errors
    assert response.context["answer"] is None


def test_every_nasty_string_in_every_field_is_answered_without_error(client_for, role_users,
                                                                    farm):  # fmt: skip
    client = client_for(role_users["member"])
    idea_fields = ("text", "partner_sought", "district", "country", "limit", "competences")
    consortium_fields = ("must_include", "exclude", "min_size", "max_size", "needs_sme")
    for value in NASTY_STRINGS:
        value = value.replace("\ud800", "\ufffd")  # a URL cannot carry a lone surrogate
        # The text alone reaches the engine; every field at once exercises each field's checks.
        page(client.get(IDEA, {"text": value}))
        page(client.get(IDEA, dict.fromkeys(idea_fields, value)))
        page(client.post(CONSORTIUM, {"text": value, "min_size": "1", "max_size": "3"}))
        page(client.post(CONSORTIUM, dict.fromkeys(idea_fields + consortium_fields, value)))


# Consortium ----------------------------------------------------------------------------------


@pytest.fixture
def partners():
    """An SME, a research institute and a university that together cover three competences."""
    sensors, radio, soil = (CompetenceFactory(name=n) for n in ("Sensorik", "Funk", "Boden"))
    sme = OrganisationFactory(name="Hase Feldtechnik GmbH", kind=Organisation.Kind.SME,
                              description=SENSORS)  # fmt: skip
    sme.competences.add(sensors)
    institute = OrganisationFactory(name="Institut für Funktechnik", kind="research",
                                    description="Funk für Agrarsensorik im Feld")  # fmt: skip
    institute.competences.add(radio)
    university = OrganisationFactory(name="Hochschule Emsland", kind="university",
                                     description="Bodenkunde und Agrarsensorik")  # fmt: skip
    university.competences.add(soil)
    return {"sme": sme, "institute": institute, "university": university,
            "competences": [sensors, radio, soil]}  # fmt: skip


def consortium_body(partners, **extra):
    return {
        "text": "Agrarsensorik mit Funk und Bodenkunde",
        "competences": [c.pk for c in partners["competences"]],
        "min_size": "2",
        "max_size": "4",
        "needs_sme": "on",
        "needs_research": "on",
        **extra,
    }


def test_a_consortium_shows_members_coverage_and_constraints(staff_client, partners):
    response = en(staff_client).post(CONSORTIUM, consortium_body(partners))

    content = page(response)
    answer = response.context["answer"]
    assert answer.ok, answer.messages
    assert {m.organisation for m in answer.members} == {
        partners["sme"],
        partners["institute"],
        partners["university"],
    }
    assert "100 %" in content
    for name in ("Hase Feldtechnik GmbH", "Institut für Funktechnik", "Hochschule Emsland"):
        assert name in content
    assert "Sensorik" in content and "Funk" in content and "Boden" in content
    assert "2 to 4 organisations" in content
    form = response.context["form"]
    offered = {pk for pk, _name in form.fields["exclude"].widget.choices}
    assert partners["sme"].pk in offered, "the members can be excluded next time"


def test_the_consortium_form_is_posted_with_a_labelled_form(client_for, role_users):
    content = page(client_for(role_users["member"]).get(CONSORTIUM))
    assert 'method="post"' in content
    for field in ("text", "must_include", "exclude", "min_size", "max_size", "needs_sme"):
        assert f'for="id_{field}"' in content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Describe the idea, or choose competences or RIS3 fields."),
        (STOP_WORDS, "holds no words that can be matched"),
        ("x" * 1_000_000, "at most 5000 characters"),
        ("😀👩‍🔬🇩🇪", "holds no words that can be matched"),
        ("Agrar\x00sensorik", "Null characters are not allowed."),
        ("Agrar\x1bsensorik", "invisible control characters"),
        ("\u202eAgrarsensorik", "invisible control characters"),
    ],
    ids=["empty", "stop-words", "1MB", "emoji", "nul", "escape", "bidi"],
)
def test_bad_consortium_ideas_get_a_clear_message(client_for, role_users, text, message):
    body = {"text": text, "min_size": "1", "max_size": "3"}
    content = page(en(client_for(role_users["member"])).post(CONSORTIUM, body))
    assert message in content.replace("&#x27;", "'")


def test_mixed_scripts_propose_a_consortium(staff_client, partners):
    body = {"text": MIXED, "min_size": "1", "max_size": "3"}
    response = staff_client.post(CONSORTIUM, body)
    page(response)
    assert response.context["answer"] is not None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"min_size": "5", "max_size": "3"}, "not above the largest size"),
        ("include-and-exclude", "cannot be both required and excluded"),
        ("include-too-many", "More organisations are required than the largest size allows"),
        ("no-sme", "No SME fits the idea and the constraints."),
    ],
    ids=["min-above-max", "required-and-excluded", "too-many-required", "no-sme"],
)
def test_impossible_constraints_are_explained(staff_client, partners, extra, message):
    if extra == "include-and-exclude":
        extra = {"must_include": [partners["sme"].pk], "exclude": [partners["sme"].pk]}
    elif extra == "include-too-many":
        extra = {
            "must_include": [partners[k].pk for k in ("sme", "institute", "university")],
            "min_size": "1",
            "max_size": "2",
        }
    elif extra == "no-sme":
        extra = {"exclude": [partners["sme"].pk]}
    response = en(staff_client).post(CONSORTIUM, consortium_body(partners, **extra))
    content = page(response)
    assert message in content
    assert not response.context["answer"].ok


@pytest.mark.parametrize(
    "extra",
    [
        {"min_size": "0"},
        {"min_size": "9"},
        {"max_size": "13"},
        {"max_size": "-1"},
        {"min_size": "1e309"},
        {"must_include": ["99999999999999999999999"]},
        {"exclude": ["abc"]},
        {"exclude": [str(n) for n in range(1, 20)]},
    ],
)
def test_out_of_range_constraints_are_form_errors(staff_client, partners, extra):
    response = staff_client.post(CONSORTIUM, consortium_body(partners, **extra))
    page(response)
    assert response.context["form"].errors
    assert "answer" not in response.context or response.context["answer"] is None


def test_a_member_may_only_name_organisations_it_may_see(client_for, role_users, partners):
    member = role_users["member"]
    public_profile(partners["institute"])
    client = client_for(member)

    hidden = client.post(CONSORTIUM, consortium_body(partners, must_include=[partners["sme"].pk]))
    assert "must_include" in hidden.context["form"].errors

    allowed = [member.organisation_id, partners["institute"].pk]
    response = client.post(CONSORTIUM, consortium_body(partners, must_include=allowed))
    page(response)
    assert not response.context["form"].errors
    shown = {m.organisation.pk for m in response.context["answer"].members}
    assert partners["sme"].pk not in shown, "no record the member may not see"


# Visibility ----------------------------------------------------------------------------------


def test_a_member_sees_only_organisations_it_may_see_or_with_a_public_profile(
    client_for, role_users
):
    hidden = OrganisationFactory(name="Verborgene Sensorik GmbH", description=SENSORS)
    shown = OrganisationFactory(name="Offene Sensorik GmbH", description=SENSORS)
    public_profile(shown)

    content = page(client_for(role_users["member"]).get(IDEA, {"text": "Agrarsensorik"}))

    assert result_names(content) == [shown.name]
    assert hidden.name not in content
    assert reverse("partners:organisation_public", kwargs={"pk": shown.pk}) in content
    assert f'href="{reverse("partners:organisation_detail", args=[shown.pk])}"' not in content
    staff_page = page(client_for(role_users["staff"]).get(IDEA, {"text": "Agrarsensorik"}))
    assert set(result_names(staff_page)) == {hidden.name, shown.name}
    assert reverse("partners:organisation_detail", kwargs={"pk": hidden.pk}) in staff_page


def test_a_network_profile_never_reaches_a_member_outside_the_network(
    client_for, role_users, django_capture_on_commit_callbacks
):
    member = role_users["member"]
    own = ProfileFactory(
        organisation=member.organisation,
        kind=ProfileKind.TECHNOLOGY_REQUEST,
        visibility=Visibility.PUBLIC,
    )
    closed = NetworkFactory(name="Agrarnetz")
    offer = ProfileFactory(
        kind=ProfileKind.TECHNOLOGY_OFFER,
        title="Funksensoren für Bodenfeuchte im Acker",
        network=closed,
        visibility=Visibility.NETWORK,
    )
    public_profile(offer.organisation)
    client = client_for(member)

    matches_url = reverse("matching:profile_matches", kwargs={"pk": own.pk})
    first = client.get(matches_url)
    assert offer.title not in page(first)
    assert offer not in [m.profile for m in first.context["counterparts"]]
    idea = page(client.get(IDEA, {"text": "Funksensoren Bodenfeuchte"}))
    assert offer.title not in idea

    with django_capture_on_commit_callbacks(execute=True):
        MembershipFactory(
            organisation=member.organisation, network=closed, status=MembershipStatus.ACTIVE
        )
    second = client.get(matches_url)
    assert offer in [m.profile for m in second.context["counterparts"]]
    assert offer.title in page(second)


# Who fits a profile, whom to meet, whom to invite ---------------------------------------------


def test_the_owner_sees_organisations_and_counterpart_profiles(client_for, role_users, farm):
    member = role_users["member"]
    request = ProfileFactory(organisation=member.organisation, kind=ProfileKind.TECHNOLOGY_REQUEST)
    offer = ProfileFactory(
        kind=ProfileKind.TECHNOLOGY_OFFER,
        title="Funksensoren für Bodenfeuchte",
        visibility=Visibility.PUBLIC,
    )
    public_profile(farm)

    response = client_for(member).get(
        reverse("matching:profile_matches", kwargs={"pk": request.pk})
    )

    content = page(response)
    assert farm.name in result_names(content)
    assert [m.profile for m in response.context["counterparts"]] == [offer]
    assert "Funksensoren für Bodenfeuchte" in content
    assert reverse("matching:introduction_request", kwargs={"pk": offer.pk}) in content
    assert reverse("matching:rate") not in content


def test_whom_to_meet_lists_complementary_organisations_and_excludes_itself(
    staff_client, client_for, role_users
):
    member = role_users["member"]
    asking = member.organisation
    asking.description = SENSORS
    asking.save()
    institute = OrganisationFactory(
        name="Institut für Agrarsensorik", kind="research", description=SENSORS
    )
    url = reverse("matching:organisation_matches", kwargs={"pk": asking.pk})

    content = page(staff_client.get(url))
    names = result_names(content)
    assert names[0] == institute.name
    assert asking.name not in names
    assert f"?first={asking.pk}&amp;second={institute.pk}&amp;source_key=o%3A{asking.pk}" in content
    detail = page(staff_client.get(reverse("partners:organisation_detail", args=[asking.pk])))
    assert url in detail
    own_detail = client_for(member).get(reverse("partners:organisation_detail", args=[asking.pk]))
    assert url in page(own_detail)
    assert client_for(role_users["member_b"]).get(url).status_code == 404


def test_whom_to_invite_leaves_out_registered_organisations(staff_client):
    event = EventFactory(title="Expertengespräch Agrarsensorik", summary=SENSORS)
    registered = OrganisationFactory(name="Schon Angemeldet GmbH", description=SENSORS)
    RegistrationFactory(event=event, organisation=registered)
    invited = OrganisationFactory(name="Noch Nicht Da GmbH", description=SENSORS)
    url = reverse("matching:event_matches", kwargs={"pk": event.pk})

    names = result_names(page(staff_client.get(url)))

    assert invited.name in names
    assert registered.name not in names
    detail = page(staff_client.get(reverse("events:event_detail", args=[event.pk])))
    assert url in detail


# Rate limits and query counts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "method", "url", "data"),
    [
        ("matching", "get", IDEA, {"text": "Agrarsensorik"}),
        (
            "consortium",
            "post",
            CONSORTIUM,
            {"text": "Agrarsensorik", "min_size": "1", "max_size": "3"},
        ),
    ],
)
def test_questions_are_rate_limited_per_user(settings, client_for, role_users, farm, scope,
                                             method, url, data):  # fmt: skip
    cache.clear()
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, scope: "2/min"}
    client = client_for(role_users["member"])
    for _ in range(2):
        assert getattr(client, method)(url, data).status_code == 200
    refused = getattr(client, method)(url, data)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    other = client_for(role_users["member_b"])
    assert getattr(other, method)(url, data).status_code == 200, "the limit is per user"
    cache.clear()


def _queries(client, url, params=None) -> int:
    client.get(url, params)  # the first question builds the index
    with counting_queries() as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_results(staff_client, client_for, role_users):
    def add(count: int) -> None:
        competence = CompetenceFactory()
        for n in range(count):
            organisation = OrganisationFactory(name=f"Sensorik {n} GmbH", description=SENSORS)
            organisation.competences.add(competence)
            unit = UnitFactory(organisation=organisation, name=f"Labor {n}",
                                       description=SENSORS)  # fmt: skip
            unit.competences.add(competence)
            public_profile(organisation)

    params = {"text": "Agrarsensorik Bodenfeuchte", "limit": "50"}
    member = client_for(role_users["member"])
    add(3)
    few = (_queries(staff_client, IDEA, params), _queries(member, IDEA, params))
    add(12)
    search_index.rebuild()
    many = (_queries(staff_client, IDEA, params), _queries(member, IDEA, params))
    assert many[0] <= few[0]
    assert many[1] <= few[1]
