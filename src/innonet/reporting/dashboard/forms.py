"""The dashboard's filter: a year or a span of days, and a network."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.errors import DomainError
from innonet.core.forms import StyledFormMixin
from innonet.networks.models import Network
from innonet.reporting.indicators import Period, period_from_query


class PeriodForm(StyledFormMixin, forms.Form):
    """Read from the query string; an invalid entry shows its message and the default period
    (this year) is used meanwhile."""

    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.order_by("kind", "name"),
        required=False,
        empty_label=_("all networks"),
    )

    def __init__(self, *args, today: date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        query = {
            "year": str(data.get("year") or ""),
            "start": data["start"].isoformat() if data.get("start") else "",
            "end": data["end"].isoformat() if data.get("end") else "",
        }
        if query["year"] and (query["start"] or query["end"]):
            query["year"] = ""  # explicit dates win over the year
        try:
            data["period"] = period_from_query(query, today=self.today)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data

    def chosen_period(self) -> Period:
        if self.is_valid():
            return self.cleaned_data["period"]
        return period_from_query({}, today=self.today)

    def chosen_network(self) -> Network | None:
        return self.cleaned_data.get("network") if self.is_valid() else None

    def query(self) -> str:
        """The filter as a query string for links to the drill-down and the other pages."""
        period = self.chosen_period()
        parts = [f"start={period.start.isoformat()}", f"end={period.end.isoformat()}"]
        if self.chosen_network() is not None:
            parts.append(f"network={self.chosen_network().pk}")
        return "&".join(parts)
