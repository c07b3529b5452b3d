"""Who receives an issue: the active subscriptions in the issue's segment (network,
organisation kind, district, RIS3 field, topics), and who of them is a member's contact."""

from django.db.models import Q, QuerySet

from innonet.partners.models import MembershipStatus, Organisation

from ..models import Issue, Subscription, SubscriptionStatus


def _current_affiliation(prefix: str = "person__affiliations__") -> Q:
    return Q(**{f"{prefix}ended_on__isnull": True})


def segment_queryset(
    *,
    network_id: int | None = None,
    kinds: list[str] | None = None,
    district_ids: list[int] | None = None,
    ris3_ids: list[int] | None = None,
) -> QuerySet[Subscription]:
    """Active subscriptions matching the registry side of a segment (topics come after)."""
    queryset = Subscription.objects.filter(status=SubscriptionStatus.ACTIVE)
    org = "person__affiliations__organisation__"
    if network_id:
        queryset = queryset.filter(
            _current_affiliation(),
            **{
                f"{org}memberships__network_id": network_id,
                f"{org}memberships__status": MembershipStatus.ACTIVE,
            },
        )
    if kinds:
        queryset = queryset.filter(_current_affiliation(), **{f"{org}kind__in": kinds})
    if district_ids:
        queryset = queryset.filter(
            _current_affiliation(), **{f"{org}district_id__in": district_ids}
        )
    if ris3_ids:
        queryset = queryset.filter(
            Q(ris3_fields__in=ris3_ids) | Q(**{f"{org}ris3_fields__in": ris3_ids})
        )
    return queryset.distinct()


def wants_topics(subscription_topics: list, issue_topics: list) -> bool:
    """A subscriber who chose no topic reads everything; otherwise one topic must match."""
    if not issue_topics or not subscription_topics:
        return True
    return bool(set(subscription_topics) & set(issue_topics))


def recipient_ids(
    *,
    network_id: int | None = None,
    kinds: list[str] | None = None,
    district_ids: list[int] | None = None,
    ris3_ids: list[int] | None = None,
    topics: list[str] | None = None,
    after: int = 0,
) -> list[int]:
    """The ids of the recipients, ascending, above `after`."""
    rows = (
        segment_queryset(
            network_id=network_id, kinds=kinds, district_ids=district_ids, ris3_ids=ris3_ids
        )
        .filter(pk__gt=after)
        .order_by("pk")
        .values_list("pk", "topics")
    )
    return [pk for pk, chosen in rows if wants_topics(chosen or [], topics or [])]


def issue_recipient_ids(issue: Issue, after: int = 0) -> list[int]:
    return recipient_ids(
        network_id=issue.network_id,
        kinds=list(issue.organisation_kinds or []),
        district_ids=[d.pk for d in issue.districts.all()],
        ris3_ids=[f.pk for f in issue.ris3_fields.all()],
        topics=list(issue.topics or []),
        after=after,
    )


def organisations_of(subscription: Subscription) -> QuerySet[Organisation]:
    """The organisations the subscriber's registry person currently works for."""
    if subscription.person_id is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        affiliations__person_id=subscription.person_id, affiliations__ended_on__isnull=True
    ).distinct()


def is_member_contact(subscription: Subscription) -> bool:
    """A contact of an organisation with an active membership: may read members-only items.
    Anonymous subscribers (no registry person) never are."""
    return (
        organisations_of(subscription).filter(memberships__status=MembershipStatus.ACTIVE).exists()
    )
