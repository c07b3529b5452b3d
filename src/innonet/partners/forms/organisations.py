"""Forms of the organisation pages. They validate input only; services write."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.addresses import normalise_vat_id
from innonet.core.forms import BoundedModelMultipleChoiceField, DateInput, StyledFormMixin
from innonet.core.models import Competence, Ris3Field
from innonet.core.uploads import ImageUploadField
from innonet.core.versioning.forms import VersionedFormMixin
from innonet.core.widgets import MultiSelect
from innonet.networks.models import Network

from ..models import Membership, MembershipStatus, Organisation, Unit
from ..rules import ORGANISATION_MEMBER_FIELDS

STAFF_FIELDS = [
    "name", "legal_form", "kind", "employees", "annual_turnover", "balance_sheet_total",
    "register_id", "vat_id", "street", "postcode", "city", "district", "country", "website",
    "email", "phone", "description", "keywords", "competences", "ris3_fields", "logo",
    "member_visibility",
]  # fmt: skip
# Member users keep their profile current; the rule lives with the registry's rules.
MEMBER_FIELDS = [name for name in STAFF_FIELDS if name in ORGANISATION_MEMBER_FIELDS]


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Web addresses typed without a scheme are taken as https; id lists are bounded."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    if isinstance(field, models.ManyToManyField):
        kwargs["form_class"] = BoundedModelMultipleChoiceField
    if isinstance(field, models.ImageField):
        kwargs["form_class"] = ImageUploadField
    return field.formfield(**kwargs)


@dataclass(frozen=True)
class _CurrentLogo:
    url: str
    label: str

    def __str__(self) -> str:
        return self.label


class LogoInput(forms.ClearableFileInput):
    """Links the current logo to the checked logo view: media files have no public URL."""

    logo_url = ""

    def format_value(self, value: Any) -> Any:
        if value and self.logo_url and not isinstance(value, UploadedFile):
            return _CurrentLogo(url=self.logo_url, label=str(_("current logo")))
        return None


def _terms(model: type, current: Any) -> Any:
    """Active terms plus those the record already holds, even if retired since."""
    chosen = list(current.values_list("pk", flat=True)) if current is not None else []
    return model.objects.filter(Q(is_active=True) | Q(pk__in=chosen))


class OrganisationForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """All fields the office edits; `version` travels along for optimistic locking."""

    class Meta:
        model = Organisation
        fields = STAFF_FIELDS
        formfield_callback = _formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "competences": MultiSelect(attrs={"size": 8}),
            "ris3_fields": MultiSelect(attrs={"size": 6}),
            "logo": LogoInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance if self.instance.pk else None
        if "competences" in self.fields:
            self.fields["competences"].queryset = _terms(
                Competence, instance.competences if instance else None
            )
        if "ris3_fields" in self.fields:
            self.fields["ris3_fields"].queryset = _terms(
                Ris3Field, instance.ris3_fields if instance else None
            )
        if "member_visibility" in self.fields:
            self.fields["member_visibility"].required = False
        if instance is not None and "logo" in self.fields:
            self.fields["logo"].widget.logo_url = reverse(
                "partners:organisation_logo", kwargs={"pk": instance.pk}
            )

    def clean_member_visibility(self) -> str:
        """Left out (an older form, a script): the current choice stays, hidden for new ones."""
        return self.cleaned_data.get("member_visibility") or self.instance.member_visibility

    def clean_vat_id(self) -> str:
        vat_id = normalise_vat_id(self.cleaned_data.get("vat_id") or "")
        try:
            Organisation.validate_identity({"vat_id": vat_id})
        except ValidationError as error:
            raise ValidationError(error.message_dict["vat_id"]) from error
        return vat_id

    def _update_errors(self, errors: ValidationError) -> None:
        """A rule of the record about a field this form does not offer (a member's form has
        no district) is shown above the form instead of failing."""
        if hasattr(errors, "error_dict"):
            for field in [name for name in errors.error_dict if name not in self.fields]:
                errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(
                    errors.error_dict.pop(field)
                )
        super()._update_errors(errors)

    def _post_clean(self) -> None:
        # Validate against a copy, so a rejected form leaves the loaded record untouched.
        if self.instance.pk:
            original = self.instance
            self.instance = Organisation.objects.get(pk=original.pk)
            try:
                super()._post_clean()
            finally:
                self.instance = original
        else:
            super()._post_clean()

    def data_for_service(self) -> dict[str, Any]:
        """Only the fields this form offers; anything else posted is ignored. A cleared logo
        becomes "" (no file), as Django's own save_form_data does."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields if name in self.fields}
        if data.get("logo") is False:
            data["logo"] = ""
        return data


class MemberOrganisationForm(OrganisationForm):
    """What a member user may change about its own organisation."""

    class Meta(OrganisationForm.Meta):
        fields = MEMBER_FIELDS


class UnitForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "description", "keywords", "website", "competences"]
        formfield_callback = _formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "competences": MultiSelect(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.competences if self.instance.pk else None
        self.fields["competences"].queryset = _terms(Competence, current)

    def validate_unique(self) -> None:
        """The service checks the name within the organisation, ignoring case."""


class MembershipStatusForm(StyledFormMixin, forms.Form):
    """A dated status change of the organisation's membership in one network."""

    network = forms.ModelChoiceField(queryset=Network.objects.all(), label=_("network"))
    status = forms.ChoiceField(choices=MembershipStatus.choices, label=_("status"))
    valid_from = forms.DateField(label=_("valid from"), widget=DateInput())
    membership_type = forms.ChoiceField(
        choices=[("", _("keep as is")), *Membership.Type.choices],
        required=False,
        label=_("membership type"),
    )
    reason = forms.CharField(max_length=300, required=False, label=_("reason"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("valid_from", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_valid_from(self) -> Any:
        valid_from = self.cleaned_data["valid_from"]
        if valid_from.year < 1900:
            raise ValidationError(_("Enter a date after 1900."))
        return valid_from
