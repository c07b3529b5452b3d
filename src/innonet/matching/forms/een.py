"""Forms of the EEN file pages: the upload (and, for staff, the organisation to import for)
and the confirmation that carries the signed preview."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core import permissions
from innonet.core.collation import german_order
from innonet.core.forms import StyledFormMixin
from innonet.partners.models import Organisation

from ..een.documents import MAX_FILE_BYTES

__all__ = ["EenConfirmForm", "EenUploadForm"]


class EenUploadForm(StyledFormMixin, forms.Form):
    """A JSON or XML file of the EEN partnering format; staff choose the organisation, members
    always import for their own."""

    organisation = forms.ModelChoiceField(
        label=_("organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The profiles are created for this organisation."),
    )
    file = forms.FileField(label=_("File"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filled in per request: a lazy text with % applied at import keeps the language
        # of whoever loaded the module first.
        self.fields["file"].help_text = _(
            "EEN partnering profiles as JSON (.json) or XML (.xml), UTF-8, at most "
            "%(size)d MB and 100 profiles."
        ) % {"size": MAX_FILE_BYTES // 1024**2}
        if permissions.is_staff(user):
            self.fields["organisation"].queryset = Organisation.objects.order_by(
                german_order("name")
            )
        else:
            del self.fields["organisation"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB."),
                params={"size": MAX_FILE_BYTES // 1024**2},
            )
        return upload


class EenConfirmForm(forms.Form):
    """The signed preview and the consent to leave unknown fields out."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=4 * MAX_FILE_BYTES)
    leave_out_unknown = forms.BooleanField(
        label=_("Leave out the fields listed as unknown"), required=False
    )
