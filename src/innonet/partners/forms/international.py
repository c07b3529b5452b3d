"""The form of the office's international work; the rule lives in services.international."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.errors import DomainError
from innonet.core.forms import BoundedModelMultipleChoiceField, DateInput, StyledFormMixin
from innonet.core.models import Country

from ..models import InternationalActivity, Organisation
from ..services.international import validate_international


class InternationalActivityForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = InternationalActivity
        fields = [
            "kind", "direction", "happened_on", "topic", "countries", "visitors",
            "organisations", "network", "notes",
        ]  # fmt: skip
        field_classes = {
            "countries": BoundedModelMultipleChoiceField,
            "organisations": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "happened_on": DateInput(),
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "organisations": forms.SelectMultiple(attrs={"size": 8}),
            "notes": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].queryset = Country.objects.active()
        self.fields["organisations"].queryset = Organisation.objects.only("pk", "name")
        self.fields["network"].empty_label = _("no particular network")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        try:
            validate_international(data)
        except DomainError as error:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data

    def _post_clean(self) -> None:
        """Model validation runs in the service."""
