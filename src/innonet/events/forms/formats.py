"""Forms of the format catalogue. They validate input only; services write."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin
from innonet.networks import queries as network_queries
from innonet.networks.models import Network, Share

from ..models import Format
from ..services.formats import FIELDS
from .events import DateTimeLocalInput, default_organiser, organiser_choices


class FormatForm(StyledFormMixin, forms.ModelForm):
    """The fields of a format; network managers can only choose their own network."""

    duration_minutes = forms.IntegerField(
        label=_("typical duration (minutes)"), required=False, min_value=1, max_value=10_000
    )
    capacity = forms.IntegerField(
        label=_("typical capacity"), required=False, min_value=1, max_value=100_000
    )

    class Meta:
        model = Format
        fields = list(FIELDS)
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "checklist": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = organiser_choices(user)
        self.fields["network"].empty_label = None
        if self.instance.pk is None and not self.is_bound and not self.initial.get("network"):
            default = default_organiser(user, self.fields["network"].queryset)
            self.initial["network"] = default.pk if default else None
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def _post_clean(self) -> None:
        """The service checks the model rules (and reports a duplicate name clearly)."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS if name in self.fields}


class FormatAdoptForm(StyledFormMixin, forms.Form):
    """Staff choose which network adopts the format; managers always adopt for their own."""

    network = forms.ModelChoiceField(queryset=Network.objects.none(), label=_("for network"))

    def __init__(self, *args: Any, format: Format, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adopted = format.adoptions.values("network_id")
        # Only networks an agreement in force lets take over this network's formats.
        partners = network_queries.grantees(format.network_id, Share.FORMATS)
        self.fields["network"].queryset = Network.objects.filter(pk__in=partners).exclude(
            pk__in=adopted
        )
        self.fields["network"].empty_label = _("choose a network")


class EventFromFormatForm(StyledFormMixin, forms.Form):
    """When and by whom a new draft built from a format takes place."""

    starts_at = forms.DateTimeField(label=_("starts"), widget=DateTimeLocalInput())
    organiser = forms.ModelChoiceField(
        queryset=Network.objects.none(), label=_("organising network"), empty_label=None
    )

    def __init__(self, *args: Any, user: Any, format: Format, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organiser_choices(user)
        for field in self.fields.values():
            field.label = capfirst(field.label)
        if not self.is_bound and "organiser" not in self.initial:
            default = default_organiser(user, self.fields["organiser"].queryset)
            self.initial["organiser"] = default.pk if default else None
