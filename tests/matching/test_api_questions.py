"""The engine's questions through the REST API, as a script with a personal token asks them."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from innonet.events.models import EventStatus
from innonet.matching.models import ProfileKind, Visibility
from innonet.partners.models import Organisation
from innonet.partners.models.consents import ConsentPurpose
from tests.clock import counting_queries
from tests.events.test_api import Api
from tests.factories import (
    AffiliationFactory,
    CompetenceFactory,
    ConsentFactory,
    EventFactory,
    NetworkFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    UnitFactory,
)
from tests.nasty import NASTY_STRINGS

from .factories import ProfileFactory

pytestmark = pytest.mark.django_db

IDEA = reverse("api-matching-idea")
CONSORTIUM = reverse("api-matching-consortium")
SENSORS = "Wir entwickeln Agrarsensorik: Bodenfeuchte messen und per Funk übertragen."


@pytest.fixture
def api(role_users):
    return {role: Api(user) for role, user in role_users.items()} | {"anonymous": Api()}


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


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["organisation"]["name"] for row in response.json()["results"]]


# Who can help with an idea -------------------------------------------------------------------


def test_an_idea_finds_the_organisation_and_says_why(api):
    farm = OrganisationFactory(name="Hase Feldtechnik GmbH", description=SENSORS)
    unit = UnitFactory(organisation=farm, name="Labor Bodenfeuchte")
    OrganisationFactory(name="Kanzlei Recht", description="Steuerberatung und Vertragsrecht")

    response = api["staff"].post(IDEA, {"text": "Landwirtschaft Sensorik Bodenfeuchte"})

    body = response.json()
    assert response.status_code == 200
    assert body["problem"] == ""
    assert body["source_key"].startswith("q:")
    assert [row["organisation"]["id"] for row in body["results"]] == [farm.pk]
    best = body["results"][0]
    assert best["organisation"] == {"id": farm.pk, "name": farm.name, "kind": farm.kind}
    assert best["via"] in (None, {"type": "unit", "id": unit.pk, "name": unit.name})
    assert best["score"] > 0
    reasons = best["reasons"]
    assert reasons["terms"], "the matched words are named"
    assert {"terms", "fields", "competences", "ris3_fields", "signals"} <= set(reasons)
    text = next(s for s in reasons["signals"] if s["name"] == "text")
    assert text["label"] and 0 < text["share"] <= 100


def test_competences_alone_are_a_question(api):
    robots = CompetenceFactory(name="Unterwasserrobotik")
    diver = OrganisationFactory(name="Tauchroboter Emden")
    diver.competences.add(robots)

    response = api["staff"].post(IDEA, {"competences": [robots.pk]})

    assert diver.name in names(response)
    assert response.json()["results"][0]["reasons"]["competences"] == ["Unterwasserrobotik"]


def test_a_member_sees_only_what_the_registry_or_a_public_profile_shows(api, role_users):
    own = role_users["member"].organisation
    own.description = SENSORS
    own.save()
    hidden = OrganisationFactory(name="Verborgene Sensorik AG", description=SENSORS)
    shown = OrganisationFactory(name="Offene Sensorik eG", description=SENSORS)
    public_profile(shown)

    member = names(api["member"].post(IDEA, {"text": "Agrarsensorik Bodenfeuchte"}))
    staff = names(api["staff"].post(IDEA, {"text": "Agrarsensorik Bodenfeuchte"}))

    # Never the member's own organisation as a partner (issue 13).
    assert set(member) == {shown.name}
    assert {own.name, shown.name, hidden.name} <= set(staff)


def test_a_network_profile_never_reaches_a_member_outside_the_network(api, role_users):
    closed = NetworkFactory(name="Geschlossenes Netz")
    ProfileFactory(
        title="Deichinspektion per Drohne", network=closed, visibility=Visibility.NETWORK
    )

    for role in ("member", "member_b"):
        body = api[role].post(IDEA, {"text": "Deichinspektion Drohne"}).json()
        assert all(row["via"] is None for row in body["results"]), role
        assert body["results"] == [], role
    assert names(api["staff"].post(IDEA, {"text": "Deichinspektion Drohne"}))


def test_questions_need_a_signed_in_user_but_no_write_token(api, role_users):
    OrganisationFactory(description=SENSORS)
    read_only = Api(role_users["board"], scope="read")

    assert api["anonymous"].post(IDEA, {"text": "Sensorik"}).status_code == 401
    assert read_only.post(IDEA, {"text": "Sensorik"}).status_code == 200
    assert read_only.post(CONSORTIUM, {"text": "Sensorik"}).status_code == 200
    assert api["member"].get(IDEA).status_code == 405


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "und der die das",
        "😀👩‍🔬🇩🇪",
        "Sensorik датчики 传感器 مستشعر",
        "Ärger über Öl & Straße",
        "x" * 5000,
        "<script>alert(1)</script>",
    ],
)
def test_odd_ideas_get_an_answer_not_an_error(api, text):
    OrganisationFactory(name="Sensorwerk", description=SENSORS)

    for path in (IDEA, CONSORTIUM):
        response = api["member"].post(path, {"text": text})
        assert response.status_code == 200, (path, response.content)


def test_empty_and_filler_words_are_named_as_the_problem(api):
    OrganisationFactory(description=SENSORS)
    empty = api["member"].post(IDEA, {"text": "  "}).json()
    filler = api["member"].post(IDEA, {"text": "und der die das"}).json()
    emoji = api["member"].post(CONSORTIUM, {"text": "😀😀"}).json()

    assert empty["problem"] and empty["results"] == []
    assert filler["problem"] and filler["problem"] != empty["problem"]
    assert emoji["ok"] is False
    assert [p["code"] for p in emoji["problems"]] == ["no_words"]
    assert emoji["problems"][0]["message"]


def test_mixed_scripts_still_find_the_german_words(api):
    farm = OrganisationFactory(name="Sensorwerk", description=SENSORS)

    response = api["member"].post(IDEA, {"text": "Sensorik датчики 传感器 مستشعر"})

    assert response.status_code == 200
    assert response.json()["problem"] == ""
    assert farm.name in names(api["staff"].post(IDEA, {"text": "Sensorik датчики 传感器"}))


@pytest.mark.parametrize("text", ["x" * 5001, "Sensorik " * 120_000])
def test_too_long_text_is_a_field_error(api, text):
    response = api["member"].post(IDEA, {"text": text})

    assert response.status_code == 400
    assert list(response.json()) == ["text"]


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\u202e", "\ud800"])
def test_control_characters_are_refused(api, char):
    for path in (IDEA, CONSORTIUM):
        response = api["member"].post(path, {"text": f"Sensorik {char} Bodenfeuchte"})
        assert response.status_code == 400, path
        # A lone surrogate cannot even be read as UTF-8: the body is refused as a whole.
        assert response.json()["text" if char != "\ud800" else "detail"]


def test_nasty_strings_never_break_a_question(api):
    OrganisationFactory(description=SENSORS)
    for value in NASTY_STRINGS:
        for path in (IDEA, CONSORTIUM):
            for body in ({"text": value}, {"partner_sought": value}, {"district": value}):
                response = api["member"].post(path, body)
                assert response.status_code in (200, 400), (path, body, response.status_code)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"competences": [999999]}, "competences"),
        ({"competences": "Sensorik"}, "competences"),
        ({"competences": list(range(1, 60))}, "competences"),
        ({"competences": [2**70]}, "competences"),
        ({"ris3_fields": [0]}, "ris3_fields"),
        ({"partner_sought": "alien"}, "partner_sought"),
        ({"district": 999999}, "district"),
        ({"country": "DE"}, "country"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "viele"}, "limit"),
    ],
)
def test_bad_fields_are_named(api, body, field):
    response = api["member"].post(IDEA, {"text": "Sensorik", **body})

    assert response.status_code == 400
    assert field in response.json()


def test_a_retired_competence_is_as_unknown_as_a_missing_one(api):
    retired = CompetenceFactory(is_active=False)

    response = api["member"].post(IDEA, {"competences": [retired.pk, 999999]})

    assert response.status_code == 400
    assert str(retired.pk) in response.json()["competences"][0]


def test_limit_and_filters_are_applied(api):
    for n in range(4):
        OrganisationFactory(name=f"Sensorwerk {n}", description=SENSORS)

    response = api["staff"].post(IDEA, {"text": "Agrarsensorik", "limit": 2})

    assert len(names(response)) == 2


def test_query_count_does_not_grow_with_the_results(api):
    robots = CompetenceFactory(name="Unterwasserrobotik")
    for n in range(20):
        OrganisationFactory(name=f"Sensorwerk {n}", description=SENSORS).competences.add(robots)
    body = {"text": "Agrarsensorik", "competences": [robots.pk]}
    api["staff"].post(IDEA, body | {"limit": 1})  # builds the index

    with counting_queries() as few:
        assert len(names(api["staff"].post(IDEA, body | {"limit": 2}))) == 2
    with counting_queries() as many:
        assert len(names(api["staff"].post(IDEA, body | {"limit": 20}))) == 20

    assert len(many) == len(few)


def test_questions_are_limited_per_user(api, settings):
    OrganisationFactory(description=SENSORS)
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "matching": "2/min"}
    cache.clear()
    try:
        answers = [api["member"].post(IDEA, {"text": "Sensorik"}) for _ in range(3)]
        other = api["member_b"].post(IDEA, {"text": "Sensorik"})
        consortium = api["member"].post(CONSORTIUM, {"text": "Sensorik"})
    finally:
        cache.clear()

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) > 0
    assert other.status_code == 200, "each user has a limit of their own"
    assert consortium.status_code == 200, "the consortium counts separately"


def test_consortium_proposals_are_limited_on_their_own(api, settings):
    settings.USER_RATE_LIMITS = {**settings.USER_RATE_LIMITS, "consortium": "1/min"}
    cache.clear()
    try:
        answers = [api["member"].post(CONSORTIUM, {"text": "Sensorik"}) for _ in range(2)]
    finally:
        cache.clear()

    assert [a.status_code for a in answers] == [200, 429]


# Who fits a profile, whom to meet, whom to invite --------------------------------------------


def profile_url(profile) -> str:
    return reverse("api-matching-profile", kwargs={"pk": profile.pk})


def test_profile_matches_with_counterpart_profiles(api, role_users):
    own = role_users["member"].organisation
    request = ProfileFactory(organisation=own, visibility=Visibility.PARTNERS)
    offerer = OrganisationFactory(name="Funksensor GmbH", description=SENSORS)
    offer = ProfileFactory(
        organisation=offerer,
        kind=ProfileKind.TECHNOLOGY_OFFER,
        title="Funkende Bodenfeuchtesensoren",
        visibility=Visibility.PARTNERS,
    )

    response = api["member"].get(profile_url(request))

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["source_key"] == f"p:{request.pk}"
    counterparts = body["counterpart_profiles"]
    assert [row["profile"]["id"] for row in counterparts] == [offer.pk]
    assert counterparts[0]["profile"]["kind"] == ProfileKind.TECHNOLOGY_OFFER
    assert counterparts[0]["organisation"]["id"] == offerer.pk
    assert counterparts[0]["reasons"]["signals"]


def test_profile_matches_for_staff_board_and_the_own_organisation_only(api, role_users):
    own = ProfileFactory(
        organisation=role_users["member"].organisation, visibility=Visibility.PARTNERS
    )
    draft_b = ProfileFactory(organisation=role_users["member_b"].organisation, status="draft")

    answers = {role: api[role].get(profile_url(own)).status_code for role in api}
    hidden = api["member"].get(profile_url(draft_b)).status_code

    assert answers == {
        "anonymous": 401,
        "member": 200,
        "member_b": 403,  # sees the profile (partner networks), but it is not theirs
        "network_manager": 404,  # another network, which the host shares no profiles with
        "board": 200,
        "staff": 200,
    }
    assert hidden == 404
    assert api["member"].get(profile_url(own), limit="0").status_code == 400


def test_whom_to_meet_for_staff_board_and_the_own_organisation(api, role_users):
    own = role_users["member"].organisation
    own.description = SENSORS
    own.save()
    url = reverse("api-matching-organisation", kwargs={"pk": own.pk})
    other = reverse(
        "api-matching-organisation", kwargs={"pk": role_users["member_b"].organisation_id}
    )

    answers = {role: api[role].get(url).status_code for role in api}

    assert answers == {
        "anonymous": 401,
        "member": 200,
        "member_b": 404,
        "network_manager": 404,
        "board": 200,
        "staff": 200,
    }
    assert api["member"].get(other).status_code == 404
    assert api["staff"].get(url).json()["source_key"] == f"o:{own.pk}"


def test_whom_to_meet_finds_a_complementary_partner(api, role_users):
    firm = OrganisationFactory(name="Feldsensor GmbH", description=SENSORS)
    institute = OrganisationFactory(
        name="Institut für Agrartechnik",
        kind=Organisation.Kind.RESEARCH,
        description="Forschung zu Agrarsensorik und Bodenfeuchte im Acker",
    )
    url = reverse("api-matching-organisation", kwargs={"pk": firm.pk})

    found = names(api["staff"].get(url))

    assert found[0] == institute.name
    assert firm.name not in found


def test_whom_to_invite_for_who_runs_the_event(api, role_users):
    manager_network = role_users["network_manager"].network
    event = EventFactory(
        organiser=manager_network,
        title="Hofgespräch Agrarsensorik",
        summary="Bodenfeuchte messen",
    )
    draft = EventFactory(status=EventStatus.DRAFT, title="Entwurf")
    registered = OrganisationFactory(name="Schon dabei GmbH", description=SENSORS)
    invited = OrganisationFactory(name="Noch nicht dabei GmbH", description=SENSORS)
    RegistrationFactory(event=event, organisation=registered, organisation_name=registered.name)
    url = reverse("api-matching-event", kwargs={"pk": event.pk})

    answers = {role: api[role].get(url).status_code for role in api}
    found = names(api["network_manager"].get(url))

    assert answers == {
        "anonymous": 401,
        "member": 404,  # the manager's network shares no events with the host's members
        "member_b": 404,
        "network_manager": 200,
        "board": 403,
        "staff": 200,
    }
    draft_url = reverse("api-matching-event", kwargs={"pk": draft.pk})
    assert api["member"].get(draft_url).status_code == 404
    assert api["network_manager"].get(draft_url).status_code == 404
    assert invited.name in names(api["staff"].get(url))
    assert registered.name not in names(api["staff"].get(url))
    assert registered.name not in found


def test_unknown_and_huge_ids_answer_404(api):
    for name in ("api-matching-profile", "api-matching-organisation", "api-matching-event"):
        for pk in (999999, 2**70):
            assert api["staff"].get(reverse(name, kwargs={"pk": pk})).status_code == 404


# Consortium ----------------------------------------------------------------------------------


@pytest.fixture
def candidates(db):
    sensors = CompetenceFactory(name="Bodensensorik")
    radio = CompetenceFactory(name="Funkübertragung")
    sme = OrganisationFactory(
        name="Feldsensor GmbH", kind=Organisation.Kind.SME, description=SENSORS
    )
    sme.competences.add(sensors)
    institute = OrganisationFactory(
        name="Institut für Funktechnik",
        kind=Organisation.Kind.RESEARCH,
        description="Funkübertragung für Sensornetze in der Landwirtschaft, Agrarsensorik",
    )
    institute.competences.add(radio)
    large = OrganisationFactory(
        name="Landmaschinen AG", kind=Organisation.Kind.LARGE, description=SENSORS
    )
    return {"sensors": sensors, "radio": radio, "sme": sme, "institute": institute, "large": large}


def test_a_consortium_covers_the_competences(api, candidates):
    body = {
        "text": "Agrarsensorik mit Funk",
        "competences": [candidates["sensors"].pk, candidates["radio"].pk],
        "min_size": 2,
        "max_size": 3,
    }

    response = api["staff"].post(CONSORTIUM, body)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["ok"] is True, answer["problems"]
    members = {m["organisation"]["id"]: m for m in answer["members"]}
    assert {candidates["sme"].pk, candidates["institute"].pk} <= set(members)
    assert members[candidates["sme"].pk]["covers"] == ["Bodensensorik"]
    assert answer["coverage"] == 100
    assert sorted(answer["covered"]) == ["Bodensensorik", "Funkübertragung"]
    assert answer["missing"] == []
    assert answer["problems"] == []
    assert answer["source_key"].startswith("k:")


@pytest.mark.parametrize(
    ("constraints", "code"),
    [
        ({"min_size": 5, "max_size": 3}, "invalid_size"),
        ({"must_include": ["sme"], "exclude": ["sme"]}, "included_and_excluded"),
        ({"must_include": ["sme", "institute", "large"], "max_size": 2, "min_size": 1},
         "too_many_included"),
        ({"exclude": ["sme"], "needs_research": False, "min_size": 1}, "no_sme"),
        ({"exclude": ["institute"], "needs_sme": False, "min_size": 1}, "no_research"),
        ({"min_size": 8, "max_size": 12}, "too_few_candidates"),
    ],
)  # fmt: skip
def test_impossible_constraints_are_explained(api, candidates, constraints, code):
    body = {"text": "Agrarsensorik Funk", **constraints}
    for name in ("must_include", "exclude"):
        if name in body:
            body[name] = [candidates[key].pk for key in body[name]]

    response = api["staff"].post(CONSORTIUM, body)

    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["ok"] is False
    problem = next(p for p in answer["problems"] if p["code"] == code)
    assert problem["message"]


@pytest.mark.parametrize(
    "body",
    [
        {"min_size": 0},
        {"min_size": 9},
        {"max_size": 13},
        {"needs_sme": "vielleicht"},
        {"must_include": list(range(1, 30))},
        {"exclude": [-1]},
    ],
)
def test_consortium_bounds_are_field_errors(api, body):
    response = api["staff"].post(CONSORTIUM, {"text": "Sensorik", **body})

    assert response.status_code == 400
    assert set(response.json()) == set(body)


def test_organisations_the_caller_may_not_see_are_unknown(api, role_users, candidates):
    hidden = candidates["sme"]
    shown = candidates["institute"]
    public_profile(shown)
    base = {"text": "Agrarsensorik", "needs_sme": False, "min_size": 1}

    refused = api["member"].post(CONSORTIUM, base | {"must_include": [hidden.pk]})
    unknown = api["member"].post(CONSORTIUM, base | {"must_include": [999999]})
    public = api["member"].post(CONSORTIUM, base | {"must_include": [shown.pk]})
    excluded = api["member"].post(CONSORTIUM, base | {"exclude": [hidden.pk]})

    assert refused.status_code == unknown.status_code == excluded.status_code == 400
    message = refused.json()["must_include"][0]
    assert message == unknown.json()["must_include"][0].replace("999999", str(hidden.pk))
    assert public.status_code == 200
    assert shown.pk in [m["organisation"]["id"] for m in public.json()["members"]]
    assert api["staff"].post(CONSORTIUM, base | {"must_include": [hidden.pk]}).status_code == 200


def test_a_member_never_gets_a_hidden_organisation_proposed(api, role_users, candidates):
    own = role_users["member"].organisation
    own.description = SENSORS
    own.kind = Organisation.Kind.SME
    own.save()
    public_profile(candidates["institute"])

    answer = api["member"].post(CONSORTIUM, {"text": "Agrarsensorik Funk", "min_size": 1})

    members = {m["organisation"]["id"] for m in answer.json()["members"]}
    assert members <= {own.pk, candidates["institute"].pk}
