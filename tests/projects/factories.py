"""Factories of the projects tests (German Faker)."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from innonet.projects.models import (
    CallDeadline,
    DeadlineReminder,
    FundingCall,
    FundingProgramme,
    FundingRate,
    InnovationProject,
    ProjectDocument,
    ProjectNote,
    ProjectPartner,
    ProjectTask,
    StageChange,
)
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


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingCall

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Förderaufruf Digitale Landwirtschaft {n}")


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectNote

    project = factory.SubFactory(ProjectFactory)
    text = "Skizze mit dem Projektträger abgestimmt."


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectTask

    project = factory.SubFactory(ProjectFactory)
    title = "Absichtserklärungen einsammeln"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small text document (stored in the tests' in-memory storage)."""

    class Meta:
        model = ProjectDocument

    project = factory.SubFactory(ProjectFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"Projektskizze", name="skizze.txt"))
    original_name = "Projektskizze.txt"
    size = 13
    content_type = "text/plain"


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    project = factory.SubFactory(ProjectFactory)
    from_stage = "idea"
    to_stage = "sounding"


class DeadlineReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeadlineReminder

    call = factory.SubFactory(CallFactory)
    label = "Einreichung der Skizze"
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    days_before = 14


class FundingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingRate

    programme = factory.SubFactory(ProgrammeFactory)
    partner_kind = "sme"
    rate = "50.00"


class CallDeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallDeadline

    call = factory.SubFactory(CallFactory)
    label = factory.Sequence(lambda n: f"Frist {n}")
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))
