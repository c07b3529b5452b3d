"""Forms of the marketplace pages; the rules themselves live in the services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin

from .models import MAX_REQUESTS_LIMIT, Marketplace, Outcome, SlotKind, TableKind
from .services.participants import HEADLINE_MAX, TEXT_MAX
from .services.requests import MESSAGE_MAX


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date and time picker; read in the marketplace's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class MarketplaceForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Marketplace
        fields = ["is_open", "request_deadline", "time_zone", "max_requests"]
        widgets = {"request_deadline": DateTimeLocalInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["max_requests"].widget.attrs.update(min=1, max=MAX_REQUESTS_LIMIT)
        self.fields["time_zone"].widget.attrs["autocomplete"] = "off"


class SlotForm(StyledFormMixin, forms.Form):
    starts_at = forms.DateTimeField(label=_("starts"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("ends"), widget=DateTimeLocalInput())
    kind = forms.ChoiceField(label=_("kind"), choices=SlotKind.choices, initial=SlotKind.MEETING)


class TableForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=80)
    kind = forms.ChoiceField(label=_("kind"), choices=TableKind.choices, initial=TableKind.TABLE)
    link = forms.URLField(
        label=_("link of the online room"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Only for online rooms."),
    )


class ProfileForm(StyledFormMixin, forms.Form):
    headline = forms.CharField(
        label=_("in one line"),
        max_length=HEADLINE_MAX,
        help_text=_("What you bring, as others see it in the list."),
    )
    offers = forms.CharField(
        label=_("we offer"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    seeks = forms.CharField(
        label=_("we are looking for"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    published = forms.BooleanField(
        label=_("visible to other participants"), required=False, initial=True
    )
    unavailable_slots = BoundedModelMultipleChoiceField(
        label=_("I am not available in"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, slots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unavailable_slots"]
        field.queryset = slots
        field.widget.attrs["class"] = ""


class RequestForm(StyledFormMixin, forms.Form):
    message = forms.CharField(
        label=_("message"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why you would like to meet (optional)."),
    )


class OutcomeForm(StyledFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=[c for c in Outcome.choices if c[0] != Outcome.OPEN]
    )
    follow_up = forms.BooleanField(label=_("follow-up agreed"), required=False)
    note = forms.CharField(label=_("note"), max_length=500, required=False)
    project = forms.ModelChoiceField(label=_("project"), queryset=None, required=False)

    def __init__(self, *args: Any, projects: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
