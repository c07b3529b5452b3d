"""The multi-select widget of the forms with many terms: marked for the enhancement, labelled,
and a saved selection survives opening and saving the form again unchanged."""

import pytest
from django.urls import reverse

from innonet.core.models import Competence, Ris3Field
from innonet.core.widgets import TOMSELECT_JS, MultiSelect
from innonet.matching.forms.profiles import ProfileForm
from innonet.partners.forms.organisations import OrganisationForm, UnitForm
from innonet.partners.models import Organisation
from innonet.projects.forms.projects import ProjectForm
from innonet.projects.models import InnovationProject
from tests.factories import OrganisationFactory, UnitFactory
from tests.html_forms import form_values
from tests.projects.factories import ProjectFactory

pytestmark = pytest.mark.django_db

FORMS = {
    OrganisationForm: ("competences", "ris3_fields"),
    UnitForm: ("competences",),
    ProfileForm: ("competences", "ris3_fields"),
    ProjectForm: ("competences", "ris3_fields"),
}


@pytest.mark.parametrize(("form_class", "fields"), FORMS.items())
def test_term_fields_use_the_multiselect(form_class, fields):
    for name in fields:
        assert isinstance(form_class.base_fields[name].widget, MultiSelect), name


def test_widget_renders_a_plain_labelled_select_with_its_library(staff_client):
    organisation = OrganisationFactory()
    page = staff_client.get(reverse("partners:organisation_update", args=[organisation.pk]))
    html = page.content.decode()
    assert '<label class="form-label" for="id_competences">' in html
    assert '<select name="competences"' in html and "multiple" in html
    assert "data-multiselect" in html and TOMSELECT_JS in html
    assert "<script>" not in html  # nothing inline: the CSP forbids it
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_saved_selection_survives_an_unchanged_edit(staff_client):
    """Open the edit page and submit what it shows, changing only the name: the competences
    and RIS3 fields stay as saved."""
    competences = list(Competence.objects.active()[:3])
    fields = list(Ris3Field.objects.active()[:2])
    organisation = OrganisationFactory(name="Hasetal Sensorik GmbH")
    organisation.competences.set(competences)
    organisation.ris3_fields.set(fields)
    url = reverse("partners:organisation_update", args=[organisation.pk])
    data = form_values(staff_client.get(url).content.decode(), "competences")
    assert sorted(data["competences"]) == sorted(str(c.pk) for c in competences)
    data["name"] = ["Hasetal Sensorik und Software GmbH"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.name == "Hasetal Sensorik und Software GmbH"
    assert set(organisation.competences.all()) == set(competences)
    assert set(organisation.ris3_fields.all()) == set(fields)


def test_unit_and_project_selection_survive_an_unchanged_edit(staff_client):
    competences = list(Competence.objects.active()[3:5])
    unit = UnitFactory()
    unit.competences.set(competences)
    url = reverse("partners:unit_update", args=[unit.pk])
    data = form_values(staff_client.get(url).content.decode(), "competences")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(unit.competences.all()) == set(competences)

    project = ProjectFactory()
    project.competences.set(competences)
    project.ris3_fields.set(Ris3Field.objects.active()[:1])
    url = reverse("projects:project_update", args=[project.pk])
    data = form_values(staff_client.get(url).content.decode(), "competences")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = InnovationProject.objects.get(pk=project.pk)
    assert set(project.competences.all()) == set(competences)
    assert project.ris3_fields.count() == 1
