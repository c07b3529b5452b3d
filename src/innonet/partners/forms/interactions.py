"""The form of the interaction log; the partner rules live in services.interactions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core.forms import DateInput, StyledFormMixin

from ..models import Interaction, Organisation, Person

DATE = DateInput()


class InteractionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Interaction
        fields = [
            "happened_on", "kind", "organisation", "person", "topic", "notes", "follow_up_on",
            "staff",
        ]  # fmt: skip
        widgets = {
            "happened_on": DATE,
            "follow_up_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.only("pk", "name")
        self.fields["person"].queryset = Person.objects.present()
        self.fields["staff"].queryset = User.objects.filter(role=Role.STAFF, is_active=True)
        self.fields["staff"].help_text = _("Who follows up; you, if left empty.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        partners = ("organisation", "person")
        if all(key in data and data[key] is None for key in partners):
            raise forms.ValidationError(_("Please choose an organisation, a person or both."))
        return data

    def _post_clean(self) -> None:
        """Model validation runs in the service, which also checks the person's role."""
