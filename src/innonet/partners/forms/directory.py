"""The member directory's form: contact through the office. It validates input only."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin

from ..models import Organisation, Unit
from ..models.contact_requests import CONTACT_MESSAGE_MAX_LENGTH


class ContactRequestForm(StyledFormMixin, forms.Form):
    """What a member tells the office: whom (optionally which research group) and why."""

    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        required=False,
        label=_("research group"),
        empty_label=_("the organisation as a whole"),
    )
    message = forms.CharField(
        label=_("What would you like to talk about?"),
        max_length=CONTACT_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The office reads it and puts you in touch; your message is not forwarded "
            "without its check."
        ),
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation)
        self.fields["unit"].label_from_instance = lambda unit: unit.name
        if not self.fields["unit"].queryset.exists():
            del self.fields["unit"]
