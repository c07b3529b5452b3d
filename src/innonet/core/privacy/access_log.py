"""Core's part of a person's export and erasure for the access log: who opened or exported
the person's data (Art. 15(1)(c): the recipients), and the person's own accesses as a user."""

from django.db.models import Q
from django.utils.translation import gettext as _

from ..access_log import accesses_of
from ..models import PersonalDataAccess
from .export import Section, field_labels, row
from .identity import Identity, overwrite
from .registry import Contributor, Erasure, contributor


def person_records(identity: Identity) -> dict[str, set[int]]:
    """The records whose access counts as access to the person's data."""
    return {**identity.records, "partners.person": {identity.person_id}}


@contributor
class AccessLogData(Contributor):
    """Who saw the person's data; rows about an erased person keep only record ids."""

    name = "access_log"
    order = 990  # before the audit log, after every app has named the person's records
    fields = {
        "core.PersonalDataAccess.actor_label": Erasure.REMOVED,
        "core.PersonalDataAccess.subject_id": Erasure.KEPT,
    }

    def collect(self, identity: Identity) -> list[Section]:
        rows = [
            row(
                item,
                created_at=item.created_at,
                actor_label=item.actor_label,
                kind=item.get_kind_display(),
                source=item.source,
            )
            for item in self._rows(identity)
        ]
        labels = field_labels(PersonalDataAccess, "created_at", "actor_label", "kind", "source")
        title = _("Who opened or exported your data, and what you opened")
        return [Section("data_accesses", title, labels, rows)]

    def _rows(self, identity: Identity):
        """Accesses to the person's records, and the person's own accesses as a user."""
        about = accesses_of(person_records(identity)).values("pk")
        found = Q(pk__in=about) | Q(actor_id__in=identity.user_ids)
        return PersonalDataAccess.objects.filter(found).order_by("created_at", "pk")

    def erase(self, identity: Identity) -> dict[str, int]:
        """The person's own accesses (as a staff user) lose the user's name."""
        own = PersonalDataAccess.objects.filter(actor_id__in=identity.user_ids)
        pks = own.values_list("pk", flat=True)
        return {"access_labels": overwrite(PersonalDataAccess, pks, actor_label="")}
