"""Forms of the import pages (upload, column mapping) and of merging duplicates."""

from pathlib import PurePath
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from innonet.core.forms import StyledFormMixin

from ..imports import MAX_FILE_BYTES, targets_for
from ..models import ImportJob
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


class ImportMappingForm(StyledFormMixin, forms.Form):
    """One choice per column of the file: which field it fills, or none."""

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— do not import —"))] + [
            (target.name, f"{target.label}{' *' if target.required else ''}")
            for target in targets_for(job.kind)
        ]
        for index, header in enumerate(job.headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("column %(number)d") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=job.mapping.get(str(index), ""),
            )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("col_"): value for name, value in self.cleaned_data.items() if value
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
