"""The office's agreement form. It validates input only; networks.services writes."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import User
from innonet.core import permissions
from innonet.core.forms import DateInput, StyledFormMixin

from .models import NetworkAgreement
from .services import FIELDS


class AgreementForm(StyledFormMixin, forms.ModelForm):
    """Who grants what to whom, for which period, signed by whom in the office."""

    class Meta:
        model = NetworkAgreement
        fields = list(FIELDS)
        widgets = {
            "valid_from": DateInput(),
            "valid_until": DateInput(),
            "signed_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = User.objects.filter(
            role=permissions.STAFF, is_active=True
        ).order_by("email")
        self.fields["grantor"].empty_label = _("choose a network")
        self.fields["grantee"].empty_label = _("choose a network")
        for field in self.fields.values():
            field.label = capfirst(field.label)

    def _post_clean(self) -> None:
        """The service checks the rules (networks.services.check_agreement)."""

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS}
