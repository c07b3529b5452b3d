"""Forms of the consortium: add a partner (found by a search, the registry is long) and
change a partner's role, unit and budget. The services check the rules."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin
from innonet.partners.models import Organisation, Unit

from ..models.projects import AMOUNT, ROLE_CHOICES
from .projects import IdChoiceField

SEARCH_RESULTS = 30
BUDGET_FIELDS = ("requested_amount", "granted_amount", "funding_rate")


class BudgetFieldsMixin(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES, label=_("Role"), initial="partner")
    requested_amount = forms.DecimalField(
        label=_("Requested amount (EUR)"), min_value=0, required=False, localize=True, **AMOUNT
    )
    granted_amount = forms.DecimalField(
        label=_("Granted amount (EUR)"),
        min_value=0,
        required=False,
        localize=True,
        help_text=_("Once the funder has decided."),
        **AMOUNT,
    )
    funding_rate = forms.DecimalField(
        label=_("Funding rate (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        required=False,
        localize=True,
        help_text=_("Empty: taken from the programme's rate for this kind of partner."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        requested, granted = data.get("requested_amount"), data.get("granted_amount")
        if granted is not None and granted > (requested or 0):
            self.add_error(
                "granted_amount", _("The granted amount cannot exceed the requested amount.")
            )
        return data

    def budget(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in BUDGET_FIELDS}


def _units_choices(organisations: list[Organisation]) -> list[Any]:
    """Units grouped by organisation, for the organisations on offer."""
    units = Unit.objects.filter(organisation__in=organisations).order_by(
        "organisation__name", "name"
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    names = {org.pk: org.name for org in organisations}
    for unit in units:
        groups.setdefault(names[unit.organisation_id], []).append((unit.pk, unit.name))
    return [("", _("the whole organisation")), *groups.items()]


class PartnerAddForm(StyledFormMixin, BudgetFieldsMixin):
    """A new partner: the organisation is chosen among the results of a search (any visible
    organisation id is accepted when posted), optionally one of its units."""

    organisation = IdChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    unit = IdChoiceField(queryset=Unit.objects.none(), required=False, label=_("Unit"))

    field_order = ["organisation", "unit", "role", *BUDGET_FIELDS]

    def __init__(self, *args: Any, organisations: QuerySet, offered: list, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].widget.choices = [
            ("", _("please choose")),
            *((org.pk, _label(org)) for org in offered),
        ]
        self.fields["unit"].queryset = Unit.objects.filter(organisation__in=organisations)
        self.fields["unit"].widget.choices = _units_choices(offered)


def _label(organisation: Organisation) -> str:
    place = organisation.city or ""
    return f"{organisation.name} ({place})" if place else organisation.name


class PartnerUpdateForm(StyledFormMixin, BudgetFieldsMixin):
    """Role, unit and budget of a partner; the organisation stays."""

    unit = IdChoiceField(queryset=Unit.objects.none(), required=False, label=_("Unit"))

    field_order = ["unit", "role", *BUDGET_FIELDS]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = organisation.units.all()
        self.fields["unit"].empty_label = _("the whole organisation")
