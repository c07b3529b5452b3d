"""Subscriptions to the newsletter (double opt-in, with an append-only consent log) and the
newsletter's issues with their segment, items and sending progress."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innonet.core.models import TimeStampedModel
from innonet.core.models.fields import OneLineCharField, PlainTextField

# The version of the consent text the sign-up form shows; a new wording gets a new version.
CONSENT_TEXT_VERSION = "newsletter-2026-12"


def new_secret() -> str:
    return secrets.token_hex(16)


class Topic(models.TextChoices):
    """What kind of content a subscriber wants to read about."""

    NEWS = "news", _("news")
    ARTICLES = "articles", _("knowledge articles")
    EVENTS = "events", _("events")
    CALLS = "calls", _("funding calls")
    PROFILES = "profiles", _("cooperation profiles")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for confirmation")
    ACTIVE = "active", _("subscribed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")


class ConsentSource(models.TextChoices):
    FORM = "form", _("sign-up form")
    LINK = "link", _("link in a mail")
    ONE_CLICK = "one_click", _("one-click unsubscribe")
    STAFF = "staff", _("office")
    DEMO = "demo", _("demo data")


class SubscriptionAction(models.TextChoices):
    REQUESTED = "requested", _("sign-up requested")
    CONFIRMED = "confirmed", _("confirmed")
    PREFERENCES = "preferences", _("preferences changed")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
    RESUBSCRIBED = "resubscribed", _("subscribed again")


class Subscription(TimeStampedModel):
    """One address that asked for the newsletter. Mails go only to `active` subscriptions:
    the address confirmed through the link of the confirmation mail (UWG § 7)."""

    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    name = OneLineCharField(_("name"), max_length=120, blank=True)
    language = OneLineCharField(
        _("language"),
        max_length=5,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    status = OneLineCharField(
        _("status"),
        max_length=12,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
        db_index=True,
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "partners.Person",
        verbose_name=_("person in the registry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="newsletter_subscriptions",
    )
    # Part of every link's signature: a new secret voids every link sent before.
    secret = OneLineCharField(_("link secret"), max_length=32, default=new_secret, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")

    def __str__(self) -> str:
        return self.email

    @property
    def is_active(self) -> bool:
        return self.status == SubscriptionStatus.ACTIVE

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels[topic]) for topic in self.topics if topic in labels]


class SubscriptionEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The consent log is append-only.")

    def delete(self):
        raise TypeError("The consent log is append-only.")


class SubscriptionEvent(models.Model):
    """One entry of a subscription's consent log: what changed, when, where, and under which
    version of the consent text. Entries are never changed."""

    subscription = models.ForeignKey(
        Subscription,
        verbose_name=_("subscription"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = OneLineCharField(_("action"), max_length=14, choices=SubscriptionAction.choices)
    source = OneLineCharField(_("source"), max_length=12, choices=ConsentSource.choices)
    text_version = OneLineCharField(_("text version"), max_length=40)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issue = models.ForeignKey(
        "content.Issue",
        verbose_name=_("through issue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscription_events",
    )
    mail_sent = models.BooleanField(_("confirmation mail sent"), default=False)

    objects = SubscriptionEventQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("consent log entry")
        verbose_name_plural = _("consent log entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.get_source_display()})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise TypeError("The consent log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The consent log is append-only.")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SCHEDULED = "scheduled", _("scheduled")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")


class Issue(TimeStampedModel):
    """One newsletter: subject, introduction, the items it presents, whom it goes to, and how
    far sending has come. `progress_after` is the id of the last subscription whose mail is
    stored in the outbox, so an interrupted run goes on from there."""

    subject = OneLineCharField(_("subject"), max_length=200)
    introduction = PlainTextField(_("introduction (Markdown)"), max_length=20_000, blank=True)
    status = OneLineCharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    # The segment: empty means "no restriction".
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation_kinds = models.JSONField(_("kinds of organisation"), default=list, blank=True)
    districts = models.ManyToManyField(
        "core.District", verbose_name=_("districts"), blank=True, related_name="+"
    )
    ris3_fields = models.ManyToManyField(
        "core.Ris3Field", verbose_name=_("RIS3 fields"), blank=True, related_name="+"
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    personal_section = models.BooleanField(
        _("personal section"),
        default=False,
        help_text=_(
            "Add funding calls and cooperation profiles that match the competences of each "
            "recipient's organisation."
        ),
    )
    # The items.
    news = models.ManyToManyField(
        "content.News", verbose_name=_("news"), blank=True, related_name="+"
    )
    articles = models.ManyToManyField(
        "content.KnowledgeArticle",
        verbose_name=_("knowledge articles"),
        blank=True,
        related_name="+",
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="+"
    )
    calls = models.ManyToManyField(
        "projects.FundingCall", verbose_name=_("funding calls"), blank=True, related_name="+"
    )
    profiles = models.ManyToManyField(
        "matching.CooperationProfile",
        verbose_name=_("cooperation profiles"),
        blank=True,
        related_name="+",
    )
    # Sending.
    progress_after = models.PositiveBigIntegerField(_("done up to subscription"), default=0)
    recipients_total = models.PositiveIntegerField(_("recipients"), null=True, blank=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def __str__(self) -> str:
        return self.subject

    @property
    def batch(self) -> str:
        return f"newsletter:{self.pk}"

    @property
    def is_editable(self) -> bool:
        return self.status in (IssueStatus.DRAFT, IssueStatus.SCHEDULED)

    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels[topic]) for topic in self.topics or [] if topic in labels]

    def kind_labels(self) -> list[str]:
        from innonet.partners.models import Organisation

        labels = dict(Organisation.Kind.choices)
        return [str(labels[kind]) for kind in self.organisation_kinds or [] if kind in labels]
