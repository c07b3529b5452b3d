"""Forms of the work on a project: a note, a task with owner and due date, a document."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innonet.accounts.models import Role, User
from innonet.core.forms import DateInput, StyledFormMixin

from ..models import InnovationProject, ProjectDocument
from ..models.work import DOCUMENT_EXTENSIONS
from ..services import validate_document_upload
from .projects import IdChoiceField


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Note"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TaskForm(StyledFormMixin, forms.Form):
    """Tasks go to network staff or to people of a partner organisation."""

    title = forms.CharField(label=_("Task"), max_length=300)
    assignee = IdChoiceField(queryset=User.objects.none(), required=False, label=_("Assigned to"))
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, project: InnovationProject, **kwargs: Any) -> None:
        super().__init__(*args, prefix="task", **kwargs)
        partners = project.partners.values("organisation_id")
        self.fields["assignee"].queryset = User.objects.filter(
            Q(role=Role.STAFF) | Q(role=Role.MEMBER, organisation_id__in=partners),
            is_active=True,
        ).order_by("role", "full_name", "email")

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data.get("due_on")
        if due_on is not None and due_on.year < 2000:
            raise ValidationError(_("Enter a date after 2000."))
        return due_on


class DocumentForm(StyledFormMixin, forms.Form):
    """An upload: size, type and content are checked before anything is stored."""

    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in (*DOCUMENT_EXTENSIONS, "jpeg"))}
        ),
    )
    kind = forms.ChoiceField(
        choices=ProjectDocument.Kind.choices, label=_("Kind"), initial=ProjectDocument.Kind.OTHER
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="document", **kwargs)
        self.fields["file"].help_text = gettext("At most 20 MB; %(extensions)s.") % {
            "extensions": ", ".join(DOCUMENT_EXTENSIONS)
        }

    def clean_file(self) -> Any:
        file = self.cleaned_data["file"]
        validate_document_upload(file)
        return file
