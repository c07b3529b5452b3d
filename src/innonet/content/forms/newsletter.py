"""Forms of the newsletter: sign-up, preferences, the composer and its schedule. They
validate input only; the services decide."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin
from innonet.core.models import District, Ris3Field
from innonet.core.widgets import MultiSelect
from innonet.events.models import Event
from innonet.matching.models import CooperationProfile
from innonet.networks.models import Network
from innonet.partners.models import Organisation
from innonet.projects.models import FundingCall

from ..models import KnowledgeArticle, News, Subscription, Topic

LANGUAGE_CHOICES = [("de", _("German")), ("en", _("English"))]


def _one_line(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise forms.ValidationError(_("Please write this on one line."))
    return value


class _Preferences(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("name (optional)"), max_length=120, required=False)
    language = forms.ChoiceField(label=_("language of the mails"), choices=LANGUAGE_CHOICES)
    topics = forms.MultipleChoiceField(
        label=_("what you want to read about"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get everything."),
    )
    ris3_fields = BoundedModelMultipleChoiceField(
        label=_("fields of innovation (RIS3)"),
        queryset=Ris3Field.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get everything."),
    )

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("topics", "ris3_fields"):
            self.fields[name].widget.attrs["class"] = "form-check-input"


class SubscribeForm(_Preferences):
    email = forms.EmailField(label=_("e-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_(
            "I would like to receive the network's newsletter by e-mail. I can unsubscribe at "
            "any time with the link in every newsletter."
        ),
    )
    field_order = ["email", "name", "language", "topics", "ris3_fields", "consent"]


class PreferencesForm(_Preferences):
    @classmethod
    def for_subscription(cls, subscription: Subscription) -> "PreferencesForm":
        return cls(
            initial={
                "name": subscription.name,
                "language": subscription.language,
                "topics": list(subscription.topics or []),
                "ris3_fields": list(subscription.ris3_fields.all()),
            }
        )


def _items(queryset: Any, label: Any) -> BoundedModelMultipleChoiceField:
    return BoundedModelMultipleChoiceField(
        label=label, queryset=queryset, required=False, widget=MultiSelect
    )


class IssueForm(StyledFormMixin, forms.Form):
    subject = forms.CharField(label=_("subject"), max_length=200)
    introduction = forms.CharField(
        label=_("introduction (Markdown)"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    network = forms.ModelChoiceField(
        label=_("only contacts of members of"),
        queryset=Network.objects.all(),
        required=False,
    )
    organisation_kinds = forms.MultipleChoiceField(
        label=_("only these kinds of organisation"),
        choices=Organisation.Kind.choices,
        required=False,
        widget=MultiSelect,
    )
    districts = BoundedModelMultipleChoiceField(
        label=_("only these districts"),
        queryset=District.objects.all(),
        required=False,
        widget=MultiSelect,
    )
    ris3_fields = BoundedModelMultipleChoiceField(
        label=_("only these RIS3 fields"),
        queryset=Ris3Field.objects.all(),
        required=False,
        widget=MultiSelect,
    )
    topics = forms.MultipleChoiceField(
        label=_("only subscribers of these topics"),
        choices=Topic.choices,
        required=False,
        widget=MultiSelect,
    )
    personal_section = forms.BooleanField(
        label=_("personal section: calls and profiles matching each recipient's organisation"),
        required=False,
    )
    news = _items(News.objects.filter(published_at__isnull=False), _("news"))
    articles = _items(
        KnowledgeArticle.objects.filter(published_at__isnull=False), _("knowledge articles")
    )
    events = _items(Event.objects.public().upcoming(), _("upcoming public events"))
    calls = _items(FundingCall.objects.filter(is_active=True), _("open funding calls"))
    profiles = _items(CooperationProfile.objects.active(), _("cooperation profiles"))

    ITEM_FIELDS = ("news", "articles", "events", "calls", "profiles")
    SEGMENT_FIELDS = ("network", "organisation_kinds", "districts", "ris3_fields", "topics")

    def clean_subject(self) -> str:
        return _one_line(self.cleaned_data["subject"])

    @classmethod
    def initial_for(cls, issue: Any) -> dict[str, Any]:
        initial = {
            "subject": issue.subject,
            "introduction": issue.introduction,
            "network": issue.network,
            "organisation_kinds": issue.organisation_kinds,
            "topics": issue.topics,
            "personal_section": issue.personal_section,
        }
        for name in ("districts", "ris3_fields", *cls.ITEM_FIELDS):
            initial[name] = list(getattr(issue, name).all())
        return initial


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class ScheduleForm(StyledFormMixin, forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("send at"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_("Leave empty to send now."),
    )

    def clean_scheduled_for(self) -> Any:
        value = self.cleaned_data["scheduled_for"]
        if value is not None and value < timezone.now():
            raise forms.ValidationError(_("Please choose a time in the future."))
        return value


class PreviewForm(forms.Form):
    subscription = forms.ModelChoiceField(
        label=_("as seen by"),
        queryset=Subscription.objects.filter(status="active"),
        required=False,
        empty_label=_("an anonymous subscriber"),
    )
