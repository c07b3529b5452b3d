"""Changes to the registry, profiles and project partners refresh the index in the background.
Apps above matching report their changes through `organisations_changed` (projects its
partners), so matching imports none of them.

Each committed change enqueues one task with the changed document ids. Earlier co-attendance at
events changes slowly and enters with the nightly full rebuild (`innonet matching_index`).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from innonet.networks.models import NetworkAgreement
from innonet.partners.models import Consent, Membership, Organisation, Unit

from .documents import organisation_key, profile_key, unit_key
from .models import CooperationProfile
from .queries.visibility import visibility_changed
from .search_index import REBUILD_ABOVE

BATCH = 1000


def _refresh(*keys: str) -> None:
    """Collect the keys of one transaction and enqueue them once it commits (an import of
    50,000 rows gives a few tasks, not 50,000)."""
    connection = transaction.get_connection()
    pending = getattr(connection, "matching_pending", None)
    registered = pending is not None and any(
        func == pending.flush for _sids, func, _robust in connection.run_on_commit
    )
    if pending is None or (connection.in_atomic_block and not registered):
        pending = connection.matching_pending = _Pending(connection)
        transaction.on_commit(pending.flush)
    pending.keys.update(keys)


class _Pending:
    def __init__(self, connection) -> None:
        self.connection = connection
        self.keys: set[str] = set()

    def flush(self) -> None:
        from .tasks import rebuild_index, refresh_index

        self.connection.matching_pending = None
        keys = sorted(self.keys)
        if len(keys) > REBUILD_ABOVE:
            rebuild_index.enqueue()
            return
        for start in range(0, len(keys), BATCH):
            refresh_index.enqueue(keys=keys[start : start + BATCH])


@receiver(post_save, sender=Organisation)
@receiver(post_delete, sender=Organisation)
def organisation_changed(sender, instance: Organisation, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(organisation_key(instance.pk))
        visibility_changed()


@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
def unit_changed(sender, instance: Unit, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(unit_key(instance.pk))
        visibility_changed()


@receiver(post_save, sender=CooperationProfile)
@receiver(post_delete, sender=CooperationProfile)
def profile_changed(sender, instance: CooperationProfile, raw: bool = False, **kwargs) -> None:
    if not raw:
        _refresh(profile_key(instance.pk))
        visibility_changed()


@receiver(post_save, sender=Consent)
@receiver(post_delete, sender=Consent)
@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
@receiver(post_save, sender=NetworkAgreement)
@receiver(post_delete, sender=NetworkAgreement)
def access_changed(sender, raw: bool = False, **kwargs) -> None:
    """A public-profile consent, a membership or a network agreement decides what members
    see (queries.visibility)."""
    if not raw:
        visibility_changed()


def organisations_changed(organisation_ids: Iterable[int]) -> None:
    """Refresh these organisations' documents once the transaction commits (their earlier
    cooperation changed)."""
    _refresh(*(organisation_key(pk) for pk in organisation_ids))


KEY_OF = {Organisation: organisation_key, Unit: unit_key, CooperationProfile: profile_key}
OWNER_OF_THROUGH = {
    getattr(model, name).through: model
    for model in KEY_OF
    for name in ("competences", "ris3_fields")
    if hasattr(model, name)
}


def taxonomy_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """Competences or RIS3 fields added to or removed from a document (from either side)."""
    if not action.startswith("post_"):
        return
    owner = OWNER_OF_THROUGH[sender]
    if not reverse:
        _refresh(KEY_OF[owner](instance.pk))
    elif pk_set:
        _refresh(*(KEY_OF[owner](pk) for pk in pk_set))


for _through in OWNER_OF_THROUGH:
    m2m_changed.connect(taxonomy_changed, sender=_through, dispatch_uid=f"matching-{_through}")
