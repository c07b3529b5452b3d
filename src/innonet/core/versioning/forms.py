"""The page side of optimistic locking: the hidden `version` field of edit forms, and what the
conflict page shows (template `core/_conflict.html`)."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

DAMAGED = _("The form is damaged or out of date; please reload the page and try again.")


class VersionedFormMixin:
    """A hidden `version` field, filled from the record being edited and sent back with the
    save. A damaged one is said above the form, since hidden fields show no errors."""

    version_required = False  # on edits; otherwise a form without it saves unchecked

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = self.versioned_record()
        editing = record is not None and record.pk is not None
        self.fields["version"] = forms.IntegerField(
            widget=forms.HiddenInput, required=self.version_required and editing, min_value=0
        )
        if editing and not self.is_bound:
            self.initial["version"] = record.version

    def versioned_record(self) -> Any:
        """The record this form edits: a model form's instance."""
        return getattr(self, "instance", None)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "version" in self.errors:
            raise forms.ValidationError(DAMAGED)
        return data


def _shown(field: forms.Field, value: Any) -> str:
    if isinstance(value, models.QuerySet | list):
        return ", ".join(sorted(str(item) for item in value))
    if value is None:
        return ""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)


def differences(
    form: forms.BaseForm, current: models.Model, names: Iterable[str] | None = None
) -> list[tuple[str, str, str]]:
    """(label, what this editor entered, what is stored now) for each field of the form (or of
    `names`) that differs; many-to-many fields compare by their set of ids."""
    rows = []
    for name in names if names is not None else form.fields:
        if name == "version":
            continue
        field = form.fields[name]
        mine = form.cleaned_data.get(name)
        theirs: Any = getattr(current, name)
        if current._meta.get_field(name).many_to_many:
            theirs = list(theirs.all())
            if {item.pk for item in mine or []} == {item.pk for item in theirs}:
                continue
        elif mine == theirs or (mine in ("", None) and theirs in ("", None)):
            continue
        rows.append((str(field.label), _shown(field, mine), _shown(field, theirs)))
    return rows
