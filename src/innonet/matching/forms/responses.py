"""A visitor's answer to a public cooperation profile. The form validates input only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin

from ..models.responses import RESPONSE_MESSAGE_MAX_LENGTH


class ProfileResponseForm(StyledFormMixin, forms.Form):
    """Name, address, organisation, message, and the consent the office needs to answer."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    organisation_name = forms.CharField(
        label=_("Your organisation"), max_length=200, required=False
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=RESPONSE_MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network office stores my details and my message to answer me and "
            "to pass my request on to the organisation behind this profile."
        ),
        required=True,
        error_messages={"required": _("Please agree to the processing of your details.")},
    )
