"""The graph page's filter: the period (`start`, `end` as ISO dates, by default the last twelve
months), an optional network and what the colours show. Bad input never fails the page: the
form says what is wrong and the page shows the default instead."""

from datetime import date, timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import DateInput, StyledFormMixin
from innonet.networks.models import Network

from .period import Period

COLOURS = (("kind", _("kind of organisation")), ("ris3", _("RIS3 field")))
MAX_DAYS = 30 * 366  # longer periods are typing errors


def default_period(today: date | None = None) -> Period:
    """The last twelve months up to today."""
    today = today or timezone.localdate()
    return Period(start=today - timedelta(days=364), end=today)


class GraphFilterForm(StyledFormMixin, forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    # Choices from one query; an unknown or absurd id is a form error, never a database error.
    network = forms.TypedChoiceField(
        label=_("Network"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Only organisations with a membership in this network."),
    )
    colour = forms.ChoiceField(label=_("Colour by"), choices=COLOURS, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.networks = dict(Network.objects.order_by("kind", "name").values_list("pk", "name"))
        self.fields["network"].choices = [("", _("all organisations")), *self.networks.items()]

    @classmethod
    def from_query(cls, query: QueryDict) -> "GraphFilterForm":
        """The form bound to the query string, with the default period and colouring filled
        in where they are missing, so the fields always show what the page shows."""
        data = query.copy()
        today = timezone.localdate()
        if not data.get("end"):
            data["end"] = today.isoformat()
        if not data.get("start"):
            try:
                end = date.fromisoformat(data["end"])
            except ValueError:
                end = today
            data["start"] = (end - timedelta(days=364)).isoformat()
        if not data.get("colour"):
            data["colour"] = "kind"
        return cls(data)

    def clean(self) -> dict:
        data = super().clean()
        end = data.get("end") or timezone.localdate()
        start = data.get("start") or end - timedelta(days=364)
        if end < start:
            self.add_error("end", _("The period must end on or after its start."))
        elif (end - start).days > MAX_DAYS:
            self.add_error("start", _("The period may span at most 30 years."))
        data["period"] = Period(start=start, end=end)
        return data

    def filters(self) -> tuple[Period, int | None, str]:
        """The period, network id and colouring to show: the valid ones, else the defaults."""
        if self.is_valid():
            data = self.cleaned_data
            return data["period"], data["network"], data["colour"] or "kind"
        return default_period(), None, "kind"

    def query(self) -> str:
        """The filter shown, as a query string for the export links."""
        period, network, colour = self.filters()
        parts = [f"start={period.start.isoformat()}", f"end={period.end.isoformat()}"]
        if network is not None:
            parts.append(f"network={network}")
        return "&".join([*parts, f"colour={colour}"])
