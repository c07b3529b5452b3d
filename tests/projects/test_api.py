"""The REST API of projects, partners, programmes and calls, as an API client sees it:
confidential projects never leak, posted fields outside the contract persist nothing, stale
versions answer 409, rule violations 400, and an Idempotency-Key creates once."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from innonet.accounts import services as account_services
from innonet.matching.models import IntroductionStatus
from innonet.projects import services
from innonet.projects.api import ProjectSerializer
from innonet.projects.models import (
    CallDeadline,
    FundingCall,
    FundingProgramme,
    InnovationProject,
    ProjectPartner,
    StageChange,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.matching.factories import IntroductionFactory, ProfileFactory
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


class Api:
    """A JSON client with a personal API token (English answers)."""

    def __init__(self, user, scope="write"):
        self.client = Client()
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        _, plain = account_services.api_token_create(
            user, name="Test", scope=scope, days=1, acting_user=user
        )
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {plain}"}

    def get(self, url, **params):
        return self.client.get(url, params, **self.headers)

    def send(self, method, url, data=None, **headers):
        body = json.dumps(data if data is not None else {})
        return self.client.generic(
            method, url, body, content_type="application/json", **self.headers, **headers
        )

    def post(self, url, data=None, **headers):
        return self.send("POST", url, data, **headers)

    def patch(self, url, data=None, **headers):
        return self.send("PATCH", url, data, **headers)


@pytest.fixture
def api(role_users):
    return {role: Api(user) for role, user in role_users.items()}


@pytest.fixture
def org_a_projects(role_users):
    """Org A (the member's) is a partner of a staff-only and of a partners-level project."""
    org_a = role_users["member"].organisation
    secret = ProjectFactory(title="Geheimes Wasserstoffprojekt", confidentiality="staff")
    shared = ProjectFactory(title="Gemeinsames Sensorprojekt", confidentiality="partners")
    for project in (secret, shared):
        PartnerFactory(project=project, organisation=org_a, requested_amount=Decimal("5000"))
    return secret, shared


def _ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Confidential projects never leak ------------------------------------------------------------


def test_org_b_never_sees_org_a_confidential_projects(api, org_a_projects):
    secret, shared = org_a_projects
    client = api["member_b"]
    assert _ids(client.get("/api/projects/")) == set()
    assert _ids(client.get("/api/projects/", q="Wasserstoff")) == set()
    for project in (secret, shared):
        assert client.get(f"/api/projects/{project.pk}/").status_code == 404
        assert client.patch(
            f"/api/projects/{project.pk}/", {"title": "x", "version": 1}
        ).status_code in (403, 404)
    assert _ids(client.get("/api/project-partners/")) == set()
    partner = shared.partners.get()
    assert client.get(f"/api/project-partners/{partner.pk}/").status_code == 404
    # Filtering the partners by a hidden project is refused like an unknown one.
    hidden = client.get("/api/project-partners/", project=secret.pk)
    unknown = client.get("/api/project-partners/", project=999999)
    assert hidden.status_code == unknown.status_code == 400
    assert "Geheim" not in hidden.content.decode()
    secret.refresh_from_db()
    assert secret.title == "Geheimes Wasserstoffprojekt"


def test_org_a_member_sees_the_shared_project_but_not_the_staff_only_one(api, org_a_projects):
    secret, shared = org_a_projects
    client = api["member"]
    assert _ids(client.get("/api/projects/")) == {shared.pk}
    assert client.get(f"/api/projects/{secret.pk}/").status_code == 404
    partners = _ids(client.get("/api/project-partners/"))
    assert partners == {shared.partners.get().pk}
    body = client.get("/api/project-partners/", project=shared.pk).json()
    assert [row["project"] for row in body["results"]] == [shared.pk]
    assert body["results"][0]["own_share"] == "5000.00"


def test_board_and_staff_read_every_project(api, org_a_projects):
    expected = {project.pk for project in org_a_projects}
    assert _ids(api["board"].get("/api/projects/")) == expected
    assert _ids(api["staff"].get("/api/projects/")) == expected


def test_a_network_manager_reads_only_network_level_projects(api, org_a_projects):
    network = ProjectFactory(title="Netzwerkprojekt", confidentiality="network")
    assert _ids(api["network_manager"].get("/api/projects/")) == {network.pk}


# Mass assignment (RELIABILITY item 11) -------------------------------------------------------


def test_fields_outside_the_contract_persist_nothing(api, role_users):
    other_staff = UserFactory(role="staff")
    body = {
        "title": "Neue Idee",
        "id": 4242,
        "stage": "granted",
        "version": 77,
        "search_text": "hacked",
        "owner": other_staff.pk,
    }
    response = api["staff"].post("/api/projects/", body)
    assert response.status_code == 201, response.content
    project = InnovationProject.objects.get(title="Neue Idee")
    assert project.pk != 4242
    assert (project.stage, project.version, project.owner) == ("idea", 1, other_staff)
    assert "hacked" not in project.search_text
    assert StageChange.objects.filter(project=project, to_stage="idea").count() == 1


def test_members_write_no_project_and_no_owner(api, role_users, org_a_projects):
    _secret, shared = org_a_projects
    member = role_users["member"]
    created = api["member"].post("/api/projects/", {"title": "Von Mitglied", "owner": member.pk})
    assert created.status_code == 403
    assert not InnovationProject.objects.filter(title="Von Mitglied").exists()
    changed = api["member"].patch(
        f"/api/projects/{shared.pk}/",
        {"owner": member.pk, "confidentiality": "network", "version": 1},
    )
    assert changed.status_code == 403
    shared.refresh_from_db()
    assert (shared.owner, shared.confidentiality) == (None, "partners")


def test_the_owner_must_be_staff(api, role_users):
    response = api["staff"].post(
        "/api/projects/", {"title": "Idee", "owner": role_users["member"].pk}
    )
    assert response.status_code == 400
    assert "owner" in response.json()
    assert not InnovationProject.objects.filter(title="Idee").exists()


def test_a_project_from_an_introduction_or_profile(api, role_users):
    member = role_users["member"]
    introduction = IntroductionFactory(
        first_organisation=member.organisation,
        second_organisation=OrganisationFactory(),
        topic="Bodenfeuchte",
        status=IntroductionStatus.COOPERATING,
    )
    profile = ProfileFactory(visibility="partners")
    body = {"title": "Vermittelt", "origin_introduction": introduction.pk}
    response = api["staff"].post("/api/projects/", {**body, "origin_profile": profile.pk})
    assert response.status_code == 201, response.content
    assert response.json()["origin_introduction"] == introduction.pk
    assert response.json()["origin_profile"] == profile.pk
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROJECT_STARTED
    for field in ("origin_introduction", "origin_profile"):
        refused = api["staff"].post("/api/projects/", {"title": "Nichts", field: 999999})
        assert refused.status_code == 400 and field in refused.json()
    assert not InnovationProject.objects.filter(title="Nichts").exists()
    request = RequestFactory().post("/api/projects/")
    request.user = member
    others = IntroductionFactory(
        first_organisation=OrganisationFactory(),
        second_organisation=OrganisationFactory(),
        topic="Fremd",
    )
    data = {"title": "X", "origin_introduction": others.pk, "origin_profile": profile.pk}
    serializer = ProjectSerializer(data=data, context={"request": request})
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"origin_introduction"}


def test_a_partner_keeps_its_project_and_organisation(api, org_a_projects):
    _secret, shared = org_a_projects
    partner = shared.partners.get()
    other = ProjectFactory()
    response = api["staff"].patch(f"/api/project-partners/{partner.pk}/", {"project": other.pk})
    assert response.status_code == 400
    partner.refresh_from_db()
    assert partner.project == shared


# Idempotency-Key (RELIABILITY item 27) -------------------------------------------------------


def test_a_replayed_project_create_returns_the_first_answer(api):
    client = api["staff"]
    body = {"title": "Wasserstoff im Hafen"}
    first = client.post("/api/projects/", body, HTTP_IDEMPOTENCY_KEY="4b0c-project-key")
    second = client.post("/api/projects/", body, HTTP_IDEMPOTENCY_KEY="4b0c-project-key")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert InnovationProject.objects.filter(title="Wasserstoff im Hafen").count() == 1
    other = client.post(
        "/api/projects/", {"title": "Anders"}, HTTP_IDEMPOTENCY_KEY="4b0c-project-key"
    )
    assert other.status_code == 422
    assert not InnovationProject.objects.filter(title="Anders").exists()


def test_a_replayed_call_create_creates_one_call(api):
    programme = ProgrammeFactory()
    due = (timezone.now() + timedelta(days=50)).isoformat()
    body = {
        "programme": programme.pk,
        "title": "Aufruf",
        "deadlines": [{"label": "Skizze", "due_at": due}],
    }
    for _ in range(3):
        response = api["staff"].post("/api/funding-calls/", body, HTTP_IDEMPOTENCY_KEY="call-1")
        assert response.status_code == 201
    assert FundingCall.objects.filter(title="Aufruf").count() == 1
    assert CallDeadline.objects.filter(call__title="Aufruf").count() == 1


def test_a_refused_partner_does_not_use_up_its_key(api, org_a_projects):
    _secret, shared = org_a_projects
    org = OrganisationFactory()
    body = {"project": shared.pk, "organisation": org.pk, "requested_amount": "-5"}
    refused = api["staff"].post("/api/project-partners/", body, HTTP_IDEMPOTENCY_KEY="p-1")
    assert refused.status_code == 400
    body["requested_amount"] = "5.00"
    accepted = api["staff"].post("/api/project-partners/", body, HTTP_IDEMPOTENCY_KEY="p-1")
    assert accepted.status_code == 201
    assert ProjectPartner.objects.filter(project=shared, organisation=org).count() == 1


# Optimistic locking and stage moves ----------------------------------------------------------


def test_a_stale_version_answers_409_with_the_current_record(api, role_users):
    project = services.project_create(data={"title": "Alt"}, acting_user=role_users["staff"])
    services.project_update(
        project, data={"title": "Neu"}, expected_version=1, acting_user=role_users["staff"]
    )
    response = api["staff"].patch(f"/api/projects/{project.pk}/", {"title": "Meins", "version": 1})
    assert response.status_code == 409
    assert response.json()["current"]["title"] == "Neu"
    assert response.json()["current"]["version"] == 2
    missing = api["staff"].patch(f"/api/projects/{project.pk}/", {"title": "Ohne"})
    assert missing.status_code == 400
    project.refresh_from_db()
    assert project.title == "Neu"
    ok = api["staff"].patch(f"/api/projects/{project.pk}/", {"title": "Meins", "version": 2})
    assert ok.status_code == 200
    assert ok.json()["version"] == 3


def test_moves_follow_the_rules(api, role_users):
    project = services.project_create(data={"title": "Idee"}, acting_user=role_users["staff"])
    url = f"/api/projects/{project.pk}/move/"
    jump = api["staff"].post(url, {"stage": "granted", "version": 1})
    assert jump.status_code == 400
    project.refresh_from_db()
    assert project.stage == "idea"
    moved = api["staff"].post(url, {"stage": "sounding", "version": 1})
    assert moved.status_code == 200
    assert moved.json()["stage"] == "sounding"
    stale = api["staff"].post(url, {"stage": "consortium", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["current"]["stage"] == "sounding"


# Partners, programmes and calls: bad input ---------------------------------------------------


def test_partner_rules_answer_400_and_change_nothing(api, org_a_projects):
    _secret, shared = org_a_projects
    partner = shared.partners.get()
    client = api["staff"]
    twice = client.post(
        "/api/project-partners/", {"project": shared.pk, "organisation": partner.organisation_id}
    )
    assert twice.status_code == 400
    over = client.patch(
        f"/api/project-partners/{partner.pk}/",
        {"requested_amount": "100.00", "granted_amount": "200.00"},
    )
    assert over.status_code == 400
    partner.refresh_from_db()
    assert (partner.requested_amount, partner.granted_amount) == (Decimal("5000.00"), None)
    assert ProjectPartner.objects.filter(project=shared).count() == 1


def test_programme_rates_round_trip(api):
    body = {
        "name": "ZIM",
        "funder": "BMWK",
        "level": "federal",
        "rates": {"sme": "45.00", "research": 100},
    }
    created = api["staff"].post("/api/funding-programmes/", body)
    assert created.status_code == 201, created.content
    assert created.json()["rates"] == {
        "sme": "45.00",
        "large": None,
        "research": "100.00",
        "other": None,
    }
    pk = created.json()["id"]
    changed = api["staff"].patch(f"/api/funding-programmes/{pk}/", {"rates": {"sme": None}})
    assert changed.json()["rates"]["sme"] is None
    assert changed.json()["rates"]["research"] == "100.00"
    clash = api["staff"].post("/api/funding-programmes/", {**body, "name": "zim"})
    assert clash.status_code == 400
    assert FundingProgramme.objects.count() == 1


def test_a_call_with_a_past_deadline_is_refused(api):
    programme = ProgrammeFactory()
    past = (timezone.now() - timedelta(days=1)).isoformat()
    response = api["staff"].post(
        "/api/funding-calls/",
        {
            "programme": programme.pk,
            "title": "Zu spät",
            "deadlines": [{"label": "Skizze", "due_at": past}],
        },
    )
    assert response.status_code == 400
    assert "deadlines" in response.json()
    assert not FundingCall.objects.exists()


def test_a_call_stays_in_its_programme_and_keeps_its_past_deadlines(api):
    call = make_call(days=(-3, 20))
    other = ProgrammeFactory()
    moved = api["staff"].patch(f"/api/funding-calls/{call.pk}/", {"programme": other.pk})
    assert moved.status_code == 400
    current = api["staff"].get(f"/api/funding-calls/{call.pk}/").json()["deadlines"]
    kept = api["staff"].patch(
        f"/api/funding-calls/{call.pk}/", {"deadlines": current, "topics": "Robotik"}
    )
    assert kept.status_code == 200, kept.content
    assert len(kept.json()["deadlines"]) == 2
    programme = call.programme_id
    call.refresh_from_db()
    assert (call.programme_id, call.topics) == (programme, "Robotik")


def test_read_only_tokens_do_not_write(role_users):
    client = Api(role_users["staff"], scope="read")
    assert (
        client.post(
            "/api/funding-programmes/", {"name": "X", "funder": "Y", "level": "eu"}
        ).status_code
        == 403
    )
    assert not FundingProgramme.objects.exists()


def test_list_queries_do_not_grow_with_the_rows(api, django_assert_max_num_queries):
    client = api["staff"]
    call = make_call()
    for index in range(2):
        PartnerFactory(project=ProjectFactory(title=f"P{index}", call=call))
    counts = {}
    for url in ("/api/projects/", "/api/project-partners/", "/api/funding-calls/"):
        with django_assert_max_num_queries(30) as first:
            client.get(url)
        counts[url] = len(first.captured_queries)
    for index in range(2, 12):
        PartnerFactory(project=ProjectFactory(title=f"P{index}", call=make_call()))
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
