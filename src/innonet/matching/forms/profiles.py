"""Forms of the cooperation profile pages: the profile form (the list's FilterSet is in
filters). They check input only; `services.profiles` applies the rules and writes."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.collation import german_order, german_text
from innonet.core.forms import (
    BoundedModelMultipleChoiceField,
    DateInput,
    StyledFormMixin,
)
from innonet.core.models import Competence, Ris3Field
from innonet.core.versioning.forms import VersionedFormMixin
from innonet.core.widgets import MultiSelect
from innonet.networks.models import Network
from innonet.partners.models import Organisation, Person, Unit

from ..models import CooperationProfile, CooperationType
from ..services.profiles import PROFILE_VALIDITY_DAYS, max_valid_until

__all__ = ["ProfileForm", "is_db_id"]

FIELDS = [
    "kind", "organisation", "unit", "network", "contact", "title", "summary", "description",
    "advantages", "development_stage", "ip_status", "partner_sought", "partner_role",
    "cooperation_types", "keywords", "competences", "ris3_fields", "visibility", "valid_until",
]  # fmt: skip
MANY_FIELDS = ("competences", "ris3_fields")


def is_db_id(value: Any) -> bool:
    """A value from a query string that can be a database id (anything else is ignored)."""
    text = str(value)
    return text.isdigit() and len(text) <= 18


def _terms(model: type, chosen: list[int]) -> QuerySet:
    """Active taxonomy terms, plus those already chosen even if retired since."""
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen)).order_by(german_order("name"))


def _contacts(organisation_id: int | None, current_id: int | None) -> QuerySet:
    """People currently working for the organisation (and the present contact)."""
    today = timezone.localdate()
    working = Q(
        affiliations__organisation_id=organisation_id or 0,
        erased_at__isnull=True,
    ) & (Q(affiliations__ended_on__isnull=True) | Q(affiliations__ended_on__gte=today))
    ids = Person.objects.filter(working).values("pk")
    return Person.objects.filter(Q(pk__in=ids) | Q(pk=current_id or 0))


class ProfileForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """Create or edit a profile. Staff choose the organisation (on creation) and the network;
    members always post for their own organisation in the host network. Unit and contact
    choices are limited to the organisation; `version` travels along for optimistic locking."""

    cooperation_types = forms.MultipleChoiceField(
        label=_("types of cooperation"),
        choices=CooperationType.choices,
        required=False,
        widget=MultiSelect(attrs={"size": 6}),
        help_text=_("As in the Enterprise Europe Network's partnering profiles."),
    )

    class Meta:
        model = CooperationProfile
        fields = FIELDS
        field_classes = {
            "competences": BoundedModelMultipleChoiceField,
            "ris3_fields": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "description": forms.Textarea(attrs={"rows": 10, "maxlength": 20000}),
            "advantages": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
            "valid_until": DateInput(),
            "competences": MultiSelect(attrs={"size": 8}),
            "ris3_fields": MultiSelect(attrs={"size": 6}),
        }
        help_texts = {
            "summary": _("A few sentences that say what is offered or sought (shown in lists)."),
            "description": _("Details of the offer or request; Markdown is allowed."),
            "keywords": _("Separated by commas."),
            "visibility": _(
                "Own network: the network's members and staff. Partner networks: every "
                "signed-in user. Public: everyone, also without an account."
            ),
        }

    def __init__(self, *args: Any, user: Any, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        profile = self.instance if self.instance.pk else None
        staff = permissions.is_staff(user)
        if profile is not None or not staff:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.order_by(
                german_order("name")
            )
            self.fields["organisation"].help_text = _(
                "Units and contact people are offered once the organisation is chosen."
            )
        if staff:
            self.fields["network"].queryset = Network.objects.order_by(german_order("name"))
            self.fields["network"].required = False
            self.fields["network"].help_text = _("Empty: the host network.")
        else:
            del self.fields["network"]
        organisation_id = self._organisation_id(profile, organisation)
        self.fields["unit"].queryset = Unit.objects.filter(
            organisation_id=organisation_id or 0
        ).order_by(german_order("name"))
        self.fields["unit"].empty_label = _("the whole organisation")
        self.fields["contact"].queryset = _contacts(
            organisation_id, profile.contact_id if profile else None
        )
        for name, model in (("ris3_fields", Ris3Field), ("competences", Competence)):
            chosen = list(getattr(profile, name).values_list("pk", flat=True)) if profile else []
            self.fields[name].queryset = _terms(model, chosen)
        self.fields["valid_until"].help_text = _(
            "At most %(days)d days from today; the profile can be renewed before it ends."
        ) % {"days": PROFILE_VALIDITY_DAYS}
        if profile is None:
            self.initial.setdefault("valid_until", max_valid_until())

    def _organisation_id(self, profile: Any, organisation: Organisation | None) -> int | None:
        """The organisation whose units and people are on offer."""
        if profile is not None:
            return profile.organisation_id
        if organisation is not None:
            return organisation.pk
        value = self.data.get("organisation") or self.initial.get("organisation")
        value = getattr(value, "pk", value)
        return int(value) if value and is_db_id(value) else None

    def data_for_service(self) -> dict[str, Any]:
        """The cleaned fields the service takes (organisation and version travel apart)."""
        names = [name for name in self.fields if name not in ("organisation", "version")]
        return {name: self.cleaned_data.get(name) for name in names}


SORT_FIELDS = {
    "title": (german_text("title"), "pk"),
    "kind": ("kind", german_text("title"), "pk"),
    "valid_until": ("valid_until", german_text("title"), "pk"),
    "updated": ("updated_at", "pk"),
}
