"""Forms of the day and after: a follow-up task of the office."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core.forms import StyledFormMixin


class EventTaskForm(StyledFormMixin, forms.Form):
    """Title, the staff member who does it, and when it is due; the service checks the rest."""

    title = forms.CharField(label=_("Task"), max_length=200)
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("nobody yet"),
    )
    due_on = forms.DateField(
        label=_("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            role=Role.STAFF, is_active=True
        ).order_by("full_name", "email")
