"""Forms of the questions: an idea in free text, and a consortium for an idea.

They validate input only and hand plain values to `innonet.matching.queries`. Bad input (too
long, control characters, ids that are no database ids) is a form error, never an exception.
"""

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.forms import BoundedModelMultipleChoiceField, StyledFormMixin
from innonet.core.models import Competence, Country, District, Ris3Field
from innonet.core.validators import plain_text
from innonet.core.widgets import MultiSelect
from innonet.events.models import Event
from innonet.partners.models import Consent, Organisation
from innonet.partners.models.consents import ConsentPurpose

from ..models import CooperationProfile, PartnerSought, Question, Rating

MAX_IDEA = 5000
LIMITS = (10, 20, 50)
MAX_CHOSEN = 12  # organisations required or excluded: a consortium has at most 12 members


def is_db_id(value: Any) -> bool:
    text = str(value)
    return text.isdigit() and len(text) <= 18


class IdListField(BoundedModelMultipleChoiceField):
    """An id list of at most `max_count` entries, counted before any query (a list of
    100,000 ids would otherwise exceed the database's limit of query parameters)."""

    def __init__(self, *args: Any, max_count: int = 200, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_count = max_count

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple) and len(value) > self.max_count:
            raise ValidationError(
                _("Choose at most %(count)s entries."),
                code="too_many",
                params={"count": self.max_count},
            )
        return super().clean(value)


class BoundedChoiceField(forms.ModelChoiceField):
    """A single choice whose value must look like a database id before it is looked up."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and not is_db_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def selectable_organisations(user: Any) -> QuerySet[Organisation]:
    """Organisations the user may name in a consortium: those the registry lets them see and
    those with a public profile (the newest public-profile consent is a grant)."""
    organisations = Organisation.objects.all()
    if permissions.reads_everything(user):
        return organisations
    newest = (
        Consent.objects.filter(organisation=OuterRef("pk"), purpose=ConsentPurpose.PUBLIC_PROFILE)
        .order_by("-recorded_at", "-id")
        .values("granted")[:1]
    )
    visible = permissions.visible(user, Organisation.objects.all()).values("pk")
    return organisations.annotate(public=Subquery(newest)).filter(
        Q(pk__in=visible) | Q(public=True)
    )


class IdeaForm(StyledFormMixin, forms.Form):
    """Who can help with an idea: text, competences, RIS3 fields, partner kind and region."""

    text = forms.CharField(
        label=_("Your idea"),
        required=False,
        max_length=MAX_IDEA,
        strip=True,
        validators=[plain_text],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you want to do and what you need for it."),
    )
    competences = IdListField(
        label=_("Competences"),
        queryset=Competence.objects.active(),
        required=False,
        widget=MultiSelect(attrs={"size": 6}),
    )
    ris3_fields = IdListField(
        label=_("RIS3 fields"),
        queryset=Ris3Field.objects.active(),
        required=False,
        widget=MultiSelect(attrs={"size": 6}),
    )
    partner_sought = forms.ChoiceField(
        label=_("Partner sought"), choices=PartnerSought.choices, required=False
    )
    district = BoundedChoiceField(
        label=_("District"), queryset=District.objects.active(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
    )
    partner_networks = forms.BooleanField(
        label=_("Also search in partner networks"),
        required=False,
        help_text=_("Profiles that partner networks share with your network by agreement."),
    )
    limit = forms.TypedChoiceField(
        label=_("Number of results"),
        choices=[(n, str(n)) for n in LIMITS],
        coerce=int,
        required=False,
        empty_value=20,
        initial=20,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Long texts are cut off by the browser instead of failing after submission.
        self.fields["text"].widget.attrs["maxlength"] = str(MAX_IDEA)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        if not (data.get("text") or data.get("competences") or data.get("ris3_fields")):
            raise ValidationError(
                _("Describe the idea, or choose competences or RIS3 fields."), code="empty"
            )
        return data

    def question(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of the question."""
        data = self.cleaned_data
        return {
            "text": data.get("text") or "",
            "competences": list(data.get("competences") or ()),
            "ris3": list(data.get("ris3_fields") or ()),
            "district": data.get("district"),
            "country": data.get("country"),
        }


class ConsortiumForm(IdeaForm):
    """A consortium for an idea: the idea's fields, who must or must not be in it, its size
    and the roles it needs. Contradicting constraints are left to the question, which answers
    with readable problems."""

    must_include = IdListField(
        label=_("Must include"),
        max_count=MAX_CHOSEN,
        queryset=Organisation.objects.none(),
        required=False,
        widget=MultiSelect(attrs={"size": 5}),
        help_text=_("Organisations that must be part of the consortium."),
    )
    exclude = IdListField(
        label=_("Exclude"),
        max_count=MAX_CHOSEN,
        queryset=Organisation.objects.none(),
        required=False,
        widget=MultiSelect(attrs={"size": 5}),
        help_text=_("Organisations that must not be part of it."),
    )
    min_size = forms.IntegerField(
        label=_("At least (organisations)"), min_value=1, max_value=8, initial=3
    )
    max_size = forms.IntegerField(
        label=_("At most (organisations)"), min_value=1, max_value=12, initial=8
    )
    needs_sme = forms.BooleanField(label=_("Needs an SME"), required=False, initial=True)
    needs_research = forms.BooleanField(
        label=_("Needs a research institution"), required=False, initial=True
    )

    def __init__(self, *args: Any, user: Any, offered: list[Organisation] = (), **kwargs: Any):
        super().__init__(*args, **kwargs)
        del self.fields["partner_sought"]
        del self.fields["limit"]
        del self.fields["partner_networks"]
        allowed = selectable_organisations(user).order_by(german_order("name"))
        for name in ("must_include", "exclude"):
            field = self.fields[name]
            field.queryset = allowed
            # The lists offer the user's own organisation, the latest proposal and what was
            # chosen; every organisation the user may see is accepted.
            field.widget.choices = self._offered_choices(user, offered, name)

    def _offered_choices(self, user: Any, offered: list[Organisation], name: str) -> list:
        chosen = []
        if self.is_bound and hasattr(self.data, "getlist"):
            chosen = [int(v) for v in self.data.getlist(name)[:MAX_CHOSEN] if is_db_id(v)]
        wanted = {o.pk for o in offered} | set(chosen)
        if permissions.role_of(user) == permissions.MEMBER:
            wanted.add(user.organisation_id)
        rows = self.fields[name].queryset.filter(pk__in=wanted).values_list("pk", "name")
        return list(rows)

    def question(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **super().question(),
            "must_include": data["must_include"],
            "exclude": data["exclude"],
            "min_size": data["min_size"],
            "max_size": data["max_size"],
            "needs_sme": data["needs_sme"],
            "needs_research": data["needs_research"],
        }


class RateForm(forms.Form):
    """The hidden fields of a good/bad button: what was asked, what was suggested, and why."""

    question = forms.ChoiceField(choices=Question.choices)
    source_key = forms.CharField(max_length=80)
    document_id = forms.CharField(max_length=40)
    organisation = BoundedChoiceField(queryset=Organisation.objects.all())
    score = forms.FloatField(min_value=-1000, max_value=1000)
    reasons = forms.CharField(max_length=20000, required=False)
    rating = forms.TypedChoiceField(choices=Rating.choices, coerce=int)
    source_profile = BoundedChoiceField(queryset=CooperationProfile.objects.all(), required=False)
    source_organisation = BoundedChoiceField(queryset=Organisation.objects.all(), required=False)
    source_event = BoundedChoiceField(queryset=Event.objects.all(), required=False)
    query_text = forms.CharField(max_length=MAX_IDEA, required=False, strip=False)

    def clean_reasons(self) -> dict[str, Any]:
        text = self.cleaned_data.get("reasons") or "{}"
        try:
            reasons = json.loads(text)
        except ValueError as error:
            raise ValidationError(_("The reasons could not be read."), code="json") from error
        if not isinstance(reasons, dict):
            raise ValidationError(_("The reasons could not be read."), code="json")
        return reasons

    def service_arguments(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
