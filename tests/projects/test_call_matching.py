"""Which organisations and ideas a funding call fits: the matching engine's analysis (compounds,
stems, synonyms), the user's visibility, ideas aimed at the call first."""

import pytest
from django.urls import reverse

from innonet.core.models import Ris3Field
from innonet.matching import search_index
from innonet.partners.models.consents import ConsentPurpose
from innonet.projects import matching
from innonet.projects.matching import call_matches, named_ris3_fields
from tests.factories import (
    AffiliationFactory,
    ConsentFactory,
    OrganisationFactory,
    PersonFactory,
    Ris3FieldFactory,
)
from tests.projects.calls import make_call
from tests.projects.factories import PartnerFactory, ProgrammeFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test asks an index built from its own data."""
    search_index.forget()
    yield
    search_index.forget()


def public_profile(organisation) -> None:
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


def names(matches) -> list[str]:
    return [match.organisation.name for match in matches.organisations]


def test_a_compound_in_the_description_fits_a_call_in_other_words(staff_user):
    OrganisationFactory(
        name="Feldmess GmbH", description="Wir entwickeln Agrarsensorik für Lohnunternehmen."
    )
    OrganisationFactory(name="Bäckerei Korn", description="Brot und Brötchen aus der Region.")
    call = make_call(title="Sensorik in der Landwirtschaft", topics="")
    found = call_matches(call, staff_user)
    assert names(found) == ["Feldmess GmbH"]
    assert "sensorik" in found.organisations[0].shared
    assert "sensorik" in found.terms


def test_a_call_without_matchable_words_fits_nothing(staff_user):
    OrganisationFactory(name="Feldmess GmbH", description="Agrarsensorik")
    ProjectFactory(title="Idee ohne Programm")
    found = call_matches(make_call(title="--- ???", topics="und oder"), staff_user)
    assert found.organisations == [] and found.ideas == [] and found.terms == []


def test_ideas_aimed_at_the_call_come_first_then_by_fit(staff_user):
    programme = ProgrammeFactory()
    call = make_call(programme, title="Sensorik in der Landwirtschaft", topics="Bodenfeuchte")
    fits_well = ProjectFactory(
        title="Agrarsensorik im Feldversuch", summary="Bodenfeuchte messen", stage="sounding"
    )
    fits = ProjectFactory(title="Sensoren für Ställe", summary="Tierwohl messen", stage="idea")
    aimed = ProjectFactory(title="Hafenlogistik", summary="Frachtpapiere", programme=programme)
    ProjectFactory(title="Hafenkräne", summary="Wartung")
    ProjectFactory(title="Agrarsensorik beantragt", summary="Bodenfeuchte", stage="submitted")
    ideas = call_matches(call, staff_user).ideas
    assert [project for project, _shared in ideas] == [aimed, fits_well, fits]
    shared = dict(ideas)
    assert shared[aimed] == []
    assert {"sensorik", "bodenfeuchte"} <= set(shared[fits_well])


def test_ideas_aimed_at_the_call_count_even_beyond_the_ranked_recent_ones(staff_user, monkeypatch):
    monkeypatch.setattr(matching, "MAX_CANDIDATES", 1)
    programme = ProgrammeFactory()
    call = make_call(programme, title="Sensorik in der Landwirtschaft")
    aimed = ProjectFactory(title="Hafenlogistik", summary="Frachtpapiere", call=call)
    ProjectFactory(title="Hafenkräne", summary="Wartung")
    recent = ProjectFactory(title="Agrarsensorik im Stall", summary="Sensorik")
    ideas = [project for project, _shared in call_matches(call, staff_user).ideas]
    assert ideas == [aimed, recent]


def test_a_member_sees_visible_and_public_organisations_and_own_ideas(client_for, role_users):
    member = role_users["member"]
    own = member.organisation
    own.name, own.description = "Eigene Sensorik GmbH", "Agrarsensorik und Bodenfeuchte"
    own.save()
    public = OrganisationFactory(name="Offene Sensorik AG", description="Agrarsensorik im Feld")
    public_profile(public)
    OrganisationFactory(name="Verdeckte Sensorik KG", description="Agrarsensorik im Feld")
    mine = ProjectFactory(title="Agrarsensorik Partneridee", confidentiality="partners")
    PartnerFactory(project=mine, organisation=own)
    ProjectFactory(title="Agrarsensorik Geheimidee", confidentiality="staff")
    call = make_call(title="Sensorik in der Landwirtschaft", topics="Bodenfeuchte")

    found = call_matches(call, member)
    # Never the member's own organisation as a partner (issue 13).
    assert set(names(found)) == {"Offene Sensorik AG"}
    assert [project.title for project, _shared in found.ideas] == ["Agrarsensorik Partneridee"]
    shown = {match.organisation.name: match.public_only for match in found.organisations}
    assert shown == {"Offene Sensorik AG": True}

    page = client_for(member).get(reverse("projects:call_detail", args=[call.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert reverse("partners:organisation_public", args=[public.pk]) in text
    assert "Verdeckte Sensorik KG" not in text and "Geheimidee" not in text


def test_ris3_fields_named_in_the_call_count(staff_user):
    energy = Ris3Field.objects.get(slug="energie")  # the seeded taxonomy
    agri = Ris3Field.objects.get(slug="agrarsystemtechnik-biooekonomie")
    unused = Ris3FieldFactory(name="Maritime Logistik", is_active=False)
    text = "Innovation durch Kooperation: Bioökonomie, Energie und maritime Logistik"
    assert set(named_ris3_fields(text)) == {energy, agri}
    assert unused not in named_ris3_fields(text)
    assert named_ris3_fields("Energiespeicher") == []
    utility = OrganisationFactory(name="Stadtwerke Hasetal", description="Versorger")
    utility.ris3_fields.add(energy)
    call = make_call(title="Innovation durch Kooperation", topics="Energie")
    found = call_matches(call, staff_user)
    assert names(found) == ["Stadtwerke Hasetal"]
    assert "Energie" in found.organisations[0].shared
