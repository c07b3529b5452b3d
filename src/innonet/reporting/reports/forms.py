"""The form that issues a funder's report: a calendar year or a span of days, and a network."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.errors import DomainError
from innonet.core.forms import StyledFormMixin
from innonet.networks.models import Network

from ..indicators import Period


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class IssueForm(StyledFormMixin, forms.Form):
    """Either a year, or a start and an end date; the network or all networks together."""

    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("A calendar year, e.g. the year of the annual report."),
    )
    start = forms.DateField(
        label=_("or from"), required=False, widget=DateInput(), help_text=_("First day.")
    )
    end = forms.DateField(
        label=_("to"), required=False, widget=DateInput(), help_text=_("Last day, included.")
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.all(),
        required=False,
        empty_label=_("all networks together"),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        year, start, end = data.get("year"), data.get("start"), data.get("end")
        try:
            period = self._period(year, start, end)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return data
        if period.start > timezone.localdate():
            self.add_error("year" if year else "start", _("The period has not begun yet."))
            return data
        data["period"] = period
        return data

    @staticmethod
    def _period(year: int | None, start, end) -> Period:
        if year is not None and (start or end):
            raise DomainError(_("Give either a year or a start and an end date, not both."))
        if year is not None:
            return Period.year(year)
        if start is None and end is None:
            raise DomainError(_("Choose a year, or a start and an end date."), field="year")
        if start is None:
            raise DomainError(_("Give the first day of the period."), field="start")
        if end is None:
            raise DomainError(_("Give the last day of the period."), field="end")
        if start.year < 1990 or end.year > 2100:
            raise DomainError(_("Enter a date between 1990 and 2100."), field="start")
        return Period(start, end)


class LabelIssueForm(StyledFormMixin, forms.Form):
    """The period of the cluster label evidence (both days required) and the network."""

    start = forms.DateField(label=_("From"), widget=DateInput(), help_text=_("First day."))
    end = forms.DateField(label=_("To"), widget=DateInput(), help_text=_("Last day, included."))
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.all(),
        required=False,
        empty_label=_("all networks together"),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        if not (1990 <= start.year <= 2100 and 1990 <= end.year <= 2100):
            self.add_error("start", _("Enter a date between 1990 and 2100."))
            return data
        try:
            period = Period(start, end)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
            return data
        if period.start > timezone.localdate():
            self.add_error("start", _("The period has not begun yet."))
            return data
        data["period"] = period
        return data
