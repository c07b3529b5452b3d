"""Forms of the import pages (upload, column mapping) and of merging duplicates."""

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin
from innonet.core.models import Country, District

from ..imports import MAX_FILE_BYTES, targets_for
from ..imports.columns import NO_DEFAULT
from ..imports.rows import defaults_problems
from ..models import ImportJob, Organisation
from ..services.merge import KEEP, TAKE

DELIMITERS = [
    ("", _("detect automatically")),
    (";", _("semicolon (;)")),
    (",", _("comma (,)")),
    ("\t", _("tab")),
]


class ImportUploadForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("The file contains"), choices=ImportJob.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (comma or semicolon, UTF-8 or Windows-1252) or Excel (.xlsx), at most "
            "10 MB. The first row holds the column headers."
        ),
    )
    delimiter = forms.ChoiceField(
        label=_("CSV separator"), choices=DELIMITERS, required=False, initial=""
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB."),
                params={"size": MAX_FILE_BYTES // 1024**2},
            )
        if PurePath(upload.name or "").suffix.lower() not in (".csv", ".txt", ".xlsx"):
            raise forms.ValidationError(
                _("Please upload a CSV file (.csv) or an Excel workbook (.xlsx).")
            )
        return upload


def _default_field(kind: str, target: Any, initial: str) -> forms.Field:
    """The input for one field's value for all rows: a choice where the values are fixed."""
    label = f"{target.label}{' *' if target.required else ''}"
    choices: list[tuple[str, Any]] | None = None
    if target.name == "kind":
        choices = list(Organisation.Kind.choices)
    elif target.name == "district":
        choices = [(d.name, d.name) for d in District.objects.active()]
    elif target.name == "country":
        choices = [(c.code, c.name) for c in Country.objects.active()]
    elif target.name == "language":
        choices = [("de", _("German")), ("en", _("English"))]
    elif target.name == "is_main_contact":
        choices = [("ja", _("yes")), ("nein", _("no"))]
    if choices is not None:
        return forms.ChoiceField(
            label=label,
            choices=[("", _("— none —")), *choices],
            required=False,
            initial=initial,
        )
    return forms.CharField(label=label, required=False, max_length=500, initial=initial)


class ImportMappingForm(StyledFormMixin, forms.Form):
    """One choice per column of the file (which field it fills, or none), shown with the
    column's first values; then a value for all rows for each field without a column."""

    def __init__(
        self, *args: Any, job: ImportJob, samples: list[list[str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = job.kind
        choices = [("", _("— do not import —"))] + [
            (target.name, f"{target.label}{' *' if target.required else ''}")
            for target in targets_for(job.kind)
        ]
        for index, header in enumerate(job.headers):
            shown = (samples or [])[index] if index < len(samples or []) else []
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=job.mapping.get(str(index), ""),
                help_text=(
                    _("First values: %(values)s") % {"values": " · ".join(shown)}
                    if shown
                    else _("No values in the first rows.")
                ),
            )
        for target in targets_for(job.kind):
            if target.name in NO_DEFAULT:
                continue
            field = _default_field(job.kind, target, job.defaults.get(target.name, ""))
            self.fields[f"default_{target.name}"] = field
        for field in self.fields.values():  # the new fields get Bootstrap's classes too
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def column_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("col_")]

    def default_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("default_")]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        mapped = set(self.mapping().values())
        for name, message in defaults_problems(self.kind, self.defaults()).items():
            self.add_error(f"default_{name}", message)
        for name in mapped & set(self.defaults()):
            self.add_error(
                f"default_{name}",
                _("This field already has a column; leave the value for all rows empty."),
            )
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("col_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("col_") and value
        }

    def defaults(self) -> dict[str, str]:
        return {
            name.removeprefix("default_"): value.strip()
            for name, value in self.cleaned_data.items()
            if name.startswith("default_") and value and value.strip()
        }


class MergeForm(StyledFormMixin, forms.Form):
    """Per field: keep the survivor's value or take the other record's."""

    def __init__(self, *args: Any, fields: list[tuple[str, str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, kept, other in fields:
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[(KEEP, kept or _("(empty)")), (TAKE, other or _("(empty)"))],
                initial=KEEP,
                required=False,  # not chosen: the survivor keeps its value
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}
