"""What a user may see among the results: organisations through the registry's policy or their
public profile (the newest `public_profile` consent is a grant), units of those organisations,
profiles through their visibility."""

from typing import Any

from innonet.core import permissions
from innonet.partners.models import Consent, Organisation, Unit
from innonet.partners.models.consents import ConsentPurpose

from ..documents import organisation_key, parse_key
from ..engine import Result
from ..models import CooperationProfile


def public_organisations(pks: set[int]) -> set[int]:
    """Organisations among `pks` whose newest public-profile consent is a grant."""
    newest: dict[int, bool] = {}
    rows = (
        Consent.objects.filter(organisation_id__in=pks, purpose=ConsentPurpose.PUBLIC_PROFILE)
        .order_by("organisation_id", "-recorded_at", "-id")
        .values_list("organisation_id", "granted")
    )
    for organisation, granted in rows:
        newest.setdefault(organisation, granted)
    return {pk for pk, granted in newest.items() if granted}


def _load(user: Any, results: list[Result]) -> tuple[dict, dict, dict, set[int]]:
    """Organisations, units and profiles behind the results that the user may see."""
    org_pks: set[int] = set()
    unit_pks: set[int] = set()
    profile_pks: set[int] = set()
    for result in results:
        for key in (result.id, result.via):
            parsed = parse_key(key)
            if parsed:
                {"o": org_pks, "u": unit_pks, "p": profile_pks}[parsed[0]].add(parsed[1])
    organisations = Organisation.objects.filter(pk__in=org_pks).select_related("district")
    allowed = set(permissions.visible(user, organisations).values_list("pk", flat=True))
    public = set()
    if not permissions.reads_everything(user):
        public = public_organisations(org_pks - allowed)
    shown = {o.pk: o for o in organisations if o.pk in allowed | public}
    for pk in public:
        if pk in shown:
            # A mark for the pages (Match.public_only), not a field of the model.
            setattr(shown[pk], "shown_publicly", True)  # noqa: B010
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_pks, organisation_id__in=shown)}
    profiles = permissions.visible(user, CooperationProfile.objects.filter(pk__in=profile_pks))
    return shown, units, {p.pk: p for p in profiles.select_related("organisation")}, public


def _visible_organisation_keys(user: Any) -> frozenset[str] | None:
    """Organisations a non-staff user may see in a proposal (None: all)."""
    if permissions.reads_everything(user):
        return None
    own = set(permissions.visible(user, Organisation.objects.all()).values_list("pk", flat=True))
    candidates = set(Organisation.objects.values_list("pk", flat=True)) - own
    return frozenset(organisation_key(pk) for pk in own | public_organisations(candidates))
