"""A fingerprint of the data the indicators read, in one cheap query: for every source table
its row count and its latest change (or highest id where rows never change). Pages cache what
they computed under it, so a figure is recomputed only after the data changed.

Bulk updates that bypass `updated_at` (`QuerySet.update()`) are not seen; the caches using the
fingerprint therefore also expire after a few minutes.
"""

import hashlib

from django.db import connection, models

from innonet.core.models import District, Ris3Field
from innonet.events.models import Event, Feedback, Registration
from innonet.matching.models import CooperationProfile, Introduction, IntroductionOutcome
from innonet.partners.models import (
    Interaction,
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
    Organisation.ris3_fields.through, IndicatorTarget,
)  # fmt: skip


def _parts(model: type[models.Model]) -> list[str]:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = {field.name for field in model._meta.concrete_fields}
    latest = "updated_at" if "updated_at" in names else model._meta.pk.column
    # Names come from the models, never from input.
    count = f"(SELECT COUNT(*) FROM {table})"  # noqa: S608  # nosec B608
    newest = f"(SELECT MAX({quote(latest)}) FROM {table})"  # noqa: S608  # nosec B608
    return [count, newest]


def data_version() -> str:
    """Changes whenever a row of a source table is added, removed or saved."""
    columns = ", ".join(part for model in SOURCES for part in _parts(model))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]
