"""Factories of the projects tests (German Faker)."""

import factory

from innonet.projects.models import FundingProgramme, InnovationProject, ProjectPartner
from tests.factories import OrganisationFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    name = factory.Sequence(lambda n: f"Zentrales Innovationsprogramm {n}")
    funder = "Bundesministerium für Wirtschaft und Klimaschutz"
    level = FundingProgramme.Level.FEDERAL


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project row without history; use the services where the history matters."""

    class Meta:
        model = InnovationProject

    title = factory.Sequence(lambda n: f"Agrarsensorik im Feldversuch {n}")
    summary = "Bodenfeuchte messen und Bewässerung steuern"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "partner"
