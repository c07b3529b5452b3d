from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin

from .models import ApiToken
from .services import MAX_TOKEN_DAYS


class ApiTokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What is it for?"))
    scope = forms.ChoiceField(
        label=_("Scope"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_TOKEN_DAYS, initial=90
    )
