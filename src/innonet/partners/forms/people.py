"""Forms of the people pages; the rules themselves live in services.people."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import DateInput, StyledFormMixin
from innonet.core.versioning.forms import VersionedFormMixin

from ..models import Affiliation, Consent, ConsentPurpose, Organisation, Person, Unit

DATE = DateInput()


class PersonForm(VersionedFormMixin, StyledFormMixin, forms.ModelForm):
    """A person's own data; `version` carries the version the editor started from."""

    version_required = True

    class Meta:
        model = Person
        fields = ["title", "first_name", "last_name", "email", "phone", "language"]


class PersonCreateForm(PersonForm):
    """Staff may place a new person at an organisation right away; member users' new people
    always join the member's own organisation (the view passes it, the form does not ask)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label=_("organisation")
    )
    position = forms.CharField(max_length=120, required=False, label=_("position"))

    def __init__(self, *args: Any, organisations: QuerySet | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations


class AffiliationForm(StyledFormMixin, forms.ModelForm):
    """A role at an organisation; only organisations the user may act for are accepted."""

    class Meta:
        model = Affiliation
        fields = ["organisation", "unit", "position", "is_main_contact", "started_on", "ended_on"]
        widgets = {"started_on": DATE, "ended_on": DATE}

    def __init__(self, *args: Any, organisations: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["unit"].queryset = Unit.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date must not be before the start date."))
        unit, organisation = data.get("unit"), data.get("organisation")
        if (
            unit is not None
            and organisation is not None
            and unit.organisation_id != organisation.pk
        ):
            self.add_error("unit", _("The unit does not belong to this organisation."))
        return data

    def validate_unique(self) -> None:
        """The service reports duplicate roles clearly; skip Django's generic check."""

    def _post_clean(self) -> None:
        """No model validation here: the person is set by the service, which validates."""


class AffiliationEndForm(StyledFormMixin, forms.Form):
    ended_on = forms.DateField(label=_("role ended on"), widget=DATE)


class ConsentForm(StyledFormMixin, forms.Form):
    """One new entry of the consent log: a grant or a withdrawal."""

    GRANTED = (("granted", _("granted")), ("withdrawn", _("withdrawn")))

    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, label=_("purpose"))
    decision = forms.ChoiceField(choices=GRANTED, label=_("decision"))
    source = forms.CharField(
        max_length=Consent._meta.get_field("source").max_length,
        label=_("source"),
        help_text=_("Where the person said so, e.g. “Telefonat” or “Formular Veranstaltung”."),
    )
    text_version = forms.CharField(
        max_length=Consent._meta.get_field("text_version").max_length,
        label=_("text version"),
        help_text=_("The version of the consent text the person agreed to, e.g. 2025-01."),
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("for organisation"),
        help_text=_("Only for the public profile: the organisation the person speaks for."),
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            affiliations__person=person
        ).distinct()

    @property
    def granted(self) -> bool:
        return self.cleaned_data["decision"] == "granted"
