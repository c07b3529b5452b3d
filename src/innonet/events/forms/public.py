"""The search and filter form above the public event calendar."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin
from innonet.core.models import Ris3Field
from innonet.core.validators import check_plain_text
from innonet.networks.models import Network

from ..models import Event


class EventFilterForm(StyledFormMixin, forms.Form):
    """Search text, RIS3 field, organising network, and upcoming or past events."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    ris3_field = forms.ModelChoiceField(
        label=_("RIS3 field"),
        queryset=Ris3Field.objects.all(),
        required=False,
        empty_label=_("all"),
    )
    network = forms.ModelChoiceField(
        label=_("Organising network"),
        queryset=Network.objects.all(),
        required=False,
        empty_label=_("all"),
    )
    past = forms.BooleanField(label=_("Past events"), required=False)

    def clean_q(self) -> str:
        return check_plain_text(self.cleaned_data["q"]).strip()

    def apply(self, queryset: QuerySet) -> QuerySet:
        """Filter `queryset` by the valid fields; an invalid filter is ignored, not fatal."""
        data = self.cleaned_data if self.is_valid() else {}
        for word in (data.get("q") or "").split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(venue__icontains=word)
            )
        if field := data.get("ris3_field"):
            queryset = queryset.filter(
                pk__in=Event.ris3_fields.through.objects.filter(ris3field=field).values("event_id")
            )
        if network := data.get("network"):
            co_organised = Event.co_organisers.through.objects.filter(network=network)
            queryset = queryset.filter(
                Q(organiser=network) | Q(pk__in=co_organised.values("event_id"))
            )
        return queryset

    @property
    def show_past(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("past"))
