"""Work on a project through its pages: partners and budgets, notes and tasks. Bad input gets
a clear message on the form and changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from innonet.projects import services
from innonet.projects.models import ProjectNote, ProjectPartner, ProjectTask
from tests.factories import OrganisationFactory, UnitFactory, UserFactory

from .factories import PartnerFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(role_users):
    return role_users["staff"]


@pytest.fixture
def project(staff, role_users):
    project = services.project_create(
        data={"title": "Agrarsensorik", "confidentiality": "partners"}, acting_user=staff
    )
    PartnerFactory(project=project, organisation=role_users["member"].organisation, role="lead")
    return project


def add_url(project):
    return reverse("projects:partner_add", kwargs={"pk": project.pk})


def test_partner_search_offers_matching_organisations_with_units(staff_client, project):
    org = OrganisationFactory(name="Hochschule Osnabrück", kind="university", city="Osnabrück")
    UnitFactory(organisation=org, name="Labor für Sensorik", kind="group")
    OrganisationFactory(name="Bäckerei Krume")
    page = staff_client.get(add_url(project), {"q": "hochschule osnabrueck"}).content.decode()
    assert "Hochschule Osnabrück (Osnabrück)" in page and "Labor für Sensorik" in page
    assert "Bäckerei Krume" not in page


def test_partner_is_added_with_the_programmes_default_rate(staff_client, project, staff):
    programme = ProgrammeFactory()
    programme.rates.create(partner_kind="research", rate=Decimal("100"))
    services.project_update(
        project, data={"programme": programme}, expected_version=None, acting_user=staff
    )
    org = OrganisationFactory(kind="university")
    response = staff_client.post(
        add_url(project),
        {"organisation": org.pk, "role": "partner", "requested_amount": "80000,00"},
    )
    assert response.status_code == 302
    partner = ProjectPartner.objects.get(organisation=org)
    assert partner.requested_amount == Decimal("80000.00")
    assert partner.funding_rate == Decimal("100")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"requested_amount": "-5"}, "requested_amount"),
        ({"requested_amount": "100", "granted_amount": "200"}, "granted_amount"),
        ({"requested_amount": "1e309"}, "requested_amount"),
        ({"requested_amount": "10.001"}, "requested_amount"),
        ({"funding_rate": "101"}, "funding_rate"),
        ({"role": "lead"}, "role"),
        ({"organisation": "99999999999999999999"}, "organisation"),
        ({"organisation": "999999"}, "organisation"),
    ],
)
def test_bad_partner_input_is_a_form_error(staff_client, project, data, field):
    org = OrganisationFactory()
    post = {"organisation": org.pk, "role": "partner", **data}
    response = staff_client.post(add_url(project), post)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert project.partners.count() == 1


def test_a_partner_twice_is_refused(staff_client, project, role_users):
    org = role_users["member"].organisation
    response = staff_client.post(add_url(project), {"organisation": org.pk, "role": "partner"})
    assert response.status_code == 200
    assert (
        "already a partner" in str(response.context["form"].errors)
        or response.context["form"].errors
    )
    assert project.partners.count() == 1


def test_a_unit_of_another_organisation_is_refused(staff_client, project):
    org = OrganisationFactory()
    foreign = UnitFactory(organisation=OrganisationFactory(), name="Fremd", kind="group")
    response = staff_client.post(
        add_url(project), {"organisation": org.pk, "unit": foreign.pk, "role": "partner"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert project.partners.count() == 1


def test_partner_update_records_the_grant_and_removal_asks_first(staff_client, project):
    partner = project.partners.get()
    url = reverse("projects:partner_update", kwargs={"pk": partner.pk})
    response = staff_client.post(
        url, {"role": "lead", "requested_amount": "1000", "granted_amount": "900"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.granted_amount == Decimal("900.00")
    remove = reverse("projects:partner_remove", kwargs={"pk": partner.pk})
    assert staff_client.get(remove).status_code == 200 and project.partners.exists()
    staff_client.post(remove)
    assert not project.partners.exists()


def test_a_member_adds_a_note_but_an_empty_one_is_refused(client_for, role_users, project):
    client = client_for(role_users["member"])
    url = reverse("projects:note_add", kwargs={"pk": project.pk})
    response = client.post(url, {"text": "   "})
    assert response.status_code == 200 and response.context["note_form"].errors
    assert client.post(url, {"text": "Skizze liegt vor."}).status_code == 302
    note = ProjectNote.objects.get()
    assert note.author == role_users["member"]
    page = client.get(reverse("projects:project_detail", kwargs={"pk": project.pk}))
    assert "Skizze liegt vor." in page.content.decode()


def test_note_markup_is_escaped(staff_client, project):
    url = reverse("projects:note_add", kwargs={"pk": project.pk})
    staff_client.post(url, {"text": "<script>alert(1)</script>"})
    page = staff_client.get(reverse("projects:project_detail", kwargs={"pk": project.pk}))
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_tasks_go_to_staff_or_partner_people_and_are_done_once(
    staff_client, project, role_users, staff
):
    url = reverse("projects:task_add", kwargs={"pk": project.pk})
    stranger = UserFactory(role="member")
    response = staff_client.post(url, {"task-title": "Skizze", "task-assignee": stranger.pk})
    assert response.status_code == 200 and response.context["task_form"].errors["assignee"]
    response = staff_client.post(
        url,
        {
            "task-title": "Skizze",
            "task-assignee": role_users["member"].pk,
            "task-due_on": "2030-01-31",
        },
    )
    assert response.status_code == 302
    task = ProjectTask.objects.get()
    assert task.assignee == role_users["member"]
    done = reverse("projects:task_done", kwargs={"pk": task.pk})
    staff_client.post(done)
    task.refresh_from_db()
    first = task.done_at
    staff_client.post(done)
    task.refresh_from_db()
    assert first is not None and task.done_at == first


@pytest.mark.parametrize("due", ["31.02.2030", "0001-01-01", "x" * 300])
def test_bad_task_dates_are_form_errors(staff_client, project, due):
    url = reverse("projects:task_add", kwargs={"pk": project.pk})
    response = staff_client.post(url, {"task-title": "Skizze", "task-due_on": due})
    assert response.status_code == 200 and response.context["task_form"].errors
    assert not ProjectTask.objects.exists()


def test_member_b_cannot_reach_the_project_by_a_tampered_id(client_for, role_users, project):
    client = client_for(role_users["member_b"])
    url = reverse("projects:note_add", kwargs={"pk": project.pk})
    assert client.post(url, {"text": "Hallo"}).status_code == 404
    assert not ProjectNote.objects.exists()
