"""Projects that came from matchmaking: prefilled from an introduction or a cooperation profile,
the introduction moves to "project started", origin ids the user may not see are form errors,
the project page links the origin only for those who may open it, the funnel counts it."""

import pytest
from django.conf import settings
from django.urls import reverse

from innonet.matching.models import IntroductionOutcome, IntroductionStatus
from innonet.projects import queries, services
from innonet.projects.forms.projects import ProjectForm
from innonet.projects.models import InnovationProject
from tests.factories import OrganisationFactory
from tests.matching.factories import IntroductionFactory, ProfileFactory

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("projects:project_create")


def introduce(first, second, *, status=IntroductionStatus.MET, topic="Bodenfeuchte im Feld"):
    return IntroductionFactory(
        first_organisation=first, second_organisation=second, topic=topic, status=status
    )


def en(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def introduction():
    return introduce(
        OrganisationFactory(name="Feldmess GmbH"), OrganisationFactory(name="Hochschule Emsland")
    )


def test_create_prefills_from_an_introduction_and_names_both_organisations(
    staff_client, introduction
):
    response = en(staff_client).get(CREATE, {"origin_introduction": introduction.pk})
    page = response.content.decode()
    assert 'value="Bodenfeuchte im Feld"' in page
    assert f'name="origin_introduction" value="{introduction.pk}"' in page
    hint = [str(message) for message in response.context["messages"]]
    assert any("Feldmess GmbH" in m and "Hochschule Emsland" in m for m in hint)


def test_create_prefills_from_a_cooperation_profile(staff_client):
    profile = ProfileFactory(title="Bodenfeuchtesensorik mit LoRaWAN gesucht")
    page = staff_client.get(CREATE, {"origin_profile": profile.pk}).content.decode()
    assert 'value="Bodenfeuchtesensorik mit LoRaWAN gesucht"' in page
    assert f'name="origin_profile" value="{profile.pk}"' in page


@pytest.mark.parametrize("field", ["origin_introduction", "origin_profile"])
@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1", "999999"])
def test_unknown_prefill_ids_are_ignored(staff_client, field, value):
    response = staff_client.get(CREATE, {field: value})
    assert response.status_code == 200
    assert response.context["form"].initial.get(field) is None


def test_saving_the_prefilled_idea_marks_the_introduction_project_started(
    staff_client, staff, introduction
):
    response = staff_client.post(
        CREATE,
        {
            "title": "Bodenfeuchte im Feld",
            "confidentiality": "staff",
            "origin_introduction": introduction.pk,
        },
    )
    project = InnovationProject.objects.get()
    assert response.status_code == 302
    assert project.origin_introduction == introduction
    introduction.refresh_from_db()
    assert introduction.status == IntroductionStatus.PROJECT_STARTED
    outcome = IntroductionOutcome.objects.get(introduction=introduction)
    assert outcome.status == IntroductionStatus.PROJECT_STARTED
    assert outcome.recorded_by == staff and "Bodenfeuchte im Feld" in outcome.note


def test_linking_an_introduction_later_also_counts_and_a_declined_one_stays(staff):
    project = services.project_create(data={"title": "Idee"}, acting_user=staff)
    first, second = OrganisationFactory(), OrganisationFactory()
    declined = introduce(first, second, status=IntroductionStatus.DECLINED)
    project = services.project_update(
        project, data={"origin_introduction": declined}, expected_version=1, acting_user=staff
    )
    declined.refresh_from_db()
    assert project.origin_introduction == declined
    assert declined.status == IntroductionStatus.DECLINED
    cooperating = introduce(first, second, status=IntroductionStatus.COOPERATING)
    services.project_update(
        project, data={"origin_introduction": cooperating}, expected_version=2, acting_user=staff
    )
    cooperating.refresh_from_db()
    assert cooperating.status == IntroductionStatus.PROJECT_STARTED


@pytest.mark.parametrize("field", ["origin_introduction", "origin_profile"])
@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1", "999999", "1.5"])
def test_tampered_origin_ids_are_form_errors(staff_client, field, value):
    response = staff_client.post(CREATE, {"title": "X", "confidentiality": "staff", field: value})
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not InnovationProject.objects.exists()


def test_origins_the_user_may_not_see_are_form_errors(role_users):
    member = role_users["member"]
    others = introduce(OrganisationFactory(), OrganisationFactory())
    draft = ProfileFactory(status="draft")
    data = {
        "title": "X",
        "confidentiality": "staff",
        "origin_introduction": others.pk,
        "origin_profile": draft.pk,
    }
    form = ProjectForm(data, user=member)
    assert not form.is_valid()
    assert set(form.errors) >= {"origin_introduction", "origin_profile"}
    mine = introduce(member.organisation, OrganisationFactory())
    visible = ProfileFactory(visibility="partners")
    data.update(origin_introduction=mine.pk, origin_profile=visible.pk)
    form = ProjectForm(data, user=member)
    form.is_valid()
    assert "origin_introduction" not in form.errors and "origin_profile" not in form.errors


def test_the_page_links_the_origin_only_for_those_who_may_open_it(client_for, role_users):
    staff, member, member_b = role_users["staff"], role_users["member"], role_users["member_b"]
    introduction = introduce(member.organisation, OrganisationFactory(name="Hochschule Emsland"))
    profile = ProfileFactory(
        organisation=member_b.organisation, status="draft", title="Entwurf Bodensensorik"
    )
    project = services.project_create(
        data={
            "title": "Aus dem Abgleich",
            "confidentiality": "partners",
            "origin_introduction": introduction,
            "origin_profile": profile,
        },
        acting_user=staff,
    )
    for user in (member, member_b):
        PartnerFactory(project=project, organisation=user.organisation)
    url = reverse("projects:project_detail", args=[project.pk])
    intro_link = reverse("matching:introduction_detail", args=[introduction.pk])
    profile_link = reverse("matching:profile_detail", args=[profile.pk])

    pages = {
        role: en(client_for(role_users[role])).get(url).content.decode()
        for role in ("staff", "member", "member_b")
    }
    assert intro_link in pages["staff"] and profile_link in pages["staff"]
    assert intro_link in pages["member"] and "Hochschule Emsland" in pages["member"]
    assert profile_link not in pages["member"] and "Entwurf Bodensensorik" not in pages["member"]
    assert "a cooperation profile in the network" in pages["member"]
    assert intro_link not in pages["member_b"] and "Hochschule Emsland" not in pages["member_b"]
    assert "an introduction made by the network" in pages["member_b"]
    assert profile_link in pages["member_b"]


def test_projects_from_matchmaking_count_as_started_by_the_network(staff):
    first, second = OrganisationFactory(), OrganisationFactory()
    services.project_create(
        data={"title": "Vermittelt", "origin_introduction": introduce(first, second)},
        acting_user=staff,
    )
    services.project_create(
        data={"title": "Aus Profil", "origin_profile": ProfileFactory()}, acting_user=staff
    )
    services.project_create(data={"title": "Ohne Herkunft"}, acting_user=staff)
    figures = queries.funnel(InnovationProject.objects.all())
    assert figures.origin_share == pytest.approx(2 / 3)
