"""The filter of the attention list: network, reason, district, kind and how many quiet months
make a partner quiet."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import style_filter_form
from innonet.core.models import District
from innonet.networks.models import Network
from innonet.partners.models import Organisation

from . import rules
from .queries import REASON_CHOICES


class AttentionFilterForm(forms.Form):
    network = forms.ModelChoiceField(
        queryset=Network.objects.all(), required=False, label=_("network")
    )
    reason = forms.ChoiceField(
        choices=[("", "---------"), *REASON_CHOICES], required=False, label=_("reason")
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(), required=False, label=_("district")
    )
    kind = forms.ChoiceField(
        choices=[("", "---------"), *Organisation.Kind.choices], required=False, label=_("kind")
    )
    months = forms.IntegerField(
        min_value=1,
        max_value=rules.MAX_QUIET_MONTHS,
        required=False,
        label=_("months without activity"),
        help_text=_("No activity for this many months makes a member quiet."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_filter_form(self)

    def filters(self) -> dict:
        """The cleaned choices as arguments of `queries.attention_list`; the defaults when
        the form is not valid (the page shows its errors)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "network": data.get("network"),
            "district": data.get("district"),
            "kind": data.get("kind") or "",
            "reason": data.get("reason") or "",
            "months": data.get("months") or rules.DEFAULT_QUIET_MONTHS,
        }
