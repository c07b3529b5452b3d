"""Forms of the project pages: create and edit a project, move it to another stage. They
validate input only; the services write and apply the domain rules."""

from datetime import timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core import permissions
from innonet.core.dates import short_date
from innonet.core.forms import DateInput, StyledFormMixin
from innonet.core.models import Competence, Ris3Field
from innonet.core.versioning.forms import VersionedFormMixin
from innonet.core.widgets import MultiSelect
from innonet.events.models import Event
from innonet.matching.models import CooperationProfile, Introduction
from innonet.partners.models import Interaction

from ..models import FundingCall, FundingProgramme, InnovationProject
from ..models.projects import STAGE_CHOICES

FIELDS = [
    "title", "summary", "goals", "ris3_fields", "competences", "owner", "next_step",
    "next_step_due", "confidentiality", "programme", "call", "origin_event",
    "origin_interaction", "origin_introduction", "origin_profile", "origin_note",
]  # fmt: skip
# Origins entered by their number: (field, model). A number the user may not see is an error.
ORIGINS_BY_NUMBER = (
    ("origin_interaction", Interaction),
    ("origin_introduction", Introduction),
    ("origin_profile", CooperationProfile),
)
RECENT_EVENTS = 100  # the origin select offers the latest events, not the whole archive


def is_db_id(value: Any) -> bool:
    text = str(value)
    return text.isdigit() and len(text) <= 18


class IdChoiceField(forms.ModelChoiceField):
    """A model choice whose value must look like a database id before it is looked up."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not is_db_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Id lists are bounded before querying (a huge number is a form error)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if not is_db_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:40]},
                )
        return super()._check_values(value)


def staff_users(current_id: int | None = None) -> QuerySet:
    """Active network staff, plus the current owner even if no longer staff."""
    return User.objects.filter(Q(role=Role.STAFF, is_active=True) | Q(pk=current_id or 0)).order_by(
        "full_name", "email"
    )


def _terms(model: type, chosen: list[int]) -> QuerySet:
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen))


def _event_choices(extra_ids: list[int]) -> list[tuple[Any, str]]:
    """The latest events (and the ones already chosen) for the origin select."""
    since = timezone.now() - timedelta(days=550)
    recent = list(
        Event.objects.filter(starts_at__gte=since)
        .order_by("-starts_at")
        .values_list("pk", flat=True)[:RECENT_EVENTS]
    )
    events = Event.objects.filter(pk__in=recent + extra_ids).order_by("-starts_at")
    return [("", _("not specified"))] + [
        (event.pk, f"{short_date(event.starts_at)} · {event.title}") for event in events
    ]


class ProjectForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """The office's project form. `version` travels along for optimistic locking; the origin
    interaction, introduction and cooperation profile are entered by their numbers (those
    lists are long), the origin event is chosen among the recent ones. With `user`, only
    origins that user may see are accepted."""

    class Meta:
        model = InnovationProject
        fields = FIELDS
        field_classes = {
            "owner": IdChoiceField,
            "programme": IdChoiceField,
            "call": IdChoiceField,
            "origin_event": IdChoiceField,
            "origin_interaction": IdChoiceField,
            "origin_introduction": IdChoiceField,
            "origin_profile": IdChoiceField,
            "ris3_fields": IdMultipleChoiceField,
            "competences": IdMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "next_step_due": DateInput(),
            "ris3_fields": MultiSelect(attrs={"size": 6}),
            "competences": MultiSelect(attrs={"size": 8}),
        }
        labels = {
            "origin_interaction": _("Originating contact (number)"),
            "origin_introduction": _("Originating introduction (number)"),
            "origin_profile": _("Originating cooperation profile (number)"),
        }
        help_texts = {
            "origin_interaction": _(
                "The number of the contact in the office's contact list, e.g. of an introduction."
            ),
            "origin_introduction": _(
                "The number of the introduction in matchmaking that brought the partners together."
            ),
            "origin_profile": _("The number of the cooperation profile the idea came from."),
        }

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        project = self.instance if self.instance.pk else None
        self._limit_event_choices(project)
        self.fields["owner"].queryset = staff_users(project.owner_id if project else None)
        self.fields["programme"].queryset = FundingProgramme.objects.filter(
            Q(is_active=True) | Q(pk=project.programme_id if project else 0)
        )
        self.fields["call"].queryset = FundingCall.objects.select_related("programme").filter(
            Q(is_active=True) | Q(pk=project.call_id if project else 0)
        )
        self.fields["call"].label_from_instance = lambda call: f"{call.programme} · {call.title}"
        for name, model in ORIGINS_BY_NUMBER:
            queryset = model.objects.all()
            self.fields[name].queryset = (
                queryset if user is None else permissions.visible(user, queryset)
            )
            self.fields[name].widget = forms.TextInput(
                attrs={"class": "form-control", "inputmode": "numeric"}
            )
        for name, model in (("ris3_fields", Ris3Field), ("competences", Competence)):
            chosen = list(getattr(project, name).values_list("pk", flat=True)) if project else []
            self.fields[name].queryset = _terms(model, chosen)

    def _limit_event_choices(self, project: InnovationProject | None) -> None:
        """Any event is accepted, but the select offers only the recent ones (and those
        already chosen), not the whole archive."""
        chosen = [project.origin_event_id] if project and project.origin_event_id else []
        for value in (self.initial.get("origin_event"), self.data.get("origin_event")):
            value = getattr(value, "pk", value)
            if value and is_db_id(value):
                chosen.append(int(value))
        self.fields["origin_event"].queryset = Event.objects.all()
        self.fields["origin_event"].widget.choices = _event_choices(chosen)

    def _post_clean(self) -> None:
        # Validate against a copy, so a rejected form leaves the loaded record untouched.
        if self.instance.pk:
            original = self.instance
            self.instance = InnovationProject.objects.get(pk=original.pk)
            try:
                super()._post_clean()
            finally:
                self.instance = original
        else:
            super()._post_clean()

    def data_for_service(self) -> dict[str, Any]:
        """Only the fields this form offers; anything else posted is ignored."""
        return {name: self.cleaned_data[name] for name in FIELDS if name in self.cleaned_data}


class ProjectMoveForm(forms.Form):
    """Move to another stage; the service decides whether the step is allowed."""

    to_stage = forms.ChoiceField(choices=STAGE_CHOICES, label=_("New stage"))
    reason = forms.CharField(max_length=500, required=False, label=_("Reason"))
    force = forms.BooleanField(required=False, label=_("Override the rules"))
    version = forms.IntegerField(required=False, min_value=0, max_value=2**31)
