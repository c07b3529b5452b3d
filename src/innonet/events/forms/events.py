"""Forms of the office: the event form, status changes and registrations added by hand.

They validate input only. The rules that span fields (end after start, the registration
window, capacity against confirmed places) live in the services, whose DomainError the view
puts on the right field, so form, API and services cannot disagree."""

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin
from innonet.core.models import Competence, Ris3Field
from innonet.core.widgets import MultiSelect
from innonet.networks.models import Network

from ..models import AskedField, Event, EventStatus, Format, Registration
from ..services.events import EDITABLE_FIELDS, M2M_FIELDS

MAX_PLACES = 100_000


def default_organiser(user: Any, choices: QuerySet[Network]) -> Network | None:
    """The network a new event belongs to unless changed: the user's own network (a manager's,
    or a staff member's when the account names one), else the host network the office runs."""
    own = getattr(user, "network_id", None)
    if own and choices.filter(pk=own).exists():
        return choices.get(pk=own)
    host = choices.filter(kind=Network.Kind.HOST).first()
    return host or choices.order_by("name", "pk").first()


def format_label(format: Format) -> str:
    """A format as the drop-down shows it: formats of several networks may share a name."""
    return f"{format.name} ({format.network.name})"


class FormatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Format) -> str:
        return format_label(obj)


def organiser_choices(user: Any) -> QuerySet[Network]:
    """Networks this user may organise for: staff any, a network manager only its own."""
    if permissions.is_staff(user):
        return Network.objects.all()
    if permissions.role_of(user) == permissions.NETWORK_MANAGER:
        return Network.objects.filter(pk=user.network_id)
    return Network.objects.none()


class DateTimeLocalInput(forms.DateTimeInput):
    """The browser's date and time picker; values are local time in the site's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def _active_terms(model: type, current: Any) -> QuerySet:
    chosen = list(current.values_list("pk", flat=True)) if current is not None else []
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen))


SECTIONS = (
    (_("About the event"), ("format", "title", "summary", "description", "speakers")),
    (_("Date and place"), ("starts_at", "ends_at", "venue", "online_url")),
    (_("Organisers"), ("organiser", "co_organisers")),
    (
        _("Registration"),
        (
            "visibility",
            "capacity",
            "waiting_list",
            "requires_approval",
            "registration_opens_at",
            "registration_closes_at",
            "asked_fields",
            "consent_text",
        ),
    ),
    (_("Topics"), ("ris3_fields", "competences")),
)
WIDE_FIELDS = {"title", "summary", "description", "speakers", "consent_text", "asked_fields"}


def _formfield(field: Any, **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class EventForm(StyledFormMixin, forms.ModelForm):
    """All editable fields of an event; the view hands `data_for_service()` to the service."""

    capacity = forms.IntegerField(
        label=_("capacity"),
        required=False,
        min_value=1,
        max_value=MAX_PLACES,
        help_text=_("Empty: no limit."),
    )
    asked_fields = forms.MultipleChoiceField(
        label=_("asked fields"),
        choices=AskedField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the registration form asks for beyond name and e-mail address."),
    )

    class Meta:
        model = Event
        fields = [*EDITABLE_FIELDS, *M2M_FIELDS]
        formfield_callback = _formfield
        field_classes = {
            "format": FormatChoiceField,
            "co_organisers": BoundedModelMultipleChoiceField,
            "ris3_fields": BoundedModelMultipleChoiceField,
            "competences": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "speakers": forms.Textarea(attrs={"rows": 3}),
            "consent_text": forms.Textarea(attrs={"rows": 4}),
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "registration_opens_at": DateTimeLocalInput(),
            "registration_closes_at": DateTimeLocalInput(),
            "co_organisers": forms.CheckboxSelectMultiple,
            "ris3_fields": forms.CheckboxSelectMultiple,
            "competences": MultiSelect(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        fields = self.fields
        fields["format"].queryset = (
            Format.objects.filter(Q(is_active=True) | Q(pk=getattr(instance, "format_id", None)))
            .select_related("network")
            .order_by("name", "network__name", "pk")
        )
        fields["organiser"].queryset = organiser_choices(user)
        fields["organiser"].empty_label = None
        if instance is None and not self.is_bound and not self.initial.get("organiser"):
            default = default_organiser(user, fields["organiser"].queryset)
            self.initial["organiser"] = default.pk if default else None
        if instance is not None and instance.organiser_id not in {
            network.pk for network in fields["organiser"].queryset
        }:
            # A co-organising network edits the event but cannot hand it to itself.
            fields["organiser"].queryset = Network.objects.filter(pk=instance.organiser_id)
            fields["organiser"].disabled = True
        fields["co_organisers"].queryset = Network.objects.all()
        fields["ris3_fields"].queryset = _active_terms(
            Ris3Field, instance.ris3_fields if instance else None
        )
        fields["competences"].queryset = _active_terms(
            Competence, instance.competences if instance else None
        )
        fields["consent_text"].required = False
        fields["consent_text"].help_text = _(
            "What participants agree to when they register. Empty: the standard text."
        )
        for name in ("asked_fields", "co_organisers", "ris3_fields"):
            fields[name].widget.attrs["class"] = "form-check-input"
        if instance is None and not self.is_bound and "asked_fields" not in self.initial:
            self.initial["asked_fields"] = [AskedField.ORGANISATION]

    def _post_clean(self) -> None:
        """Model rules are checked by the service, which reports them on the right field."""

    def sections(self) -> list[tuple[str, list[tuple[forms.BoundField, bool]]]]:
        """(heading, [(field, spans the full width)]) in the order the page shows them."""
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs.update({"aria-invalid": "true", "aria-describedby": f"id_{name}_error"})
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return [
            (title, [(self[name], name in WIDE_FIELDS) for name in names])
            for title, names in SECTIONS
        ]

    def data_for_service(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """(model fields, many-to-many fields) as the services take them; nothing else."""
        data = {name: self.cleaned_data[name] for name in EDITABLE_FIELDS if name in self.fields}
        m2m = {name: list(self.cleaned_data[name]) for name in M2M_FIELDS if name in self.fields}
        return data, m2m


def format_initial(format: Format) -> dict[str, Any]:
    """What a new event takes over from a format when it is started from one."""
    return {
        "format": format.pk,
        "title": format.name,
        "summary": format.goal[:300],
        "description": format.description,
        "capacity": format.capacity,
    }


class EventTransitionForm(StyledFormMixin, forms.Form):
    """The next status of an event; a cancellation may give a reason for the participants."""

    status = forms.ChoiceField(
        label=_("new status"),
        choices=[
            (EventStatus.PUBLISHED, _("publish")),
            (EventStatus.CANCELLED, _("cancel")),
            (EventStatus.FINISHED, _("finish")),
        ],
    )
    reason = forms.CharField(
        label=_("reason for cancellation"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent to the participants with the cancellation."),
    )


ATTENDEE_FIELDS = (
    "first_name", "last_name", "email", "organisation_name", "position", "phone",
    "dietary_requirements", "remarks", "language",
)  # fmt: skip


class RegistrationAddForm(StyledFormMixin, forms.ModelForm):
    """A person the office registers by hand (phone, walk-in); `registry_person` is the
    registry entry picked in the lookup (empty: the registry finds or creates the person)."""

    registry_person = forms.IntegerField(
        required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
    )

    class Meta:
        model = Registration
        fields = list(ATTENDEE_FIELDS)
        widgets = {"remarks": forms.Textarea(attrs={"rows": 3})}

    def _post_clean(self) -> None:
        """The service creates and checks the registration."""

    def attendee_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ATTENDEE_FIELDS}


class PersonLookupForm(forms.Form):
    """The registry lookup above the manual registration form."""

    q = forms.CharField(label=_("Name or e-mail address"), required=False, max_length=100)


class RegistrationLinkForm(forms.Form):
    """Which registry organisation an unlinked registration belongs to."""

    organisation = forms.IntegerField(min_value=1, max_value=2**62)
