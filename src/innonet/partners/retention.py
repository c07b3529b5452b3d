"""The partner registry's retention rules: people and contact notes are flagged for the
office after the inactivity period (erasing a person is a decision, `innonet retention
--erase`); superseded consent records are deleted after the consent period."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.privacy.register import CONSENT, CONTACT, INACTIVITY, OFFICE_NOTES
from innonet.core.privacy.retention import Action, RetentionRule, retention_rule

from .models import Consent, Interaction, Person
from .services.privacy import people_past_retention


def people_due(cutoff: datetime) -> QuerySet[Person]:
    """People without change, contact, consent or registration since `cutoff`."""
    del cutoff  # people_past_retention computes it from the same period
    return people_past_retention(years=INACTIVITY.value)


def superseded_consents(cutoff: datetime) -> QuerySet[Consent]:
    """Consent records recorded before `cutoff` that a later record for the same person,
    organisation and purpose replaced: the newest record of each stays, whatever its age."""
    later = Consent.objects.filter(
        Q(recorded_at__gt=OuterRef("recorded_at"))
        | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk")),
        person=OuterRef("person"),
        purpose=OuterRef("purpose"),
    )
    for_organisation = later.filter(organisation=OuterRef("organisation"))
    for_person_alone = later.filter(organisation__isnull=True)
    return Consent.objects.filter(recorded_at__lt=cutoff).filter(
        Q(Exists(for_organisation), organisation__isnull=False)
        | Q(Exists(for_person_alone), organisation__isnull=True)
    )


retention_rule(
    RetentionRule(
        "partners.people", _("People without activity"), CONTACT, Action.FLAG, due=people_due
    )
)
retention_rule(
    RetentionRule(
        "partners.interactions",
        _("Notes on contacts with the office"),
        OFFICE_NOTES,
        Action.FLAG,
        due=lambda cutoff: Interaction.objects.filter(happened_on__lt=cutoff.date()),
    )
)
retention_rule(
    RetentionRule(
        "partners.consents",
        _("Superseded consent records"),
        CONSENT,
        Action.DELETE,
        due=superseded_consents,
    )
)
