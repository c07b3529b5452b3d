"""What a user may see among the results: organisations through the registry's policy, the
member directory (for the roles that read it) or their public profile (the newest
`public_profile` consent is a grant), units of those organisations, and profiles through their
visibility. A member never gets its own organisation (nor its units or profiles) as a partner.

`visible_documents` is handed to the engine, which leaves everything else out *before* it takes
the top results: filtering after a cut-off lost what the user could see (an idea found nothing
for a member while two visible profiles matched)."""

import threading
import time
import uuid
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from innonet.core import permissions
from innonet.networks import queries as network_queries
from innonet.partners.models import Consent, Membership, Organisation, Unit
from innonet.partners.models.consents import ConsentPurpose
from innonet.partners.models.memberships import MembershipStatus
from innonet.partners.queries import DIRECTORY_ROLES

from ..documents import organisation_key, parse_key, profile_key, unit_key
from ..engine import Result
from ..models import CooperationProfile


def public_organisations(pks: set[int] | None = None) -> set[int]:
    """Organisations (among `pks`; None: all) whose newest public-profile consent is a grant."""
    rows = Consent.objects.filter(
        organisation_id__isnull=False, purpose=ConsentPurpose.PUBLIC_PROFILE
    )
    if pks is not None:
        rows = rows.filter(organisation_id__in=pks)
    newest: dict[int, bool] = {}
    ordered = rows.order_by("organisation_id", "-recorded_at", "-id")
    for organisation, granted in ordered.values_list("organisation_id", "granted"):
        newest.setdefault(organisation, granted)
    return {pk for pk, granted in newest.items() if granted}


REGISTRY_PAGE = "partners:organisation_detail"
DIRECTORY_PAGE = "partners:directory_detail"
PUBLIC_PAGE = "partners:organisation_public"


def own_organisation(user: Any) -> int | None:
    """A member's own organisation: never suggested to it as a partner."""
    if permissions.role_of(user) == permissions.MEMBER:
        return user.organisation_id
    return None


def seen_organisations(user: Any, pks: set[int] | None = None) -> dict[int, str]:
    """The organisations the user may see among `pks` (None: all), each with the page that
    shows it to the user (registry, member directory or public profile); without the member's
    own organisation."""
    organisations = Organisation.objects.order_by()  # sets of ids: no sorting needed
    if pks is not None:
        organisations = organisations.filter(pk__in=pks)
    seen: dict[int, str] = {}
    if permissions.role_of(user) in DIRECTORY_ROLES:
        directory = organisations.in_directory().values_list("pk", flat=True)
        seen.update(dict.fromkeys(directory, DIRECTORY_PAGE))
    for pk in public_organisations(pks):
        seen.setdefault(pk, PUBLIC_PAGE)
    registry = permissions.visible(user, organisations).values_list("pk", flat=True)
    seen.update(dict.fromkeys(registry, REGISTRY_PAGE))
    if (own := own_organisation(user)) is not None:
        seen.pop(own, None)
    return seen


# What a member or network manager may see is the same for every question until the registry,
# a consent or a profile changes, and computing it reads every organisation, unit and profile
# (a third of a member's idea page at 10,000 organisations). Each process keeps the last few
# answers. `visibility_changed` (signals) makes them unusable: in this process at once (a
# generation count), in the others when the change commits (a stamp in the shared cache that
# the commit replaces). An hour's limit catches bulk updates that send no signals.
VISIBILITY_STAMP = "matching:visibility-stamp"
REMEMBERED_SCOPES = 8
REMEMBERED_SECONDS = 3600
_remembered: OrderedDict[tuple, tuple[float, frozenset[str]]] = OrderedDict()
_lock = threading.Lock()
_generation = 0


def _new_stamp() -> None:
    cache.set(VISIBILITY_STAMP, uuid.uuid4().hex, None)


def visibility_changed() -> None:
    """Something that decides visibility changed: what was remembered is not used again."""
    global _generation
    with _lock:
        _generation += 1
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _new_stamp()
    elif not any(func is _new_stamp for _ids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_new_stamp)


def _scope(user: Any) -> tuple:
    role = permissions.role_of(user)
    return (role, getattr(user, "organisation_id", None), getattr(user, "network_id", None))


def visible_documents(user: Any, *, partner_networks: bool = True) -> frozenset[str] | None:
    """The engine documents `user` may get as suggestions (None: all of them). Without
    `partner_networks`, profiles posted in other networks than the user's own are left out
    (a member asks within the own network unless asking for partner networks, too)."""
    if permissions.reads_everything(user):
        return None
    key = (
        _scope(user),
        partner_networks,
        _generation,
        cache.get(VISIBILITY_STAMP),
        timezone.localdate(),
    )
    now = time.monotonic()
    with _lock:
        entry = _remembered.get(key)
        if entry is not None and now - entry[0] < REMEMBERED_SECONDS:
            _remembered.move_to_end(key)
            return entry[1]
    documents = _visible_documents(user)
    if not partner_networks:
        documents = documents - _other_networks_profiles(user)
    with _lock:
        _remembered[key] = (now, documents)
        while len(_remembered) > REMEMBERED_SCOPES:
            _remembered.popitem(last=False)
    return documents


def _other_networks_profiles(user: Any) -> frozenset[str]:
    """Keys of the active profiles posted in networks the user does not belong to."""
    own = network_queries.viewer_networks(user)
    others = CooperationProfile.objects.active().exclude(network_id__in=own).order_by()
    return frozenset(profile_key(pk) for pk in others.values_list("pk", flat=True))


def _visible_documents(user: Any) -> frozenset[str]:
    organisations = seen_organisations(user)
    keys = {organisation_key(pk) for pk in organisations}
    keys.update(
        unit_key(pk)
        for pk, organisation in Unit.objects.order_by().values_list("pk", "organisation_id")
        if organisation in organisations
    )
    profiles = permissions.visible(user, CooperationProfile.objects.active())
    own = own_organisation(user)
    if own is not None:
        profiles = profiles.exclude(organisation_id=own)
    keys.update(profile_key(pk) for pk in profiles.order_by().values_list("pk", flat=True))
    return frozenset(keys)


def _load(user: Any, results: list[Result]) -> tuple[dict, dict, dict, set[int]]:
    """Organisations, units and profiles behind the results that the user may see; an
    organisation also when the user sees it only through one of its profiles."""
    org_pks: set[int] = set()
    unit_pks: set[int] = set()
    profile_pks: set[int] = set()
    for result in results:
        for key in (result.id, result.via):
            parsed = parse_key(key)
            if parsed:
                {"o": org_pks, "u": unit_pks, "p": profile_pks}[parsed[0]].add(parsed[1])
    visible = permissions.visible(user, CooperationProfile.objects.filter(pk__in=profile_pks))
    profiles = {p.pk: p for p in visible.select_related("organisation", "network")}
    if permissions.reads_everything(user):
        pages = dict.fromkeys(org_pks, REGISTRY_PAGE)
    else:
        pages = seen_organisations(user, org_pks)
    through_profiles = {p.organisation_id for p in profiles.values()} - {own_organisation(user)}
    organisations = Organisation.objects.filter(pk__in=org_pks).select_related("district")
    shown = {o.pk: o for o in organisations if o.pk in pages or o.pk in through_profiles}
    memberships = _network_names(shown)
    for pk, organisation in shown.items():
        setattr(organisation, "network_names", memberships.get(pk, []))  # noqa: B010
        # Marks for the pages (Match.page, Match.public_only), not fields of the model.
        setattr(organisation, "shown_on", pages.get(pk, "none"))  # noqa: B010
        setattr(organisation, "shown_publicly", pages.get(pk) == PUBLIC_PAGE)  # noqa: B010
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_pks, organisation_id__in=pages)}
    public = {pk for pk, page in pages.items() if page == PUBLIC_PAGE}
    return shown, units, profiles, public


def _network_names(organisations: dict[int, Organisation]) -> dict[int, list[str]]:
    """The networks each organisation is an active member of, by name: a suggestion says
    which network a partner belongs to."""
    rows = (
        Membership.objects.filter(organisation_id__in=organisations, status=MembershipStatus.ACTIVE)
        .order_by("network__name")
        .values_list("organisation_id", "network__name")
    )
    names: dict[int, list[str]] = {}
    for organisation, name in rows:
        names.setdefault(organisation, []).append(name)
    return names


def _visible_organisation_keys(user: Any) -> frozenset[str] | None:
    """Organisations a non-staff user may see in a proposal (None: all)."""
    if permissions.reads_everything(user):
        return None
    return frozenset(organisation_key(pk) for pk in seen_organisations(user))
