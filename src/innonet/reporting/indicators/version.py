"""The fingerprint of the data the indicators read (core.fingerprint): pages cache what they
computed under it, so a figure is recomputed only after the data changed."""

from django.db import models

from innonet.core.fingerprint import tables_fingerprint
from innonet.core.models import District, Ris3Field
from innonet.events.models import Event, Feedback, Registration
from innonet.matching.models import CooperationProfile, Introduction, IntroductionOutcome
from innonet.partners.models import (
    Interaction,
    InternationalActivity,
    Membership,
    MembershipStatusChange,
    Organisation,
)
from innonet.projects.models import InnovationProject, ProjectPartner, StageChange
from innonet.reporting.models import IndicatorTarget

SOURCES: tuple[type[models.Model], ...] = (
    Organisation, Membership, MembershipStatusChange, Interaction, Event, Registration,
    Feedback, Introduction, IntroductionOutcome, CooperationProfile, InnovationProject,
    ProjectPartner, StageChange, District, Ris3Field, Event.co_organisers.through,
    Organisation.ris3_fields.through, IndicatorTarget, InternationalActivity,
    InternationalActivity.countries.through, InternationalActivity.organisations.through,
)  # fmt: skip


def data_version() -> str:
    """Changes whenever a row of a source table is added, removed or saved."""
    return tables_fingerprint(SOURCES)
