"""What a newsletter mail says: the confirmation mail of a sign-up, and an issue as one
recipient sees it (only the items the recipient may read and chose, plus the optional
personal section), with the preference link and the one-click unsubscribe headers of
RFC 8058 and RFC 2369. No open tracking, no pixels, no rewritten links."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core import mail
from innonet.core.dates import short_date_lazy, short_moment_lazy
from innonet.core.site import absolute_url
from innonet.core.text import render_markdown
from innonet.events.models import Event
from innonet.matching.models import CooperationProfile
from innonet.matching.models.profiles import Visibility
from innonet.partners.models import Affiliation, MembershipStatus
from innonet.projects.models import FundingCall

from ..models import Audience, Issue, KnowledgeArticle, News, Subscription, Topic
from . import links
from .segments import is_member_contact, organisations_of

PERSONAL_LIMIT = 3


@dataclass
class Item:
    title: str
    summary: str = ""
    url: str = ""
    when: str = ""


@dataclass
class Section:
    heading: Any
    items: list[Item] = field(default_factory=list)


def _url(name: str, **kwargs: Any) -> str:
    return absolute_url(reverse(name, kwargs=kwargs))


def _publication_item(obj: News | KnowledgeArticle, kind: str) -> Item:
    url = _url(f"content:{kind}_detail", slug=obj.slug)
    return Item(obj.title, obj.summary, url, short_date_lazy(obj.published_at))


def _published(queryset, member: bool):
    queryset = queryset.filter(published_at__isnull=False, published_at__lte=timezone.now())
    if not member:
        queryset = queryset.filter(audience=Audience.PUBLIC)
    return queryset


def _event_item(event: Event) -> Item:
    start = timezone.localtime(event.starts_at)
    return Item(
        event.title,
        "",
        _url("events:event_detail", pk=event.pk),
        short_moment_lazy(start),
    )


def _call_item(call: FundingCall) -> Item:
    return Item(call.title, str(call.programme), _url("projects:call_detail", pk=call.pk))


def _profile_item(profile: CooperationProfile) -> Item:
    return Item(profile.title, profile.summary, _url("matching:profile_detail", pk=profile.pk))


def _profiles(queryset, member: bool):
    queryset = queryset.active()
    if not member:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def _common_sections(issue: Issue, member: bool, chosen: set[str]) -> list[Section]:
    """The issue's items for a kind of reader: members' contacts or not, and the topics
    chosen (all when none)."""

    def wanted(topic: str) -> bool:
        return not chosen or topic in chosen

    sections = []
    if wanted(Topic.NEWS):
        news = _published(issue.news.all(), member).order_by("-published_at")
        sections.append(Section(_("News"), [_publication_item(n, "news") for n in news]))
    if wanted(Topic.ARTICLES):
        articles = _published(issue.articles.all(), member).order_by("-published_at")
        sections.append(
            Section(_("Knowledge"), [_publication_item(a, "article") for a in articles])
        )
    if wanted(Topic.EVENTS):
        events = issue.events.all().public().upcoming().order_by("starts_at")
        sections.append(Section(_("Events"), [_event_item(e) for e in events]))
    if wanted(Topic.CALLS):
        calls = issue.calls.filter(is_active=True).select_related("programme")
        sections.append(Section(_("Funding calls"), [_call_item(c) for c in calls]))
    if wanted(Topic.PROFILES):
        profiles = _profiles(issue.profiles.all(), member)
        sections.append(Section(_("Cooperation profiles"), [_profile_item(p) for p in profiles]))
    return [section for section in sections if section.items]


class IssueMailer:
    """Renders one issue for many recipients: the introduction once, the items once per kind
    of reader (members' contacts or not, topics chosen), and membership for a whole chunk of
    recipients in one query; only the links and the personal section differ per recipient."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.introduction_html = render_markdown(issue.introduction)
        self._sections: dict[tuple, list[Section]] = {}
        self._member_people: set[int] | None = None

    def preload(self, subscriptions: list[Subscription]) -> None:
        """Read which of these recipients are members' contacts, in one query."""
        people = [s.person_id for s in subscriptions if s.person_id]
        self._member_people = set(
            Affiliation.objects.filter(
                person_id__in=people,
                ended_on__isnull=True,
                organisation__memberships__status=MembershipStatus.ACTIVE,
            ).values_list("person_id", flat=True)
        )

    def is_member(self, subscription: Subscription | None) -> bool:
        if subscription is None or subscription.person_id is None:
            return False
        if self._member_people is not None and subscription.person_id in self._member_people:
            return True
        if self._member_people is not None:
            return False
        return is_member_contact(subscription)

    def sections(self, subscription: Subscription | None) -> list[Section]:
        member = self.is_member(subscription)
        chosen = tuple(sorted(subscription.topics or [])) if subscription else ()
        key = (member, chosen)
        if key not in self._sections:
            self._sections[key] = _common_sections(self.issue, member, set(chosen))
        sections = list(self._sections[key])
        if self.issue.personal_section and subscription is not None:
            personal = personal_items(subscription, member)
            if personal:
                sections.append(Section(_("Matching your organisation"), personal))
        return sections

    def context(self, subscription: Subscription | None) -> dict[str, Any]:
        context: dict[str, Any] = {
            "issue": self.issue,
            "subscription": subscription,
            "introduction_html": self.introduction_html,
            "introduction_text": self.issue.introduction,
            "sections": self.sections(subscription),
        }
        if subscription is not None and subscription.pk:
            context.update(_manage_links(subscription, self.issue.pk))
        return context

    def message(
        self, subscription: Subscription, *, to: str | None = None
    ) -> EmailMultiAlternatives:
        """The issue as `subscription` receives it (sent to `to` for a test mail)."""
        context = self.context(subscription)
        unsubscribe_url = context.get("unsubscribe_url")
        return mail.compose(
            "content/newsletter/mail/issue",
            to=to or subscription.email,
            language=subscription.language or settings.LANGUAGE_CODE,
            subject=self.issue.subject,
            context=context,
            headers=unsubscribe_headers(unsubscribe_url) if unsubscribe_url else {},
        )


def sections_for(issue: Issue, subscription: Subscription | None) -> list[Section]:
    """The issue's items as `subscription` may read them: members-only items only for the
    contacts of members, and only the topics the subscriber chose (all when none)."""
    return IssueMailer(issue).sections(subscription)


def personal_items(subscription: Subscription, member: bool) -> list[Item]:
    """Cooperation profiles and funding calls matching the competences and RIS3 fields of
    the subscriber's organisation (overlap of the controlled vocabularies)."""
    organisations = list(organisations_of(subscription))
    if not organisations:
        return []
    competences = {c for o in organisations for c in o.competences.values_list("pk", flat=True)}
    fields = {f for o in organisations for f in o.ris3_fields.values_list("pk", flat=True)}
    items: list[Item] = []
    if competences or fields:
        profiles = (
            _profiles(CooperationProfile.objects.all(), member)
            .filter(Q(competences__in=competences) | Q(ris3_fields__in=fields))
            .exclude(organisation__in=organisations)
            .distinct()
            .order_by("-published_at")[:PERSONAL_LIMIT]
        )
        items += [_profile_item(p) for p in profiles]
    if fields:
        from innonet.projects.matching import call_text, named_ris3_fields

        calls = FundingCall.objects.filter(is_active=True).select_related("programme")
        matched = [
            c for c in calls[:200] if {f.pk for f in named_ris3_fields(call_text(c))} & fields
        ]
        items += [_call_item(c) for c in matched[:PERSONAL_LIMIT]]
    return items


def _manage_links(subscription: Subscription, issue_id: int | None) -> dict[str, str]:
    token = links.make_token(subscription, links.MANAGE, issue_id)
    return {
        "preferences_url": mail.link("content:subscription_manage", token),
        "unsubscribe_url": mail.link("content:subscription_unsubscribe", token),
    }


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: a mail client offers "unsubscribe" and POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<newsletter.{mail_host()}>",
        "Precedence": "bulk",
    }


def mail_host() -> str:
    from innonet.core.site import site_host

    return site_host()


def confirmation_message(subscription: Subscription, *, already: bool) -> EmailMultiAlternatives:
    """The double opt-in mail; for an address that is already subscribed, a note with the
    preference link instead (the sign-up page says the same in both cases)."""
    context: dict[str, Any] = {"subscription": subscription, "already": already}
    if already:
        context.update(_manage_links(subscription, None))
        subject = _("Your newsletter subscription")
    else:
        token = links.make_token(subscription, links.CONFIRM)
        context["confirm_url"] = mail.link("content:subscription_confirm", token)
        subject = _("Please confirm your newsletter subscription")
    return mail.compose(
        "content/newsletter/mail/confirm",
        to=subscription.email,
        language=subscription.language,
        subject=subject,
        context=context,
    )


def issue_context(issue: Issue, subscription: Subscription | None) -> dict[str, Any]:
    return IssueMailer(issue).context(subscription)


def issue_message(
    issue: Issue, subscription: Subscription, *, to: str | None = None
) -> EmailMultiAlternatives:
    """The issue as `subscription` receives it (sent to `to` for a test mail)."""
    return IssueMailer(issue).message(subscription, to=to)
